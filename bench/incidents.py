"""Incident-level quality and speed of ``rasid.dedup.incidents`` on the dev articles.

usage: python bench/incidents.py [--pred PRED.jsonl] [--embeddings] [--json OUT.json]

Gold: ``../shared/data/news/gold.jsonl``; records sharing an ``incident`` id in
one document are one incident (the gold has no cross-document links).

Metrics, over gold records and within each document (a predicted incident is
cut into its per-document parts, because the gold cannot judge
cross-document links):

* B-cubed P/R/F1: for each gold record, precision = |pred cluster ∩ gold
  cluster| / |pred cluster|, recall = the same over |gold cluster|; averaged
  over records.
* Pairwise link P/R/F1: over pairs of records of one document, a link is
  "same incident".

Two settings:

(a) gold records as input (clustering alone);
(b) predicted records (``rasid extract`` on the dev articles, or ``--pred``),
    matched one-to-one to gold records with the scorer's rule (same doc and
    type, evidence overlap ≥ 50% of the gold span or covering the gold
    trigger; ``spec/score.py``). Scored on the matched gold records (each takes
    its prediction's incident); "all" also counts unmatched gold records, each
    as its own incident.

It also checks that the rocket on old Aleppo on 2015-07-22 (docs 007, 009,
010) is one incident, and times build_incidents on thousands of records.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
NEWS = SHARED / "data" / "news"
sys.path.insert(0, str(REPO / "src"))

from rasid.dedup.incidents import IncidentSettings, build_incidents  # noqa: E402


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SHARED / "spec" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def doc_dates() -> dict[str, str]:
    return {a["id"]: a["date"] for a in load_jsonl(NEWS / "articles.jsonl")}


def prf(p: float, r: float) -> tuple[float, float, float]:
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r) if p + r else 0.0, 3)


def cluster_scores(items: list[tuple[str, str, str]]) -> dict[str, tuple[float, float, float]]:
    """B-cubed and pairwise P/R/F1 of ``(doc, gold_id, pred_id)`` items, within documents."""
    gold: dict[tuple[str, str], int] = defaultdict(int)
    pred: dict[tuple[str, str], int] = defaultdict(int)
    both: dict[tuple[str, str, str], int] = defaultdict(int)
    for d, g, p in items:
        gold[(d, g)] += 1
        pred[(d, p)] += 1
        both[(d, g, p)] += 1
    n = len(items)
    bp = sum(both[(d, g, p)] / pred[(d, p)] for d, g, p in items) / n
    br = sum(both[(d, g, p)] / gold[(d, g)] for d, g, p in items) / n
    links_both = sum(c * (c - 1) / 2 for c in both.values())
    links_pred = sum(c * (c - 1) / 2 for c in pred.values())
    links_gold = sum(c * (c - 1) / 2 for c in gold.values())
    lp = links_both / links_pred if links_pred else 1.0
    lr = links_both / links_gold if links_gold else 1.0
    return {"bcubed": prf(bp, br), "pairwise": prf(lp, lr)}


def incident_of(incidents: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> dict[Any, str]:
    return {key(r): inc["id"] for inc in incidents for r in inc["reports"]}


def with_spans(records: list[dict[str, Any]], docs: dict[str, str], scorer: Any) -> None:
    for r in records:
        span = scorer.locate(r, docs[r["doc"]]) if r["doc"] in docs else None
        if span and not isinstance(r.get("start"), int):
            r["start"], r["end"] = span
        r["_span"] = span


def aleppo_check(incidents: list[dict[str, Any]], gold_ids: dict[Any, str], key: Callable[[dict], Any]) -> str:
    """Which predicted incidents hold the maghayir records of 007/009/010."""
    hits: dict[str, set[str]] = defaultdict(set)
    figures = {}
    for inc in incidents:
        for r in inc["reports"]:
            g = gold_ids.get(key(r))
            if g and g.endswith("maghayir") and r["doc"] in ("007", "009", "010"):
                hits[inc["id"]].add(r["doc"])
                f = inc["fatalities"]
                figures[inc["id"]] = (f["min"], f["max"], f["conservative"], f["by_source"])
    ok = len(hits) == 1 and next(iter(hits.values())) == {"007", "009", "010"}
    return (("OK one incident " if ok else "SPLIT ") + "; ".join(
        f"{i}: docs {sorted(d)} min/max/conservative/by_source {figures[i]}" for i, d in hits.items()))


def run_gold(gold: list[dict[str, Any]], dates: dict[str, str], s: IncidentSettings) -> dict[str, Any]:
    t = time.perf_counter()
    incs = build_incidents(gold, s, doc_dates=dates)
    secs = time.perf_counter() - t
    pid = incident_of(incs, lambda r: (r["doc"], r["start"], r["end"], r["type"]))
    items = [(g["doc"], g["incident"], pid[(g["doc"], g["start"], g["end"], g["type"])]) for g in gold]
    gid = {(g["doc"], g["start"], g["end"], g["type"]): g["incident"] for g in gold}
    res: dict[str, Any] = cluster_scores(items)
    res.update(records=len(gold), gold_incidents=len({(g["doc"], g["incident"]) for g in gold}),
               incidents=len(incs), cross_doc=sum(1 for i in incs if i["n_docs"] > 1), seconds=round(secs, 3),
               aleppo=aleppo_check(incs, gid, lambda r: (r["doc"], r["start"], r["end"], r["type"])))
    return res


def run_pred(gold: list[dict[str, Any]], pred: list[dict[str, Any]], docs: dict[str, str],
             dates: dict[str, str], s: IncidentSettings, scorer: Any) -> dict[str, Any]:
    pred = [p for p in pred if p.get("kind") != "quote" and p.get("type")]
    for i, p in enumerate(pred):
        p["_i"] = i
    with_spans(pred, docs, scorer)
    pairs = scorer.match(gold, pred, docs)
    incs = build_incidents(pred, s, doc_dates=dates)
    pid = {}
    for inc in incs:
        for r in inc["reports"]:
            pid[(r["doc"], r["start"], r["end"], r["type"])] = inc["id"]
    matched = {id(g): pid[(p["doc"], p["start"], p["end"], p["type"])] for g, p in pairs}
    items_m = [(g["doc"], g["incident"], matched[id(g)]) for g in gold if id(g) in matched]
    items_all = [(g["doc"], g["incident"], matched.get(id(g), f"unmatched-{g['_i']}")) for g in gold]
    gid = {(p["doc"], p["start"], p["end"], p["type"]): g["incident"] for g, p in pairs}
    return {
        "pred_records": len(pred), "matched": len(pairs), "incidents": len(incs),
        "cross_doc": sum(1 for i in incs if i["n_docs"] > 1),
        "matched_only": cluster_scores(items_m), "all_gold": cluster_scores(items_all),
        "aleppo": aleppo_check(incs, gid, lambda r: (r["doc"], r["start"], r["end"], r["type"])),
    }


def scale(records: list[dict[str, Any]], dates: dict[str, str], s: IncidentSettings, copies: int) -> dict[str, Any]:
    """Time build_incidents on ``copies`` shifted copies of the records (new docs, later dates)."""
    from datetime import date, timedelta

    big, big_dates = [], {}
    for c in range(copies):
        for r in records:
            big.append({**r, "doc": f"{r['doc']}-{c}"})
        for d, iso_d in dates.items():
            big_dates[f"{d}-{c}"] = (date.fromisoformat(iso_d) + timedelta(days=3 * c)).isoformat()
    t = time.perf_counter()
    incs = build_incidents(big, s, doc_dates=big_dates)
    return {"records": len(big), "incidents": len(incs), "seconds": round(time.perf_counter() - t, 3)}


def extract_dev() -> list[dict[str, Any]]:
    from rasid.runner import extract_records

    return list(extract_records([str(NEWS)]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", type=Path, help="predicted records (default: run rasid extract on the dev articles)")
    ap.add_argument("--embeddings", action="store_true", help="IncidentSettings(use_embeddings=True)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args()
    if not (NEWS / "gold.jsonl").exists():
        sys.exit(f"bench/incidents.py: {NEWS} not found")
    scorer = _scorer()
    s = IncidentSettings(use_embeddings=a.embeddings)
    dates = doc_dates()
    gold = load_jsonl(NEWS / "gold.jsonl")
    docs = {p.stem: p.read_text(encoding="utf-8") for p in NEWS.glob("*.txt")}
    with_spans(gold, docs, scorer)
    gold = [g for g in gold if g["_span"]]
    for i, g in enumerate(gold):
        g["_i"] = i
    res: dict[str, Any] = {"settings": repr(s), "gold_input": run_gold([dict(g) for g in gold], dates, s)}
    t = time.perf_counter()
    pred = load_jsonl(a.pred) if a.pred else extract_dev()
    res["extract_seconds"] = round(time.perf_counter() - t, 1)
    res["pred_input"] = run_pred(gold, pred, docs, dates, s, scorer)
    res["scale"] = [scale(gold, dates, IncidentSettings(), n) for n in (3, 10)]
    for part in ("gold_input", "pred_input"):
        r = res[part]
        print(f"== ({'a' if part == 'gold_input' else 'b'}) {part}")
        for k, v in r.items():
            print(f"  {k}: {v}")
    for sc in res["scale"]:
        print(f"== scale (default settings, no embeddings): {sc}")
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
