from content.tests.reading import read, text


def test_the_condition_index_lists_every_condition(client, site_pages):
    soup = read(client, "/conditions/")
    titles = [text(a) for a in soup.select(".page-cards .card__title a")]
    assert titles == ["Depression", "Anxiety", "PTSD", "Chronic pain", "Addiction"]
    assert soup.find("a", href="/assessment/")
