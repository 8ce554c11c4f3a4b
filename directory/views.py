import dataclasses
from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagecache import cached_for_visitors
from directory import alternatives, coverage, finder, profiles, provenance, shortlist, taxonomy
from directory.cards import clinic_cards
from directory.charts import price_chart
from directory.forms import SearchForm
from directory.prices import cost_figures

WIDER_RADII = (25, 50, 100, 250, 500)


def _url_with(params, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}"


def map_settings() -> dict:
    """Street tiles when the operator configured a tile server, else the state outlines that
    ship with the site: by default no map request leaves for another host."""
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "outlines": "" if settings.MAP_TILE_URL else static("directory/us-states.json"),
    }


@require_safe
def find(request):
    if not request.GET:
        return render(request, "directory/find.html", {"form": SearchForm(), "searched": False})
    results = finder.find(request.GET, by_clinic=True)
    context = {"form": results.form, "searched": results.valid}
    if results.valid:
        context.update(_results_context(request.GET, results))
    else:
        context["suggestions"] = _suggestions(request.GET, results.form)
    return render(request, "directory/find.html", context)


def _suggestions(params, form) -> list[dict]:
    return [
        {"text": text, "url": _url_with(params, near=text, page=None)} for text in form.suggestions
    ]


def _results_context(params, results: finder.Results) -> dict:
    query, clinics = results.query, results.clinics
    wider_radius = next((r for r in WIDER_RADII if r > query.radius), None)
    costs = results.costs
    summaries = [] if costs else results.summaries
    return {
        "query": query,
        "place": query.place,
        "clinics": clinics,
        "cards": clinic_cards(clinics),
        "total": results.total if clinics else 0,
        "first_number": results.first_number,
        "last_number": results.first_number + len(clinics) - 1,
        "page_past_end": not clinics and query.page > 1,
        "previous_url": _url_with(params, page=query.page - 1) if query.page > 1 else None,
        "next_url": _url_with(params, page=query.page + 1) if results.has_next else None,
        "first_page_url": _url_with(params, page=None),
        "wider_url": _url_with(params, radius=wider_radius, page=None) if wider_radius else None,
        "wider_radius": wider_radius,
        "any_treatment_url": _url_with(params, treatment="ketamine", page=None),
        "remote": results.remote,
        "remote_all_url": reverse("directory:remote") + _url_with(params, page=None),
        "costs": costs,
        "summary": costs.per_session if costs else None,
        "summaries": [(_treatment_name(s.treatment), s) for s in summaries if s.count],
        "treatment_name": _treatment_name(query.filters.treatment),
        "chart": _chart(costs),
        "map_data": {
            "tiles": map_settings(),
            "centre": {
                "label": query.place.label,
                "latitude": query.place.latitude,
                "longitude": query.place.longitude,
                "radius_miles": query.radius,
            },
            "markers": [clinic.as_json() for clinic in clinics],
        },
    }


def _chart(costs) -> object:
    """The per-session chart, only when there are enough prices to show."""
    if not costs or not costs.shown:
        return None
    return price_chart(costs.per_session.prices, costs.per_session.median)


def _treatment_name(code: str | None) -> str:
    return taxonomy.TREATMENT.term(code).name if code else ""


@require_safe
def remote(request):
    """Every remote programme that serves the searched place's state, a page at a time."""
    results = finder.find_remote(request.GET)
    context = {"form": results.form, "searched": results.valid}
    if results.valid:
        query, remote = results.query, results.remote
        shown_to = (query.page - 1) * query.per_page + len(remote.entries)
        context.update(
            query=query,
            place=query.place,
            remote=remote,
            first_number=(query.page - 1) * query.per_page + 1,
            last_number=shown_to,
            previous_url=_url_with(request.GET, page=query.page - 1) if query.page > 1 else None,
            next_url=_url_with(request.GET, page=query.page + 1)
            if shown_to < remote.total
            else None,
            finder_url=reverse("directory:find") + _url_with(request.GET, page=None),
        )
    else:
        context["suggestions"] = _suggestions(request.GET, results.form)
    return render(request, "directory/remote.html", context)


def results_url(request) -> str:
    """The finder search the person came from (its path and query, never another host's
    address), or the finder itself when that is not known."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc == request.get_host() and referer.path == reverse("directory:find"):
        return f"{referer.path}?{referer.query}" if referer.query else referer.path
    return reverse("directory:find")


@cached_for_visitors(varies_by=results_url)
@require_safe
def provider(request, slug):
    organization = get_object_or_404(profiles.profile_queryset(), slug=slug)
    profile = profiles.build(organization)
    return render(
        request,
        "directory/provider.html",
        {
            "organization": organization,
            "profile": profile,
            "provenance": provenance.describe(organization),
            "alternatives": (
                None if profile.accepting else alternatives.accepting_near(organization, profile)
            ),
            # Demo listings are made up: search engines get no clinic data about them.
            "json_ld": None
            if organization.is_demo
            else profiles.json_ld(organization, profile, request.build_absolute_uri()),
            "back_url": results_url(request),
            "map_data": {
                "tiles": map_settings(),
                "markers": [
                    {"id": str(place.id), "name": place.name, "latitude": place.latitude,
                     "longitude": place.longitude, "profile_url": "",
                     "is_demo": organization.is_demo}
                    for place in profile.physical_locations
                ],
            },
            "title": _("%(name)s: prices, protocol and contact") % {"name": organization.name},
        },
    )  # fmt: skip


@require_safe
def compare(request):
    """The shortlist side by side, from the names in the address (``?p=a,b``); ``near`` adds
    each provider's distance from a place."""
    near = request.GET.get("near", "")
    comparison = shortlist.compare(request.GET.get("p", ""), near)
    return render(
        request,
        "directory/compare.html",
        {
            "comparison": comparison,
            "near": near,
            "max_compared": shortlist.MAX_COMPARED,
            "title": _("Compare your shortlist"),
        },
    )


#: The treatments the coverage guide prices near a person, and how far it looks.
COVERAGE_TREATMENTS = ("ketamine", "esketamine")
COVERAGE_RADIUS = 50


@require_safe
def coverage_guide(request):
    """/coverage/: what insurance may pay, with its sources; given ``near``, the cost figures
    of ketamine and esketamine there, from the listings the finder finds."""
    context = {
        "sources": coverage.numbered(),
        "cite": {key.replace("-", "_"): n for n, key in enumerate(coverage.SOURCES, start=1)},
        "read_on": coverage.READ_ON,
        "radius": COVERAGE_RADIUS,
        "near": request.GET.get("near", ""),
        "title": _("What insurance may pay for ketamine and esketamine"),
    }
    if "near" in request.GET:
        params = QueryDict(mutable=True)
        params.update({"near": request.GET["near"], "radius": str(COVERAGE_RADIUS)})
        form = SearchForm(params)
        context["form"] = form
        if form.is_valid():
            query = form.query()
            context["place"] = query.place
            context["figures"] = [
                (_treatment_name(code), code, _costs_near(query, code))
                for code in COVERAGE_TREATMENTS
            ]
    return render(request, "directory/coverage.html", context)


def _costs_near(query, treatment: str):
    filters = dataclasses.replace(query.filters, treatment=treatment)
    return cost_figures(dataclasses.replace(query, filters=filters))
