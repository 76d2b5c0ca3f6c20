"""Fallback URLconf for these tests while the worklists app has no home view yet:
the real URLs plus a stand-in ``worklists:home`` at "/"."""

from django.http import HttpResponse
from django.urls import include, path

from vangnet import urls as root


def _home(request):
    return HttpResponse("home")


urlpatterns = [
    path("", include(([path("", _home, name="home")], "worklists"))),
    *[p for p in root.urlpatterns if getattr(p, "namespace", None) != "worklists"],
]
