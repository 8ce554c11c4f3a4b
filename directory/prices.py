"""The typical price of a treatment across the directory's live listings, for the library's
pages: "median $X per session across N listings, as of <date>"."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from directory import taxonomy
from directory.models import SearchEntry

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
