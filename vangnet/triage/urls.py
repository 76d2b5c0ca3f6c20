from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("melding/<int:pk>/", views.triage_melding, name="melding"),
    path("melding/<int:pk>/besluitvelden/", views.decision_fields, name="decision_fields"),
    path("melding/<int:pk>/register-zoeken/", views.register_search, name="register_search"),
    path("melding/<int:pk>/plek-zoeken/", views.place_search_results, name="place_search"),
]
