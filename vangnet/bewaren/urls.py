from django.urls import path

from . import views

app_name = "bewaren"

urlpatterns = [
    path("", views.report, name="report"),
    path("rapport/<int:pk>/vrijgeven/", views.release, name="release"),
    path("blokkades/", views.holds, name="holds"),
    path("blokkades/<int:pk>/opheffen/", views.hold_lift, name="hold_lift"),
    path("rondes/", views.runs, name="runs"),
    path("rondes/<int:pk>/", views.run_detail, name="run_detail"),
]
