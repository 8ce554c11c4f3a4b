"""The typical price of a treatment across the directory's live listings, for the library's
pages: "median $X per session across N listings, as of <date>"; and the cost figures of the
listings one search finds, for the finder, the API and the self-assessment."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from directory import taxonomy
from directory.models import SearchEntry
from directory.search import PriceSummary, Query, cost_rows, summary_of_counted

CACHE_SECONDS = 10 * 60


@dataclass(frozen=True)
class TypicalPrice:
    median: float  # dollars per session
    count: int  # listings with a per-session price
    as_of: date
    demo: bool  # True when worked out from demo listings, because there are no real ones


def _median(prices, count: int) -> float:
    """The median of ``count`` ordered prices, reading only the middle one or two rows."""
    middle = count // 2
    if count % 2:
        return float(prices[middle])
    low, high = prices[middle - 1 : middle + 1]
    return (low + high) / 2


def _typical_price(code: str) -> TypicalPrice | None:
    entries = SearchEntry.objects.filter(
        treatment=taxonomy.treatment_number(code), price__isnull=False
    )
    demo = not entries.filter(is_demo=False).exists()
    chosen = entries.filter(is_demo=demo)
    count = chosen.count()
    if not count:
        return None
    prices = chosen.order_by("price").values_list("price", flat=True)
    return TypicalPrice(_median(prices, count), count, timezone.localdate(), demo)


def typical_price(code: str) -> TypicalPrice | None:
    """The median lowest per-session price of the treatment's listings: real listings only, or
    demo listings (and said so) while there are no real ones; None without any listing or for a
    treatment the directory does not know."""
    if code not in {term.code for term in taxonomy.TREATMENT.terms}:
        return None
    return cache.get_or_set(f"typical-price:{code}", lambda: _typical_price(code), CACHE_SECONDS)


#: A page never shows cost figures resting on fewer listings than this; the API gives them all.
FEWEST_SHOWN = 5


@dataclass(frozen=True)
class CostFigures:
    """What the listings a search finds ask: each one's lowest per-session price, and a first
    course's total (its own course price, else per-session price times its sessions)."""

    treatment: str
    listings: int  # every listing the search finds, priced or not
    per_session: PriceSummary  # .count: the listings with a per-session price
    first_course: PriceSummary  # .count: the listings whose first course can be totalled
    sessions: PriceSummary  # the sessions of those first courses
    as_of: date

    @property
    def unpriced(self) -> int:
        return self.listings - self.per_session.count

    @property
    def shown(self) -> bool:
        """Whether a page may show the per-session figures."""
        return self.per_session.count >= FEWEST_SHOWN

    @property
    def course_shown(self) -> bool:
        return self.first_course.count >= FEWEST_SHOWN

    def as_json(self) -> dict:
        def figures(summary: PriceSummary) -> dict:
            return {
                "median": summary.median,
                "min": summary.lowest,
                "max": summary.highest,
                "listings": summary.count,
            }

        return {
            "treatment": self.treatment,
            "listings": self.listings,
            "priced": self.per_session.count,
            "unpriced": self.unpriced,
            "per_session": figures(self.per_session),
            "first_course": {**figures(self.first_course), "sessions": self.sessions.median},
            "as_of": self.as_of,
        }


def cost_figures(query: Query, today: date | None = None) -> CostFigures:
    """The cost figures of exactly the listings the query finds (every page of them)."""
    prices, courses, sessions = Counter(), Counter(), Counter()
    listings = 0
    for price, course, course_sessions, times in cost_rows(query):
        listings += times
        if price is not None:
            prices[price] += times
        if course is not None:
            courses[course] += times
            if course_sessions:
                sessions[course_sessions] += times
    return CostFigures(
        treatment=query.filters.treatment or "",
        listings=listings,
        per_session=summary_of_counted("per_session", prices),
        first_course=summary_of_counted("first_course", courses),
        sessions=summary_of_counted("sessions", sessions),
        as_of=today or timezone.localdate(),
    )
