"""Who may do what with a casus beyond seeing and working on it (those two are
``vangnet.access.policies.casus_access_basis`` and ``can_work_on_casus``)."""

from vangnet.accounts.roles import Role


def can_manage_members(user, casus) -> bool:
    """The casusregisseur and the teamleider of the casus organisation."""
    if not user.is_authenticated or not user.is_active or not user.organisation_id:
        return False
    if user.pk == casus.casusregisseur_id and casus.members.filter(user=user).exists():
        return True
    return user.role == Role.TEAMLEIDER and user.organisation_id == casus.organisation_id
