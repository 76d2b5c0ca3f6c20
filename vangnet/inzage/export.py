"""The released inzage as a file: the machine-readable JSON and the PDF, made from the same
resolved export.

JSON, format ``vangnet-inzage`` version 1 (a change of structure raises ``FORMAT_VERSION``)::

    {
      "formaat": "vangnet-inzage", "versie": 1,
      "kenmerk": "INZ-000012", "organisatie": "GGD ...",
      "opgesteld_op": "2026-12-02T10:15+01:00", "vrijgegeven_op": "2026-12-02T11:00+01:00",
      "toelichting": "...",                     # what is in it and what is shielded
      "secties": [                               # always every section, in sources.sources() order
        {"sleutel": "persoon", "titel": "Persoonsgegevens",
         "records": [
           {"titel": "Persoonsgegevens",
            "velden": [{"veld": "surname", "label": "achternaam", "waarde": "Jansen"}, ...]}]},
        ...
      ]
    }

``waarde`` is a string, number, boolean, null or list of strings; dates and times are ISO 8601
in local time. A free text that was shielded reads ``"[afgeschermd: <reden>]"``; the identity of
a melder reads ``"[melder afgeschermd]"``."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Decision, Inzage, ShieldReason

FORMAT = "vangnet-inzage"
FORMAT_VERSION = 1


def shielded_text(reason: str) -> str:
    label = ShieldReason(reason).label if reason in ShieldReason.values else ShieldReason.ANDERS.label
    return _("[afgeschermd: %(reden)s]") % {"reden": label}


def _resolve(value: Any, texts: dict[str, str]) -> Any:
    if isinstance(value, dict) and set(value) == {"vrije_tekst"}:
        return texts.get(value["vrije_tekst"], shielded_text(ShieldReason.ANDERS))
    return value


def resolved(inzage: Inzage) -> dict[str, Any]:
    """The export as released: every free text replaced by its released text or by the
    shielding notice (an undecided item counts as shielded; release requires none)."""
    texts = {
        item.key: item.text if item.decision == Decision.VRIJGEVEN else shielded_text(item.reason)
        for item in inzage.items.all()
    }
    sections = [
        {
            **section,
            "records": [
                {**rec, "velden": [{**f, "waarde": _resolve(f["waarde"], texts)} for f in rec["velden"]]}
                for rec in section["records"]
            ],
        }
        for section in inzage.content.get("secties", [])
    ]
    return {
        "formaat": FORMAT,
        "versie": FORMAT_VERSION,
        "kenmerk": inzage.reference,
        "organisatie": str(inzage.organisation),
        "opgesteld_op": timezone.localtime(inzage.started_at).isoformat(timespec="minutes"),
        "vrijgegeven_op": (
            timezone.localtime(inzage.released_at).isoformat(timespec="minutes") if inzage.released_at else None
        ),
        "toelichting": explanation(),
        "secties": sections,
    }


def explanation() -> str:
    return _(
        "Dit is een overzicht van de gegevens die onze organisatie in Vangnet over u heeft "
        "(artikel 15 AVG). Wie een melding over u deed, blijft afgeschermd. Teksten die gegevens "
        "van anderen bevatten, kunnen zijn afgeschermd; de reden staat op die plek. Medewerkers "
        "staan in het toegangslog met hun rol en organisatie en een nummer."
    )


def as_json(export: dict[str, Any]) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=2).encode("utf-8")


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def as_pdf(export: dict[str, Any]) -> bytes:
    """A readable, tagged-free A4 document of the same export (reportlab's platypus)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]

    def para(text: str, style: Any = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    story: list[Any] = [
        para(_("Inzage %(ref)s") % {"ref": export["kenmerk"]}, styles["Title"]),
        para(_("Organisatie: %(org)s") % {"org": export["organisatie"]}),
        para(_("Opgesteld op: %(at)s") % {"at": _text(export["opgesteld_op"])}),
        para(_("Vrijgegeven op: %(at)s") % {"at": _text(export["vrijgegeven_op"])}),
        Spacer(1, 4 * mm),
        para(export["toelichting"]),
    ]
    for section in export["secties"]:
        story += [Spacer(1, 6 * mm), para(section["titel"], styles["Heading2"])]
        if not section["records"]:
            story.append(para(_("Geen gegevens.")))
        for rec in section["records"]:
            story.append(para(rec["titel"], styles["Heading4"]))
            rows = [[para(f["label"]), para(_text(f["waarde"]))] for f in rec["velden"]]
            table = Table(rows, colWidths=[55 * mm, 115 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                    ]
                )
            )
            story.append(table)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Inzage %(ref)s") % {"ref": export["kenmerk"]},
        author=export["organisatie"],
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
