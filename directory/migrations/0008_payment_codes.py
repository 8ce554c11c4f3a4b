"""Fill the first-course columns of existing search rows (search rows are derived data), and
give the payment vocabulary its new codes: each old term is renamed in place, so its links and the
bit search rows hold for it stay valid (taxonomy.PAYMENT keeps the old terms' order). The new
terms (Medicaid, Medicare, TRICARE, sliding scale) are added after migrating, as every term is
(directory.signals). A separate migration: PostgreSQL cannot change a table's schema and its rows
in one transaction while triggers are pending."""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Ceil

RENAMED = {
    "insurance": ("private_insurance", "Private insurance"),
    "self-pay": ("self_pay", "Self-pay"),
    "hsa-fsa": ("hsa_fsa", "HSA or FSA card"),
    "superbill": ("superbill", "Superbill for out-of-network claims"),
    "financing": ("payment_plan", "Payment plan"),
}


def _move(apps, renames) -> None:
    """Rename each term; where the new code already exists (terms are created after every
    migrate), move the old term's links to it and drop the old term."""
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    ServiceAttribute = apps.get_model("directory", "ServiceAttribute")
    for old, code, name in renames:
        old_term = TaxonomyTerm.objects.filter(taxonomy="payment", code=old).first()
        if old_term is None or old == code:
            continue
        new_term = TaxonomyTerm.objects.filter(taxonomy="payment", code=code).first()
        if new_term is None:
            old_term.code, old_term.name = code, name
            old_term.save(update_fields=["code", "name"])
            continue
        linked = ServiceAttribute.objects.filter(taxonomy_term=new_term).values("service_id")
        links = ServiceAttribute.objects.filter(taxonomy_term=old_term)
        links.exclude(service_id__in=linked).update(taxonomy_term=new_term)
        links.delete()
        old_term.delete()


def rename(apps, schema_editor):
    _move(apps, [(old, code, name) for old, (code, name) in RENAMED.items()])


OLD_NAMES = {
    "insurance": "Takes insurance",
    "self-pay": "Self-pay",
    "hsa-fsa": "HSA or FSA",
    "superbill": "Superbill for reimbursement",
    "financing": "Financing",
}


def restore(apps, schema_editor):
    _move(apps, [(code, old, OLD_NAMES[old]) for old, (code, _name) in RENAMED.items()])


def fill_courses(apps, schema_editor):
    SearchEntry = apps.get_model("directory", "SearchEntry")
    Service = apps.get_model("directory", "Service")

    def service(column):
        return Subquery(Service.objects.filter(pk=OuterRef("service_id")).values(column))

    SearchEntry.objects.update(
        course_price=Ceil(service("first_course_price")),
        course_sessions=service("first_course_sessions"),
    )
    SearchEntry.objects.filter(
        course_price__isnull=True, price__isnull=False, course_sessions__isnull=False
    ).update(course_price=F("price") * F("course_sessions"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_payment_and_insurers")]

    operations = [
        migrations.RunPython(rename, restore),
        migrations.RunPython(fill_courses, migrations.RunPython.noop),
    ]
