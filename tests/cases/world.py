"""Objects for tests/test_permission_matrix.py's ``world``: a contact attempt and
a note on the matrix casus, logged by its duo partner (so "who logged it", the
casusregisseur and the teamleider may correct them; issue 12)."""

from vangnet.cases.models import CaseNote, ContactAttempt


def corrections_world(people, objects):
    casus = objects["casus"]
    attempt = ContactAttempt.objects.create(
        casus=casus, at=casus.opened_at, type="huisbezoek", result="geen_gehoor", created_by=people["duo"]
    )
    attempt.workers.set([people["duo"]])
    note = CaseNote.objects.create(casus=casus, text="Buren zeggen dat hij 's nachts buiten is.", author=people["duo"])
    return {"attempt": attempt, "note": note}
