"""The plan van aanpak of a casus (issue 15 part 2).

Goals (doelen), in the person's own words where possible, each with actions: a
description, an owner (a worker, or a partner organisation), a due date and a
status. Every change to the plan is kept as a ``PlanChange`` (what, old value,
new value, by whom, when), never edited, and shown on the plan page.

A partner organisation that owns an action sees only that action (its text, due
date and the casus reference), as procesregie does for the organisation aan zet:
never the goal text, other actions or the history (see policies.py)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_GOAL_TEXT = 1000
MAX_ACTION_TEXT = 1000


class Goal(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEREIKT = "bereikt", _("Bereikt")
        LOSGELATEN = "losgelaten", _("Losgelaten")

    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="plan_goals")
    text = models.TextField(_("doel"), validators=[MaxLengthValidator(MAX_GOAL_TEXT)])
    own_words = models.BooleanField(_("in de eigen woorden van de betrokkene"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEDAAN = "gedaan", _("Gedaan")
        VERVALLEN = "vervallen", _("Vervallen")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"), validators=[MaxLengthValidator(MAX_ACTION_TEXT)])
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("uitvoerder (medewerker)"),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("uitvoerder (partnerorganisatie)"),
    )
    due_date = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # Set by the pages that list actions (not stored).
    overdue: bool
    done_form: Any
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actie in het plan")
        verbose_name_plural = _("acties in het plan")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(owner_user__isnull=False) & models.Q(owner_organisation__isnull=True))
                | (models.Q(owner_user__isnull=True) & models.Q(owner_organisation__isnull=False)),
                name="plannen_action_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_date < today

    @property
    def owner_label(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.get_full_name() or self.owner_user.username
        return self.owner_organisation.name if self.owner_organisation is not None else ""


class PlanChange(models.Model):
    """One change to the plan, kept as it was: never edited or deleted by the app."""

    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="plan_changes")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="changes")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="changes")

    class What(models.TextChoices):
        # Stored as the code, shown as the label: the history reads in the user's language.
        DOEL_GESTELD = "doel gesteld", _("doel gesteld")
        DOEL_GEWIJZIGD = "doel gewijzigd", _("doel gewijzigd")
        EIGEN_WOORDEN = "eigen woorden", _("eigen woorden")
        STATUS_DOEL = "status doel", _("status doel")
        ACTIE_TOEGEVOEGD = "actie toegevoegd", _("actie toegevoegd")
        ACTIE_GEWIJZIGD = "actie gewijzigd", _("actie gewijzigd")
        UITVOERDER = "uitvoerder", _("uitvoerder")
        UITERLIJK = "uiterlijk", _("uiterlijk")
        STATUS_ACTIE = "status actie", _("status actie")

    what = models.CharField(_("wat"), max_length=80, choices=What.choices)
    old_value = models.TextField(_("oud"), blank=True)
    new_value = models.TextField(_("nieuw"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("wijziging in het plan")
        verbose_name_plural = _("wijzigingen in het plan")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_what_display()} ({self.at:%Y-%m-%d})"
