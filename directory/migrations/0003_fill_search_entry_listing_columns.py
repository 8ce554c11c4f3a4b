"""Fill the new columns of existing search rows from the listings they describe (search rows
are derived data). A separate migration: PostgreSQL cannot change a table's schema and its rows
in one transaction while triggers are pending."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    SearchEntry = apps.get_model("directory", "SearchEntry")
    Organization = apps.get_model("directory", "Organization")
    Service = apps.get_model("directory", "Service")
    Address = apps.get_model("directory", "Address")
    ServiceAtLocation = apps.get_model("directory", "ServiceAtLocation")
    CostOption = apps.get_model("directory", "CostOption")

    def organization(column):
        return Subquery(Organization.objects.filter(pk=OuterRef("organization_id")).values(column))

    def service(column):
        return Subquery(Service.objects.filter(pk=OuterRef("service_id")).values(column))

    def address(column):
        location = ServiceAtLocation.objects.filter(pk=OuterRef(OuterRef("service_at_location_id")))
        return Subquery(
            Address.objects.filter(location_id=Subquery(location.values("location_id"))).values(
                column
            )
        )

    lowest = CostOption.objects.filter(service_id=OuterRef("service_id"), per_session=True)
    SearchEntry.objects.update(
        name=organization("name"),
        slug=organization("slug"),
        service_name=service("name"),
        accepting_confirmed_on=service("accepting_confirmed_on"),
        price_confirmed_on=Subquery(lowest.order_by("amount").values("confirmed_on")[:1]),
    )
    for entry in SearchEntry.objects.annotate(
        address_city=address("city"), address_state=address("state_province")
    ).iterator():
        if entry.address_city:
            entry.city, entry.state = entry.address_city, entry.address_state
            entry.save(update_fields=["city", "state"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_entry_shows_listing")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
