import pytest

from content.tests.reading import json_ld, of_type, read, text


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/about/", "About Psycle"),
        ("/editorial-policy/", "Editorial policy"),
        ("/privacy/", "Privacy"),
        ("/terms/", "Terms of use"),
    ],
)
def test_the_pages_about_the_site_render(client, site_pages, url, heading):
    soup = read(client, url)
    assert text(soup.h1) == heading
    assert soup.select_one(".review") is None
    assert of_type(json_ld(soup), "WebPage")["url"].endswith(url)


def test_the_editorial_policy_explains_the_not_reviewed_label(client, site_pages):
    soup = read(client, "/editorial-policy/")
    assert "Not yet medically reviewed" in text(soup)
    assert "We do not name a reviewer who has not reviewed the page" in text(soup)


def test_the_editorial_policy_says_pages_from_files_publish_without_review(client, site_pages):
    policy = text(read(client, "/editorial-policy/"))
    assert "Changes to a page are published only after" not in policy
    assert "published as soon as they are installed or updated" in policy
