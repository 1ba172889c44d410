"""One entry point for every export format, for events or incidents.

``export_chunks(fmt, what, records)`` gives the text of the export in chunks
(for files and for streamed HTTP responses alike).

===============  ==========================================  =================================
format           events                                      incidents
===============  ==========================================  =================================
``acled-csv``    one ACLED-style row per event               one row per incident (minimum dead)
``plover-json``  JSON array of PLOVER-style objects          — (events only)
``geojson``      FeatureCollection of points                 FeatureCollection of points
``jsonl``        one spec record per line                    one incident per line with reports
===============  ==========================================  =================================
"""

from __future__ import annotations

from enum import Enum

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from rasid.errors import ConfigError
from rasid.export.acled_csv import ACLED_COLUMNS, acled_row
from rasid.export.geojson import iter_geojson
from rasid.export.jsonl import iter_jsonl
from rasid.export.plover_json import iter_plover_json

__all__ = ["FORMATS", "MEDIA_TYPES", "EXTENSIONS", "export_chunks", "incident_as_event"]

FORMATS = ("acled-csv", "plover-json", "geojson", "jsonl")


class ExportFormat(str, Enum):
    """The export formats, as the CLI and the API name them."""

    acled_csv = "acled-csv"
    plover_json = "plover-json"
    geojson = "geojson"
    jsonl = "jsonl"


class ExportWhat(str, Enum):
    """What an export holds: event records or incidents."""

    events = "events"
    incidents = "incidents"
MEDIA_TYPES = {"acled-csv": "text/csv; charset=utf-8", "plover-json": "application/json",
               "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}
EXTENSIONS = {"acled-csv": "csv", "plover-json": "json", "geojson": "geojson", "jsonl": "jsonl"}


def incident_as_event(inc: dict[str, Any]) -> dict[str, Any]:
    """An incident flattened to an event-like dict (for ACLED rows): conservative dead, all sources."""
    fat = inc.get("fatalities") or {}
    reports = inc.get("reports") or []
    sources = sorted({r.get("source") for r in reports if r.get("source")})
    total = fat.get("conservative") if fat.get("conservative") is not None else fat.get("min")
    return {
        "doc": ";".join(dict.fromkeys(str(r.get("doc")) for r in reports)), "type": inc.get("type"),
        "event_date": inc.get("date_start"), "location": inc.get("location"),
        "fatalities": {"total": total}, "source": ";".join(sources),
        "evidence": reports[0].get("evidence") if reports else "", "actor1": None, "actor2": None,
        "start": reports[0].get("start") if reports else "", "end": reports[0].get("end") if reports else "",
    }


def _csv_chunks(events: Iterable[dict[str, Any]], ids: bool) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    for n, ev in enumerate(events, 1):
        row = acled_row(ev, n)
        if ids and ev.get("id") is not None:
            row["event_id_cnty"] = str(ev["id"])
        w.writerow(row)
        if buf.tell() > 65536:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def export_chunks(fmt: str, what: str, records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The export of ``records`` (event record dicts or incident dicts) as text chunks.

    Raises:
        ConfigError: unknown format or kind, or a format that has no incident form.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if what not in ("events", "incidents"):
        raise ConfigError(f"what: expected events or incidents, got {what!r}")
    if fmt == "jsonl":
        return iter_jsonl(records)
    if fmt == "geojson":
        return iter_geojson(records)
    if fmt == "plover-json":
        if what == "incidents":
            raise ConfigError("plover-json exports events only (use --what events)")
        return iter_plover_json(records)
    if what == "incidents":
        return _csv_chunks((incident_as_event(i) | {"id": i.get("id")} for i in records), ids=True)
    return _csv_chunks(records, ids=True)
