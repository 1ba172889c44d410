"""Actor mentions in folded text, resolved to the actor codes of ``spec/events.md``.

The lexicon is data: ``data/lexicons/actors.tsv`` (armed groups, governments,
organisations, civilians, compositional heads and titles), ``persons.tsv``
(well-known people) and ``nationalities.tsv`` (adjectives such as الروسي →
RUS). Users add their own files in the same format with
``ActorLexicon.default(extra_files=[...])``.

Matching works on tokens of the folded text. Clitics (و ف ب ل ك, لل) are
stripped from the first word of an alias only; later words must match as
written. At each token the longest alias wins and mentions never overlap.
Three rules compose entries:

* a head with a template code (``*-MIL``: الجيش، الطائرات؛ ``*-GOV``:
  الحكومة، وزير الخارجية) followed by a nationality adjective takes that
  country: "الطائرات التركية" → ``TUR-MIL``, "وزير الخارجية الروسي" → ``RUS-GOV``;
* a head or title followed by an actor takes that actor's code: "المتحدث باسم
  البنتاغون" → ``USA-MIL``, "قائد الحرس الثوري" → ``IRN-MIL``, "قوات تركيا" →
  ``TUR-MIL`` (a ``-MIL`` head turns ``X-GOV`` into ``X-MIL``);
* a title mention followed directly by a person absorbs the name: "وزير
  الخارجية الروسي سيرغي لافروف" is one ``RUS-GOV`` mention.

A head or title that gets no country from either rule yields nothing.

>>> lex = ActorLexicon.default()
>>> [(m.text, m.code) for m in lex.find(fold("وقصفت الطائرات التركية مواقع لتنظيم داعش"))]
[('الطايرات التركيه', 'TUR-MIL'), ('لتنظيم داعش', 'ISIS')]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasid.errors import DataFileError
from rasid.text.memo import TextMemo
from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE, readings, token_spans

__all__ = [
    "ActorEntry", "ActorMention", "ActorLexicon", "KINDS", "armed_code", "read_lexicon_file",
]

logger = logging.getLogger(__name__)

KINDS = ("actor", "person", "title")
_BLOCK = "-"
_DATA = ("actors.tsv", "persons.tsv")
_NATIONALITIES = "nationalities.tsv"
_QUOTES = frozenset(("«", "»", '"', "“", "”", "'"))


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One lexicon line: an alias and the actor it names."""

    alias: str
    """The alias, folded (see :func:`rasid.text.normalize.fold`)."""
    code: str
    """Actor code; ``*-GOV``/``*-MIL`` for a head that needs a nationality; ``-`` for a blocker."""
    kind: str
    """``actor``, ``person`` or ``title``."""
    weak: bool = False
    """Ambiguous out of context (النظام, المعارضة) or a metonym that is also a place (موسكو)."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor found in folded text: ``text == folded[start:end]``."""

    start: int
    """Offset of the first character in the folded text."""
    end: int
    """Offset just after the last character."""
    text: str
    """The folded text of the mention."""
    code: str
    """Resolved actor code (``SYR-MIL``, ``ISIS``, ``RUS-GOV`` ...)."""
    kind: str
    """``actor``, ``person`` or ``title`` (of the head of the mention)."""
    weak: bool = False
    """True when the only evidence is an ambiguous alias (see :class:`ActorEntry`)."""
    alias: str = ""
    """The lexicon alias that matched first (folded); for statistics and debugging."""


def armed_code(code: str | None) -> str | None:
    """The code to use when ``code`` is the actor of a violent event.

    Governments act through their forces, so ``X-GOV`` becomes ``X-MIL``; the
    political opposition (``SYR-OPP``) fighting is the armed opposition.

    >>> armed_code("SYR-GOV"), armed_code("SYR-OPP"), armed_code("ISIS")
    ('SYR-MIL', 'SYR-REB', 'ISIS')
    """
    if code is None:
        return None
    if code == "SYR-OPP":
        return "SYR-REB"
    if code.endswith("-GOV"):
        return code[:-4] + "-MIL"
    return code


def _words(s: str) -> tuple[str, ...]:
    return tuple(m.group() for m in TOKEN_RE.finditer(fold(s)))


def read_lexicon_file(path: Path | str, text: str | None = None) -> list[ActorEntry]:
    """Read an actor TSV file (``alias<TAB>code<TAB>kind[<TAB>flags]``).

    Lines starting with ``#`` and blank lines are skipped. ``kind`` defaults to
    ``actor``; ``flags`` may contain ``weak``.

    Raises:
        DataFileError: when a line has fewer than two columns or an unknown kind.
    """
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise DataFileError(f"actor lexicon {path}: cannot read ({e})") from e
    out: list[ActorEntry] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise DataFileError(f"actor lexicon {path} line {n}: expected alias<TAB>code[<TAB>kind], got {line!r}")
        kind = cols[2] if len(cols) > 2 and cols[2] else "actor"
        if kind not in KINDS:
            raise DataFileError(f"actor lexicon {path} line {n}: kind {kind!r} not one of {', '.join(KINDS)}")
        flags = cols[3].split(",") if len(cols) > 3 else []
        out.append(ActorEntry(fold(cols[0]), cols[1], kind, "weak" in flags))
    return out


def _read_nationalities(path: str, text: str) -> dict[str, str]:
    """Folded adjective → country; bare forms (without ال) are keyed with a leading ``~``."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2:
            raise DataFileError(f"nationalities {path} line {n}: expected adjective<TAB>country, got {line!r}")
        w = fold(cols[0])
        if w.startswith("ال"):
            out[w] = cols[1]
            if len(w) > 4 and "noindef" not in cols[2:]:
                out.setdefault("~" + w[2:], cols[1])  # indefinite: "طائرات روسية"
        else:
            out["~" + w] = cols[1]
    return out


def _package_text(name: str) -> str:
    try:
        return (resources.files("rasid") / "data" / "lexicons" / name).read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"package data lexicons/{name} missing ({e}); reinstall rasid") from e


# A match candidate: (end token index, rank, code, kind, weak, alias)
_Cand = tuple[int, int, str, str, bool, str]


class ActorLexicon:
    """Aliases → actor codes, with a fast longest-match scanner over folded text.

    Build it with :meth:`default` (package data plus optional user files) or
    :meth:`from_entries`.
    """

    def __init__(self, entries: Iterable[ActorEntry], nationalities: dict[str, str] | None = None) -> None:
        """Index ``entries`` (later entries with the same alias and kind replace earlier ones).

        Args:
            entries: lexicon lines.
            nationalities: folded adjective → ISO3 country (or a full code).
        """
        table: dict[tuple[str, ...], dict[str, ActorEntry]] = {}
        for e in entries:
            words = _words(e.alias)
            if not words:
                continue
            slot = "tmpl" if e.code.startswith("*") else "code"
            table.setdefault(words, {})[slot] = e
        first: dict[str, list[tuple[tuple[str, ...], dict[str, ActorEntry]]]] = {}
        for words, slots in table.items():
            first.setdefault(words[0], []).append((words[1:], slots))
        for lst in first.values():
            lst.sort(key=lambda x: -len(x[0]))
        self._first = first
        self._nat = dict(nationalities or {})
        self._hits: dict[str, tuple[tuple[int, str], ...]] = {}
        self._memo = TextMemo()  # find() results of the current text, by span
        self.size = len(table)

    def _readings(self, word: str) -> tuple[tuple[int, str], ...]:
        """(rank, reading) of the clitic readings of ``word`` that start a lexicon alias (cached)."""
        r = self._hits.get(word)
        if r is None:
            rs = readings(word, suffixes=False)
            if self._first.keys().isdisjoint(rs):
                r = ()  # most words: no reading starts an alias
            else:
                # never drop the article: السورية is not سورية, الحزب is not حزب
                r = tuple((k, b) for k, b in enumerate(rs) if b in self._first and not (k and "ال" + b in rs))
            if len(self._hits) > 500_000:
                self._hits.clear()
            self._hits[word] = r
        return r

    def may_start(self, word: str) -> bool:
        """Whether a mention can start at the folded token ``word`` (a clitic reading starts an alias)."""
        r = self._hits.get(word)
        return bool(self._readings(word) if r is None else r)

    # ------------------------------------------------------------------ build
    @classmethod
    def from_entries(
        cls, entries: Iterable[ActorEntry], *, nationalities: dict[str, str] | None = None
    ) -> ActorLexicon:
        """A lexicon from entries; the package nationality list when none is given."""
        nat = nationalities if nationalities is not None else _default_nationalities()
        return cls(entries, nat)

    @classmethod
    def default(cls, extra_files: Sequence[Path | str] = ()) -> ActorLexicon:
        """The package lexicon, plus user TSV files in the same format.

        Entries of ``extra_files`` are added after the package's and replace
        package entries with the same alias. The plain default is cached.

        Args:
            extra_files: paths of user actor files (``alias<TAB>code<TAB>kind[<TAB>flags]``).

        Raises:
            DataFileError: a file is missing or malformed.
        """
        if not extra_files:
            return _default_lexicon()
        entries = list(_default_entries())
        for p in extra_files:
            entries.extend(read_lexicon_file(p))
        return cls(entries, _default_nationalities())

    # ------------------------------------------------------------------ match
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        """Actor mentions in ``text[start:end]`` (folded text), left to right, non-overlapping.

        Args:
            text: folded text (``Document.text``).
            start: first character to scan.
            end: end of the scanned span (default: end of text).
        """
        end = len(text) if end is None else end
        table = self._memo.table(text)  # the extractor and the source finder read the same sentence
        found = table.get((start, end))
        if found is None:
            found = table[(start, end)] = tuple(self.find_tokens(text, token_spans(text, start, end)))
        return list(found)

    def find_tokens(self, text: str, toks: Sequence[tuple[int, int, str]]) -> list[ActorMention]:
        """Like :meth:`find`, over tokens already found: ``(start, end, word)`` of ``TOKEN_RE`` on ``text``.

        Quotation marks are skipped, so a name written in them still matches
        (شبكة «الدرر الشامية»); the mention then spans the marks inside it.
        """
        toks = [t for t in toks if t[2] not in _QUOTES]
        words = [t[2] for t in toks]
        out: list[ActorMention] = []
        i, n = 0, len(words)
        readings = self._readings
        hits = self._hits
        while i < n:
            r = hits.get(words[i])
            if r is None:
                r = readings(words[i])
            if not r:
                i += 1
                continue
            c = self._at(words, i)
            if c is None:
                i += 1
                continue
            j, _, code, kind, weak, alias = c
            if code != _BLOCK:
                s, e = toks[i][0], toks[j - 1][1]
                out.append(ActorMention(s, e, text[s:e], code, kind, weak, alias))
            i = j
        return out

    def resolve(self, phrase: str) -> str | None:
        """Code of the first strong (else first) actor in a phrase, e.g. an NER span; None if none."""
        ms = self.find(fold(phrase))
        for m in ms:
            if not m.weak:
                return m.code
        return ms[0].code if ms else None

    def _simple(self, words: list[str], i: int) -> list[_Cand]:
        """Plain and nationality-composed matches starting at token ``i``."""
        out: list[_Cand] = []
        n = len(words)
        for rank, b in self._readings(words[i]):
            for rest, slots in self._first[b]:
                k = len(rest)
                if i + 1 + k > n:
                    continue
                if k and any(words[i + 1 + x] != rest[x] for x in range(k)):
                    continue
                j = i + 1 + k
                e = slots.get("code")
                if e is not None:
                    out.append((j, rank, e.code, e.kind, e.weak, e.alias))
                t = slots.get("tmpl")
                if t is not None:
                    last = rest[-1] if rest else b
                    adj = "" if j >= n else words[j] if last.startswith("ال") else "~" + words[j]
                    if j < n and adj in self._nat:
                        country = self._nat[adj]
                        code = country if "-" in country else country + t.code[1:]
                        out.append((j + 1, rank, code, t.kind, False, t.alias))
                    else:
                        # head without a nationality: remember it as a template for the caller
                        out.append((j, rank + 100, t.code, t.kind, t.weak, t.alias))
        return out

    @staticmethod
    def _attaches(words: list[str], i: int, j: int, kind: str, nxt: _Cand) -> bool:
        """May the head ``words[i:j]`` take the code of the actor ``nxt`` that starts at ``j``?

        Only in a genitive construct ("قوات تركيا", "قائد الحرس الثوري": the head's last
        word has no ال), with a ل clitic ("الأمين العام لحزب الله"), after باسم, or, for
        titles, before a person's name ("الرئيس بشار الأسد"). A following word with و or
        ف starts a new, coordinated actor ("قوات النظام والفصائل").
        """
        w = words[j]
        alias = nxt[5]
        if w[:1] in ("و", "ف") and not alias.startswith(w[:1]):
            return False
        last = words[j - 1]
        if not last.startswith("ال") or last == "باسم":
            return True
        if w[:1] == "ل" and not alias.startswith("ل"):
            return True
        return kind == "title" and nxt[3] == "person"

    def _at(self, words: list[str], i: int, depth: int = 0) -> _Cand | None:
        cands = self._simple(words, i)
        if not cands:
            return None
        best: _Cand | None = None
        for c in cands:
            j, rank, code, kind, weak, alias = c
            if code.startswith("*"):
                # a head or title: take the code of the actor that follows
                if depth > 2 or j >= len(words):
                    continue
                nxt = self._at(words, j, depth + 1)
                if nxt is None or nxt[2].startswith("*") or nxt[2] in (_BLOCK, "CIV") or nxt[0] <= j:
                    continue
                if not self._attaches(words, i, j, kind, nxt):
                    continue
                code2 = nxt[2]
                if code.endswith("-MIL"):
                    code2 = armed_code(code2) or code2
                c = (nxt[0], rank, code2, kind, False, alias)
            if best is None or (c[0], -c[1]) > (best[0], -best[1]):
                best = c
        if best is None or best[2].startswith("*"):
            return None
        # a title (or a titled mention) directly followed by a person's name absorbs it
        if best[3] == "title" and best[0] < len(words) and best[2] != _BLOCK:
            p = self._at(words, best[0], depth + 1)
            if p is not None and p[3] == "person":
                best = (p[0], best[1], best[2], best[3], False, best[5])
        return best


@lru_cache(maxsize=1)
def _default_entries() -> tuple[ActorEntry, ...]:
    out: list[ActorEntry] = []
    for name in _DATA:
        out.extend(read_lexicon_file(f"lexicons/{name}", _package_text(name)))
    return tuple(out)


@lru_cache(maxsize=1)
def _default_nationalities() -> dict[str, str]:
    return _read_nationalities(f"lexicons/{_NATIONALITIES}", _package_text(_NATIONALITIES))


@lru_cache(maxsize=1)
def _default_lexicon() -> ActorLexicon:
    lex = ActorLexicon(_default_entries(), _default_nationalities())
    logger.debug("actor lexicon: %d aliases", lex.size)
    return lex
