from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("v1/meldingen/", views.PartnerMeldingenView.as_view(), name="meldingen"),
]
