"""The shortlist's comparison page, rendered on the server from the names in its address."""

from datetime import date

from directory.models import Organization, Service


def _physical(count):
    """Ketamine clinics with an address (their services have the full protocol card)."""
    clinics = Organization.objects.filter(
        locations__location_type="physical", services__treatment__code="ketamine"
    )
    return list(clinics.distinct()[:count])


def test_the_comparison_shows_each_providers_facts_with_their_dates(client, demo_listings):
    first, second = _physical(2)
    response = client.get(f"/providers/compare/?p={first.slug},{second.slug}")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert first.name in page and second.name in page
    for label in (
        "Price per session", "A first course", "What the price includes", "Protocol (dosing)",
        "Monitoring", "Integration therapy included", "Accepting new patients",
        "Checked by Psycle",
    ):  # fmt: skip
        assert f'<th scope="row" role="rowheader">{label}</th>' in page
    service = Service.objects.filter(organization=first).first()
    cost = service.cost_options.filter(per_session=True).first()
    assert cost.option in page
    assert f"confirmed {cost.confirmed_on.strftime('%-d %b %Y')}" in page
    if service.dosing_approach:
        assert service.dosing_approach in page
    assert ">Distance</th>" not in page


def test_demo_listings_are_labelled_demo_never_verified(client, demo_listings):
    first, second = _physical(2)
    Organization.objects.filter(pk=first.pk).update(
        verification="verified", verified_by_name="A. Editor", verified_on=date(2026, 11, 2)
    )
    page = client.get(f"/providers/compare/?p={first.slug},{second.slug}").content.decode()
    assert page.count("Demo listing: not a real provider, and not a real verification") == 2
    assert "Verified by" not in page
    Organization.objects.filter(pk=first.pk).update(is_demo=False)
    page = client.get(f"/providers/compare/?p={first.slug},{second.slug}").content.decode()
    assert "Verified by A. Editor" in page and "confirmed 2 Nov 2026" in page


def test_an_unknown_name_is_named_and_the_known_ones_still_shown(client, demo_listings):
    (known,) = _physical(1)
    response = client.get(f"/providers/compare/?p=no-such-clinic,{known.slug}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not find a provider called “no-such-clinic”" in page
    assert f'href="/providers/{known.slug}/"' in page
    page = client.get(f"/providers/compare/?p=one,{'x' * 300},two").content.decode()
    assert f"We could not find providers called “one”, “{'x' * 59}…”, “two”" in page


def test_more_than_four_are_refused_by_name_and_the_first_four_compared(client, demo_listings):
    five = _physical(5)
    response = client.get("/providers/compare/?p=" + ",".join(o.slug for o in five))
    assert response.status_code == 200
    page = response.content.decode()
    assert "compares up to 4 providers at once, so these were left out: " + five[4].name in page
    for organization in five[:4]:
        assert f'href="/providers/{organization.slug}/"' in page
    assert f'href="/providers/{five[4].slug}/"' not in page


def test_distances_from_a_place_and_a_place_not_understood(client, demo_listings):
    (known,) = _physical(1)
    page = client.get(f"/providers/compare/?p={known.slug}&near=10001").content.decode()
    assert '<th scope="row" role="rowheader">Distance</th>' in page
    assert "miles from" in page
    page = client.get(f"/providers/compare/?p={known.slug}&near=Blorptown+QQ").content.decode()
    assert "Distance from: " in page and 'aria-invalid="true"' in page


def test_an_empty_or_odd_list_says_there_is_nothing_to_compare(client, db):
    for query in ("", "?p=", "?p=,,,", "?p=%3Cscript%3E"):
        response = client.get(f"/providers/compare/{query}")
        assert response.status_code == 200
        assert "Nothing to compare yet" in response.content.decode()
    assert "&lt;script&gt;" in client.get("/providers/compare/?p=%3Cscript%3E").content.decode()


def test_profiles_and_results_carry_what_the_shortlist_button_needs(client, demo_listings):
    (known,) = _physical(1)
    page = client.get(f"/providers/{known.slug}/").content.decode()
    assert f'data-shortlist-slug="{known.slug}"' in page
    assert "directory/shortlist" in page
    # The button itself is added by the script: without it there is nothing that cannot work.
    assert "Save to shortlist" not in page
    page = client.get("/find/?near=10001&radius=100").content.decode()
    assert page.count("data-shortlist-slug=") >= 2


def test_old_facts_are_marked_and_a_stale_accepting_claim_is_not_shown(client, demo_listings):
    (known,) = _physical(1)
    services = Service.objects.filter(organization=known)
    url = f"/providers/compare/?p={known.slug}"
    services.update(accepting_new_patients=True, accepting_confirmed_on=date(2020, 1, 6))
    page = client.get(url).content.decode()
    assert "Not confirmed since 6 Jan 2020: ask the clinic" in page
    today = date.today()
    services.update(accepting_confirmed_on=today, protocol_confirmed_on=date(2020, 1, 6))
    page = client.get(url).content.decode()
    assert f'Accepting <span class="confirmed">confirmed {today.strftime("%-d %b %Y")}' in page
    assert "confirmed 6 Jan 2020: may be out of date" in page
