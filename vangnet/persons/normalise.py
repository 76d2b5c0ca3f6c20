"""Moved to ``vangnet.persons.matching.names``; kept only until the last import is updated."""

from .matching.names import fold, given_key, surname_key  # noqa: F401
