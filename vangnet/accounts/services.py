"""Authentication services: two-factor devices, security logging and the
"Functioneel beheer" group. Views stay thin and call these functions."""

import base64
import binascii
import time
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.audit.middleware import client_ip
from vangnet.core.logging import get_logger

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
    ("intake", "concerncategory", ("add", "change", "view")),
    ("norms", "normsettings", ("add", "change", "view")),
    # The Wvggz questionnaire: new versions are drafted and published here; a published
    # version is never changed (the models refuse it), so old answers keep their questions.
    ("wvggz", "questionnaireversion", ("change", "view")),
    ("wvggz", "question", ("add", "change", "delete", "view")),
    ("network", "service", ("add", "change", "view")),
    # Reset a lost phone = remove the device; the user enrols a new one at the
    # next login. Adding devices for someone else is not needed (and would
    # reveal the secret), so no "add".
    ("otp_totp", "totpdevice", ("change", "view", "delete")),
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
