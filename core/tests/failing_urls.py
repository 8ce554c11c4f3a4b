"""A URL that fails, for the 500 page test; never part of the site's own URLs."""

from django.urls import path

from psycle.urls import handler500, urlpatterns


def boom(request):
    raise RuntimeError("the database fell over while handling someone@example.org")


urlpatterns = [path("boom/", boom), *urlpatterns]

__all__ = ["handler500", "urlpatterns"]
