import pytest


@pytest.fixture
def crisis_page(client):
    response = client.get("/crisis/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_resource_is_one_tap_away(crisis_page):
    for link in (
        'href="tel:911"',
        'href="tel:988"',
        'href="sms:988"',
        'href="sms:838255"',
        'href="sms:741741?&amp;body=HOME"',
        'href="tel:+18006624357"',
    ):
        assert link in crisis_page


def test_the_page_names_each_service_and_how_to_reach_it(crisis_page):
    for words in (
        "988 Suicide &amp; Crisis Lifeline",
        "Veterans Crisis Line",
        "press 1",
        "oprima 2",
        "Crisis Text Line",
        "text HOME to 741741",
        "SAMHSA National Helpline",
        "1-800-662-4357",
    ):
        assert words in crisis_page


def test_the_spanish_help_is_marked_as_spanish(crisis_page):
    assert 'lang="es"' in crisis_page


def test_the_ended_lgbtq_youth_option_is_not_offered(crisis_page):
    assert "press 3" not in crisis_page.lower()
    assert "oprima 3" not in crisis_page.lower()


def test_emergency_help_comes_first(crisis_page):
    cards = crisis_page.index('class="crisis-list"')
    assert crisis_page.index("tel:911", cards) < crisis_page.index("tel:988", cards)


def test_press_1_and_press_2_are_dialled_for_the_caller(crisis_page):
    assert '<a class="button button--primary" href="tel:988,1">Call 988, then press 1</a>' in (
        crisis_page
    )
    assert 'href="tel:988,2">Llamar al 988, luego oprima 2</a>' in crisis_page


def test_the_chat_link_opens_the_lifeline_chat(crisis_page):
    assert '<a class="button" href="https://988lifeline.org/chat/">Chat online</a>' in crisis_page


def test_deaf_and_hard_of_hearing_callers_have_relay_and_videophone(crisis_page):
    assert "Deaf or hard of hearing" in crisis_page
    assert 'href="tel:711">Call 711, then 988</a>' in crisis_page
    assert "dial 711 and then 988" in crisis_page
    assert "videophone" in crisis_page and "American Sign Language" in crisis_page


def test_someone_helping_another_person_is_told_what_to_do(crisis_page):
    section = crisis_page[crisis_page.index('id="helping-heading"') :]
    assert "If you are helping someone" in section
    assert "call 911 now" in section and "Call or text 988 together" in section


def test_no_newsletter_sign_up_competes_with_the_crisis_lines(crisis_page, client):
    assert "footer-signup" not in crisis_page
    assert "Get our newsletter" not in crisis_page
    # Elsewhere the footer still offers it.
    assert "footer-signup" in client.get("/search/").content.decode()


def test_a_search_that_signals_risk_shows_no_newsletter_sign_up(client, db):
    risky = client.get("/search/", {"q": "i want to kill myself"}).content.decode()
    assert "crisis-panel" in risky
    assert "footer-signup" not in risky
    calm = client.get("/search/", {"q": "ketamine prices"}).content.decode()
    assert "footer-signup" in calm
