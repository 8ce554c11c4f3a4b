import json
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Page, Revision
from wagtail.search import index

from content import blocks, citations, contents, structured_data
from content.fields import ChoiceListField
from content.review import one_year_after, review_status
from directory import prices


def no_citations(value):
    if citations.keys_in(value):
        raise ValidationError(
            _(
                "This text is shown on cards and in search results, where references cannot be "
                "listed: move the cited figure into the page's body."
            )
        )


def one_of(labels: list[str]) -> str:
    """Choice labels as one phrase: "In a clinic or at home"."""
    if not labels:
        return ""
    rest = [label[:1].lower() + label[1:] for label in labels[1:]]
    if not rest:
        return labels[0]
    return _("%(items)s or %(last)s") % {
        "items": ", ".join([labels[0], *rest[:-1]]),
        "last": rest[-1],
    }


class Reference(models.Model):
    """A source the site cites, by a short key used in ``[ref:key]`` markers."""

    CONFIRMED = "confirmed"
    PARTLY_CONFIRMED = "partly confirmed"

    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("Cite it in any page text as [ref:key], for example [ref:anand2023]."),
    )
    citation = models.TextField(_("citation"), help_text=_("Authors, title, journal and year."))
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("A DOI starts with 10. and a slash."))],
        help_text=_("Only a DOI you have checked against the publisher or PubMed."),
    )
    pmid = models.CharField(
        "PMID",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^\d{1,12}$", _("A PubMed ID is digits only."))],
    )
    url = models.URLField(_("official page"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[
            (CONFIRMED, _("Confirmed")),
            (PARTLY_CONFIRMED, _("Partly confirmed: use only the fields filled")),
        ],
    )
    supports = models.TextField(_("what it supports"), blank=True)
    # The values `load_content` last wrote, so an editor's later change is never overwritten.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("key"),
        FieldPanel("citation"),
        FieldPanel("doi"),
        FieldPanel("pmid"),
        FieldPanel("url"),
        FieldPanel("status"),
        FieldPanel("supports"),
    ]

    class Meta:
        ordering = ["key"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return f"{self.key}: {self.citation[:80]}"

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


def all_references():
    """Every reference by key, read once, when a page first cites something."""
    return SimpleLazyObject(lambda: Reference.objects.in_bulk(field_name="key"))


class Reviewer(models.Model):
    """A clinician who reviews pages. Only an operator adds one, with their real credentials."""

    name = models.CharField(_("name"), max_length=200)
    credentials = models.CharField(
        _("credentials"),
        max_length=200,
        help_text=_("For example: MD, board-certified psychiatrist."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviewer",
        help_text=_(
            "The account this reviewer signs in with: reviews they approve are published under "
            "their name."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("user")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("medical reviewer")
        verbose_name_plural = _("medical reviewers")
        permissions = [("record_medical_review", _("Can record a medical review on a page"))]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class PressMention(models.Model):
    """Where the site has been written about: the home page's "as seen on" list, empty until an
    editor adds a real one."""

    outlet = models.CharField(_("outlet"), max_length=200)
    url = models.URLField(_("link to the piece"), max_length=500)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    panels = [FieldPanel("outlet"), FieldPanel("url"), FieldPanel("published_on")]

    class Meta:
        ordering = ["-published_on", "outlet"]
        verbose_name = _("press mention")
        verbose_name_plural = _("press mentions")

    def __str__(self):
        return self.outlet


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Group approval that, on approval, records the review on the page it publishes."""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            page = task_state.workflow_state.content_object.specific
            if isinstance(page, ReviewedPage):
                page.record_review(user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the page; approving records them as its "
            "medical reviewer, with today's date."
        )

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")


class LoadedPage(models.Model):
    """Which page a file under content/pages/ became, and the revision the loader published.

    A page whose latest revision is no longer that one, or that is no longer live, has been
    changed by an editor, and `load_content` leaves it alone unless told to overwrite.
    """

    source = models.CharField(max_length=255, unique=True)
    page = models.OneToOneField(
        Page, null=True, on_delete=models.SET_NULL, related_name="loaded_from"
    )
    content_hash = models.CharField(max_length=64)
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return self.source


class ArticleMixin:
    """What every public page of ours shares: meta tags, canonical address, structured data."""

    cited_fields: tuple[str, ...] = ()
    og_type = "article"

    @property
    def canonical_url(self) -> str:
        return settings.SITE_URL + self.get_url_parts()[2]

    @property
    def meta_description(self) -> str:
        return self.search_description or citations.strip_markers(
            getattr(self, "summary", "") or getattr(self, "lead", "")
        )

    def get_sitemap_urls(self, request=None):
        # The public address comes from SITE_URL, whatever host name the Wagtail site has.
        return [{"location": self.canonical_url, "lastmod": self.last_published_at}]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citations"] = citations.Citations(all_references())
        context["structured_data"] = self.structured_data()
        context["contents"] = contents.contents(self)
        return context

    def structured_data(self) -> list[dict]:
        """schema.org documents for search engines; a page type with more to say overrides it."""
        return structured_data.with_faq(self, [structured_data.web_page(self)])

    def cited_texts(self):
        """Every text on the page that may carry citations, for validation."""
        for name in self.cited_fields:
            yield getattr(self, name) or ""
        body = getattr(self, "body", None)
        if isinstance(body, str):
            yield body
        elif body is not None:
            yield json.dumps(body.get_prep_value())

    def clean(self):
        super().clean()
        known = Reference.objects.values_list("key", flat=True)
        if unknown := citations.unknown_keys(self.cited_texts(), known):
            raise ValidationError(
                _(
                    "This page cites %(keys)s, which no reference has as its key: add the "
                    "reference under Snippets first, or correct the key."
                )
                % {"keys": ", ".join(f"[ref:{key}]" for key in unknown)}
            )


class HomePage(ArticleMixin, Page):
    """The site's front door: what Psycle is, and where to go next."""

    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences under the heading.")
    )
    body = RichTextField(_("body"), blank=True, features=["bold", "italic", "link", "ul", "h2"])

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.TreatmentIndexPage",
        "content.ConditionIndexPage",
        "content.ComparisonIndexPage",
        "content.StandardPage",
    ]
    max_count = 1
    og_type = "website"

    class Meta:
        verbose_name = _("home page")

    def structured_data(self) -> list[dict]:
        return [structured_data.website(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = TreatmentPage.objects.live().public().order_by("path")
        context["conditions"] = ConditionPage.objects.live().public().order_by("path")
        context["press_mentions"] = PressMention.objects.all()
        return context


REVIEW_PERMISSION = "content.record_medical_review"


class ReviewedPage(ArticleMixin, Page):
    """A page with clinical content: it carries its medical review, shown to readers."""

    summary = models.TextField(
        _("summary"),
        help_text=_("One or two plain sentences, shown under the title, on cards and in search."),
        validators=[no_citations],
    )
    reviewed_by = models.ForeignKey(
        Reviewer,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)

    is_creatable = False

    review_panel = MultiFieldPanel(
        [
            # A plain list of reviewers: Wagtail's snippet chooser starts from an inline
            # script, which the admin's CSP blocks.
            FieldPanel("reviewed_by", permission=REVIEW_PERMISSION, widget=forms.Select),
            FieldPanel("last_reviewed", permission=REVIEW_PERMISSION),
            FieldPanel("next_review_due", permission=REVIEW_PERMISSION),
        ],
        heading=_("Medical review"),
        help_text=_(
            "Approving the page in the medical review workflow fills these in. Record a review "
            "here only when a named clinician has really reviewed this version."
        ),
        permission=REVIEW_PERMISSION,
    )
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [*Page.settings_panels, review_panel]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("reviewed page")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_reviewed__isnull=True, next_review_due__isnull=True)
                | Q(last_reviewed__isnull=False, next_review_due__gt=F("last_reviewed")),
                name="review_dates_together_and_in_order",
                violation_error_message=_(
                    "Give both review dates, with the next review after the last one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | Q(last_reviewed__isnull=False),
                name="reviewer_has_review_date",
                violation_error_message=_("A reviewer needs the date of their review."),
            ),
        ]

    @cached_property
    def review(self):
        return review_status(self)

    def structured_data(self) -> list[dict]:
        return structured_data.with_faq(
            self, [structured_data.medical_web_page(self, about=self.main_entity())]
        )

    def main_entity(self) -> dict | None:
        """What the page is about, as schema.org has it; a page type that knows says so."""
        return None

    def record_review(self, user, today: date | None = None):
        """Save a revision of this page saying ``user`` reviewed it today; the workflow publishes
        it. The reviewer is the Reviewer linked to ``user``'s account; without one, the revision
        keeps the reviewer an editor chose, or names none. A later due date already set is kept.
        """
        latest = self.get_latest_revision_as_object()
        today = today or timezone.localdate()
        latest.last_reviewed = today
        latest.reviewed_by = Reviewer.objects.filter(user=user).first() or latest.reviewed_by
        if latest.next_review_due is None or latest.next_review_due <= today:
            latest.next_review_due = one_year_after(today)
        return latest.save_revision(user=user, log_action=True)


class LibraryIndex:
    """An index of the library: an introduction, then its pages of one type in the tree's order."""

    content_panels = [*ReviewedPage.content_panels, FieldPanel("body")]
    search_fields = [*ReviewedPage.search_fields, index.SearchField("body")]
    parent_page_types = ["content.HomePage"]
    max_count = 1
    og_type = "website"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        [listed] = self.allowed_subpage_models()
        context["listed_pages"] = listed.objects.child_of(self).live().public().specific()
        return context


class TreatmentIndexPage(LibraryIndex, ReviewedPage):
    body = StreamField(blocks.article_blocks(), verbose_name=_("body"), blank=True)

    subpage_types = ["content.TreatmentPage"]

    class Meta:
        verbose_name = _("treatment index")


class TreatmentPage(ReviewedPage):
    DRUG = "drug"
    THERAPY = "therapy"
    ROUTES = [
        ("intravenous", _("Infusion into a vein (intravenous, IV)")),
        ("intramuscular", _("Injection into a muscle (intramuscular, IM)")),
        ("intranasal", _("Nasal spray (intranasal)")),
        ("sublingual", _("Dissolved under the tongue or in the cheek (sublingual)")),
        ("oral", _("Swallowed (oral)")),
    ]
    SETTINGS = [("clinic", _("In a clinic")), ("home", _("At home"))]
    THERAPIST_SUPPORT = [
        ("none", _("Not part of the treatment")),
        ("optional", _("Sometimes offered alongside")),
        ("included", _("Part of the treatment")),
    ]

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[(DRUG, _("A medicine")), (THERAPY, _("A procedure or therapy"))],
    )
    other_names = models.CharField(_("other names"), max_length=255, blank=True)
    routes = ChoiceListField(_("routes"), item_choices=ROUTES)
    care_settings = ChoiceListField(_("settings"), item_choices=SETTINGS)
    therapist_support = models.CharField(
        _("therapist support"), max_length=10, choices=THERAPIST_SUPPORT
    )
    onset = models.TextField(_("how soon it may help"))
    typical_course = models.TextField(_("typical course"))
    cost_range = models.TextField(_("cost"))
    insurance = models.TextField(_("insurance"))
    regulatory_status = models.TextField(_("regulatory status"))
    evidence_summary = models.TextField(_("evidence summary"))
    finder_slug = models.SlugField(
        _("treatment in the finder"),
        max_length=40,
        blank=True,
        help_text=_("The finder's name for this treatment: /find/?treatment=<this>."),
    )
    body = StreamField(
        blocks.article_blocks(("routes_table", blocks.RoutesTableBlock())),
        verbose_name=_("body"),
        blank=True,
    )

    cited_fields = (
        "onset",
        "typical_course",
        "cost_range",
        "insurance",
        "regulatory_status",
        "evidence_summary",
    )
    content_panels = [
        *ReviewedPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("other_names"),
                FieldPanel("routes"),
                FieldPanel("care_settings"),
                FieldPanel("therapist_support"),
                FieldPanel("onset"),
                FieldPanel("typical_course"),
                FieldPanel("cost_range"),
                FieldPanel("insurance"),
                FieldPanel("regulatory_status"),
                FieldPanel("evidence_summary"),
                FieldPanel("finder_slug"),
            ],
            heading=_("At a glance"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *ReviewedPage.search_fields,
        index.SearchField("other_names"),
        index.SearchField("evidence_summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("treatment")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["typical_price"] = (
            prices.typical_price(self.finder_slug) if self.finder_slug else None
        )
        context["conditions"] = self.conditions()
        return context

    def conditions(self) -> list:
        """The live condition pages that list this treatment among their options. Read from
        each body's stored block data: decoding every condition's blocks (and the pages they
        choose) cost more than the rest of the treatment page."""
        # One query, the body read as text and only what the facts list shows (each title and
        # link): StreamField values and whole pages for every condition cost more again.
        conditions = (
            ConditionPage.objects.live()
            .only("id", "title", "url_path")
            .annotate(body_text=Cast("body", models.TextField()))
        )
        return [
            condition
            for condition in conditions
            if self.pk in _chosen_treatments(json.loads(condition.body_text or "[]"))
        ]

    @property
    def route_labels(self) -> list[str]:
        return self._meta.get_field("routes").labels(self.routes)

    @property
    def setting_labels(self) -> list[str]:
        return self._meta.get_field("care_settings").labels(self.care_settings)

    @property
    def routes_text(self) -> str:
        return one_of(self.route_labels)

    @property
    def settings_text(self) -> str:
        return one_of(self.setting_labels)

    def main_entity(self) -> dict:
        return structured_data.treatment(self, with_url=False)


def _chosen_treatments(raw_blocks) -> set[int]:
    """The page ids a body's treatment-options blocks choose, from the stored block data (a
    list block's items are stored either bare or as {"type": "item", "value": ...})."""
    chosen = set()
    for block in raw_blocks:
        if block.get("type") != "treatment_options":
            continue
        for item in (block.get("value") or {}).get("options") or []:
            option = item.get("value", item) if item.get("type") == "item" else item
            if isinstance(option, dict) and isinstance(option.get("treatment"), int):
                chosen.add(option["treatment"])
    return chosen


class ConditionIndexPage(LibraryIndex, ReviewedPage):
    body = StreamField(blocks.article_blocks(), verbose_name=_("body"), blank=True)

    subpage_types = ["content.ConditionPage"]
    template = "content/library_index_page.html"
    listing_heading = _("Conditions")

    class Meta:
        verbose_name = _("condition index")


class ConditionPage(ReviewedPage):
    SCREENERS = [
        ("phq9", _("the PHQ-9 depression questionnaire")),
        ("gad7", _("the GAD-7 anxiety questionnaire")),
        ("pc-ptsd-5", _("the PC-PTSD-5 screen for PTSD")),
    ]

    other_names = models.CharField(_("other names"), max_length=255, blank=True)
    screener = models.CharField(
        _("screener in the self-assessment"),
        max_length=20,
        choices=SCREENERS,
        blank=True,
        help_text=_("Leave empty when the self-assessment has no questionnaire for it."),
    )
    body = StreamField(
        blocks.article_blocks(("treatment_options", blocks.TreatmentOptionsBlock())),
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = [
        *ReviewedPage.content_panels,
        FieldPanel("other_names"),
        FieldPanel("screener"),
        FieldPanel("body"),
    ]
    search_fields = [
        *ReviewedPage.search_fields,
        index.SearchField("other_names"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.ConditionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("condition")

    @property
    def treatment_options(self):
        """The treatments this page's treatment-options blocks link to, in order."""
        return [
            option["treatment"].specific
            for block in self.body
            if block.block_type == "treatment_options"
            for option in block.value["options"]
            if option["treatment"] is not None and option["treatment"].live
        ]

    def main_entity(self) -> dict:
        return structured_data.condition(self)


class ComparisonIndexPage(LibraryIndex, ReviewedPage):
    body = StreamField(blocks.article_blocks(), verbose_name=_("body"), blank=True)

    subpage_types = ["content.ComparisonPage"]
    template = "content/library_index_page.html"
    listing_heading = _("Comparisons")

    class Meta:
        verbose_name = _("comparison index")


class ComparisonPage(ReviewedPage):
    body = StreamField(
        blocks.article_blocks(("routes_table", blocks.RoutesTableBlock())),
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = [*ReviewedPage.content_panels, FieldPanel("body")]
    search_fields = [*ReviewedPage.search_fields, index.SearchField("body")]
    parent_page_types = ["content.ComparisonIndexPage"]
    subpage_types = []
    template = "content/article_page.html"

    class Meta:
        verbose_name = _("comparison")


class StandardPage(ArticleMixin, Page):
    """About, editorial policy, privacy, terms: pages about the site rather than medicine."""

    summary = models.TextField(_("summary"), validators=[no_citations])
    body = StreamField(blocks.article_blocks(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "content/article_page.html"
    og_type = "website"

    class Meta:
        verbose_name = _("standard page")
