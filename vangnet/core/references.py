import uuid

from django.utils import timezone


def assign_reference(instance, prefix: str) -> None:
    """Give a freshly created record a human reference like ``M-2026-00042``.

    Derived from the primary key so it is unique without a counter table or
    locking; the placeholder only exists inside the creating transaction.
    """
    if not instance.pk:
        instance.reference = uuid.uuid4().hex[:20]
        instance.save()
    year = timezone.localtime(getattr(instance, "created_at", None) or timezone.now()).year
    instance.reference = f"{prefix}-{year}-{instance.pk:05d}"
    type(instance)._default_manager.filter(pk=instance.pk).update(reference=instance.reference)
