from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from vangnet.access import policies


class IsVerifiedUser(BasePermission):
    """Authenticated and passed two-factor authentication."""

    message = _("U bent niet ingelogd met tweestapsverificatie.")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_verified())


class IsNetworkPartner(BasePermission):
    """Only network partners (police, housing corporation, ...) with an organisation.

    Staff of the meldpunt and care teams work in the web application, and the
    functioneel beheerder never handles personal data: they get 403 here."""

    message = _("Deze API is alleen voor netwerkpartners.")

    def has_permission(self, request, view):
        return policies.can_submit_partner_melding(request.user)
