"""Person page helpers: masking, the related records a user may see, and their logging."""

from collections import defaultdict

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from vangnet.access import policies
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_list_access

PERSON_DETAIL = "persoonspagina"


def mask_bsn(bsn: str) -> str:
    """Only the last three digits are shown: '******123'."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 3) + bsn[-3:]


def safe_reverse(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def related_records(user, person) -> tuple[list, list]:
    """The meldingen and casussen about this person the user may see, each with its basis."""
    meldingen = list(
        policies.visible_meldingen(user, person.meldingen.all()).select_related("meldpunt", "casus", "person")
        .order_by("-received_at")
    )
    casussen = list(
        policies.visible_casussen(user, person.casussen.all()).select_related("organisation", "person", "casusregisseur")
        .order_by("-opened_at")
    )
    melding_rows = [
        {"obj": m, "basis": policies.melding_access_basis(user, m), "url": safe_reverse("intake:detail", m.pk)}
        for m in meldingen
    ]
    casus_rows = [
        {"obj": c, "basis": policies.casus_access_basis(user, c), "url": safe_reverse("cases:detail", c.pk)}
        for c in casussen
    ]
    return melding_rows, casus_rows


def log_related_records(request, melding_rows, casus_rows) -> None:
    """A list of references is a read of each; grouped by basis so break-glass rows are flagged."""
    groups = defaultdict(lambda: {"meldingen": [], "casussen": []})
    for row in melding_rows:
        groups[row["basis"]]["meldingen"].append(row["obj"])
    for row in casus_rows:
        groups[row["basis"]]["casussen"].append(row["obj"])
    for basis, objs in groups.items():
        log_list_access(
            request,
            meldingen=objs["meldingen"],
            casussen=objs["casussen"],
            detail=PERSON_DETAIL,
            reason=basis or "",
            break_glass=basis == policies.BASIS_BREAK_GLASS,
        )


def access_log_for_person(person):
    """Every access-log row about this person: by person id, and by the ids of
    their meldingen and casussen (rows written before the melding was linked)."""
    melding_ids = [str(pk) for pk in person.meldingen.values_list("pk", flat=True)]
    casus_ids = [str(pk) for pk in person.casussen.values_list("pk", flat=True)]
    cond = Q(person_id=str(person.pk))
    if melding_ids:
        cond |= Q(melding_id__in=melding_ids)
    if casus_ids:
        cond |= Q(casus_id__in=casus_ids)
    return AccessLog.objects.filter(cond).order_by("-timestamp", "-id")
