"""The directory, modelled on Open Referral HSDS 3.0 (organization, service, location, ...).

Ids are UUIDs as HSDS requires. Every fact a seeker relies on (prices, accepting new patients,
the protocol) carries the date it was last confirmed, shown beside it. ``SearchEntry`` and
``RemoteEntry`` are derived rows that make search fast; ``directory.indexing`` rebuilds them from
the rest whenever a listing changes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.npi import validate_npi
from directory.taxonomy import US_STATES

STATE_CHOICES = sorted(US_STATES.items())


class Organization(models.Model):
    class Source(models.TextChoices):
        DEMO = "demo", _("Generated demo data")
        NPPES = "nppes", _("The NPI Registry (NPPES)")
        HSDS = "hsds", _("An Open Referral HSDS feed")
        PORTAL = "portal", _("The clinic, through the clinic portal")
        ADMINISTRATOR = "administrator", _("Psycle's administrators")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not yet verified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Verification failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    is_demo = models.BooleanField(
        default=False, help_text=_("Generated demo data, not a real provider.")
    )
    verification = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by_name = models.CharField(max_length=200, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    # Provenance: where the listing came from, and which of its fields the clinic set itself
    # (an import never overwrites those; it reports the conflict instead).
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ADMINISTRATOR)
    source_name = models.CharField(
        max_length=200, blank=True, help_text=_("The file or feed it was imported from.")
    )
    source_record_id = models.CharField(
        max_length=100, blank=True, help_text=_("Its id in that source: the NPI, the HSDS id.")
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    clinic_edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Fields the clinic set through the portal; imports leave them alone."),
    )
    clinic_edited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # An NPI names one provider: importing a later NPPES file updates, never duplicates.
            models.UniqueConstraint(fields=["npi"], condition=~models.Q(npi=""), name="unique_npi")
        ]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verification == self.Verification.VERIFIED


class License(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="licenses"
    )
    holder = models.CharField(
        max_length=200, help_text=_("Who holds it, e.g. the medical director.")
    )
    kind = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=STATE_CHOICES)
    number = models.CharField(max_length=40)

    class Meta:
        ordering = ["state", "number"]

    def __str__(self):
        return f"{self.kind} {self.state} {self.number}"


class TaxonomyTerm(models.Model):
    """An HSDS taxonomy term; ``taxonomy`` is the facet code from ``directory.taxonomy``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(max_length=40)
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["taxonomy", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_per_taxonomy")
        ]

    def __str__(self):
        return self.name


class Service(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    treatment = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"taxonomy": "treatment"},
    )
    attributes = models.ManyToManyField(
        TaxonomyTerm, through="ServiceAttribute", related_name="services"
    )
    is_remote = models.BooleanField(
        default=False, help_text=_("Delivered by telehealth to the states in its service area.")
    )
    accepting_new_patients = models.BooleanField(default=True)
    accepting_confirmed_on = models.DateField(null=True, blank=True)
    insurance_notes = models.CharField(max_length=300, blank=True)
    # The protocol and total-price card.
    dosing_approach = models.TextField(blank=True)
    monitoring = models.TextField(blank=True)
    integration_therapy_included = models.BooleanField(null=True)
    first_course_sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    first_course_price = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    refund_policy = models.TextField(blank=True)
    protocol_confirmed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceAttribute(models.Model):
    """HSDS attribute: links a service to a taxonomy term, with an optional note."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attribute_links")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=300, blank=True)
    # When the clinic last said so: shown beside payment options, which change more than most.
    confirmed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="unique_attribute")
        ]

    def __str__(self):
        return str(self.taxonomy_term)


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=120, help_text=_("What is paid for, e.g. 'One infusion'."))
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    per_session = models.BooleanField(
        default=True, help_text=_("The price of one session: used to compare and filter prices.")
    )
    includes = models.CharField(max_length=300, blank=True)
    confirmed_on = models.DateField()

    class Meta:
        ordering = ["amount"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cost_not_negative")
        ]

    def __str__(self):
        return f"{self.option}: {self.amount} {self.currency}"


class Insurer(models.Model):
    """An insurance carrier, e.g. Aetna. Its integer id is what search rows store."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceInsurer(models.Model):
    """A carrier a service takes: any of its plans, or (``plan``) the plan or network named."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="insurer_links")
    insurer = models.ForeignKey(Insurer, on_delete=models.PROTECT, related_name="service_links")
    plan = models.CharField(
        max_length=120, blank=True, help_text=_("The plan or network, when only some are taken.")
    )
    confirmed_on = models.DateField()

    class Meta:
        ordering = ["insurer__name", "plan"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "insurer", "plan"], name="unique_service_insurer"
            )
        ]

    def __str__(self):
        return f"{self.insurer} {self.plan}".strip()


class Location(models.Model):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        VIRTUAL = "virtual", _("Virtual")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=200)
    location_type = models.CharField(max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField(blank=True, help_text=_("Step-free access, parking, ..."))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(location_type="virtual")
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="physical_location_has_coordinates",
            )
        ]


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.OneToOneField(Location, on_delete=models.CASCADE, related_name="address")
    address_1 = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state_province = models.CharField(max_length=2, choices=STATE_CHOICES)
    postal_code = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="US")


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="phones")
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=30)
    description = models.CharField(max_length=100, blank=True)


class Schedule(models.Model):
    """Weekly opening hours of a location (HSDS schedule, freq=WEEKLY, one row per day)."""

    class Day(models.TextChoices):
        MO = "MO", _("Monday")
        TU = "TU", _("Tuesday")
        WE = "WE", _("Wednesday")
        TH = "TH", _("Thursday")
        FR = "FR", _("Friday")
        SA = "SA", _("Saturday")
        SU = "SU", _("Sunday")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="schedules")
    byday = models.CharField(max_length=2, choices=Day.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="opens_before_closing"
            )
        ]


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="unique_service_at_location"
            )
        ]


class ServiceArea(models.Model):
    """A US state a remote programme serves (and is licensed in)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    state = models.CharField(max_length=2, choices=STATE_CHOICES)

    class Meta:
        ordering = ["state"]
        constraints = [
            models.UniqueConstraint(fields=["service", "state"], name="unique_service_area")
        ]


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=10)
    name = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="unique_language")]


COVERED = (
    "features", "verified", "accepting", "insurer_ids", "price", "course_price", "course_sessions",
    "service_at_location", "id",
)  # fmt: skip


class SearchEntry(models.Model):
    """One row per service at a physical location, shaped for radius search.

    ``cell`` is a 0.1-degree grid square; (x, y, z) is the point on the unit sphere, so that the
    squared chord between two points orders them exactly as great-circle distance does, using
    arithmetic the database can do without trigonometry.
    """

    service_at_location = models.OneToOneField(
        ServiceAtLocation, on_delete=models.CASCADE, related_name="search_entry"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    cell = models.IntegerField()
    treatment = models.SmallIntegerField()
    features = models.BigIntegerField()
    latitude = models.FloatField()
    longitude = models.FloatField()
    x = models.FloatField()
    y = models.FloatField()
    z = models.FloatField()
    price = models.IntegerField(null=True, help_text=_("Lowest per-session price, whole dollars."))
    verified = models.BooleanField()
    accepting = models.BooleanField()
    is_demo = models.BooleanField()
    # What a result shows, copied from the listing so that a page of results is read from this
    # table alone, by primary key (the finder's time budget has no room for joins).
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, db_index=False)
    service_name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    price_confirmed_on = models.DateField(null=True)
    accepting_confirmed_on = models.DateField(null=True)
    # The insurers taken, as ",3,17," (Insurer ids): the insurer filter is one exact LIKE test
    # on the row, as the other filters are (docs/decisions.md). What a result shows of them is
    # ``insurers_shown``, a JSON list of {"slug", "name", "plan", "confirmed_on"}.
    insurer_ids = models.CharField(max_length=2000, default="", blank=True)
    insurers_shown = models.TextField(default="[]")
    # A first course's total in whole dollars and its sessions, for the cost figures: the
    # listing's own course price, else its lowest per-session price times its sessions.
    course_price = models.IntegerField(null=True)
    course_sessions = models.SmallIntegerField(null=True)

    class Meta:
        # Each holds what a search tests and reads of every row in its radius (the point, the
        # treatment, the filters' flags and the prices): counts and cost figures read the index
        # alone, and a page reads the table only for the rows that pass (docs/decisions.md).
        indexes = [
            models.Index(
                fields=["treatment", "cell", "x", "y", "z", *COVERED], name="search_treatment_cover"
            ),
            models.Index(
                fields=["cell", "x", "y", "z", "treatment", *COVERED], name="search_cover"
            ),
        ]


class SearchCellCount(models.Model):
    """How many search rows each grid cell holds of each treatment.

    Database triggers (migration 0011) keep it in step with ``SearchEntry`` in the same
    transaction as every insert, delete or update of a search row, whoever writes it (the
    reindex, an import's bulk insert, a cascade). A count over a radius sums the cells wholly
    inside the circle and counts row by row only the cells its edge crosses."""

    cell = models.IntegerField()
    treatment = models.SmallIntegerField()
    entries = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cell", "treatment"], name="search_cell_count_key")
        ]
        # A count reads the index alone.
        indexes = [
            models.Index(fields=["cell", "treatment", "entries"], name="search_cell_count_cover")
        ]


#: ``RemoteEntry.sort_price`` of a programme that lists no price (the largest 32-bit integer).
UNPRICED = 2**31 - 1


_REMOTE_TESTED = ("features", "price", "verified", "accepting")


class RemoteEntry(models.Model):
    """One row per remote service and state it serves, for the 'remote programmes' section."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="remote_entries")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=2)
    treatment = models.SmallIntegerField()
    features = models.BigIntegerField()
    price = models.IntegerField(null=True)
    # The price again, with no price as the highest value: "cheapest first, unpriced last" is
    # then one index's order, and the first page reads ten rows instead of sorting the state.
    sort_price = models.IntegerField(default=UNPRICED)
    verified = models.BooleanField()
    accepting = models.BooleanField()
    is_demo = models.BooleanField()
    insurer_ids = models.CharField(max_length=2000, default="", blank=True)  # as SearchEntry's

    class Meta:
        # In the order shown, and holding every column a filter tests but the insurers (and
        # the id): the programmes that pass are picked from the index alone, and counted, not
        # read one by one from the table to find the few that match (docs/decisions.md).
        indexes = [
            models.Index(fields=["state", "sort_price", "service", *_REMOTE_TESTED, "treatment",
                                 "id"], name="remote_state_price_cover"),
            models.Index(fields=["state", "treatment", "sort_price", "service", *_REMOTE_TESTED,
                                 "id"], name="remote_state_treatment_cover"),
        ]  # fmt: skip
        constraints = [
            models.UniqueConstraint(fields=["service", "state"], name="unique_remote_entry")
        ]
