"""Site search over published pages, with Wagtail's database backend (full-text on SQLite's FTS5
and PostgreSQL's text search)."""

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The library is a few dozen pages; ranking looks at this many matches at most.
MAX_RESULTS = 200


def search_pages(query: str, page_number: str | int | None = 1) -> ResultsPage:
    """One page of the published pages matching ``query``.

    The search backend ranks by how often words occur, which can put a short page that mentions
    "ketamine" twice above the page about ketamine; so a page named after what was searched for
    comes first, then pages whose title holds every word, each group in the backend's order.
    """
    matches = Page.objects.live().public().filter(depth__gt=1).specific().search(query)
    wanted = query.casefold()
    words = wanted.split()

    def named_after(page) -> int:
        title = page.title.casefold()
        if title == wanted:
            return 0
        return 1 if all(word in title for word in words) else 2

    ranked = sorted(matches[:MAX_RESULTS], key=named_after)
    return Paginator(ranked, RESULTS_PER_PAGE).get_page(page_number)
