from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("overzicht/", views.casus_list, name="list"),
    path("overzicht/export.csv", views.casus_list_export, name="list_export"),
    path("<int:pk>/", views.casus_detail, name="detail"),
    path("<int:pk>/afdrukken/", views.casus_print, name="print"),
    path("<int:pk>/contactpoging/", views.attempt_add, name="attempt_add"),
    path("<int:pk>/fase/", views.phase_change, name="phase"),
    path("<int:pk>/notitie/", views.note_add, name="note_add"),
    path("<int:pk>/team/", views.members, name="members"),
]
