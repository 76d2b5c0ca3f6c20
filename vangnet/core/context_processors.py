from django.conf import settings


def navigation(request):
    """Role flags for the navigation bar; permission checks live in vangnet.access."""
    user = getattr(request, "user", None)
    return {
        "VANGNET_DEMO": settings.VANGNET_DEMO,
        "nav_role": getattr(user, "role", None) if user and user.is_authenticated else None,
    }
