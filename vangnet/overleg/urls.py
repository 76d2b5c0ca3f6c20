from django.urls import path

from . import views

app_name = "overleg"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/deelnemer/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/agendapunt/", views.item_add, name="item_add"),
    path("<int:pk>/afronden/", views.meeting_close, name="close"),
    path("agendapunt/<int:pk>/", views.item_edit, name="item_edit"),
    path("agendapunt/<int:pk>/delen/", views.item_share, name="item_share"),
    path("agendapunt/<int:pk>/actie/", views.action_add, name="action_add"),
    path("actie/<int:pk>/gedaan/", views.action_done, name="action_done"),
]
