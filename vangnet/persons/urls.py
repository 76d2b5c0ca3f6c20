from django.urls import path

from . import views

app_name = "persons"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/toegangslog/", views.access_log, name="access_log"),
    path("<int:pk>/samenvoegen/", views.merge, name="merge"),
    path("<int:pk>/splitsen/", views.split, name="split"),
    path("dubbelen/", views.duplicates, name="duplicates"),
    path("dubbelen/<int:pk>/geen-dubbele/", views.duplicate_dismiss, name="duplicate_dismiss"),
    # issue 14: the matcher's trained model, for functioneel beheer (no personal data).
    path("zoekmodel/", views.match_model, name="match_model"),
    path("zoekmodel/trainen/", views.match_model_train, name="match_model_train"),
]
