"""System checks of the access log's configuration.

``vangnet.audit.E001``: the access log's own term
(VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN) must be at least 5 years, the
minimum of NEN 7513. The database trigger of migration 0007 has the same floor
hard-coded, so a shorter setting could not delete younger rows anyway; the check
says so at start-up instead of at the first prune."""

from django.conf import settings
from django.core.checks import Error, register

NEN_7513_MINIMUM_YEARS = 5


@register("vangnet")
def check_access_log_term(app_configs: object = None, **kwargs: object) -> list[Error]:
    years = settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN
    if isinstance(years, int) and years >= NEN_7513_MINIMUM_YEARS:
        return []
    return [
        Error(
            f"VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN is {years!r}: the access log must be kept at least "
            f"{NEN_7513_MINIMUM_YEARS} years (NEN 7513).",
            hint=f"Set VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN to {NEN_7513_MINIMUM_YEARS} or more.",
            id="vangnet.audit.E001",
        )
    ]
