from django.urls import path

from . import views

app_name = "naasten"
urlpatterns = [
    path("<int:casus_pk>/naasten/", views.overview, name="overview"),
    path("<int:casus_pk>/naasten/contact/", views.contact_add, name="contact_add"),
    path("naasten/<int:pk>/wijzigen/", views.naaste_edit, name="naaste_edit"),
]
