"""What the directory's tests share."""

from datetime import date

import pytest

from directory.indexing import reindex_services
from directory.models import Organization, Service


@pytest.fixture
def closed_clinic(demo_listings):
    """A ketamine clinic in New York (where others are near) whose every service has stopped
    taking new patients."""
    organization = Organization.objects.filter(
        locations__address__postal_code="10001", services__treatment__code="ketamine"
    ).first()
    services = Service.objects.filter(organization=organization)
    services.update(accepting_new_patients=False, accepting_confirmed_on=date(2026, 5, 27))
    reindex_services(services.values_list("id", flat=True))
    return organization
