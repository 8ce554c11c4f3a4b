from content.tests.reading import read, text


def test_the_comparison_index_lists_every_comparison(client, site_pages):
    soup = read(client, "/compare/")
    links = [a["href"] for a in soup.select(".page-cards .card__title a")]
    assert links == [
        "/compare/ketamine-vs-ssris/",
        "/compare/ketamine-vs-esketamine/",
        "/compare/ketamine-routes/",
        "/compare/clinical-vs-recreational-ketamine/",
        "/compare/ketamine-vs-ect/",
    ]
    assert text(soup.select_one(".review h2")) == "Not yet medically reviewed"
