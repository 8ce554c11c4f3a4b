"""The directory as an Open Referral HSDS 3.0 API under /api/hsds/, read-only and open.

Records come from ``directory.hsds.records`` (as ``export_hsds`` writes them). Lists are HSDS
Page objects (``total_items``, ``total_pages``, ``page_number``, ``size``, ``first_page``,
``last_page``, ``empty``, ``contents``) of at most 100 records; ``format=ndjson`` streams every
matching record, one JSON object a line, without pages. ``/service_at_locations`` with
``postcode`` (and ``proximity`` in metres) reads the finder's search rows, nearest first.
A refused parameter is a JSON 400 that names it; an unknown id a JSON 404. Every answer has an
ETag (and single records a Last-Modified), so a reader can ask again with If-None-Match.
"""

import hashlib
import json
import math
import uuid
from datetime import UTC, datetime, time

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _

from api.errors import error
from api.http import endpoint
from core.numbers import whole_number
from directory import geocode
from directory import taxonomy as facets
from directory.hsds import records
from directory.models import (
    Insurer,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)
from directory.search import Filters, Query, entry_count, nearby

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
METRES_PER_MILE = 1609.344
DEFAULT_PROXIMITY = 40_234  # metres: the finder's default radius of 25 miles
MAX_PROXIMITY = 804_672  # metres: 500 miles, the finder's widest
MAX_NEAR_PAGE = 1000  # pages of a nearest-first search, as the finder allows
CHUNK = 500


class Refused(Exception):
    def __init__(self, status: int, field: str, message: str):
        super().__init__(message)
        self.response = error(status, field, message)


class Params:
    """The query parameters, each read strictly; a bad one raises Refused naming it."""

    def __init__(self, request, known: tuple[str, ...]):
        unknown = sorted(set(request.GET) - set(known))
        if unknown:
            raise Refused(400, unknown[0], _("Unknown parameter. Known: %s.") % ", ".join(known))
        self.get = request.GET

    def text(self, name: str) -> str | None:
        value = self.get.get(name)
        return value if value not in (None, "") else None

    def whole(self, name: str, default: int, low: int, high: int) -> int:
        text = self.text(name)
        if text is None:
            return default
        try:
            number = whole_number(text)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise Refused(
                400, name, _("%(name)s must be a whole number from %(low)d to %(high)d.")
                % {"name": name, "low": low, "high": high},
            )  # fmt: skip
        return number

    def flag(self, name: str) -> bool:
        text = self.text(name)
        if text is None or text == "false":
            return False
        if text == "true":
            return True
        raise Refused(400, name, _("%(name)s must be true or false.") % {"name": name})

    def choice(self, name: str, choices: tuple[str, ...]) -> str:
        text = self.text(name) or choices[0]
        if text not in choices:
            raise Refused(
                400, name, _("%(name)s must be one of: %(choices)s.")
                % {"name": name, "choices": ", ".join(choices)},
            )  # fmt: skip
        return text

    def uuid(self, name: str) -> uuid.UUID | None:
        text = self.text(name)
        return None if text is None else parse_id(text, name)

    def moment(self, name: str) -> datetime | None:
        """An ISO 8601 date-time (or date: its start), in UTC when no offset is given."""
        text = self.text(name)
        if text is None:
            return None
        moment = _parse_moment(text)
        if moment is None:
            raise Refused(
                400, name, _("%(name)s must be an ISO 8601 date or date-time, e.g. "
                             "2026-11-01T00:00:00Z.") % {"name": name},
            )  # fmt: skip
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def _parse_moment(text: str) -> datetime | None:
    try:
        moment = parse_datetime(text)
        day = None if moment else parse_date(text)
    except ValueError:
        return None
    return moment or (datetime.combine(day, time()) if day else None)


def parse_id(text: str, field: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Refused(400, field, _("%(field)s must be a UUID.") % {"field": field}) from None


def hsds_view(*known: str):
    """A GET view whose bad parameters and unknown ids answer as JSON."""

    def decorate(view):
        @endpoint("GET")
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, Params(request, known), *args, **kwargs)
            except Refused as refused:
                return refused.response

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


def respond(request, body: dict, last_modified: datetime | None = None) -> HttpResponse:
    """JSON with an ETag (and Last-Modified), or 304 when the reader's copy is current."""
    content = json.dumps(body, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    stamp = int(last_modified.timestamp()) if last_modified else None
    response = HttpResponse(content, content_type="application/json")
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    return get_conditional_response(request, etag=etag, last_modified=stamp, response=response)


def _page(params: Params) -> tuple[int, int]:
    return (
        params.whole("page", 1, 1, 10**9),
        params.whole("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def page_body(contents: list, total: int, number: int, per_page: int) -> dict:
    pages = math.ceil(total / per_page)
    if number > max(pages, 1):
        raise Refused(
            404, "page", _("Page %(page)d is past the end: there are %(pages)d.")
            % {"page": number, "pages": pages},
        )  # fmt: skip
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def ndjson(records_iter) -> StreamingHttpResponse:
    lines = (json.dumps(record, separators=(",", ":")) + "\n" for record in records_iter)
    return StreamingHttpResponse(lines, content_type="application/x-ndjson")


def _chunked(queryset, serialise):
    """Every record of the queryset, read CHUNK rows (and their prefetches) at a time."""
    for row in queryset.iterator(chunk_size=CHUNK):
        yield serialise(row)


def listing(request, params: Params, queryset, serialise):
    """A Page of the queryset's records, or (format=ndjson) all of them as a stream."""
    if params.choice("format", ("json", "ndjson")) == "ndjson":
        params.whole("page", 1, 1, 1)  # a stream has no pages
        return ndjson(_chunked(queryset, serialise))
    number, per_page = _page(params)
    total = queryset.count()
    start = (number - 1) * per_page
    contents = [serialise(row) for row in queryset[start : start + per_page]]
    return respond(request, page_body(contents, total, number, per_page))


# Filters shared by services and services at locations ------------------------------------------


def _term(term_id: uuid.UUID) -> TaxonomyTerm | Insurer:
    """The stored taxonomy term with this id, or the insurance carrier whose term it is."""
    term = TaxonomyTerm.objects.filter(pk=term_id).first()
    if term is None:
        term = next(
            (c for c in Insurer.objects.all() if records.insurer_term_id(c.slug) == term_id), None
        )
    if term is None:
        raise Refused(404, "taxonomy_term_id", _("There is no taxonomy term with this id."))
    return term


def _term_condition(term_id: uuid.UUID, service: str, pk) -> Q:
    """Services with this term: their treatment, an attribute, or an insurer they take."""
    term = _term(term_id)
    if isinstance(term, Insurer):
        return Q(Exists(ServiceInsurer.objects.filter(service=pk, insurer=term)))
    if term.taxonomy == "treatment":
        return Q(**{f"{service}treatment": term})
    return Q(Exists(ServiceAttribute.objects.filter(service=pk, taxonomy_term=term)))


def _taxonomy_code(taxonomy_uuid: uuid.UUID, field: str = "taxonomy_id") -> str:
    code = records.all_taxonomies().get(taxonomy_uuid)
    if code is None:
        raise Refused(404, field, _("There is no taxonomy with this id."))
    return code


def service_filters(params: Params, service: str = "") -> Q:
    """The conditions ``taxonomy_term_id``, ``taxonomy_id``, ``organization_id`` and
    ``modified_after`` set on services (``service`` is the path to the service, with __)."""
    condition = Q()
    pk = OuterRef("service_id" if service else "pk")
    term_id = params.uuid("taxonomy_term_id")
    if term_id is not None:
        condition &= _term_condition(term_id, service, pk)
    taxonomy_uuid = params.uuid("taxonomy_id")
    if taxonomy_uuid is not None:
        code = _taxonomy_code(taxonomy_uuid)
        if code == records.INSURER_TAXONOMY:
            condition &= Q(Exists(ServiceInsurer.objects.filter(service=pk)))
        elif code != "treatment":  # every service has a treatment
            linked = ServiceAttribute.objects.filter(service=pk, taxonomy_term__taxonomy=code)
            condition &= Q(Exists(linked))
    organization_id = params.uuid("organization_id")
    if organization_id is not None:
        condition &= Q(**{f"{service}organization_id": organization_id})
    after = params.moment("modified_after")
    if after is not None:
        condition &= Q(**{f"{service}organization__updated_at__gte": after})
    search = params.text("search")
    if search is not None:
        condition &= Q(**{f"{service}name__icontains": search}) | Q(
            **{f"{service}organization__name__icontains": search}
        )
    return condition


LIST_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "search")
PAGING = ("page", "per_page", "format")


# Endpoints -------------------------------------------------------------------------------------


def base_url() -> str:
    return f"{settings.SITE_URL}/api/hsds"


@hsds_view()
def index(request, params):
    """What this API is: its HSDS version, its profile and its OpenAPI document."""
    return respond(
        request,
        {
            "version": records.HSDS_VERSION,
            "profile": records.taxonomy_record(records.PSYCLE_TAXONOMY)["uri"],
            "openapi_url": f"{base_url()}/openapi.json",
        },
    )


@hsds_view(*LIST_FILTERS, *PAGING, "full")
def services(request, params):
    full = params.flag("full")
    queryset = (
        Service.objects.filter(service_filters(params))
        .select_related("organization")
        .order_by("id")
    )
    if full:
        queryset = queryset.select_related("treatment").prefetch_related(
            *records.service_prefetch()
        )
        return listing(request, params, queryset, records.service_record)
    return listing(request, params, queryset, records.service_summary)


@hsds_view()
def service(request, params, id):
    found = (
        Service.objects.select_related("organization", "treatment")
        .prefetch_related(*records.service_prefetch())
        .filter(pk=parse_id(id))
        .first()
    )
    if found is None:
        return error(404, "id", _("There is no service with this id."))
    return respond(request, records.service_record(found), found.organization.updated_at)


@hsds_view("search", "full_service", "full", *PAGING)
def organizations(request, params):
    full_service = params.flag("full_service")
    full = params.flag("full") or full_service
    queryset = (
        records.organizations(full_service=full_service)
        if full
        else Organization.objects.order_by("id")
    )
    search = params.text("search")
    if search is not None:
        queryset = queryset.filter(name__icontains=search)
    if not full:
        return listing(request, params, queryset, records.organization_summary)
    return listing(
        request,
        params,
        queryset,
        lambda row: records.organization_record(row, full_service=full_service),
    )


@hsds_view("full_service")
def organization(request, params, id):
    full_service = params.flag("full_service")
    found = records.organizations(full_service=full_service).filter(pk=parse_id(id)).first()
    if found is None:
        return error(404, "id", _("There is no organization with this id."))
    return respond(
        request, records.organization_record(found, full_service=full_service), found.updated_at
    )


@hsds_view(*LIST_FILTERS, *PAGING, "postcode", "proximity")
def service_at_locations(request, params):
    if params.text("postcode") is not None or params.text("proximity") is not None:
        return _near(request, params)
    queryset = (
        ServiceAtLocation.objects.filter(service_filters(params, "service__"))
        .select_related(*records.SERVICE_AT_LOCATION_RELATED)
        .order_by("id")
    )
    return listing(request, params, queryset, records.service_at_location_summary)


def _place(params: Params) -> geocode.Place:
    postcode = params.text("postcode")
    if postcode is None:
        raise Refused(
            400, "postcode", _("proximity needs a postcode (a US ZIP code) to measure from.")
        )
    if not geocode.ZIP.match(postcode):
        raise Refused(
            400, "postcode", _("postcode must be a US ZIP code, e.g. 10001 or 10001-1234.")
        )
    try:
        return geocode.locate(postcode)
    except geocode.UnknownPlace as unknown:
        raise Refused(404, "postcode", unknown.message) from None


def _search_filters(params: Params) -> Filters:
    """``taxonomy_term_id`` as the finder's filters: a treatment, or a facet's bit."""
    for name in ("taxonomy_id", "organization_id", "modified_after", "search"):
        if params.text(name) is not None:
            raise Refused(
                400, name, _("%(name)s cannot be combined with postcode; filter by "
                             "taxonomy_term_id instead.") % {"name": name},
            )  # fmt: skip
    term_id = params.uuid("taxonomy_term_id")
    if term_id is None:
        return Filters()
    term = _term(term_id)
    if isinstance(term, Insurer):
        return Filters(insurer=term.pk)
    if term.taxonomy == "treatment":
        return Filters(treatment=term.code)
    facet = facets.BY_CODE.get(term.taxonomy)
    if facet is None or facet.term(term.code) is None:
        raise Refused(
            400, "taxonomy_term_id", _("With postcode, filter by a term of one of the finder's "
                                       "taxonomies: %s.") % ", ".join(facets.BY_CODE),
        )  # fmt: skip
    return Filters(features=facets.bit(term.taxonomy, term.code))


def _near(request, params: Params):
    """Services at places within ``proximity`` metres of the postcode, nearest first, from
    the finder's search rows (a page costs a count, the search and one read by id)."""
    place = _place(params)
    metres = params.whole("proximity", DEFAULT_PROXIMITY, 1, MAX_PROXIMITY)
    filters = _search_filters(params)
    stream = params.choice("format", ("json", "ndjson")) == "ndjson"
    number, per_page = (1, MAX_PER_PAGE) if stream else _page(params)
    if number > MAX_NEAR_PAGE:
        raise Refused(400, "page", _("page must be at most %d here.") % MAX_NEAR_PAGE)
    query = Query(place=place, radius=metres / METRES_PER_MILE, filters=filters)
    total = entry_count(query)
    if stream:
        query = Query(place=place, radius=query.radius, filters=filters, per_page=max(total, 1))
        return ndjson(_links_in_order(nearby(query).hits))
    query = Query(place=place, radius=query.radius, filters=filters, page=number, per_page=per_page)
    contents = list(_links_in_order(nearby(query).hits)) if total else []
    return respond(request, page_body(contents, total, number, per_page))


def _links_in_order(hits):
    """The services at locations of these search hits, as records, in the hits' order."""
    for start in range(0, len(hits), CHUNK):
        ids = [uuid.UUID(str(hit.shown[0])) for hit in hits[start : start + CHUNK]]
        found = records.service_at_location_summaries(ids)
        for link_id in ids:
            if link_id in found:
                yield found[link_id]


def _in_pages(request, params: Params, items: list):
    if params.choice("format", ("json", "ndjson")) == "ndjson":
        return ndjson(items)
    number, per_page = _page(params)
    start = (number - 1) * per_page
    return respond(
        request, page_body(items[start : start + per_page], len(items), number, per_page)
    )


@hsds_view("search", *PAGING)
def taxonomies(request, params):
    found = records.all_taxonomy_records()
    search = (params.text("search") or "").lower()
    return _in_pages(request, params, [t for t in found if search in t["name"].lower()])


@hsds_view()
def taxonomy(request, params, id):
    code = records.all_taxonomies().get(parse_id(id))
    if code is None:
        return error(404, "id", _("There is no taxonomy with this id."))
    return respond(request, records.taxonomy_record(code))


@hsds_view("search", "taxonomy_id", "top_only", "parent_id", *PAGING)
def taxonomy_terms(request, params):
    """Terms, by taxonomy and code. Psycle's taxonomies are flat: every term is a top term
    (``top_only`` changes nothing) and none has a parent (``parent_id`` finds none)."""
    found = records.all_terms()
    params.flag("top_only")
    if params.uuid("parent_id") is not None:
        found = []
    taxonomy_uuid = params.uuid("taxonomy_id")
    if taxonomy_uuid is not None:
        _taxonomy_code(taxonomy_uuid)
        found = [term for term in found if term["taxonomy_id"] == str(taxonomy_uuid)]
    search = (params.text("search") or "").lower()
    return _in_pages(request, params, [t for t in found if search in t["name"].lower()])


@hsds_view()
def taxonomy_term(request, params, id):
    wanted = str(parse_id(id))
    found = next((term for term in records.all_terms() if term["id"] == wanted), None)
    if found is None:
        return error(404, "id", _("There is no taxonomy term with this id."))
    return respond(request, found)
