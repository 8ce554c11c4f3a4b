from content.tests.reading import cited_references_resolve, json_ld, of_type, read, text


def test_a_comparison_sets_both_trials_side_by_side_with_sources(client, site_pages):
    soup = read(client, "/compare/ketamine-vs-ect/")
    table = soup.select_one("table.stack-table")
    assert [text(th) for th in table.thead.find_all("th")] == ["Question", "Ketamine", "ECT"]
    rows = {text(row.th): row.find_all("td") for row in table.tbody.find_all("tr")}
    response = rows["Response in ELEKT-D (403 people, no psychosis)"]
    assert [text(cell.contents[-2]) for cell in response] == ["55.4%", "41.2%"]
    assert all(cell.select_one("sup.cite a") for cell in response)
    # On a phone each cell is labelled with its column.
    assert [text(cell.select_one(".stack-label")) for cell in response] == ["Ketamine", "ECT"]
    cited_references_resolve(soup)
    assert of_type(json_ld(soup), "MedicalWebPage")["name"] == "Ketamine and ECT compared"


def test_the_routes_comparison_has_the_routes_table(client, site_pages):
    soup = read(client, "/compare/ketamine-routes/")
    caption = soup.find("caption", string="Routes of ketamine side by side")
    routes = [text(th) for th in caption.find_parent("table").tbody.find_all("th")]
    assert routes[0] == "Into a vein (IV infusion)" and routes[-1] == "Swallowed"
