from content.tests.reading import cited_references_resolve, json_ld, of_type, read, text


def test_the_index_sets_every_treatment_side_by_side_with_sources(client, site_pages):
    soup = read(client, "/treatments/")
    table = soup.select_one("table.treatment-table")
    assert text(table.caption) == "Treatments side by side"
    columns = [text(th) for th in table.thead.find_all("th")]
    assert columns == [
        "Treatment",
        "How soon it may help",
        "What the evidence says",
        "Regulatory status",
        "Where",
        "Cost",
        "Insurance",
    ]
    rows = {text(row.th): row for row in table.tbody.find_all("tr")}
    assert list(rows) == [
        "Ketamine",
        "Esketamine (Spravato)",
        "SSRIs and other antidepressants",
        "Transcranial magnetic stimulation (TMS)",
        "Electroconvulsive therapy (ECT)",
        "Ketamine-assisted psychotherapy (KAP)",
    ]
    assert rows["Ketamine"].th.a["href"] == "/treatments/ketamine/"
    assert "Often within a day" in text(rows["Ketamine"])
    # The table cites the treatments' own sources, listed on this page.
    cited_references_resolve(soup)
    region = table.find_parent(attrs={"role": "region"})
    assert region["tabindex"] == "0" and region["aria-labelledby"] == table.caption["id"]


def test_the_index_is_honest_about_its_review_and_prices(client, site_pages):
    soup = read(client, "/treatments/")
    assert text(soup.select_one(".review h2")) == "Not yet medically reviewed"
    assert "we do not print typical figures" in text(soup)
    assert of_type(json_ld(soup), "MedicalWebPage")["name"] == "Treatments"
