"""Create and read in-app notifications, the user's choice per kind of event
(app only, e-mail at once, or the daily digest) and the e-mails that follow
from it. An e-mail carries the kind's label, the reference and a link, never a
name or any other personal detail: e-mail is not a safe place for them."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from vangnet.accounts.roles import Role
from vangnet.core.subqueries import count_of

from .mail import queue_mail
from .models import (
    Channel,
    EventKind,
    Notification,
    NotificationDigest,
    NotificationPreference,
    OutgoingMail,
    event_text,
)

if TYPE_CHECKING:
    from vangnet.accounts.models import User


def notify(
    user: "User", text: str, url: str = "", *, kind: str = EventKind.GENERAL, reference: str = ""
) -> Notification:
    return Notification.objects.create(user=user, kind=kind, reference=reference[:30], text=text[:300], url=url[:300])


# --- preferences ---------------------------------------------------------------

# Everyone hears about everything in the app. Network partners are seldom in
# Vangnet, so what asks them to act (a referral for their organisation, a
# procesregie action aan zet) is also e-mailed at once, and the status of
# their own meldingen comes in the daily digest. Staff work in the app all day:
# in the app only, until they choose otherwise.
DEFAULT_CHANNELS: dict[str, dict[str, str]] = {
    Role.PARTNER: {
        EventKind.REFERRAL_RECEIVED: Channel.EMAIL,
        EventKind.REGIE_ACTION: Channel.EMAIL,
        EventKind.PARTNER_MELDING_STATUS: Channel.DIGEST,
    },
}
# For every role: the casusregisseur got an e-mail about due "vinger aan de
# pols" checks before notifications existed; that stays the default.
DEFAULT_FOR_ALL: dict[str, str] = {EventKind.FOLLOW_UP_DUE: Channel.EMAIL}


def preference_kinds() -> list[EventKind]:
    """The kinds a user can choose a channel for (not the free-text 'Bericht')."""
    return [kind for kind in EventKind if kind != EventKind.GENERAL]


def default_channel(user: Any, kind: str) -> str:
    by_role = DEFAULT_CHANNELS.get(getattr(user, "role", ""), {})
    return by_role.get(kind, DEFAULT_FOR_ALL.get(kind, Channel.APP))


def channel_for(user: Any, kind: str) -> str:
    """How ``user`` wants to hear about ``kind``: her choice, otherwise the default."""
    return _channels([user], kind)[user.pk]


def preferences_for(user: Any) -> dict[str, str]:
    """The channel per kind for ``user``: what she chose, otherwise the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind.value: chosen.get(kind.value, default_channel(user, kind)) for kind in preference_kinds()}


@transaction.atomic
def save_preferences(user: Any, choices: Mapping[str, str], *, by: Any) -> None:
    """Store ``user``'s channel per kind. Only the user herself may: these are her mails."""
    if by is None or by.pk != user.pk:
        raise PermissionDenied
    errors: dict[str, ValidationError] = {}
    for kind in preference_kinds():
        channel = choices.get(kind.value)
        if channel not in Channel.values:
            errors[kind.value] = ValidationError(_("Kies hoe u dit wilt horen."), code="required")
    if errors:
        raise ValidationError(errors)
    for kind in preference_kinds():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind.value, defaults={"channel": choices[kind.value]}
        )


def _channels(users: "list[User]", kind: str) -> dict[int, str]:
    """The channel for ``kind`` of each user, in one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user__in=[u.pk for u in users], kind=kind).values_list(
            "user_id", "channel"
        )
    )
    return {u.pk: chosen.get(u.pk, default_channel(u, kind)) for u in users}


# --- events --------------------------------------------------------------------


def notify_event(
    recipients: Any, kind: EventKind, *, reference: str, url: str = "", actor: Any = None, mail: bool = True
) -> list[Notification]:
    """Tell each recipient (a user or an iterable of users) that ``kind`` happened to ``reference``.

    The text is the kind's label and the reference, never personal details.
    The actor is left out: nobody is told about what she did herself. Inactive
    accounts are skipped. Call it inside the service's transaction, so a
    rolled-back change notifies nobody (and queues no e-mail: the mail row is
    in the same transaction and its task is enqueued on commit).

    A recipient who chose e-mail for this kind (NotificationPreference) and has
    an address gets a short e-mail; one who chose the digest gets it in the
    next daily digest (``send_digests``). ``mail=False``: the caller sends one
    e-mail for several events itself (the follow-up reminder counts its checks),
    so a recipient who chose e-mail does not get that and one mail per event."""
    if recipients is None:
        return []
    if hasattr(recipients, "pk"):
        recipients = [recipients]
    actor_id = getattr(actor, "pk", None)
    seen: set[int] = set()
    users: list[User] = []
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    if not users:
        return []
    kind = EventKind(kind)
    channels = _channels(users, kind)
    text = event_text(kind, reference)
    created = []
    for user in users:
        channel = channels[user.pk]
        notification = Notification.objects.create(
            user=user, kind=kind, reference=reference[:30], text=text[:300], url=url[:300], channel=channel
        )
        created.append(notification)
        if mail and channel == Channel.EMAIL and user.email:
            _queue_event_mail(user, notification)
    return created


def is_local_path(url: str) -> bool:
    """A path on this site ("/casussen/3/"), nothing that leaves it ("//evil", "https://...")."""
    return (
        bool(url)
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and not any(ord(c) < 32 or c == "\\" for c in url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


def _link(path: str) -> str:
    """An address for an e-mail: ``VANGNET_SITE_URL`` (e.g. https://vangnet.example.org) + the path."""
    if not is_local_path(path):
        path = reverse("notifications:list")
    return settings.VANGNET_SITE_URL.rstrip("/") + path


def _footer() -> str:
    return _(
        "Deze e-mail bevat bewust geen persoonsgegevens; log in om meer te zien. "
        "Welke berichten u per e-mail krijgt, stelt u in bij Notificaties: %(url)s"
    ) % {"url": _link(reverse("notifications:preferences"))}


def event_mail_text(notification: Notification) -> tuple[str, str]:
    """Subject and body of the e-mail for one notification: label, reference, link."""
    with translation.override(settings.LANGUAGE_CODE):
        label = str(EventKind(notification.kind).label)
        subject = _("Vangnet: %(label)s") % {"label": label}
        lines = [label]
        if notification.reference:
            lines.append(_("Kenmerk: %(ref)s") % {"ref": notification.reference})
        lines += ["", _("Bekijk het in Vangnet: %(url)s") % {"url": _link(notification.url)}, "", _footer()]
    return subject, "\n".join(lines) + "\n"


def _queue_event_mail(user: "User", notification: Notification) -> OutgoingMail:
    subject, body = event_mail_text(notification)
    return queue_mail(
        kind=OutgoingMail.Kind.NOTIFICATIE, to=user.email, subject=subject, body=body, notification=notification
    )


# --- the daily digest ------------------------------------------------------------


def digest_text(notifications: Iterable[Notification]) -> tuple[str, str]:
    """Subject and body of a digest: one line per notification (time, label, reference)."""
    items = list(notifications)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Vangnet: dagoverzicht notificaties")
        lines = [_("Sinds het vorige overzicht kwamen deze notificaties binnen:"), ""]
        for n in items:
            when = timezone.localtime(n.created_at).strftime("%d-%m-%Y %H:%M")
            label = str(EventKind(n.kind).label) if n.kind in EventKind.values else ""
            lines.append(f"- {when} {label}: {n.reference}" if n.reference else f"- {when} {label}")
        lines += ["", _("Bekijk ze in Vangnet: %(url)s") % {"url": _link(reverse("notifications:list"))}, ""]
        lines.append(_footer())
    return subject, "\n".join(lines) + "\n"


def waiting_for_digest(user: "User", now: datetime) -> list[Notification]:
    """The user's digest notifications that no digest listed yet and that she has
    not read in the app already, oldest first."""
    qs = Notification.objects.filter(user=user, channel=Channel.DIGEST, digest=None, read_at=None, created_at__lte=now)
    return list(qs.order_by("created_at", "id"))


def send_digest(user: "User", *, now: datetime | None = None) -> NotificationDigest | None:
    """The digest of ``user`` for today, if she has waiting digest notifications and
    got none today. Safe to run again (or twice at once): the unique (user, day)
    row is claimed first, so a second run the same day sends nothing."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        waiting = waiting_for_digest(user, now)
        if not waiting or not user.is_active:
            return None
        try:
            with transaction.atomic():
                digest = NotificationDigest.objects.create(user=user, day=day, created_at=now)
        except IntegrityError:
            return None  # already sent today: these wait for tomorrow's
        Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(digest=digest)
        if user.email:
            subject, body = digest_text(waiting)
            digest.mail = queue_mail(kind=OutgoingMail.Kind.DAGOVERZICHT, to=user.email, subject=subject, body=body)
            digest.save(update_fields=["mail"])
    return digest


def send_digests(*, now: datetime | None = None) -> int:
    """Every user's digest for today (``manage.py send_notification_digest``, daily
    from cron); returns the number of digests made."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    user_ids = (
        Notification.objects.filter(channel=Channel.DIGEST, digest=None, read_at=None, created_at__lte=now)
        .values_list("user_id", flat=True)
        .distinct()
    )
    made = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids)).order_by("pk"):
        if send_digest(user, now=now) is not None:
            made += 1
    return made


# --- reading ---------------------------------------------------------------------


# The header's unread count, remembered on the request's user: the login backend counts it
# in the user's own query, the home page together with the new ones (issue 17: no query of
# its own on every page). Marking read forgets it, so the header counts again.
_UNREAD = "_vangnet_unread_notifications"


def unread_count_annotation() -> dict[str, Any]:
    """For ``User.objects.annotate(**…)``: the user's unread count as a subquery."""
    return {_UNREAD: count_of(Notification.objects.filter(user=OuterRef("pk"), read_at=None))}


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    remembered = getattr(user, _UNREAD, None)
    if remembered is not None:
        return int(remembered)
    return Notification.objects.filter(user=user, read_at=None).count()


def _forget_unread(user: Any) -> None:
    if hasattr(user, _UNREAD):
        delattr(user, _UNREAD)


def mark_all_read(user: Any) -> int:
    _forget_unread(user)
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


def open_notification(user: Any, pk: int) -> Notification | None:
    """The user's own notification ``pk``, marked read; None for anyone else's."""
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        _forget_unread(user)
    return notification
