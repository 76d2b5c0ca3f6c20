"""English is the second language: the catalogue is complete and the UI really switches.

Dutch is the source language, so every new ``{% translate %}``/``gettext`` string
needs an English msgstr in ``locale/en/LC_MESSAGES/django.po``. After adding
strings run::

    DEBUG=1 .venv/bin/python manage.py makemessages -l en --ignore=.venv \
        --ignore=tests --ignore=bench --ignore=staticfiles
    make messages        # compiles the .mo that the page tests below use

``test_po_has_no_untranslated_or_fuzzy_entries`` fails until the new strings are
translated; that is intended.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import MeldingFactory
from vangnet.accounts.models import Role

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

needs_mo = pytest.mark.skipif(
    not MO_FILE.exists(),
    reason=f"{MO_FILE.relative_to(settings.BASE_DIR)} is missing: run 'make messages' "
    "(needs msgfmt from gettext) to compile the English translations",
)

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def choose_english(client):
    """The language switcher's cookie: English only by the user's own choice."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- the catalogue ------------------------------------------------------------------


def _parse_po(path: Path) -> list[dict]:
    """A minimal .po parser (no extra dependency): one dict per non-obsolete entry.

    Keys: ``flags`` (set), ``msgid``, ``msgid_plural`` (or None), ``msgstr`` (list of
    strings: one, or one per plural form), ``line`` (where the entry starts).
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):  # obsolete entry: ignored by msgfmt too
            continue
        if entry is None:
            entry = {"flags": set(), "msgid_plural": None, "msgstr": {}, "line": number}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(field, int):
                entry["msgstr"][field] += value
            else:
                entry[field] += value
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            if match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
                field = int(match.group(1))
                entry["msgstr"][field] = value
            elif keyword == "msgstr":
                field = 0
                entry["msgstr"][0] = value
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                field = keyword
                entry[keyword] = value
            else:
                raise AssertionError(f"{path.name}:{number}: cannot parse {raw!r}")
    finish()
    for item in entries:
        item["msgstr"] = [item["msgstr"][k] for k in sorted(item["msgstr"])]
    return entries


def _label(entry) -> str:
    return f"{PO_FILE.name}:{entry['line']}: {entry['msgid']!r}"


def test_po_has_no_untranslated_or_fuzzy_entries():
    entries = _parse_po(PO_FILE)
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1, "the .po has no header entry"
    assert "fuzzy" not in header[0]["flags"], "the .po header is marked fuzzy (msgfmt would ignore it)"
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0]["msgstr"][0]
    messages = [e for e in entries if e["msgid"] != ""]
    assert len(messages) > 100, "the English catalogue looks empty"

    fuzzy = [_label(e) for e in messages if "fuzzy" in e["flags"]]
    untranslated = [_label(e) for e in messages if not all(s.strip() for s in e["msgstr"])]
    wrong_plurals = [_label(e) for e in messages if e["msgid_plural"] is not None and len(e["msgstr"]) != 2]
    assert not fuzzy, "Fuzzy entries in the English catalogue; check and remove the flag:\n" + "\n".join(fuzzy)
    assert not untranslated, "Untranslated entries in the English catalogue; add an English msgstr:\n" + "\n".join(
        untranslated
    )
    assert not wrong_plurals, "Plural entries need msgstr[0] and msgstr[1]:\n" + "\n".join(wrong_plurals)


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-z][^>]*>")


def test_po_translations_keep_placeholders_and_markup():
    problems = []
    for entry in _parse_po(PO_FILE):
        if entry["msgid"] == "":
            continue
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, translated in enumerate(entry["msgstr"]):
            if not translated:
                continue  # reported by the completeness test
            source = sources[min(index, 1)]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                problems.append(f"{_label(entry)} -> {translated!r}")
    assert not problems, "Placeholders or HTML differ between Dutch and English:\n" + "\n".join(problems)


# --- the running application --------------------------------------------------------


@needs_mo
def test_gettext_switches_to_english():
    with translation.override("en"):
        assert translation.gettext("Inloggen") == "Log in"
        assert translation.gettext("Melding") == "Report"
        assert translation.gettext("Casusregisseur") == "Case lead"
        assert str(Role.BEMOEIZORGER.label) == "Outreach worker"
        days_ago = ("%(days)s dag geleden", "%(days)s dagen geleden")
        assert translation.ngettext(*days_ago, 1) % {"days": 1} == "1 day ago"
        assert translation.ngettext(*days_ago, 3) % {"days": 3} == "3 days ago"
    with translation.override("nl"):
        assert translation.gettext("Inloggen") == "Inloggen"
        assert str(Role.BEMOEIZORGER.label) == "Bemoeizorger"


@pytest.mark.django_db
def test_browser_language_alone_does_not_switch_to_english(client):
    html = client.get(reverse("accounts:login"), **ENGLISH).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen bij Vangnet" in html


@needs_mo
def test_login_page_is_english_when_chosen(client):
    response = choose_english(client).get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log in to Vangnet" in html
    assert "<title>Log in · Vangnet</title>" in html
    assert "Username" in html and "Password" in html
    assert "two-factor authentication" in html
    assert "Inloggen" not in html
    assert "Wachtwoord" not in html


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen bij Vangnet" in html


@needs_mo
def test_language_switcher_makes_the_ui_english(client):
    login_url = reverse("accounts:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login_url})
    assert response.status_code == 302
    html = client.get(login_url).content.decode()
    assert "Log in to Vangnet" in html
    assert "Inloggen bij Vangnet" not in html
    # and back to Dutch
    client.post(reverse("set_language"), {"language": "nl", "next": login_url})
    assert "Inloggen bij Vangnet" in client.get(login_url).content.decode()


@needs_mo
def test_worklist_is_english_for_a_logged_in_user(users, login, ggd):
    MeldingFactory(meldpunt=ggd)
    response = choose_english(login(users["meldpunt"])).get(reverse("worklists:to_triage"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("To triage", "My cases", "Log out", "1 report awaiting triage", "Skip to content"):
        assert text in html, text
    for text in ("Te triëren", "Uitloggen", "wacht op triage", "Naar de inhoud"):
        assert text not in html, text
