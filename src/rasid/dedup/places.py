"""The distinctive words of a place phrase, to tell two parts of one town apart.

The gazetteer resolves "حي النشوة" and "حي غويران" to the same point (the city
of al-Hasakah), yet a writer naming two neighbourhoods means two places.
:func:`place_words` keeps the words of a place phrase that name something:
clitics (و، ب، ل، ال) are stripped and generic words ("حي", "ريف", "مدينة",
"الشمالي", "محيط" …, listed in ``rasid/data/dedup/generic_place_words.txt``)
are dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rasid.text.normalize import fold

__all__ = ["place_words", "generic_words"]

_WORD = re.compile(r"[\u0621-\u064A]+")
_PREFIX = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ب|ل|ف)")


def _stem(word: str) -> str:
    short = _PREFIX.sub("", word)
    return short if len(short) >= 3 else word


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Folded, clitic-stripped generic place words from the package data file."""
    text = resources.files("rasid.data").joinpath("dedup/generic_place_words.txt").read_text(encoding="utf-8")
    words = (w for raw in text.splitlines() for w in raw.split("#", 1)[0].split())
    return frozenset(_stem(fold(w)) for w in words)


@lru_cache(maxsize=65536)
def place_words(text: str) -> frozenset[str]:
    """The distinctive (folded, clitic-stripped) words of a place phrase.

    >>> sorted(place_words("حي النشوة جنوبي مدينة الحسكة"))
    ['حسكه', 'نشوه']
    """
    generic = generic_words()
    return frozenset(w for w in (_stem(m) for m in _WORD.findall(fold(text))) if w not in generic and len(w) > 1)
