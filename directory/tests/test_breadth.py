"""Every treatment the finder offers has listings near every major city in the demo directory,
so no choice on the home page, the finder or an assessment result is an empty page there."""

import pytest

from directory.forms import SearchForm
from directory.models import Organization

CITIES = {
    "10001": "New York",
    "60601": "Chicago",
    "90012": "Los Angeles",
    "77002": "Houston",
    "85004": "Phoenix",
}
TREATMENTS = [code for code, _name in SearchForm.base_fields["treatment"].choices if code]


def test_the_filter_offers_every_kind_of_care_a_person_can_seek():
    names = dict(SearchForm.base_fields["treatment"].choices)
    assert [str(names[code]) for code in TREATMENTS] == [
        "Ketamine",
        "Esketamine (Spravato)",
        "Ketamine-assisted psychotherapy",
        "TMS",
        "ECT",
        "Psychiatric care and medication",
        "Talk therapy",
    ]


@pytest.mark.parametrize("treatment", TREATMENTS)
def test_every_treatment_has_listings_near_each_major_city(client, demo_listings, treatment):
    for zip_code, city in CITIES.items():
        page = client.get(f"/find/?near={zip_code}&treatment={treatment}").content.decode()
        assert "No listings here match your search." not in page, (treatment, city)
        body = client.get(f"/api/v1/search?near={zip_code}&treatment={treatment}").json()
        assert body["results"], (treatment, city)
        assert {result["treatment"] for result in body["results"]} == {
            str(dict(SearchForm.base_fields["treatment"].choices)[treatment])
        }
        assert all(result["is_demo"] for result in body["results"])


def test_hospitals_run_the_ect_programmes_and_all_are_labelled_demo(client, demo_listings):
    hospitals = Organization.objects.filter(services__treatment__code="ect").distinct()
    assert hospitals and all("Hospital" in o.name and o.is_demo for o in hospitals)
    page = client.get("/find/?near=60601&treatment=ect").content.decode()
    assert "Regional Hospital" in page and "Demo listing" in page
