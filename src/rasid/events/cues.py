"""Cue-word lists of the event rules, read from ``rasid/data/lexicons/cues.tsv``.

Each named list is a small closed class of Arabic words or phrases that a rule tests
text against: aircraft words, reporting verbs, negators ... The file's header gives its
format. Words come back folded (:func:`cue_words`) for membership tests on folded text,
as written and in file order (:func:`cue_phrases`) for prefix tuples, or as a regular
expression alternation of the folded items (:func:`cue_alternation`).

>>> from rasid.text.normalize import fold
>>> fold("علي") in cue_words("ala")
True
>>> cue_phrases("remote_re")[:2]
('مفخخة', 'عبوة ناسفة')
"""

from __future__ import annotations

from functools import lru_cache

from rasid.errors import DataFileError
from rasid.resolve.actors import _package_text
from rasid.text.normalize import fold

__all__ = ["CUES_FILE", "cue_words", "cue_phrases", "cue_alternation", "cue_names"]

CUES_FILE = "cues.tsv"
"""The file's name under ``rasid/data/lexicons``."""


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Every list of the file: name → its items as written, rows of one name joined in order."""
    table: dict[str, list[str]] = {}
    for n, line in enumerate(_package_text(CUES_FILE).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, tab, items = line.partition("\t")
        if not tab or not name.strip() or not items.strip():
            raise DataFileError(f"lexicons/{CUES_FILE} line {n}: expected name<TAB>items, got {line!r}")
        table.setdefault(name.strip(), []).extend(w.replace("_", " ") for w in items.split())
    return {name: tuple(items) for name, items in table.items()}


def cue_names() -> frozenset[str]:
    """The names of all lists in the file."""
    return frozenset(_table())


def cue_phrases(name: str) -> tuple[str, ...]:
    """The items of list ``name`` as written in the file (not folded), in file order.

    An item written with ``_`` is a phrase: its underscores become spaces.

    Raises:
        KeyError: no list of that name in the file.
    """
    try:
        return _table()[name]
    except KeyError:
        raise KeyError(f"no cue list {name!r} in rasid/data/lexicons/{CUES_FILE}") from None


@lru_cache(maxsize=None)
def cue_words(name: str) -> frozenset[str]:
    """The folded items of list ``name`` (see :func:`rasid.text.normalize.fold`).

    Raises:
        KeyError: no list of that name in the file.
    """
    return frozenset(fold(w) for w in cue_phrases(name))


def cue_alternation(name: str) -> str:
    """The folded items of list ``name`` joined by ``|`` in file order, for a regular expression.

    Items are not escaped: the lists used this way hold no regex metacharacters (see
    ``tests/test_cues.py``). Earlier items win where two match at one position.

    Raises:
        KeyError: no list of that name in the file.
    """
    return "|".join(fold(w) for w in cue_phrases(name))
