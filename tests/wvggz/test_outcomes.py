import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import MeldingFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember, Casus
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.triage.services import decide as triage_decide
from vangnet.wvggz import services
from vangnet.wvggz.models import Alternative, MelderInformedHow, Onderzoek, Outcome, Status
from vangnet.wvggz.pdf import TITLE, request_pdf

from .helpers import BEHAVIOUR, DISORDER, JUDGEMENT, answer_all, full_answers, local, make_onderzoek


def test_triage_wvggz_opens_the_onderzoek_with_its_deadline(ggd, users):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], received_at=local(2026, 1, 31, 23, 30))
    triage_decide(
        melding,
        by=users["meldpunt"],
        outcome="wvggz",
        acute_danger="nee",
        already_in_care="onbekend",
        known_to_partners="onbekend",
    )
    onderzoek = Onderzoek.objects.get(melding=melding)
    assert onderzoek.deadline == datetime.date(2026, 2, 14)
    assert onderzoek.organisation == ggd and onderzoek.status == Status.OPEN
    assert onderzoek.person == melding.person and onderzoek.reference.startswith("W-")
    assert users["teamleider"].notifications.filter(text__contains=onderzoek.reference).exists()
    assert AccessLog.objects.filter(action="C", object_type="wvggz-onderzoek", melding_id=str(melding.pk)).exists()


def test_other_triage_outcomes_open_nothing(ggd, users):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"])
    triage_decide(
        melding,
        by=users["meldpunt"],
        outcome="geen_actie",
        reason="Geen zorgen",
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
    )
    assert not Onderzoek.objects.exists()


def test_assigning_is_for_the_teamleider_of_the_organisation(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"])
    for name in ("bemoeizorger", "meldpunt", "other_teamleider"):
        with pytest.raises(ValidationError):
            services.assign_workers(onderzoek, lead=users["bemoeizorger"], by=users[name])
    with pytest.raises(ValidationError):  # a meldpunt worker cannot be an onderzoeker
        services.assign_workers(onderzoek, lead=users["meldpunt"], by=users["teamleider"])
    with pytest.raises(ValidationError):  # nor someone of another organisation
        services.assign_workers(
            onderzoek, lead=users["bemoeizorger"], others=[users["other_teamleider"]], by=users["teamleider"]
        )
    services.assign_workers(onderzoek, lead=users["bemoeizorger"], others=[users["consultant"]], by=users["teamleider"])
    assert onderzoek.lead == users["bemoeizorger"]
    assert set(onderzoek.workers.all()) == {users["bemoeizorger"], users["consultant"]}
    assert users["consultant"].notifications.filter(text__contains="toegewezen").exists()


def test_aanvraag_needs_the_required_answers(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    assert "verplichte vragen" in str(exc.value)
    answer_all(onderzoek, users["bemoeizorger"])
    services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    onderzoek.refresh_from_db()
    assert onderzoek.status == Status.AFGEROND and onderzoek.outcome == Outcome.AANVRAAG
    assert onderzoek.decided_by == users["bemoeizorger"] and onderzoek.decided_at
    # Closed: answers are fixed, a second decision is refused.
    with pytest.raises(ValidationError):
        services.save_answers(onderzoek, full_answers(onderzoek), by=users["bemoeizorger"])
    with pytest.raises(ValidationError):
        services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.GEEN_AANVRAAG)
    services.record_request_sent(onderzoek, sent_at=timezone.now(), by=users["bemoeizorger"])
    onderzoek.refresh_from_db()
    assert onderzoek.request_sent_at is not None


def test_request_sent_rules(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    answer_all(onderzoek, users["bemoeizorger"])
    services.decide(
        onderzoek,
        by=users["bemoeizorger"],
        outcome=Outcome.GEEN_AANVRAAG,
        alternative=Alternative.GEEN_ACTIE,
        reason="Betrokkene is inmiddels opgenomen.",
    )
    with pytest.raises(ValidationError):  # no request was decided
        services.record_request_sent(onderzoek, sent_at=timezone.now(), by=users["bemoeizorger"])
    other = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    answer_all(other, users["bemoeizorger"])
    services.decide(other, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    with pytest.raises(ValidationError):
        services.record_request_sent(
            other, sent_at=timezone.now() + datetime.timedelta(days=2), by=users["bemoeizorger"]
        )
    with pytest.raises(ValidationError):
        services.record_request_sent(other, sent_at=timezone.now(), by=users["duo"])


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({}, "alternative"),
        ({"alternative": "geen_actie"}, "reason"),
        ({"alternative": "doorverwijzing", "reason": "Vrijwillig"}, "referred_to"),
        ({"alternative": "bemoeizorg_casus", "reason": "Vrijwillig"}, "casusregisseur"),
    ],
)
def test_geen_aanvraag_needs_alternative_and_reason(ggd, users, kwargs, field):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.GEEN_AANVRAAG, **kwargs)
    assert field in exc.value.error_dict
    onderzoek.refresh_from_db()
    assert onderzoek.status == Status.OPEN


def test_geen_aanvraag_with_bemoeizorg_starts_the_casus(ggd, users, team):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    services.decide(
        onderzoek,
        by=users["bemoeizorger"],
        outcome=Outcome.GEEN_AANVRAAG,
        alternative=Alternative.BEMOEIZORG_CASUS,
        reason="Betrokkene laat bemoeizorg toe.",
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"]],
        team=team,
    )
    onderzoek.refresh_from_db()
    casus = Casus.objects.get()
    assert onderzoek.casus == casus and casus.person == onderzoek.person and casus.organisation == ggd
    assert casus.casusregisseur == users["bemoeizorger"]
    assert CaseMember.objects.filter(casus=casus, user=users["duo"]).exists()
    assert onderzoek.melding.casus == casus
    assert AccessLog.objects.filter(action="C", object_type="casus", casus_id=str(casus.pk)).exists()


def test_bemoeizorg_regisseur_of_other_org_refused(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    with pytest.raises(ValidationError) as exc:
        services.decide(
            onderzoek,
            by=users["bemoeizorger"],
            outcome=Outcome.GEEN_AANVRAAG,
            alternative=Alternative.BEMOEIZORG_CASUS,
            reason="x",
            casusregisseur=users["other_teamleider"],
        )
    assert "casusregisseur" in exc.value.error_dict
    assert not Casus.objects.exists()


def test_concurrent_decision_is_refused(ggd, users):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"], others=[users["duo"]])
    seen = onderzoek.version
    services.decide(
        onderzoek,
        by=users["bemoeizorger"],
        outcome=Outcome.GEEN_AANVRAAG,
        alternative="geen_actie",
        reason="a",
        expected_version=seen,
    )
    stale = Onderzoek.objects.get(pk=onderzoek.pk)
    stale.status = Status.OPEN  # as the second worker saw it
    with pytest.raises(ConcurrentEditError):
        services.decide(
            stale,
            by=users["duo"],
            outcome=Outcome.GEEN_AANVRAAG,
            alternative="geen_actie",
            reason="b",
            expected_version=seen,
        )
    assert Onderzoek.objects.get(pk=onderzoek.pk).reason == "a"


# --- melder ---------------------------------------------------------------------------


def _decided(ggd, users, outcome, **kwargs):
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"], **kwargs)
    answer_all(onderzoek, users["bemoeizorger"])
    extra = (
        {}
        if outcome == Outcome.AANVRAAG
        else {"alternative": "bemoeizorg_casus", "reason": JUDGEMENT, "casusregisseur": users["bemoeizorger"]}
    )
    services.decide(onderzoek, by=users["bemoeizorger"], outcome=outcome, **extra)
    onderzoek.refresh_from_db()
    return onderzoek


@pytest.mark.parametrize("outcome", [Outcome.AANVRAAG, Outcome.GEEN_AANVRAAG])
def test_letter_has_no_medical_detail(ggd, users, outcome):
    onderzoek = _decided(
        ggd, users, outcome, melder_name="Mevrouw Jansen", description="Hij hoort stemmen en eet niet meer."
    )
    letter = services.melder_letter(onderzoek)
    assert "Beste Mevrouw Jansen" in letter and onderzoek.melding.reference in letter
    assert "01-03-2026" in letter and str(ggd) in letter
    forbidden = [
        BEHAVIOUR,
        JUDGEMENT,
        DISORDER,
        "psychotisch",
        "stemmen",
        "Dr. R. de Psychiater",
        "psychiater",
        onderzoek.person.surname,
        onderzoek.melding.description,
    ]
    for value in full_answers(onderzoek).values():
        if isinstance(value, str) and len(value) > 3:
            forbidden.append(value)
    for text in forbidden:
        assert text.lower() not in letter.lower(), text
    if outcome == Outcome.GEEN_AANVRAAG:
        assert (
            "officier van justitie niet heeft gevraagd" in letter
            and "zelf wenden tot de officier van justitie" in letter
            and "5:7" in letter
        )
    else:
        assert "heeft gevraagd een zorgmachtiging voor te bereiden" in letter and "5:7" not in letter


def test_anonymous_melder_letter_has_no_name(ggd, users):
    onderzoek = _decided(ggd, users, Outcome.AANVRAAG, melder_name="Piet", melder_anonymous=True)
    assert "Piet" not in services.melder_letter(onderzoek)


def test_record_melder_informed(ggd, users):
    open_one = make_onderzoek(ggd, users["meldpunt"], lead=users["bemoeizorger"])
    with pytest.raises(ValidationError):  # not decided yet
        services.record_melder_informed(
            open_one, how="brief", informed_at=timezone.now(), message="x", by=users["bemoeizorger"]
        )
    onderzoek = _decided(ggd, users, Outcome.GEEN_AANVRAAG)
    with pytest.raises(ValidationError):  # the text as sent is required
        services.record_melder_informed(
            onderzoek, how="brief", informed_at=timezone.now(), message="", by=users["bemoeizorger"]
        )
    letter = services.melder_letter(onderzoek)
    services.record_melder_informed(
        onderzoek, how=MelderInformedHow.BRIEF, informed_at=timezone.now(), message=letter, by=users["bemoeizorger"]
    )
    onderzoek.refresh_from_db()
    assert onderzoek.melder_message == letter and onderzoek.melder_informed_how == "brief"
    assert onderzoek.melder_informed_at and onderzoek.melder_informed_by == users["bemoeizorger"]


def test_melder_not_informed_anonymous(ggd, users):
    onderzoek = _decided(
        ggd, users, Outcome.GEEN_AANVRAAG, melder_name="", melder_phone="", melder_email="", melder_wants_feedback=True
    )
    assert services.melder_reachability(onderzoek.melding) == MelderInformedHow.NIET_ANONIEM
    services.record_melder_informed(
        onderzoek, how=MelderInformedHow.NIET_ANONIEM, informed_at=None, message="ignored", by=users["bemoeizorger"]
    )
    onderzoek.refresh_from_db()
    assert onderzoek.melder_informed_how == "niet_anoniem" and onderzoek.melder_message == ""


# --- PDF ------------------------------------------------------------------------------


def test_request_pdf_contains_the_key_fields(ggd, users):
    onderzoek = _decided(ggd, users, Outcome.AANVRAAG)
    data = request_pdf(onderzoek, today=datetime.date(2026, 3, 10))
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert reader.metadata.title == TITLE
    for expected in [
        "Verzoek aan de officier van justitie om een zorgmachtiging voor te bereiden",
        onderzoek.reference,
        onderzoek.melding.reference,
        "01-03-2026",  # melding date
        "Jan Visser",
        "17-05-1970",  # person and date of birth
        "Betrokkene zelf",
        "Huisarts / POH-GGZ",
        "Politie / wijkagent",  # sources
        "Huisarts dr. Bakker gebeld op 3 maart.",
        "Levensgevaar",
        "Ernstige verwaarlozing of maatschappelijke teloorgang",  # ernstig nadeel
        "Dr. R. de Psychiater",
        "Psychiater",
        "05-03-2026",
        JUDGEMENT,  # professional
        "Verplichte zorg lijkt nodig",  # conclusion
        str(ggd),
        "10-03-2026",
    ]:
        assert " ".join(expected.split()) in text, expected


# --- called directly: each service writes its own access-log row ------------------


def test_services_called_without_a_request_write_one_row_each(ggd, users):
    tl, bz = users["teamleider"], users["bemoeizorger"]
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], status="getrieerd")
    kind = "wvggz-onderzoek"
    with new_rows() as rows:
        onderzoek = services.open_onderzoek(melding, by=users["meldpunt"], context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], users["meldpunt"], action="C", object_type=kind, melding=melding)
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.assign_workers(onderzoek, lead=users["meldpunt"], by=tl, context=CONTEXT)
    assert rows == [] and "lead" in exc.value.error_dict
    with new_rows() as rows:
        services.assign_workers(onderzoek, lead=bz, by=tl, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], tl, action="U", object_type=kind, melding=melding)
    with new_rows() as rows:
        services.save_answers(onderzoek, full_answers(onderzoek), by=bz, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], bz, action="U", object_type=kind, melding=melding)
    onderzoek.refresh_from_db()
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.decide(onderzoek, by=bz, outcome="", context=CONTEXT)
    assert rows == [] and "outcome" in exc.value.error_dict
    with new_rows() as rows:
        services.decide(onderzoek, by=bz, outcome=Outcome.AANVRAAG, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], bz, action="U", object_type=kind, melding=melding)
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.record_request_sent(
            onderzoek, sent_at=timezone.now() + datetime.timedelta(days=2), by=bz, context=CONTEXT
        )
    assert rows == [] and "sent_on" in exc.value.error_dict
    with new_rows() as rows:
        services.record_request_sent(onderzoek, sent_at=timezone.now(), by=bz, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], bz, action="U", object_type=kind, melding=melding)
    with new_rows() as rows:
        services.record_melder_informed(
            onderzoek,
            how=MelderInformedHow.BRIEF,
            informed_at=timezone.now(),
            message="Brief verstuurd.",
            by=bz,
            context=CONTEXT,
        )
    assert len(rows) == 1
    assert_row(rows[0], bz, action="U", object_type=kind, melding=melding)


def test_decision_that_starts_a_casus_writes_the_casus_row_too(ggd, users):
    bz = users["bemoeizorger"]
    onderzoek = make_onderzoek(ggd, users["meldpunt"], lead=bz)
    with new_rows() as rows:
        services.decide(
            onderzoek,
            by=bz,
            outcome=Outcome.GEEN_AANVRAAG,
            alternative="bemoeizorg_casus",
            reason="Vrijwillige zorg lukt",
            casusregisseur=bz,
            context=CONTEXT,
        )
    onderzoek.refresh_from_db()
    assert [(r.action, r.object_type) for r in rows] == [("C", "casus"), ("U", "wvggz-onderzoek")]
    assert_row(rows[0], bz, action="C", object_type="casus", casus=onderzoek.casus)
    assert_row(rows[1], bz, action="U", object_type="wvggz-onderzoek", melding=onderzoek.melding)
