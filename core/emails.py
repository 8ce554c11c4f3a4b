"""The one way the site writes e-mail: a subject, a plain-text part and an HTML part, each
rendered from templates, so every message reads well in any mail program.

``message("newsletter_confirm", ...)`` renders ``emails/newsletter_confirm_subject.txt``,
``emails/newsletter_confirm.txt`` and ``emails/newsletter_confirm.html`` with the same context.

Addresses have two normal forms: ``normalise_address`` is the one stored, hashed and written to;
``counting_key`` is the one rate limits count, so that ``dana+1@`` and ``dana+2@`` are one person.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string

# Gmail delivers to one mailbox whatever dots the local part holds, under either domain.
DOTS_IGNORED = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalise_address(address: str) -> str:
    """The form an address is kept, looked up and written to: without surrounding space, in
    lower case (one spelling per address is what lets a seeker find their requests again)."""
    return address.strip().lower()


def counting_key(address: str) -> str:
    """The address as rate limits count it: its normal form without a ``+tag`` and, at Gmail,
    without dots in the local part. Never an address to write to: a tag may be what sorts the
    message into the right folder."""
    local, at, domain = normalise_address(address).rpartition("@")
    if not at:
        return normalise_address(address)
    local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local, domain = local.replace(".", ""), DOTS_IGNORED[domain]
    return f"{local}@{domain}"


def _render_text(template_name: str, context: dict) -> str:
    """Render a subject or plain-text part without HTML escaping: in text, "&" is just "&"."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def message(
    template_name: str,
    to: str,
    context: dict,
    headers: dict[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The message, ready to send; callers that send many share one ``connection``."""
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = _render_text(f"emails/{template_name}_subject.txt", context)
    email = EmailMultiAlternatives(
        # A subject is one line: a newline in it would start a new header.
        subject=" ".join(subject.split()),
        body=_render_text(f"emails/{template_name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    email.attach_alternative(render_to_string(f"emails/{template_name}.html", context), "text/html")
    return email


def send(template_name: str, to: str, context: dict, headers: dict[str, str] | None = None) -> None:
    """Render and send one message now; errors from the mail server are raised, not swallowed."""
    message(template_name, to, context, headers).send(fail_silently=False)
