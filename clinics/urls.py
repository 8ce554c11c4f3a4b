from django.urls import path

from clinics import verification_views, views

app_name = "clinics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("requests/<uuid:pk>/", views.request_detail, name="request"),
    path("requests/<uuid:pk>/status/", views.request_status, name="request_status"),
    path("requests/<uuid:pk>/notes/", views.request_note, name="request_note"),
    path("organizations/<slug:slug>/requests/", views.inbox, name="inbox"),
    path("organizations/<slug:slug>/export/", views.export, name="export"),
    path("organizations/<slug:slug>/listing/", views.listing, name="listing"),
    path("organizations/<slug:slug>/services/new/", views.service_edit, name="service_add"),
    path("organizations/<slug:slug>/services/<uuid:pk>/", views.service_edit, name="service_edit"),
    path(
        "organizations/<slug:slug>/locations/<uuid:pk>/hours/",
        views.location_hours,
        name="location_hours",
    ),
    path("claim/", views.claim_search, name="claim_search"),
    path("claim/<slug:slug>/", views.claim, name="claim"),
    path("admin/", verification_views.queue, name="queue"),
    path("admin/claims/<uuid:pk>/", verification_views.claim_decision, name="claim_decision"),
    path(
        "admin/listings/<slug:slug>/", verification_views.listing_verification, name="verification"
    ),
    path("admin/audit/", verification_views.audit_log, name="audit_log"),
]
