"""The shortlist's comparison: up to four providers side by side, from the slugs in the address.

The list lives in the browser (and in the link): Psycle keeps nothing about who compares what.
Every fact comes from the listing with the date it was last confirmed; what a listing does not
give is said to be not given, never guessed.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from core.templatetags.psycle import money
from directory import geocode, profiles
from directory.geo import great_circle_miles
from directory.listings import ACCEPTING_SHOWN_FOR, FRESH_FOR, older

MAX_COMPARED = 4
#: More names than this in one address are not looked up at all.
MAX_READ = 20
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")


@dataclass(frozen=True)
class Fact:
    text: str
    confirmed_on: date | None = None
    stale: bool = False
    service: str = ""  # the service it is about, when the provider lists more than one


@dataclass
class Row:
    label: str
    cells: list[tuple]  # (provider, its facts) for each provider, in order


@dataclass
class Comparison:
    providers: list  # Organization, each with .profile and .distance_miles
    rows: list[Row] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # names no provider has
    left_out: list[str] = field(default_factory=list)  # known, past the fourth
    not_read: int = 0  # names past MAX_READ
    place: geocode.Place | None = None
    place_error: str = ""

    @property
    def unknown_names(self) -> str:
        """The names not found, each quoted (and cut short: they come from the address)."""
        return ", ".join(f"“{_cut(name)}”" for name in self.unknown)

    @property
    def any_demo(self) -> bool:
        return any(organization.is_demo for organization in self.providers)


def _cut(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def requested_slugs(text: str) -> list[str]:
    """The names in ``?p=``, in order, each once."""
    seen = []
    for part in (text or "").split(","):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def compare(slugs_text: str, near: str = "", today: date | None = None) -> Comparison:
    today = today or timezone.localdate()
    slugs = requested_slugs(slugs_text)
    read, not_read = slugs[:MAX_READ], max(len(slugs) - MAX_READ, 0)
    valid = [slug for slug in read if SLUG.match(slug)]
    found = {o.slug: o for o in profiles.profile_queryset().filter(slug__in=valid)}
    known = [found[slug] for slug in read if slug in found]
    result = Comparison(
        providers=known[:MAX_COMPARED],
        unknown=[slug for slug in read if slug not in found],
        left_out=[o.name for o in known[MAX_COMPARED:]],
        not_read=not_read,
    )
    if near.strip():
        try:
            result.place = geocode.locate(near)
        except geocode.UnknownPlace as error:
            result.place_error = error.message
    for organization in result.providers:
        organization.profile = profiles.build(organization)
        organization.distance_miles = _distance(organization.profile, result.place)
    result.rows = _rows(result, today)
    return result


def _distance(profile, place) -> float | None:
    if place is None or not profile.physical_locations:
        return None
    return min(
        great_circle_miles(place.latitude, place.longitude, spot.latitude, spot.longitude)
        for spot in profile.physical_locations
    )


def _rows(result: Comparison, today: date) -> list[Row]:
    providers = result.providers
    per_service = [
        (_("Price per session"), _session_prices),
        (_("A first course"), _first_course),
        (_("Other listed prices"), _other_prices),
        (_("What the price includes"), _includes),
        (_("Protocol (dosing)"), _protocol),
        (_("Monitoring"), _monitoring),
        (_("Integration therapy included"), _integration),
        (_("Accepting new patients"), _accepting),
    ]
    rows = [
        Row(label, [(o, _each_service(o.profile, facts, today)) for o in providers])
        for label, facts in per_service
    ]
    rows.append(Row(_("Checked by Psycle"), [(o, [_verification(o)]) for o in providers]))
    if result.place:
        rows.append(Row(_("Distance"), [(o, [_distance_fact(o, result.place)]) for o in providers]))
    return rows


def _each_service(profile, facts, today) -> list[Fact]:
    """The facts of each of the provider's services, each named when it has more than one."""
    several = len(profile.services) > 1
    cell = []
    for item in profile.services:
        for fact in facts(item, today):
            cell.append(_named(fact, item.service.name) if several else fact)
    return cell or [Fact(_("No active service listed"))]


def _named(fact: Fact, name: str) -> Fact:
    return Fact(fact.text, fact.confirmed_on, fact.stale, service=name)


def _dated(text: str, confirmed_on: date | None, today: date) -> Fact:
    return Fact(text, confirmed_on, older(confirmed_on, FRESH_FOR, today))


def _session_prices(item, today):
    if not item.session_costs:
        return [Fact(_("Not listed"))]
    return [
        _dated(f"{cost.option}: {money(cost.amount)}", cost.confirmed_on, today)
        for cost in item.session_costs
    ]


def _other_prices(item, today):
    return [
        _dated(f"{cost.option}: {money(cost.amount)}", cost.confirmed_on, today)
        for cost in item.other_costs
    ] or [Fact(_("None listed"))]


def _first_course(item, today):
    service = item.service
    if service.first_course_price is None:
        return [Fact(_("Not given"))]
    price = money(service.first_course_price)
    if service.first_course_sessions:
        text = _("%(price)s for %(sessions)s sessions") % {
            "price": price,
            "sessions": service.first_course_sessions,
        }
    else:
        text = price
    return [_dated(text, service.protocol_confirmed_on, today)]


def _includes(item, today):
    costs = [cost for cost in item.session_costs + item.other_costs if cost.includes]
    return [
        _dated(f"{cost.option}: {cost.includes}", cost.confirmed_on, today) for cost in costs
    ] or [Fact(_("Not given"))]


def _protocol_fact(text, item, today):
    if not text:
        return [Fact(_("Not given"))]
    return [_dated(text, item.service.protocol_confirmed_on, today)]


def _protocol(item, today):
    return _protocol_fact(item.service.dosing_approach, item, today)


def _monitoring(item, today):
    return _protocol_fact(item.service.monitoring, item, today)


def _integration(item, today):
    included = item.service.integration_therapy_included
    if included is None:
        return [Fact(_("Not given"))]
    return _protocol_fact(_("Yes") if included else _("No"), item, today)


def _accepting(item, today):
    """As the results show it: not at all once unconfirmed for too long."""
    service = item.service
    confirmed = service.accepting_confirmed_on
    if older(confirmed, ACCEPTING_SHOWN_FOR, today, True):
        if confirmed:
            since = confirmed.strftime("%-d %b %Y")
            return [Fact(_("Not confirmed since %(date)s: ask the clinic") % {"date": since})]
        return [Fact(_("Not confirmed: ask the clinic"))]
    text = _("Accepting") if service.accepting_new_patients else _("Not accepting")
    return [_dated(text, confirmed, today)]


def _verification(organization) -> Fact:
    if organization.is_demo:
        return Fact(_("Demo listing: not a real provider, and not a real verification"))
    if organization.is_verified:
        who = organization.verified_by_name or _("Psycle")
        return Fact(_("Verified by %(who)s") % {"who": who}, organization.verified_on)
    return Fact(str(organization.get_verification_display()))


def _distance_fact(organization, place) -> Fact:
    if organization.distance_miles is None:
        if organization.profile.virtual:
            return Fact(_("Remote: treats people at home by telehealth"))
        return Fact(_("No address listed"))
    return Fact(
        _("%(miles)s miles from %(place)s")
        % {"miles": f"{organization.distance_miles:.1f}", "place": place.label}
    )
