from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("providers/<slug:slug>/request/", views.request_form, name="request"),
    path("providers/<slug:slug>/request/sent/", views.sent, name="sent"),
    path("requests/delete/", views.find_for_deletion, name="find_for_deletion"),
    path("requests/delete/sent/", views.deletion_links_sent, name="deletion_links_sent"),
    path("requests/delete/<str:token>/", views.delete, name="delete"),
]
