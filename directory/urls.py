from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("find/", views.find, name="find"),
    path("find/remote/", views.remote, name="remote"),
    path("coverage/", views.coverage_guide, name="coverage"),
    # Before the profiles, so that "compare" is never read as a provider's name.
    path("providers/compare/", views.compare, name="compare"),
    path("providers/<slug:slug>/", views.provider, name="provider"),
]
