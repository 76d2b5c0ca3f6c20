"""View guards: fetch a record only if the user may see it, and log the access.

Views use these instead of ``get_object_or_404`` for personal data, so that
the access rule and the access-log row can never be forgotten. Refusals answer
404: the existence of a person or casus is itself sensitive."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access

from . import policies

Action = AccessLog.Action


def role_required(*roles):
    """Only users with one of ``roles`` (and an organisation) get in; others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if user.role not in roles or not policies.is_active_worker(user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _checked(request, obj, basis, action, object_type, detail, **subject):
    if basis is None:
        raise Http404
    log_access(
        request,
        action,
        object_type=object_type,
        detail=detail,
        reason=basis,
        break_glass=basis == policies.BASIS_BREAK_GLASS,
        **subject,
    )
    return obj, basis


def get_casus(request, pk, *, action=Action.READ, detail="", queryset=None):
    from vangnet.cases.models import Casus

    qs = queryset if queryset is not None else Casus.objects.select_related("person", "organisation", "team", "casusregisseur")
    casus = qs.filter(pk=pk).first()
    if casus is None:
        raise Http404
    return _checked(request, casus, policies.casus_access_basis(request.user, casus), action, "casus", detail, casus=casus)


def get_melding(request, pk, *, action=Action.READ, detail="", queryset=None):
    from vangnet.intake.models import Melding

    qs = queryset if queryset is not None else Melding.objects.select_related("person", "casus", "meldpunt", "gemeente")
    melding = qs.filter(pk=pk).first()
    if melding is None:
        raise Http404
    return _checked(
        request, melding, policies.melding_access_basis(request.user, melding), action, "melding", detail, melding=melding
    )


def get_person(request, pk, *, action=Action.READ, detail="", queryset=None):
    from vangnet.persons.models import Person

    qs = queryset if queryset is not None else Person.objects.all()
    person = qs.filter(pk=pk).first()
    if person is None:
        raise Http404
    return _checked(request, person, policies.person_access_basis(request.user, person), action, "persoon", detail, person=person)
