"""CPU throughput of the default pipeline on SaudiNewsNet articles: not a test.

Builds ``Pipeline.default()`` once, warms its caches on ``--warmup`` articles,
then times ``--n`` further articles (documents built inside the timer, as
``rasid extract`` does) in CPU seconds of this process (``time.process_time``),
so other jobs on a busy machine count as little as possible. ``--repeat``
runs the timed part several times and keeps the best. Articles are a fixed
random sample (``--seed``) of all the zips.

Usage (from the repository root)::

    python bench/pipeline.py                       # 1,000 warm-up + 2,000 timed articles
    python bench/pipeline.py --n 500 --profile     # pyinstrument profile of the timed part

``--profile`` needs pyinstrument (``pip install pyinstrument``; not a dependency).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
import zipfile
from pathlib import Path

from rasid.doc import Document
from rasid.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "data" / "corpus" / "saudinewsnet"


def _articles(n: int, seed: int) -> list[tuple[str, str | None]]:
    arts: list[dict[str, str]] = []
    for z in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            arts.extend(json.loads(zf.read(zf.namelist()[0])))
    random.Random(seed).shuffle(arts)
    return [((a.get("title") or "") + "\n" + (a.get("content") or ""), (a.get("date_extracted") or "")[:10] or None)
            for a in arts[:n]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warmup", type=int, default=1000)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    raws = _articles(a.warmup + a.n, a.seed)
    if len(raws) < a.warmup + a.n:
        raise SystemExit(f"corpus not found or too small: {CORPUS}")
    t = time.process_time()
    nlp = Pipeline.default()
    print(f"pipeline built in {time.process_time() - t:.2f} s CPU: {', '.join(nlp.names)}")
    for k, (raw, date) in enumerate(raws[:a.warmup]):
        nlp(Document.from_raw(f"w{k}", raw, date=date))
    timed = raws[a.warmup:]
    words = sum(len(r.split()) for r, _ in timed)
    prof = None
    if a.profile:
        from pyinstrument import Profiler

        prof = Profiler(interval=0.0005)
        prof.start()
    best = None
    events = 0
    for _ in range(a.repeat):
        events = 0
        t = time.process_time()
        for k, (raw, date) in enumerate(timed):
            events += len(nlp(Document.from_raw(str(k), raw, date=date)).events)
        dt = time.process_time() - t
        best = dt if best is None else min(best, dt)
    if prof is not None:
        prof.stop()
        print(prof.output_text(unicode=True, color=False, show_all=False))
    assert best is not None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(timed)} articles ({words:,} words) after {a.warmup} warm-up: {best:.2f} s CPU, "
          f"{len(timed) / best:.1f} articles/s, {words / best:,.0f} words/s, {events} events, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
