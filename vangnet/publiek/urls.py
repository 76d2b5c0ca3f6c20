from django.urls import path

from . import views

app_name = "publiek"

# Public on purpose (no login): the resident's melding form, its confirmation, the status
# look-up and the privacy statement. No personal data in any of these URLs.
urlpatterns = [
    path("", views.start, name="start"),
    path("zorg/", views.zorg, name="zorg"),
    path("persoon/", views.persoon, name="persoon"),
    path("over-u/", views.melder, name="melder"),
    path("controleren/", views.controleren, name="controleren"),
    path("verstuurd/", views.verstuurd, name="verstuurd"),
    path("status/", views.status, name="status"),
    path("privacy/", views.privacy, name="privacy"),
]
