from django.conf import settings

from core.crisis import RESOURCES


def site(request):
    """What the base layout needs on every page. Reads no database, so error pages can use it."""
    return {"SITE_URL": settings.SITE_URL, "crisis_resources": RESOURCES}
