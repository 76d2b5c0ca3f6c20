"""Browser tests: Playwright (Python) driving Debian's Chromium against a live
Django server. Never downloads a browser. Skipped when /usr/bin/chromium is
missing, unless VANGNET_REQUIRE_BROWSER=1 (CI), where that is a failure.

Fixtures:
- ``browser``: one headless Chromium per test session (Debian's binary only).
- ``page``: a fresh phone-sized context (390x844, nl-NL) on the live server;
  ``page.console_errors`` and ``page.page_errors`` collect what went wrong in JS.
- ``check_a11y(page, label)``: axe-core, fails on serious/critical WCAG 2.1 A/AA.
- ``ui_login(page, user)``: the real login, password then TOTP code.
- ``session_login(page, user)``: a 2FA-verified session cookie, for tests that
  are not about logging in.
- ``no_csp_violations(page)``: fails on a CSP refusal or a JavaScript error;
  ``csp_violations(page)`` lists the refusals.
- ``serious_violations(page)`` / ``describe_violations``: axe-core without asserting.
- ``region`` / ``people``: a GGD (meldpunt + bemoeizorgteam), a police team and
  users with fixed names (mila: meldpunt, bram: casusregisseur, dewi: duo,
  tessa: teamleider, wijkagent: partner, nina: no TOTP device yet).

Every ``page`` puts back the data-migration rows (concern categories): the
flush after each transactional test removes them. The flush itself lifts and
restores the append-only triggers of the access log (vangnet/audit/management/
commands/flush.py), on SQLite and PostgreSQL.
"""

import importlib
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import handlers as staticfiles_handlers
from django.contrib.staticfiles.handlers import StaticFilesHandler

from tests.factories import GemeenteFactory, OrganisationFactory, TeamFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.management.commands import flush as audit_flush


class _OneRequestAtATime(StaticFilesHandler):
    """The live server's handler, one request at a time.

    With SQLite in memory, every request thread of the live server shares the test
    connection, so two HTMX requests at once (a triage screen posts its decision
    fields on every change while the register search posts) interleave their
    transactions on one connection: both read the same access-log chain head and
    the second insert is refused ("audit_accesslog is append-only"). In production
    each request has its own connection and the chain head is locked (IMMEDIATE
    on SQLite, a row lock on PostgreSQL); here the lock stands in for that."""

    _lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            return super().__call__(environ, start_response)


# pytest-django's live server imports the handler from this module when it starts.
staticfiles_handlers.StaticFilesHandler = _OneRequestAtATime  # type: ignore[misc]

_flush = audit_flush.Command.handle


def _flush_between_requests(self: Any, **options: Any) -> Any:
    """The flush after a browser test waits for a request still in flight (a late HTMX
    or keep-alive request of the closing page), so no access-log row is written between
    emptying the log and resetting its chain head (PostgreSQL CI: "seq 1 already exists")."""
    with _OneRequestAtATime._lock:
        return _flush(self, **options)


audit_flush.Command.handle = _flush_between_requests  # type: ignore[method-assign]

CHROMIUM = os.environ.get("VANGNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}

# A fixed TOTP secret (base32) so tests can compute the code an app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory

CSP_MARKERS = ("Content Security Policy", "Content-Security-Policy")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("VANGNET_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # refuses to run under a running loop unless told it is safe (it is: tests
    # use the ORM only from the test thread, the server runs in its own thread).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    # A loaded 2-core CI machine can be slow to answer; assertions wait longer
    # than Playwright's 5 s default rather than flake.
    expect.set_options(timeout=15_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def ensure_reference_data() -> None:
    """Put back the rows data migrations create (concern categories), idempotently.
    Transactional tests end with a flush that empties every table, so a later
    browser test would otherwise find no categories."""
    from django.apps import apps

    importlib.import_module("vangnet.intake.migrations.0002_concern_categories").add(apps, None)


@pytest.fixture
def page(browser, live_server, transactional_db):
    ensure_reference_data()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors, page_errors = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.console_errors = errors
    page.page_errors = page_errors
    yield page
    context.close()


def csp_violations(page) -> list[str]:
    return [e for e in page.console_errors if any(m in e for m in CSP_MARKERS)]


@pytest.fixture
def no_csp_violations():
    """Call at the end of a test: fails if the browser refused anything under the CSP
    or a script threw."""

    def check(page):
        assert not csp_violations(page), "CSP refused something:\n" + "\n".join(csp_violations(page))
        assert not page.page_errors, "JavaScript errors:\n" + "\n".join(page.page_errors)

    return check


_axe = None


def serious_violations(page) -> list[dict]:
    """axe-core on the current page: the serious and critical WCAG 2.0/2.1 A/AA violations."""
    global _axe
    from axe_playwright_python.sync_playwright import Axe

    _axe = _axe or Axe()
    # A click that navigates returns before the new document is there; axe on a document
    # being replaced fails on a null documentElement, so wait until it has loaded.
    page.wait_for_load_state("load")
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],  # much less to compute and send back
        },
    )
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:3]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:200]}\n      {node.get('html', '')[:160]}")
    return "\n".join(lines)


@pytest.fixture
def check_a11y():
    """Run axe-core on the current page; fail on serious or critical WCAG violations."""

    def run(page, label: str = ""):
        bad = serious_violations(page)
        assert not bad, (
            f"axe-core found serious/critical violations on {label or page.url}:\n{describe_violations(bad)}"
        )
        return bad

    return run


@pytest.fixture
def totp():
    """``totp(user)`` gives the user a confirmed TOTP device with the known secret;
    ``totp.code(user)`` is the code an authenticator app would show now."""
    from vangnet.accounts.services import current_totp_code, ensure_totp_device

    devices = {}

    class Totp:
        def __call__(self, user):
            devices[user.pk] = ensure_totp_device(user, TOTP_SECRET)
            return devices[user.pk]

        def code(self, user):
            device = devices.get(user.pk) or self(user)
            return current_totp_code(device)

    return Totp()


@pytest.fixture
def ui_login(totp):
    """Log in through the real pages: username + password, then the TOTP code.
    A TOTP code is accepted once per user per time step, so log each user in
    once per test (use another user for a second login)."""
    from django.urls import reverse

    def login(page, user, *, password=PASSWORD):
        totp(user)
        page.goto(reverse("accounts:login"))
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(re.compile(re.escape(reverse("accounts:otp_verify")) + "$"))
        page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
        page.get_by_label("Code uit uw authenticator-app").fill(totp.code(user))
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_url(lambda url: "/account/" not in url)
        return page

    return login


@pytest.fixture
def session_login(live_server):
    """A 2FA-verified session for ``user`` put straight into the browser (fast)."""
    from tests.conftest import verified_client

    def login(page, user):
        client = verified_client(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
        return page

    return login


# --- people and places -----------------------------------------------------
# Fixed, readable names so tests can pick users by their visible label.


@pytest.fixture
def region(transactional_db):
    """A GGD that runs the meldpunt and the bemoeizorgteam for Noordstad, and a
    police team that reports to it."""
    ensure_reference_data()
    noordstad = GemeenteFactory(name="Noordstad")
    ggd = OrganisationFactory(name="GGD Noordstad", runs_meldpunt=True, does_bemoeizorg=True)
    ggd.gemeenten.set([noordstad])
    police = OrganisationFactory(name="Politie Noordstad", kind="politie", runs_meldpunt=False, does_bemoeizorg=False)
    police.gemeenten.set([noordstad])
    team = TeamFactory(organisation=ggd, name="Bemoeizorgteam Noordstad")
    return {"ggd": ggd, "police": police, "team": team, "gemeente": noordstad}


@pytest.fixture
def people(region):
    ggd, police, team = region["ggd"], region["police"], region["team"]

    def user(username, first, last, role, organisation=ggd):
        u = UserFactory(username=username, first_name=first, last_name=last, role=role, organisation=organisation)
        if role in (Role.BEMOEIZORGER, Role.TEAMLEIDER):
            u.teams.add(team)
        return u

    return {
        "meldpunt": user("mila", "Mila", "de Wit", Role.MELDPUNT),
        "regisseur": user("bram", "Bram", "Bakker", Role.BEMOEIZORGER),
        "duo": user("dewi", "Dewi", "Jansen", Role.BEMOEIZORGER),
        "teamleider": user("tessa", "Tessa", "Visser", Role.TEAMLEIDER),
        "partner": user("wijkagent", "Willem", "Agent", Role.PARTNER, organisation=police),
        "new_user": user("nina", "Nina", "Nieuw", Role.BEMOEIZORGER),
        "beheerder": user("bert", "Bert", "Beheer", Role.BEHEERDER),
        "privacy": user("paula", "Paula", "Privacy", Role.PRIVACY),
    }


@pytest.fixture
def casus(people, region):
    """An open casus of the region's GGD (a month old), with the regisseur and the duo: the
    phone tests of the casus pages start here. A test module may define its own."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CasusFactory

    return CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - timedelta(days=30),
        members=[people["duo"]],
    )


def assert_fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width} px"
