"""Site search over published pages, with Wagtail's database backend (full-text on SQLite's FTS5
and PostgreSQL's text search), and over the few pages that are not in the library: the crisis
page first of all."""

from dataclasses import dataclass

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.crisis import CRISIS_PAGE, SitePage
from core.risk import fold

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The library is a few dozen pages; ranking looks at this many matches at most.
MAX_RESULTS = 200

ASSESSMENT_PAGE = SitePage(
    title=_("Which treatment options might fit you? A self-assessment"),
    url="/assessment/",
    summary=_(
        "Short questionnaires for depression, anxiety and PTSD, scored as published, with the "
        "treatments that may fit you and the reasons to talk to a doctor first."
    ),
    keywords=(
        "assessment",
        "self assessment",
        "quiz",
        "test",
        "screening",
        "screener",
        "questionnaire",
        "phq 9",
        "phq9",
        "gad 7",
        "gad7",
        "am i depressed",
        "do i have depression",
        "is ketamine right for me",
        "is ketamine right for you",
        "which treatment",
    ),
)
FINDER_PAGE = SitePage(
    title=_("Find treatment near you"),
    url="/find/",
    summary=_("Providers near you, with their prices, protocols and whether they are verified."),
    keywords=("find", "near me", "clinic", "clinics", "provider", "providers", "directory"),
)
SITE_PAGES = (CRISIS_PAGE, ASSESSMENT_PAGE, FINDER_PAGE)


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    summary: str


def _matches(page: SitePage, folded: str) -> bool:
    words = set(folded.split())
    padded = f" {folded} "
    return any(
        keyword in words or (" " in keyword and f" {keyword} " in padded)
        for keyword in (fold(str(keyword)) for keyword in page.keywords)
    )


def search_pages(
    query: str, page_number: str | int | None = 1, *, risk: bool = False
) -> ResultsPage:
    """One page of results for ``query``: the site's own pages it names first (the crisis page
    first of all when ``risk``), then the published library pages that match.

    The search backend ranks by how often words occur, which can put a short page that mentions
    "ketamine" twice above the page about ketamine; so a page named after what was searched for
    comes first, then pages whose title holds every word, each group in the backend's order.
    """
    folded = fold(query)
    fixed = [
        page for page in SITE_PAGES if (risk and page is CRISIS_PAGE) or _matches(page, folded)
    ]
    matches = Page.objects.live().public().filter(depth__gt=1).specific().search(query)
    wanted = query.casefold()
    words = wanted.split()

    def named_after(page) -> int:
        title = page.title.casefold()
        if title == wanted:
            return 0
        return 1 if all(word in title for word in words) else 2

    ranked = sorted(matches[:MAX_RESULTS], key=named_after)
    results = [Result(str(page.title), page.url, str(page.summary)) for page in fixed]
    results += [
        Result(page.title, page.get_url(), getattr(page, "meta_description", "") or "")
        for page in ranked
    ]
    return Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
