"""Read a standard GeoNames dump (``SY.txt``, ``allCountries.txt``) into places.

The dump has 19 tab-separated columns: geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code,
cc2, admin1 code, admin2 code, admin3 code, admin4 code, population, elevation,
dem, timezone, modification date. Only populated places (class P) and
administrative areas (class A) with Arabic-script alternate names are kept.
GeoNames data is CC BY 4.0 (credit "GeoNames", geonames.org).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from rasid.errors import DataFileError
from rasid.resolve.places import Place

__all__ = ["SY_ADMIN1", "read_geonames", "arabic_names"]

logger = logging.getLogger(__name__)

# GeoNames admin1 codes of Syria -> governorate names as Open-Syria spells them.
SY_ADMIN1: dict[str, str] = {
    "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Suwayda",
    "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idlib", "13": "Damascus", "14": "Tartus",
}

_ARABIC = re.compile(r"[\u0621-\u064a]")
_ADMIN_KIND = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}


def arabic_names(alternatenames: str) -> list[str]:
    """The Arabic-script entries of a GeoNames ``alternatenames`` field."""
    return [n.strip() for n in alternatenames.split(",") if n.strip() and _ARABIC.search(n)]


def read_geonames(
    path: str | Path, *, country_names: Mapping[str, str] | None = None
) -> Iterator[tuple[Place, list[str]]]:
    """Yield ``(place, arabic_names)`` for the usable rows of a GeoNames dump.

    Args:
        path: The dump file (UTF-8, tab-separated, no header).
        country_names: ISO2 code -> English country name, used as ``admin1``
            outside Syria (the convention of the event records).

    Raises:
        DataFileError: the file is missing or a row has fewer than 15 columns.
    """
    country_names = country_names or {}
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"GeoNames dump '{path}' cannot be read: {e}") from e
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise DataFileError(f"GeoNames dump '{path}' line {lineno}: expected 19 columns, got {len(cols)}")
            fclass, fcode = cols[6], cols[7]
            if fclass not in ("P", "A"):
                continue
            if fclass == "A" and fcode not in _ADMIN_KIND:
                continue
            names = arabic_names(cols[3])
            if not names:
                continue
            cc = cols[8]
            admin1 = SY_ADMIN1.get(cols[10]) if cc == "SY" else country_names.get(cc, cc)
            try:
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError as e:
                raise DataFileError(f"GeoNames dump '{path}' line {lineno}: {e}") from e
            if fclass == "A":
                kind = _ADMIN_KIND[fcode]
            elif fcode == "PPLC":
                kind = "capital"
            elif pop >= 1000 or fcode.startswith("PPLA"):
                kind = "city"
            else:
                kind = "village"
            place = Place(
                id=f"gn:{cols[0]}", name=cols[1], name_ar=names[0], kind=kind, country=cc, admin1=admin1,
                lat=lat, lon=lon, population=pop, feature=fcode,
            )
            yield place, names
