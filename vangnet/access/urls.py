from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("noodtoegang/", views.break_glass, name="break_glass"),
    path("noodtoegang/<int:pk>/", views.break_glass_confirm, name="break_glass_confirm"),
    path("noodtoegang/beoordelen/", views.break_glass_review, name="break_glass_review"),
    path("noodtoegang/beoordelen/<int:pk>/", views.break_glass_mark_reviewed, name="break_glass_mark_reviewed"),
]
