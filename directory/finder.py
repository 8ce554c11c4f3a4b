"""The finder as one service: the /find/ page and GET /api/v1/search both ask ``find`` and show
what it returns, so a search means the same thing on the page, on the map and in the API.

``find`` checks the parameters (``SearchForm``), runs the radius search, reads the page's
listings and the remote programmes of the seeker's state; the price summary is read only when
asked for (the page shows it, the API does not).
"""

from dataclasses import dataclass, field
from functools import cached_property

from directory.forms import SearchForm
from directory.listings import Listing, listings_for
from directory.search import (
    DEFAULT_RADIUS,
    PriceSummary,
    Query,
    RemoteResults,
    nearby,
    price_summary,
    remote_programmes,
)

__all__ = ["DEFAULT_RADIUS", "Results", "find", "search_form"]

#: The treatment the price summary describes when the seeker chose none.
SUMMARY_TREATMENT = "ketamine"


@dataclass
class Results:
    """A search's answer; ``query`` is None when the parameters were refused (see ``form``)."""

    form: SearchForm
    query: Query | None = None
    listings: list[Listing] = field(default_factory=list)
    has_next: bool = False
    remote: RemoteResults | None = None

    @property
    def valid(self) -> bool:
        return self.query is not None

    @property
    def page_past_end(self) -> bool:
        return self.valid and not self.listings and self.query.page > 1

    @cached_property
    def summary(self) -> PriceSummary:
        query = self.query
        treatment = query.filters.treatment or SUMMARY_TREATMENT
        return price_summary(query.place, query.radius, treatment)


def search_form(params, *, per_page: int = 20) -> SearchForm:
    """The bound search form, with the default radius filled in when none is given."""
    params = params.copy()
    if not params.get("radius"):
        params["radius"] = str(DEFAULT_RADIUS)
    return SearchForm(params, per_page=per_page)


def find(params, *, per_page: int = 20) -> Results:
    """One page of results for the search parameters (a QueryDict, as the request gives them)."""
    form = search_form(params, per_page=per_page)
    if not form.is_valid():
        return Results(form=form)
    query = form.query()
    page = nearby(query)
    return Results(
        form=form,
        query=query,
        listings=listings_for(page.hits),
        has_next=page.has_next,
        remote=remote_programmes(query),
    )
