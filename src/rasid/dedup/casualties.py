"""Reconcile the casualty figures of the reports behind one incident.

Monitors such as Airwars and ACLED do this by hand; the rules here are theirs,
written down:

* ``min`` / ``max``: the lowest and highest total any report gives.
* ``by_source``: for each source (the record's ``source``, or
  ``"unattributed"``), the highest total it gives. One source's figures for one
  incident rise as bodies are found, so its highest figure is its latest word.
* ``conservative``: ACLED's figure, "the most conservative (lowest) credible
  reported figure": the lowest of the per-source figures, leaving out a party's
  claim about its own attack (``source`` equal to the report's ``actor1``,
  e.g. a group boasting of the enemies it killed) whenever any other source
  gives a figure. Because each source counts with its highest figure, an early
  partial count ("2 killed", later "18 killed" by the same source) does not
  drag the conservative figure down.
* ``civilians``: ``{"min", "max"}`` over the reports' civilian counts.

Vague counts ("dozens", "عشرات") carry no number and are left out; when no
report gives a number, every figure is None and ``by_source`` is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["reconcile", "UNATTRIBUTED"]

UNATTRIBUTED = "unattributed"


def _num(fat: Any, key: str) -> int | None:
    if not isinstance(fat, dict):
        return None
    v = fat.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else None


def reconcile(reports: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Reconciled casualty figures for one incident.

    Args:
        reports: event dicts with ``fatalities``, ``source`` and ``actor1``.

    Returns:
        ``{"min", "max", "conservative", "by_source", "civilians": {"min", "max"}}``.

    >>> reconcile([{"source": "SOHR", "fatalities": {"total": 18}},
    ...            {"source": "SANA", "fatalities": {"total": 12}}])["conservative"]
    12
    """
    by_source: dict[str, int] = {}
    self_claims: set[str] = set()
    totals: list[int] = []
    civilians: list[int] = []
    for r in reports:
        fat = r.get("fatalities")
        total, civ = _num(fat, "total"), _num(fat, "civilians")
        if civ is not None:
            civilians.append(civ)
        if total is None:
            continue
        totals.append(total)
        src = r.get("source") or UNATTRIBUTED
        by_source[src] = max(total, by_source.get(src, total))
        if r.get("actor1") and src == r.get("actor1"):
            self_claims.add(src)
    credible = {s: v for s, v in by_source.items() if s not in self_claims} or by_source
    return {
        "min": min(totals) if totals else None,
        "max": max(totals) if totals else None,
        "conservative": min(credible.values()) if credible else None,
        "by_source": dict(sorted(by_source.items())),
        "civilians": {"min": min(civilians) if civilians else None,
                      "max": max(civilians) if civilians else None},
    }
