"""The finder's result cards, written in Python rather than an included template.

A page of results shows twenty clinics, each with its services and half a dozen facts: drawn
through ``{% include %}`` and ``{% translate %}`` the cards were more than half of the page's
time (the template engine resolves, escapes and translates every node of every card). The
markup, the strings (the same msgids, so translations still apply) and the escaping are the
template's; values are escaped by ``format_html``, translations are trusted as a template's are.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.templatetags.psycle import confirmed, money


def clinic_cards(clinics) -> SafeString:
    """The ``<li>`` of each clinic on the page, in order."""
    return mark_safe("".join(clinic_card(clinic) for clinic in clinics))  # noqa: S308


def clinic_card(clinic) -> SafeString:
    demo = (
        format_html(' <span class="badge badge--demo">{}</span>', _t(_("Demo listing")))
        if clinic.is_demo
        else ""
    )
    miles = _t(_("%(miles)s miles away"), miles=floatformat(clinic.distance_miles, 1))
    services = "".join(_service(listing) for listing in clinic.services)
    if clinic.is_demo:
        checked = _t(_("Demo data: not a real verification"))
    else:
        checked = _t(_("Verified")) if clinic.verified else _t(_("Not yet verified"))
    return format_html(
        '<li class="listing" id="clinic-{}" data-shortlist-slug="{}" data-shortlist-name="{}">\n'
        '  <h3 class="listing__name"><a href="{}">{}</a>{}</h3>\n'
        '  <p class="listing__meta">{}, {} · {}</p>\n'
        '  <ul class="listing__services">\n'
        "    {}\n"
        "  </ul>\n"
        '  <dl class="facts">\n'
        "    {}\n"
        "  </dl>\n"
        "</li>\n",
        clinic.number, clinic.slug, clinic.name, clinic.profile_url, clinic.name, demo,
        clinic.city, clinic.state, miles, mark_safe(services),  # noqa: S308
        _fact(_("Checked by Psycle"), checked),
    )  # fmt: skip


def _service(listing) -> str:
    if listing.price is None:
        price = _t(_("Not listed"))
    else:
        price = _t(_("From %(price)s a session"), price=money(listing.price))
        if listing.price_confirmed_on:
            stale = listing.price_may_be_out_of_date
            price = format_html("{} {}", price, confirmed(listing.price_confirmed_on, stale))
    payment = insurers = ""
    if listing.payment:
        payment = _fact(_("Payment"), ", ".join(listing.payment_names))
    if listing.insurers:
        taken = format_html_join(
            ", ", "{}{}", ((i.name, f" ({i.plan})" if i.plan else "") for i in listing.insurers)
        )
        insurers = _fact(_("Insurers"), taken)
    return format_html(
        "\n"
        '    <li class="listing__service">\n'
        "      <h4>{}</h4>\n"
        '      <dl class="facts">\n'
        "        {}\n"
        "        {}\n"
        "        {}\n"
        "        {}\n"
        "      </dl>\n"
        "    </li>\n"
        "    ",
        listing.service_name, _fact(_("Price"), price),
        _fact(_("New patients"), _accepting(listing)), payment, insurers,
    )  # fmt: skip


def _accepting(listing) -> str:
    if not listing.accepting_known:
        if listing.accepting_confirmed_on:
            day = date_filter(listing.accepting_confirmed_on, "j M Y")
            return _t(_("Not confirmed since %(date)s: ask the clinic"), date=day)
        return _t(_("Not confirmed: ask the clinic"))
    said = _t(_("Accepting")) if listing.accepting else _t(_("Not accepting"))
    stale = listing.accepting_may_be_out_of_date
    return format_html("{} {}", said, confirmed(listing.accepting_confirmed_on, stale))


def _fact(label: str, value) -> SafeString:
    """One fact of a card: its translated label and its value (escaped unless safe)."""
    return format_html("<div><dt>{}</dt><dd>{}</dd></div>", _t(label), value)


def _t(text: str, **values) -> SafeString:
    """A translated string (each call site says ``_("...")``, so the strings are found
    for translation), trusted as a template's own text is; its values escaped."""
    if values:
        text = text % {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(text)  # noqa: S308
