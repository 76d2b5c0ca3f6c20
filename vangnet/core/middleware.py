from django.conf import settings
from django.utils import translation


class ExplicitLanguageMiddleware:
    """Dutch unless the user chose otherwise (the language switcher's cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Dutch professionals run an English browser, and a public-sector tool
    should not switch language on them unasked."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


NO_STORE = "no-store, private"


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` becomes ``camera=()``; ``{"fullscreen": ["self"]}`` ``fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


class SecurityHeadersMiddleware:
    """Headers Django does not send by itself.

    - ``Cache-Control: no-store, private`` on every answer to a logged-in user
      (pages, HTMX fragments, API answers, PDF and CSV downloads): personal data
      must not stay behind in a browser or proxy cache on a shared computer.
      It replaces whatever a view set, because a view cannot know better.
    - ``Permissions-Policy`` (settings.PERMISSIONS_POLICY): camera, microphone,
      geolocation and the like are switched off for every page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        # Static files are answered before authentication ran: no user, nothing personal.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
