from content.tests.reading import (
    cited_references_resolve,
    containing,
    json_ld,
    of_type,
    read,
    sources_of,
    text,
)


def test_a_condition_links_to_its_screener_and_its_treatments(client, site_pages):
    soup = read(client, "/conditions/depression/")
    assert "the PHQ-9 depression questionnaire" in text(soup.select_one(".next-steps"))
    assert soup.find("a", href="/assessment/", string="Take the self-assessment")
    options = soup.select(".treatment-options .card__title a")
    assert [a["href"] for a in options] == [
        "/treatments/antidepressants/",
        "/treatments/esketamine/",
        "/treatments/ketamine/",
        "/treatments/tms/",
        "/treatments/ect/",
        "/treatments/ketamine-assisted-psychotherapy/",
    ]
    assert "23.1% of US adults" in text(soup)
    cited_references_resolve(soup)
    assert soup.select_one(".callout--crisis").find("a", href="tel:988")


def test_a_condition_is_described_for_search_engines_with_its_treatments(client, site_pages):
    page = of_type(json_ld(read(client, "/conditions/depression/")), "MedicalWebPage")
    condition = page["about"]
    assert condition["@type"] == "MedicalCondition"
    assert "treatment-resistant depression (TRD)" in condition["alternateName"]
    treatments = {item["name"]: item["@type"] for item in condition["possibleTreatment"]}
    assert treatments["Ketamine"] == "Drug"
    assert treatments["Electroconvulsive therapy (ECT)"] == "MedicalTherapy"


def test_the_ptsd_page_shows_the_civilian_and_the_veteran_trials_together(client, site_pages):
    soup = read(client, "/conditions/ptsd/")
    mixed = soup.find("h3", string="Ketamine for PTSD: mixed results").find_next("ul")
    assert "67% of people" in text(mixed) and "did no better than placebo" in text(mixed)
    cited = {
        text(li.select_one(".references__citation"))[:9] for li in soup.select(".references li")
    }
    assert {"Feder A, ", "Abdallah "} <= cited


def test_a_condition_without_a_questionnaire_says_so(client, site_pages):
    soup = read(client, "/conditions/chronic-pain/")
    assert "has no questionnaire for this yet" in text(soup.select_one(".next-steps"))


def test_the_ocd_page_gives_its_prevalence_with_the_year_and_its_treatments_evidence(
    client, site_pages
):
    soup = read(client, "/conditions/ocd/")
    assert text(soup.h1) == "OCD"
    assert text(soup.select_one(".review")).startswith("Not yet medically reviewed")
    assert "has no questionnaire for this yet" in text(soup.select_one(".next-steps"))
    prevalence = containing(soup, "p", "2.3% had had OCD")
    assert "published in 2010" in text(prevalence)
    assert sources_of(soup, prevalence)[0].startswith("Ruscio AM")
    headings = [text(h) for h in soup.find_all("h3")]
    for treatment in ("Exposure and response prevention", "SSRIs", "Clomipramine", "TMS"):
        assert any(heading.startswith(treatment) for heading in headings), treatment
    assert "Ketamine: very little evidence" in headings
    tms = containing(soup, "p", "authorised one deep TMS device for OCD")
    assert "38% responded" in text(tms) and sources_of(soup, tms)[0].startswith("FDA news release")
    doses = containing(soup, "p", "higher doses tend to work better")
    assert any(source.startswith("Bloch MH") for source in sources_of(soup, doses))
    options = [a["href"] for a in soup.select(".treatment-options .card__title a")]
    assert options == ["/treatments/antidepressants/", "/treatments/tms/", "/treatments/ketamine/"]
    cited_references_resolve(soup)
    assert soup.select_one(".callout--crisis").find("a", href="tel:988")


def test_the_bipolar_page_explains_why_mania_matters_for_antidepressants_and_ketamine(
    client, site_pages
):
    soup = read(client, "/conditions/bipolar-depression/")
    assert text(soup.h1) == "Bipolar depression"
    assert text(soup.select_one(".review")).startswith("Not yet medically reviewed")
    assert "has no questionnaire for this yet" in text(soup.select_one(".next-steps"))
    prevalence = containing(soup, "p", "1.0% had had bipolar I disorder")
    assert "published in 2007" in text(prevalence)
    assert sources_of(soup, prevalence)[0].startswith("Merikangas KR")
    mania = soup.find("h2", string="Why mania matters for antidepressants and ketamine")
    antidepressants = mania.find_next("p")
    assert "not recommended" in text(antidepressants) and "mania" in text(antidepressants)
    ketamine = antidepressants.find_next("p")
    assert "manic episode" in text(ketamine) and "not in bipolar disorder" in text(ketamine)
    assert any(source.startswith("Sanacora G") for source in sources_of(soup, ketamine))
    headings = [text(h) for h in soup.find_all("h3")]
    assert headings[:4] == [
        "Mood stabilisers",
        "Medicines for the depression itself",
        "Talking therapies",
        "ECT",
    ]
    assert "quetiapine, lurasidone and cariprazine" in text(soup)
    cited_references_resolve(soup)
    assert soup.select_one(".callout--crisis").find("a", href="tel:988")


def test_the_depression_page_points_to_bipolar_depression_and_ocd(client, site_pages):
    soup = read(client, "/conditions/depression/")
    section = soup.find("h2", string="When depression is part of something else").find_next("ul")
    assert section.find("a", href="/conditions/bipolar-depression/")
    assert section.find("a", href="/conditions/ocd/")
