import pytest
pytestmark = pytest.mark.django_db

def test_smoke(as_casey, dana_request, riverside):
    c = as_casey
    for url in ["/clinic/", "/clinic/organizations/riverside/requests/", f"/clinic/requests/{dana_request.pk}/",
                "/clinic/organizations/riverside/export/", "/clinic/organizations/riverside/listing/",
                f"/clinic/organizations/riverside/services/{riverside.services.first().pk}/",
                "/clinic/organizations/riverside/services/new/",
                f"/clinic/organizations/riverside/locations/{riverside.locations.first().pk}/hours/",
                "/clinic/claim/?q=river", "/clinic/claim/riverside/"]:
        r = c.get(url)
        print(url, r.status_code, r.get("Location"))
        assert r.status_code == 200
