"""Load the site's pages and bibliography from files in the repository into Wagtail.

Each page is one TOML file under content/pages/, placed by its path: ``home.toml`` is the site's
root, ``treatments.toml`` becomes /treatments/ and ``treatments/ketamine.toml`` becomes
/treatments/ketamine/. A file gives the page ``type``, its fields and a ``[[body]]`` list of
blocks; rich text that does not start with ``<`` is plain paragraphs separated by blank lines.
The bibliography is content/references.toml, one table per key.

Loading is idempotent and never overwrites an editor: the loader remembers, per file, the hash
of what it loaded and the revision it published (``LoadedPage``). A page whose latest revision is
another one, or that an editor unpublished or deleted, is kept as the editor left it unless
``overwrite`` is set. A reference an editor changed is kept the same way.
"""

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from wagtail import blocks as wagtail_blocks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from content import models
from content.workflows import ensure_medical_review_workflow
from core import references

CONTENT_DIR = Path(__file__).resolve().parent
PAGES_DIR = CONTENT_DIR / "pages"
REFERENCES_FILE = references.BIBLIOGRAPHY
HOME = "home.toml"

PAGE_TYPES = {
    "home": models.HomePage,
    "treatment_index": models.TreatmentIndexPage,
    "treatment": models.TreatmentPage,
    "condition_index": models.ConditionIndexPage,
    "condition": models.ConditionPage,
    "comparison_index": models.ComparisonIndexPage,
    "comparison": models.ComparisonPage,
    "standard": models.StandardPage,
}
# Every page has these; Wagtail's own panels for them are placeholders, not field panels.
PAGE_FIELDS = {"title", "seo_title", "search_description"}
# What the database keeps of each reference; the file's year and confirmation notes stay in it.
REFERENCE_FIELDS = ("citation", "doi", "pmid", "url", "status", "supports")


class LoadError(Exception):
    """Content that cannot be loaded, with the file and the reason."""


class MissingPage(Exception):
    """A file refers to a page not loaded yet; it is tried again after the others."""


@dataclass
class PageFile:
    source: str
    slug: str
    parent_source: str | None
    data: dict
    content_hash: str

    @property
    def depth(self) -> int:
        return 0 if self.parent_source is None else self.source.count("/") + 1

    @property
    def model(self):
        kind = self.data.get("type")
        if kind not in PAGE_TYPES:
            raise LoadError(
                f"{self.source}: type must be one of {', '.join(PAGE_TYPES)}, not {kind!r}."
            )
        return PAGE_TYPES[kind]


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: int = 0
    references_created: int = 0
    references_updated: int = 0
    references_kept: list[str] = field(default_factory=list)


def read_page_files(directory: Path) -> list[PageFile]:
    """Every page file, parents before children, siblings in their ``order``."""
    files = []
    for path in directory.rglob("*.toml"):
        source = path.relative_to(directory).as_posix()
        raw = path.read_bytes()
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise LoadError(f"{source}: {error}") from None
        stem = source.removesuffix(".toml")
        if source == HOME:
            parent_source = None
        elif "/" in stem:
            parent_source = stem.rsplit("/", 1)[0] + ".toml"
        else:
            parent_source = HOME
        files.append(
            PageFile(
                source=source,
                slug="home" if source == HOME else stem.rsplit("/", 1)[-1],
                parent_source=parent_source,
                data=data,
                content_hash=hashlib.sha256(raw).hexdigest(),
            )
        )
    by_source = {page_file.source: page_file for page_file in files}

    def tree_position(page_file: PageFile) -> list:
        """Where the page sits in the tree: each ancestor's ``order``, then its own."""
        position = []
        while page_file is not None:
            position.insert(0, (page_file.data.get("order", 0), page_file.source))
            page_file = by_source.get(page_file.parent_source)
        return position

    # Parents before children; each parent's children together, so a page that links to
    # pages under an earlier parent (a condition to its treatments) finds them created.
    return sorted(files, key=lambda page_file: (page_file.depth, tree_position(page_file)))


def paragraphs(text: str) -> str:
    """Rich text from a file: HTML as written, or plain paragraphs separated by blank lines."""
    text = text.strip()
    if text.startswith("<"):
        return text
    return "".join(
        f"<p>{' '.join(escape(part).split())}</p>" for part in text.split("\n\n") if part.strip()
    )


def panel_field_names(panels) -> set[str]:
    names = set()
    for panel in panels:
        if isinstance(panel, str):
            names.add(panel)
        elif getattr(panel, "field_name", None):
            names.add(panel.field_name)
        names |= panel_field_names(getattr(panel, "children", ()))
    return names


class Loader:
    def __init__(self, overwrite: bool = False):
        self.overwrite = overwrite
        self.summary = Summary()
        self.records: dict[str, models.LoadedPage] = {}
        self.pages: dict[str, Page] = {}

    @transaction.atomic
    def run(self, pages_dir: Path | None = None, references_file: Path | None = None) -> Summary:
        self.sync_references(references_file or REFERENCES_FILE)
        self.records = {
            record.source: record for record in models.LoadedPage.objects.select_related("page")
        }
        self.pages = {source: record.page for source, record in self.records.items() if record.page}
        pending = read_page_files(pages_dir or PAGES_DIR)
        while pending:
            deferred = []
            for page_file in pending:
                try:
                    self.load_page(page_file)
                except MissingPage:
                    deferred.append(page_file)
            if len(deferred) == len(pending):
                raise LoadError(
                    "These files refer to pages that do not exist and are not in content/pages/: "
                    + ", ".join(page_file.source for page_file in deferred)
                )
            pending = deferred
        ensure_medical_review_workflow()
        return self.summary

    # Pages.

    def load_page(self, page_file: PageFile) -> None:
        record = self.records.get(page_file.source)
        if record is not None and record.page is not None:
            page = record.page
            changed_by_editor = page.latest_revision_id != record.revision_id or not page.live
            if changed_by_editor and not self.overwrite:
                self.summary.kept.append(page_file.source)
                return
            if not changed_by_editor and record.content_hash == page_file.content_hash:
                self.summary.unchanged += 1
                return
            self.update(page.specific, page_file)
        elif record is not None:
            if not self.overwrite:
                self.summary.kept.append(f"{page_file.source} (deleted by an editor)")
                return
            self.create(page_file)
        elif existing := self.existing_page(page_file):
            if not self.overwrite and not self.made_by_loader(existing):
                self.summary.kept.append(page_file.source)
                self.pages[page_file.source] = existing
                return
            self.update(existing.specific, page_file)
        else:
            self.create(page_file)

    def existing_page(self, page_file: PageFile) -> Page | None:
        """A page already where the file would put it, made before the loader kept records."""
        if page_file.parent_source is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site and isinstance(site.root_page.specific, models.HomePage):
                return site.root_page
            return None
        parent = self.pages.get(page_file.parent_source)
        if parent is None:
            return None
        return parent.get_children().filter(slug=page_file.slug).first()

    @staticmethod
    def made_by_loader(page: Page) -> bool:
        return not page.revisions.exclude(user=None).exists()

    def create(self, page_file: PageFile) -> None:
        model = page_file.model
        parent = self.parent_of(page_file)
        if not model.can_exist_under(parent):
            raise LoadError(
                f"{page_file.source}: a {model._meta.verbose_name} cannot be placed under "
                f"a {parent.specific_class._meta.verbose_name}."
            )
        page = model(slug=page_file.slug, **self.fields(page_file, model))
        try:
            parent.add_child(instance=page)
        except ValidationError as error:
            raise LoadError(f"{page_file.source}: {self.describe(error)}") from None
        # add_child has just validated the page.
        self.publish(page, page_file, clean=False)
        self.summary.created.append(page_file.source)
        if page_file.parent_source is None:
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": "localhost",
                    "port": 80,
                    "root_page": page,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )

    def update(self, page, page_file: PageFile) -> None:
        model = page_file.model
        if type(page) is not model:
            raise LoadError(
                f"{page_file.source}: {page.url_path} is a {page._meta.verbose_name}, but the "
                f"file describes a {model._meta.verbose_name}; move or delete that page first."
            )
        for name, value in self.fields(page_file, model).items():
            setattr(page, name, value)
        page.slug = page_file.slug
        if isinstance(page, models.ReviewedPage):
            # The text a clinician reviewed is being replaced, so their review no longer applies.
            page.reviewed_by = page.last_reviewed = page.next_review_due = None
        self.publish(page, page_file)
        self.summary.updated.append(page_file.source)

    def publish(self, page, page_file: PageFile, clean: bool = True) -> None:
        try:
            revision = page.save_revision(clean=clean)
        except ValidationError as error:
            raise LoadError(f"{page_file.source}: {self.describe(error)}") from None
        revision.publish()
        # Wagtail updates its search index from a background task; pages we load are
        # searchable at once.
        index.insert_or_update_object(page)
        self.pages[page_file.source] = page
        models.LoadedPage.objects.update_or_create(
            source=page_file.source,
            defaults={
                "page": page,
                "content_hash": page_file.content_hash,
                "revision": revision,
            },
        )

    def parent_of(self, page_file: PageFile) -> Page:
        if page_file.parent_source is None:
            root = Page.get_first_root_node() or self.create_root()
            # Wagtail's migrations leave a "Welcome" page where the home page goes.
            for child in root.get_children():
                if child.slug == "home" and child.specific_class is not models.HomePage:
                    child.delete()
            return root
        parent = self.pages.get(page_file.parent_source)
        if parent is None:
            raise MissingPage(page_file.parent_source)
        return parent

    @staticmethod
    def create_root() -> Page:
        """Wagtail's migrations make the root; a database emptied since (by a flush) has none."""
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        return Page.add_root(instance=Page(title="Root", slug="root"))

    @staticmethod
    def describe(error: ValidationError) -> str:
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)

    # Fields and blocks.

    def fields(self, page_file: PageFile, model) -> dict:
        allowed = panel_field_names(model.content_panels) | PAGE_FIELDS
        values = {}
        for name, value in page_file.data.items():
            if name in ("type", "order"):
                continue
            if name not in allowed:
                raise LoadError(
                    f"{page_file.source}: {model._meta.verbose_name} has no field {name!r}; "
                    f"it has {', '.join(sorted(allowed))}."
                )
            model_field = model._meta.get_field(name)
            if isinstance(model_field, StreamField):
                value = self.stream(page_file, model_field.stream_block, value)
            elif isinstance(model_field, RichTextField):
                value = paragraphs(value)
            values[name] = value
        return values

    def stream(self, page_file: PageFile, stream_block, items: list) -> list:
        raw = []
        for position, item in enumerate(items, start=1):
            item = dict(item)
            kind = item.pop("type", None)
            if kind not in stream_block.child_blocks:
                raise LoadError(
                    f"{page_file.source}: body block {position} has type {kind!r}; use one of "
                    f"{', '.join(stream_block.child_blocks)}."
                )
            block = stream_block.child_blocks[kind]
            value = item if isinstance(block, wagtail_blocks.StructBlock) else item.get("value")
            raw.append({"type": kind, "value": self.block_value(page_file, block, value)})
        return raw

    def block_value(self, page_file: PageFile, block, value):
        if isinstance(block, wagtail_blocks.RichTextBlock):
            return paragraphs(value)
        if isinstance(block, wagtail_blocks.StructBlock):
            unknown = set(value) - set(block.child_blocks)
            if unknown:
                raise LoadError(
                    f"{page_file.source}: a {block.name or 'block'} has no "
                    f"{', '.join(sorted(unknown))}; it has {', '.join(block.child_blocks)}."
                )
            return {
                name: self.block_value(page_file, block.child_blocks[name], item)
                for name, item in value.items()
            }
        if isinstance(block, wagtail_blocks.ListBlock):
            return [self.block_value(page_file, block.child_block, item) for item in value]
        if isinstance(block, wagtail_blocks.PageChooserBlock):
            target = self.pages.get(f"{value}.toml")
            if target is None:
                raise MissingPage(value)
            return target.pk
        return value

    # References.

    def sync_references(self, path: Path) -> None:
        try:
            entries = references.read(path)
        except references.BibliographyError as error:
            raise LoadError(f"{path.name}: {error}") from None
        existing = models.Reference.objects.in_bulk(field_name="key")
        for key, entry in entries.items():
            values = {name: getattr(entry, name) for name in REFERENCE_FIELDS}
            file_hash = values_hash(values)
            reference = existing.get(key)
            if reference is None:
                reference = models.Reference(key=key)
                self.summary.references_created += 1
            else:
                current = values_hash({name: getattr(reference, name) for name in REFERENCE_FIELDS})
                if current != reference.source_hash and not self.overwrite:
                    self.summary.references_kept.append(key)
                    continue
                if current == file_hash == reference.source_hash:
                    continue
                self.summary.references_updated += 1
            for name, value in values.items():
                setattr(reference, name, value)
            reference.source_hash = file_hash
            try:
                reference.full_clean()
            except ValidationError as error:
                raise LoadError(f"{path.name}: [{key}] {self.describe(error)}") from None
            reference.save()


def values_hash(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
