"""`manage.py load_content`: the library from files, idempotent, never over an editor's change."""

import re
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from content.loading import REFERENCES_FILE, Loader, LoadError
from content.models import (
    ComparisonPage,
    ConditionPage,
    HomePage,
    Reference,
    StandardPage,
    TreatmentIndexPage,
    TreatmentPage,
)

SMALL_TREATMENT = """
type = "treatment"
title = "Ketamine"
summary = "A short summary."
kind = "drug"
routes = ["intravenous"]
care_settings = ["clinic"]
therapist_support = "optional"
onset = "Within a day [ref:zarate2006]."
typical_course = "Six infusions [ref:murrough2013b]."
cost_range = "Prices vary."
insurance = "Rarely covered."
regulatory_status = "Off-label for depression."
evidence_summary = "Randomised trials [ref:murrough2013]."
finder_slug = "ketamine"

[[body]]
type = "rich_text"
value = "{words}"

[[body]]
type = "references"
"""


@pytest.fixture
def library(db, tmp_path):
    """A small library in files: the home page, the treatment index and one treatment."""
    pages = tmp_path / "pages"
    (pages / "treatments").mkdir(parents=True)
    home = Path(__file__).resolve().parents[1] / "pages" / "home.toml"
    (pages / "home.toml").write_text(home.read_text(encoding="utf-8"), encoding="utf-8")
    (pages / "treatments.toml").write_text(
        'type = "treatment_index"\ntitle = "Treatments"\nsummary = "All of them."\n',
        encoding="utf-8",
    )
    write_treatment(pages, "First words.")
    return pages


def write_treatment(pages: Path, words: str) -> None:
    text = SMALL_TREATMENT.replace("{words}", words)
    (pages / "treatments" / "ketamine.toml").write_text(text, encoding="utf-8")


def load(pages, overwrite=False):
    return Loader(overwrite=overwrite).run(pages_dir=pages, references_file=REFERENCES_FILE)


def live_words(slug="ketamine"):
    page = TreatmentPage.objects.get(slug=slug)
    return " ".join(str(block.value) for block in page.body if block.block_type == "rich_text")


def test_loading_creates_the_home_page_as_the_site_root(db):
    call_command("load_content")
    home = HomePage.objects.get()
    assert home.live
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_loading_creates_every_page_of_the_library_in_its_place(site_pages):
    urls = {page.url: type(page) for page in Page.objects.live().specific() if page.depth > 1}
    assert urls["/treatments/"] is TreatmentIndexPage
    for slug in ("ketamine", "esketamine", "antidepressants", "tms", "ect"):
        assert urls[f"/treatments/{slug}/"] is TreatmentPage
    assert urls["/treatments/ketamine-assisted-psychotherapy/"] is TreatmentPage
    for slug in (
        "depression",
        "bipolar-depression",
        "anxiety",
        "ocd",
        "ptsd",
        "chronic-pain",
        "addiction",
    ):
        assert urls[f"/conditions/{slug}/"] is ConditionPage
    for slug in (
        "ketamine-vs-ssris",
        "ketamine-vs-esketamine",
        "ketamine-routes",
        "clinical-vs-recreational-ketamine",
        "ketamine-vs-ect",
    ):
        assert urls[f"/compare/{slug}/"] is ComparisonPage
    for slug in ("about", "editorial-policy", "privacy", "terms"):
        assert urls[f"/{slug}/"] is StandardPage
    finder_slugs = set(TreatmentPage.objects.values_list("finder_slug", flat=True))
    assert finder_slugs == {"ketamine", "esketamine", "ssri", "tms", "ect", "kap"}


def test_loading_again_changes_nothing_and_is_quick(site_pages):
    before = list(Page.objects.values_list("pk", "title", "latest_revision_id").order_by("pk"))
    started = time.perf_counter()
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    elapsed = time.perf_counter() - started
    after = list(Page.objects.values_list("pk", "title", "latest_revision_id").order_by("pk"))
    assert after == before
    assert elapsed < 2


def test_a_changed_file_updates_a_page_nobody_has_edited(library):
    load(library)
    write_treatment(library, "Second words.")
    summary = load(library)
    assert summary.updated == ["treatments/ketamine.toml"]
    assert "Second words." in live_words()


def test_reloading_keeps_an_editors_change(library, editor):
    load(library)
    page = TreatmentPage.objects.get(slug="ketamine")
    page.summary = "An editor's clearer summary."
    page.save_revision(user=editor).publish()

    write_treatment(library, "Second words.")
    summary = load(library)

    assert summary.kept == ["treatments/ketamine.toml"]
    page.refresh_from_db()
    assert page.summary == "An editor's clearer summary."
    assert "First words." in live_words()


def test_an_editors_draft_is_kept_too(library, editor):
    load(library)
    page = TreatmentPage.objects.get(slug="ketamine")
    page.summary = "A draft in progress."
    draft = page.save_revision(user=editor)

    write_treatment(library, "Second words.")
    load(library)

    page.refresh_from_db()
    assert page.latest_revision_id == draft.pk
    assert "First words." in live_words()


def test_a_page_an_editor_unpublished_or_deleted_stays_so(library):
    load(library)
    TreatmentPage.objects.get(slug="ketamine").unpublish()
    load(library)
    assert not TreatmentPage.objects.get(slug="ketamine").live

    TreatmentPage.objects.get(slug="ketamine").delete()
    summary = load(library)
    assert summary.kept == ["treatments/ketamine.toml (deleted by an editor)"]
    assert not TreatmentPage.objects.exists()


def test_overwrite_replaces_an_editors_change_and_clears_the_review(library, editor):
    load(library)
    page = TreatmentPage.objects.get(slug="ketamine")
    page.summary = "An editor's summary."
    page.last_reviewed = page.next_review_due = None
    page.save_revision(user=editor).publish()

    write_treatment(library, "Second words.")
    summary = load(library, overwrite=True)

    assert summary.updated == ["treatments/ketamine.toml"]
    page = TreatmentPage.objects.get(slug="ketamine")
    assert page.summary == "A short summary."
    assert "Second words." in live_words()
    assert page.last_reviewed is None


def test_reloading_keeps_an_editors_correction_to_a_reference(library):
    load(library)
    reference = Reference.objects.get(key="anand2023")
    reference.citation = "An editor's corrected citation"
    reference.save()

    summary = load(library)
    assert summary.references_kept == ["anand2023"]
    assert Reference.objects.get(key="anand2023").citation == "An editor's corrected citation"

    load(library, overwrite=True)
    assert Reference.objects.get(key="anand2023").citation.startswith("Anand A, Mathew SJ")


def test_a_file_with_an_unknown_field_is_refused_with_its_name(library):
    (library / "treatments" / "ketamine.toml").write_text(
        'type = "treatment"\ntitle = "Ketamine"\ncolour = "blue"\n', encoding="utf-8"
    )
    with pytest.raises(
        LoadError, match=re.escape("treatments/ketamine.toml: treatment has no field 'colour'")
    ):
        load(library)
    assert not TreatmentPage.objects.exists()


def test_citing_a_source_that_is_not_in_the_bibliography_is_refused(library):
    write_treatment(library, "A claim [ref:made-up-2024].")
    with pytest.raises(LoadError, match=r"treatments/ketamine.toml: .*\[ref:made-up-2024\]"):
        load(library)
    assert not Page.objects.filter(slug="treatments").exists()


def test_the_command_reports_bad_content_without_loading_any(monkeypatch, library):
    (library / "treatments" / "ketamine.toml").write_text('type = "leaflet"\n', encoding="utf-8")
    monkeypatch.setattr("content.loading.PAGES_DIR", library)
    with pytest.raises(
        CommandError, match=re.escape("Nothing was loaded: treatments/ketamine.toml: type")
    ):
        call_command("load_content")
    assert not Page.objects.filter(slug="treatments").exists()


def test_a_home_page_made_before_the_loader_kept_records_is_adopted(library):
    root = Page.get_first_root_node()
    root.get_children().filter(slug="home").delete()
    home = root.add_child(instance=HomePage(title="Old title", slug="home"))
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})

    summary = load(library)

    assert "home.toml" in summary.updated
    assert HomePage.objects.get().pk == home.pk
    assert HomePage.objects.get().title.startswith("Find a mental-health treatment")


def test_a_bibliography_entry_with_an_unknown_field_stops_the_load_naming_it(library, tmp_path):
    bibliography = tmp_path / "references.toml"
    bibliography.write_text(
        REFERENCES_FILE.read_text(encoding="utf-8")
        + '\n[smith2020]\ncitation = "Smith J. A study. 2020"\nstatus = "confirmed"\nvolume = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(
        LoadError, match=re.escape("references.toml: [smith2020] has no field volume")
    ):
        Loader().run(pages_dir=library, references_file=bibliography)
    assert not Reference.objects.filter(key="smith2020").exists()
