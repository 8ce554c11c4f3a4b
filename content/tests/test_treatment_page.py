from content.tests.reading import (
    cited_references_resolve,
    containing,
    json_ld,
    of_type,
    read,
    sources_of,
    text,
)


def test_the_ketamine_page_answers_what_a_frightened_person_asks(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    assert text(soup.h1) == "Ketamine"
    questions = [text(h) for h in soup.select(".faq__question")]
    for question in (
        "Is ketamine therapy covered by insurance?",
        "Is ketamine safe?",
        "Is ketamine addictive?",
        "How many sessions will I need?",
        "Is at-home ketamine safe?",
        "How is ketamine different from SSRIs?",
        "How is ketamine different from esketamine (Spravato)?",
        "How is clinical ketamine different from recreational use?",
        "What does ketamine therapy cost?",
        "Who should not have ketamine?",
    ):
        assert question in questions
    headings = [text(h) for h in soup.find_all(["h2", "h3"])]
    assert "Who should not have ketamine" in headings
    assert "In its favour" in headings and "Against it" in headings


def test_the_page_says_plainly_it_is_not_yet_medically_reviewed(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    review = soup.select_one(".review")
    assert text(review).startswith("Not yet medically reviewed")
    assert "A clinician has not yet checked it." in text(review)


def test_the_facts_and_the_routes_table_are_shown_with_their_sources(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    facts = {text(row.dt): text(row.dd) for row in soup.select(".facts__list > div")}
    assert facts["Where"] == "In a clinic or at home"
    assert facts["Therapist support"] == "Sometimes offered alongside"
    assert "Infusion into a vein (intravenous, IV)" in facts["How it is given"]
    assert "off-label" in facts["Regulatory status"]
    routes = soup.find("caption", string="Ways ketamine is given, compared").find_parent("table")
    rows = {text(row.th): row for row in routes.tbody.find_all("tr")}
    im = "Injection into a muscle (intramuscular, IM)"
    assert set(rows) >= {"Into a vein (intravenous infusion, IV)", im, "Swallowed (oral)"}
    assert "About 93%" in text(rows[im])
    assert rows[im].select_one("sup.cite a")
    cited_references_resolve(soup)


def test_references_carry_their_doi_pubmed_or_official_link(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    references = {
        text(li.select_one(".references__citation")): li for li in soup.select(".references li")
    }
    anand = next(li for citation, li in references.items() if citation.startswith("Anand A"))
    assert anand.find("a", href="https://doi.org/10.1056/NEJMoa2302399")
    assert anand.find("a", href="https://pubmed.ncbi.nlm.nih.gov/37224232/")
    fda = next(li for citation, li in references.items() if "compounded ketamine" in citation)
    assert fda.find("a", string="Official page")["href"].startswith("https://www.fda.gov/")


def test_the_page_leads_to_the_self_assessment_and_the_finder(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    assert soup.find("a", href="/assessment/", string="Take the self-assessment")
    assert soup.find("a", href="/find/?treatment=ketamine")
    esketamine = read(client, "/treatments/esketamine/")
    assert esketamine.find("a", href="/find/?treatment=esketamine")


def test_search_engines_get_a_medical_web_page_about_a_drug(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    assert (
        soup.find("link", rel="canonical")["href"] == "http://127.0.0.1:8000/treatments/ketamine/"
    )
    assert soup.find("meta", property="og:title")["content"] == "Ketamine"
    assert soup.find("meta", property="og:url")["content"].endswith("/treatments/ketamine/")
    assert "how it is given" in soup.find("meta", attrs={"name": "description"})["content"]
    documents = json_ld(soup)
    page = of_type(documents, "MedicalWebPage")
    assert page["about"]["@type"] == "Drug"
    assert page["about"]["name"] == "Ketamine"
    assert "Swallowed (oral)" in page["about"]["administrationRoute"]
    assert "lastReviewed" not in page and "reviewedBy" not in page
    faq = of_type(documents, "FAQPage")
    assert faq["mainEntity"][0]["@type"] == "Question"
    assert "[ref:" not in str(documents)


def test_a_procedure_is_described_as_a_medical_therapy(client, site_pages):
    page = of_type(json_ld(read(client, "/treatments/ect/")), "MedicalWebPage")
    assert page["about"]["@type"] == "MedicalTherapy"
    assert "administrationRoute" not in page["about"]


def test_the_esketamine_page_carries_the_labels_warnings_with_the_label_cited(client, site_pages):
    soup = read(client, "/treatments/esketamine/")
    label = "SPRAVATO prescribing information"
    young = soup.find("h3", string="Aged 24 or under: a boxed warning").find_next("p")
    assert "up to 24" in text(young) and "18 to 24" in text(young)
    assert label in sources_of(soup, young)[0]
    table = soup.find("caption", string="Side effects of esketamine, from the FDA label")
    rows = {text(row.th): row for row in table.find_parent("table").select("tbody tr")}
    for warning in (
        "Slowed thinking and memory",
        "Bladder inflammation (ulcerative or interstitial cystitis)",
    ):
        assert label in sources_of(soup, rows[warning])[0], warning
    questions = [text(h) for h in soup.select(".faq__question")]
    assert "I am under 25. Can I have esketamine?" in questions


def test_the_esketamine_trials_are_marked_as_run_by_the_manufacturer(client, site_pages):
    soup = read(client, "/treatments/esketamine/")
    research = soup.find("h2", string="What the research shows").find_next("p")
    assert "run and paid for by Janssen" in text(research)
    escape = containing(soup, "li", "In ESCAPE-TRD")
    assert "open-label" in text(escape) and "raters" in text(escape)
    assert "no comparison group" in text(containing(soup, "li", "Over the longer term"))


def test_the_ketamine_page_lists_the_cautions_a_prescriber_asks_about(client, site_pages):
    soup = read(client, "/treatments/ketamine/")
    cautions = soup.find("h3", string="Tell the doctor first if any of these apply to you")
    items = {text(li.strong): li for li in cautions.find_next("ul").find_all("li")}
    liver = items["Liver disease."]
    assert any(s.startswith("KETALAR") for s in sources_of(soup, liver))
    pressure = items[
        "Raised pressure in the eye (intraocular pressure) or inside the head (intracranial "
        "pressure)."
    ]
    assert "not a rule that excludes you" in text(pressure)
    medicines = items["Medicines that interact."]
    for kind in ("Benzodiazepines", "Stimulants", "MAOI"):
        assert kind in text(medicines)
    assert "even years ago" in text(items["Any past misuse of ketamine,"])


def test_the_tms_page_says_what_its_pivotal_trial_found(client, site_pages):
    soup = read(client, "/treatments/tms/")
    findings = soup.find("h2", string="What the research shows").find_next("ul")
    missed = containing(findings, "li", "The main measure narrowly missed.")
    assert "adjustment" in text(missed)
    assert "Neuronetics" in text(soup.find("h2", string="What the research shows").find_next("p"))
    assert "Helped more than a sham treatment" not in text(soup)


def test_the_star_d_figure_is_shown_with_its_reanalysis(client, site_pages):
    soup = read(client, "/treatments/antidepressants/")
    disputed = containing(soup, "li", "How many got well in the end is disputed.")
    assert "67%" in text(disputed) and "35%" in text(disputed)
    sources = sources_of(soup, disputed)
    assert sources[0].startswith("Rush AJ") and sources[1].startswith("Pigott HE")
    assert "BMJ Open 2023" in sources[1]
