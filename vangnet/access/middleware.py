"""A REFUSED access-log row for every 403 an authenticated user gets.

The guards and ``role_required`` write their own (more precise) row; this
middleware catches the rest: a view's own ``raise PermissionDenied`` and the
403 answers of the API (DRF handles its exceptions itself and marks the
response). ``guards.log_refusal`` writes at most one row per request."""

from django.core.exceptions import PermissionDenied

from . import guards


def _authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class RefusalLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # DRF turns PermissionDenied/NotAuthenticated into a response with ``exception`` set.
        if response.status_code == 403 and getattr(response, "exception", False) and _authenticated(request):
            guards.log_role_refusal(request, reason=guards.REASON_NOT_ALLOWED)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied) and _authenticated(request):
            guards.log_role_refusal(request, reason=guards.REASON_NOT_ALLOWED)
        return
