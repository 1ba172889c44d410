"""Simplify the OCHA governorate polygons into the web page's offline basemap.

Reads ``../shared/data/gazetteer/boundaries/syr_admin1_ocha.geojson`` (OCHA
COD-AB Syria admin-1, CC BY 3.0 IGO, 2.7 MB) and writes
``src/rasid/web/static/syr_admin1.geojson`` (small: Douglas–Peucker in pure
Python, coordinates rounded, only the name/pcode properties kept, plus
``admin1``: the governorate as rasid's gazetteer spells it, from
``syria_admin1-3_ar.tsv``, which is what event records carry).

Usage::

    python scripts/build_boundaries.py [--tolerance 0.002] [--src PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

logger = logging.getLogger("build_boundaries")

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / ".." / "shared" / "data" / "gazetteer" / "boundaries" / "syr_admin1_ocha.geojson"
OUT = REPO / "src" / "rasid" / "web" / "static" / "syr_admin1.geojson"
TSV = REPO / ".." / "shared" / "data" / "gazetteer" / "syria_admin1-3_ar.tsv"
KEEP = {"ADM1_PCODE": "pcode", "ADM1_EN": "name_en", "ADM1_AR": "name_ar"}


def gazetteer_names(tsv: Path) -> dict[str, str]:
    """OCHA pcode -> governorate name as rasid's gazetteer (Open-Syria) spells it (records' ``admin1``)."""
    out = {}
    with tsv.open(encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            if row.get("admin_level") == "1":
                out[row["ocha_pcode"]] = row["name_en"]
    return out


def _perp_dist(p: list[float], a: list[float], b: list[float]) -> float:
    """Distance of point ``p`` from the segment ``a``–``b`` (degrees, planar)."""
    (x, y), (x1, y1), (x2, y2) = p[:2], a[:2], b[:2]
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    px, py = x1 + t * dx, y1 + t * dy
    return ((x - px) ** 2 + (y - py) ** 2) ** 0.5


def douglas_peucker(points: list[list[float]], tol: float) -> list[list[float]]:
    """Douglas–Peucker line simplification, iterative (no recursion limit)."""
    n = len(points)
    if n < 3:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, -1
        for k in range(i + 1, j):
            d = _perp_dist(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list[list[float]], tol: float, digits: int) -> list[list[float]] | None:
    """Simplify a closed ring; None when it collapses below a triangle."""
    out = douglas_peucker(ring, tol)
    out = [[round(x, digits), round(y, digits)] for x, y, *_ in out]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if len(dedup) < 4:
        return None
    if dedup[0] != dedup[-1]:
        dedup.append(dedup[0])
    return dedup


def simplify_geometry(geom: dict, tol: float, digits: int) -> dict | None:
    """Simplify a Polygon or MultiPolygon; drops rings that collapse."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        rings = [simplify_ring(r, tol, digits) for r in poly]
        if rings and rings[0] is not None:
            out.append([rings[0]] + [r for r in rings[1:] if r is not None])
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def build(src: Path, out: Path, tol: float, digits: int = 4) -> int:
    """Write the simplified collection; returns its size in bytes."""
    data = json.loads(src.read_text(encoding="utf-8"))
    names = gazetteer_names(TSV)
    feats: dict[str, dict] = {}
    for f in data["features"]:
        props = {new: f["properties"].get(old) for old, new in KEEP.items()}
        props["admin1"] = names.get(props["pcode"], props["name_en"])
        geom = simplify_geometry(f["geometry"], tol, digits)
        if geom is None:
            continue
        pcode = props["pcode"]
        if pcode in feats:  # the source repeats a governorate: merge its parts
            prev = feats[pcode]["geometry"]
            parts = [prev["coordinates"]] if prev["type"] == "Polygon" else prev["coordinates"]
            new = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
            if new[0] not in parts:
                feats[pcode]["geometry"] = {"type": "MultiPolygon", "coordinates": parts + new}
            continue
        feats[pcode] = {"type": "Feature", "properties": props, "geometry": geom}
    coll = {
        "type": "FeatureCollection",
        "attribution": "Boundaries: OCHA COD-AB Syria admin-1 (v02, 2020-12-17), CC BY 3.0 IGO; simplified",
        "features": sorted(feats.values(), key=lambda f: f["properties"]["pcode"]),
    }
    text = json.dumps(coll, ensure_ascii=False, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    logger.info("%d governorates, %d bytes -> %s", len(feats), len(text), out)
    return len(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.002, help="degrees (~200 m)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build(args.src, args.out, args.tolerance)


if __name__ == "__main__":
    main()
