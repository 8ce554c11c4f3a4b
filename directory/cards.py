"""The finder's result cards, written in Python rather than an included template.

A page of results shows twenty clinics, each with its services and half a dozen facts: drawn
through ``{% include %}`` and ``{% translate %}`` the cards were more than half of the page's
time (the template engine resolves, escapes and translates every node of every card). The
markup, the strings (the same msgids, so translations still apply) and the escaping are the
template's; values are escaped by ``format_html``, translations are trusted as a template's are.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.templatetags.psycle import confirmed, money


def clinic_cards(clinics) -> SafeString:
    """The ``<li>`` of each clinic on the page, in order."""
    return mark_safe("".join(clinic_card(clinic) for clinic in clinics))  # noqa: S308


def clinic_card(clinic) -> SafeString:
    demo = (
        format_html(' <span class="badge badge--demo">{}</span>', _t("Demo listing"))
        if clinic.is_demo
        else ""
    )
    miles = _t("%(miles)s miles away", miles=floatformat(clinic.distance_miles, 1))
    services = "".join(_service(listing) for listing in clinic.services)
    if clinic.is_demo:
        checked = _t("Demo data: not a real verification")
    else:
        checked = _t("Verified") if clinic.verified else _t("Not yet verified")
    return format_html(
        '<li class="listing" id="clinic-{}" data-shortlist-slug="{}" data-shortlist-name="{}">\n'
        '  <h3 class="listing__name"><a href="{}">{}</a>{}</h3>\n'
        '  <p class="listing__meta">{}, {} · {}</p>\n'
        '  <ul class="listing__services">\n'
        "    {}\n"
        "  </ul>\n"
        '  <dl class="facts">\n'
        "    <div><dt>{}</dt><dd>{}</dd></div>\n"
        "  </dl>\n"
        "</li>\n",
        clinic.number, clinic.slug, clinic.name, clinic.profile_url, clinic.name, demo,
        clinic.city, clinic.state, miles, mark_safe(services),  # noqa: S308
        _t("Checked by Psycle"), checked,
    )  # fmt: skip


def _service(listing) -> str:
    if listing.price is None:
        price = _t("Not listed")
    else:
        price = _t("From %(price)s a session", price=money(listing.price))
        if listing.price_confirmed_on:
            stale = listing.price_may_be_out_of_date
            price = format_html("{} {}", price, confirmed(listing.price_confirmed_on, stale))
    payment = insurers = ""
    if listing.payment:
        payment = format_html(
            "<div><dt>{}</dt><dd>{}</dd></div>", _t("Payment"), ", ".join(listing.payment_names)
        )
    if listing.insurers:
        taken = format_html_join(
            ", ", "{}{}", ((i.name, f" ({i.plan})" if i.plan else "") for i in listing.insurers)
        )
        insurers = format_html("<div><dt>{}</dt><dd>{}</dd></div>", _t("Insurers"), taken)
    return format_html(
        "\n"
        '    <li class="listing__service">\n'
        "      <h4>{}</h4>\n"
        '      <dl class="facts">\n'
        "        <div><dt>{}</dt><dd>{}</dd></div>\n"
        "        <div><dt>{}</dt><dd>{}</dd></div>\n"
        "        {}\n"
        "        {}\n"
        "      </dl>\n"
        "    </li>\n"
        "    ",
        listing.service_name, _t("Price"), price, _t("New patients"), _accepting(listing),
        payment, insurers,
    )  # fmt: skip


def _accepting(listing) -> str:
    if not listing.accepting_known:
        if listing.accepting_confirmed_on:
            day = date_filter(listing.accepting_confirmed_on, "j M Y")
            return _t("Not confirmed since %(date)s: ask the clinic", date=day)
        return _t("Not confirmed: ask the clinic")
    said = _t("Accepting") if listing.accepting else _t("Not accepting")
    stale = listing.accepting_may_be_out_of_date
    return format_html("{} {}", said, confirmed(listing.accepting_confirmed_on, stale))


def _t(message: str, **values) -> SafeString:
    """A translated string, trusted as a template's own text is; its values escaped."""
    text = gettext(message)
    if values:
        text = text % {name: format_html("{}", value) for name, value in values.items()}
    return mark_safe(text)  # noqa: S308
