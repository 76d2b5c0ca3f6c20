"""The triage screen: permissions, the 'is this person known?' section, the decision form."""

import pytest
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.cases.models import Casus, Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake.models import Melding
from vangnet.persons.models import Person
from vangnet.triage.models import TriageDecision

from .conftest import decision_post

CONFLICT = str(ConcurrentEditError.message)


def url(melding):
    return reverse("triage:melding", args=[melding.pk])


def fields_url(melding):
    return reverse("triage:decision_fields", args=[melding.pk])


# --- permissions -------------------------------------------------------------


@pytest.mark.parametrize("role", ["meldpunt", "teamleider"])
def test_meldpunt_and_teamleider_of_the_meldpunt_get_the_screen(login, users, melding, role):
    response = login(users[role]).get(url(melding))
    assert response.status_code == 200
    assert "Is deze persoon al bekend?" in response.content.decode()


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant", "partner", "beheerder"])
def test_other_roles_are_refused_with_403(login, users, melding, role):
    client = login(users[role])
    assert client.get(url(melding)).status_code == 403
    assert client.post(url(melding), decision_post(melding)).status_code == 403
    assert client.post(fields_url(melding), {"outcome": "bemoeizorg"}).status_code == 403
    assert not TriageDecision.objects.exists()


@pytest.mark.parametrize("role", ["other_meldpunt", "other_teamleider"])
def test_other_organisation_gets_404(login, users, melding, role):
    client = login(users[role])
    assert client.get(url(melding)).status_code == 404
    assert client.post(url(melding), decision_post(melding)).status_code == 404
    assert client.post(fields_url(melding), {"outcome": "bemoeizorg"}).status_code == 404
    assert not TriageDecision.objects.exists()
    # Three refusals, three REFUSED rows; nothing read.
    assert list(AccessLog.objects.filter(melding_id=str(melding.pk)).values_list("action", flat=True)) == ["G"] * 3


def test_anonymous_is_sent_to_login(client, melding):
    response = client.get(url(melding))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unknown_melding_is_404(login, users):
    assert login(users["meldpunt"]).get(reverse("triage:melding", args=[999999])).status_code == 404


# --- the screen and the access log --------------------------------------------


def test_screen_shows_melding_candidates_and_logs_search_and_reads(login, users, ggd, other_org, melding, known_person):
    melding.urgency_indicators = ["kinderen"]
    melding.save()
    own_old = MeldingFactory(meldpunt=ggd, person=known_person, reference="M-EIGEN-1")
    casus = CasusFactory(
        person=known_person, organisation=ggd, casusregisseur=users["bemoeizorger"], reference="C-EIGEN-1"
    )
    MeldingFactory(meldpunt=other_org, person=known_person, reference="M-ANDER-1")
    CasusFactory(person=known_person, organisation=other_org, reference="C-ANDER-1")

    response = login(users["meldpunt"]).get(url(melding))
    html = response.content.decode()

    assert melding.description in html
    assert "Kinderen betrokken" in html and "Urgent" in html
    # The matcher's verdict and the fields that agree ("overeenkomsten") are shown.
    assert "Berg" in html and "achternaam gelijk" in html and "geboortedatum gelijk" in html
    assert "Overeenkomsten" in html and "dezelfde persoon" in html
    assert "M-EIGEN-1" in html and "C-EIGEN-1" in html
    assert "Contact leggen" in html and str(users["bemoeizorger"]) in html
    assert "M-ANDER-1" not in html and "C-ANDER-1" not in html
    # Nothing is linked automatically: with a candidate there is no default choice.
    assert response.context["form"]["person"].value() is None

    logs = AccessLog.objects.filter(username="meldpunt")
    assert logs.filter(action="E", melding_id=str(melding.pk)).count() == 1
    assert logs.filter(action="R", object_type="persoon", person_id=str(known_person.pk)).exists()
    assert logs.filter(action="R", object_type="melding", melding_id=str(own_old.pk)).exists()
    assert logs.filter(action="R", object_type="casus", casus_id=str(casus.pk)).exists()
    assert logs.filter(action="R", object_type="melding", melding_id=str(melding.pk)).exists()


def test_without_candidates_new_person_is_the_default(login, users, melding):
    response = login(users["meldpunt"]).get(url(melding))
    assert response.context["form"]["person"].value() == "nieuw"
    assert "Geen bekende personen gevonden" in response.content.decode()
    assert AccessLog.objects.filter(action="E", melding_id=str(melding.pk)).count() == 1


# --- outcomes via the form ------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        ("geen_actie", "Geef een reden waarom er geen actie volgt."),
        ("advies", "Beschrijf het advies aan de melder."),
        ("doorverwijzen", "Vul in naar wie is doorverwezen."),
        ("bemoeizorg", "Kies een casusregisseur om bemoeizorg te starten."),
    ],
)
def test_missing_required_answer_shows_dutch_error(login, users, melding, outcome, message):
    response = login(users["meldpunt"]).post(url(melding), decision_post(melding, outcome=outcome, reason=""))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Melding.objects.get(pk=melding.pk).status == Melding.Status.TE_TRIEREN


def test_risk_questions_are_required(login, users, melding):
    data = decision_post(melding, acute_danger=None, already_in_care=None, known_to_partners=None)
    html = login(users["meldpunt"]).post(url(melding), data).content.decode()
    assert "Beantwoord de vraag of er acuut gevaar is." in html
    assert "Beantwoord de vraag of de betrokkene al in zorg is." in html
    assert "Beantwoord de vraag of de betrokkene bekend is bij partners." in html


@pytest.mark.parametrize(
    ("outcome", "extra"),
    [
        ("geen_actie", {}),
        ("advies", {"reason": "Bel de huisarts."}),
        ("doorverwijzen", {"referred_to": "Wijkteam Noord"}),
        (
            "crisisdienst",
            {"reason": "", "crisis_service": "GGZ-crisisdienst Noord", "crisis_called_at": "2026-03-01T10:30"},
        ),
    ],
)
def test_outcome_without_casus_redirects_to_melding(login, users, melding, outcome, extra):
    response = login(users["meldpunt"]).post(url(melding), decision_post(melding, outcome=outcome, **extra))
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:detail", args=[melding.pk])
    melding.refresh_from_db()
    assert melding.status == Melding.Status.GETRIEERD
    assert TriageDecision.objects.get(melding=melding).outcome == outcome
    assert AccessLog.objects.filter(action="U", object_type="melding", melding_id=str(melding.pk)).exists()
    assert AccessLog.objects.filter(action="C", object_type="persoon", person_id=str(melding.person_id)).exists()


def test_bemoeizorg_redirects_to_the_new_casus(login, users, melding, team):
    data = decision_post(
        melding, outcome="bemoeizorg", casusregisseur=users["bemoeizorger"].pk, duo=[users["duo"].pk], team=team.pk
    )
    response = login(users["meldpunt"]).post(url(melding), data)
    casus = Casus.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[casus.pk])
    assert casus.casusregisseur == users["bemoeizorger"]
    assert casus.team == team
    assert set(casus.members.values_list("user__username", flat=True)) == {"bemoeizorger", "duo"}
    assert AccessLog.objects.filter(action="C", object_type="casus", casus_id=str(casus.pk)).exists()


def test_confirming_a_candidate_links_that_person(login, users, melding, known_person):
    data = decision_post(melding, person=known_person.pk, outcome="wvggz")
    response = login(users["meldpunt"]).post(url(melding), data)
    assert response.status_code == 302
    assert Melding.objects.get(pk=melding.pk).person == known_person
    assert Person.objects.count() == 1


def test_choosing_new_person_despite_candidate_creates_one(login, users, melding, known_person):
    login(users["meldpunt"]).post(url(melding), decision_post(melding, person="nieuw", outcome="wvggz"))
    person = Melding.objects.get(pk=melding.pk).person
    assert person != known_person
    assert Person.objects.count() == 2


def test_with_candidates_a_person_choice_is_required(login, users, melding, known_person):
    response = login(users["meldpunt"]).post(url(melding), decision_post(melding, person=None, outcome="wvggz"))
    assert "Kies een bekende persoon of" in response.content.decode()
    assert Melding.objects.get(pk=melding.pk).person is None


def test_a_person_that_is_not_a_candidate_cannot_be_linked(login, users, melding, known_person):
    from tests.factories import PersonFactory

    stranger = PersonFactory()
    response = login(users["meldpunt"]).post(url(melding), decision_post(melding, person=stranger.pk, outcome="wvggz"))
    assert response.status_code == 200
    assert Melding.objects.get(pk=melding.pk).person is None


def test_regisseur_of_other_organisation_is_not_a_choice(login, users, melding):
    data = decision_post(melding, outcome="bemoeizorg", casusregisseur=users["other_teamleider"].pk)
    response = login(users["meldpunt"]).post(url(melding), data)
    assert response.status_code == 200
    assert response.context["form"].errors["casusregisseur"]
    assert not Casus.objects.exists()


def test_regisseur_choices_are_active_case_workers_of_own_organisation(login, users, melding):
    users["duo"].is_active = False
    users["duo"].save()
    form = login(users["meldpunt"]).get(url(melding)).context["form"]
    names = set(form.fields["casusregisseur"].queryset.values_list("username", flat=True))
    # Consultants join later via the casus members page, not as regisseur/duo.
    assert names == {"bemoeizorger", "teamleider", "other_bz"}


def test_garbage_input_gives_errors_not_500(login, users, melding):
    data = {"version": "abc", "person": "<script>", "outcome": "ontslag", "acute_danger": "misschien", "duo": ["x"]}
    response = login(users["meldpunt"]).post(url(melding), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Melding.objects.get(pk=melding.pk).status == Melding.Status.TE_TRIEREN


# --- acute danger and Wvggz notes ------------------------------------------------


def test_acute_danger_without_crisisdienst_warns_but_does_not_block(login, users, melding):
    client = login(users["meldpunt"])
    # Shown with the form when it comes back (here: reason missing).
    html = client.post(url(melding), decision_post(melding, acute_danger="ja", reason="")).content.decode()
    assert "Acuut gevaar hoort bij de GGZ-crisisdienst of bij 112" in html
    # Not a blocker: the decision is saved, with a warning message.
    response = client.post(url(melding), decision_post(melding, acute_danger="ja"), follow=True)
    assert TriageDecision.objects.get().acute_danger == "ja"
    assert "Acuut gevaar hoort bij de crisisdienst of 112" in response.content.decode()


def test_no_warning_when_handed_to_crisisdienst(login, users, melding):
    client = login(users["meldpunt"])
    html = client.post(fields_url(melding), {"acute_danger": "ja", "outcome": "crisisdienst"}).content.decode()
    assert "Acuut gevaar hoort bij" not in html
    html = client.post(fields_url(melding), {"acute_danger": "ja", "outcome": "advies"}).content.decode()
    assert "Acuut gevaar hoort bij de GGZ-crisisdienst of bij 112" in html


def test_htmx_fields_follow_the_outcome_and_keep_typed_values(login, users, melding):
    client = login(users["meldpunt"])
    html = client.post(
        fields_url(melding), {"outcome": "bemoeizorg", "reason": "Zorgen over vervuiling", "referred_to": "x"}
    ).content.decode()
    assert 'name="casusregisseur"' in html
    assert 'name="referred_to"' not in html
    html = client.post(fields_url(melding), {"outcome": "doorverwijzen", "referred_to": "Wijkteam"}).content.decode()
    assert 'name="referred_to"' in html and 'value="Wijkteam"' in html
    assert 'name="casusregisseur"' not in html
    assert client.get(fields_url(melding)).status_code == 405


def test_the_reason_is_not_re_rendered_so_what_is_typed_meanwhile_stays(login, users, melding):
    # The person, acute danger and outcome re-render the conditional fields over HTMX. A reason
    # typed while that answer was on its way was replaced by the field as the request had it:
    # the reason is outside the swapped part, on the page once, and not in the answer.
    client = login(users["meldpunt"])
    html = client.post(fields_url(melding), {"outcome": "geen_actie", "reason": "Al in zorg"}).content.decode()
    assert 'name="reason"' not in html
    assert 'id="triage-conditional"' in html
    page = client.get(url(melding)).content.decode()
    assert page.count('name="reason"') == 1
    assert page.index('name="reason"') < page.index('id="triage-conditional"')
    # Sent back with an error, the page keeps the typed reason.
    page = client.post(url(melding), decision_post(melding, outcome="", reason="Al in zorg")).content.decode()
    assert "Kies een besluit." in page
    assert "Al in zorg</textarea>" in page


def test_wvggz_note_shows_the_computed_deadline(login, users, melding):
    client = login(users["meldpunt"])
    html = client.post(fields_url(melding), {"outcome": "wvggz"}).content.decode()
    assert "15 maart 2026" in html  # melding of 1 March 2026 + 14 days
    # Without JavaScript the full form shows the note too.
    assert "15 maart 2026" in client.get(url(melding)).content.decode()


# --- concurrency and already triaged --------------------------------------------------


def test_two_decisions_on_the_same_melding(login, users, melding):
    first = login(users["meldpunt"])
    second = login(users["teamleider"])
    stale = decision_post(melding, outcome="advies", reason="Mijn eigen advies aan de buurvrouw.")
    assert first.post(url(melding), decision_post(melding, outcome="wvggz")).status_code == 302

    response = second.post(url(melding), stale)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze melding is al getrieerd." in html
    assert CONFLICT not in html
    assert "Mijn eigen advies aan de buurvrouw." in html  # the typed data is kept
    assert "intussen getrieerd" in html
    assert TriageDecision.objects.get().outcome == "wvggz"
    # Trying again with the current version: still only one decision, same message.
    retry = decision_post(melding, outcome="advies", reason="x", version=Melding.objects.get(pk=melding.pk).version)
    html = second.post(url(melding), retry).content.decode()
    assert "Deze melding is al getrieerd." in html
    assert TriageDecision.objects.count() == 1


def test_stale_version_after_someone_edited_the_melding(login, users, melding):
    data = decision_post(melding, outcome="wvggz")
    Melding.objects.get(pk=melding.pk).save_versioned(melding.version, ["description"])
    response = login(users["meldpunt"]).post(url(melding), data)
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    assert not TriageDecision.objects.exists()
    assert not Person.objects.exists()


def test_already_triaged_melding_shows_decision_read_only(login, users, melding, team):
    client = login(users["meldpunt"])
    client.post(url(melding), decision_post(melding, outcome="bemoeizorg", casusregisseur=users["bemoeizorger"].pk))
    casus = Casus.objects.get()
    before = AccessLog.objects.filter(action="E").count()

    response = login(users["teamleider"]).get(url(melding))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze melding is al getrieerd" in html
    assert casus.reference in html and "Bemoeizorg starten" in html
    assert 'name="outcome"' not in html
    assert AccessLog.objects.filter(action="E").count() == before  # no new search
    assert AccessLog.objects.filter(action="R", casus_id=str(casus.pk), username="teamleider").exists()
    assert casus.phase == Phase.CONTACT_LEGGEN


def test_wvggz_outcome_redirects_to_the_new_onderzoek(login, users, melding):
    from vangnet.wvggz.models import Onderzoek

    response = login(users["meldpunt"]).post(url(melding), decision_post(melding, outcome="wvggz", reason=""))
    assert response.status_code == 302
    onderzoek = Onderzoek.objects.get(melding=melding)
    assert response["Location"] == reverse("wvggz:detail", args=[onderzoek.pk])
    assert TriageDecision.objects.get(melding=melding).outcome == "wvggz"
