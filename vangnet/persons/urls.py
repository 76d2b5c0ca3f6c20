from django.urls import path

from . import views

app_name = "persons"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/toegangslog/", views.access_log, name="access_log"),
]
