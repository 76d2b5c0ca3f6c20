"""A migration operation that refuses to be reversed.

The access log and its chain are evidence: rolling the audit app back would
drop the triggers, the chain columns or the whole table. Every audit migration
from 0004 on ends with ``RefuseReverse()``, so ``migrate audit zero`` or any
backward migrate of audit stops before it changes anything (tests/audit)."""

from django.db.migrations.operations.base import Operation

MESSAGE = (
    "Het toegangslog is alleen-toevoegen: migraties van de app 'audit' kunnen niet worden "
    "teruggedraaid (dat zou triggers, de hashketen of het log zelf verwijderen)."
)


class RefuseReverse(Operation):
    reversible = False
    reduces_to_sql = False

    def deconstruct(self):
        return (self.__class__.__name__, [], {})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        raise NotImplementedError(MESSAGE)

    def describe(self):
        return MESSAGE

    def __repr__(self):
        # Django's IrreversibleError says "Operation <repr> in audit.00xx is not reversible".
        return MESSAGE
