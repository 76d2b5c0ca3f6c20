from django.urls import path

from . import views

app_name = "middelen"
urlpatterns = [
    path("<int:casus_pk>/middelen/", views.overview, name="overview"),
    path("<int:casus_pk>/middelen/inzet/", views.inzet_add, name="inzet_add"),
    path("<int:casus_pk>/middelen/wachtlijst/", views.wachtlijst_add, name="wachtlijst_add"),
    path("middelen/wachtlijst/<int:pk>/uitkomst/", views.placement, name="placement"),
    path("middelen/wachttijden/", views.figures, name="figures"),
]
