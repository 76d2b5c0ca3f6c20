"""Keep a person's match keys in step with the person record."""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="persons.Person", dispatch_uid="vangnet.persons.matching.index_person")
def _index_person_on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: keys are rebuilt with reindex_persons()
        return
    from .service import index_person

    index_person(instance)
