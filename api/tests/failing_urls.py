"""An API address that fails, for the JSON 500 test; never part of the site's own URLs."""

from django.urls import path

from psycle.urls import handler500, urlpatterns


def boom(request):
    raise RuntimeError("a bug in an endpoint")


urlpatterns = [path("api/v1/boom", boom), *urlpatterns]

__all__ = ["handler500", "urlpatterns"]
