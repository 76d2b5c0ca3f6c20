"""Case conferences: what each attendee sees (table-driven), every state transition, the logs."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.overleg import services
from vangnet.overleg.models import ActionItem, Attendee, Meeting

pytestmark = pytest.mark.django_db
HIDDEN = "Agendapunt (niet zichtbaar voor u)"


@pytest.fixture
def corp(db):
    return OrganisationFactory(
        name="Woonstichting Test", kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False
    )


@pytest.fixture
def ggz(db):
    return OrganisationFactory(name="GGZ Test", kind="ggz", runs_meldpunt=False, does_bemoeizorg=True)


@pytest.fixture
def setup(ggd, police, corp, ggz, users):
    extra = {
        "linda": UserFactory(role=Role.PARTNER, organisation=corp),
        "ayse": UserFactory(role=Role.BEMOEIZORGER, organisation=ggz),
        "outsider": UserFactory(role=Role.BEMOEIZORGER, organisation=ggd),
    }
    people = {**users, **extra}
    casus_a = CasusFactory(
        organisation=ggd,
        casusregisseur=users["bemoeizorger"],
        person=PersonFactory(given_names="Anna", surname="Aalbers"),
    )
    casus_b = CasusFactory(
        organisation=ggd, casusregisseur=users["duo"], person=PersonFactory(given_names="Bert", surname="Bakker")
    )
    melding = MeldingFactory(meldpunt=ggd, given_names="Cor", surname="Claassen", created_by=users["meldpunt"])
    meeting = services.create_meeting(
        kind=Meeting.Kind.CASUSOVERLEG,
        title="Casusoverleg Noord",
        starts_at=timezone.now() + timedelta(days=1),
        by=users["teamleider"],
    )
    host = users["teamleider"]
    for who in ("bemoeizorger", "duo", "partner", "linda", "ayse"):
        services.add_attendee(meeting, user=people[who], by=host)
    services.add_attendee(meeting, external_name="Dr. Extern", external_organisation="Huisartsenpraktijk", by=host)
    items = {
        "a": services.add_agenda_item(meeting, reference=casus_a.reference, by=host),
        "b": services.add_agenda_item(meeting, reference=casus_b.reference, by=host),
        "m": services.add_agenda_item(meeting, reference=melding.reference, by=host),
    }
    services.share_item(
        items["a"], organisation=police, ground="wettelijk", legal_ground="toestemming betrokkene", by=host
    )
    return meeting, items, people


NAMES = {"a": "Aalbers", "b": "Bakker", "m": "Claassen"}


@pytest.mark.parametrize(
    "who,visible",
    [
        ("teamleider", {"a", "b", "m"}),  # host, organisation-wide
        ("meldpunt", {"a", "b", "m"}),  # host role of the organisation, not on the list
        ("bemoeizorger", {"a"}),  # member of casus A only
        ("duo", {"b"}),  # casusregisseur of casus B only
        ("partner", {"a"}),  # police: only what was shared with the police
        ("linda", set()),  # corporation: nothing shared
        ("ayse", set()),  # other care organisation: nothing shared
    ],
)
def test_each_attendee_sees_only_entitled_items(setup, login, who, visible):
    meeting, items, people = setup
    user = people[who]
    response = login(user).get(reverse("overleg:detail", args=[meeting.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for key, name in NAMES.items():
        assert (name in html) is (key in visible), (who, key)
    assert html.count(HIDDEN) == 3 - len(visible)
    reads = AccessLog.objects.filter(object_type="agendapunt", action="R", user_id=str(user.pk))
    assert reads.count() == len(visible)


@pytest.mark.parametrize("who", ["outsider", "consultant", "other_teamleider", "other_meldpunt", "beheerder"])
def test_non_attendees_get_404(setup, login, who):
    meeting, _items, people = setup
    assert login(people[who]).get(reverse("overleg:detail", args=[meeting.pk])).status_code == 404


def test_share_with_ggz_makes_item_visible_and_is_logged(setup, login, ggz):
    meeting, items, people = setup
    services.share_item(
        items["b"], organisation=ggz, ground="wettelijk", legal_ground="Wpg art. 2, OGGZ-taak", by=people["teamleider"]
    )
    html = login(people["ayse"]).get(reverse("overleg:detail", args=[meeting.pk])).content.decode()
    assert "Bakker" in html and "Aalbers" not in html
    log = AccessLog.objects.get(object_type="agendapunt", detail__contains="gedeeld met GGZ Test")
    assert log.reason == "Wettelijke taak: Wpg art. 2, OGGZ-taak" and log.casus_id == str(items["b"].casus_id)
    read = AccessLog.objects.get(object_type="agendapunt", action="R", user_id=str(people["ayse"].pk))
    assert read.reason == "gedeeld in overleg: Wpg art. 2, OGGZ-taak"


def test_partner_own_melding_is_not_a_basis(setup, login, ggd):
    meeting, _items, people = setup
    own = MeldingFactory(meldpunt=ggd, created_by=people["partner"], given_names="Dirk", surname="Dekker")
    services.add_agenda_item(meeting, reference=own.reference, by=people["teamleider"])
    html = login(people["partner"]).get(reverse("overleg:detail", args=[meeting.pk])).content.decode()
    assert "Dekker" not in html


# --- transitions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,allowed",
    [("meldpunt", True), ("teamleider", True), ("bemoeizorger", False), ("partner", False), ("beheerder", False)],
)
def test_who_creates_meetings(users, who, allowed):
    call = lambda: services.create_meeting(kind="meldingsoverleg", title="X", starts_at=timezone.now(), by=users[who])  # noqa: E731
    if allowed:
        meeting = call()
        assert Attendee.objects.filter(meeting=meeting, user=users[who]).exists()
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_attendee_rules(setup):
    meeting, _items, people = setup
    host = people["teamleider"]
    with pytest.raises(ValidationError):
        services.add_attendee(meeting, by=host)
    with pytest.raises(ValidationError):
        services.add_attendee(meeting, user=people["meldpunt"], external_name="X", by=host)
    with pytest.raises(ValidationError):
        services.add_attendee(meeting, user=people["partner"], by=host)  # already there
    with pytest.raises(PermissionDenied):
        services.add_attendee(meeting, user=people["consultant"], by=people["bemoeizorger"])


def test_host_can_only_agenda_what_they_may_see(setup, other_org, users):
    meeting, _items, people = setup
    elsewhere = CasusFactory(organisation=other_org)
    with pytest.raises(ValidationError, match="Geen casus of melding"):
        services.add_agenda_item(meeting, reference=elsewhere.reference, by=people["teamleider"])
    with pytest.raises(ValidationError, match="Geen casus of melding"):
        services.add_agenda_item(meeting, reference="C-BESTAAT-NIET", by=people["teamleider"])
    with pytest.raises(ValidationError, match="al op de agenda"):
        services.add_agenda_item(meeting, reference=_items["a"].casus.reference, by=people["teamleider"])


def test_share_rules(setup, ggd, police):
    meeting, items, people = setup
    host = people["teamleider"]
    with pytest.raises(ValidationError):
        services.share_item(items["b"], organisation=police, ground="wettelijk", legal_ground=" ", by=host)
    with pytest.raises(ValidationError):
        services.share_item(items["b"], organisation=ggd, ground="wettelijk", legal_ground="x", by=host)
    with pytest.raises(ValidationError):
        services.share_item(items["a"], organisation=police, ground="wettelijk", legal_ground="x", by=host)
    with pytest.raises(PermissionDenied):
        services.share_item(
            items["b"], organisation=police, ground="wettelijk", legal_ground="x", by=people["bemoeizorger"]
        )


def test_record_notes_and_decision_with_versioning(setup):
    meeting, items, people = setup
    item = items["a"]
    services.record_item(
        item,
        notes="Besproken",
        decision="Huisbezoek met wijkagent",
        expected_version=item.version,
        by=people["teamleider"],
    )
    with pytest.raises(ConcurrentEditError):
        services.record_item(item, notes="Oud", decision="", expected_version=1, by=people["meldpunt"])
    item.refresh_from_db()
    assert item.decision == "Huisbezoek met wijkagent"


def test_action_items_and_who_completes(setup, police, corp):
    meeting, items, people = setup
    host = people["teamleider"]
    due = timezone.localdate() + timedelta(days=7)
    with pytest.raises(ValidationError):
        services.add_action(items["a"], description="X", due_date=due, by=host)  # no owner
    with pytest.raises(ValidationError):
        services.add_action(
            items["a"], description="X", due_date=due, owner_user=people["duo"], owner_organisation=police, by=host
        )
    police_action = services.add_action(
        items["a"], description="Adres checken", due_date=due, owner_organisation=police, by=host
    )
    corp_action = services.add_action(items["b"], description="Huur", due_date=due, owner_organisation=corp, by=host)
    # The corporation owns an action on an item it may not see: it cannot complete it (host can).
    with pytest.raises(PermissionDenied):
        services.complete_action(corp_action, by=people["linda"])
    with pytest.raises(PermissionDenied):
        services.complete_action(police_action, by=people["bemoeizorger"])
    services.complete_action(police_action, by=people["partner"])
    police_action.refresh_from_db()
    assert police_action.done and police_action.done_by == people["partner"]
    with pytest.raises(ValidationError):
        services.complete_action(police_action, by=people["partner"])
    services.complete_action(corp_action, by=host)


def test_closed_meeting_cannot_change(setup, police):
    meeting, items, people = setup
    host = people["teamleider"]
    services.close_meeting(meeting, by=host, expected_version=meeting.version)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AFGEROND
    with pytest.raises(ValidationError):
        services.add_attendee(meeting, user=people["consultant"], by=host)
    with pytest.raises(ValidationError):
        services.record_item(items["a"], notes="x", decision="", expected_version=items["a"].version, by=host)
    with pytest.raises(ValidationError):
        services.close_meeting(meeting, by=host, expected_version=meeting.version)


# --- pages --------------------------------------------------------------------------------------------


def test_host_builds_meeting_through_pages(users, ggd, police, login):
    casus = CasusFactory(
        organisation=ggd, casusregisseur=users["bemoeizorger"], person=PersonFactory(given_names="Els", surname="Evers")
    )
    client = login(users["meldpunt"])
    r = client.post(reverse("overleg:create"), {"kind": "", "title": "", "starts_at": "morgen"})
    html = r.content.decode()
    assert "Kies de soort overleg." in html and "Vul een geldige datum en tijd in." in html
    r = client.post(
        reverse("overleg:create"), {"kind": "meldingsoverleg", "title": "MO maandag", "starts_at": "2026-12-01T10:00"}
    )
    meeting = Meeting.objects.get()
    assert r.url == reverse("overleg:detail", args=[meeting.pk])
    client.post(reverse("overleg:attendee_add", args=[meeting.pk]), {"user": users["partner"].pk})
    r = client.post(reverse("overleg:item_add", args=[meeting.pk]), {"reference": "C-ONBEKEND"})
    assert "Geen casus of melding" in r.content.decode() and 'value="C-ONBEKEND"' in r.content.decode()
    client.post(reverse("overleg:item_add", args=[meeting.pk]), {"reference": casus.reference.lower()})
    item = meeting.items.get()
    r = client.post(
        reverse("overleg:item_share", args=[item.pk]),
        {"organisation": police.pk, "ground": "wettelijk", "legal_ground": ""},
    )
    assert r.status_code == 400 and "Vul de grondslag in" in r.content.decode()
    client.post(
        reverse("overleg:item_share", args=[item.pk]),
        {"organisation": police.pk, "ground": "wettelijk", "legal_ground": "toestemming"},
    )
    client.post(
        reverse("overleg:item_edit", args=[item.pk]),
        {"version": item.version, "notes": "Zorgen", "decision": "Huisbezoek"},
    )
    client.post(
        reverse("overleg:action_add", args=[item.pk]),
        {"description": "Adres checken", "owner_organisation": police.pk, "due_date": "2026-12-05"},
    )
    action = ActionItem.objects.get()
    partner = login(users["partner"])
    html = partner.get(reverse("overleg:detail", args=[meeting.pk])).content.decode()
    assert "Huisbezoek" in html and "Adres checken" in html and casus.person.surname in html
    partner.post(reverse("overleg:action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done
    client.post(reverse("overleg:close", args=[meeting.pk]), {"version": meeting.version + 0})
    meeting.refresh_from_db()
    assert meeting.status == "afgerond"


def test_non_host_attendee_cannot_manage(setup, login):
    meeting, items, people = setup
    client = login(people["bemoeizorger"])
    assert client.get(reverse("overleg:item_add", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("overleg:item_share", args=[items["a"].pk]), {}).status_code == 403


# --- called directly: each service writes its own access-log row ------------------


def test_services_called_without_a_request_write_one_row_each(setup, police, ggz):
    meeting, items, people = setup
    host = people["teamleider"]
    casus = CasusFactory(organisation=meeting.organisation, casusregisseur=host)
    A = AccessLog.Action
    with new_rows() as rows:
        item = services.add_agenda_item(meeting, reference=casus.reference, by=host, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], host, action=A.CREATE, object_type="agendapunt", casus=casus, person=casus.person)
    with new_rows() as rows:
        services.share_item(
            item, organisation=ggz, ground="wettelijk", legal_ground="toestemming", by=host, context=CONTEXT
        )
    assert len(rows) == 1
    assert_row(rows[0], host, action=A.UPDATE, object_type="agendapunt", casus=casus)
    with new_rows() as rows:
        services.record_item(item, notes="Zorgen", decision="", expected_version=item.version, by=host, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], host, action=A.UPDATE, object_type="agendapunt", casus=casus)
    with new_rows() as rows:
        action = services.add_action(
            item,
            description="Bellen",
            due_date=timezone.localdate(),
            owner_organisation=police,
            by=host,
            context=CONTEXT,
        )
    assert len(rows) == 1
    assert_row(rows[0], host, action=A.CREATE, object_type="agendapunt", casus=casus)
    with new_rows() as rows:
        services.complete_action(action, by=host, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], host, action=A.UPDATE, object_type="agendapunt", casus=casus)


def test_refused_service_calls_write_no_row_and_key_the_field(setup, police):
    meeting, items, people = setup
    host = people["teamleider"]
    calls = {
        "reference": lambda: services.add_agenda_item(meeting, reference="C-BESTAAT-NIET", by=host, context=CONTEXT),
        "legal_ground": lambda: services.share_item(
            items["b"], organisation=police, ground="wettelijk", legal_ground=" ", by=host, context=CONTEXT
        ),
        "organisation": lambda: services.share_item(
            items["a"], organisation=police, ground="wettelijk", legal_ground="x", by=host, context=CONTEXT
        ),
        "description": lambda: services.add_action(
            items["a"],
            description=" ",
            due_date=timezone.localdate(),
            owner_organisation=police,
            by=host,
            context=CONTEXT,
        ),
    }
    for field, call in calls.items():
        with new_rows() as rows, pytest.raises(ValidationError) as exc:
            call()
        assert rows == [] and field in exc.value.error_dict, field


def test_agenda_for_logs_one_read_per_visible_item(setup):
    meeting, items, people = setup
    partner = people["partner"]  # police: sees the shared item "a" only
    with new_rows() as rows:
        agenda = services.agenda_for(partner, meeting, context=CONTEXT)
    visible = [i for i in agenda if i.visible]
    assert [i.pk for i in visible] == [items["a"].pk] and len(rows) == 1
    assert_row(rows[0], partner, action=AccessLog.Action.READ, object_type="agendapunt", casus=items["a"].casus)
