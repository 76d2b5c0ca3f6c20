from django.urls import path

from . import views

# Under casussen/ (vangnet/urls.py): the crisis card and episodes are part of the casus.
app_name = "crisis"
urlpatterns = [
    path("<int:casus_pk>/crisiskaart/", views.card, name="card"),
    path("<int:casus_pk>/crisiskaart/bewerken/", views.card_edit, name="card_edit"),
    path("<int:casus_pk>/crisis/nieuw/", views.episode_add, name="episode_add"),
    path("crisis/<int:pk>/terugkoppeling/", views.episode_feedback, name="episode_feedback"),
]
