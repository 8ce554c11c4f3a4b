from content.tests.reading import read, text


def test_the_condition_index_lists_every_condition(client, site_pages):
    soup = read(client, "/conditions/")
    links = soup.select(".page-cards .card__title a")
    assert [text(a) for a in links] == [
        "Depression",
        "Bipolar depression",
        "Anxiety",
        "OCD",
        "PTSD",
        "Chronic pain",
        "Addiction",
    ]
    hrefs = [a["href"] for a in links]
    assert "/conditions/ocd/" in hrefs and "/conditions/bipolar-depression/" in hrefs
    assert soup.find("a", href="/assessment/")
