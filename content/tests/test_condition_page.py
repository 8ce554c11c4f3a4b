from content.tests.reading import cited_references_resolve, json_ld, of_type, read, text


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
