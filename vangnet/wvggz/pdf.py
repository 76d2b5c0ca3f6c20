"""The request to the officier van justitie as a PDF (reportlab).

"Verzoek aan de officier van justitie om een zorgmachtiging voor te bereiden":
the melding, the person, the findings per question (sources, ernstig nadeel),
the professional's judgement and the conclusion, signed by the organisation.
Text only, in Dutch; the PDF keeps the text extractable so it can be checked."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .deadlines import melding_date
from .questionnaire import display_lines
from .services import answers_by_question, questions_of

TITLE = "Verzoek aan de officier van justitie om een zorgmachtiging voor te bereiden"


def _p(text, style):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def request_pdf(onderzoek, *, today=None) -> bytes:
    melding = onderzoek.melding
    person = melding.person
    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Title"], styles["Heading2"]
    today = today or timezone.localdate()

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=TITLE,
        author=str(onderzoek.organisation),
        subject=onderzoek.reference,
        lang="nl-NL",
    )
    story = [
        _p(TITLE, h1),
        _p(_("Op grond van de Wet verplichte ggz (hoofdstuk 5, verkennend onderzoek door de gemeente)"), body),
        Spacer(1, 4 * mm),
    ]

    if person is not None:
        name = person.display_name
        dob = person.dob_text or _("onbekend")
    else:
        name = melding.betrokkene_name
        dob = melding.date_of_birth.strftime("%d-%m-%Y") if melding.date_of_birth else _("onbekend")
    facts = [
        (_("Kenmerk onderzoek"), onderzoek.reference),
        (_("Kenmerk melding"), melding.reference),
        (_("Datum melding"), melding_date(melding.received_at).strftime("%d-%m-%Y")),
        (_("Betrokkene"), name),
        (_("Geboortedatum"), dob),
        (_("Melder"), melding.get_melder_type_display()),
        (_("Organisatie"), str(onderzoek.organisation)),
        (
            _("Datum besluit"),
            timezone.localdate(onderzoek.decided_at).strftime("%d-%m-%Y") if onderzoek.decided_at else "-",
        ),
        (_("Datum verzoek"), today.strftime("%d-%m-%Y")),
    ]
    table = Table([[_p(k, body), _p(v, body)] for k, v in facts], colWidths=[50 * mm, 120 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999")]))
    story += [table, Spacer(1, 6 * mm), _p(_("Bevindingen van het verkennend onderzoek"), h2)]

    answers = answers_by_question(onderzoek)
    for question in questions_of(onderzoek):
        story.append(_p(question.text, styles["Heading4"]))
        lines = display_lines(question, answers.get(question.pk))
        if not lines:
            story.append(_p(_("Niet beantwoord."), body))
        for line in lines:
            story.append(_p(line, body))
    story += [
        Spacer(1, 8 * mm),
        _p(_("Namens %(org)s, %(date)s.") % {"org": onderzoek.organisation, "date": today.strftime("%d-%m-%Y")}, body),
        _p(_("Vragenlijst versie %(n)d.") % {"n": onderzoek.questionnaire.number}, body),
    ]
    doc.build(story)
    return buffer.getvalue()
