from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/thanks/", views.thanks, name="thanks"),
]
