from content.tests.reading import cited_references_resolve, json_ld, of_type, read, text


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
    assert "Intravenous infusion (IV)" in facts["How it is given"]
    assert "off-label" in facts["Regulatory status"]
    routes = soup.find("caption", string="Ways ketamine is given, compared").find_parent("table")
    rows = {text(row.th): row for row in routes.tbody.find_all("tr")}
    assert set(rows) >= {"Into a vein (IV infusion)", "Injection into a muscle (IM)", "Swallowed"}
    assert "About 93%" in text(rows["Injection into a muscle (IM)"])
    assert rows["Injection into a muscle (IM)"].select_one("sup.cite a")
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
    assert "Swallowed" in page["about"]["administrationRoute"]
    assert "lastReviewed" not in page and "reviewedBy" not in page
    faq = of_type(documents, "FAQPage")
    assert faq["mainEntity"][0]["@type"] == "Question"
    assert "[ref:" not in str(documents)


def test_a_procedure_is_described_as_a_medical_therapy(client, site_pages):
    page = of_type(json_ld(read(client, "/treatments/ect/")), "MedicalWebPage")
    assert page["about"]["@type"] == "MedicalTherapy"
    assert "administrationRoute" not in page["about"]
