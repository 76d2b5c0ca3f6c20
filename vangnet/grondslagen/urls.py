from django.urls import path

from . import views

app_name = "grondslagen"
urlpatterns = [
    path("casus/<int:casus_pk>/taak/", views.casus_task, name="casus_task"),
    path("persoon/<int:person_pk>/toestemming/", views.consent_add, name="consent_add"),
    path("toestemming/<int:pk>/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("afwijkingen/", views.override_review, name="override_review"),
    path("afwijkingen/<int:pk>/beoordeeld/", views.override_mark_reviewed, name="override_mark_reviewed"),
]
