"""Arabic normalisation for matching, with a map back to the original characters.

The folded text is what every matcher in rasid reads. It drops diacritics,
tatweel and invisible marks (zero-width, bidi controls), folds the letter
variants that writers use interchangeably (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و,
ئ → ي), turns Arabic-Indic and Persian digits into ASCII digits and NFKC
presentation forms into plain letters. Every character of the folded text
remembers the index of the raw character it came from, so a span found in the
folded text is a span of the original article.

>>> text, offsets = normalize("قُتِلَ ٣ مدنيين")
>>> text
'قتل 3 مدنيين'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "normalize", "raw_span", "word_set", "FOLD_TABLE"]

_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x06E1, 0x06ED} | set(range(0x06D6, 0x06DD))
_DROP |= {0x00AD, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF}
_DROP |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

FOLD_TABLE: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ؤ": "و", "ک": "ك",
    "ـ": "",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ",
    "“": '"', "”": '"', "„": '"', "‟": '"',
}
for _i in range(10):
    FOLD_TABLE[chr(0x0660 + _i)] = str(_i)
    FOLD_TABLE[chr(0x06F0 + _i)] = str(_i)
for _cp in _DROP:
    FOLD_TABLE[chr(_cp)] = ""


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Folded form of one character ('' when it is dropped)."""
    if ch in FOLD_TABLE:
        return FOLD_TABLE[ch]
    o = ord(ch)
    if o < 0x80:
        return ch
    if 0xFB50 <= o <= 0xFEFC or 0xFF01 <= o <= 0xFF5E:  # presentation forms, full-width
        nf = unicodedata.normalize("NFKC", ch)
        if nf == ch:
            return ch
        # NFKC is idempotent, so its output needs only the table, never NFKC again
        return "".join(FOLD_TABLE.get(c, c) for c in nf)
    return ch


_TRANSLATE = str.maketrans({k: v for k, v in FOLD_TABLE.items()})
# presentation forms and full-width characters: NFKC, possibly into several letters
_PRESENTATION = re.compile("[\uFB50-\uFEFC\uFF01-\uFF5E]")
# runs of characters the fold table drops (diacritics, tatweel, invisible marks)
_DROPPED = re.compile("[" + "".join(re.escape(k) for k, v in FOLD_TABLE.items() if v == "") + "]+")
assert all(len(v) <= 1 for v in FOLD_TABLE.values())  # the fast path below relies on it
_KEYS = frozenset(FOLD_TABLE)
assert not any(v in _KEYS for v in FOLD_TABLE.values())  # so replacing one character at a time is safe


def _translate(s: str) -> str:
    """``s.translate(_TRANSLATE)``, faster on long texts: one ``str.replace`` per character present."""
    for ch in _KEYS.intersection(s):
        s = s.replace(ch, FOLD_TABLE[ch])
    return s


def fold(s: str) -> str:
    """Folded form of a string, for keys and lexicon entries (no offsets kept).

    >>> fold("الرقّة") == fold("الرقه")
    True
    """
    out = s.translate(_TRANSLATE)
    if _PRESENTATION.search(out):
        out = "".join(_fold_char(c) for c in out)
    return out


def normalize(raw: str) -> tuple[str, list[int]]:
    """Fold ``raw`` and return the folded text with its offset map.

    Returns:
        ``(text, offsets)`` where ``offsets[i]`` is the index in ``raw`` of the
        character that produced ``text[i]``; ``offsets[len(text)] == len(raw)``.
    """
    folded = _translate(raw) if len(raw) > 200 else raw.translate(_TRANSLATE)
    if not _PRESENTATION.search(folded):
        if len(folded) == len(raw):
            return folded, list(range(len(raw) + 1))
        # only deletions (every table entry is one character or none): keep the raw
        # index of each run of kept characters, without a loop over characters
        offsets: list[int] = []
        prev = 0
        for m in _DROPPED.finditer(raw):
            offsets.extend(range(prev, m.start()))
            prev = m.end()
        offsets.extend(range(prev, len(raw) + 1))
        return folded, offsets
    parts: list[str] = []
    offsets = []
    for i, ch in enumerate(raw):
        f = _fold_char(ch)
        if not f:
            continue
        parts.append(f)
        offsets.extend([i] * len(f))
    offsets.append(len(raw))
    return "".join(parts), offsets


def raw_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of folded text to the raw text.

    The raw span starts at the raw character of ``text[start]`` and ends just
    after the raw character of ``text[end - 1]`` (dropped marks that follow a
    letter, such as its diacritics, are kept with it).
    """
    if end <= start:
        s = offsets[start]
        return s, s
    s = offsets[start]
    e = offsets[end] if end < len(offsets) - 1 else offsets[-1]
    # extend over diacritics that trail the last letter: offsets[end] already
    # points past them, since the next kept character comes after them.
    return s, e


def word_set(words: str) -> frozenset[str]:
    """The folded forms of the space-separated words of ``words`` (for cue-word lists).

    >>> word_set("قتل مقتل") == frozenset({"قتل", "مقتل"})
    True
    """
    return frozenset(fold(w) for w in words.split())
