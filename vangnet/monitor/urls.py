from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("", views.monitor, name="home"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
]
