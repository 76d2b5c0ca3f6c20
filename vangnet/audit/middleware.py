"""Keeps the client IP on the request so audit rows can record "from where"."""


def client_ip(request) -> str | None:
    # Behind a reverse proxy set VANGNET_TRUST_X_FORWARDED_FOR; otherwise the
    # header is client-controlled and must not be trusted.
    from django.conf import settings

    if getattr(settings, "VANGNET_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip(request)
        return self.get_response(request)
