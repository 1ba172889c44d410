"""Actor camps: which actor codes may name the same attacker in different reports.

The table is ``rasid/data/dedup/actor_camps.tsv`` (code, camp). A code not in
it falls in its country's camp when it is ``XXX-GOV``/``XXX-MIL``, else in a
camp of its own. ``UNK-MIL`` and ``CIV`` say nothing about who acted and have
no camp.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rasid.errors import DataFileError

__all__ = ["camp", "camps", "UNKNOWN_ACTORS"]

UNKNOWN_ACTORS = frozenset({"UNK-MIL", "CIV"})
_FILE = "dedup/actor_camps.tsv"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = resources.files("rasid.data").joinpath(_FILE).read_text(encoding="utf-8")
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise DataFileError(f"{_FILE} line {n}: expected 2 tab-separated columns, got {len(parts)}")
        out[parts[0].strip()] = parts[1].strip()
    return out


def camp(code: str | None) -> str | None:
    """The camp of an actor code; None for no actor or an unknown one.

    >>> camp("NUSRA") == camp("SYR-REB"), camp("TUR-GOV"), camp("UNK-MIL")
    (True, 'TUR', None)
    """
    if not code or code in UNKNOWN_ACTORS:
        return None
    known = _table().get(code)
    if known:
        return known
    if code.endswith(("-GOV", "-MIL")):
        return code[:-4]
    return code


def camps(codes: Iterable[str | None]) -> frozenset[str]:
    """The camps of several codes (unknown ones left out)."""
    return frozenset(c for c in map(camp, codes) if c)
