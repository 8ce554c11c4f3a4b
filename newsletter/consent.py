"""The exact words each sign-up form shows, kept in one place so the record of consent stores
what the person saw. Change a text only together with CONSENT_VERSION."""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "1"

CONSENT_TEXTS = {
    "footer": _(
        "You will get research news and treatment guides by e-mail. We first send a link to "
        "confirm, and you can choose other topics there. Every e-mail has a one-click "
        "unsubscribe link. We never share your address."
    ),
    "subscribe_page": _(
        "You will get e-mail on the topics you chose. We first send a link to confirm, and "
        "send nothing else until you do. Every e-mail has a link to change your topics or "
        "unsubscribe in one click. We never share your address."
    ),
}
