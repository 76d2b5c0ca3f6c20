"""The container's HEALTHCHECK: ``/gezondheid/`` of the web server in the same container.

Exit 0 on 200, 1 otherwise (503, no answer). Asks for the first name of ``ALLOWED_HOSTS`` (the
health endpoint is exempt from the HTTPS redirect), so no probe host needs to be allowed."""

import os
import sys
import urllib.error
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",") or ["localhost"])[0].lstrip(".") or "localhost"
port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
request = urllib.request.Request(f"http://127.0.0.1:{port}/gezondheid/", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as error:
    print(f"gezondheid: {error}", file=sys.stderr)
    sys.exit(1)
