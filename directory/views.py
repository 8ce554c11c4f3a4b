from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory import finder, profiles, taxonomy
from directory.charts import price_chart
from directory.forms import SearchForm

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
    if not request.GET:
        return render(request, "directory/find.html", {"form": SearchForm(), "searched": False})
    results = finder.find(request.GET)
    context = {"form": results.form, "searched": results.valid}
    if results.valid:
        context.update(_results_context(request.GET, results))
    else:
        context["suggestions"] = [
            {"text": text, "url": _url_with(request.GET, near=text, page=None)}
            for text in results.form.suggestions
        ]
    return render(request, "directory/find.html", context)


def _results_context(params, results: finder.Results) -> dict:
    query, listings, summary = results.query, results.listings, results.summary
    wider_radius = next((r for r in WIDER_RADII if r > query.radius), None)
    return {
        "query": query,
        "place": query.place,
        "listings": listings,
        "first_number": (query.page - 1) * query.per_page + 1,
        "page_past_end": results.page_past_end,
        "previous_url": _url_with(params, page=query.page - 1) if query.page > 1 else None,
        "next_url": _url_with(params, page=query.page + 1) if results.has_next else None,
        "first_page_url": _url_with(params, page=None),
        "wider_url": _url_with(params, radius=wider_radius, page=None) if wider_radius else None,
        "wider_radius": wider_radius,
        "remote": results.remote,
        "summary": summary,
        "treatment_name": taxonomy.TREATMENT.term(summary.treatment).name,
        "chart": price_chart(summary.prices, summary.median),
        "map_data": {
            "tiles": map_settings(),
            "markers": [listing.as_json() for listing in listings],
        },
    }


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
            "json_ld": profiles.json_ld(organization, profile, request.build_absolute_uri()),
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
