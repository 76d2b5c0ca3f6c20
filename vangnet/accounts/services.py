"""Authentication services: two-factor devices, security logging and the
"Functioneel beheer" group. Views stay thin and call these functions."""

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import math
import re
import smtplib
import time
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.audit.middleware import client_ip
from vangnet.core.logging import get_logger

from . import roles
from .models import LoginDelay, PendingAccountChange, Role

security_log = get_logger("vangnet.security")

# After this many wrong codes in one session the user is logged out.
MAX_OTP_FAILURES_PER_SESSION = 5
OTP_FAILURES_SESSION_KEY = "accounts_otp_failures"
NEXT_SESSION_KEY = "accounts_next"
ENROLMENT_DEVICE_NAME = "Authenticator-app"

BEHEER_GROUP_NAME = "Functioneel beheer"
# (app_label, model, actions). Deliberately no model holding personal data of
# clients (persons, meldingen, casussen, triage, audit log).
BEHEER_PERMISSIONS = [
    ("organisations", "gemeente", ("add", "change", "view")),
    ("organisations", "organisation", ("add", "change", "view")),
    ("organisations", "team", ("add", "change", "view")),
    ("accounts", "user", ("add", "change", "view")),
    # Four eyes: approve or reject what another beheerder asked (never one's own).
    ("accounts", "pendingaccountchange", ("change", "view")),
    ("intake", "concerncategory", ("add", "change", "view")),
    ("norms", "normsettings", ("add", "change", "view")),
    # The Wvggz questionnaire: new versions are drafted and published here; a published
    # version is never changed (the models refuse it), so old answers keep their questions.
    ("wvggz", "questionnaireversion", ("change", "view")),
    ("wvggz", "question", ("add", "change", "delete", "view")),
    ("network", "service", ("add", "change", "view")),
    # issue 15: the labels of the five levels of the life-domain scale (no personal data;
    # the levels themselves are fixed, so no add or delete).
    ("leefgebieden", "scalelabel", ("change", "view")),
    # Reset a lost phone = ask for the device to be removed (a second beheerder
    # approves; see request_device_removal); the user enrols a new one at the next
    # login. No "add" (it would reveal the secret) and no direct "delete".
    ("otp_totp", "totpdevice", ("view",)),
    # Lift a brute-force lockout ("neem contact op met functioneel beheer").
    ("axes", "accessattempt", ("view", "delete")),
]


# --- Security log ----------------------------------------------------------


def log_security_event(event: str, request=None, *, user=None, **fields) -> None:
    """One structured line in the security log. Never pass passwords or codes."""
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None:
        fields.setdefault("user_id", user.pk)
        fields.setdefault("username", user.get_username())
    if request is not None:
        fields.setdefault("ip_address", getattr(request, "client_ip", None) or client_ip(request))
    security_log.info(event, **fields)


# --- Redirect target ---------------------------------------------------------


def safe_next_url(request, candidate: str | None) -> str | None:
    """``candidate`` if it is a local URL, else None (no open redirects)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


# --- TOTP devices --------------------------------------------------------------


def confirmed_totp_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def has_confirmed_totp_device(user) -> bool:
    return confirmed_totp_devices(user).exists()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device a user is enrolling (created with a fresh random
    key the first time). Reloading the set-up page keeps the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=ENROLMENT_DEVICE_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    """The secret as base32 in groups of four, for typing into an app by hand."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_code_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// URL as an inline SVG QR code (no inline styles: CSP)."""
    import segno

    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, border=4, title=title, svgclass="qr-code", lineclass=None, dark="#000", light="#fff")


@dataclass
class OtpResult:
    device: TOTPDevice | None
    throttled: bool = False
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.device is not None


def _throttle_wait(device: TOTPDevice) -> int | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return 1
    from django.utils import timezone

    return max(1, int((locked_until - timezone.now()).total_seconds()) + 1)


def verify_totp_code(devices, code: str) -> OtpResult:
    """Check ``code`` against ``devices`` (django-otp throttles per device)."""
    devices = list(devices)
    waits = []
    for device in devices:
        wait = _throttle_wait(device)
        if wait is not None:
            waits.append(wait)
            continue
        if device.verify_token(code):  # counts failures on the device itself
            return OtpResult(device=device)
    if waits and len(waits) == len(devices):
        return OtpResult(device=None, throttled=True, wait_seconds=min(waits))
    return OtpResult(device=None)


def confirm_enrolment(device: TOTPDevice, code: str) -> OtpResult:
    """Confirm a new device with a code from the app; then it counts as 2FA."""
    result = verify_totp_code([device], code)
    if result.ok:
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=device.user, confirmed=False).exclude(pk=device.pk).delete()
    return result


def register_otp_failure(request) -> int:
    failures = int(request.session.get(OTP_FAILURES_SESSION_KEY, 0)) + 1
    request.session[OTP_FAILURES_SESSION_KEY] = failures
    return failures


def _hex_key_from_base32(secret_base32: str) -> str:
    cleaned = "".join(secret_base32.split()).upper()
    cleaned += "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("Geen geldige base32-sleutel.") from exc
    if not 10 <= len(raw) <= 40:
        raise ValueError("De sleutel moet tussen 10 en 40 bytes lang zijn.")
    return raw.hex()


def ensure_totp_device(user, secret_base32: str) -> TOTPDevice:
    """Give ``user`` a confirmed TOTP device with a known secret (demo data and
    browser tests). Updates the user's first TOTP device if there is one."""
    key = _hex_key_from_base32(secret_base32)
    device = TOTPDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=ENROLMENT_DEVICE_NAME)
    device.key = key
    device.confirmed = True
    device.drift = 0
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    return device


def current_totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the user's app shows now (or at unix time ``at``), zero-padded."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


# --- Functioneel beheer ----------------------------------------------------------


def ensure_beheer_group() -> Group:
    """Create or reset the group for functioneel beheer to exactly the intended
    permissions (idempotent; removes anything added by hand)."""
    group, _ = Group.objects.get_or_create(name=BEHEER_GROUP_NAME)
    permissions = []
    for app_label, model_name, actions in BEHEER_PERMISSIONS:
        model = apps.get_model(app_label, model_name)
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for action in actions:
            codename = f"{action}_{model._meta.model_name}"
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            permissions.append(permission)
    group.permissions.set(permissions)
    return group


# --- User names in logs and lockout records ----------------------------------------


UNKNOWN_USERNAME_KEY = re.compile(r"onbekend:[0-9a-f]{32}")


def username_key(typed: str) -> str:
    """The user name as typed if such an account exists, else a keyed hash: people
    type passwords into the user name field, and that text must never be stored
    (security log, axes' AccessAttempt, our LoginDelay)."""
    typed = typed or ""
    if UNKNOWN_USERNAME_KEY.fullmatch(typed):
        return typed  # already a key (user names cannot contain ":")
    if typed and get_user_model().objects.filter(username=typed).exists():
        return typed
    digest = hmac.new(force_bytes(settings.SECRET_KEY), force_bytes(typed), hashlib.sha256).hexdigest()
    return f"onbekend:{digest[:32]}"


def axes_username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: axes stores and locks on username_key()."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = getattr(request, "data", request.POST).get(field) if request is not None else None
    return None if typed is None else username_key(typed)


# --- Teamleiders and notifications ----------------------------------------------


def teamleiders_of(user):
    """Active teamleiders of the user's organisation (not the user herself)."""
    if user.organisation_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(organisation_id=user.organisation_id, role=Role.TEAMLEIDER, is_active=True)
        .exclude(pk=user.pk)
    )


def _beheerders_of(user):
    return (
        get_user_model()
        .objects.filter(
            organisation_id=user.organisation_id, role=Role.BEHEERDER, is_active=True, groups__name=BEHEER_GROUP_NAME
        )
        .exclude(pk=user.pk)
    )


def notify_account_event(user, text_for_user: str, text_for_others: str) -> None:
    """Tell the user concerned and her teamleider(s) in the app (no client data)."""
    from vangnet.notifications.models import EventKind
    from vangnet.notifications.services import notify

    notify(user, text_for_user, kind=EventKind.ACCOUNT)
    # To the teamleider it is about someone else's account: the free-text kind, so
    # the list shows which account (the label "Je account" would say it is hers).
    for leader in teamleiders_of(user):
        notify(leader, text_for_others)


# --- Four eyes: changes that need a second beheerder ---------------------------------

# Fields nobody may change on their own account through beheer.
SELF_PROTECTED_FIELDS = ("role", "organisation", "is_staff", "is_superuser", "groups", "user_permissions")


def is_account_manager(user) -> bool:
    """Superuser, or a verified-staff beheerder in the beheer group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.role == Role.BEHEERDER and user.groups.filter(name=BEHEER_GROUP_NAME).exists()


def refuse_self_change(actor, user, changed_fields) -> None:
    """Nobody, superusers included, changes their own role, organisation, staff
    flags or groups: that is how one would give oneself access to casussen."""
    forbidden = sorted(set(changed_fields) & set(SELF_PROTECTED_FIELDS))
    if user.pk is not None and actor.pk == user.pk and forbidden:
        log_security_event("self_change_refused", user=actor, fields=forbidden)
        raise PermissionDenied(_("U kunt uw eigen rol, organisatie of rechten niet wijzigen."))


def needs_second_person(role: str) -> bool:
    return roles.has_data_access(role)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else "-"


def _organisation_name(pk) -> str:
    from vangnet.organisations.models import Organisation

    return str(Organisation.objects.filter(pk=pk).first() or "-") if pk else "-"


def describe_change(change) -> str:
    """One line for the approver and the notifications (no client data)."""
    if change.kind == PendingAccountChange.Kind.DEVICE_REMOVAL:
        return _("tweestapsverificatie verwijderen")
    new, old = change.changes, change.previous
    parts = []
    if "role" in new:
        parts.append(
            _("rol %(old_role)s → %(new_role)s, organisatie %(old_org)s → %(new_org)s")
            % {
                "old_role": _role_label(old.get("role", "")),
                "new_role": _role_label(new.get("role", "")),
                "old_org": _organisation_name(old.get("organisation")),
                "new_org": _organisation_name(new.get("organisation")),
            }
        )
    if "email" in new:
        # The approver must see where the reset link goes.
        parts.append(
            _("e-mail %(old_email)s → %(new_email)s")
            % {"old_email": old.get("email") or "-", "new_email": new["email"] or "-"}
        )
    if new.get("is_staff"):
        parts.append(_("toegang tot beheer (stafstatus)"))
    if new.get("is_superuser"):
        parts.append(_("superuserstatus"))
    if new.get("add_groups"):
        names = ", ".join(Group.objects.filter(pk__in=new["add_groups"]).values_list("name", flat=True))
        parts.append(_("groepen: %(names)s") % {"names": names})
    return ", ".join(parts)


def _announce(change, event: str, actor) -> None:
    described = describe_change(change)
    log_security_event(
        event,
        user=actor,
        change_id=change.pk,
        kind=change.kind,
        target_user_id=change.user_id,
        target_username=change.user.get_username(),
        changes=change.changes,
    )
    texts = {
        "account_change_requested": (
            _("Functioneel beheer heeft een wijziging van uw account aangevraagd: %(change)s."),
            _("Accountwijziging aangevraagd voor %(name)s: %(change)s."),
        ),
        "account_change_approved": (
            _("Een wijziging van uw account is goedgekeurd en doorgevoerd: %(change)s."),
            _("Accountwijziging goedgekeurd voor %(name)s: %(change)s."),
        ),
        "account_change_rejected": (
            _("Een aangevraagde wijziging van uw account is afgewezen: %(change)s."),
            _("Accountwijziging afgewezen voor %(name)s: %(change)s."),
        ),
    }
    mine, others = texts[event]
    params = {"change": described, "name": str(change.user)}
    notify_account_event(change.user, mine % params, others % params)


def request_role_change(
    actor,
    user,
    *,
    role: str,
    organisation_id,
    email: str | None = None,
    grant_staff: bool = False,
    grant_superuser: bool = False,
    add_group_ids=(),
) -> PendingAccountChange | None:
    """Ask for ``user`` to get ``role`` in ``organisation_id``, a new ``email``, or
    more rights. What needs a second person goes into one request (returned) and
    the account keeps its current values for those; the rest (e.g. a role without
    data access) may be applied by the caller at once. Needs a second person:
    - a role with access to personal data, or a move to another organisation with one;
    - a new e-mail address of such an account (the reset link goes there);
    - staff or superuser status and groups: else one beheerder could make a second
      beheerder account for himself and approve his own requests with it."""
    if not is_account_manager(actor):
        raise PermissionDenied
    role_moves = role != user.role or organisation_id != user.organisation_id
    differs = {
        "role": role != user.role,
        "organisation": organisation_id != user.organisation_id,
        "is_staff": grant_staff,
        "is_superuser": grant_superuser,
        "groups": bool(add_group_ids),
    }
    refuse_self_change(actor, user, [name for name, changed in differs.items() if changed])
    wanted, previous = {}, {}
    if role_moves and needs_second_person(role):
        wanted.update(role=role, organisation=organisation_id)
        previous.update(role=user.role, organisation=user.organisation_id)
    if email is not None and email != user.email and (needs_second_person(user.role) or needs_second_person(role)):
        wanted["email"], previous["email"] = email, user.email
    if grant_staff:
        wanted["is_staff"], previous["is_staff"] = True, user.is_staff
    if grant_superuser:
        wanted["is_superuser"], previous["is_superuser"] = True, user.is_superuser
    if add_group_ids:
        wanted["add_groups"] = sorted(int(pk) for pk in add_group_ids)
    if not wanted:
        return None
    pending = PendingAccountChange.objects.filter(
        user=user, kind=PendingAccountChange.Kind.ROLE, status=PendingAccountChange.Status.PENDING
    )
    for existing in pending:
        if existing.changes == wanted:
            return existing
    change = PendingAccountChange.objects.create(
        user=user, kind=PendingAccountChange.Kind.ROLE, changes=wanted, previous=previous, requested_by=actor
    )
    _announce(change, "account_change_requested", actor)
    return change


def request_device_removal(actor, device) -> PendingAccountChange:
    """Ask for a (lost) authenticator app to be removed; a second person approves."""
    if not is_account_manager(actor):
        raise PermissionDenied
    user = device.user
    change = PendingAccountChange.objects.filter(
        user=user, kind=PendingAccountChange.Kind.DEVICE_REMOVAL, status=PendingAccountChange.Status.PENDING
    ).first()
    if change is not None and device.pk in change.changes.get("device_ids", []):
        return change
    change = PendingAccountChange.objects.create(
        user=user,
        kind=PendingAccountChange.Kind.DEVICE_REMOVAL,
        changes={"device_ids": [device.pk]},
        previous={"device_name": device.name},
        requested_by=actor,
    )
    _announce(change, "account_change_requested", actor)
    return change


def _check_decider(actor, change) -> None:
    if not is_account_manager(actor):
        raise PermissionDenied(_("Alleen functioneel beheer kan accountwijzigingen beoordelen."))
    if change.status != PendingAccountChange.Status.PENDING:
        raise ValidationError(_("Over deze wijziging is al besloten."))
    if actor.pk == change.requested_by_id:
        log_security_event("account_change_own_approval_refused", user=actor, change_id=change.pk)
        raise PermissionDenied(_("Een tweede beheerder moet deze wijziging beoordelen, niet de aanvrager."))
    if actor.pk == change.user_id:
        log_security_event("account_change_own_approval_refused", user=actor, change_id=change.pk)
        raise PermissionDenied(_("U kunt geen wijziging van uw eigen account beoordelen."))


def _locked(change):
    return PendingAccountChange.objects.select_for_update().select_related("user").get(pk=change.pk)


def approve_account_change(actor, change) -> None:
    """The second person approves: only now does the change take effect."""
    with transaction.atomic():
        change = _locked(change)
        _check_decider(actor, change)
        user = change.user
        if change.kind == PendingAccountChange.Kind.ROLE:
            wanted = change.changes
            if "role" in wanted:
                user.role, user.organisation_id = wanted["role"], wanted["organisation"]
            for name in ("email", "is_staff", "is_superuser"):
                if name in wanted:
                    setattr(user, name, wanted[name])
            user.save(update_fields=["role", "organisation", "email", "is_staff", "is_superuser"])
            if wanted.get("add_groups"):
                user.groups.add(*Group.objects.filter(pk__in=wanted["add_groups"]))
        else:
            TOTPDevice.objects.filter(user=user, pk__in=change.changes.get("device_ids", [])).delete()
        change.status = PendingAccountChange.Status.APPROVED
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.save(update_fields=["status", "decided_by", "decided_at"])
    _announce(change, "account_change_approved", actor)
    if change.kind == PendingAccountChange.Kind.DEVICE_REMOVAL:
        log_security_event("otp_device_removed", user=actor, target_user_id=user.pk, change_id=change.pk)


def reject_account_change(actor, change) -> None:
    with transaction.atomic():
        change = _locked(change)
        _check_decider(actor, change)
        change.status = PendingAccountChange.Status.REJECTED
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.save(update_fields=["status", "decided_by", "decided_at"])
    _announce(change, "account_change_rejected", actor)


# --- Passwords: reset links, never typed by beheer ----------------------------------


def password_reset_url(user, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])


def send_password_reset_link(actor, user, *, base_url: str) -> None:
    """E-mail ``user`` a one-time link to choose a password. The token expires after
    PASSWORD_RESET_TIMEOUT and stops working once the password has changed."""
    if not is_account_manager(actor):
        raise PermissionDenied
    if not user.email:
        raise ValidationError(_("%(name)s heeft geen e-mailadres; vul dat eerst in.") % {"name": user})
    if not user.must_change_password:
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
    link = password_reset_url(user, base_url)
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    # Sent directly, not through the mail queue: a queued body would keep a
    # usable reset link in the database.
    try:
        _send_reset_mail(user, link, hours)
    except (smtplib.SMTPException, OSError) as exc:
        # Said plainly to beheer, never recorded as sent (the user keeps her old password).
        log_security_event("password_reset_link_failed", user=actor, target_user_id=user.pk, error=type(exc).__name__)
        raise ValidationError(
            _("De e-mail met de herstellink aan %(name)s kon niet worden verstuurd. Probeer het later opnieuw.")
            % {"name": user}
        ) from exc
    log_security_event("password_reset_link_sent", user=actor, target_user_id=user.pk, target_username=user.username)
    notify_account_event(
        user,
        _("Functioneel beheer heeft u per e-mail een link gestuurd om een nieuw wachtwoord te kiezen."),
        _("Functioneel beheer heeft %(name)s een link gestuurd om een nieuw wachtwoord te kiezen.") % {"name": user},
    )


def _send_reset_mail(user, link: str, hours: int) -> None:
    send_mail(
        _("Vangnet: kies een nieuw wachtwoord"),
        _(
            "Functioneel beheer heeft een link voor u aangemaakt om een nieuw wachtwoord te kiezen:\n\n%(link)s\n\n"
            "De link werkt één keer en is %(hours)d uur geldig. Heeft u hier niet om gevraagd? "
            "Neem dan contact op met functioneel beheer."
        )
        % {"link": link, "hours": hours},
        None,
        [user.email],
    )


def create_account(actor, user, *, base_url: str) -> str:
    """A new account from beheer: no password anybody typed (the user gets a reset
    link), and a role with data access only after a second person approves.
    Returns the Dutch message when the link could not be e-mailed (the account
    stands; beheer sends the link again later), else ""."""
    if not is_account_manager(actor):
        raise PermissionDenied
    wanted_role, wanted_org = user.role, user.organisation_id
    held = needs_second_person(wanted_role)
    if held:
        user.role = ""
    user.set_unusable_password()
    user.must_change_password = True
    user.save()
    log_security_event("account_created", user=actor, target_user_id=user.pk, target_username=user.username)
    if held:
        request_role_change(actor, user, role=wanted_role, organisation_id=wanted_org, email=user.email)
    if user.email:
        try:
            send_password_reset_link(actor, user, base_url=base_url)
        except ValidationError as exc:
            return " ".join(exc.messages)
    return ""


def password_set_by_link(user, request=None) -> None:
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    log_security_event("password_set_via_link", request, user=user)
    notify_account_event(
        user,
        _(
            "Uw wachtwoord is gewijzigd via een herstellink. Was u dat niet? Neem direct contact op met functioneel beheer."
        ),
        _("%(name)s heeft een nieuw wachtwoord gekozen via een herstellink.") % {"name": user},
    )


def password_changed_by_user(user, request=None) -> None:
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    log_security_event("password_changed", request, user=user)


# --- Progressive delay per user name (over all IP addresses) -------------------------


def _delay_for(failures: int) -> int:
    threshold = settings.VANGNET_LOGIN_DELAY_AFTER_FAILURES
    if failures < threshold:
        return 0
    return min(2 ** (failures - threshold + 1), settings.VANGNET_LOGIN_DELAY_MAX_SECONDS)


def _delay_window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.VANGNET_LOGIN_DELAY_WINDOW_SECONDS)


def claim_login_attempt(key: str) -> int:
    """0 if a password may be checked for this user name now, else the seconds to
    wait. A permitted attempt is counted as a failure up front, under a row lock,
    so a burst of parallel requests from many addresses cannot slip through
    together; a successful login clears the count again (clear_login_failures)."""
    now = timezone.now()
    with transaction.atomic():
        record, _ = LoginDelay.objects.select_for_update().get_or_create(username_key=key)
        if record.last_failure_at and record.last_failure_at < now - _delay_window():
            record.failures, record.delayed_until = 0, None
        if record.delayed_until and record.delayed_until > now:
            return max(1, math.ceil((record.delayed_until - now).total_seconds()))
        record.failures += 1
        record.last_failure_at = now
        wait = _delay_for(record.failures)
        record.delayed_until = now + dt.timedelta(seconds=wait) if wait else None
        record.save(update_fields=["failures", "last_failure_at", "delayed_until"])
    # Forget stale rows of other names now and then (typos, random guesses).
    LoginDelay.objects.filter(last_failure_at__lt=now - _delay_window()).exclude(pk=record.pk).delete()
    return 0


def register_login_failure(key: str, request=None) -> int:
    """The attempt claimed above failed: alert once when the delay starts.
    Returns the failures counted for this user name."""
    record = LoginDelay.objects.filter(username_key=key).first()
    failures = record.failures if record else 0
    if failures == settings.VANGNET_LOGIN_DELAY_AFTER_FAILURES:
        _alert_login_delay(key, failures, request)
    return failures


def clear_login_failures(key: str) -> None:
    LoginDelay.objects.filter(username_key=key).delete()


def _alert_login_delay(key: str, failures: int, request) -> None:
    log_security_event("login_delay_started", request, attempted_username=key, failures=failures)
    user = get_user_model().objects.filter(username=key).first()
    if user is None:
        return
    from vangnet.notifications.services import notify

    leaders = list(teamleiders_of(user)) or list(_beheerders_of(user))
    text = _(
        "Er is %(count)d keer achter elkaar een onjuist wachtwoord ingevoerd voor het account van %(name)s. "
        "Verdere pogingen worden vertraagd."
    ) % {"count": failures, "name": user}
    for leader in leaders:
        notify(leader, text)  # about someone else's account: the free-text kind (see notify_account_event)
