"""Ids no database column can hold (99999999999999999999) in the multi-select
and single-choice fields of the forms: a Dutch form error, never a 500
(OverflowError from SQLite's driver)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse

import vangnet
from tests.factories import CasusFactory, MeldingFactory
from vangnet.cases import forms as cases_forms
from vangnet.core.forms import SafeModelMultipleChoiceField
from vangnet.intake import forms as intake_forms
from vangnet.intake.models import Melding
from vangnet.organisations.models import Team
from vangnet.persons import forms as persons_forms
from vangnet.triage import forms as triage_forms
from vangnet.triage.models import TriageDecision
from vangnet.wvggz import forms as wvggz_forms

HUGE_IDS = ["99999999999999999999", "9223372036854775808", "-99999999999999999999", "1e400"]
User = get_user_model()


def _forms(users, ggd):
    """(form name, field, a callable making the bound form from data)."""
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    workers = User.objects.filter(organisation=ggd)
    teams = Team.objects.filter(organisation=ggd)
    return [
        ("triage", "duo", lambda d: triage_forms.TriageForm(d, organisation=ggd)),
        ("triage", "casusregisseur", lambda d: triage_forms.TriageForm(d, organisation=ggd)),
        ("triage", "team", lambda d: triage_forms.TriageForm(d, organisation=ggd)),
        (
            "contactpoging",
            "workers",
            lambda d: cases_forms.ContactAttemptForm(d, casus=casus, user=users["bemoeizorger"]),
        ),
        ("casusteam", "duo", lambda d: cases_forms.MembersForm(d, casus=casus)),
        ("casusteam", "consultant", lambda d: cases_forms.MembersForm(d, casus=casus)),
        (
            "splitsen",
            "meldingen",
            lambda d: persons_forms.SplitForm(
                d, meldingen_qs=Melding.objects.all(), casussen_qs=casus.person.casussen.all()
            ),
        ),
        (
            "splitsen",
            "casussen",
            lambda d: persons_forms.SplitForm(
                d, meldingen_qs=Melding.objects.all(), casussen_qs=casus.person.casussen.all()
            ),
        ),
        ("wvggz toewijzen", "others", lambda d: wvggz_forms.AssignForm(d, workers=workers)),
        ("wvggz toewijzen", "lead", lambda d: wvggz_forms.AssignForm(d, workers=workers)),
        ("wvggz besluit", "duo", lambda d: wvggz_forms.DecisionForm(d, case_workers=workers, teams=teams)),
        ("wvggz besluit", "team", lambda d: wvggz_forms.DecisionForm(d, case_workers=workers, teams=teams)),
        ("melding", "categories", lambda d: intake_forms.MeldingForm(d, organisation=ggd)),
        ("melding", "gemeente", lambda d: intake_forms.MeldingForm(d, organisation=ggd)),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("huge", HUGE_IDS)
def test_huge_id_is_a_form_error(users, ggd, huge):
    for name, field, make in _forms(users, ggd):
        form = make({field: [huge] if _is_multiple(make, field) else huge})
        assert not form.is_valid(), (name, field)
        assert form.errors.get(field), (name, field, form.errors)
        [error] = form.errors.as_data()[field]
        assert error.code in {"invalid_choice", "invalid_pk_value"}, (name, field, error)
        message = " ".join(form.errors[field])
        assert any(word in message for word in ("Selecteer", "Kies", "Onbekende", "geen geldige")), (
            name,
            field,
            message,
        )


def _is_multiple(make, field) -> bool:
    return isinstance(make({}).fields[field], forms.ModelMultipleChoiceField)


def test_every_multi_select_of_the_project_is_the_safe_one():
    """A new form with a plain ModelMultipleChoiceField fails here, before it fails in production."""
    plain = []
    for module_info in pkgutil.walk_packages(vangnet.__path__, "vangnet."):
        if not module_info.name.endswith(".forms") and ".forms." not in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(
                    field, SafeModelMultipleChoiceField
                ):
                    plain.append(f"{module.__name__}.{name}.{field_name}")
    assert plain == []


@pytest.mark.django_db
def test_triage_page_with_a_huge_duo_id(users, ggd, login):
    """The same through the triage page: the form shows the error, nothing is decided."""
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"])
    response = login(users["meldpunt"]).post(
        reverse("triage:melding", args=[melding.pk]),
        {
            "version": melding.version,
            "person": "nieuw",
            "acute_danger": "nee",
            "already_in_care": "nee",
            "known_to_partners": "nee",
            "outcome": "bemoeizorg",
            "casusregisseur": users["bemoeizorger"].pk,
            "duo": [HUGE_IDS[0]],
        },
    )
    assert response.status_code == 200
    assert "duo" in response.context["form"].errors
    assert not TriageDecision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("meldpunt", "intake:detail"),
        ("meldpunt", "triage:melding"),
        ("partner", "intake:partner_detail"),
        ("partner", "intake:partner_submitted"),
    ],
)
def test_huge_id_in_the_url_is_404(users, login, who, name):
    url = reverse(name, args=[1]).replace("/1/", f"/{HUGE_IDS[0]}/")
    assert login(users[who]).get(url).status_code == 404
