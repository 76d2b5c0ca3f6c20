"""Background task (Django's tasks framework): retrain the matcher's model on the registry
(issue 14). Weekly from cron as ``manage.py train_match_model`` (see README), or queued
from the beheer page "Zoekmodel personen"; ``make worker`` runs the queue."""

from django.tasks import task

from vangnet.persons.matching.store_models import MatchModelSource


@task
def train_match_model(source: str = MatchModelSource.SCHEMA, acting_user_id: int | None = None) -> int:
    """Train, store and activate a new version; returns its number. ``acting_user_id``:
    the beheerder who asked for it (None for the schedule)."""
    from django.contrib.auth import get_user_model

    from vangnet.persons.matching.trained import train_and_store

    acting_user = get_user_model().objects.get(pk=acting_user_id) if acting_user_id is not None else None
    return train_and_store(source=str(source), acting_user=acting_user).version
