"""Records → JSON Lines: one event record or one incident per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

__all__ = ["iter_jsonl", "write_jsonl", "INCIDENT_KEYS"]

# what every incident line carries at least
INCIDENT_KEYS = ("id", "type", "location", "fatalities", "date_start", "date_end", "reports")


def iter_jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One compact JSON line per record (UTF-8 Arabic kept as is)."""
    for rec in records:
        yield json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write records as JSON Lines; returns how many."""
    n = 0
    for n, line in enumerate(iter_jsonl(records), 1):
        out.write(line)
    return n
