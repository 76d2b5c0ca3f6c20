import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from vangnet.notifications.models import Notification
from vangnet.wvggz import services
from vangnet.wvggz.models import Outcome, Reminder
from vangnet.wvggz.tasks import send_due_wvggz_reminders, send_wvggz_reminder

from .helpers import answer_all, local, make_onderzoek

RECEIVED = local(2026, 3, 1, 10, 0)  # deadline 15 March; day 7 = 8 March, day 12 = 13 March


def _onderzoek(ggd, users):
    users["bemoeizorger"].email = "bz@example.org"
    users["bemoeizorger"].save()
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        return make_onderzoek(
            ggd, users["meldpunt"], received_at=RECEIVED, lead=users["bemoeizorger"], others=[users["duo"]]
        )


def _reminders(user):
    return Notification.objects.filter(user=user, text__startswith="Herinnering")


def test_no_reminder_before_day_7(ggd, users):
    onderzoek = _onderzoek(ggd, users)
    with time_machine.travel(local(2026, 3, 8, 7, 59), tick=False):
        assert services.send_due_reminders() == 0
    assert not Reminder.objects.filter(onderzoek=onderzoek).exists()
    assert not _reminders(users["bemoeizorger"]).exists()


def test_day_7_then_day_12_each_once(ggd, users):
    onderzoek = _onderzoek(ggd, users)
    with time_machine.travel(local(2026, 3, 8, 8, 0), tick=False):
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0  # idempotent
        send_due_wvggz_reminders.enqueue()  # the task does the same, and sends nothing new
    assert list(Reminder.objects.filter(onderzoek=onderzoek).values_list("kind", flat=True)) == ["dag7"]
    for worker in (users["bemoeizorger"], users["duo"]):
        texts = list(_reminders(worker).values_list("text", flat=True))
        assert len(texts) == 1 and "nog 7 dagen" in texts[0] and onderzoek.reference in texts[0]
    assert not _reminders(users["teamleider"]).exists()
    with time_machine.travel(local(2026, 3, 12, 23, 0), tick=False):
        assert services.send_due_reminders() == 0
    with time_machine.travel(local(2026, 3, 13, 9, 0), tick=False):
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0
    texts = list(_reminders(users["bemoeizorger"]).order_by("created_at", "pk").values_list("text", flat=True))
    assert len(texts) == 2 and "nog 2 dagen" in texts[1]


def test_email_is_sent_after_commit_without_names(ggd, users, django_capture_on_commit_callbacks):
    onderzoek = _onderzoek(ggd, users)
    mail.outbox.clear()
    with time_machine.travel(local(2026, 3, 8, 9, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.send_due_reminders()
    assert sorted(m.to[0] for m in mail.outbox) == ["bz@example.org", "duo@example.org"]
    message = next(m for m in mail.outbox if m.to == ["bz@example.org"])
    body = message.subject + message.body
    assert onderzoek.reference in body and "15-03-2026" in body
    person = onderzoek.melding.person
    for secret in (person.surname, person.given_names, onderzoek.melding.description, onderzoek.melding.melder_name):
        assert secret not in body


def test_late_task_after_catch_up_is_not_a_second_reminder(ggd, users):
    onderzoek = _onderzoek(ggd, users)
    with time_machine.travel(local(2026, 3, 9, 8, 0), tick=False):
        assert services.send_due_reminders() == 1
        # The scheduled task for day 7 runs late (worker was down): nothing new.
        assert send_wvggz_reminder.call(onderzoek.pk, "dag7") is False
    assert _reminders(users["bemoeizorger"]).count() == 1


def test_no_reminders_after_decision(ggd, users):
    onderzoek = _onderzoek(ggd, users)
    answer_all(onderzoek, users["bemoeizorger"])
    services.decide(onderzoek, by=users["bemoeizorger"], outcome=Outcome.AANVRAAG)
    with time_machine.travel(local(2026, 3, 14, 9, 0), tick=False):
        assert services.send_due_reminders() == 0
        assert send_wvggz_reminder.call(onderzoek.pk, "dag12") is False
    assert not Reminder.objects.exists()


def test_unassigned_onderzoek_reminds_the_teamleider(ggd, users):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=RECEIVED)
    with time_machine.travel(local(2026, 3, 8, 9, 0), tick=False):
        call_command("send_wvggz_reminders", stdout=__import__("io").StringIO())
    assert _reminders(users["teamleider"]).count() == 1
    assert not _reminders(users["other_teamleider"]).exists()
    assert Reminder.objects.get(onderzoek=onderzoek).recipients == 1


def test_opening_queues_day_7_and_day_12_tasks_when_the_backend_can_defer(
    ggd, users, django_capture_on_commit_callbacks
):
    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        backend = send_wvggz_reminder.get_backend()
        backend.clear()
        with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=RECEIVED)
        queued = sorted((r.task.run_after, r.args) for r in backend.results)
    assert queued == [
        (local(2026, 3, 8, 8, 0), [onderzoek.pk, "dag7"]),
        (local(2026, 3, 13, 8, 0), [onderzoek.pk, "dag12"]),
    ]


def test_catching_up_late_sends_only_the_latest_reminder(ggd, users):
    with time_machine.travel(local(2026, 3, 13, 9, 0), tick=False):
        onderzoek = make_onderzoek(ggd, users["meldpunt"], received_at=RECEIVED, lead=users["bemoeizorger"])
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0
    texts = list(_reminders(users["bemoeizorger"]).values_list("text", flat=True))
    assert len(texts) == 1 and "nog 2 dagen" in texts[0]
    assert set(Reminder.objects.filter(onderzoek=onderzoek).values_list("kind", "recipients")) == {
        ("dag7", 0),
        ("dag12", 1),
    }


def test_reminder_text_singular_and_overdue(ggd, users):
    with time_machine.travel(local(2026, 3, 14, 9, 0), tick=False):
        make_onderzoek(ggd, users["meldpunt"], received_at=RECEIVED, lead=users["bemoeizorger"])
        services.send_due_reminders()
    with time_machine.travel(local(2026, 3, 17, 9, 0), tick=False):
        make_onderzoek(ggd, users["meldpunt"], received_at=RECEIVED, lead=users["duo"])
        services.send_due_reminders()
    assert "(nog 1 dag)" in _reminders(users["bemoeizorger"]).get().text
    assert "(2 dagen te laat)" in _reminders(users["duo"]).get().text
