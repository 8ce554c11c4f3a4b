import re

from django.urls import reverse

from content.models import TreatmentPage


def test_the_editors_sign_in_page_is_served(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_the_admin_asks_for_a_sign_in_first(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_review_dates_are_edited_without_inline_scripts(client, site_pages, operator):
    page = TreatmentPage.objects.get(slug="ketamine")
    client.force_login(operator)
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
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="title"' in html
    assert 'name="last_reviewed"' not in html
    assert 'name="reviewed_by"' not in html
