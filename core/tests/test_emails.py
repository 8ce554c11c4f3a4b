from pathlib import Path

from django.core import mail
from django.test import override_settings

from core import emails

# Templates of the tests' own, so the helper is tested apart from any app's messages.
TEST_TEMPLATES = override_settings(
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [Path(__file__).parent / "templates"],
        }
    ],
    SITE_URL="https://psycle.example",
)


@TEST_TEMPLATES
def test_a_message_has_a_one_line_subject_a_text_part_and_an_html_part():
    message = emails.message(
        "example",
        "alice@example.com",
        {"greeting": "Hello", "name": "<Alice>"},
        headers={"List-Unsubscribe": "<https://psycle.example/u/>"},
    )
    assert message.subject == "Hello, two lines"
    assert message.body == "Hello, <Alice>: https://psycle.example/\n"  # text is not HTML
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html == "<p>Hello, <b>&lt;Alice&gt;</b></p>\n"
    assert message.extra_headers == {"List-Unsubscribe": "<https://psycle.example/u/>"}


@TEST_TEMPLATES
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_send_delivers_through_the_configured_backend():
    emails.send("example", "alice@example.com", {"greeting": "Hi", "name": "Alice"})
    [sent] = mail.outbox
    assert sent.to == ["alice@example.com"]
    assert sent.from_email == "Psycle <noreply@localhost>"
    assert sent.subject == "Hi, two lines"


def test_an_address_is_kept_trimmed_and_in_lower_case_with_its_tag():
    typed = "  Dana.W+clinics@Example.NET\n"
    assert emails.normalise_address(typed) == "dana.w+clinics@example.net"


def test_rate_limits_count_an_address_without_its_tag_or_gmail_dots():
    key = emails.counting_key
    assert key("Dana+1@Example.net") == key("dana+2@example.net") == "dana@example.net"
    assert key("d.a.n.a+x@GoogleMail.com") == key("dana@gmail.com") == "dana@gmail.com"
    # Dots matter everywhere else.
    assert key("dana.w@example.net") != key("danaw@example.net")
    assert key("not an address") == "not an address"
