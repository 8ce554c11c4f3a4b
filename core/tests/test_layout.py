import pytest


@pytest.mark.parametrize("path", ["/", "/crisis/", "/no-such-page/"])
def test_every_page_has_the_skip_link_navigation_and_crisis_help(client, site_pages, path):
    page = client.get(path).content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in page
    assert '<main id="main"' in page
    for href, label in (
        ("/treatments/", "Treatments"),
        ("/conditions/", "Conditions"),
        ("/find/", "Find treatment"),
        ("/assessment/", "Self-assessment"),
    ):
        assert f'href="{href}"' in page and label in page
    assert 'href="tel:988"' in page
    assert 'href="/crisis/"' in page


def test_the_page_language_and_the_crisis_region_are_declared(client):
    page = client.get("/crisis/").content.decode()
    assert '<html lang="en-us">' in page or '<html lang="en">' in page
    assert 'aria-label="Crisis help"' in page


@pytest.mark.parametrize("path", ["/", "/find/", "/treatments/ketamine/"])
def test_the_footer_links_to_the_comparisons(client, site_pages, path):
    page = client.get(path).content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert '<a href="/compare/">Treatments compared</a>' in footer
    assert client.get("/compare/").status_code == 200
