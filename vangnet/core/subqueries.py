"""Small ORM pieces shared by the apps' services."""

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(qs: QuerySet) -> Any:
    """The number of rows of ``qs`` as a scalar subquery (0 without rows), for an annotation
    that counts in the outer query's own statement instead of a query of its own."""
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Coalesce(Subquery(counted), 0)
