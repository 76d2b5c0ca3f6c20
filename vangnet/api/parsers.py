"""Request parsers of the API: bad input is a 400 with a Dutch message, never a 500."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

INVALID_JSON = _("De inhoud is geen geldige JSON.")
TOO_DEEP = _("De JSON is te diep genest.")


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with Dutch messages and with deeply nested input
    (``[[[[...]]]]``) refused: Python's json module then raises RecursionError,
    which DRF does not catch."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as error:
            raise ParseError(INVALID_JSON) from error
        except RecursionError as error:
            raise ParseError(TOO_DEEP) from error
