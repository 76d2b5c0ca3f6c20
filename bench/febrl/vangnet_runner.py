"""Run Vangnet's matcher through its public benchmark commands, as subprocesses on a fresh SQLite
database file, exactly as someone running issue 3's contract on their own data would."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(db_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{db_path}"  # absolute path -> sqlite:////tmp/...
    env["DJANGO_SETTINGS_MODULE"] = "vangnet.settings"
    env.setdefault("VANGNET_ALLOW_INSECURE_KEY", "1")
    env.setdefault("VANGNET_ALLOW_CONSOLE_EMAIL", "1")  # a bench run sends no e-mail
    env.pop("DEBUG", None)
    return env


def _manage(args: list[str], env: dict[str, str], log: Path | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if log is not None:
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


def command_exists(name: str) -> bool:
    env = _env(Path(tempfile.gettempdir()) / "vangnet-febrl-probe.sqlite3")
    proc = subprocess.run(
        [sys.executable, "manage.py", "help", name], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return proc.returncode == 0


def fresh_db(tag: str) -> tuple[Path, dict[str, str], float]:
    """A new SQLite file with all migrations applied; returns (path, env, migrate seconds)."""
    fd, name = tempfile.mkstemp(prefix=f"vangnet-febrl-{tag}-", suffix=".sqlite3")
    os.close(fd)
    db = Path(name)
    db.unlink()
    env = _env(db)
    seconds = _manage(["migrate", "-v0"], env)
    return db, env, seconds


def _cleanup(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db) + suffix)
        if p.exists():
            p.unlink()


def run_link(registry_csv: Path, queries_csv: Path, out_dir: Path) -> dict:
    """match_bench: returns {"candidates": {query_id: [(record_id, score, verdict)]}, "seconds",
    "migrate_seconds", "query_ms": [...], "too_little": {query_id, ...}}. ``seconds`` is the wall
    time of match_bench (process start, import of the registry, all queries, writing results);
    ``too_little``: the queries the matcher had too little to search on (no candidates)."""
    db, env, mig = fresh_db("link")
    out = out_dir / "vangnet_link_results.jsonl"
    try:
        seconds = _manage(
            ["match_bench", "--registry", str(registry_csv), "--queries", str(queries_csv), "--out", str(out)],
            env,
            log=out_dir / "vangnet_link.log",
        )
    finally:
        _cleanup(db)
    candidates: dict[str, list[tuple[str, float, str]]] = {}
    query_ms: list[float] = []
    too_little: set[str] = set()
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            candidates[str(obj["query_id"])] = [
                (str(c["record_id"]), float(c["score"]), str(c.get("verdict", ""))) for c in obj["candidates"]
            ]
            query_ms.append(float(obj.get("ms", 0.0)))
            if obj.get("too_little"):
                too_little.add(str(obj["query_id"]))
    return {
        "candidates": candidates,
        "seconds": seconds,
        "migrate_seconds": mig,
        "query_ms": query_ms,
        "too_little": too_little,
    }


def run_dedup(registry_csv: Path, out_dir: Path, threshold: float | None = None) -> dict:
    """match_dedup (with its default threshold, or ``--threshold``): returns
    {"pairs": [(a, b, score)], "seconds", "migrate_seconds"}."""
    db, env, mig = fresh_db("dedup")
    tag = "" if threshold is None else f"_t{threshold:g}"
    out = out_dir / f"vangnet_dedup_pairs{tag}.csv"
    extra = [] if threshold is None else ["--threshold", str(threshold)]
    try:
        seconds = _manage(
            ["match_dedup", "--registry", str(registry_csv), "--out", str(out), *extra],
            env,
            log=out_dir / f"vangnet_dedup{tag}.log",
        )
    finally:
        _cleanup(db)
    pairs = []
    with out.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pairs.append((row["record_id_a"], row["record_id_b"], float(row["score"])))
    return {"pairs": pairs, "seconds": seconds, "migrate_seconds": mig}
