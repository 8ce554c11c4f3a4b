"""`manage.py prepare`, the first half of `make run`: one start-up readies the database."""

from io import StringIO

from django.core.management import call_command

from content.models import TreatmentPage
from directory.models import Organization


def prepared(**options) -> str:
    out = StringIO()
    call_command("prepare", stdout=out, **options)
    return out.getvalue()


def test_prepare_loads_the_pages_and_the_demo_directory_then_changes_nothing(db):
    first = prepared(demo_count=12)
    assert TreatmentPage.objects.live().filter(slug="ketamine").exists()
    assert Organization.objects.filter(is_demo=True).count() == 12
    assert "Loaded 12 demo listings." in first

    again = prepared(demo_count=12)
    assert "12 demo listings already loaded." in again
    assert "Created" not in again
    assert Organization.objects.filter(is_demo=True).count() == 12
