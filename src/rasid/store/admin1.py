"""Governorate names: the spelling rasid's gazetteer uses, and the other spellings people type.

Records carry ``admin1`` as the gazetteer (Open-Syria) spells it ("Idlib",
"Rif Dimashq"); OCHA's boundaries say "Idleb", "Rural Damascus". A filter on
any spelling, the Arabic name or the OCHA pcode finds the same rows.
"""

from __future__ import annotations

from rasid.text.normalize import fold

__all__ = ["GOVERNORATES", "admin1_variants"]

# pcode, gazetteer name, OCHA COD-AB name, Arabic name, other spellings
GOVERNORATES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("SY01", "Damascus", "Damascus", "دمشق", ("Dimashq",)),
    ("SY02", "Aleppo", "Aleppo", "حلب", ("Halab",)),
    ("SY03", "Rif Dimashq", "Rural Damascus", "ريف دمشق", ("Damascus Countryside", "Rif-Dimashq")),
    ("SY04", "Homs", "Homs", "حمص", ("Hims",)),
    ("SY05", "Hama", "Hama", "حماة", ("Hamah",)),
    ("SY06", "Latakia", "Lattakia", "اللاذقية", ("Al-Ladhiqiyah", "Latakia Governorate")),
    ("SY07", "Idlib", "Idleb", "إدلب", ()),
    ("SY08", "Al-Hasakah", "Al-Hasakeh", "الحسكة", ("Hasakah", "Al Hasakah", "Hasakeh")),
    ("SY09", "Deir ez-Zor", "Deir-ez-Zor", "دير الزور", ("Deir ez Zor", "Dayr Az Zawr", "Deir Ezzor")),
    ("SY10", "Tartus", "Tartous", "طرطوس", ("Tartous",)),
    ("SY11", "Raqqa", "Ar-Raqqa", "الرقة", ("Ar Raqqah", "Al-Raqqa", "Raqqah")),
    ("SY12", "Daraa", "Dar'a", "درعا", ("Deraa", "Dara")),
    ("SY13", "As-Suwayda", "As-Sweida", "السويداء", ("Sweida", "Suwayda", "As Suwayda")),
    ("SY14", "Quneitra", "Quneitra", "القنيطرة", ("Al-Qunaytirah",)),
)

_INDEX: dict[str, tuple[str, ...]] = {}
for _row in GOVERNORATES:
    _names = tuple(dict.fromkeys(n.lower() for n in (_row[1], _row[2], _row[3], *_row[4])))
    for _n in (_row[0].lower(), *_names, fold(_row[3])):
        _INDEX[_n] = _names


def admin1_variants(name: str) -> tuple[str, ...]:
    """Lower-cased spellings stored rows may use for the governorate ``name``.

    >>> admin1_variants("Idleb")
    ('idlib', 'idleb', 'إدلب')
    >>> admin1_variants("Gaziantep")
    ('gaziantep',)
    """
    key = name.strip().lower()
    return _INDEX.get(key) or _INDEX.get(fold(key)) or (key,)
