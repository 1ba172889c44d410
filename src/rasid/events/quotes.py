"""Who said what: reported statements with their speaker, cue verb and words.

A quote is a reporting verb (قال، أكد، أضاف، أوضح، اعتبر، أشار، شدد، صرح،
أعلن، لفت، تابع، رأى … the ``@v`` cues of ``data/lexicons/sources.tsv``)
followed, within the sentence, by

* a quotation in «…» or "…" (the quote is the text inside the marks), or
* an إن/أن clause ("قال لافروف إن ..."; the quote runs from after إن to the
  end of the sentence), or
* a colon (the rest of the sentence).

A quotation followed by its verb ("«…»، قال المتحدث") counts too. The
speaker is the first actor (:class:`~rasid.resolve.actors.ActorLexicon`) or
source (المرصد، ناشطون) between the verb and the quote; failing that the words
there up to a preposition ("مصدر مطلع"); failing that an actor just before the
verb ("لافروف قال إن"); and for a bare "وأضاف أن" the speaker of the previous
quote nearby. All offsets of the returned :class:`~rasid.records.Quote` are
offsets into ``Document.raw``.

>>> from rasid.doc import Document
>>> from rasid.resolve.actors import ActorLexicon
>>> doc = Document.from_raw("d", "وقال وزير الخارجية الروسي سيرغي لافروف إن الحل سياسي.")
>>> q = find_quotes(doc, actors=ActorLexicon.default())[0]
>>> q.actor, q.cue, q.quote
('RUS-GOV', 'وقال', 'الحل سياسي')
"""

from __future__ import annotations

import logging
from functools import lru_cache

from rasid.doc import Document
from rasid.events.cues import cue_phrases, cue_words
from rasid.events.sources import SourceLexicon
from rasid.records import Quote
from rasid.resolve.actors import ActorLexicon
from rasid.resolve.dates import TimeLexicon
from rasid.text.normalize import fold
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import TOKEN_RE

__all__ = ["find_quotes", "QuoteFinder"]

logger = logging.getLogger(__name__)

_COMP = cue_words("comp")
_STOP = cue_words("speaker_stop") | frozenset({"،", ",", ":", "«", '"', "("})
_ADVERBS = cue_words("adverbs") | frozenset({"،", ","})
_ADDRESSEES = tuple(fold(w) for w in cue_phrases("addressees"))
_SUBJECT_GAP = 4   # words (besides adverbs) between the verb and its named subject
_MAX_GAP = 15      # words between the verb and the quote
_BACK = 4          # words an SVO speaker may precede the verb
_MAX_SPEAKER = 8   # words of a speaker without a lexicon match
_MAX_QUOTE = 2000  # characters of a quotation in marks


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """Single words of weekdays and relative days: not part of a speaker ("أعلن الأربعاء أن")."""
    words = TimeLexicon.default().words
    return frozenset(w for k in ("weekday", "day") for w in words[k] if " " not in w)


def _sentences(doc: Document) -> list[tuple[int, int]]:
    if doc.sents:
        return [(s.start, s.end) for s in doc.sents]
    return [(s.start, s.end) for s in split_sentences(doc.text)]


def _quote_pairs(text: str, s0: int, e0: int) -> list[tuple[int, int]]:
    """(open, close) character positions of «…» and "…" quotations opened in ``text[s0:e0]``."""
    pairs: list[tuple[int, int]] = []
    i = s0
    while i < e0:
        ch = text[i]
        if ch == "«":
            depth, j = 1, i + 1
            lim = min(len(text), i + _MAX_QUOTE)
            while j < lim and depth:
                if text[j] == "«":
                    depth += 1
                elif text[j] == "»":
                    depth -= 1
                j += 1
            if depth == 0:
                pairs.append((i, j - 1))
                i = j
                continue
        elif ch == '"':
            j = text.find('"', i + 1, min(len(text), i + _MAX_QUOTE))
            if j > 0:
                pairs.append((i, j))
                i = j + 1
                continue
        i += 1
    return pairs


class _Finder:
    def __init__(self, doc: Document, actors: ActorLexicon, sources: SourceLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.actors = actors
        self.sources = sources
        self.time_words = _time_words()

    def speaker_in(self, s: int, e: int, *, first_only: bool = True) -> tuple[int, int, str | None] | None:
        """An actor or source named in ``text[s:e]``: the first (or last) one, strong names preferred."""
        found = [m for m in self.actors.find(self.text, s, e) if m.code != "CIV"]
        found += self.sources.names.find(self.text, s, e)
        # "قال لـ«الشرق الأوسط»", "قال للصحافيين": the addressee, not the speaker
        cands = [(m.start, m.end, m.code, m.weak) for m in found
                 if not (m.text.startswith("ل") and not m.alias.startswith("ل"))
                 and self.text[max(0, m.start - 3):m.start].strip(" «\"") != "ل"]
        if not cands:
            return None
        strong = [c for c in cands if not c[3]] or cands
        pick = min(strong, key=lambda c: (c[0], -c[1])) if first_only else max(strong, key=lambda c: (c[1], -c[0]))
        return pick[0], pick[1], pick[2]

    def _speaker_after(
        self, toks: list[tuple[int, int, str]], s: int, e: int
    ) -> tuple[int, int, str | None] | None:
        """Speaker named right after a verb: "قائد ميداني في جيش الفتح" spans the head words and the actor."""
        named = self.speaker_in(s, e)
        if named is not None:
            # the subject follows the verb closely; a name further on is part of what was said
            before = sum(1 for t in toks if t[0] < named[0] and t[2] not in self.time_words and t[2] not in _ADVERBS)
            if before > _SUBJECT_GAP:
                named = None
        plain = self.plain_speaker(toks)
        if named is None:
            return None if plain is None else (plain[0], plain[1], None)
        if plain is not None and plain[0] < named[0] and named[0] - plain[1] <= 4:
            return plain[0], max(named[1], plain[1]), named[2]
        return named

    def plain_speaker(self, toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
        """The words after the verb up to a preposition or punctuation ("مصدر مطلع")."""
        out: list[tuple[int, int, str]] = []
        for t in toks[:_MAX_SPEAKER]:
            w = t[2]
            if (w in _STOP or w in _COMP or w in self.time_words or (len(w) > 2 and w[0] == "ل" and w[1] == "ل")
                    or (w[:1] == "ل" and w[1:].startswith(_ADDRESSEES))):
                break  # "قال أحد الشهود لوكالة ...": the rest is the addressee
            out.append(t)
        if not out:
            return None
        return out[0][0], out[-1][1]

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        last: tuple[int, tuple[int, int, str | None]] | None = None  # (sentence no, speaker)
        for n, (s0, e0) in enumerate(_sentences(self.doc)):
            text = self.text
            toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s0, e0)]
            if not toks:
                continue
            pairs = _quote_pairs(text, s0, e0)
            used: list[tuple[int, int]] = []
            verbs = [i for i, t in enumerate(toks) if self.sources.is_verb(t[2])]
            for i in verbs:
                cs, ce = toks[i][0], toks[i][1]
                if any(a <= cs < b for a, b in used) or any(a < cs < b for a, b in pairs):
                    continue
                q = self._quote_after(toks, i, pairs, e0)
                if q is None:
                    continue
                qs, qe, marker = q
                if qe <= qs:
                    continue
                between = [t for t in toks[i + 1:] if t[1] <= marker]
                spk = self._speaker_after(between, ce, marker)
                if spk is None:
                    back = toks[max(0, i - _BACK)][0] if i else cs
                    if back < cs:
                        spk = self.speaker_in(back, cs, first_only=False)
                if spk is None and last is not None and n - last[0] <= 2:
                    spk = last[1]
                quotes.append(self._record(spk, cs, ce, qs, qe))
                used.append((cs, qe))
                if spk is not None:
                    last = (n, spk)
            # «...»، قال المتحدث
            for a, b in pairs:
                if any(x <= a < y for x, y in used):
                    continue
                after = [t for t in toks if t[0] > b][:3]
                k = next((t for t in after if self.sources.is_verb(t[2])), None)
                if k is None:
                    continue
                spk = self._speaker_after([t for t in toks if t[0] >= k[1]], k[1], e0)
                quotes.append(self._record(spk, k[0], k[1], a + 1, b))
                used.append((a, k[1]))
                if spk is not None:
                    last = (n, spk)
        return quotes

    def _quote_after(
        self, toks: list[tuple[int, int, str]], i: int, pairs: list[tuple[int, int]], e0: int
    ) -> tuple[int, int, int] | None:
        """(quote start, quote end, marker position) for the verb at token ``i``."""
        text = self.text
        short: tuple[int, int, int] | None = None
        k = i + 1
        while k < min(len(toks), i + 1 + _MAX_GAP):
            s, e, w = toks[k]
            if w in ("«", '"'):
                pair = next(((a, b) for a, b in pairs if a == s), None)
                if pair is None:
                    return short
                a, b = pair
                words = len(TOKEN_RE.findall(text, a + 1, b))
                if toks[k - 1][2] == "ل" or words <= 3 or self._is_name(a + 1, b):
                    # "قال لـ«الشرق الأوسط» إن", "أعلن «جيش الإسلام»": a name in marks, not the quote
                    while k < len(toks) and toks[k][0] <= b:
                        k += 1
                    continue
                return a + 1, b, a
            if w in _COMP:
                return self._clause(toks, k + 1, e, e0, pairs) + (s,)
            if w == ":":
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is not None and nxt[2] in ("«", '"'):
                    for a, b in pairs:
                        if a == nxt[0]:
                            return a + 1, b, s
                if nxt is not None and nxt[2] in _COMP:  # "قالت مصادر: إن ..."
                    return self._clause(toks, k + 2, nxt[1], e0, pairs) + (s,)
                return self._clause(toks, k + 1, e, e0, pairs) + (s,)
            if k > i + 1 and self.sources.is_verb(w):
                return short
            k += 1
        return short

    def _is_name(self, s: int, e: int) -> bool:
        """True when ``text[s:e]`` is one actor or source name («الشبكة السورية لحقوق الإنسان»)."""
        for finder in (self.actors, self.sources.names):
            ms = finder.find(self.text, s, e)
            if len(ms) == 1 and not self.text[s:ms[0].start].strip() and not self.text[ms[0].end:e].strip():
                return True
        return False

    def _clause(
        self, toks: list[tuple[int, int, str]], k: int, qs: int, e0: int, pairs: list[tuple[int, int]]
    ) -> tuple[int, int]:
        """Quote span of an إن clause or a colon from token ``k``: to the end of the sentence, or to a
        comma followed by another reporting verb ("…، ذكرت وكالة الأنباء أن …")."""
        text = self.text
        while qs < e0 and text[qs].isspace():
            qs += 1
        end = e0
        for j in range(k + 1, len(toks)):
            s, _, w = toks[j]
            if any(a < s < b for a, b in pairs):
                continue
            if self.sources.is_verb(w) and toks[j - 1][2] in ("،", ","):
                end = toks[j - 1][0]
                break
        return qs, _rstrip(text, qs, end)

    def _record(self, spk: tuple[int, int, str | None] | None, cs: int, ce: int, qs: int, qe: int) -> Quote:
        doc = self.doc
        rcs, rce = doc.raw_span(cs, ce)
        rqs, rqe = doc.raw_span(qs, qe)
        if spk is not None:
            rss, rse = doc.raw_span(spk[0], spk[1])
            speaker: str | None = doc.raw[rss:rse]
            sps: int | None = rss
            spe: int | None = rse
            actor = spk[2]
        else:
            speaker = sps = spe = actor = None
        return Quote(doc=doc.id, speaker=speaker, speaker_start=sps, speaker_end=spe, actor=actor,
                     cue=doc.raw[rcs:rce], cue_start=rcs, cue_end=rce,
                     quote=doc.raw[rqs:rqe], start=rqs, end=rqe)


def _rstrip(text: str, s: int, e: int) -> int:
    """End of ``text[s:e]`` without trailing spaces and sentence-final punctuation."""
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".!؟?؛"):
        e -= 1
    return e


def find_quotes(
    doc: Document, *, actors: ActorLexicon | None = None, sources: SourceLexicon | None = None
) -> list[Quote]:
    """Reported statements of a document, in text order.

    Args:
        doc: the document (``doc.sents`` is used when set, else sentences are split here).
        actors: actor lexicon for speakers (default: the package one).
        sources: source lexicon giving the reporting verbs and source names (default: the package one).

    Returns:
        :class:`~rasid.records.Quote` records; every offset indexes ``doc.raw``. ``actor`` is the
        speaker's actor code, or a source code (``SOHR``, ``activists`` ...) for a reporting body,
        or None when the speaker is not in the lexicons.
    """
    f = _Finder(doc, actors or ActorLexicon.default(), sources or SourceLexicon.default())
    out = f.run()
    out.sort(key=lambda q: q.cue_start)
    return out


class QuoteFinder:
    """Pipeline component: sets ``doc.quotes`` with :func:`find_quotes`.

    >>> nlp_quotes = QuoteFinder.default()
    >>> doc = nlp_quotes(Document.from_raw("d", "وقال المرصد إن القصف مستمر."))
    >>> [q.actor for q in doc.quotes]
    ['SOHR']
    """

    def __init__(self, actors: ActorLexicon, sources: SourceLexicon) -> None:
        """Build with the lexicons to use for speakers and reporting verbs."""
        self.actors = actors
        self.sources = sources

    @classmethod
    def default(cls) -> QuoteFinder:
        """The component with the package lexicons."""
        return cls(ActorLexicon.default(), SourceLexicon.default())

    def __call__(self, doc: Document) -> Document:
        """Find the document's quotes and store them in ``doc.quotes``."""
        doc.quotes = find_quotes(doc, actors=self.actors, sources=self.sources)
        return doc
