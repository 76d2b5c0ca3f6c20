"""``bewaren.E001``: every bewaartermijn is a whole number of months, not below its floor."""

from typing import Any

from django.core.checks import Error, register


@register("vangnet")
def check_retention_terms(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from .terms import problems

    return [
        Error(
            problem,
            hint="Set the variable to a whole number of months at least the floor (README: What is kept how long).",
            id="bewaren.E001",
        )
        for problem in problems()
    ]
