"""The shipped library keeps its promises: every figure sourced, nothing invented."""

import re
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup
from wagtail.models import Page

from content.citations import keys_in
from content.models import ConditionPage, HomePage, ReviewedPage, Reviewer, TreatmentPage
from content.tests.reading import json_ld, of_type, text

CONTENT = Path(__file__).resolve().parents[1]
# A percentage, a dose, a median or a count in millions: figures a reader must be able to check.
FIGURE = re.compile(r"\d\s?%|\d+\s?mg\b|\bmedian\b|\d\s?million\b", re.IGNORECASE)


def strings(value):
    """Every string in a page file's values (comments are not content)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def page_files():
    return {
        path.relative_to(CONTENT).as_posix(): tomllib.loads(path.read_text(encoding="utf-8"))
        for path in (CONTENT / "pages").rglob("*.toml")
    }


def test_the_bibliography_holds_exactly_the_sources_the_pages_cite():
    bibliography = tomllib.loads((CONTENT / "references.toml").read_text(encoding="utf-8"))
    cited = {key for data in page_files().values() for s in strings(data) for key in keys_in(s)}
    assert cited == set(bibliography)
    for key, entry in bibliography.items():
        assert entry["status"] in ("confirmed", "partly confirmed"), key
        assert entry["citation"], key


def test_no_page_quotes_a_price():
    for source, data in page_files().items():
        for value in strings(data):
            assert "$" not in value, source


def test_every_figure_on_every_page_links_to_its_source(client, site_pages):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        main = soup.find("main")
        for element in main.find_all(["p", "li", "td", "dd"]):
            if element.find(["p", "li"]):
                continue
            if element.find_parent(class_="references") or element.find_parent(class_="review"):
                continue
            if FIGURE.search(text(element)):
                assert element.select_one("sup.cite a"), f"{page.url}: {text(element)}"


def test_the_shipped_library_names_no_reviewer_and_no_review_date(site_pages):
    assert not Reviewer.objects.exists()
    assert not ReviewedPage.objects.filter(last_reviewed__isnull=False).exists()
    assert ReviewedPage.objects.count() == 19


def test_every_page_tells_search_engines_what_it_is(client, site_pages):
    expected_about = {
        TreatmentPage: {"Drug", "MedicalTherapy"},
        ConditionPage: {"MedicalCondition"},
    }
    for page in Page.objects.live().filter(depth__gt=1).specific():
        documents = json_ld(BeautifulSoup(client.get(page.url).content.decode(), "html.parser"))
        types = {document["@type"] for document in documents}
        if isinstance(page, HomePage):
            assert types == {"WebSite"}, page.url
        elif isinstance(page, ReviewedPage):
            assert "MedicalWebPage" in types, page.url
            medical = of_type(documents, "MedicalWebPage")
            assert medical["url"] == "http://127.0.0.1:8000" + page.url
            if type(page) in expected_about:
                assert medical["about"]["@type"] in expected_about[type(page)], page.url
        else:
            assert "WebPage" in types, page.url
        body = [] if isinstance(page, HomePage) else page.body
        has_faq = any(block.block_type == "faq" for block in body)
        assert ("FAQPage" in types) == has_faq, page.url
