"""Keep a person's match keys in step with the person record, its other names
(aliases) and its earlier addresses."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


@receiver(post_save, sender="persons.Person", dispatch_uid="vangnet.persons.matching.index_person")
def _index_person_on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: keys are rebuilt with reindex_persons()
        return
    from .service import index_person

    index_person(instance)


def _reindex_owner(instance, raw=False):
    if raw:
        return
    from vangnet.persons.models import Person

    from .service import index_person

    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        index_person(person)


@receiver(post_save, sender="persons.PersonAlias", dispatch_uid="vangnet.persons.matching.alias_saved")
@receiver(post_save, sender="persons.PersonAddress", dispatch_uid="vangnet.persons.matching.address_saved")
def _index_owner_on_save(sender, instance, raw=False, **kwargs):
    _reindex_owner(instance, raw)


@receiver(post_delete, sender="persons.PersonAlias", dispatch_uid="vangnet.persons.matching.alias_deleted")
@receiver(post_delete, sender="persons.PersonAddress", dispatch_uid="vangnet.persons.matching.address_deleted")
def _index_owner_on_delete(sender, instance, **kwargs):
    _reindex_owner(instance)
