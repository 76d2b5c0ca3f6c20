from django.urls import path

from . import views

app_name = "verwerking"

urlpatterns = [
    path("", views.register_page, name="register"),
    path("export.csv", views.register_csv, name="register_csv"),
    path("export.xlsx", views.register_xlsx, name="register_xlsx"),
]
