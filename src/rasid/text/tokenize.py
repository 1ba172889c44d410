"""Tokens with offsets, and clitic handling for Arabic words.

Tokens are found on the folded text (:mod:`rasid.text.normalize`), so their
offsets index ``Document.text``. Arabic attaches conjunctions (و ف),
prepositions (ب ل ك), the future marker (س), the article (ال, and لل after ل)
and pronoun suffixes to the word. :func:`bases` lists the readings of a word
with those clitics removed, longest first; callers look each reading up in
their lexicon and take the first hit, so a name a lexicon knows
(البوكمال, لافروف) is found whole before any stripping is tried.

>>> [t.text for t in tokenize("وقصفت الطائرات بلدة كفرنبل")]
['وقصفت', 'الطائرات', 'بلده', 'كفرنبل']
>>> bases("وبالرقه")[:3]
['وبالرقه', 'بالرقه', 'الرقه']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.text.normalize import fold

__all__ = ["Token", "tokenize", "bases", "TOKEN_RE"]

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


@lru_cache(maxsize=200_000)
def _bases(word: str, suffixes: bool) -> tuple[str, ...]:
    out: list[str] = [word]

    def add(w: str) -> None:
        if len(w) >= 2 and w not in out:
            out.append(w)

    stems = [word]
    w = word
    if len(w) > 3 and w[0] in _CONJ:
        w = w[1:]
        add(w)
        stems.append(w)
    for s in list(stems):
        if len(s) > 3 and s[0] in _PREP:
            if s[0] == "ل" and s.startswith("لل") and len(s) > 4:
                add("ا" + s[1:])  # لل + noun = ل + ال + noun
                stems.append("ا" + s[1:])
            add(s[1:])
            stems.append(s[1:])
        if len(s) > 3 and s[0] == "س":  # future marker on verbs
            add(s[1:])
    for s in list(out):
        if s.startswith("ال") and len(s) > 4:
            add(s[2:])
    if suffixes:
        for s in list(out):
            for suf in _SUFFIXES:
                if s.endswith(suf) and len(s) - len(suf) >= 3:
                    add(s[: -len(suf)])
                    break
    return tuple(out)


def bases(word: str, *, suffixes: bool = True) -> list[str]:
    """Readings of a folded word with clitics removed, the word itself first.

    Args:
        word: a folded word (see :func:`rasid.text.normalize.fold`).
        suffixes: also strip one pronoun suffix (ها هم ه ...).
    """
    return list(_bases(word, suffixes))


def key(word: str) -> str:
    """Matching key of a natural-Arabic word: folded, ال removed, spaces dropped."""
    w = fold(word).replace(" ", "")
    return w[2:] if w.startswith("ال") and len(w) > 4 else w
