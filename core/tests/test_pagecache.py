"""Whole pages from the cache: the same page for every visitor who is not signed in, a fresh CSP
nonce in each response, and a new page as soon as an editor publishes or a listing changes."""

import re

import pytest

from content.models import TreatmentPage
from core import pagecache
from core.tests.people import PASSWORD, make_account
from directory.indexing import reindex_services
from directory.models import Organization

KETAMINE = "/treatments/ketamine/"


def nonces(response) -> tuple[set[str], list[str]]:
    """The nonces the page's elements carry, and those its CSP header allows."""
    in_page = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    in_header = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return in_page, in_header


def test_a_page_is_rendered_once_then_served_from_the_cache(client, site_pages):
    first = client.get(KETAMINE)
    second = client.get(KETAMINE)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == first["Content-Type"]
    without_nonces = [re.sub(r'nonce="[^"]+"', "", r.content.decode()) for r in (first, second)]
    assert without_nonces[0] == without_nonces[1]
    assert "Ketamine" in without_nonces[1]


def test_each_response_from_the_cache_carries_its_own_nonce_matching_its_header(client, site_pages):
    client.get("/")  # rendered and stored
    seen = []
    for _ in range(2):
        response = client.get("/")
        assert response["X-Page-Cache"] == "hit"
        in_page, in_header = nonces(response)
        assert in_page, "the home page has a script that needs the nonce"
        assert in_page == set(in_header)
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        seen.append(in_header[0])
    assert seen[0] != seen[1]


def test_publishing_a_page_serves_the_new_version_at_once(client, site_pages):
    client.get(KETAMINE)
    assert client.get(KETAMINE)["X-Page-Cache"] == "hit"
    page = TreatmentPage.objects.get(slug="ketamine")
    page.title = "Ketamine, revised"
    page.save_revision().publish()

    response = client.get(KETAMINE)
    assert response["X-Page-Cache"] == "miss"
    assert "Ketamine, revised" in response.content.decode()


def test_editing_a_listing_serves_its_new_profile_at_once(client, demo_listings):
    organization = Organization.objects.order_by("slug").first()
    address = f"/providers/{organization.slug}/"
    client.get(address)
    assert client.get(address)["X-Page-Cache"] == "hit"
    organization.name = "Harbour Light Ketamine Care"
    organization.save()

    response = client.get(address)
    assert response["X-Page-Cache"] == "miss"
    assert "Harbour Light Ketamine Care" in response.content.decode()


def test_reindexing_the_directory_makes_cached_profiles_stale(client, demo_listings):
    organization = Organization.objects.order_by("slug").first()
    address = f"/providers/{organization.slug}/"
    client.get(address)
    reindex_services(organization.services.values_list("pk", flat=True))
    assert client.get(address)["X-Page-Cache"] == "miss"


def test_nothing_is_cached_for_or_from_a_signed_in_person(client, site_pages):
    make_account("rosa@example.com")
    assert client.login(username="rosa@example.com", password=PASSWORD)
    for _ in range(2):
        assert "X-Page-Cache" not in client.get(KETAMINE)
    client.logout()
    client.cookies.clear()
    assert client.get(KETAMINE)["X-Page-Cache"] == "miss"


def test_a_message_shown_to_one_visitor_is_never_shown_to_another(client, site_pages):
    make_account("rosa@example.com")
    client.post("/account/login/", {"login": "rosa@example.com", "password": PASSWORD})
    signed_out = client.post("/account/logout/", follow=True)
    assert "You have signed out." in signed_out.content.decode()
    assert "X-Page-Cache" not in signed_out

    client.cookies.clear()
    stranger = client.get(signed_out.redirect_chain[-1][0])
    assert stranger.status_code == 200
    assert "You have signed out." not in stranger.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/assessment/",
        "/find/?near=10001",
        f"{KETAMINE}?from=newsletter",
        "/clinic/",
        "/admin/",
        "/newsletter/",
    ],
)
def test_the_assessment_forms_searches_the_portal_and_the_admin_are_never_cached(
    client, demo_listings, address
):
    for _ in range(2):
        response = client.get(address)
        assert "X-Page-Cache" not in response, address


def test_a_form_posted_to_a_cached_page_address_is_not_answered_from_the_cache(client, site_pages):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    response = client.post("/", {"email": "rosa@example.com"})
    assert "X-Page-Cache" not in response


def test_a_cached_profile_leads_each_visitor_back_to_their_own_search(client, demo_listings):
    organization = Organization.objects.order_by("slug").first()
    address = f"/providers/{organization.slug}/"
    searches = ["/find/?near=10001&radius=25", "/find/?near=60601&radius=100"]
    for _ in range(2):
        for search in searches:
            page = client.get(address, HTTP_REFERER=f"http://testserver{search}")
            assert search.replace("&", "&amp;") in page.content.decode()
    assert page["X-Page-Cache"] == "hit"
    assert "Find other providers" in client.get(address).content.decode()


def test_a_new_release_never_serves_pages_that_name_the_old_ones_files(
    client, site_pages, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    manifest = tmp_path / "staticfiles.json"
    try:
        manifest.write_text('{"paths": {"css/site.css": "css/site.1a2b.css"}}')
        pagecache.release.cache_clear()
        client.get(KETAMINE)
        assert client.get(KETAMINE)["X-Page-Cache"] == "hit"
        manifest.write_text('{"paths": {"css/site.css": "css/site.3c4d.css"}}')
        pagecache.release.cache_clear()  # as the new release's processes start
        assert client.get(KETAMINE)["X-Page-Cache"] == "miss"
    finally:
        pagecache.release.cache_clear()


def test_a_remembered_value_is_kept_until_any_process_starts_a_new_generation():
    """Each process keeps the values it used last; a new generation started elsewhere (a
    listing edited through another web process writes only the shared cache) is seen on the
    next read, and the value computed again."""
    computed = []

    def compute():
        computed.append(len(computed) + 1)
        return computed[-1]

    pagecache.invalidate()
    assert [pagecache.remember("remote:NY", compute) for _ in range(3)] == [1, 1, 1]
    assert computed == [1]
    pagecache.cache.set(pagecache.GENERATION_KEY, "started by another process", timeout=None)
    assert pagecache.remember("remote:NY", compute) == 2
    pagecache.cache.delete(pagecache.GENERATION_KEY)  # the shared cache emptied
    assert pagecache.remember("remote:NY", compute) == 3
