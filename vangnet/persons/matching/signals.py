"""Keep a person's match keys in step with the person record, its other names
(aliases) and its earlier addresses. Connected by ``PersonsConfig.ready()``."""

from django.db.models.signals import post_delete, post_save

from vangnet.persons.models import Person, PersonAddress, PersonAlias

from .index import index_person


def _index_person_on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: keys are rebuilt with reindex_persons()
        return
    index_person(instance)


def _reindex_owner(instance, raw=False):
    if raw:
        return
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        index_person(person)


def _index_owner_on_save(sender, instance, raw=False, **kwargs):
    _reindex_owner(instance, raw)


def _index_owner_on_delete(sender, instance, **kwargs):
    _reindex_owner(instance)


def connect() -> None:
    """Connect the key upkeep (idempotent: every receiver has a dispatch_uid)."""
    uid = "vangnet.persons.matching."
    post_save.connect(_index_person_on_save, sender=Person, dispatch_uid=uid + "index_person")
    post_save.connect(_index_owner_on_save, sender=PersonAlias, dispatch_uid=uid + "alias_saved")
    post_save.connect(_index_owner_on_save, sender=PersonAddress, dispatch_uid=uid + "address_saved")
    post_delete.connect(_index_owner_on_delete, sender=PersonAlias, dispatch_uid=uid + "alias_deleted")
    post_delete.connect(_index_owner_on_delete, sender=PersonAddress, dispatch_uid=uid + "address_deleted")
