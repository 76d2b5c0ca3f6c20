from django.urls import path

from . import views

app_name = "inbeeld"
urlpatterns = [
    path("", views.ask, name="ask"),
]
