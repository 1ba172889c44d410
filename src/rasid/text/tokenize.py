"""Tokens with offsets, and clitic handling for Arabic words.

Tokens are found on the folded text (:mod:`rasid.text.normalize`), so their
offsets index ``Document.text``. Arabic attaches conjunctions (و ف),
prepositions (ب ل ك), the future marker (س), the article (ال, and لل after ل)
and pronoun suffixes to the word. :func:`bases` lists the readings of a word
with those clitics removed, longest first; callers look each reading up in
their lexicon and take the first hit, so a name a lexicon knows
(البوكمال, لافروف) is found whole before any stripping is tried.

>>> [t.text for t in tokenize(fold("وقصفت الطائرات بلدة كفرنبل"))]
['وقصفت', 'الطايرات', 'بلده', 'كفرنبل']
>>> bases("وبالرقه")[:3]
['وبالرقه', 'بالرقه', 'الرقه']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.text.memo import TextMemo
from rasid.text.normalize import fold

__all__ = ["Token", "tokenize", "token_spans", "bases", "readings", "TOKEN_RE"]

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S", re.UNICODE)

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the folded text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Split folded text into word, number and punctuation tokens with offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


_SPANS = TextMemo()


def token_spans(text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, word)`` of the ``TOKEN_RE`` tokens of ``text[start:end]``, shared.

    Every matcher that reads a sentence needs its tokens; this computes them
    once per span of the current text (see :class:`rasid.text.memo.TextMemo`)
    and hands the same immutable tuple to every caller.
    """
    end = len(text) if end is None else end
    table = _SPANS.table(text)
    toks = table.get((start, end))
    if toks is None:
        toks = table[(start, end)] = tuple([(m.start(), m.end(), m.group())
                                            for m in TOKEN_RE.finditer(text, start, end)])
    return toks  # type: ignore[no-any-return]


@lru_cache(maxsize=400_000)
def _bases(word: str, suffixes: bool) -> tuple[str, ...]:
    if suffixes:
        out = list(_bases(word, False))
        for s in tuple(out):
            for suf in _SUFFIXES:
                if s.endswith(suf) and len(s) - len(suf) >= 3:
                    b = s[: -len(suf)]
                    if b not in out:
                        out.append(b)
                    break
        return tuple(out)
    out = [word]
    if len(word) <= 3:
        return (word,)
    stems = [word]
    if word[0] in _CONJ:
        w = word[1:]
        out.append(w)
        stems.append(w)
    for s in tuple(stems):
        if len(s) > 3:
            c = s[0]
            if c in _PREP:
                if c == "ل" and len(s) > 4 and s[1] == "ل":
                    b = "ا" + s[1:]  # لل + noun = ل + ال + noun
                    if b not in out:
                        out.append(b)
                    stems.append(b)
                b = s[1:]
                if b not in out:
                    out.append(b)
                stems.append(b)
            elif c == "س":  # future marker on verbs
                b = s[1:]
                if b not in out:
                    out.append(b)
    for s in tuple(out):
        if len(s) > 4 and s.startswith("ال"):
            b = s[2:]
            if b not in out:
                out.append(b)
    return tuple(out)


def bases(word: str, *, suffixes: bool = True) -> list[str]:
    """Readings of a folded word with clitics removed, the word itself first.

    Args:
        word: a folded word (see :func:`rasid.text.normalize.fold`).
        suffixes: also strip one pronoun suffix (ها هم ه ...).
    """
    return list(_bases(word, suffixes))


def readings(word: str, *, suffixes: bool = True) -> tuple[str, ...]:
    """:func:`bases` as a shared, cached tuple: no copy, for hot loops that only read it."""
    return _bases(word, suffixes)


def key(word: str) -> str:
    """Matching key of a natural-Arabic word: folded, ال removed, spaces dropped."""
    w = fold(word).replace(" ", "")
    return w[2:] if w.startswith("ال") and len(w) > 4 else w
