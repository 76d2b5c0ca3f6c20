from django.urls import path

from . import contact_board_views, views

app_name = "worklists"
urlpatterns = [
    path("", views.home, name="home"),
    path("werkvoorraad/te-trieren/", views.to_triage, name="to_triage"),
    path("werkvoorraad/mijn-casussen/", views.my_cases, name="my_cases"),
    path("werkvoorraad/te-laat/", views.overdue, name="overdue"),
    path("werkvoorraad/teambelasting/", views.caseload, name="caseload"),
    path("werkvoorraad/teambelasting/casussen/", views.caseload_cases, name="caseload_cases"),
    path("werkvoorraad/contactbord/", contact_board_views.contact_board_page, name="contact_board"),
]
