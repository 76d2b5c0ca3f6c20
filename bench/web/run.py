"""Page benchmark (issue 17): every main page served by gunicorn, per page p50/p95 at 1, 10
and 50 concurrent users, requests/s (also relative to the login page of the same run), SQL
queries and access-log rows per view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/webbench_region .venv/bin/python -m bench.web.run \\
        --size region --json /tmp/pg-region.json
    DATABASE_URL=sqlite:////tmp/webbench/demo.sqlite3 .venv/bin/python -m bench.web.run --size demo
    .venv/bin/python -m bench.web.run --compare before.json after.json

Steps: migrate, build or reuse the bench data set (bench/scale, ``--size`` a preset), count
queries and access-log rows of one request per page in-process (Django's test client, a
2FA-verified session, ``connection.execute_wrapper``), then start gunicorn (``--workers``,
DEBUG off) on a free port of 127.0.0.1, log in over HTTP for each role (login form with its
CSRF token, then the TOTP step with the code of the user's device), and ask every page at each
concurrency level with threads (http.client; bounded request count and time limit per level).
Only 127.0.0.1 is ever asked. Timings on a shared machine are noisy: compare the ratios to the
login page and the two sizes measured back to back; the query counts are exact. See README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from typing import Any

from bench.common import percentile

HOST = "127.0.0.1"
DEFAULT_COUNTS = {1: 20, 10: 100, 50: 200}


# --- a small HTTP client (one session = one cookie jar, shared by the threads of a role) ---


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 60) -> tuple[int, bytes, Any]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        headers = {"Host": HOST, "Connection": "close"}
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            token = self.cookies.get("csrftoken")
        body = None
        if method == "POST":
            data = dict(data or {})
            if token:
                data.setdefault("csrfmiddlewaretoken", token)
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        elif data:
            path = f"{path}?{urllib.parse.urlencode(data)}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            self._keep(response.headers.get_all("Set-Cookie") or [])
            return response.status, content, response.headers
        finally:
            conn.close()

    def _keep(self, set_cookies: list[str]) -> None:
        # The cookies are Secure (DEBUG off); this client sends them over plain HTTP to 127.0.0.1.
        with self.lock:
            for header in set_cookies:
                first, _, attrs = header.partition(";")
                name, _, value = first.strip().partition("=")
                expired = "max-age=0" in attrs.lower().replace(" ", "") or "1970" in attrs
                if expired or value in ('""', ""):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _form_token(content: bytes) -> str:
    m = CSRF_FIELD.search(content)
    if not m:
        raise RuntimeError("no CSRF token in the form")
    return m.group(1).decode()


def login(port: int, username: str, password: str, totp_code: Any) -> Session:
    """A real 2FA session over HTTP: password step, then the TOTP step. ``totp_code()`` gives
    the current code of the user's device; a code is accepted once per 30 s step (django-otp),
    so a refused one is retried with the next step's code."""
    s = Session(port)
    status, content, _ = s.request("GET", "/account/inloggen/")
    assert status == 200, f"login page: {status}"
    status, _, headers = s.request(
        "POST",
        "/account/inloggen/",
        {"username": username, "password": password, "csrfmiddlewaretoken": _form_token(content)},
    )
    assert status == 302 and "verificatie" in (headers.get("Location") or ""), f"password step {username}: {status}"
    for _attempt in range(3):
        status, content, _ = s.request("GET", "/account/verificatie/")
        assert status == 200, f"verification page {username}: {status}"
        status, _, headers = s.request(
            "POST", "/account/verificatie/", {"code": totp_code(), "csrfmiddlewaretoken": _form_token(content)}
        )
        if status == 302:
            return s
        time.sleep(31 - time.time() % 30)  # this step's code was used already: the next one
    raise RuntimeError(f"TOTP step refused for {username}")


# --- the load ---


def load(session: Session, method: str, path: str, data: dict, users: int, count: int, limit_s: float) -> dict:
    """``count`` requests (or as many as fit in ``limit_s``) by ``users`` threads at once."""
    times: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    issued = [0]
    deadline = time.perf_counter() + limit_s

    def worker() -> None:
        while True:
            with lock:
                if issued[0] >= count or time.perf_counter() > deadline:
                    return
                issued[0] += 1
            t0 = time.perf_counter()
            try:
                status, _, _ = session.request(method, path, data, timeout=max(5.0, limit_s))
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    times.append(ms)
                else:
                    errors[str(status)] = errors.get(str(status), 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "users": users,
        "requests": len(times),
        "errors": errors,
        "seconds": round(wall, 2),
        "rps": round(len(times) / wall, 1) if wall and times else 0.0,
        "p50_ms": round(percentile(times, 50), 1) if times else None,
        "p95_ms": round(percentile(times, 95), 1) if times else None,
    }


def warm_up(session: Session, page: Any, limit_s: float) -> bool:
    """Two requests first (imports, caches, the first visit); False when they fail or time out."""
    try:
        return all(session.request(page.method, page.path, page.data, timeout=limit_s)[0] == 200 for _ in range(2))
    except (OSError, http.client.HTTPException):
        drain(session)
        return False


def drain(anonymous: Session, max_s: float = 90.0) -> None:
    """After timeouts the workers still answer the abandoned requests: wait until the login
    page is quick again, so the next page is not measured behind that queue."""
    end = time.perf_counter() + max_s
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        try:
            anonymous.request("GET", "/account/inloggen/", timeout=max_s)
        except (OSError, http.client.HTTPException):
            continue
        if time.perf_counter() - t0 < 0.5:
            return


# --- the server ---


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vangnet.settings",
            "DEBUG": "0",
            "VANGNET_ALLOW_INSECURE_KEY": "1",
            "VANGNET_ALLOW_CONSOLE_EMAIL": "1",
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "VANGNET_DEMO": "",
        }
    )
    return env


def start_server(port: int, workers: int, timeout: int, log_path: str) -> subprocess.Popen:
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    cmd = [
        gunicorn,
        "vangnet.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--timeout",
        str(timeout),
        "--log-level",
        "warning",
    ]
    log = open(log_path, "w")  # noqa: SIM115 (kept open for the server's lifetime)
    proc = subprocess.Popen(cmd, env=server_env(), stdout=log, stderr=subprocess.STDOUT)
    probe = Session(port)
    for _ in range(120):
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {proc.returncode}); see {log_path}")
        try:
            if probe.request("GET", "/account/inloggen/", timeout=5)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"gunicorn did not answer on {HOST}:{port}; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- the run ---


def totp_for(username: str) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vangnet.accounts.models import User
    from vangnet.accounts.services import current_totp_code

    user = User.objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return lambda: current_totp_code(device)


def data_size() -> dict[str, int]:
    from vangnet.audit.models import AccessLog
    from vangnet.cases.models import Casus, ContactAttempt
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    return {
        "persons": Person.objects.count(),
        "meldingen": Melding.objects.count(),
        "casussen": Casus.objects.count(),
        "attempts": ContactAttempt.objects.count(),
        "access_log": AccessLog.objects.count(),
    }


def run(args: argparse.Namespace) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.scale.build import PASSWORD, build, preset
    from bench.web.pages import LOGIN, measure_in_process, pages, select

    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    call_command("migrate", verbosity=0)
    built = build(**preset(args.size, args.scale), seed=args.seed, progress=say)
    say(f"data: {'reused' if built.reused else 'built'} ({built.seconds} s)")
    chosen = select(pages(), args.pages)
    levels = [int(x) for x in args.levels.split(",")]
    counts = dict(DEFAULT_COUNTS)
    if args.requests:
        counts.update({lvl: int(n) for lvl, n in zip(levels, args.requests.split(","), strict=True)})
    result: dict[str, Any] = {
        "vendor": connection.vendor,
        "size": args.size,
        "scale": args.scale,
        "data": data_size(),
        "workers": args.workers,
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE"),
        "levels": levels,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pages": [],
    }
    say("queries and access-log rows per view (in-process)")
    counted = measure_in_process(chosen, warmup=args.warmup, progress=say)
    codes = {p.role: totp_for(f"bench-{p.role}") for p in chosen if p.role}
    connection.close()  # the server's workers have the database to themselves (SQLite: no lock held here)

    port = free_port()
    log_path = args.server_log or os.path.join(tempfile.gettempdir(), f"bench-web-gunicorn-{port}.log")
    proc = start_server(port, args.workers, args.timeout, log_path)
    try:
        sessions = {role: login(port, f"bench-{role}", PASSWORD, code) for role, code in codes.items()}
        sessions[""] = Session(port)
        login_rps: dict[int, list[float]] = {lvl: [] for lvl in levels}
        order = [*chosen, chosen[0]] if chosen[0].key == LOGIN else chosen  # the login page again at the end
        for i, page in enumerate(order):
            again = i > 0 and page.key == LOGIN
            session = sessions[page.role]
            warm_ok = warm_up(session, page, args.time_limit)
            row: dict[str, Any] = {"page": page.key, "label": page.label, "role": page.role or "anoniem"}
            row.update(counted.get(page.key, {}))
            row["levels"] = {}
            previous_p50 = None if warm_ok else float("inf")
            for lvl in levels:
                if previous_p50 is not None and previous_p50 > args.skip_slower_than:
                    # Bounded run time: a page this slow for fewer users only queues at more.
                    row["levels"][str(lvl)] = {"users": lvl, "skipped": f"p50 > {args.skip_slower_than:.0f} ms"}
                    continue
                m = load(session, page.method, page.path, page.data, lvl, counts.get(lvl, 100), args.time_limit)
                row["levels"][str(lvl)] = m
                previous_p50 = m["p50_ms"] if m["p50_ms"] is not None else float("inf")
                if m["errors"]:
                    drain(sessions[""])
                if page.key == LOGIN:
                    login_rps[lvl].append(m["rps"])
            if again:
                result["login_again"] = row["levels"]
            else:
                result["pages"].append(row)
            say(_line(row))
            if args.json:  # as it goes: a run stopped at its deadline keeps the pages it did
                _write(args.json, result)
    finally:
        stop_server(proc)
    base = {lvl: sum(v) / len(v) for lvl, v in login_rps.items() if v}
    result["login_rps"] = {str(k): round(v, 1) for k, v in base.items()}
    for row in result["pages"]:
        for lvl, m in row["levels"].items():
            b = base.get(int(lvl))
            m["rel_login"] = round(m["rps"] / b, 2) if b and "rps" in m else None
    return result


def _write(path: str, result: dict) -> None:
    with open(path, "w") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)


def _line(row: dict) -> str:
    parts = [f"{row['page']}: q={row.get('queries')} log={row.get('log_rows')}"]
    for lvl, m in row["levels"].items():
        if m.get("skipped"):
            parts.append(f"{lvl}u skipped")
            continue
        err = f" err={m['errors']}" if m["errors"] else ""
        parts.append(f"{lvl}u p50={m['p50_ms']} p95={m['p95_ms']} {m['rps']}/s{err}")
    return " | ".join(parts)


def table(result: dict) -> str:
    levels = [str(x) for x in result["levels"]]
    d = result["data"]
    head = (
        f"{result['vendor']} {result['size']} (scale {result['scale']}): {d['persons']} persons, "
        f"{d['meldingen']} meldingen, {d['casussen']} casussen, {d['attempts']} attempts, "
        f"{d['access_log']} access-log rows; gunicorn {result['workers']} workers, "
        f"CONN_MAX_AGE {result['conn_max_age']}; login page {result['login_rps']} req/s"
    )
    cols = " | ".join(f"p50/p95 ms @{lvl}" for lvl in levels)
    rps = " | ".join(f"req/s @{lvl} (×login)" for lvl in levels)
    lines = [head, "", f"| page | user | queries | log rows | {cols} | {rps} |"]
    lines.append("|---|---|---:|---:|" + "---:|" * (2 * len(levels)))
    for row in result["pages"]:
        lat = " | ".join(_lat(row["levels"].get(lvl)) for lvl in levels)
        thr = " | ".join(_thr(row["levels"].get(lvl)) for lvl in levels)
        q, lg = row.get("queries", ""), row.get("log_rows", "")
        lines.append(f"| {row['label']} | {row['role']} | {q} | {lg} | {lat} | {thr} |")
    return "\n".join(lines)


def _lat(m: dict | None) -> str:
    if m and m.get("skipped"):
        return "skipped"
    if not m or m["p50_ms"] is None:
        return "-" if not m or not m.get("errors") else f"({sum(m['errors'].values())} err)"
    err = f" ({sum(m['errors'].values())} err)" if m["errors"] else ""
    return f"{m['p50_ms']:.0f}/{m['p95_ms']:.0f}{err}"


def _thr(m: dict | None) -> str:
    if not m or m.get("skipped"):
        return "-"
    rel = f" ({m['rel_login']:.2f})" if m.get("rel_login") is not None else ""
    return f"{m['rps']:.1f}{rel}"


def compare(a_path: str, b_path: str) -> str:
    """Before → after per page: queries, log rows, p95 at each level, requests/s relative to login."""
    with open(a_path) as f:
        a = json.load(f)
    with open(b_path) as f:
        b = json.load(f)
    levels = [str(x) for x in a["levels"] if str(x) in {str(y) for y in b["levels"]}]
    rows_b = {r["page"]: r for r in b["pages"]}
    lines = [
        f"{a_path} → {b_path} ({a['vendor']} {a['size']} → {b['vendor']} {b['size']})",
        "",
        "| page | queries | log rows | "
        + " | ".join(f"p95 ms @{lvl}" for lvl in levels)
        + " | "
        + " | ".join(f"×login @{lvl}" for lvl in levels)
        + " |",
        "|---|---:|---:|" + "---:|" * (2 * len(levels)),
    ]
    for ra in a["pages"]:
        rb = rows_b.get(ra["page"])
        if rb is None:
            continue

        def arrow(x: Any, y: Any) -> str:
            return f"{x} → {y}"

        p95 = [
            arrow(ra["levels"].get(lvl, {}).get("p95_ms"), rb["levels"].get(lvl, {}).get("p95_ms")) for lvl in levels
        ]
        rel = [
            arrow(ra["levels"].get(lvl, {}).get("rel_login"), rb["levels"].get(lvl, {}).get("rel_login"))
            for lvl in levels
        ]
        lines.append(
            f"| {ra['label']} | {arrow(ra.get('queries'), rb.get('queries'))} | "
            f"{arrow(ra.get('log_rows'), rb.get('log_rows'))} | " + " | ".join(p95) + " | " + " | ".join(rel) + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", default="demo", help="a bench/scale preset: demo, region, national")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the preset's counts (a trial)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", help="comma-separated page keys (the login page always runs)")
    parser.add_argument("--levels", default="1,10,50", help="concurrent users per level")
    parser.add_argument("--requests", help="requests per level, e.g. 20,100,200 (the default)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per page and level at most")
    parser.add_argument(
        "--skip-slower-than", type=float, default=5000.0, help="skip the next level when p50 is above (ms)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="in-process warm-up requests per page")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--timeout", type=int, default=60, help="gunicorn worker timeout")
    parser.add_argument("--server-log", help="gunicorn's output (default /tmp/bench-web-gunicorn-PORT.log)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print before → after and stop")
    args = parser.parse_args(argv)
    if args.compare:
        print(compare(*args.compare))
        return 0
    os.environ.setdefault("VANGNET_ALLOW_CONSOLE_EMAIL", "1")
    from bench.scale.build import PRESETS, setup_django

    if args.size not in PRESETS:
        parser.error(f"--size: one of {', '.join(PRESETS)}")
    setup_django()
    result = run(args)
    print(table(result))
    if args.json:
        _write(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
