from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("nieuw/", views.create, name="create"),
    path("overzicht/", views.melding_list, name="list"),
    path("overzicht/export.csv", views.melding_list_export, name="list_export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/corrigeren/", views.correct, name="correct"),
    path("<int:pk>/afdrukken/", views.print_view, name="print"),
    path("bsn-controleren/", views.validate_bsn, name="validate_bsn"),
    path("partner/nieuw/", views.partner_create, name="partner_create"),
    path("partner/", views.partner_list, name="partner_list"),
    path("partner/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("partner/<int:pk>/ontvangen/", views.partner_submitted, name="partner_submitted"),
]
