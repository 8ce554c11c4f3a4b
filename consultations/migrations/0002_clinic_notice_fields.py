"""The clinic's notice fields say what they track: clinic_notice_*, not delivery_*."""

from django.db import migrations

RENAMES = [
    ("delivery_status", "clinic_notice_status"),
    ("delivery_attempts", "clinic_notice_attempts"),
    ("delivery_claimed_at", "clinic_notice_claimed_at"),
    ("delivery_retry_at", "clinic_notice_retry_at"),
    ("delivered_at", "clinic_notice_sent_at"),
]


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [
        migrations.RenameField("consultationrequest", old_name=old, new_name=new)
        for old, new in RENAMES
    ]
