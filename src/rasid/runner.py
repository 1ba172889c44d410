"""Batch extraction: inputs → pipeline → JSONL/CSV records, streaming.

This is the plain function behind ``rasid extract``; tests and other front
ends call it directly.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rasid.doc import Document
from rasid.io.read import ReadError, read_paths
from rasid.pipeline import Pipeline

__all__ = ["RunStats", "doc_records", "extract_to", "extract_records"]

logger = logging.getLogger(__name__)


@dataclass
class RunStats:
    """What a batch did."""

    documents: int = 0
    events: int = 0
    quotes: int = 0
    failed: list[str] = field(default_factory=list)


def doc_records(doc: Document, *, quotes: bool = False) -> list[dict[str, Any]]:
    """The output records of one processed document (events, then quotes)."""
    out = [e.to_dict() for e in doc.events]
    if quotes:
        out.extend(q.to_dict() for q in doc.quotes)
    return out


def _documents(items: Iterable[Document | ReadError], stats: RunStats) -> Iterator[Document]:
    for item in items:
        if isinstance(item, ReadError):
            logger.warning("skipped %s", item)
            stats.failed.append(str(item))
            continue
        yield item


def extract_records(
    paths: Iterable[str | Path], *, date: str | None = None, quotes: bool = False,
    pipeline: Pipeline | None = None, stats: RunStats | None = None,
) -> Iterator[dict[str, Any]]:
    """Stream output records for the articles under ``paths``."""
    stats = stats if stats is not None else RunStats()
    nlp = pipeline or Pipeline.default(quotes=quotes)
    for doc in nlp.pipe(_documents(read_paths(paths, date=date), stats)):
        stats.documents += 1
        if "error" in doc.user:
            stats.failed.append(f"{doc.id}: {doc.user['error']}")
            continue
        recs = doc_records(doc, quotes=quotes)
        stats.events += len(doc.events)
        stats.quotes += len(doc.quotes) if quotes else 0
        yield from recs


def extract_to(
    paths: Iterable[str | Path], out: TextIO | None = None, *, fmt: str = "jsonl",
    date: str | None = None, quotes: bool = False,
) -> RunStats:
    """Extract records from ``paths`` and write them to ``out`` (stdout by default).

    Args:
        paths: files, folders or ``-``.
        out: an open text stream.
        fmt: ``jsonl`` (spec records) or ``csv`` (ACLED columns; events only).
        date: publication date for articles without one.
        quotes: also output quote records (JSONL only).
    """
    out = out or sys.stdout
    stats = RunStats()
    recs = extract_records(paths, date=date, quotes=quotes, stats=stats)
    if fmt == "csv":
        from rasid.export.acled_csv import write_acled_csv

        write_acled_csv((r for r in recs if r.get("kind") != "quote"), out)
    else:
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    out.flush()
    return stats
