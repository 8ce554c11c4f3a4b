from django.urls import path

from assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.intro, name="intro"),
    path("clear/", views.clear, name="clear"),
    path("adults-only/", views.adults_only, name="adults_only"),
    path("history/", views.history, name="history"),
    path("history/export.csv", views.export_csv, name="export_csv"),
    path("history/export.json", views.export_json, name="export_json"),
    path("history/delete/", views.delete, name="delete"),
    path("<slug:flow>/", views.start, name="start"),
    path("<slug:flow>/result/", views.result, name="result"),
    path("<slug:flow>/save/", views.save, name="save"),
    path("<slug:flow>/<slug:step>/", views.step, name="step"),
]
