from django.core.management import call_command
from wagtail.models import Page, Site

from content.models import HomePage


def test_loading_creates_the_home_page_as_the_site_root(db):
    call_command("load_content")
    home = HomePage.objects.get()
    assert home.live
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_loading_twice_changes_nothing(db):
    call_command("load_content")
    before = list(Page.objects.values_list("pk", "title", "latest_revision_id").order_by("pk"))
    call_command("load_content")
    after = list(Page.objects.values_list("pk", "title", "latest_revision_id").order_by("pk"))
    assert after == before
