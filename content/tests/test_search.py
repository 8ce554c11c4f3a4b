import pytest

from content.tests.reading import read, text


def test_searching_finds_the_pages_about_a_treatment(client, site_pages):
    soup = read(client, "/search/?q=esketamine")
    results = [a["href"] for a in soup.select(".search-results__title a")]
    assert "/treatments/esketamine/" in results
    assert "/compare/ketamine-vs-esketamine/" in results
    assert "match “esketamine”" in text(soup.select_one(".search-results__heading"))
    # Summaries are shown without citation markers.
    assert "[ref:" not in text(soup)


def test_the_page_named_after_the_search_comes_first(client, site_pages):
    results = read(client, "/search/?q=Ketamine").select(".search-results__title a")
    assert results[0]["href"] == "/treatments/ketamine/"
    titles = [text(a) for a in results[:6]]
    assert all("Ketamine" in title or "ketamine" in title for title in titles)


def test_a_search_with_no_match_suggests_where_to_start(client, site_pages):
    soup = read(client, "/search/?q=zzzyzzx")
    assert "0 pages match “zzzyzzx”" in text(soup)
    assert soup.find("a", href="/treatments/", string="All treatments")


def test_the_search_page_without_a_query_shows_the_search_box(client, site_pages):
    soup = read(client, "/search/")
    assert soup.find("label", string="Search treatments, conditions and guides")
    assert soup.select_one(".search-results") is None


def test_a_search_that_is_too_long_is_refused_with_a_clear_message(client, site_pages):
    response = client.get("/search/", {"q": "ketamine " * 40})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Your search is too long: use fewer than 200 characters in the search box." in page
    assert 'aria-invalid="true"' in page


def test_results_come_a_page_at_a_time(client, site_pages):
    first = read(client, "/search/?q=ketamine")
    assert len(first.select(".search-results li")) == 10
    assert first.find("a", string="Next page")["href"] == "?q=ketamine&page=2"
    second = read(client, "/search/?q=ketamine&page=2")
    assert second.select_one(".search-results")["start"] == "11"


def panel_comes_first(soup) -> bool:
    panel = soup.select_one(".crisis-panel")
    heading = soup.select_one(".search-results__heading")
    if panel is None:
        return False
    return heading is None or panel.sourceline < heading.sourceline


@pytest.mark.parametrize(
    "query",
    [
        "kill myself",
        "i want to die",
        "i dont want to be here anymore",
        "suicide",
        "sucide thoughts",
        "how many pills does it take to overdose",
        "thinking of ending my life",
        "self harming",
        "i feel like hurting myself",
    ],
)
def test_a_search_that_signals_risk_shows_crisis_help_before_any_result(client, site_pages, query):
    soup = read(client, f"/search/?q={query}")
    assert panel_comes_first(soup), query
    panel = soup.select_one(".crisis-panel")
    hrefs = {a["href"] for a in panel.select("a")}
    assert {"tel:988", "sms:988", "sms:741741?&body=HOME", "tel:911"} <= hrefs
    first = soup.select_one(".search-results__title a")
    assert first is not None and first["href"] == "/crisis/"


@pytest.mark.parametrize("query", ["crisis", "988", "help now", "Crisis line", "I need help now"])
def test_the_crisis_page_comes_first_for_help_words(client, site_pages, query):
    soup = read(client, f"/search/?q={query}")
    first = soup.select_one(".search-results__title a")
    assert first["href"] == "/crisis/" and text(first) == "Get help now"


@pytest.mark.parametrize("query", ["ketamine", "esketamine cost", "depression", "ect memory"])
def test_an_ordinary_search_shows_no_crisis_panel(client, site_pages, query):
    soup = read(client, f"/search/?q={query}")
    assert soup.select_one(".crisis-panel") is None
    assert soup.select_one(".search-results__title a")["href"] != "/crisis/"


def test_suicide_no_longer_lists_the_terms_of_use_first(client, site_pages):
    soup = read(client, "/search/?q=suicide")
    results = [a["href"] for a in soup.select(".search-results__title a")]
    assert results[0] == "/crisis/"
    assert "/terms/" not in results[:1]


def test_the_self_assessment_can_be_found(client, site_pages):
    soup = read(client, "/search/?q=quiz")
    assert soup.select_one(".search-results__title a")["href"] == "/assessment/"
