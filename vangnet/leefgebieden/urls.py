from django.urls import path

from . import views

app_name = "leefgebieden"
urlpatterns = [
    path("casus/<int:casus_pk>/", views.overview, name="overview"),
    path("casus/<int:casus_pk>/nieuw/", views.picture_add, name="picture_add"),
    path("<int:pk>/corrigeren/", views.picture_correct, name="picture_correct"),
]
