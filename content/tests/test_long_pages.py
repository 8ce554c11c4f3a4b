"""A long page a reader can find their way around: its contents list, its key facts at the top
(with the typical price from live listings and the conditions it treats), its side effects with
how often they happen, and when it was last updated."""

import statistics

from django.utils import timezone
from wagtail.models import Page

from content.contents import MINIMUM_SECTIONS
from content.models import ConditionPage, TreatmentPage
from content.tests.reading import read, sources_of, text
from directory.models import SearchEntry


def test_a_long_page_lists_its_sections_and_each_link_leads_to_one(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    nav = soup.find("nav", attrs={"aria-labelledby": "contents-heading"})
    assert text(nav.find("h2")) == "On this page"
    links = nav.find_all("a")
    body = soup.select_one(".article__body")
    headings = [h for h in body.find_all("h2") if h.get("id")]
    sections, sources = links[:-1], links[-1]
    assert [a["href"] for a in sections] == [f"#{h['id']}" for h in headings[:-1]]
    assert [text(a) for a in sections] == [text(h) for h in headings[:-1]]
    assert "Side effects, and how often they happen" in [text(a) for a in sections]
    assert text(sources) == "References" and sources["href"] == "#sources"
    assert soup.find(id="sources").find("h2") == headings[-1]
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an id is used twice"


def test_only_long_pages_get_a_contents_list(client, site_pages):
    shown = 0
    for page in Page.objects.live().filter(depth__gt=2).specific():
        soup = read(client, page.url)
        nav = soup.find("nav", attrs={"aria-labelledby": "contents-heading"})
        sections = len(soup.select(".article__body h2[id]"))
        if sections >= MINIMUM_SECTIONS:
            assert nav is not None, page.url
            shown += 1
        else:
            assert nav is None, page.url
    assert shown >= 5


def facts(soup) -> dict:
    return {text(row.dt): row.dd for row in soup.select(".facts__list > div")}


def ketamine_prices(*, demo: bool) -> list[int]:
    return list(
        SearchEntry.objects.filter(treatment=0, is_demo=demo, price__isnull=False).values_list(
            "price", flat=True
        )
    )


def test_the_typical_price_comes_from_the_demo_listings_and_says_so(client, demo_listings):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    prices = ketamine_prices(demo=True)
    median = statistics.median(prices)
    cost = facts(read(client, "/treatments/ketamine/"))["Cost"]
    today = timezone.localdate().strftime("%-d %B %Y")
    assert (
        f"Median ${median:,.0f} per session across {len(prices):,} listings, as of {today}."
        in text(cost)
    )
    assert "Worked out from the demo listings" in text(cost)
    assert "not real clinics' prices" in text(cost)
    form = cost.find("form", action="/find/")
    assert form.find("input", type="hidden", attrs={"name": "treatment", "value": "ketamine"})
    assert form.find("input", attrs={"name": "near"}) and cost.find("a", href="/coverage/")


def test_real_listings_alone_make_the_typical_price_once_there_are_any(client, demo_listings):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    real = SearchEntry.objects.filter(treatment=0, price__isnull=False).order_by("id")[:3]
    SearchEntry.objects.filter(id__in=[entry.id for entry in real]).update(is_demo=False)
    prices = ketamine_prices(demo=False)
    assert len(prices) == 3
    cost = text(facts(read(client, "/treatments/ketamine/"))["Cost"])
    assert f"Median ${statistics.median(prices):,.0f} per session across 3 listings" in cost
    assert "demo" not in cost


def test_without_listings_no_price_is_made_up(client, site_pages):
    cost = text(facts(read(client, "/treatments/ketamine/"))["Cost"])
    assert "Median" not in cost and "Paid per session" in cost


def test_the_key_facts_link_to_the_conditions_it_is_used_for(client, site_pages):
    ketamine = TreatmentPage.objects.get(slug="ketamine")
    expected = [
        condition.url
        for condition in ConditionPage.objects.live()
        if any(option.pk == ketamine.pk for option in condition.treatment_options)
    ]
    assert "/conditions/depression/" in expected and len(expected) >= 3
    used_for = facts(read(client, "/treatments/ketamine/"))["Used for"]
    assert [a["href"] for a in used_for.find_all("a")] == expected


def test_the_review_status_says_when_the_page_was_last_updated(client, site_pages):
    ketamine = TreatmentPage.objects.get(slug="ketamine")
    review = read(client, "/treatments/ketamine/").select_one(".review")
    assert f"Last updated: {ketamine.last_published_at:%-d %B %Y}" in text(review)
    assert review.find("time")["datetime"] == f"{ketamine.last_published_at:%Y-%m-%d}"


def test_side_effects_say_how_often_they_happen_with_their_source(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    heading = soup.find("h2", string="Side effects, and how often they happen")
    table = heading.find_next("table")
    rows = {text(row.th): row for row in table.tbody.find_all("tr")}
    detached = rows["Feeling detached from yourself or your surroundings (dissociation)"]
    assert "55 of 91 people (60%)" in text(detached)
    assert any("KetECT" in source for source in sources_of(soup, detached))
    assert "63 of 91 people (69%)" in text(rows["Dizziness or a spinning feeling (vertigo)"])


def test_medical_words_stand_beside_the_plain_ones(client, site_pages):
    page = text(read(client, "/treatments/ketamine/").find("main"))
    for words in (
        "detached from themselves (dissociation)",
        "Injection into a muscle (intramuscular, IM)",
        "Into a vein (intravenous infusion, IV)",
        "off-label (a use the FDA has not approved)",
    ):
        assert words in page
