"""A note belongs to a consultation request: the field says so (it was called request, the name
of the HTTP request in every view)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("clinics", "0001_initial")]

    operations = [
        migrations.RenameField("requestnote", old_name="request", new_name="consultation"),
    ]
