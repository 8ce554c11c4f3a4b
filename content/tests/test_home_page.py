from content.models import PressMention
from content.tests.reading import json_ld, of_type, read, text


def test_the_home_page_says_what_psycle_is(client, site_pages):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Find a mental-health treatment that fits you" in page
    assert "starting with ketamine therapy" in page
    assert "a page that a clinician has not yet reviewed says so" in page
    assert 'href="/crisis/"' in page


def test_the_search_box_asks_where_and_which_treatment_and_goes_to_the_finder(client, site_pages):
    form = read(client, "/").select_one("form.finder-search")
    assert form["action"] == "/find/" and form["method"] == "get"
    assert form.find("label", string="Where are you?")["for"] == "finder-near"
    assert form.find("input", id="finder-near")["name"] == "near"
    select = form.find("select", id="finder-treatment")
    assert select["name"] == "treatment"
    assert [option["value"] for option in select.find_all("option")] == [
        "",
        "ketamine",
        "esketamine",
        "ssri",
        "tms",
        "ect",
        "kap",
    ]


def test_the_home_page_leads_to_treatments_the_self_assessment_and_conditions(client, site_pages):
    soup = read(client, "/")
    cards = [a["href"] for a in soup.select(".page-cards .card__title a")]
    assert cards[0] == "/treatments/ketamine/" and len(cards) == 6
    assert soup.select_one(".home-assessment").find("a", href="/assessment/")
    conditions = [a["href"] for a in soup.select(".home-conditions a")]
    assert len(conditions) == 7
    assert {
        "/conditions/depression/",
        "/conditions/ocd/",
        "/conditions/bipolar-depression/",
    } <= set(conditions)
    assert of_type(json_ld(soup), "WebSite")["potentialAction"]["@type"] == "SearchAction"


def test_as_seen_on_shows_nothing_until_an_editor_adds_a_real_mention(client, site_pages):
    assert "As seen on" not in text(read(client, "/"))

    PressMention.objects.create(outlet="The Daily Example", url="https://news.example/psycle")
    section = read(client, "/").select_one(".press")
    assert text(section.h2) == "As seen on"
    assert section.find("a", href="https://news.example/psycle", string="The Daily Example")
