"""Demo data of the inzage (vangnet.inzage, issue 16 part 4): teamleider marieke has started
an inzage for meneer Martina (the casus with naasten, one of them a melder); it waits as a
concept with its free texts to review. Built through the service, after naasten_demo."""

from typing import Any

from vangnet.inzage import services

from .naasten_demo import _casus


def build(world: Any) -> None:
    """Called once from builders.build_demo."""
    casus = _casus(world, "c-martina")
    marieke = world.users.get("marieke")
    if casus is None or marieke is None or casus.organisation_id != marieke.organisation_id:
        return
    services.start_inzage(casus.person, by=marieke)
