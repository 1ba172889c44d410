"""Trigger lexicon: words and phrases that name an event, found in one pass.

The lexicon is ``rasid/data/lexicons/triggers.tsv`` (format in its header):
one row per verb family with its conjugations, verbal nouns and participles,
an event type, a family name and constraint flags. Entries are folded with
:func:`rasid.text.normalize.fold` when loaded. Matching walks the tokens of a
sentence once; each token's clitic readings (:func:`rasid.text.tokenize.bases`)
are looked up in a dict keyed on the first word of every entry, and phrases are
checked word by word from there, longest first.

>>> from rasid.text.normalize import fold
>>> lex = TriggerLexicon.default()
>>> [(t.type, t.text) for t in lex.find(fold("وقصفت الطائرات بلدة كفرنبل"))]  # folded text
[('air_strike', 'وقصفت الطايرات')]
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasid.errors import DataFileError
from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE, bases

__all__ = ["TriggerEntry", "Trigger", "TriggerLexicon", "FLAGS"]

logger = logging.getLogger(__name__)

FLAGS = frozenset({
    "mil", "pol", "air", "blast", "terr", "ala", "noal", "weak", "place", "anaphor", "armed", "needair",
    "force", "resp", "crowd", "arms", "armour", "fire",
})
_ALT = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon form: its folded words, event type, family and flags."""

    words: tuple[str, ...]
    type: str
    family: str
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in folded text: ``text == folded[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    family: str
    flags: frozenset[str]
    token: int
    """Index of the first token in the sentence's token list."""
    ntok: int
    """Number of tokens the trigger spans."""


def _expand(form: str) -> list[str]:
    """All strings a form with ``{a|b}`` groups stands for."""
    parts = _ALT.split(form)
    # even indexes: literal text, odd indexes: alternatives
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


class TriggerLexicon:
    """Index of trigger forms by their first word.

    Args:
        entries: the lexicon entries (folded words).
    """

    def __init__(self, entries: list[TriggerEntry]) -> None:
        self.entries = entries
        self._first: dict[str, list[TriggerEntry]] = {}
        for e in entries:
            self._first.setdefault(e.words[0], []).append(e)
        for lst in self._first.values():
            lst.sort(key=lambda e: -len(e.words))

    @classmethod
    def from_lines(cls, lines: list[str], *, name: str = "triggers.tsv") -> TriggerLexicon:
        """Parse lexicon lines (the TSV format described in the file header)."""
        entries: list[TriggerEntry] = []
        seen: set[tuple[tuple[str, ...], str]] = set()
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                raise DataFileError(
                    f"{name} line {n}: expected 3 or 4 tab-separated columns, got {len(cols)}")
            form, typ, family = cols[0].strip(), cols[1].strip(), cols[2].strip()
            flags = frozenset(f.strip() for f in (cols[3] if len(cols) > 3 else "").split(",") if f.strip())
            bad = flags - FLAGS
            if bad:
                raise DataFileError(f"{name} line {n}: unknown flag(s) {sorted(bad)}")
            for f in _expand(form):
                words = tuple(fold(w) for w in f.split())
                if not words or (words, typ) in seen:
                    continue
                seen.add((words, typ))
                entries.append(TriggerEntry(words, typ, family, flags))
        return cls(entries)

    @classmethod
    def default(cls) -> TriggerLexicon:
        """The lexicon shipped with rasid."""
        path = resources.files("rasid") / "data" / "lexicons" / "triggers.tsv"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as e:  # pragma: no cover - packaging error
            raise DataFileError(f"cannot read trigger lexicon {path}: {e}") from e
        return cls.from_lines(lines)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Trigger mentions in folded ``text[start:end]``, left to right.

        Overlapping matches are resolved left to right, longest phrase first.
        Constraint flags are not checked here (see :mod:`rasid.events.extract`).
        """
        end = len(text) if end is None else end
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]
        return self.find_tokens(text, toks)

    def find_tokens(self, text: str, toks: list[tuple[int, int, str]]) -> list[Trigger]:
        """Like :meth:`find` on already computed ``(start, end, word)`` tokens."""
        out: list[Trigger] = []
        first = self._first
        n = len(toks)
        i = 0
        while i < n:
            s, e, w = toks[i]
            best: tuple[TriggerEntry, int] | None = None
            if w[0].isalpha():
                for b in _bases(w):
                    cands = first.get(b)
                    if not cands:
                        continue
                    for ent in cands:
                        if "noal" in ent.flags and _has_article(w, b):
                            continue
                        k = len(ent.words)
                        if k > 1 and not _match_rest(ent.words, toks, i):
                            continue
                        if best is None or k > len(best[0].words):
                            best = (ent, k)  # a longer phrase under another reading wins ("لهجوم بطائرات")
                        break
            if best is None:
                i += 1
                continue
            ent, k = best
            te = toks[i + k - 1][1]
            out.append(Trigger(s, te, text[s:te], ent.type, ent.family, ent.flags, i, k))
            i += k
        return out


@lru_cache(maxsize=200_000)
def _bases(w: str) -> tuple[str, ...]:
    """Clitic readings of a word, safe ones only.

    A reading that needs a pronoun suffix removed must keep four letters and
    must not come from a final ي (that is the nisba adjective: الاجتماعي is
    not اجتماع), so وزارة does not read as زار nor فائدة as أيد.
    """
    plain = bases(w, suffixes=False)
    out = list(plain)
    for b in bases(w):
        if b in out:
            continue
        if len(b) >= 4 and not any(p.startswith(b) and p[len(b):] == "ي" for p in plain):
            out.append(b)
    return tuple(out)


def _has_article(word: str, base: str) -> bool:
    """Whether ``base`` was read out of ``word`` by removing the article ال."""
    i = word.find(base)
    if i < 2:
        return False
    pre = word[:i]
    return pre.endswith("ال") or pre.endswith("لل")


def _match_rest(words: tuple[str, ...], toks: list[tuple[int, int, str]], i: int) -> bool:
    if i + len(words) > len(toks):
        return False
    for j, want in enumerate(words[1:], 1):
        w = toks[i + j][2]
        if w != want and want not in _bases(w):
            return False
    return True
