"""The finder as one service: the /find/ page and GET /api/v1/search both ask ``find`` and show
what it returns, so a search means the same thing on the page, on the map and in the API.

``find`` checks the parameters (``SearchForm``), runs the radius search, reads the page's
listings and the remote programmes of the seeker's state; the price summary is read only when
asked for (the page shows it, the API does not).
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone

from core import pagecache
from directory.forms import SearchForm
from directory.listings import Clinic, Listing, clinics_for, listings_for
from directory.prices import CostFigures, cost_figures
from directory.search import (
    DEFAULT_RADIUS,
    PriceSummary,
    Query,
    RemoteResults,
    clinic_count,
    nearby,
    price_summaries,
    remote_programmes,
)

__all__ = ["DEFAULT_RADIUS", "REMOTE_PAGE_SIZE", "Results", "find", "find_remote", "search_form"]

#: Remote programmes on each page of the full list.
REMOTE_PAGE_SIZE = 50


@dataclass
class Results:
    """A search's answer; ``query`` is None when the parameters were refused (see ``form``)."""

    form: SearchForm
    query: Query | None = None
    listings: list[Listing] = field(default_factory=list)
    has_next: bool = False
    remote: RemoteResults | None = None
    clinics: list[Clinic] = field(default_factory=list)  # when asked for by clinic

    @property
    def first_number(self) -> int:
        return (self.query.page - 1) * self.query.per_page + 1

    @property
    def valid(self) -> bool:
        return self.query is not None

    @property
    def page_past_end(self) -> bool:
        return self.valid and not self.listings and self.query.page > 1

    @cached_property
    def total(self) -> int:
        """How many clinics within the radius match (every page together); kept until the
        directory changes, as the next pages of the same search ask again."""
        return pagecache.remember(self._search_key("clinics"), lambda: clinic_count(self.query))

    @cached_property
    def summaries(self) -> list[PriceSummary]:
        """The prices of the chosen treatment, or of each treatment when none was chosen."""
        place, radius, treatment = self.query.place, self.query.radius, self.query.filters.treatment
        return pagecache.remember(
            f"prices:{place.latitude:.5f}:{place.longitude:.5f}:{radius}:{treatment}",
            lambda: price_summaries(place, radius, treatment),
        )

    @cached_property
    def costs(self) -> CostFigures | None:
        """What the listings found (every page, every filter) ask, when a treatment is chosen;
        kept until the directory changes."""
        if not self.query.filters.treatment:
            return None
        return pagecache.remember(self._search_key("costs"), lambda: cost_figures(self.query))

    def _search_key(self, name: str) -> str:
        """The key of what is remembered for every page of this search."""
        query = self.query
        place = query.place
        return f"{name}:{place.latitude:.5f}:{place.longitude:.5f}:{query.radius}:{query.filters!r}"


def search_form(params, *, per_page: int = 20) -> SearchForm:
    """The bound search form, with the default radius filled in when none is given."""
    params = params.copy()
    if not params.get("radius"):
        params["radius"] = str(DEFAULT_RADIUS)
    return SearchForm(params, per_page=per_page)


def find(
    params, *, per_page: int = 20, by_clinic: bool = False, today: date | None = None
) -> Results:
    """One page of results for the search parameters (a QueryDict, as the request gives them):
    of services (as the API pages them), or of clinics with their services (as the page does)."""
    form = search_form(params, per_page=per_page)
    if not form.is_valid():
        return Results(form=form)
    query = dataclasses.replace(form.query(), by_clinic=by_clinic)
    page = nearby(query)
    today = today or timezone.localdate()
    results = Results(
        form=form,
        query=query,
        listings=listings_for(page.hits, today),
        has_next=page.has_next,
        remote=_first_remote_programmes(query),
    )
    if by_clinic:
        results.clinics = clinics_for(page.clinics, results.first_number, today)
    return results


def _first_remote_programmes(query) -> RemoteResults:
    """The first few remote programmes of the state: the same for every search in the state
    with the same filters, so kept until the directory changes."""
    return pagecache.remember(
        f"remote:{query.place.state}:{query.filters!r}", lambda: remote_programmes(query)
    )


def find_remote(params) -> Results:
    """A page of every remote programme that serves the searched place's state."""
    form = search_form(params, per_page=REMOTE_PAGE_SIZE)
    if not form.is_valid():
        return Results(form=form)
    query = form.query()
    return Results(form=form, query=query, remote=remote_programmes(query, paged=True))
