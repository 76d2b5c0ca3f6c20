from django.urls import path

from . import views

app_name = "plannen"
urlpatterns = [
    path("casus/<int:casus_pk>/", views.plan, name="plan"),
    path("casus/<int:casus_pk>/doel/", views.goal_add, name="goal_add"),
    path("doel/<int:pk>/wijzigen/", views.goal_edit, name="goal_edit"),
    path("doel/<int:pk>/actie/", views.action_add, name="action_add"),
    path("actie/<int:pk>/wijzigen/", views.action_edit, name="action_edit"),
    path("actie/<int:pk>/gedaan/", views.action_done, name="action_done"),
    path("acties/", views.partner_actions, name="partner_actions"),
]
