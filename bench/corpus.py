"""Throughput and memory on the SaudiNewsNet corpus (31,030 articles): not a test.

Each mode runs in its own subprocess so its peak memory is its own:

* ``floor``   read the zips and run a bare regex tokenizer over every article
* ``w1``/``w2``  the default pipeline (``rasid extract``'s code) with 1 / 2 worker processes
* ``dask1``/``dask2``  the same on a Dask LocalCluster with 1 / 2 worker processes
* ``ingest2``  ``rasid ingest`` end to end into a fresh SQLite file with 2 workers (incl. incidents)

Usage::

    python bench/corpus.py                      # everything, all articles → bench/results/corpus.json
    python bench/corpus.py --limit 2000 --modes floor,w1,w2
    python bench/corpus.py --profile 1500       # pyinstrument profile of the pipeline, one process

Peak RSS is ``ru_maxrss`` of the mode's main process (reader and writer) and of
its largest worker process (``RUSAGE_CHILDREN``, or each Dask worker's own).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "data" / "corpus" / "saudinewsnet"
RESULTS = REPO / "bench" / "results" / "corpus.json"
MODES = ["floor", "w1", "w2", "dask1", "dask2", "ingest2"]
_TOKEN = re.compile(r"\w+")


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _cpu_s(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _worker_usage() -> tuple[float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_maxrss / 1024, r.ru_utime + r.ru_stime


def _articles(corpus: Path, limit: int | None) -> Any:
    from rasid.io.read import Article, read_articles

    arts = (a for a in read_articles([corpus]) if isinstance(a, Article))
    return itertools.islice(arts, limit) if limit else arts


class _Counter:
    """Counts articles and words as they stream past."""

    def __init__(self, it: Any) -> None:
        self.it, self.n, self.words = it, 0, 0

    def __iter__(self) -> Any:
        for a in self.it:
            self.n += 1
            self.words += len(_TOKEN.findall(a.raw))
            yield a


def run_one(mode: str, corpus: Path, limit: int | None) -> dict[str, Any]:
    """Run one mode in this process; return its figures."""
    from rasid.runner import PipelineConfig, process_articles

    t0 = time.perf_counter()
    load0 = os.getloadavg()[0]
    events = failed = 0
    t_end = 0.0
    extra: dict[str, Any] = {}
    arts = _Counter(_articles(corpus, limit))
    if mode == "floor":
        tokens = 0
        for a in arts:
            tokens += len(_TOKEN.findall(a.raw))
        events = 0
    elif mode in ("w1", "w2"):
        for res in process_articles(arts, workers=int(mode[1]), config=PipelineConfig()):
            events += res.events
            failed += bool(res.error)
    elif mode in ("dask1", "dask2"):
        from rasid.dist.dask import cluster_client, process_articles_dask

        client = cluster_client(None, workers=int(mode[-1]))
        t_start = time.perf_counter()
        for res in process_articles_dask(arts, config=PipelineConfig(), client=client):
            events += res.events
            failed += bool(res.error)
        extra["cluster_start_s"] = round(t_start - t0, 2)
        usage = client.run(_worker_usage)
        extra["worker_rss_mb"] = round(max(u[0] for u in usage.values()), 1)
        extra["worker_cpu_s"] = round(sum(u[1] for u in usage.values()), 1)
        client.close()
        client._rasid_cluster.close()
    elif mode == "ingest2":
        import sqlite3

        from rasid.cli.ingest import ingest_paths

        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            src: list[str | Path] = [corpus]
            if limit:  # the ingest reads files: give it the first `limit` articles as JSONL
                src = [Path(tmp) / "first.jsonl"]
                with src[0].open("w", encoding="utf-8") as f:
                    for a in _articles(corpus, limit):
                        f.write(json.dumps({"id": a.id, "text": a.raw, "date": a.date}, ensure_ascii=False) + "\n")
            for a in _articles(corpus, limit):  # count articles and words for the rates
                arts.n += 1
                arts.words += len(_TOKEN.findall(a.raw))
            t0 = time.perf_counter()
            stats = ingest_paths(src, f"sqlite:///{db}", workers=2)
            extra["ingest_s"] = round(time.perf_counter() - t0, 2)
            con = sqlite3.connect(db)
            n_docs, n_ev = (con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "events"))
            con.close()
            events, failed = n_ev, len(stats.failed)
            extra.update(stored_documents=n_docs, duplicates=stats.duplicate, incidents=stats.incidents,
                         db_mb=round(db.stat().st_size / 2**20, 1))
            t_end = time.perf_counter()
    else:
        raise SystemExit(f"unknown mode {mode}")
    dt = (t_end if mode == "ingest2" else time.perf_counter()) - t0
    cpu_main = _cpu_s(resource.RUSAGE_SELF)
    cpu_workers = extra.pop("worker_cpu_s", None) or _cpu_s(resource.RUSAGE_CHILDREN)
    cpu = cpu_main + cpu_workers
    out = {"mode": mode, "articles": arts.n, "words": arts.words, "seconds": round(dt, 2),
           "articles_per_s": round(arts.n / dt, 1), "words_per_s": round(arts.words / dt),
           "events": events, "failed_docs": failed,
           "rss_main_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1),
           "rss_worker_mb": round(_maxrss_mb(resource.RUSAGE_CHILDREN), 1),
           "cpu_main_s": round(cpu_main, 1), "cpu_workers_s": round(cpu_workers, 1),
           "articles_per_cpu_s": round(arts.n / cpu, 1) if cpu else None,
           "load_avg_1m": [round(load0, 2), round(os.getloadavg()[0], 2)]}
    if "worker_rss_mb" in extra:
        out["rss_worker_mb"] = extra.pop("worker_rss_mb")
    out.update(extra)
    return out


def profile(corpus: Path, n: int) -> None:
    """Print a pyinstrument profile of the default pipeline over ``n`` articles (one process)."""
    from pyinstrument import Profiler

    from rasid.runner import PipelineConfig, process_articles

    arts = list(_articles(corpus, n))
    nlp = PipelineConfig().build()
    prof = Profiler(interval=0.001)
    prof.start()
    for _ in process_articles(arts, pipeline=nlp):
        pass
    prof.stop()
    print(prof.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (quick runs)")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--out", type=Path, default=None,
                    help=f"results JSON (default: {RESULTS.relative_to(REPO)} for full runs only)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--profile", type=int, metavar="N", help="profile the pipeline on N articles and exit")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    if args.profile:
        profile(args.corpus, args.profile)
        return
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.limit)))
        return
    rows = []
    for mode in args.modes.split(","):
        cmd = [sys.executable, __file__, "--one", mode, "--corpus", str(args.corpus)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        if p.returncode:
            print(p.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"mode {mode} failed")
        row = json.loads(p.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{mode:8} {row['articles']:6d} art {row['seconds']:8.1f} s {row['articles_per_s']:8.1f} art/s "
              f"{row['words_per_s']:10,d} words/s  rss main {row['rss_main_mb']:6.0f} MB  "
              f"worker {row['rss_worker_mb']:6.0f} MB  cpu {row['cpu_main_s']:.0f}+{row['cpu_workers_s']:.0f} s "
              f"({row['articles_per_cpu_s']} art/cpu-s)  load {row['load_avg_1m']}  events {row['events']}",
              flush=True)
    by = {r["mode"]: r for r in rows}
    ratios: dict[str, float] = {}
    if "floor" in by:
        for m, r in by.items():
            if m != "floor":
                ratios[f"floor/{m}"] = round(by["floor"]["articles_per_s"] / r["articles_per_s"], 1)
    for a, b in (("w2", "w1"), ("dask2", "dask1")):
        if a in by and b in by:
            ratios[f"{a}/{b}"] = round(by[a]["articles_per_s"] / by[b]["articles_per_s"], 2)
    for k, v in ratios.items():
        print(f"{k:14} {v}x")
    result = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_implementation()} "
                         f"{platform.python_version()}, {platform.platform()}",
              "limit": args.limit, "modes": rows, "ratios": ratios}
    out = args.out or (RESULTS if args.limit is None else None)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
