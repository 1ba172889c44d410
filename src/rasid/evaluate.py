"""Score predicted event records against gold records (the spec's scoring rules).

A prediction matches a gold record of the same document and type when its
evidence covers the gold trigger or overlaps at least half of the gold
evidence; pairs are taken greedily, largest overlap first, one-to-one. Field
accuracy is computed on matched pairs whose gold field is set.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.records import INTERACTION_TYPES, VIOLENCE_TYPES

__all__ = ["load_records", "load_docs", "score", "format_report"]

MAX_PRED_SPAN = 600
_WS = re.compile(r"\s+")
_RADIUS = {1: 15.0, 2: 25.0, 3: 100.0}


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file (blank lines ignored)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: not JSON: {e}") from e
    return out


def load_docs(folder: str | Path, ids: Iterable[str]) -> dict[str, str]:
    """Document texts ``DIR/ID.txt`` for the given ids (missing files skipped)."""
    docs = {}
    for d in set(ids):
        f = Path(folder) / f"{d}.txt"
        if f.exists():
            docs[d] = f.read_text(encoding="utf-8")
    return docs


def _span(rec: dict[str, Any], text: str) -> tuple[int, int] | None:
    s, e = rec.get("start"), rec.get("end")
    if isinstance(s, int) and isinstance(e, int):
        return s, e
    ev = rec.get("evidence") or ""
    if not ev:
        return None
    i = text.find(ev)
    if i >= 0:
        return i, i + len(ev)
    parts = [re.escape(p) for p in _WS.split(ev.strip()) if p]
    m = re.search(r"\s+".join(parts), text) if parts else None
    return (m.start(), m.end()) if m else None


def _trigger_span(rec: dict[str, Any], span: tuple[int, int] | None, text: str) -> tuple[int, int] | None:
    trig = rec.get("trigger")
    if not trig or span is None:
        return None
    i = text.find(trig, span[0], span[1])
    return None if i < 0 else (i, i + len(trig))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _point(loc: Any) -> tuple[float, float] | None:
    if not isinstance(loc, dict):
        return None
    try:
        return float(loc["lat"]), float(loc["lon"])
    except (KeyError, TypeError, ValueError):
        return None


def _location_ok(gold: dict[str, Any], pred: Any) -> bool:
    g, p = _point(gold), _point(pred)
    if g is None or p is None:
        return False
    return _km(g, p) <= _RADIUS.get(gold.get("precision", 1), 500.0)


def _fat(rec: dict[str, Any], key: str) -> Any:
    f = rec.get("fatalities")
    return f.get(key) if isinstance(f, dict) else None


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


@dataclass
class _Item:
    rec: dict[str, Any]
    span: tuple[int, int] | None


def _pairs(gold: list[_Item], pred: list[_Item], docs: dict[str, str]) -> list[tuple[_Item, _Item]]:
    by_key: dict[tuple[Any, Any], list[int]] = {}
    for pi, p in enumerate(pred):
        by_key.setdefault((p.rec.get("doc"), p.rec.get("type")), []).append(pi)
    cands = []
    for gi, g in enumerate(gold):
        gs = g.span
        if gs is None:
            continue
        gt = _trigger_span(g.rec, gs, docs[g.rec["doc"]])
        for pi in by_key.get((g.rec["doc"], g.rec.get("type")), ()):
            ps = pred[pi].span
            if ps is None or ps[1] - ps[0] > MAX_PRED_SPAN:
                continue
            inter = min(gs[1], ps[1]) - max(gs[0], ps[0])
            covers = gt is not None and ps[0] <= gt[0] and gt[1] <= ps[1]
            if covers or inter >= 0.5 * (gs[1] - gs[0]):
                cands.append((max(inter, 0), gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], pred[pi]))
    return out


def score(gold_recs: list[dict[str, Any]], pred_recs: list[dict[str, Any]], docs: dict[str, str]) -> dict[str, Any]:
    """Event P/R/F1 (all, violence, interaction), field accuracy and per-type figures."""
    pred_recs = [p for p in pred_recs if p.get("kind", "event") == "event"]

    def items(recs: list[dict[str, Any]]) -> list[_Item]:
        return [_Item(r, _span(r, docs[r["doc"]]) if r.get("doc") in docs else None) for r in recs]

    gold, pred = items(gold_recs), items(pred_recs)
    pairs = _pairs(gold, pred, docs)
    res: dict[str, Any] = {"gold": len(gold), "pred": len(pred), "matched": len(pairs),
                           "gold_unlocated": sum(1 for g in gold if g.span is None)}
    res["all"] = _prf(len(pairs), len(pred), len(gold))
    for name, group in (("violence", VIOLENCE_TYPES), ("interaction", INTERACTION_TYPES)):
        tp = sum(1 for g, _ in pairs if g.rec["type"] in group)
        res[name] = _prf(tp, sum(1 for p in pred if p.rec.get("type") in group),
                         sum(1 for g in gold if g.rec.get("type") in group))
    fields: dict[str, list[int]] = {}
    for key in ("actor1", "actor2", "source", "modality"):
        scored = [(g, p) for g, p in pairs if g.rec.get(key) is not None]
        fields[key] = [sum(1 for g, p in scored if p.rec.get(key) == g.rec.get(key)), len(scored)]
    scored = [(g, p) for g, p in pairs if _point(g.rec.get("location"))]
    fields["location"] = [sum(1 for g, p in scored if _location_ok(g.rec["location"], p.rec.get("location"))),
                          len(scored)]
    for key in ("total", "civilians"):
        scored = [(g, p) for g, p in pairs if _fat(g.rec, key) is not None]
        fields["fatalities." + key] = [sum(1 for g, p in scored if _fat(p.rec, key) == _fat(g.rec, key)),
                                       len(scored)]
    res["fields"] = {k: {"correct": c, "of": n, "acc": round(c / n, 3) if n else None}
                     for k, (c, n) in fields.items()}
    gt = Counter(g.rec["type"] for g in gold)
    pt = Counter(p.rec.get("type") for p in pred)
    mt = Counter(g.rec["type"] for g, _ in pairs)
    res["per_type"] = {str(t): {"gold": gt[t], "pred": pt[t], "prf": _prf(mt[t], pt[t], gt[t])}
                       for t in sorted(set(gt) | set(pt), key=str)}
    return res


def format_report(res: dict[str, Any], *, per_type: bool = False) -> str:
    """The score as the text table ``score.py`` prints."""
    lines = [f"gold {res['gold']}  pred {res['pred']}  matched {res['matched']}  "
             f"(gold evidence not found: {res['gold_unlocated']})"]
    for k in ("all", "violence", "interaction"):
        p, r, f = res[k]
        lines.append(f"{k:12s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for k, v in res["fields"].items():
        acc = "-" if v["acc"] is None else f"{v['acc']:.3f}"
        lines.append(f"field {k:18s} {acc}  ({v['correct']}/{v['of']})")
    if per_type:
        for t, v in res["per_type"].items():
            lines.append(f"type {t:24s} gold {v['gold']:3d} pred {v['pred']:3d}  F1 {v['prf'][2]:.3f}")
    return "\n".join(lines)
