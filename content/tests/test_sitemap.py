import xml.etree.ElementTree as ET

from wagtail.models import Page

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_every_published_page_with_its_last_change(client, site_pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = {
        url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text
        for url in ET.fromstring(response.content).findall("sm:url", NS)  # noqa: S314 (our own XML)
    }
    published = Page.objects.live().filter(depth__gt=1).specific()
    assert len(urls) == published.count() == 26
    for page in published:
        location = "http://127.0.0.1:8000" + page.url
        assert urls[location] == f"{page.last_published_at:%Y-%m-%d}"
