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


def rename(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for old, (code, name) in RENAMED.items():
        TaxonomyTerm.objects.filter(taxonomy="payment", code=old).update(code=code, name=name)


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


def restore(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for old, (code, _name) in RENAMED.items():
        TaxonomyTerm.objects.filter(taxonomy="payment", code=code).update(code=old)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_payment_and_insurers")]

    operations = [
        migrations.RunPython(rename, restore),
        migrations.RunPython(fill_courses, migrations.RunPython.noop),
    ]
