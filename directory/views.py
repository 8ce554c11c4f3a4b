from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory import alternatives, profiles, taxonomy
from directory.charts import price_chart
from directory.forms import SearchForm
from directory.listings import listings_for
from directory.search import nearby, price_summary, remote_programmes

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
        "outlines": "" if settings.MAP_TILE_URL else static("directory/us-states-10m.json"),
    }


@require_safe
def find(request):
    params = request.GET.copy()
    if params and not params.get("radius"):
        params["radius"] = "25"
    form = SearchForm(params or None)
    context = {"form": form, "searched": False}
    if request.GET and form.is_valid():
        query = form.query()
        page = nearby(query)
        listings = listings_for(page.hits)
        treatment = query.filters.treatment or "ketamine"
        summary = price_summary(query.place, query.radius, treatment)
        context.update(
            searched=True,
            query=query,
            place=query.place,
            listings=listings,
            first_number=(query.page - 1) * query.per_page + 1,
            page_past_end=not listings and query.page > 1,
            previous_url=_url_with(request.GET, page=query.page - 1) if query.page > 1 else None,
            next_url=_url_with(request.GET, page=query.page + 1) if page.has_next else None,
            first_page_url=_url_with(request.GET, page=None),
            wider_url=next(
                (
                    _url_with(request.GET, radius=r, page=None)
                    for r in WIDER_RADII
                    if r > query.radius
                ),
                None,
            ),
            wider_radius=next((r for r in WIDER_RADII if r > query.radius), None),
            remote=remote_programmes(query),
            summary=summary,
            treatment_name=taxonomy.TREATMENT.term(treatment).name,
            chart=price_chart(summary.prices, summary.median),
            map_data={
                "tiles": map_settings(),
                "markers": [
                    {
                        "id": listing.id,
                        "name": listing.name,
                        "lat": listing.latitude,
                        "lng": listing.longitude,
                        "url": listing.profile_url,
                        "demo": listing.is_demo,
                    }
                    for listing in listings
                ],
            },
        )
    elif request.GET:
        context["suggestions"] = [
            {"text": text, "url": _url_with(request.GET, near=text, page=None)}
            for text in form.suggestions
        ]
    return render(request, "directory/find.html", context)


def results_url(request) -> str:
    """The finder search the person came from (its path and query, never another host's
    address), or the finder itself when that is not known."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc == request.get_host() and referer.path == reverse("directory:find"):
        return f"{referer.path}?{referer.query}" if referer.query else referer.path
    return reverse("directory:find")


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
                    {"id": str(place.id), "name": place.name, "lat": place.latitude,
                     "lng": place.longitude, "url": "", "demo": organization.is_demo}
                    for place in profile.physical_locations
                ],
            },
            "title": _("%(name)s: prices, protocol and contact") % {"name": organization.name},
        },
    )  # fmt: skip
