"""The "ssri" treatment term keeps its code and becomes "Psychiatric care and medication": what
a seeker looks for is a prescriber (for antidepressants and other medicines). Stored terms keep
the name they were created with, so the name is changed here (and back, going backwards)."""

from django.db import migrations


def rename(name):
    def change(apps, schema_editor):
        TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
        TaxonomyTerm.objects.filter(taxonomy="treatment", code="ssri").update(name=name)

    return change


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_remote_entry_sort_price")]

    operations = [
        migrations.RunPython(
            rename("Psychiatric care and medication"), rename("Antidepressant medication")
        )
    ]
