from django.urls import path

from . import correction_views, views

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
    path("<int:pk>/intensiteit/", views.intensity, name="intensity"),
    # issue 12: corrections, on the record's own id (the guard finds its casus)
    path("contactpoging/<int:pk>/corrigeren/", correction_views.attempt_correct, name="attempt_correct"),
    path("contactpoging/<int:pk>/vervallen/", correction_views.attempt_void, name="attempt_void"),
    path("notitie/<int:pk>/corrigeren/", correction_views.note_correct, name="note_correct"),
    path("notitie/<int:pk>/vervallen/", correction_views.note_void, name="note_void"),
]
