"""Crisis episodes on the casus timeline (cases.timeline's registration hook,
called from CrisisConfig.ready()): what happened, and what came back."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from vangnet.cases import timeline

KIND = "crisis"
# After melding < fase < poging < notitie on equal times (and after what other apps register).
ORDER = 20


@dataclass(frozen=True)
class CrisisEntry(timeline.PagedEntry):
    @property
    def kind_label(self) -> str:
        return _("Crisis")


def episode_entry(episode: Any) -> CrisisEntry:
    title = episode.get_kind_display()
    if not episode.feedback:
        title += " " + _("(terugkoppeling volgt)")
    return CrisisEntry(
        episode.at, KIND, title, episode.what_happened, str(episode.recorded_by), pk=episode.pk, record=episode
    )


def register() -> None:
    timeline.register_source(
        KIND,
        ORDER,
        "at",
        lambda casus: casus.crisis_episodes.select_related("recorded_by", "feedback_by"),
        episode_entry,
    )
