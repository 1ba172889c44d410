"""Measure place finding on the news corpus and the dev gold.

Runs :meth:`rasid.resolve.places.Gazetteer.find` over about 2,000 SaudiNewsNet
articles (``../shared/data/corpus/saudinewsnet``) and prints mentions per article,
sentences per second and the 40 most frequent matched names, so false
positives are easy to see. Then looks up every gold location with coordinates
(``../shared/data/news/gold.jsonl``) in the gazetteer and counts how many are
found and how many resolve within 15 km of the gold point (a coverage check).

Usage::

    python bench/places.py [--articles 2000] [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

from rasid.resolve.places import Gazetteer
from rasid.text.normalize import fold

logger = logging.getLogger("bench.places")
ROOT = Path(__file__).resolve().parents[1]
_SENT = re.compile(r"[^.!?؟\n؛]+")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def articles(shared: Path, limit: int) -> list[str]:
    out: list[str] = []
    for zpath in sorted((shared / "data" / "corpus" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for member in z.namelist():
                for art in json.loads(z.read(member)):
                    out.append(art.get("content") or "")
                    if len(out) >= limit:
                        return out
    return out


def corpus_run(gaz: Gazetteer, texts: list[str]) -> None:
    folded = []
    for t in texts:
        try:
            folded.append(fold(t))
        except RecursionError:  # rare presentation-form characters, see docs/gazetteer.md
            continue
    sents = [[(m.start(), m.end()) for m in _SENT.finditer(t)] for t in folded]
    n_sents = sum(len(s) for s in sents)
    names: Counter[str] = Counter()
    n_mentions = 0
    t0 = time.perf_counter()
    for text, spans in zip(folded, sents, strict=False):
        for s, e in spans:
            for m in gaz.find(text, s, e):
                n_mentions += 1
                names[f"{m.text} -> {m.places[0].name} ({m.places[0].kind}, p{m.precision})"] += 1
    dt = time.perf_counter() - t0
    words = sum(len(t.split()) for t in folded)
    print(f"articles: {len(folded)}  sentences: {n_sents}  words: {words}")
    print(f"mentions/article: {n_mentions / len(folded):.2f}")
    print(f"find: {n_sents / dt:,.0f} sentences/s, {len(folded) / dt:,.0f} articles/s, "
          f"{1000 * dt / n_sents:.3f} ms/sentence")
    print("40 most frequent matches:")
    for name, c in names.most_common(40):
        print(f"  {c:5d}  {name}")


def gold_run(gaz: Gazetteer, gold: Path) -> None:
    found = near = total = 0
    misses: list[str] = []
    for line in gold.open(encoding="utf-8"):
        rec = json.loads(line)
        loc = rec.get("location")
        if not loc or loc.get("lat") is None:
            continue
        total += 1
        text = fold(loc["text"])
        best = gaz.best_location(text)
        if best is None or best.lat is None:
            misses.append(loc["text"])
            continue
        found += 1
        if km(best.lat, best.lon, loc["lat"], loc["lon"]) <= 15:
            near += 1
        else:
            misses.append(f"{loc['text']} -> {best.name} ({best.admin1}) vs {loc['name']}")
    print(f"gold locations with coordinates: {total}; found: {found} ({found / total:.0%}); "
          f"within 15 km: {near} ({near / total:.0%})")
    print("not found or far (first 25 distinct):")
    for t, c in Counter(misses).most_common(25):
        print(f"  {c:3d}  {t}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="place-finding benchmark")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gaz = Gazetteer.default()
    print(f"gazetteer: {len(gaz)} places, loaded in {time.perf_counter() - t0:.2f} s")
    corpus_run(gaz, articles(args.shared, args.articles))
    gold = args.shared / "data" / "news" / "gold.jsonl"
    if gold.exists():
        gold_run(gaz, gold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
