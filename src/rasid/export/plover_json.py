"""Events → PLOVER-style JSON (a JSON array, one object per event).

Interaction types are PLOVER event types in upper case (``consult`` →
``CONSULT``). Violence types keep the ACLED mapping (``event_type`` /
``sub_event_type`` from :mod:`rasid.export.acled_csv`) and also give the nearest
PLOVER event and mode (``plover_event``, ``mode``). Field names follow the
PLOVER data format: ``id``, ``date``, ``event_type``, ``mode``, ``actor``,
``recipient``, ``geolocation``, ``source``, ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from rasid.export.acled_csv import ACLED_TYPES
from rasid.records import INTERACTION_TYPES

__all__ = ["PLOVER_VIOLENCE", "plover_record", "iter_plover_json", "write_plover_json"]

# rasid violence type -> (PLOVER event, mode)
PLOVER_VIOLENCE: dict[str, tuple[str, str | None]] = {
    "armed_clash": ("FIGHT", "small-arms"),
    "territory_gain_govt": ("FIGHT", "occupy"),
    "territory_gain_nonstate": ("FIGHT", "occupy"),
    "air_strike": ("FIGHT", "aerial"),
    "shelling": ("FIGHT", "artillery"),
    "suicide_bomb": ("ASSAULT", "suicide-bomb"),
    "remote_explosive": ("ASSAULT", "bombing"),
    "chemical_weapon": ("FIGHT", "WMD"),
    "attack_on_civilians": ("ASSAULT", None),
    "abduction": ("ASSAULT", "abduct"),
    "aircraft_downed": ("FIGHT", "aerial"),
    "weapons_seized": ("SEIZE", "weapons"),
    "deployment": ("MOBILIZE", "military"),
    "protest": ("PROTEST", "demonstrate"),
    "riot": ("PROTEST", "riot"),
}


def plover_record(ev: dict[str, Any], n: int = 0) -> dict[str, Any]:
    """One PLOVER-style object from an event record dict (``Event.to_dict()`` shape)."""
    typ = ev["type"]
    loc = ev.get("location") or {}
    fat = ev.get("fatalities") or {}
    if typ in INTERACTION_TYPES:
        event_type, sub, plover, mode = typ.upper(), None, typ.upper(), None
    else:
        event_type, sub = ACLED_TYPES.get(typ, ("Strategic developments", typ))
        plover, mode = PLOVER_VIOLENCE.get(typ, (typ.upper(), None))
    geo = None
    if loc:
        geo = {"placename": loc.get("name") or loc.get("text"), "text": loc.get("text"),
               "admin1": loc.get("admin1"), "country": loc.get("country"), "lat": loc.get("lat"),
               "lon": loc.get("lon"), "precision": loc.get("precision")}
    return {
        "id": ev.get("id") if ev.get("id") is not None else f"{ev.get('doc')}-{n}",
        "date": ev.get("event_date") or ev.get("date"),
        "date_text": ev.get("date_text"),
        "event_type": event_type,
        "sub_event_type": sub,
        "plover_event": plover,
        "mode": mode,
        "rasid_type": typ,
        "modality": ev.get("modality"),
        "actor": ev.get("actor1"),
        "actor_text": ev.get("actor1_text"),
        "recipient": ev.get("actor2"),
        "recipient_text": ev.get("actor2_text"),
        "geolocation": geo,
        "fatalities": fat.get("total"),
        "civilian_fatalities": fat.get("civilians"),
        "fatalities_text": fat.get("text") or None,
        "source": ev.get("source"),
        "doc": ev.get("doc"),
        "text": ev.get("evidence"),
        "trigger": ev.get("trigger"),
        "start": ev.get("start"),
        "end": ev.get("end"),
    }


def iter_plover_json(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The JSON array as text chunks (one object per line), for streaming."""
    yield "[\n"
    for n, ev in enumerate(events, 1):
        yield ("" if n == 1 else ",\n") + json.dumps(plover_record(ev, n), ensure_ascii=False,
                                                      separators=(",", ":"))
    yield "\n]\n"


def write_plover_json(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the array; returns the number of events."""
    n = 0
    for chunk in iter_plover_json(events):
        if chunk.startswith("{") or chunk.startswith(",\n"):
            n += 1
        out.write(chunk)
    return n
