"""The shipped library keeps its promises: every figure sourced, nothing invented."""

import re
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup
from wagtail.models import Page

from assessments.instruments import INSTRUMENTS
from content.citations import keys_in
from content.models import ConditionPage, HomePage, ReviewedPage, Reviewer, TreatmentPage
from content.tests.reading import cited_references_resolve, json_ld, of_type, text

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


def test_the_bibliography_holds_exactly_the_sources_the_pages_and_the_assessment_cite():
    bibliography = tomllib.loads((CONTENT / "references.toml").read_text(encoding="utf-8"))
    cited = {key for data in page_files().values() for s in strings(data) for key in keys_in(s)}
    cited |= {key for instrument in INSTRUMENTS.values() for key in instrument.references}
    assert cited == set(bibliography)
    for key, entry in bibliography.items():
        assert entry["status"] in ("confirmed", "partly confirmed"), key
        assert entry["citation"], key


def test_no_page_quotes_a_price():
    for source, data in page_files().items():
        for value in strings(data):
            assert "$" not in value, source


def test_every_figure_on_every_page_links_to_its_source(client, site_pages, demo_listings):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        main = soup.find("main")
        for element in main.find_all(["p", "li", "td", "dd"]):
            if element.find(["p", "li"]):
                continue
            if element.find_parent(class_="references") or element.find_parent(class_="review"):
                continue
            # The typical price is worked out from the finder's own listings, and links to them.
            if "typical-price" in element.get("class", []):
                assert element.find("a", href=re.compile(r"^/find/")), page.url
                continue
            if FIGURE.search(text(element)):
                assert element.select_one("sup.cite a"), f"{page.url}: {text(element)}"


def test_the_shipped_library_names_no_reviewer_and_no_review_date(site_pages):
    assert not Reviewer.objects.exists()
    assert not ReviewedPage.objects.filter(last_reviewed__isnull=False).exists()
    assert ReviewedPage.objects.count() == 21


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


# Sources the clinical review found cited for insurance and prices, which they never discuss.
SILENT_ON_MONEY = ("sanacora2017", "fda-spravato-label", "fda-ketalar-label")
MONEY = re.compile(r"insur|out of pocket|\bpay|\bpaid|\bcost|\bcover|\bprice", re.IGNORECASE)
# The claim a marker closes: the words since the last sentence, clause, tag or marker.
CLAIM_BEFORE_MARKER = re.compile(r"([^.;:!?<>\]]*)\[ref:([^\]]+)\]")


def test_no_source_is_cited_for_money_matters_it_does_not_discuss():
    for source, data in page_files().items():
        for value in strings(data):
            for claim, keys in CLAIM_BEFORE_MARKER.findall(value):
                cited = {key.strip() for key in keys.split(",")}
                if cited & set(SILENT_ON_MONEY):
                    assert not MONEY.search(claim), f"{source}: {claim.strip()} [ref:{keys}]"


def test_every_page_shows_the_sources_it_cites_and_says_it_is_not_yet_reviewed(client, site_pages):
    for page in ReviewedPage.objects.live().specific():
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        assert not soup.select(".cite--missing"), page.url
        if soup.select("sup.cite"):
            cited_references_resolve(soup)
        assert text(soup.select_one(".review")).startswith("Not yet medically reviewed"), page.url
