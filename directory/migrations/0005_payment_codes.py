"""The payment vocabulary's new codes: each old term is renamed in place, so its links and the
bit search rows hold for it stay valid (taxonomy.PAYMENT keeps the old terms' order). The new
terms (Medicaid, Medicare, TRICARE, sliding scale) are added after migrating, as every term is
(directory.signals). A separate migration: PostgreSQL cannot change a table's schema and its rows
in one transaction while triggers are pending."""

from django.db import migrations

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


def restore(apps, schema_editor):
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for old, (code, _name) in RENAMED.items():
        TaxonomyTerm.objects.filter(taxonomy="payment", code=code).update(code=old)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_payment_and_insurers")]

    operations = [migrations.RunPython(rename, restore)]
