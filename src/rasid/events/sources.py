"""Who the text says reports or claims an event (the ``source`` field of the spec).

A source is either a reporting body named in ``data/lexicons/sources.tsv``
(SOHR, SNHR, SANA, activists, opposition outlets, RUS-MOD, military sources,
Iranian media, other media) or a party claiming its own action ("أعلن الجيش
التركي أن ..." → ``TUR-MIL``), found with the actor lexicon.

Rules, in order of preference, inside the given span:

1. a source alias near an attribution cue (قال، أفاد، ذكرت، بحسب، وفقا ل ...):
   up to 8 words after the cue, or up to 3 words before it;
2. a strong source alias anywhere (المرصد السوري لحقوق الإنسان, سانا,
   رويترز); weak aliases (المرصد alone, مصادر محلية, الجزيرة) need rule 1;
3. an actor right after a cue (at most 2 words between). Rebels and the
   political opposition become ``opposition``, the Syrian army
   ``military-source``; other actors keep their code.

An outlet written with the dative ل ("قال لـ«رويترز»") is the interviewer, not
the source, and is skipped.

>>> from rasid.resolve.actors import ActorLexicon
>>> from rasid.text.normalize import fold
>>> s = fold("وقال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا")
>>> find_source(s, 0, len(s), actors=ActorLexicon.default()).code
'SOHR'
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from functools import lru_cache

from rasid.errors import DataFileError
from rasid.events.arguments import side_of
from rasid.events.cues import cue_phrases, cue_words
from rasid.resolve.actors import ActorEntry, ActorLexicon, ActorMention, _package_text, armed_code
from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE, bases, readings, token_spans

__all__ = ["SourceMention", "SourceLexicon", "find_source", "find_sources", "governing_source", "document_sources",
           "actor_source_code"]

logger = logging.getLogger(__name__)

_AFTER = 8   # words a source may follow its cue
_BEFORE = 3  # words a source may precede its cue
_ACTOR_GAP = 2
_QUOTES = frozenset(("«", "»", '"', "“", "”", "'"))
_START = itemgetter(0)
_OUTLETS = frozenset(("media", "IRN-media"))
# words that start the reported content: an actor after them is what the report is about
_CONTENT = cue_words("content") | frozenset({":"})
# "نقلت" is an attribution only as "نقلت ... عن" (else it moves troops: "نقلت دبابات")
_RELAY = cue_words("relay")  # clitics are read off (readings)
_CLAUSE_OPEN = frozenset(("،", ",", ":", "«", '"', "(", "-", "..", "."))  # a subject opens its clause
_APPOSITION = 8  # words between a reporting verb and the affiliation of the person it names
# nouns that give a named speaker's role: "أحد قادة X", "القيادي في X", "المتحدث باسم X"
_ROLE_HEADS = cue_words("role_heads")
# a ministry of defence as a source speaks for its government
_MINISTRIES = tuple(fold(w) for w in cue_phrases("ministries"))
# statement nouns: "في بيان لـX" names X as the speaker
_STATEMENTS = cue_words("statements")


# words that open the reported clause ("قال المرصد إن ..."): the source comes before them
_THAT = cue_words("source_that") | frozenset({":"})


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A source of a report, with offsets into the folded text."""

    code: str
    """``SOHR``, ``SNHR``, ``SANA``, ``activists``, ``opposition``, ``RUS-MOD``, ``military-source``,
    ``IRN-media``, ``media`` or an actor code."""
    start: int
    """Start of the source's name in the folded text."""
    end: int
    """End of the source's name in the folded text."""
    text: str
    """The folded text of the name."""
    cue_start: int | None = None
    """Start of the attribution cue, when one was found."""
    cue_end: int | None = None
    """End of the attribution cue."""


def actor_source_code(code: str, alias: str = "") -> str:
    """The source code for an actor that reports or claims something.

    A ministry of defence speaks for its government (Russia's has its own code,
    ``RUS-MOD``): "أعلنت وزارة الدفاع الأمريكية" → ``USA-GOV``.

    >>> actor_source_code("SYR-REB"), actor_source_code("SYR-MIL"), actor_source_code("TUR-MIL")
    ('opposition', 'military-source', 'TUR-MIL')
    >>> actor_source_code("USA-MIL", fold("البنتاغون")), actor_source_code("RUS-MIL", fold("وزارة الدفاع الروسية"))
    ('USA-GOV', 'RUS-MOD')
    """
    if code.endswith("-MIL") and code != "SYR-MIL" and any(w in alias for w in _MINISTRIES):
        return "RUS-MOD" if code == "RUS-MIL" else code[:-4] + "-GOV"
    if code in ("SYR-REB", "SYR-OPP") or side_of(armed_code(code)) == "rebel":
        return "opposition"  # a rebel group's statement: "أعلن جيش الإسلام"
    if code == "SYR-MIL":
        return "military-source"
    return code


class SourceLexicon:
    """Source aliases (an :class:`ActorLexicon` of source codes) and attribution cue words."""

    def __init__(self, entries: list[ActorEntry], cues: set[str], verbs: set[str] | None = None) -> None:
        """Build from source entries (code = source code), attribution cues and reporting verbs.

        Args:
            entries: source aliases; ``code`` is the source code.
            cues: folded single words that attribute a report (قال، بحسب ...).
            verbs: folded reporting verbs that introduce quotes (قال، أكد، اعتبر ...).
        """
        self.names = ActorLexicon(entries, {})
        self.cues = frozenset(cues)
        self.verbs = frozenset(verbs or ())
        self._cue: dict[str, bool] = {}
        self._verb: dict[str, bool] = {}
        self._kind: dict[str, int] = {}  # word -> 1 (cue) | 2 (may start a source name), cached

    @classmethod
    def from_text(cls, text: str, path: str = "sources.tsv") -> SourceLexicon:
        """Parse the ``sources.tsv`` format.

        Raises:
            DataFileError: a malformed line.
        """
        entries: list[ActorEntry] = []
        cues: set[str] = set()
        verbs: set[str] = set()
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < 3 or cols[2] not in ("source", "cue"):
                raise DataFileError(f"source lexicon {path} line {n}: expected alias<TAB>code<TAB>source|cue")
            flags = cols[3].split(",") if len(cols) > 3 else []
            if cols[2] == "cue":
                words = [m.group() for m in TOKEN_RE.finditer(fold(cols[0]))]
                if cols[1] == "@v":
                    verbs.update(words)
                if "speech" not in flags:
                    cues.update(words)
            else:
                entries.append(ActorEntry(fold(cols[0]), cols[1], "actor", "weak" in flags))
        return cls(entries, cues, verbs)

    @classmethod
    def default(cls) -> SourceLexicon:
        """The package source lexicon (cached)."""
        return _default_sources()

    def is_cue(self, word: str) -> bool:
        """True when a folded word (clitics allowed) is an attribution cue."""
        return _verb_in(word, self.cues, self._cue)

    def word_kind(self, word: str) -> int:
        """Bit 1: the word is an attribution cue; bit 2: a source name may start at it (cached)."""
        r = self._kind.get(word)
        if r is None:
            r = (1 if self.is_cue(word) else 0) | (2 if self.names.may_start(word) else 0)
            if len(self._kind) > 500_000:
                self._kind.clear()
            self._kind[word] = r
        return r

    def is_verb(self, word: str) -> bool:
        """True when a folded word (clitics allowed) is a reporting verb that can introduce a quote."""
        return _verb_in(word, self.verbs, self._verb)


def _verb_in(word: str, verbs: frozenset[str], cache: dict[str, bool]) -> bool:
    """True when a clitic reading of ``word`` that keeps its ال is in ``verbs`` (cached in ``cache``)."""
    r = cache.get(word)
    if r is None:
        r = cache[word] = not verbs.isdisjoint(readings(word, suffixes=False)) and any(
            b in verbs for b in _verb_readings(word))
        if len(cache) > 500_000:
            cache.clear()
    return r


def _verb_readings(word: str) -> list[str]:
    """Clitic readings of a word, without the ones that drop ال (الكشف is a noun, not كشف)."""
    rs = bases(word, suffixes=False)
    return [b for k, b in enumerate(rs) if not (k and "ال" + b in rs)]


@lru_cache(maxsize=1)
def _default_sources() -> SourceLexicon:
    return SourceLexicon.from_text(_package_text("sources.tsv"), "lexicons/sources.tsv")


def _token_index(toks: Sequence[tuple[int, ...]], pos: int) -> int:
    """Index of the first token that starts at or after ``pos``."""
    return bisect_left(toks, pos, key=_START)


def _candidates(
    text: str, start: int, end: int, actors: ActorLexicon | None, lex: SourceLexicon
) -> list[tuple[int, SourceMention]]:
    """(rank, mention) pairs; lower rank is better, ties go to the earlier mention."""
    wtoks = token_spans(text, start, end)  # shared with the extractor and the actor lexicon
    if not wtoks:
        return []
    toks = wtoks  # (start, end, word): _token_index reads the starts
    known = lex._kind
    kinds = [known.get(t[2]) for t in wtoks]
    if None in kinds:  # words not seen before
        kinds = [lex.word_kind(t[2]) if k is None else k for k, t in zip(kinds, wtoks, strict=True)]
    cue_idx = [i for i, k in enumerate(kinds) if k & 1 and not (
        not _RELAY.isdisjoint(readings(wtoks[i][2], suffixes=False))
        and not any(t[2] == "عن" for t in wtoks[i + 1:i + 6]))]
    out: list[tuple[int, SourceMention]] = []

    def nearest_cue(a: int, b: int, weak: bool) -> tuple[int, int] | None:
        """Cue token and distance for a name spanning tokens a..b (inclusive); a weak name
        ("المعارضة") may precede its cue only right before it ("ناشطون قالوا")."""
        best: tuple[int, int] | None = None
        for c in cue_idx:
            if c < a and a - c <= _AFTER:
                if any(wtoks[k][2] in _THAT for k in range(c + 1, a)):
                    continue  # "وأضاف أن قوات المعارضة ...": a name inside the report is no source
                d = a - c
            elif c > b and c - b <= (1 if weak else _BEFORE):
                d = c - b + 1
            else:
                continue
            if best is None or d < best[1]:
                best = (c, d)
        return best

    def prev_word(a: int) -> str:
        k = a - 1
        while k >= 0 and wtoks[k][2] in _QUOTES:
            k -= 1
        return wtoks[k][2] if k >= 0 else ""

    names: list[tuple[int, int, SourceMention, bool]] = []
    # a source name starts at a word that may start one: most sentences have none
    for m in (lex.names.find_tokens(text, wtoks) if any(k & 2 for k in kinds) else ()):
        a = _token_index(toks, m.start)
        b = max(a, _token_index(toks, m.end) - 1)
        if (m.text.startswith("ل") and not m.alias.startswith("ل")) or prev_word(a) == "ل":
            continue  # "قال لرويترز": the outlet is the interviewer
        names.append((a, b, SourceMention(m.code, m.start, m.end, m.text), m.weak))
    # Actors matter right after a cue (rule 3) or after an outlet's "عن" (_relayed). A mention
    # starts at a word that may start one: without such a word there, skip the lookup. Otherwise
    # it is the extractor's own span, which ActorLexicon.find answers from its memo.
    actor_ms: list[ActorMention] = []
    if actors is not None and cue_idx:
        n = len(wtoks)
        if any(sm.code in _OUTLETS for _, _, sm, _ in names) or any(
                actors.may_start(wtoks[j][2]) for c in cue_idx for j in range(max(0, c - 3), min(c + 2 + _ACTOR_GAP, n))):
            actor_ms = actors.find(text, start, end)
    for a, b, sm, weak in names:
        if sm.code in _OUTLETS:
            # "نقلت رويترز عن الناطق باسم الجبهة الجنوبية": the outlet relays someone else
            relayed = _relayed(wtoks, b, names, actor_ms, toks)
            if relayed is not None:
                sm = relayed
        cue = nearest_cue(a, b, weak)
        if cue is not None:
            cs, ce = toks[cue[0]][:2]
            out.append((cue[1] + (2 if weak else 0), SourceMention(sm.code, sm.start, sm.end, sm.text, cs, ce)))
        elif not weak:
            out.append((50, sm))
    for m in actor_ms:
        if m.code in ("CIV", "UNK-MIL"):
            continue
        a = _token_index(toks, m.start)
        if (prev_word(a) == "ل" or (m.text.startswith("ل") and not m.alias.startswith("ل"))) and not (
                a >= 1 and not _STATEMENTS.isdisjoint(readings(wtoks[a - 1 - (prev_word(a) == "ل")][2], suffixes=False))):
            continue  # "أكدت انتماءه لتنظيم الدولة": a dative is no speaker ("في بيان لوزير" is)
        b = max(a, _token_index(toks, m.end) - 1)
        code = actor_source_code(m.code, m.alias)
        for c in cue_idx:
            gap = [t[2] for t in wtoks[c + 1:a]]
            place = m.weak and m.code.endswith("-GOV")  # a country or capital standing for its state
            if 0 < a - c <= (1 if place else _ACTOR_GAP + 1) and not any(w in _CONTENT for w in gap):
                # a country only right after its verb: "أعلنت تركيا"، not "تبني شؤون العراق"
                cs, ce = toks[c][:2]
                out.append((100 + a - c, SourceMention(code, m.start, m.end, m.text, cs, ce)))
                break
            if 0 < a - c <= _APPOSITION and not m.weak and "،" in gap and not any(w in _THAT for w in gap) and (
                    _ROLE_HEADS.intersection(gap[-2:]) or m.kind == "title" or
                    not _ROLE_HEADS.isdisjoint(readings(m.text.split()[0], suffixes=False))):
                # "وقال صالح يوسف، أحد قادة الفرقة الساحلية، إن ...": the speaker's affiliation
                cs, ce = toks[c][:2]
                out.append((110 + a - c, SourceMention(code, m.start, m.end, m.text, cs, ce)))
                break
            if c == b + 1 and not m.weak and (a == 0 or wtoks[a - 1][2] in _CLAUSE_OPEN or (
                    m.text.startswith(("و", "ف")) and not m.alias.startswith(("و", "ف")))) \
                    and not any(0 < _token_index(toks, o.start) - c <= 1 for o in actor_ms):
                # a subject before its verb, as headlines write it: "البنتاغون يؤكد مقتل ..."
                # (unless the verb has its own subject after it: "... أكدت السلطات السورية")
                cs, ce = toks[c][:2]
                out.append((101, SourceMention(code, m.start, m.end, m.text, cs, ce)))
                break
    return out


def _relayed(
    wtoks: Sequence[tuple[int, int, str]],
    b: int,
    names: list[tuple[int, int, SourceMention, bool]],
    actor_ms: list[ActorMention],
    toks: Sequence[tuple[int, ...]],
) -> SourceMention | None:
    """The source an outlet quotes ("... رويترز عن X"), when "عن" follows it within 3 words."""
    k = next((k for k in range(b + 1, min(len(wtoks), b + 4)) if wtoks[k][2] == "عن"), None)
    if k is None:
        return None
    lim = k + 7
    for a2, _, sm, weak in names:
        if k < a2 <= lim and not weak and sm.code not in _OUTLETS:
            return sm
    for m in actor_ms:
        a2 = _token_index(toks, m.start)
        if k < a2 <= lim and m.code not in ("CIV", "UNK-MIL"):
            return SourceMention(actor_source_code(m.code), m.start, m.end, m.text)
    return None


def find_source(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    actors: ActorLexicon | None = None,
    lexicon: SourceLexicon | None = None,
    claims: bool = True,
) -> SourceMention | None:
    """The source of the report in ``text[start:end]`` (folded text), or None.

    Args:
        text: folded text (``Document.text``).
        start: start of the clause or sentence.
        end: its end (default: end of text).
        actors: actor lexicon for parties claiming their own action; None to skip rule 3.
        lexicon: source lexicon (default: the package one).
        claims: apply rule 3 (a party claiming its own action). Pass False for interaction events
            (statements, visits, accusations): there the speaker is the actor, not a source.
    """
    end = len(text) if end is None else end
    lex = lexicon or _default_sources()
    cands = _candidates(text, start, end, actors if claims else None, lex)
    if not cands:
        return None
    return min(cands, key=lambda x: (x[0], x[1].start))[1]


def find_sources(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    actors: ActorLexicon | None = None,
    lexicon: SourceLexicon | None = None,
    claims: bool = True,
) -> list[SourceMention]:
    """Every attribution in ``text[start:end]``: the best source of each cue, in text order.

    A sentence can hold two reports ("قال المرصد إن ... فيما أفاد ناشطون بأن ...");
    :func:`governing_source` picks the one an event at a given position rests on.
    Arguments as for :func:`find_source`.
    """
    end = len(text) if end is None else end
    lex = lexicon or _default_sources()
    best: dict[int, tuple[int, SourceMention]] = {}
    for rank, m in _candidates(text, start, end, actors if claims else None, lex):
        anchor = m.cue_start if m.cue_start is not None else m.start
        if anchor not in best or (rank, m.start) < (best[anchor][0], best[anchor][1].start):
            best[anchor] = (rank, m)
    # a name found twice (once with its cue, once as a strong alias alone) is one attribution;
    # a party named after a cue inside a named body's report ("قال المرصد إنه وثق تنفيذ طائرات
    # النظام ...") is what the report is about, not a second attribution
    # A name with no cue near ("مشفى أورينت") counts only when the span has no cued attribution.
    out: list[SourceMention] = []
    cued = any(m.cue_start is not None for _, m in best.values())
    named = min((a for a, (r, _) in best.items() if r < 100), default=None)
    for anchor in sorted(best):
        rank, m = best[anchor]
        if m.cue_start is None and (cued or any(o.start == m.start for _, o in best.values() if o is not m)):
            continue
        if rank >= 100 and named is not None and anchor > named:
            continue
        out.append(m)
    if not cued and len(out) > 1:
        out = [min(out, key=lambda m: m.start)]
    return out


def governing_source(sources: Sequence[SourceMention], pos: int) -> SourceMention | None:
    """The attribution an event at ``pos`` (folded offset) rests on.

    The last attribution before it ("وقال المرصد إن قصفا ..."), else the first after it
    ("قتل 5 مدنيين بقصف جوي، وفق ناشطين").
    """
    before = [m for m in sources if (m.cue_start if m.cue_start is not None else m.start) <= pos]
    if before:
        return before[-1]
    return sources[0] if sources else None


def document_sources(
    text: str,
    *,
    actors: ActorLexicon | None = None,
    lexicon: SourceLexicon | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[SourceMention]:
    """Every sourced statement of a document, one per sentence at most, in text order.

    Use it as a fallback: an event sentence without its own source often relies
    on a nearby "وقال المرصد إن ...".

    Args:
        text: folded text of the document.
        actors: actor lexicon (rule 3), or None.
        lexicon: source lexicon (default: the package one).
        spans: sentence spans to look in (default: lines of the text).
    """
    if spans is None:
        spans = []
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    out: list[SourceMention] = []
    for s, e in spans:
        m = find_source(text, s, e, actors=actors, lexicon=lexicon)
        if m is not None:
            out.append(m)
    return out
