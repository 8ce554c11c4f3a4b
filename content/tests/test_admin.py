import re

from django.urls import reverse

from accounts.tests.second_factor import sign_in_with_second_factor
from content.models import TreatmentPage


def test_editors_sign_in_on_the_sites_sign_in_page(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/admin/"
    assert "Sign in" in client.get(response["Location"]).content.decode()


def test_the_admin_asks_for_a_sign_in_first(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_review_dates_are_edited_without_inline_scripts(client, site_pages, operator):
    page = TreatmentPage.objects.get(slug="ketamine")
    sign_in_with_second_factor(client, operator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert 'name="last_reviewed"' in html
    assert re.search(r'name="last_reviewed"[^>]*data-psycle-chooser="date"', html)
    assert "initDateChooser(" not in html
    assert re.search(r'<script src="/static/content/js/admin-csp.js" nonce="[^"]+">', html)
    # Any script without a src is data for Wagtail's own code, never run by the browser.
    for attributes, _ in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes


def test_editors_cannot_record_a_review_themselves(client, site_pages, editor):
    page = TreatmentPage.objects.get(slug="ketamine")
    sign_in_with_second_factor(client, editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="title"' in html
    assert 'name="last_reviewed"' not in html
    assert 'name="reviewed_by"' not in html
