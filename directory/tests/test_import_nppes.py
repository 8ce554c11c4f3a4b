"""manage.py import_nppes: a real-format NPPES file, then a later one, as search shows them."""

import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.tests.second_factor import sign_in_with_second_factor
from clinics.models import Claim
from core.tests import people
from directory import nppes_import, provenance
from directory.models import Address, Organization, SearchEntry, Service
from directory.tests.nppes_files import provider, valid_npi, write

NUNEZ = valid_npi("100000001")
HARBOR = valid_npi("100000002")
ODEGAARD = valid_npi("100000003")
ANAESTHETIST = valid_npi("100000004")
GONE = valid_npi("100000005")
BACK = valid_npi("100000006")
NO_ZIP = valid_npi("100000007")
CLINIC = valid_npi("100000008")
LATER = valid_npi("100000009")
BAD_DIGIT = NUNEZ[:9] + str((int(NUNEZ[9]) + 1) % 10)


def first_file(tmp_path):
    return write(
        tmp_path / "npidata_pfile_20261102-20261108.csv",
        [
            provider(NUNEZ, first="MARÍA JOSÉ", last="NÚÑEZ", credential="Ph.D.",
                     zip_code="100011234", street="350 5TH AVE"),
            provider(HARBOR, organization="Harbor Counseling, Family & Couples",
                     taxonomies=("106H00000X",), city="Boston", state="MA", zip_code="02108"),
            provider(ODEGAARD, first="Zoë", last="Ødegaard", credential="MD",
                     taxonomies=("207L00000X", "2084P0800X"), city="Chicago", state="IL",
                     zip_code="60601"),
            provider(ANAESTHETIST, first="Ann", last="Esthetist", taxonomies=("207L00000X",)),
            provider(BAD_DIGIT, first="Wrong", last="Digit"),
            provider(GONE, deactivated="03/02/2026"),
            provider(BACK, first="Rita", last="Return", taxonomies=("1041C0700X",),
                     deactivated="01/05/2020", reactivated="03/01/2021", zip_code="10016"),
            provider(NO_ZIP, first="No", last="Zip", zip_code=""),
            provider(CLINIC, organization="Eastside Mental Health Clinic",
                     taxonomies=("261QM0801X",), zip_code="10003"),
        ],
    )  # fmt: skip


def later_file(tmp_path):
    return write(
        tmp_path / "npidata_pfile_20261109-20261115.csv",
        [
            # Núñez moved uptown; Harbor's NPI was deactivated; Ødegaard is as before.
            provider(NUNEZ, first="MARÍA JOSÉ", last="NÚÑEZ", credential="Ph.D.",
                     zip_code="10027", street="2960 BROADWAY"),
            provider(HARBOR, deactivated="11/10/2026"),
            provider(ODEGAARD, first="Zoë", last="Ødegaard", credential="MD",
                     taxonomies=("207L00000X", "2084P0800X"), city="Chicago", state="IL",
                     zip_code="60601"),
            provider(CLINIC, organization="Eastside Mental Health Clinic",
                     taxonomies=("101YM0800X",), zip_code="10003"),
            provider(LATER, first="Lee", last="Later", taxonomies=("101YM0800X",),
                     zip_code="10001"),
        ],
    )  # fmt: skip


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_nppes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def names_found(client, near: str, treatment: str = "", radius: int = 10) -> list[str]:
    query = f"near={near}&radius={radius}" + (f"&treatment={treatment}" if treatment else "")
    response = client.get(f"/api/v1/search?{query}&per_page=100")
    assert response.status_code == 200
    return [result["name"] for result in response.json()["results"]]


@pytest.mark.django_db
def test_a_real_format_file_then_a_later_one(client, tmp_path):
    first_then_later(client, tmp_path)


@pytest.mark.django_db(transaction=True)
def test_batches_written_beside_the_reading_give_the_same_directory(client, tmp_path):
    # Outside a transaction, PostgreSQL's import writes new providers from other threads
    # while it reads on; batches of two make an NPI of a later file wait for them.
    first_then_later(client, tmp_path, "--batch-size", "2")


def first_then_later(client, tmp_path, *args):
    out = run(first_file(tmp_path), *args)
    assert f"Bad row, skipped: line 6: NPI {BAD_DIGIT} is not valid" in out
    assert "Bad row, skipped: line 9: no practice ZIP" in out
    assert "Read 9 rows." in out
    assert "Imported 5, updated 0, unchanged 0, taken out of search 0." in out
    assert "Skipped 2 (deactivated NPI: 1; not a behavioural-health taxonomy: 1)." in out
    assert "Bad rows 2." in out

    nunez = "María José Núñez, Ph.D."
    assert names_found(client, "10001", "talk-therapy") == [
        nunez, "Rita Return", "Eastside Mental Health Clinic"
    ]  # fmt: skip
    assert names_found(client, "10001", "ssri") == ["Eastside Mental Health Clinic"]
    assert names_found(client, "02108", "talk-therapy") == ["Harbor Counseling, Family & Couples"]
    assert names_found(client, "60601", "ssri") == ["Zoë Ødegaard, MD"]
    # The registry says what a clinician is, not what they offer.
    for treatment in ("ketamine", "esketamine", "tms", "ect"):
        assert names_found(client, "10001", treatment, radius=500) == []
    assert "Ann Esthetist" not in names_found(client, "10001")
    finder = client.get("/find/?near=10001&treatment=talk-therapy").content.decode()
    assert "María José Núñez, Ph.D." in finder and "Ann Esthetist" not in finder
    address = Address.objects.get(location__organization__npi=NUNEZ)
    assert (address.address_1, address.postal_code) == ("350 5th Ave", "10001-1234")
    imported = Organization.objects.get(npi=NUNEZ)
    assert imported.is_demo is False
    assert (imported.source, imported.source_record_id) == ("nppes", NUNEZ)

    out = run(later_file(tmp_path), *args)
    assert "Read 5 rows." in out
    assert "Imported 1, updated 2, unchanged 1, taken out of search 1." in out
    assert "Skipped 0." in out and "Bad rows 0." in out
    assert nunez not in names_found(client, "10001", "talk-therapy", radius=2)
    assert nunez in names_found(client, "10027", "talk-therapy", radius=2)
    assert names_found(client, "02108") == []
    assert names_found(client, "10001", "ssri") == []
    assert "Lee Later" in names_found(client, "10001", "talk-therapy")
    assert Organization.objects.filter(npi=NUNEZ).count() == 1
    assert Organization.objects.count() == 6

    out = run(later_file(tmp_path), *args)
    assert "Imported 0, updated 0, unchanged 5, taken out of search 0." in out
    assert "Skipped 0." in out


@pytest.mark.django_db
def test_the_profile_says_where_the_listing_comes_from_and_can_be_claimed(client, tmp_path):
    run(first_file(tmp_path))
    organization = Organization.objects.get(npi=NUNEZ)
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    assert "From the NPI Registry, not yet confirmed by the provider." in page
    today = organization.imported_at.strftime("%-d %b %Y")
    assert f"Imported {today}." in page
    assert f"imported {today} from npidata_pfile_20261102-20261108.csv" in page
    assert "Demo listing." not in page
    assert "Not known: ask the provider" in page
    assert f'href="/clinic/claim/{organization.slug}/"' in page


@pytest.mark.django_db
def test_a_clinics_own_edits_are_reported_not_overwritten(tmp_path):
    run(first_file(tmp_path))
    clinic = Organization.objects.get(npi=CLINIC)
    provenance.record_clinic_edit(clinic, ["services"])
    out = run(later_file(tmp_path))
    assert (
        "Conflict: line 5: Eastside Mental Health Clinic: services not changed, "
        "the clinic set it itself"
    ) in out
    kinds = set(
        Service.objects.filter(organization=clinic, status="active").values_list(
            "treatment__code", flat=True
        )
    )
    assert kinds == {"talk-therapy", "ssri"}
    assert "Conflicts with the clinic's own edits 1." in out


@pytest.mark.django_db
def test_the_taxonomy_option_changes_the_set(tmp_path):
    out = run(first_file(tmp_path), "--taxonomy", "2084P0800X")
    assert "Imported 1," in out
    assert list(SearchEntry.objects.values_list("name", flat=True)) == ["Zoë Ødegaard, MD"]
    with pytest.raises(CommandError, match="does not know which care 207L00000X supports"):
        run(first_file(tmp_path), "--taxonomy", "207L00000X")
    with pytest.raises(CommandError, match="not ketamine"):
        run(first_file(tmp_path), "--taxonomy", "207L00000X=ketamine")


@pytest.mark.django_db
def test_a_file_that_is_not_an_nppes_file_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text('"name","zip"\n"A","10001"\n')
    with pytest.raises(CommandError, match=r"other\.csv is not an NPPES data file"):
        run(path)
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_a_listing_from_elsewhere_is_never_rewritten_by_the_registry(tmp_path):
    clinic = people.riverside()
    path = write(
        tmp_path / "npidata.csv",
        [provider(people.RIVERSIDE_NPI, organization="RIVERSIDE KETAMINE LLC",
                  taxonomies=("2084P0800X",), city="San Francisco", state="CA",
                  zip_code="94103")],
    )  # fmt: skip
    out = run(path)
    assert (
        "Conflict: line 2: Riverside Ketamine Clinic: name not changed, the listing comes from "
        "Psycle's administrators"
    ) in out
    assert "Imported 0, updated 0, unchanged 1, taken out of search 0." in out
    clinic.refresh_from_db()
    assert clinic.name == "Riverside Ketamine Clinic" and clinic.source == "administrator"
    assert list(clinic.services.values_list("treatment__code", flat=True)) == ["ketamine"]


@pytest.mark.django_db
def test_an_imported_provider_is_claimed_with_its_npi(client, tmp_path):
    run(first_file(tmp_path))
    organization = Organization.objects.get(npi=NUNEZ)
    claimant = people.make_account("maria@nunez.example")
    sign_in_with_second_factor(client, claimant)
    found = client.get(f"/clinic/claim/?q={NUNEZ}").content.decode()
    assert f'href="/clinic/claim/{organization.slug}/"' in found
    response = client.post(
        f"/clinic/claim/{organization.slug}/", {"npi": NUNEZ, "role_at_clinic": "Psychologist"}
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.organization, claim.user, claim.status) == (organization, claimant, "pending")


@pytest.mark.django_db(transaction=True)
def test_an_import_leaves_the_search_tables_ready_for_fast_search(tmp_path):
    # On PostgreSQL the search's covering indexes answer alone only for pages VACUUM marked
    # all-visible; on SQLite the planner needs ANALYZE's statistics to pick them.
    run(first_file(tmp_path))
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = %s", [table])
            assert cursor.fetchone()[0] > 0
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            assert cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_new_providers_get_ordered_version_7_ids_and_their_rows_follow_them(tmp_path):
    run(first_file(tmp_path))
    in_file_order = [NUNEZ, HARBOR, ODEGAARD, BACK, CLINIC]
    organizations = list(Organization.objects.filter(npi__in=in_file_order).order_by("pk"))
    assert [organization.npi for organization in organizations] == in_file_order
    for organization, following in zip(organizations, [*organizations[1:], None], strict=True):
        assert (organization.pk.version, organization.pk.variant) == (7, uuid.RFC_4122)
        own = [organization.locations.get().pk, *organization.services.values_list("pk", flat=True)]
        assert all(organization.pk < pk for pk in own)
        assert following is None or all(pk < following.pk for pk in own)


@pytest.mark.django_db
def test_a_provider_imported_with_the_ids_of_earlier_versions_is_updated_in_place(
    client, tmp_path, monkeypatch
):
    # Earlier versions gave an organization a version 5 id and named its rows by uuid5.
    def earlier_ids(organization_id):
        ids = {
            name: uuid.uuid5(organization_id, f"nppes:{name}") for name in nppes_import._OWN_ROWS
        }
        for kind in ("talk-therapy", "ssri"):
            ids[kind] = uuid.uuid5(organization_id, f"nppes:service:{kind}")
            ids[f"at:{kind}"] = uuid.uuid5(ids[kind], "nppes:at-location")
        return ids

    monkeypatch.setattr(nppes_import, "ids_for", earlier_ids)
    monkeypatch.setattr(
        nppes_import,
        "OrderedIds",
        lambda: lambda: uuid.uuid5(uuid.NAMESPACE_OID, str(uuid.uuid4())),
    )
    run(first_file(tmp_path))
    nunez = Organization.objects.get(npi=NUNEZ)
    assert nunez.pk.version == 5
    monkeypatch.undo()

    out = run(later_file(tmp_path))
    assert "Imported 1, updated 2, unchanged 1, taken out of search 1." in out
    assert nunez.locations.count() == 1 and nunez.services.count() == 1
    assert Address.objects.get(location__organization=nunez).postal_code == "10027"
    found = names_found(client, "10027", "talk-therapy", radius=2)
    assert found.count("María José Núñez, Ph.D.") == 1
    assert names_found(client, "02108") == []
