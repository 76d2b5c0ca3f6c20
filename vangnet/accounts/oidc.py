"""Single sign-on for staff through the municipality's OpenID Connect provider (issue 18),
on mozilla-django-oidc.

What Vangnet adds to the library:
- the ID token's audience, issuer and expiry are checked (the library checks only the
  signature and nonce); a refused token is a refusal with a reason, never a 500;
- a user is matched to an existing account on one configured claim (VANGNET_OIDC_CLAIM
  against User.VANGNET_OIDC_USER_FIELD) and never created: accounts and their roles come
  from beheer, under the four-eyes rule; a deactivated account is refused;
- the provider's second factor counts only when its ``acr`` or ``amr`` is one this
  installation accepts (VANGNET_OIDC_ACCEPTED_ACR / _AMR), else Vangnet's TOTP step follows;
- endpoints may come from the provider's discovery document (VANGNET_OIDC_ISSUER);
- the logged-in user is fetched by Vangnet's own backend (organisation, unread count and
  the session's TOTP device in one query, issue 17).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .backends import ModelBackend

BACKEND_PATH = "vangnet.accounts.oidc.OIDCBackend"
# Set in the session when the provider's acr/amr was accepted as the second factor.
PROVIDER_MFA_SESSION_KEY = "_vangnet_oidc_second_factor"
# The reason of the last refusal, for the refusal page.
REFUSAL_SESSION_KEY = "_vangnet_oidc_refusal"

_DISCOVERY_KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "VANGNET_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}
_discovery_lock = threading.Lock()
_discovered: dict[str, dict[str, Any]] = {}


def enabled() -> bool:
    return bool(settings.VANGNET_OIDC_ENABLED)


def local_login_enabled() -> bool:
    """Password + TOTP stays available unless turned off, and always when SSO is off."""
    return bool(settings.VANGNET_LOCAL_LOGIN) or not enabled()


def discovery_document(issuer: str) -> dict[str, Any]:
    """The provider's ``/.well-known/openid-configuration``, fetched once per process."""
    with _discovery_lock:
        if issuer not in _discovered:
            response = requests.get(
                issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            _discovered[issuer] = response.json()
        return _discovered[issuer]


def op_setting(attr: str, *args: Any) -> Any:
    """A setting of mozilla-django-oidc; an endpoint left empty comes from discovery."""
    value = getattr(settings, attr, None)
    if not value and attr in _DISCOVERY_KEYS and settings.VANGNET_OIDC_ISSUER:
        value = discovery_document(settings.VANGNET_OIDC_ISSUER).get(_DISCOVERY_KEYS[attr])
        if value:
            return value
    return import_from_settings(attr, *args)


@dataclass
class Refused(Exception):
    """A sign-in through the provider that Vangnet refuses; ``reason`` picks the page's text."""

    reason: str
    fields: dict[str, Any] = field(default_factory=dict)
    user: Any = None


def provider_second_factor(id_token: dict[str, Any]) -> dict[str, Any] | None:
    """The acr/amr of the ID token if this installation accepts it as the second factor."""
    acr = id_token.get("acr")
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    accepted_acr = set(settings.VANGNET_OIDC_ACCEPTED_ACR)
    accepted_amr = set(settings.VANGNET_OIDC_ACCEPTED_AMR)
    if (acr and acr in accepted_acr) or accepted_amr.intersection(amr):
        return {"acr": acr or "", "amr": list(amr)}
    return None


def _claim_digest(value: str) -> str:
    """The claim of an unknown user, as the login keeps a user name typed (never the text)."""
    from .services import username_key

    return username_key(f"oidc:{value}")


class OIDCBackend(OIDCAuthenticationBackend, ModelBackend):
    """mozilla-django-oidc's backend with Vangnet's checks (see the module)."""

    get_settings = staticmethod(op_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads its settings (here maybe discovery) on construction; Django builds
        # every backend for every login, also a password login: read them only when needed.
        self.UserModel = get_user_model()

    def _configure(self) -> None:
        OIDCAuthenticationBackend.__init__(self)

    # The logged-in user: Vangnet's own query (organisation, unread count, TOTP device).
    def get_user(self, user_id: Any) -> Any:
        return ModelBackend.get_user(self, user_id)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if request is None or not (request.GET.get("code") and request.GET.get("state")):
            return None
        if not enabled() or "nonce" not in kwargs:
            return None  # not the callback of a sign-in this session started
        self.second_factor: dict[str, Any] | None = None
        try:
            self._configure()
            user = super().authenticate(request, **kwargs)
        except Refused as refusal:
            request.vangnet_oidc_refusal = refusal
            return None
        except (SuspiciousOperation, requests.RequestException, ValueError, KeyError, ImproperlyConfigured) as error:
            request.vangnet_oidc_refusal = Refused("provider_error", {"error": type(error).__name__})
            return None
        if user is not None:
            request.vangnet_oidc_second_factor = self.second_factor
        return user

    def _verify_jws(self, payload: Any, key: Any) -> Any:
        header = jwt.get_unverified_header(payload)
        alg = header.get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise Refused("invalid_token", {"error": "algorithm", "alg": str(alg)})
        issuer = settings.VANGNET_OIDC_ISSUER or None
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[alg],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=settings.VANGNET_OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"], "verify_iss": issuer is not None},
            )
        except jwt.ExpiredSignatureError:
            raise Refused("token_expired") from None
        except jwt.InvalidAudienceError:
            raise Refused("wrong_audience") from None
        except jwt.InvalidIssuerError:
            raise Refused("wrong_issuer") from None
        except jwt.InvalidTokenError as error:
            raise Refused("invalid_token", {"error": type(error).__name__}) from None

    def verify_token(self, token: Any, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        self.id_token_payload = payload
        return payload

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise Refused("invalid_token", {"error": "userinfo_sub"})
        claim = settings.VANGNET_OIDC_CLAIM
        value = userinfo.get(claim, payload.get(claim))
        if not value or not isinstance(value, str):
            raise Refused("claim_missing", {"claim": claim})
        lookup = f"{settings.VANGNET_OIDC_USER_FIELD}__iexact"
        users = list(self.UserModel._default_manager.filter(**{lookup: value})[:2])
        if not users:
            raise Refused("unknown_user", {"claim": claim, "claim_key": _claim_digest(value)})
        if len(users) > 1:
            raise Refused("ambiguous_user", {"claim": claim, "claim_key": _claim_digest(value)})
        user = users[0]
        if not user.is_active:
            raise Refused("inactive_user", user=user)
        self.second_factor = provider_second_factor(payload)
        return user


def signed_in_through_provider(request: Any) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


def provider_logout_url(request: Any, post_logout_redirect_uri: str) -> str | None:
    """Where to end the provider's session too (RP-initiated logout), if it says where."""
    if not (enabled() and signed_in_through_provider(request)):
        return None
    try:
        endpoint = op_setting("VANGNET_OIDC_END_SESSION_ENDPOINT", "")
    except requests.RequestException:
        return None
    if not endpoint:
        return None
    params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": post_logout_redirect_uri}
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(params)}"
