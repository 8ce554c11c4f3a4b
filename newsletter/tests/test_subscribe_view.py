import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tests.people import ALICE, subscribed
from newsletter.consent import CONSENT_TEXTS, CONSENT_VERSION
from newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def queued(task_name: str) -> list[list]:
    return [
        result.args_kwargs["args"]
        for result in DBTaskResult.objects.filter(task_path=f"newsletter.tasks.{task_name}")
    ]


def sign_up(client, capture, **data):
    with capture(execute=True):
        return client.post("/subscribe/", {"form": "subscribe_page", **data})


def test_the_page_shows_the_form_with_its_consent_text(client):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label class="field__label" for="id_email">E-mail address</label>' in page
    assert "New providers near me" in page
    assert str(CONSENT_TEXTS["subscribe_page"]) in page
    assert "footer-signup" not in page  # one form asking for an address is enough


def test_signing_up_records_consent_and_queues_only_a_confirmation(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(
        client,
        django_capture_on_commit_callbacks,
        email="  Alice@Example.COM ",
        topics=["research_news", "providers_near_me"],
        zip_code="94110-1234",
    )
    assert response.status_code == 302
    assert response["Location"] == "/subscribe/check-your-email/"
    alice = Subscriber.objects.get()
    assert alice.email == ALICE
    assert alice.status == Subscriber.Status.PENDING
    assert alice.topics == []  # nothing chosen counts until it is confirmed
    consent = ConsentRecord.objects.get()
    assert consent.form_name == "subscribe_page"
    assert consent.consent_text == str(CONSENT_TEXTS["subscribe_page"])
    assert consent.consent_version == CONSENT_VERSION
    assert consent.topics == ["research_news", "providers_near_me"]
    assert consent.zip_code == "94110-1234"
    assert consent.confirmed_at is None
    assert queued("send_confirmation") == [[consent.pk]]


def test_the_answer_is_the_same_for_an_address_that_already_subscribes(
    client, django_capture_on_commit_callbacks
):
    stranger = sign_up(
        client,
        django_capture_on_commit_callbacks,
        email="bob@example.com",
        topics=["research_news"],
    )
    subscribed(ALICE)
    known = sign_up(
        client, django_capture_on_commit_callbacks, email=ALICE, topics=["research_news"]
    )
    assert (known.status_code, known["Location"]) == (stranger.status_code, stranger["Location"])
    # Alice is told by e-mail, where only she reads it, and no second row is made.
    assert Subscriber.objects.filter(email=ALICE).count() == 1
    assert queued("send_already_subscribed") == [[Subscriber.objects.get(email=ALICE).pk]]


def test_the_same_address_twice_is_one_subscriber_and_one_e_mail(
    client, django_capture_on_commit_callbacks
):
    for typed in ("alice@example.com", "ALICE@example.com"):
        sign_up(client, django_capture_on_commit_callbacks, email=typed, topics=["research_news"])
    assert Subscriber.objects.count() == 1
    assert len(queued("send_confirmation")) == 1  # the second comes too soon after the first


def test_an_address_that_bounced_gets_nothing_but_the_same_answer(
    client, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email=ALICE, suppressed_at=timezone.now(), suppressed_reason="bounced"
    )
    response = sign_up(
        client, django_capture_on_commit_callbacks, email=ALICE, topics=["research_news"]
    )
    assert response["Location"] == "/subscribe/check-your-email/"
    assert DBTaskResult.objects.count() == 0
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "alice@", "topics": ["research_news"]}, "email", "Enter an e-mail address like"),
        ({"email": "", "topics": ["research_news"]}, "email", "Enter your e-mail address."),
        ({"email": ALICE}, "topics", "Choose at least one topic."),
        (
            {"email": ALICE, "topics": ["providers_near_me"], "zip_code": "9411"},
            "zip_code",
            "Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789.",
        ),
        (
            {
                "email": ALICE,
                "topics": ["providers_near_me"],
                "zip_code": "\u0669\u0664\u0661\u0661\u0660",
            },
            "zip_code",
            "Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789.",
        ),
        (
            {"email": ALICE, "topics": ["providers_near_me"], "zip_code": "94110-12"},
            "zip_code",
            "Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789.",
        ),
        (
            {"email": ALICE, "topics": ["providers_near_me"]},
            "zip_code",
            "Enter your ZIP code to hear about new providers near you.",
        ),
    ],
)
def test_bad_input_is_named_on_the_page_and_nothing_is_written(client, data, field, message):
    response = client.post("/subscribe/", {"form": "subscribe_page", **data})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<p class="field__error" id="id_{field}_error">{message}' in page
    assert "<title>Error: Subscribe" in page
    assert Subscriber.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_zip_code_is_kept_only_for_the_topic_that_uses_it(
    client, django_capture_on_commit_callbacks
):
    sign_up(
        client,
        django_capture_on_commit_callbacks,
        email=ALICE,
        topics=["research_news"],
        zip_code="94110",
    )
    assert ConsentRecord.objects.get().zip_code == ""


def test_the_footer_form_on_every_page_signs_up_for_the_default_topics(
    client, django_capture_on_commit_callbacks
):
    # Any page but the crisis page, which has no sign-up (test_crisis_page checks that).
    page = client.get("/find/").content.decode()
    assert '<form class="footer-signup__form" method="post" action="/subscribe/"' in page
    assert '<label for="footer-signup-email">E-mail address</label>' in page
    assert str(CONSENT_TEXTS["footer"]) in page
    assert "csrfmiddlewaretoken" not in page  # so no page sets a cookie for it
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/subscribe/", {"form": "footer", "email": ALICE})
    assert response.status_code == 302
    consent = ConsentRecord.objects.get()
    assert consent.form_name == "footer"
    assert consent.consent_text == str(CONSENT_TEXTS["footer"])
    assert consent.topics == ["research_news", "treatment_guides"]


def test_a_mistake_in_the_footer_is_shown_on_the_full_form_with_the_address_kept(client):
    response = client.post("/subscribe/", {"form": "footer", "email": "alice at example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an e-mail address like name@example.com." in page
    assert 'value="alice at example"' in page
    assert 'value="research_news"' in page and "checked" in page
    assert "Choose at least one topic." not in page
    assert Subscriber.objects.count() == 0


def test_the_check_your_email_page_says_what_happens_next(client):
    response = client.get("/subscribe/check-your-email/")
    assert response.status_code == 200
    assert "Follow the link in it to confirm your subscription." in response.content.decode()


@override_settings(NEWSLETTER_SIGNUP_LIMIT_PER_IP=3, NEWSLETTER_SIGNUP_LIMIT_PER_EMAIL=50)
def test_one_client_cannot_make_the_site_mail_many_strangers(client):
    for number in range(3):
        response = client.post("/subscribe/", {"form": "footer", "email": f"p{number}@example.org"})
        assert response.status_code == 302
    response = client.post("/subscribe/", {"form": "footer", "email": "stranger@example.org"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait before signing up again" in page
    assert 'value="stranger@example.org"' in page
    assert ConsentRecord.objects.count() == 3
    assert not Subscriber.objects.filter(email="stranger@example.org").exists()
    # Someone else is not held back.
    other = client.post(
        "/subscribe/", {"form": "footer", "email": "me@example.org"}, REMOTE_ADDR="198.51.100.9"
    )
    assert other.status_code == 302


@override_settings(NEWSLETTER_SIGNUP_LIMIT_PER_IP=50, NEWSLETTER_SIGNUP_LIMIT_PER_EMAIL=3)
def test_one_address_is_asked_for_at_most_three_times_an_hour_whatever_its_tag(client):
    for number in range(3):
        response = client.post(
            "/subscribe/",
            {"form": "footer", "email": f"alice+{number}@example.org"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )
        assert response.status_code == 302
    response = client.post(
        "/subscribe/",
        {"form": "subscribe_page", "email": "Alice+x@example.org", "topics": ["research_news"]},
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 429
    assert "Please wait before signing up again" in response.content.decode()


def test_every_topic_is_ticked_to_begin_with(client):
    page = client.get("/subscribe/").content.decode()
    for index, topic in enumerate(["research_news", "treatment_guides", "providers_near_me"]):
        assert f'value="{topic}" id="id_topics_{index}" checked' in page
    assert "Only for new providers near you: without it, you get the other topics." in page


def test_an_address_alone_is_enough_as_the_form_comes(client, django_capture_on_commit_callbacks):
    # What the browser sends when the person types only an address: every topic, no ZIP code.
    response = sign_up(
        client,
        django_capture_on_commit_callbacks,
        email=ALICE,
        topics=["research_news", "treatment_guides", "providers_near_me"],
        zip_code="",
    )
    assert response.status_code == 302
    consent = ConsentRecord.objects.get()
    assert consent.topics == ["research_news", "treatment_guides"]
    assert consent.zip_code == ""


def test_with_a_zip_code_every_topic_is_kept(client, django_capture_on_commit_callbacks):
    sign_up(
        client,
        django_capture_on_commit_callbacks,
        email=ALICE,
        topics=["research_news", "treatment_guides", "providers_near_me"],
        zip_code="10001",
    )
    consent = ConsentRecord.objects.get()
    assert consent.topics == ["research_news", "treatment_guides", "providers_near_me"]
    assert consent.zip_code == "10001"


def test_providers_near_me_alone_still_asks_for_the_zip_code(
    client, django_capture_on_commit_callbacks
):
    response = sign_up(
        client, django_capture_on_commit_callbacks, email=ALICE, topics=["providers_near_me"]
    )
    assert response.status_code == 400
    assert "Enter your ZIP code to hear about new providers near you." in response.content.decode()
    assert not ConsentRecord.objects.exists()
