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
