from django.urls import path

from . import views

app_name = "verzoeken"
urlpatterns = [
    path("", views.own_list, name="list"),
    path("register/", views.register, name="register"),
    path("register/export.csv", views.register_export, name="register_export"),
    path("persoon/<int:person_pk>/nieuw/", views.register_request, name="register_request"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/in-behandeling/", views.start, name="start"),
    path("<int:pk>/verlengen/", views.extend, name="extend"),
    path("<int:pk>/besluiten/", views.decide, name="decide"),
    path("<int:pk>/beperking-opheffen/", views.lift, name="lift"),
]
