"""GET /api/v1/search: the finder as JSON, with the same parameters and the same results."""

from django.conf import settings
from django.http import JsonResponse

from api.errors import error, invalid
from api.http import endpoint
from api.openapi import BAD_REQUEST, NOT_FOUND, register
from core.numbers import whole_number
from directory import taxonomy
from directory.finder import DEFAULT_RADIUS, find
from directory.forms import SearchForm
from directory.insurers import CARRIERS

KNOWN_PARAMETERS = {*SearchForm.base_fields, "per_page"}


def unknown_parameter(request, known: set[str]):
    """A 400 naming the first parameter the endpoint does not know, or None."""
    unknown = sorted(set(request.GET) - known)
    if unknown:
        return invalid(unknown[0], f"Unknown parameter. Known: {', '.join(sorted(known))}.")
    return None


def refusal(form):
    """Why the search form refused the parameters, as the API answers it."""
    field, message = form.first_error()
    if list(form.errors) == ["near"] and form.has_error("near", "unknown_place"):
        # The request is well formed; the place it names is not one we know.
        return error(404, "near", message, suggestions=form.suggestions)
    return invalid(field, message)


@endpoint("GET")
def search(request):
    refused = unknown_parameter(request, KNOWN_PARAMETERS)
    if refused:
        return refused
    try:
        per_page = whole_number(request.GET.get("per_page", "20"))
    except ValueError:
        per_page = 0
    if not 1 <= per_page <= 100:
        return invalid("per_page", "per_page must be a whole number from 1 to 100.")
    results = find(request.GET, per_page=per_page)
    form, query = results.form, results.query
    if not results.valid:
        return refusal(form)
    if results.page_past_end:
        return error(404, "page", f"Page {query.page} is past the end of the results.")
    base = settings.SITE_URL
    response = JsonResponse(
        {
            "place": {
                "label": query.place.label,
                "latitude": query.place.latitude,
                "longitude": query.place.longitude,
                "state": query.place.state,
            },
            "radius_miles": query.radius,
            "sort": query.sort,
            "page": query.page,
            "per_page": query.per_page,
            "has_next": results.has_next,
            "results": [listing.as_json(base) for listing in results.listings],
            "remote_programmes": [
                {
                    "id": str(entry.service_id),
                    "name": entry.organization.name,
                    "service": entry.service.name,
                    "profile_url": f"{base}/providers/{entry.organization.slug}/",
                    "price_per_session": entry.price,
                    "is_demo": entry.is_demo,
                }
                for entry in results.remote.entries
            ],
            "remote_programmes_total": results.remote.total,
        }
    )
    if results.has_next:
        following = request.GET.copy()
        following["page"] = str(query.page + 1)
        response["Link"] = f'<{base}/api/v1/search?{following.urlencode()}>; rel="next"'
    return response


def _choice(name, facet, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "enum": [term.code for term in facet.offered]},
    }


PLACE_PARAMETERS = [
    {
        "name": "near",
        "in": "query",
        "required": True,
        "description": (
            "A US ZIP (or ZIP+4), 'City, ST', 'City, State' or 'lat, lng' (when the "
            "text holds a ZIP, as 'Austin, TX 78701' does, the ZIP is used); at most "
            "100 characters, not all spaces. A place we do not know is a 404."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            # Something other than what Python or JavaScript count as white space
            # (or NUL, which is removed before the search sees it).
            "pattern": "[^\\s\\u0000\\u001c-\\u001f\\u0085]",
        },
    },
    {
        "name": "radius",
        "in": "query",
        "description": "Miles from the place.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 500,
            "default": DEFAULT_RADIUS,
        },
    },
]
FILTER_PARAMETERS = [
    _choice("treatment", taxonomy.TREATMENT, "Only this treatment."),
    _choice("route", taxonomy.ROUTE, "Only services given this way."),
    _choice("setting", taxonomy.SETTING, "Only services given in this setting."),
    _choice("therapist", taxonomy.THERAPIST, "Only services with this therapist support."),
    _choice("condition", taxonomy.CONDITION, "Only services that treat this condition."),
    _choice("payment", taxonomy.PAYMENT, "Only services that accept this payment."),
    {
        "name": "insurer",
        "in": "query",
        "required": False,
        "description": (
            "Only services that take this insurance carrier (its slug, as "
            "GET /insurers lists them; the values below are the carriers every "
            "installation knows). An insurer we do not know is a 400."
        ),
        "schema": {"type": "string", "enum": [slug for slug, _name in CARRIERS]},
    },
    {
        "name": "max_price",
        "in": "query",
        "description": "Highest per-session price in US dollars.",
        "schema": {"type": "integer", "minimum": 0, "maximum": 100000},
    },
    {"name": "verified", "in": "query", "schema": {"type": "boolean"}},
    {"name": "accepting", "in": "query", "schema": {"type": "boolean"}},
]


register(
    "/search",
    {
        "get": {
            "summary": "Providers near a place, nearest first (or cheapest first)",
            "operationId": "search",
            "parameters": [
                *PLACE_PARAMETERS,
                *FILTER_PARAMETERS,
                {
                    "name": "sort",
                    "in": "query",
                    "schema": {
                        "type": "string",
                        "enum": ["distance", "price"],
                        "default": "distance",
                    },
                },
                {
                    "name": "page",
                    "in": "query",
                    "description": "Pages past the end of the results are a 404.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1},
                },
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                },
            ],
            "responses": {
                "200": {
                    "description": "One page of results. A Link header points to the next page.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/SearchResults"}
                        }
                    },
                },
                "400": BAD_REQUEST,
                "404": NOT_FOUND,
            },
        }
    },
    schemas={
        "SearchResults": {
            "type": "object",
            "required": ["place", "radius_miles", "page", "per_page", "has_next", "results"],
            "properties": {
                "place": {"type": "object"},
                "radius_miles": {"type": "integer"},
                "sort": {"type": "string"},
                "page": {"type": "integer"},
                "per_page": {"type": "integer"},
                "has_next": {"type": "boolean"},
                "results": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/SearchResult"},
                },
                "remote_programmes": {"type": "array", "items": {"type": "object"}},
                "remote_programmes_total": {"type": "integer"},
            },
        },
        "SearchResult": {
            "type": "object",
            "required": [
                "id",
                "name",
                "profile_url",
                "latitude",
                "longitude",
                "distance_miles",
                "is_demo",
            ],
            "properties": {
                "id": {
                    "type": "string",
                    "format": "uuid",
                    "description": "HSDS service_at_location id",
                },
                "name": {"type": "string"},
                "service": {"type": "string"},
                "treatment": {"type": "string"},
                "profile_url": {"type": "string", "format": "uri"},
                "latitude": {"type": "number"},
                "longitude": {"type": "number"},
                "distance_miles": {"type": "number"},
                "city": {"type": "string"},
                "state": {"type": "string"},
                "price_per_session": {"type": ["integer", "null"]},
                "price_confirmed_on": {"type": ["string", "null"], "format": "date"},
                "accepting_new_patients": {"type": "boolean"},
                "verified": {"type": "boolean"},
                "is_demo": {"type": "boolean"},
                "payment": {
                    "type": "array",
                    "description": "How the service can be paid for, as payment codes.",
                    "items": {"type": "string", "enum": [t.code for t in taxonomy.PAYMENT.terms]},
                },
                "insurers": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/TakenInsurer"},
                },
            },
        },
        "TakenInsurer": {
            "type": "object",
            "description": "A carrier the service takes: any plan, or only the plan named.",
            "required": ["slug", "name", "plan", "confirmed_on"],
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "plan": {"type": "string", "description": "Empty when any plan is taken."},
                "confirmed_on": {"type": ["string", "null"], "format": "date"},
            },
        },
    },
)
