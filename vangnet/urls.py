from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from vangnet.accounts.admin_site import protect_admin
from vangnet.core.health import health

protect_admin(admin.site)

urlpatterns = [
    path("", include("vangnet.worklists.urls")),
    path("account/", include("vangnet.accounts.urls")),
    path("meldingen/", include("vangnet.intake.urls")),
    path("triage/", include("vangnet.triage.urls")),
    path("casussen/", include("vangnet.cases.urls")),
    path("casussen/", include("vangnet.crisis.urls")),  # the crisis card and episodes of a casus
    path("personen/", include("vangnet.persons.urls")),
    path("toegang/", include("vangnet.access.urls")),
    path("api/", include("vangnet.api.urls")),
    path("in-beeld/", include("vangnet.inbeeld.urls")),
    path("procesregie/", include("vangnet.procesregie.urls")),
    path("leefgebieden/", include("vangnet.leefgebieden.urls")),
    path("plan/", include("vangnet.plannen.urls")),
    path("casussen/", include("vangnet.middelen.urls")),  # practical means and waiting lists
    path("casussen/", include("vangnet.naasten.urls")),  # the naasten of the person of a casus
    path("inzage/", include("vangnet.inzage.urls")),  # the inzage (AVG art. 15) of a person
    path("overleg/", include("vangnet.overleg.urls")),
    path("verzoeken/", include("vangnet.verzoeken.urls")),  # the betrokkene's requests (issue 16)
    path("grondslagen/", include("vangnet.grondslagen.urls")),  # task, ground, consent (issue 16)
    path("netwerk/", include("vangnet.network.urls")),
    path("wvggz/", include("vangnet.wvggz.urls")),
    path("monitor/", include("vangnet.monitor.urls")),
    path("verwerkingsregister/", include("vangnet.verwerking.urls")),
    path("notificaties/", include("vangnet.notifications.urls")),
    path("zoeken/", include("vangnet.search.urls")),
    path("bewaren/", include("vangnet.bewaren.urls")),  # retention (issue 16 part 3)
    path("melden/", include("vangnet.publiek.urls")),  # the public melding form, no login (issue 18)
    path("beheer/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("gezondheid/", health, name="health"),  # public on purpose: no login, no personal data (issue 18)
]
