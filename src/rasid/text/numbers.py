"""Numbers in folded Arabic text: digits, number words and vague quantities.

Digits are already ASCII in folded text (:mod:`rasid.text.normalize`). Number
words are read in all their forms (masculine / feminine, nominative /
accusative-genitive: ثلاثة ثلاث، عشرون عشرين، مئة مائة، ألف ألفين آلاف) and
compounds joined by و ("ثلاثة وعشرين" = 23, "مئة وخمسين" = 150,
"ثلاثة آلاف وخمسمئة" = 3500). A qualifier in front ("نحو", "أكثر من",
"ما لا يقل عن") or "على الأقل" behind is recorded, the value kept. Vague
quantities ("عشرات", "مئات", "آلاف" on their own) are mentions with value None.

>>> [(m.value, m.qualifier) for m in parse_numbers(fold("قتل ثلاثة وعشرين شخصا على الأقل"))]
[(23, 'at_least')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasid.text.normalize import fold

__all__ = ["NumberMention", "parse_numbers", "word_value"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in folded text: ``text == folded[start:end]``."""

    start: int
    end: int
    value: int | None
    """The number, or None for a vague quantity (عشرات، مئات)."""
    qualifier: str | None
    """``approx`` (نحو، حوالي)، ``at_least`` (أكثر من، على الأقل)، ``at_most`` or None."""
    text: str


def _f(words: dict[str, int]) -> dict[str, int]:
    return {fold(k): v for k, v in words.items()}


_UNITS = _f({
    "واحد": 1, "واحدة": 1, "احد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
})
_TEN = _f({"عشر": 10, "عشرة": 10})
_TENS = _f({
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
})
_HUNDREDS = _f({
    "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
    "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400, "خمسمئة": 500,
    "خمسمائة": 500, "ستمئة": 600, "ستمائة": 600, "سبعمئة": 700, "سبعمائة": 700,
    "ثمانمئة": 800, "ثمانمائة": 800, "ثمانيمئة": 800, "تسعمئة": 900, "تسعمائة": 900,
})
_THOUSANDS = _f({
    "ألف": 1000, "ألفا": 1000, "آلاف": 1000, "ألوف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000,
})
_PAIRS = _f({"ألفين": 2000, "ألفان": 2000, "مليونين": 2_000_000, "مليونان": 2_000_000})
_VAGUE = _f({
    "عشرات": 0, "العشرات": 0, "مئات": 0, "المئات": 0, "آلاف": 0, "الآلاف": 0,
    "ألوف": 0, "الألوف": 0, "بضع": 0, "بضعة": 0, "عدد": 0, "العديد": 0,
})
_PLURAL_THOUSANDS = frozenset({fold("آلاف"), fold("ألوف")})
_HUNDRED = frozenset({fold("مئة"), fold("مائة")})
_BEFORE = [
    (tuple(fold(w) for w in p.split()), q)
    for p, q in (
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("أكثر من", "at_least"),
        ("ما يزيد عن", "at_least"), ("ما يزيد على", "at_least"), ("يزيد عن", "at_least"),
        ("ما يقارب", "approx"), ("ما يقرب من", "approx"), ("نحو", "approx"), ("حوالي", "approx"),
        ("قرابة", "approx"), ("زهاء", "approx"), ("أقل من", "at_most"), ("أكثر", "at_least"),
    )
]
_AFTER = [(tuple(fold(w) for w in p.split()), "at_least") for p in ("على الأقل", "علي الاقل")]
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_ALL = {**_UNITS, **_TEN, **_TENS, **_HUNDREDS, **_THOUSANDS, **_PAIRS}


def word_value(word: str) -> int | None:
    """Value of one folded number word (``"عشرين"`` → 20), else None."""
    return _ALL.get(word)


def _strip(word: str, *, first: bool) -> tuple[str, bool]:
    """The number word inside a token and whether it carried a و (and)."""
    if word in _ALL or word in _VAGUE:
        return word, False
    if word[:1] == "و" and (word[1:] in _ALL or word[1:] in _VAGUE):
        return word[1:], True
    if first and word[:1] in "بلك" and word[1:] in _ALL:
        return word[1:], False
    if first and word[:2] in ("وب", "ول") and word[2:] in _ALL:
        return word[2:], True
    return word, False


def parse_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Number mentions in folded ``text[start:end]``, left to right.

    Args:
        text: folded text.
        start: where to start reading.
        end: where to stop (default: end of text).

    Returns:
        One :class:`NumberMention` per number or vague quantity.
    """
    end = len(text) if end is None else end
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    out: list[NumberMention] = []
    i, n = 0, len(toks)
    while i < n:
        s, e, w = toks[i]
        j, value = _read(toks, i)
        if j == i:
            i += 1
            continue
        qual = None
        for words, q in _BEFORE:
            k = len(words)
            if i - k >= 0 and tuple(_plain(t[2]) for t in toks[i - k:i]) == words:
                qual = q
                break
        qe = toks[j - 1][1]
        for words, q in _AFTER:  # "خمسة مدنيين على الأقل": up to two words between
            k = len(words)
            if any(j + g + k <= n and tuple(t[2] for t in toks[j + g:j + g + k]) == words for g in range(3)):
                qual = qual or q
                break
        out.append(NumberMention(s, qe, value, qual, text[s:qe]))
        i = j
    return out


def _plain(w: str) -> str:
    return w[1:] if w[:1] == "و" and len(w) > 3 else w


def _read(toks: list[tuple[int, int, str]], i: int) -> tuple[int, int | None]:
    """Read a number starting at token ``i``; returns (next index, value)."""
    n = len(toks)
    w = toks[i][2]
    if w[0].isdigit():
        try:
            v = int(w.replace(",", "")) if "." not in w else int(float(w))
        except ValueError:
            return i, None
        j = i + 1
        if j < n:
            mult = _THOUSANDS.get(toks[j][2])
            if mult:
                return j + 1, v * mult
        return j, v
    word, _ = _strip(w, first=True)
    if word in _VAGUE and word not in _ALL:
        return i + 1, None
    if word in _PLURAL_THOUSANDS:
        return i + 1, None  # "آلاف" alone is vague
    if word not in _ALL:
        return i, None
    total, current, last = 0, 0, ""
    j = i
    while j < n:
        w = toks[j][2]
        word, conj = _strip(w, first=(j == i))
        if j > i and word not in _ALL:
            break
        if j > i and not conj and not (
            (word in _TEN and last == "unit")
            or (word in _HUNDREDS and last == "unit" and word in _HUNDRED)
            or (word in _THOUSANDS and last in ("unit", "ten", "tens", "hundreds"))
        ):
            break
        if word in _UNITS:
            current += _UNITS[word]
            last = "unit"
        elif word in _TEN:
            current += 10
            last = "ten"
        elif word in _TENS:
            current += _TENS[word]
            last = "tens"
        elif word in _HUNDREDS:
            if last == "unit" and not conj and word in _HUNDRED:
                current = current * 100
            else:
                current += _HUNDREDS[word]
            last = "hundreds"
        elif word in _PAIRS:
            total += current + _PAIRS[word]
            current = 0
            last = "thousands"
        elif word in _THOUSANDS:
            total += (current or 1) * _THOUSANDS[word]
            current = 0
            last = "thousands"
        j += 1
    return j, total + current
