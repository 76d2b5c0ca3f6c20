from django.urls import path

from . import views

app_name = "wvggz"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("overleg/", views.overleg, name="overleg"),
    path("cijfers/", views.figures, name="figures"),
    path("cijfers/csv/", views.figures_csv, name="figures_csv"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/onderzoekers/", views.assign, name="assign"),
    path("<int:pk>/vragenlijst/", views.questionnaire, name="questionnaire"),
    path("<int:pk>/besluit/", views.decide, name="decide"),
    path("<int:pk>/verzoek.pdf", views.request_document, name="request_pdf"),
    path("<int:pk>/verzonden/", views.request_sent, name="request_sent"),
    path("<int:pk>/melder/", views.melder, name="melder"),
]
