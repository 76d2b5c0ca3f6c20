from django.urls import path

from . import views

app_name = "inzage"
urlpatterns = [
    path("persoon/<int:person_pk>/", views.start, name="start"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/vrijgeven/", views.release, name="release"),
    path("<int:pk>/inzage.pdf", views.download_pdf, name="pdf"),
    path("<int:pk>/inzage.json", views.download_json, name="json"),
]
