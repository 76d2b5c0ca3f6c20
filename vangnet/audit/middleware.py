"""Keeps the client IP on the request so audit rows can record "from where"."""

from typing import Any


def client_ip(request) -> str | None:
    """The client's IP address: the one place that decides it (audit log, security
    log and django-axes via AXES_CLIENT_IP_CALLABLE)."""
    # Behind a reverse proxy set VANGNET_TRUST_X_FORWARDED_FOR; otherwise the
    # header is client-controlled and must not be trusted. The last entry is the
    # one our own proxy added; anything left of it came from the client.
    from django.conf import settings

    if getattr(settings, "VANGNET_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        candidate = forwarded.split(",")[-1].strip() if forwarded else ""
        if _is_ip(candidate):
            return candidate
    remote = request.META.get("REMOTE_ADDR") or None
    return remote if remote and _is_ip(remote) else None


def _is_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip(request)
        return self.get_response(request)


class AccessLogBatchMiddleware:
    """One chain append per request for the READ rows of what the page shows
    (services.open_batch): flushed before the response leaves, also after an error."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from .services import flush_batch, open_batch

        open_batch(request)
        try:
            response = self.get_response(request)
        finally:
            flush_batch(request)
        return response
