"""Events or incidents → a GeoJSON FeatureCollection of points.

Records without coordinates are left out (they cannot be drawn); every other
field goes into ``properties``. Coordinates are ``[lon, lat]`` (RFC 7946).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

__all__ = ["feature", "iter_geojson", "write_geojson"]


def feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """A point Feature for one event or incident dict, or None without coordinates."""
    loc = rec.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return None
    props = {k: v for k, v in rec.items() if k != "location"}
    props.update({"place": loc.get("name") or loc.get("text"), "place_text": loc.get("text"),
                  "admin1": loc.get("admin1"), "geo_precision": loc.get("precision")})
    return {"type": "Feature", "id": rec.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]}, "properties": props}


def iter_geojson(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The FeatureCollection as text chunks (one feature per line), for streaming."""
    yield '{"type":"FeatureCollection","features":[\n'
    first = True
    for rec in records:
        f = feature(rec)
        if f is None:
            continue
        yield ("" if first else ",\n") + json.dumps(f, ensure_ascii=False, separators=(",", ":"))
        first = False
    yield "\n]}\n"


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the FeatureCollection; returns the number of features."""
    n = 0
    for chunk in iter_geojson(records):
        if chunk.startswith(",") or chunk.startswith('{"type":"Feature"'):
            n += 1
        out.write(chunk)
    return n
