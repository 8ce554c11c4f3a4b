"""Site search over published pages, with Wagtail's database backend (full-text on SQLite's FTS5
and PostgreSQL's text search)."""

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search_pages(query: str, page_number: str | int | None = 1) -> ResultsPage:
    """One page of the published pages matching ``query``, best first."""
    results = Page.objects.live().public().filter(depth__gt=1).specific().search(query)
    return Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
