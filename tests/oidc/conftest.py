"""A real OpenID Connect provider for the single sign-on tests: tests/oidc/provider
(the oidc-provider package on Node.js), started on a free 127.0.0.1 port for the test
session and stopped after it. Installed by scripts/ensure-oidc-provider (``make test``).
Skipped when Node.js or the package is missing, unless VANGNET_REQUIRE_OIDC_PROVIDER=1
(CI), where that is a failure.

Fixtures:
- ``oidc_provider``: the running provider (``issuer``, ``next_id_token(**mode)``);
- ``sso``: single sign-on switched on against it (Django settings), with ``sso.login(client,
  email, acr=, amr=)`` driving the whole sign-in over real HTTP: the Django test client for
  Vangnet, ``requests`` for the provider; the library's token, JWKS and userinfo calls go
  to the provider itself.
"""

import logging
import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from vangnet.accounts import oidc

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_ID = "vangnet"
CLIENT_SECRET = "een-geheim-alleen-voor-de-tests"
CALLBACK = "/account/sso/terug/"
AFTER_LOGOUT = "/account/inloggen/"
HOSTS = ("http://testserver", "http://127.0.0.1", "http://localhost")


def _unavailable(reason: str):
    if os.environ.get("VANGNET_REQUIRE_OIDC_PROVIDER") == "1":
        pytest.fail(f"The test OpenID provider cannot run: {reason} (scripts/ensure-oidc-provider)")
    pytest.skip(f"The test OpenID provider cannot run: {reason} (scripts/ensure-oidc-provider)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen = field(repr=False)

    def next_id_token(self, **mode) -> None:
        """The next ID token signed carries another audience or a past expiry (provider.mjs)."""
        requests.post(f"{self.issuer}/_test/next-id-token", json=mode, timeout=5).raise_for_status()


@pytest.fixture(scope="session")
def oidc_provider():
    node = shutil.which("node")
    if node is None:
        _unavailable("node not found")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        _unavailable("tests/oidc/provider/node_modules is missing")
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PORT": str(port),
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(h + CALLBACK for h in HOSTS),
        "POST_LOGOUT_REDIRECT_URIS": ",".join(h + AFTER_LOGOUT for h in HOSTS),
    }
    assert node is not None
    process = subprocess.Popen(
        [node, "provider.mjs"], cwd=PROVIDER_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            _unavailable(f"it stopped: {process.stdout.read() if process.stdout else ''}")
        try:
            requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).raise_for_status()
            break
        except requests.RequestException:
            if time.monotonic() > deadline:
                process.kill()
                _unavailable("it did not answer within 20 seconds")
            time.sleep(0.1)
    yield Provider(issuer=issuer, process=process)
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()


def _form(html: str) -> tuple[str, dict[str, str]]:
    """The action and hidden/filled inputs of the (only) form of a provider page."""
    form = re.search(r'<form[^>]*action="([^"]*)"', html)
    assert form is not None, html[:500]
    action = unescape(form.group(1))
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    # The first named button is the one pressed (the provider's "yes, log out").
    if button := re.search(r'<button[^>]*name="([^"]*)"[^>]*value="([^"]*)"', html):
        fields[unescape(button.group(1))] = unescape(button.group(2))
    return action, fields


@dataclass
class SSO:
    provider: Provider
    browser: requests.Session = field(default_factory=requests.Session)  # the provider's cookies

    def follow(self, url: str, *, email: str | None = None, acr: str = "", amr: str = ""):
        """Follows the provider's redirects (posting its login form when it asks) up to the
        first URL back at Vangnet, which it returns (path and query)."""
        response = self.browser.get(url, allow_redirects=False, timeout=10)
        for _ in range(20):
            if response.status_code in (301, 302, 303):
                target = urljoin(response.url, response.headers["Location"])
                if not target.startswith(self.provider.issuer):
                    parts = urlsplit(target)
                    return parts.path + (f"?{parts.query}" if parts.query else "")
                response = self.browser.get(target, allow_redirects=False, timeout=10)
            elif response.status_code == 200 and "<form" in response.text:
                action, fields = _form(response.text)
                if "email" in fields:
                    assert email is not None, "the provider asks who logs in"
                    fields.update(email=email, acr=acr, amr=amr)
                response = self.browser.post(
                    urljoin(response.url, action), data=fields, allow_redirects=False, timeout=10
                )
            else:
                raise AssertionError(f"provider answered {response.status_code}: {response.text[:500]}")
        raise AssertionError("too many redirects at the provider")

    def login(self, client, email: str, *, acr: str = "", amr: str = "", next_url: str | None = None):
        """The whole sign-in; returns Vangnet's answer to the provider's callback."""
        start = reverse("accounts:oidc_start") + (f"?next={next_url}" if next_url else "")
        response = client.get(start)
        assert response.status_code == 302 and response["Location"].startswith(self.provider.issuer)
        back = self.follow(response["Location"], email=email, acr=acr, amr=amr)
        assert back.startswith(CALLBACK), back
        return client.get(back)


@pytest.fixture
def sso(settings, oidc_provider):
    settings.VANGNET_OIDC_ENABLED = True
    settings.VANGNET_OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.VANGNET_OIDC_ACCEPTED_AMR = []
    settings.VANGNET_OIDC_ACCEPTED_ACR = []
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, oidc.BACKEND_PATH]
    oidc._discovered.clear()
    yield SSO(provider=oidc_provider)
    oidc._discovered.clear()


@pytest.fixture
def security_log(caplog):
    """The events written to the security log (vangnet.security) during the test."""
    caplog.set_level(logging.INFO, logger="vangnet.security")
    return lambda: [r.msg for r in caplog.records if r.name == "vangnet.security" and isinstance(r.msg, dict)]
