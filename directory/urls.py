from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("find/", views.find, name="find"),
    path("find/remote/", views.remote, name="remote"),
    path("providers/<slug:slug>/", views.provider, name="provider"),
]
