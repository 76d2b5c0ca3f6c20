import importlib

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_migrate
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from whitenoise.middleware import WhiteNoiseMiddleware  # type: ignore[import-untyped]

from vangnet.accounts.models import Role

from .factories import OrganisationFactory, TeamFactory, UserFactory

_scan_static_files = WhiteNoiseMiddleware.add_files_from_finders
_static_files: dict[tuple, dict] = {}


def _add_files_from_finders_once(self: WhiteNoiseMiddleware) -> None:
    """WhiteNoise lists every static file and builds its headers each time its middleware is
    made, and the test Client makes the middleware anew for every client: ~200 files, 40-90 ms
    per client (a third of the permission matrix's time). The files do not change during a run,
    so the entries of the first scan are kept per configuration and given to later middleware:
    the same entries, and the same code serves them."""
    key = (
        self.static_prefix,
        self.max_age,
        self.allow_all_origins,
        self.charset,
        self.index_file,
        self.add_headers_function,
        tuple(sorted((getattr(settings, "WHITENOISE_MIMETYPES", None) or {}).items())),
        tuple(str(d) for d in settings.STATICFILES_DIRS),
        tuple(settings.STATICFILES_FINDERS),
        tuple(settings.INSTALLED_APPS),
    )
    if key not in _static_files:
        files, self.files = self.files, {}
        _scan_static_files(self)
        _static_files[key], self.files = self.files, files
    self.files.update(_static_files[key])


WhiteNoiseMiddleware.add_files_from_finders = _add_files_from_finders_once


def _put_back_migration_rows(sender, apps=None, **kwargs):
    """A transactional test ends with a flush that empties every table; the flush then sends
    post_migrate, and here the rows that data migrations made are put back (idempotently): the
    concern categories, version 1 of the Wvggz questionnaire and the life-domain scale labels. So every test starts on the
    database as migrated, also where a transactional test ran before it in the same worker
    (under pytest-xdist a worker runs whole files in the order they are handed out)."""
    migration = {
        "intake": ("0002_concern_categories", "add"),
        "wvggz": ("0002_questionnaire_v1", "seed"),
        "leefgebieden": ("0002_seed_scale_labels", "seed"),
    }
    if sender.label in migration:
        module, function = migration[sender.label]
        # migrate passes the migrated state's apps, flush none (then the project's models).
        getattr(importlib.import_module(f"{sender.name}.migrations.{module}"), function)(apps or global_apps, None)


post_migrate.connect(_put_back_migration_rows, dispatch_uid="tests.conftest.put_back_migration_rows")


def verified_client(user) -> Client:
    """A client logged in as ``user`` with a confirmed TOTP device, as after 2FA."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login():
    return verified_client


@pytest.fixture
def ggd(db):
    """The GGD that runs the meldpunt and the bemoeizorgteam."""
    return OrganisationFactory(name="GGD Testregio", runs_meldpunt=True, does_bemoeizorg=True)


@pytest.fixture
def team(ggd):
    return TeamFactory(organisation=ggd, name="Bemoeizorgteam")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Andere GGD", runs_meldpunt=True, does_bemoeizorg=True)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Politie Testbasisteam", kind="politie", runs_meldpunt=False, does_bemoeizorg=False)


@pytest.fixture
def users(ggd, other_org, police):
    """One user per role in the GGD, plus outsiders in another organisation."""
    return {
        "meldpunt": UserFactory(username="meldpunt", role=Role.MELDPUNT, organisation=ggd),
        "bemoeizorger": UserFactory(username="bemoeizorger", role=Role.BEMOEIZORGER, organisation=ggd),
        "duo": UserFactory(username="duo", role=Role.BEMOEIZORGER, organisation=ggd),
        "teamleider": UserFactory(username="teamleider", role=Role.TEAMLEIDER, organisation=ggd),
        "consultant": UserFactory(username="consultant", role=Role.CONSULTANT, organisation=ggd),
        "partner": UserFactory(username="partner", role=Role.PARTNER, organisation=police),
        "beheerder": UserFactory(username="beheerder", role=Role.BEHEERDER, organisation=ggd, is_staff=True),
        "other_meldpunt": UserFactory(username="other_meldpunt", role=Role.MELDPUNT, organisation=other_org),
        "other_bemoeizorger": UserFactory(username="other_bz", role=Role.BEMOEIZORGER, organisation=ggd),
        "other_teamleider": UserFactory(username="other_tl", role=Role.TEAMLEIDER, organisation=other_org),
        "privacy": UserFactory(username="privacy", role=Role.PRIVACY, organisation=ggd),
    }


@pytest.fixture(autouse=True)
def _fresh_match_model_cache():
    """The trained matcher model is cached per process (vangnet.persons.matching.trained);
    a version stored by one test must not be what the next test's search uses."""
    from vangnet.persons.matching import trained

    trained.clear_cache()
    yield
    trained.clear_cache()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch. A request in English (the language switcher's cookie)
    leaves English active in the worker's thread, and a later test that renders a service's
    text outside a request would read it in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
