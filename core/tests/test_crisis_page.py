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
