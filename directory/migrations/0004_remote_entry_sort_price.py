from django.db import migrations, models

UNPRICED = 2**31 - 1


def fill_sort_price(apps, schema_editor):
    RemoteEntry = apps.get_model("directory", "RemoteEntry")
    RemoteEntry.objects.filter(price__isnull=False).update(sort_price=models.F("price"))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_fill_search_entry_listing_columns"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="remoteentry",
            name="remote_state_treatment",
        ),
        migrations.AddField(
            model_name="remoteentry",
            name="sort_price",
            field=models.IntegerField(default=UNPRICED),
        ),
        migrations.RunPython(fill_sort_price, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="remoteentry",
            index=models.Index(fields=["state", "sort_price", "id"], name="remote_state_price"),
        ),
        migrations.AddIndex(
            model_name="remoteentry",
            index=models.Index(
                fields=["state", "treatment", "sort_price", "id"], name="remote_state_treatment"
            ),
        ),
    ]
