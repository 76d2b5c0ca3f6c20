import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command

from vangnet.accounts.services import current_totp_code, ensure_totp_device

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def test_totp_code_refused_outside_demo_and_debug(settings, worker, capsys):
    settings.DEBUG = False
    settings.VANGNET_DEMO = False
    with pytest.raises(CommandError, match="alleen in de demo"):
        call_command("totp_code", "bemoeizorger")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("flag", ["DEBUG", "VANGNET_DEMO"])
def test_totp_code_prints_current_code_in_demo(settings, worker, capsys, flag):
    settings.DEBUG = False
    settings.VANGNET_DEMO = False
    setattr(settings, flag, True)
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, 5, tzinfo=dt.UTC), tick=False):
        call_command("totp_code", "bemoeizorger")
        assert capsys.readouterr().out.strip() == current_totp_code(worker.totpdevice_set.get())


def test_totp_code_unknown_user_or_no_device(settings, users):
    settings.VANGNET_DEMO = True
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("totp_code", "niemand")
    with pytest.raises(CommandError, match="geen bevestigde"):
        call_command("totp_code", "meldpunt")


def test_ensure_totp_device_converts_base32_to_hex_key(users):
    user = users["meldpunt"]
    device = ensure_totp_device(user, SECRET)
    assert device.confirmed
    assert device.key == b"12345678901234567890".hex()
    # RFC 6238 appendix B: at t=59 the SHA1 code is 94287082 (6 digits: 287082).
    assert current_totp_code(device, at=59) == "287082"
    # Idempotent: updates the same device, lowercase and spaces accepted.
    again = ensure_totp_device(user, "gezd gnbv gy3t qojq gezd gnbv gy3t qojq")
    assert again.pk == device.pk and user.totpdevice_set.count() == 1


def test_ensure_totp_device_rejects_bad_secret(users):
    with pytest.raises(ValueError):
        ensure_totp_device(users["meldpunt"], "not base32 !!")
