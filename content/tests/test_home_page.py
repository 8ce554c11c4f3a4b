def test_the_home_page_says_what_psycle_is(client, site_pages):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Find a mental-health treatment that fits you" in page
    assert "starting with ketamine therapy" in page
    assert "a page that a clinician has not yet reviewed says so" in page
    assert 'href="/crisis/"' in page
