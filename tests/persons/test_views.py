import pytest
from django.urls import reverse

from tests.factories import MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access


def detail(person):
    return reverse("persons:detail", args=[person.pk])


def log_url(person):
    return reverse("persons:access_log", args=[person.pk])


def test_person_page_shows_identity_and_masked_bsn(world, login):
    person = world.p_own
    person.tussenvoegsel, person.street, person.house_number, person.city = "van", "Dorpsstraat", "12", "Testdorp"
    person.save()
    response = login(world.users["bemoeizorger"]).get(detail(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert person.surname in html and person.given_names in html
    assert person.date_of_birth.strftime("%d-%m-%Y") in html
    assert "******333" in html and "111222333" not in html
    assert "Dorpsstraat 12" in html and "Testdorp" in html
    assert "Noodtoegang actief" not in html
    # related records with links to their pages
    assert reverse("cases:detail", args=[world.casus_own.pk]) in html
    assert reverse("intake:detail", args=[world.melding_own.pk]) in html


def test_estimated_birth_year_shown_without_date(world, login):
    person = world.p_meld
    person.date_of_birth, person.estimated_birth_year = None, 1975
    person.save()
    html = login(world.users["meldpunt"]).get(detail(person)).content.decode()
    assert "Geschat geboortejaar" in html and "1975" in html


def test_person_page_only_lists_visible_records(world, login):
    # a melding about p_own at another meldpunt: not visible for the GGD bemoeizorger
    hidden = MeldingFactory(meldpunt=world.casus_other.organisation, person=world.p_own)
    html = login(world.users["bemoeizorger"]).get(detail(world.p_own)).content.decode()
    assert world.melding_own.reference in html
    assert hidden.reference not in html


def test_person_page_logs_person_and_listed_records(world, login):
    user = world.users["teamleider"]
    before = AccessLog.objects.count()
    login(user).get(detail(world.p_own))
    rows = list(AccessLog.objects.order_by("-id")[: AccessLog.objects.count() - before])
    by_type = {(r.object_type, r.casus_id, r.melding_id) for r in rows}
    assert ("persoon", "", "") in by_type
    assert ("casus", str(world.casus_own.pk), "") in by_type
    assert ("melding", "", str(world.melding_own.pk)) in by_type
    assert all(r.user_id == str(user.pk) and r.person_id == str(world.p_own.pk) and not r.break_glass for r in rows)


@pytest.mark.parametrize(
    "user_key", ["other_bemoeizorger", "consultant_nm", "other_teamleider", "partner", "beheerder", "bg_expired"]
)
def test_person_page_refused_is_404_with_one_refused_row(world, login, user_key):
    person = world.p_own if user_key != "bg_expired" else world.p_other
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert login(world.users[user_key]).get(detail(person)).status_code == 404
    row = AccessLog.objects.get(pk__gt=before)
    assert (row.action, row.person_id, row.user_id) == ("G", str(person.pk), str(world.users[user_key].pk))


def test_person_page_unknown_is_404(world, login):
    assert login(world.users["teamleider"]).get(reverse("persons:detail", args=[999999])).status_code == 404


def test_person_page_requires_login(world, client):
    response = client.get(detail(world.p_own))
    assert response.status_code == 302


def test_break_glass_banner(world, login):
    html = login(world.users["bg_active"]).get(detail(world.p_other)).content.decode()
    assert "Noodtoegang actief tot" in html and "alles wordt gelogd" in html
    assert AccessLog.objects.filter(
        user_id=str(world.users["bg_active"].pk), break_glass=True, object_type="persoon"
    ).exists()


# --- access log ------------------------------------------------------------


def test_access_log_for_teamleider(world, login, rf):
    tl = world.users["teamleider"]
    # someone else's earlier access, including break-glass, with an IP
    request = rf.get("/x/", REMOTE_ADDR="198.51.100.7")
    request.user = world.users["bg_active"]
    log_access(request, "R", person=world.p_own, object_type="persoon", reason="noodtoegang", break_glass=True)

    client = login(tl)
    response = client.get(log_url(world.p_own))
    assert response.status_code == 200
    html = response.content.decode()
    assert "198.51.100.7" in html
    assert "row-break-glass" in html and "Noodtoegang" in html
    assert str(world.users["bg_active"].username) in html
    # viewing is itself logged
    row = AccessLog.objects.order_by("-id").first()
    assert (row.object_type, row.person_id, row.user_id, row.action) == (
        "toegangslog",
        str(world.p_own.pk),
        str(tl.pk),
        "R",
    )
    # newest first: the viewing row itself is on top
    rows = list(response.context["page"])
    assert rows[0].object_type == "toegangslog"
    assert [r.timestamp for r in rows] == sorted((r.timestamp for r in rows), reverse=True)


def test_access_log_includes_rows_by_melding_or_casus_id(world, login):
    # rows written before the melding was linked to the person carry only the melding / casus id
    by_melding = AccessLog.objects.create(
        user_id="7", action="R", melding_id=str(world.melding_own.pk), object_type="melding"
    )
    by_casus = AccessLog.objects.create(user_id="7", action="R", casus_id=str(world.casus_own.pk), object_type="casus")
    unrelated = AccessLog.objects.create(
        user_id="7", action="R", casus_id=str(world.casus_other.pk), object_type="casus"
    )
    rows = list(login(world.users["teamleider"]).get(log_url(world.p_own)).context["page"])
    assert by_melding in rows and by_casus in rows and unrelated not in rows


def test_access_log_paginated_by_50(world, login):
    AccessLog.objects.bulk_create(
        [AccessLog(user_id="9", action="R", person_id=str(world.p_own.pk), object_type="persoon") for _ in range(60)]
    )
    client = login(world.users["teamleider"])
    page1 = client.get(log_url(world.p_own)).context["page"]
    assert len(page1.object_list) == 50 and page1.newer is None and page1.older == page1.object_list[-1].pk
    page2 = client.get(log_url(world.p_own) + f"?voor={page1.older}").context["page"]
    assert len(page2.object_list) >= 10 and page2.older is None
    assert not {r.pk for r in page1} & {r.pk for r in page2}
    html = client.get(log_url(world.p_own) + f"?voor={page1.older}").content.decode()
    assert f"?na={page2.object_list[0].pk}" in html and "?oudste=1" not in html


@pytest.mark.parametrize(
    "query", ["?pagina=abc", "?pagina=2", "?voor=abc", "?voor=-1", "?voor=99999999999999999999999", "?na=0", "?voor="]
)
def test_access_log_bad_page_parameter_is_the_newest_page(world, login, query):
    client = login(world.users["teamleider"])
    response = client.get(log_url(world.p_own) + query)
    assert response.status_code == 200
    assert response.context["page"].object_list[0].object_type == "toegangslog"  # its own read, newest


def test_access_log_query_count_does_not_grow_with_the_page_asked(world, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    AccessLog.objects.bulk_create(
        [AccessLog(user_id="9", action="R", person_id=str(world.p_own.pk), object_type="persoon") for _ in range(120)]
    )
    client = login(world.users["teamleider"])
    older = client.get(log_url(world.p_own)).context["page"].older
    counts = []
    for query in ["", f"?voor={older}", "?oudste=1"]:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(log_url(world.p_own) + query).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert max(counts) - min(counts) <= 1, counts  # a cursor costs one lookup of its row


@pytest.mark.parametrize("user_key", ["meldpunt", "bemoeizorger", "consultant", "partner", "beheerder"])
def test_access_log_wrong_role_403(world, login, user_key):
    assert login(world.users[user_key]).get(log_url(world.p_own)).status_code == 403


@pytest.mark.parametrize(
    ("user_key", "obj_key"), [("other_teamleider", "p_own"), ("tl_member", "p_own"), ("other_teamleider", "p_meld")]
)
def test_access_log_unrelated_teamleider_404_with_one_refused_row(world, login, user_key, obj_key):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert login(world.users[user_key]).get(log_url(world.objects[obj_key])).status_code == 404
    row = AccessLog.objects.get(pk__gt=before)
    assert (row.action, row.person_id) == ("G", str(world.objects[obj_key].pk))


def test_access_log_link_only_for_allowed(world, login):
    assert log_url(world.p_own) in login(world.users["teamleider"]).get(detail(world.p_own)).content.decode()
    assert log_url(world.p_own) not in login(world.users["bemoeizorger"]).get(detail(world.p_own)).content.decode()


def test_person_page_query_count_does_not_grow_with_the_meldingen(world, login, ggd):
    """Issue 17: the person page is flat in the person's records (the related
    records are one query each, their reads one bulk insert per basis)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person, teamleider = world.p_own, world.users["teamleider"]
    client = login(teamleider)

    def count():
        client.get(detail(person))  # warm up
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(person)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(8):
        MeldingFactory(meldpunt=ggd, person=person, casus=world.casus_own, created_by=world.users["meldpunt"])
    assert count() == few


@pytest.mark.parametrize("role", ["meldpunt", "teamleider", "bemoeizorger"])
def test_person_page_sections_do_not_grow_with_their_rows(world, login, other_org, role):
    """Issue 17: the consent block asks "works on one of the person's casussen" in one
    EXISTS (it asked each casus' membership) and takes the page's basis; more consents
    and more casussen elsewhere cost nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.factories import CasusFactory
    from vangnet.grondslagen.models import Toestemming

    person, user = world.p_own, world.users[role]
    client = login(user)

    def count():
        client.get(detail(person))  # warm up
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(person)).status_code == 200
        return len(ctx.captured_queries)

    def more(n):
        for _ in range(n):
            CasusFactory(person=person, organisation=other_org, casusregisseur=world.users["other_org_bz"])
            Toestemming.objects.create(
                person=person,
                soort=Toestemming.Soort.choices[0][0],
                how=Toestemming.Wijze.choices[0][0],
                given_on=timezone.localdate(),
                organisation_kind="huisarts",
                recorded_by=world.users["bemoeizorger"],
                recorded_at=timezone.now(),
            )

    more(1)
    few = count()
    more(6)
    assert count() == few


def test_person_page_query_count_does_not_grow_with_visible_casussen(world, login, ggd):
    """Issue 17: each visible casus of the person had its own membership check."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CasusFactory

    person, teamleider = world.p_own, world.users["teamleider"]
    client = login(teamleider)

    def count():
        client.get(detail(person))  # warm up
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(detail(person))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["casus_rows"])

    few, shown = count()
    for _ in range(5):
        CasusFactory(person=person, organisation=ggd, casusregisseur=world.users["bemoeizorger"])
    many, shown_now = count()
    assert shown_now == shown + 5 and many == few
