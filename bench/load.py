"""Bounded load test of ``rasid serve`` on loopback: not a test.

Starts ``rasid serve --db URL --host 127.0.0.1 --port P`` in a subprocess,
then ``--clients`` concurrent clients (httpx AsyncClient) request the incident
list and event search (``/api/incidents``, ``/api/events?q=...``) for
``--seconds`` seconds, and prints p50/p90/p99 latency per endpoint, requests/s
and errors. Loopback only; clients ≤ 200, seconds ≤ 120, requests ≤ 200,000.

Usage::

    python bench/load.py                             # builds a store from the first 2,000 corpus articles
    python bench/load.py --db sqlite:///rasid.db     # an existing store
    python bench/load.py --clients 50 --seconds 30 --out bench/results/load.json

Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "data" / "corpus" / "saudinewsnet"
HOST = "127.0.0.1"  # loopback only, by design
MAX_CLIENTS, MAX_SECONDS, MAX_REQUESTS = 200, 120, 200_000
QUERIES = ["حلب", "غارة", "إدلب", "قصف", "داعش", "درعا", "مقتل", "الرقة"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def build_store(db: str, articles: int) -> None:
    """Ingest the first ``articles`` corpus articles into ``db`` (2 workers)."""
    from rasid.cli.ingest import ingest_paths
    from rasid.io.read import Article, read_articles

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "first.jsonl"
        with src.open("w", encoding="utf-8") as f:
            arts = (a for a in read_articles([CORPUS]) if isinstance(a, Article))
            for a in itertools.islice(arts, articles):
                body = a.raw[len(a.title) + 1:] if a.title and a.raw.startswith(a.title + "\n") else a.raw
                rec = {**a.meta, "id": a.id, "title": a.title if body is not a.raw else None, "text": body,
                       "date": a.date}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        t = time.perf_counter()
        stats = ingest_paths([src], db, workers=2)
        print(f"store: {stats.added} documents, {stats.events} events, {stats.incidents} incidents "
              f"in {time.perf_counter() - t:.0f} s", flush=True)


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


async def _client(http: Any, k: int, deadline: float, lat: dict[str, list[float]], errors: list[str],
                  budget: list[int]) -> None:
    for i in itertools.count(k):
        if time.perf_counter() >= deadline or budget[0] <= 0:
            return
        budget[0] -= 1
        if i % 2:
            name, url, params = "incidents", "/api/incidents", {"limit": 50, "offset": (i * 7) % 200}
        else:
            name, url, params = "events?q", "/api/events", {"q": QUERIES[i % len(QUERIES)], "limit": 50}
        t = time.perf_counter()
        try:
            r = await http.get(url, params=params)
            ok = r.status_code == 200 and isinstance(r.json(), dict)
            if not ok:
                errors.append(f"{name}: HTTP {r.status_code}")
        except Exception as e:  # counted, never raised: the run goes on
            errors.append(f"{name}: {type(e).__name__}: {e}")
            continue
        lat[name].append((time.perf_counter() - t) * 1000)


async def load(port: int, clients: int, seconds: float) -> dict[str, Any]:
    import httpx

    lat: dict[str, list[float]] = {"incidents": [], "events?q": []}
    errors: list[str] = []
    budget = [MAX_REQUESTS]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", timeout=30, limits=limits) as http:
        t0 = time.perf_counter()
        await asyncio.gather(*(_client(http, k, t0 + seconds, lat, errors, budget) for k in range(clients)))
        dt = time.perf_counter() - t0
    total = sum(len(v) for v in lat.values())
    return {
        "clients": clients, "seconds": round(dt, 1), "requests": total + len(errors),
        "requests_per_s": round(total / dt, 1), "errors": len(errors), "error_samples": errors[:5],
        "latency_ms": {k: {"n": len(v), "p50": round(_pct(v, .5), 1), "p90": round(_pct(v, .9), 1),
                           "p99": round(_pct(v, .99), 1), "mean": round(statistics.fmean(v), 1) if v else None}
                       for k, v in lat.items()},
    }


def _wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"rasid serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("rasid serve did not answer in time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database URL of an existing store (default: build one)")
    ap.add_argument("--articles", type=int, default=2000, help="corpus articles in the built store")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--out", type=Path, help="write results JSON here")
    args = ap.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if not db:
            db = f"sqlite:///{Path(tmp) / 'load.db'}"
            build_store(db, args.articles)
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "rasid", "-q", "serve", "--db", db, "--host", HOST,
                                 "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ})
        try:
            _wait_ready(port, proc)
            res = asyncio.run(load(port, clients, seconds))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    res["date"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    res["machine"] = f"{os.cpu_count()} cores; server: rasid serve (uvicorn, 1 process) on {HOST}"
    print(f"{res['requests']} requests in {res['seconds']} s from {clients} clients: "
          f"{res['requests_per_s']} req/s, {res['errors']} errors")
    for k, v in res["latency_ms"].items():
        print(f"  {k:10} n={v['n']:6d}  p50 {v['p50']:7.1f} ms  p90 {v['p90']:7.1f} ms  p99 {v['p99']:7.1f} ms")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if res["errors"]:
        print("errors:", *res["error_samples"], sep="\n  ", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
