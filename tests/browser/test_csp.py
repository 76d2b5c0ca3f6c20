"""The strict Content Security Policy is really sent and enforced, HTMX runs
under it, and the CSP check the other browser tests rely on does catch a refusal."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_strict_csp_is_enforced_and_detected(page, session_login, people):
    session_login(page, people["meldpunt"])
    response = page.goto(reverse("intake:create"))
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy

    # HTMX is loaded from a static file and initialised without eval or inline styles.
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False
    assert csp_violations(page) == []

    # An inline script is refused by the browser, and the refusal is seen by our check.
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__inlineRan = true';
                   document.body.appendChild(s); }"""
    )
    expect(page.locator("body")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__inlineRan === true") is False
    assert csp_violations(page), f"expected a CSP refusal in the console, got {page.console_errors}"
