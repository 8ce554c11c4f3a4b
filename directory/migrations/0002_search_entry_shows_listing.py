"""Search rows carry what a result shows, so a page of results needs no joins."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="name",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="slug",
            field=models.SlugField(db_index=False, default="", max_length=120),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="service_name",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="city",
            field=models.CharField(blank=True, default="", max_length=100),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="state",
            field=models.CharField(blank=True, default="", max_length=2),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="price_confirmed_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="accepting_confirmed_on",
            field=models.DateField(null=True),
        ),
    ]
