from django.urls import path

from . import views

app_name = "procesregie"
urlpatterns = [
    path("", views.home, name="home"),
    path("casus/<int:casus_pk>/escaleren/", views.escalate, name="escalate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/besluit/", views.decision_add, name="decision_add"),
    path("<int:pk>/actie/", views.action_add, name="action_add"),
    path("<int:pk>/afronden/", views.close, name="close"),
    path("aan-zet/", views.aan_zet, name="aan_zet"),
    path("actie/<int:pk>/gedaan/", views.action_done, name="action_done"),
    path("cijfers/", views.figures, name="figures"),
]
