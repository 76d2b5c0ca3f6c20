"""The roles and the groups of roles, in one place.

A group says which roles a rule is about; the rule itself (together with the
user's relation to the record: member, organisation, meldpunt) lives in the
app's ``policies.py``. Import the groups from here, never spell a tuple of
roles out in an app. No model or app imports: every layer may import this.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MELDPUNT = "meldpunt", _("Meldpuntmedewerker")
    BEMOEIZORGER = "bemoeizorger", _("Bemoeizorger")
    TEAMLEIDER = "teamleider", _("Teamleider")
    CONSULTANT = "consultant", _("Psychiater / consultant")
    PARTNER = "partner", _("Netwerkpartner")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    # A policy officer (of a gemeente, usually): the monitor's figures, never a record.
    BELEID = "beleid", _("Beleidsmedewerker")
    # The privacy officer (functionaris gegevensbescherming or privacy adviser, issue 16):
    # retention, the register of processing and the betrokkene's requests; never a record's content.
    PRIVACY = "privacy", _("Privacyfunctionaris")


# Staff of the meldpunt or a care team: they work on meldingen and casussen.
# Not network partners, not functioneel beheer.
STAFF = (Role.MELDPUNT, Role.BEMOEIZORGER, Role.TEAMLEIDER, Role.CONSULTANT)

# Staff who see the work of their whole organisation, not only their own
# casussen: they triage meldingen, keep the person registry, host overleg and
# watch the Wvggz terms.
ORGANISATION_WIDE = (Role.MELDPUNT, Role.TEAMLEIDER)

# Staff who may carry a casus: casusregisseur, duo partner, Wvggz case worker.
CASE_WORKERS = (Role.BEMOEIZORGER, Role.TEAMLEIDER)

# The care team: may be assigned to a casus or a Wvggz onderzoek.
CARE_TEAM = (Role.BEMOEIZORGER, Role.TEAMLEIDER, Role.CONSULTANT)

# The psychiatrist / consultant who advises a casus team.
CONSULTANTS = (Role.CONSULTANT,)

# Staff who may send a status message to a melder (not the consultant).
MELDER_CONTACTS = (Role.MELDPUNT, Role.TEAMLEIDER, Role.BEMOEIZORGER)

# Everyone who enters a melding: the meldpunt, its teamleider, network partners.
MELDING_SENDERS = (Role.MELDPUNT, Role.TEAMLEIDER, Role.PARTNER)

# Who keeps voorzieningen on the sociale kaart (a partner only its own).
SOCIALE_KAART_EDITORS = (Role.BEHEERDER, Role.PARTNER)

# Roles that see personal data of clients: staff and network partners. Giving
# one of these needs a second beheerder's approval.
DATA_ACCESS = (*STAFF, Role.PARTNER)

# Who may open the monitor's aggregate figures. Only the teamleider sees the exact
# counts (within the team); for the others small cells are suppressed.
MONITOR_VIEWERS = (Role.TEAMLEIDER, Role.BEHEERDER, Role.BELEID)

# Who sees and retrains the person matcher's trained model (weights and counts, no personal data).
MATCH_MODEL_MANAGERS = (Role.BEHEERDER,)

# Who oversees the privacy lifecycle (issue 16): the retention report and holds, the register
# of processing, the register of the betrokkene's requests. References and counts, no content.
PRIVACY_OFFICERS = (Role.PRIVACY,)

# Who reads the register of processing (verwerkingsregister): the privacy officer and
# functioneel beheer, who keeps the configuration it is generated from.
REGISTER_READERS = (Role.PRIVACY, Role.BEHEERDER)

# Every role, for pages any logged-in user may open.
ALL = tuple(Role)


def is_staff(role: str) -> bool:
    return role in STAFF


def has_data_access(role: str) -> bool:
    return role in DATA_ACCESS
