"""Events → CSV with ACLED's column names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["ACLED_COLUMNS", "ACLED_TYPES", "acled_row", "write_acled_csv"]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities", "civilian_fatalities", "modality", "doc", "start", "end",
]

# rasid type -> (ACLED event type, sub-event type); PLOVER types go under Strategic developments.
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "armed_clash": ("Battles", "Armed clash"),
    "territory_gain_govt": ("Battles", "Government regains territory"),
    "territory_gain_nonstate": ("Battles", "Non-state actor overtakes territory"),
    "aircraft_downed": ("Battles", "Armed clash"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "suicide_bomb": ("Explosions/Remote violence", "Suicide bomb"),
    "remote_explosive": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "chemical_weapon": ("Explosions/Remote violence", "Chemical weapon"),
    "attack_on_civilians": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "weapons_seized": ("Strategic developments", "Disrupted weapons use"),
    "deployment": ("Strategic developments", "Other"),
    "protest": ("Protests", "Peaceful protest"),
    "riot": ("Riots", "Violent demonstration"),
}

_COUNTRIES = {"SY": "Syria", "TR": "Turkey", "IQ": "Iraq", "LB": "Lebanon", "JO": "Jordan", "IL": "Israel",
              "PS": "Palestine"}


def acled_row(ev: dict[str, Any], n: int = 0) -> dict[str, Any]:
    """One ACLED-style row from an event record dict (``Event.to_dict()``)."""
    etype, sub = ACLED_TYPES.get(ev["type"], ("Strategic developments", ev["type"].upper()))
    loc = ev.get("location") or {}
    fat = ev.get("fatalities") or {}
    country = loc.get("country")
    return {
        "event_id_cnty": f"{ev.get('doc')}-{n}",
        "event_date": ev.get("event_date") or "",
        "time_precision": ev.get("time_precision") or "",
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": ev.get("actor1") or "",
        "actor2": ev.get("actor2") or "",
        "country": _COUNTRIES.get(country or "", country or ""),
        "admin1": loc.get("admin1") or "",
        "location": loc.get("name") or loc.get("text") or "",
        "latitude": "" if loc.get("lat") is None else loc["lat"],
        "longitude": "" if loc.get("lon") is None else loc["lon"],
        "geo_precision": loc.get("precision") or "",
        "source": ev.get("source") or "",
        "notes": ev.get("evidence") or "",
        "fatalities": fat.get("total") if fat.get("total") is not None else 0,
        "civilian_fatalities": fat.get("civilians") if fat.get("civilians") is not None else "",
        "modality": ev.get("modality") or "",
        "doc": ev.get("doc") or "",
        "start": ev.get("start", ""),
        "end": ev.get("end", ""),
    }


def write_acled_csv(events: Iterable[dict[str, Any]], out: TextIO, *, header: bool = True) -> int:
    """Write event dicts as ACLED-style CSV rows; returns the number of rows."""
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    if header:
        w.writeheader()
    n = 0
    for n, ev in enumerate(events, 1):
        w.writerow(acled_row(ev, n))
    return n
