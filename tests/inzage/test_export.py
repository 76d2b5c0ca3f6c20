"""What an inzage contains: every source, the melders' identity never (also not inside a free
text), a shielded text never; the same in the JSON and in the PDF (read back with pypdf)."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import CasusFactory, MeldingFactory
from vangnet.inzage import export, sources
from vangnet.inzage.models import Decision

from .conftest import release_all, start
from .story import ATTEMPT_NOTE, MELDER, MELDER_EMAIL, MELDER_PHONE, NAASTE_MELDER, NOTE, PERSON_SURNAME

pytestmark = pytest.mark.django_db

MELDER_TRACES = [
    MELDER,
    "Oosterhout",
    "Wilhelmina",
    MELDER_PHONE,
    "0698765432",
    MELDER_EMAIL,
    "nummer 12",
    NAASTE_MELDER,
]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def section(data, key):
    [found] = [s for s in data["secties"] if s["sleutel"] == key]
    return found


def values(sec) -> list:
    return [f["waarde"] for r in sec["records"] for f in r["velden"]]


@pytest.fixture
def released(story, users):
    inzage = start(story["person"], users["teamleider"])
    return release_all(inzage, users["teamleider"])


def test_every_source_is_in_the_json(released):
    data = json.loads(export.as_json(export.resolved(released)))
    assert (data["formaat"], data["versie"]) == ("vangnet-inzage", 1)
    assert [s["sleutel"] for s in data["secties"]] == [s.key for s in sources.sources()]
    for sec in data["secties"]:
        assert sec["records"], f"the story has data for {sec['sleutel']}"
    flat = json.dumps(data, ensure_ascii=False)
    assert PERSON_SURNAME in flat
    assert "Ik wil mijn huis houden" in flat  # plan
    assert "Huurachterstand" in flat  # leefgebieden
    assert "De Herberg" in flat  # wachtlijst
    assert "Crisisdienst gebeld" in flat  # crisis
    assert "Veiligheidshuis" in flat  # verwijzing
    assert "Melding van overlast bij de woning" in flat  # in-beeldvraag
    assert "Zus Annelies" in flat  # naaste
    assert "Hij wil nu zelf hulp" in flat  # the reason of the task change
    assert "Niets delen met de verhuurder" in flat  # his objection
    assert "Mijn geboortedatum klopt niet" in flat  # his request
    assert any(v == "Psychische problemen" or v == ["Psychische problemen"] for v in values(section(data, "meldingen")))
    assert (
        section(data, "wvggz")["records"][0]["velden"][0]["waarde"]
        == released.person.meldingen.get(is_wvggz=True).wvggz_onderzoek.reference
    )


def test_the_melder_is_absent_from_json_and_pdf_also_inside_free_text(released):
    data = export.resolved(released)
    flat = export.as_json(data).decode()
    text = pdf_text(export.as_pdf(data))
    for trace in MELDER_TRACES:
        assert trace.lower() not in flat.lower(), trace
        assert trace.lower() not in text.lower(), trace
    assert PERSON_SURNAME in text and "Henk" in text
    assert sources.MELDER_REDACTED in flat
    # The note named the melder and her number: both replaced, the rest kept.
    assert NOTE.replace("Oosterhout", sources.MELDER_REDACTED).replace("0698765432", sources.MELDER_REDACTED) in flat
    assert "zegt dat hij 's nachts loopt" in flat and ATTEMPT_NOTE not in flat


def test_a_shielded_text_is_absent_and_says_why(story, users):
    inzage = start(story["person"], users["teamleider"])
    key = inzage.items.get(text__startswith="Mevrouw").key
    release_all(inzage, users["teamleider"], shield={key})
    data = export.resolved(inzage)
    for rendered in (export.as_json(data).decode(), pdf_text(export.as_pdf(data))):
        assert "balkon te roepen" not in rendered
        assert "[afgeschermd: gegevens van anderen]" in rendered


def test_only_the_organisations_own_records_are_in_it(story, users, other_org):
    """Another organisation's casus and melding of the same person are theirs to give."""
    theirs = CasusFactory(organisation=other_org, person=story["person"], reference="C-ANDER-1")
    # Also not when the teamleider is a member of that casus.
    theirs.members.create(user=users["teamleider"], role="duo")
    MeldingFactory(meldpunt=other_org, person=story["person"], reference="M-ANDER-1", description="Andere GGD")
    inzage = start(story["person"], users["teamleider"])
    flat = json.dumps(inzage.content)
    assert "C-ANDER-1" not in flat and "M-ANDER-1" not in flat
    assert story["casus"].reference in flat


def test_the_access_log_names_roles_not_workers(released, users):
    data = export.resolved(released)
    log = section(data, "toegangslog")
    flat = json.dumps(log, ensure_ascii=False)
    assert users["duo"].username not in flat and str(users["duo"]) not in flat
    workers = {f["waarde"] for r in log["records"] for f in r["velden"] if f["veld"] == "worker"}
    assert "medewerker 1" in workers
    roles = {f["waarde"] for r in log["records"] for f in r["velden"] if f["veld"] == "role"}
    assert "Bemoeizorger" in roles


def test_undecided_texts_are_not_released_content(story, users):
    """Before release the resolved export shields every undecided text (and the views refuse it)."""
    inzage = start(story["person"], users["teamleider"])
    assert inzage.items.filter(decision=Decision.OPEN).exists()
    flat = export.as_json(export.resolved(inzage)).decode()
    assert "balkon te roepen" not in flat


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Wilhelmina Oosterhout belde", "[melder afgeschermd] belde"),
        ("mevrouw OOSTERHOUT belde", "mevrouw [melder afgeschermd] belde"),
        ("nummer 06 98 76 54 32 gebeld", "nummer [melder afgeschermd] gebeld"),
        ("de buurvrouw van de overkant", "de buurvrouw van de overkant"),
        ("Oosterhoutse weg", "Oosterhoutse weg"),
    ],
)
def test_redactor(text, expected):
    redact = sources.Redactor(["Wilhelmina van Oosterhout"], phones=["06-98765432"])
    assert redact(text) == expected


def test_a_partner_melder_reading_her_melding_is_shielded_in_the_access_log(story, users, login):
    """The police reported and read the status of their melding: that row does not name them."""
    from tests.factories import MeldingFactory as Melding

    partner = users["partner"]
    own = Melding(meldpunt=story["casus"].organisation, created_by=partner, person=story["person"], channel="politie")
    assert login(partner).get(reverse("intake:partner_detail", args=[own.pk])).status_code == 200
    inzage = start(story["person"], users["teamleider"])
    log = json.dumps(section(inzage.content, "toegangslog"), ensure_ascii=False)
    assert str(partner.organisation) not in log
    assert sources.MELDER_REDACTED in log
