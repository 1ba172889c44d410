"""Entity linking: PERS/ORG spans → actor codes, LOC spans → gazetteer places.

Each entity span of the tagger (:class:`rasid.ner.crf.Entity`) becomes a
:class:`LinkedEntity` with an actor ``code`` or a ``place`` and a
``confidence`` in [0, 1]. The rules, strongest first:

Actors (ORG, PERS)
    ``lexicon`` (0.9, 0.6 for an ambiguous alias)
        the actor lexicon finds an actor inside the span, its title included
        ("وزير الخارجية الروسي سيرغي لافروف" → ``RUS-GOV``).
    ``title`` (0.75)
        a person's name comes right after an actor or a title that the
        lexicon resolves ("المتحدث باسم البنتاغون جون كيربي", "القيادي في
        جبهة النصرة أبو محمد" → ``USA-MIL``, ``NUSRA``).
    ``apposition`` (0.7)
        a title follows the name after a comma or bracket ("محمد جواد ظريف،
        وزير الخارجية الإيراني" → ``IRN-GOV``).
    ``anaphor`` (0.6)
        "قائد اللواء يوسف الصالح": a commander of "the brigade" (اللواء،
        الكتيبة، الفصيل ...) belongs to the last group with that head named
        earlier in the document ("لواء التوحيد").
    ``derived`` (0.4)
        an armed group the lexicon lacks ("لواء صقور الجبل") gets a short
        upper-case name derived from its head and name words
        (``LIWA-SAQUR-JABAL``, see :func:`derived_code`); a person under such
        a group ("قائد لواء صقور الجبل فلان") gets the same name.

Places (LOC)
    ``gazetteer`` (0.9 for a town or village, 0.8 coarser)
        one gazetteer mention covers the whole span.
    ``parent`` (0.5)
        the span is no known place, but the place it lies in follows it
        ("قرية خربة الزيتونة الصغيرة في ريف إدلب الجنوبي" → Idlib): that
        place, precision 2 or coarser.
    ``partial`` (0.45)
        only part of the span is a known place and no parent is named.
    ``region`` (0.3)
        the governorate of the nearest Syrian place named in the sentence,
        precision 3.

A span that links to nothing keeps ``code``/``place`` None and confidence 0.
Places carry folded offsets and folded text, as
:meth:`rasid.resolve.places.Gazetteer.resolve` gives them; :meth:`LinkedEntity.to_dict`
writes raw ones.

>>> linker = Linker.default()                                              # doctest: +SKIP
>>> doc = Document.from_raw("x", "قال وزير الخارجية الروسي سيرغي لافروف")    # doctest: +SKIP
>>> [(e.code, e.confidence) for e in link_entities(doc, Tagger.default().entities(doc))]  # doctest: +SKIP
[('RUS-GOV', 0.9)]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from rasid.doc import Document, Span
from rasid.records import Location
from rasid.resolve.actors import ActorLexicon
from rasid.text.normalize import fold, word_set as _set
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import TOKEN_RE

__all__ = [
    "LinkedEntity", "Linker", "link_entities", "derived_code", "group_spans", "has_group_cue", "CONFIDENCE",
]

logger = logging.getLogger(__name__)

CONFIDENCE: dict[str, float] = {
    "lexicon": 0.9, "lexicon-weak": 0.6, "title": 0.75, "apposition": 0.7, "anaphor": 0.6,
    "derived": 0.4, "gazetteer": 0.9, "gazetteer-coarse": 0.8, "parent": 0.5, "partial": 0.45,
    "region": 0.3, "": 0.0,
}
"""Confidence of each linking rule (the ``via`` of a :class:`LinkedEntity`)."""


class EntityLike(Protocol):
    """What the linker reads of an entity (:class:`rasid.ner.crf.Entity` has it)."""

    @property
    def fstart(self) -> int: ...
    @property
    def fend(self) -> int: ...
    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class LinkedEntity:
    """An entity mention with what it refers to."""

    start: int
    """Start offset in the raw text (``Document.raw``)."""
    end: int
    """End offset in the raw text (exclusive)."""
    fstart: int
    """Start offset in the folded text (``Document.text``)."""
    fend: int
    """End offset in the folded text."""
    text: str
    """``raw[start:end]``."""
    label: str
    """PERS, LOC, ORG or MISC."""
    code: str | None
    """Actor code (PERS, ORG), None when unknown."""
    place: Location | None
    """Gazetteer place (LOC), folded offsets; None when unknown."""
    confidence: float
    """0 (nothing linked) to 1."""
    via: str = ""
    """The rule that linked it (see :data:`CONFIDENCE`)."""

    def to_dict(self, doc: Document | None = None) -> dict[str, Any]:
        """JSON-ready fields; with ``doc``, the place's text and offsets are raw."""
        place = None
        if self.place is not None:
            place = self.place.to_dict()
            if doc is not None and self.place.start is not None and self.place.end is not None:
                s, e = doc.raw_span(self.place.start, self.place.end)
                place.update(text=doc.raw[s:e], start=s, end=e)
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "code": self.code, "place": place, "confidence": self.confidence, "via": self.via}


# Heads of armed-group names and the Latin word a derived code starts with.
_GROUP_HEADS: dict[str, str] = {fold(k): v for k, v in {
    "لواء": "LIWA", "ألوية": "ALWIYA", "كتيبة": "KATIBA", "كتائب": "KATAIB", "فيلق": "FAYLAQ",
    "سرايا": "SARAYA", "ميليشيا": "MILISHIA", "مليشيا": "MILISHIA",
    "جبهة": "JABHA", "حركة": "HARAKA", "جيش": "JAYSH", "تجمع": "TAJAMMU", "فرقة": "FIRQA",
    "جماعة": "JAMAA", "حزب": "HIZB", "سرية": "SARIYYA",
}.items()}
# Heads that are also common nouns (جبهة القتال، حركة النزوح، تجمع المدنيين): a name the
# lexicon lacks counts only when it is quoted (جبهة «أنصار الدين»).
_QUOTED_ONLY = frozenset(fold(w) for w in "جبهة حركة جيش تجمع فرقة جماعة حزب سرية".split())
# The same heads, definite, used for a group named before: "قائد اللواء".
_ANAPHORS = {"ال" + h: h for h in _GROUP_HEADS}
_COMMANDERS = _set(
    "قائد القائد قادة أمير الأمير امير زعيم الزعيم مسؤول المسؤول قيادي القيادي عضو العضو مؤسس "
    "المؤسس متحدث المتحدث الناطق ناطق رئيس مقاتل عنصر مقاتلي عناصر شرعي الشرعي"
)
# Regular army units ("كتيبة المدرعات الخامسة", "الفرقة الرابعة"): no group name.
_UNIT_WORDS = _set(
    "المدرعات المدفعية المشاة الدبابات الصواريخ الهندسة المغاوير الاستطلاع الدفاع الجوي المدرعة "
    "الأولى الاولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة "
    "الأول الاول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحرس الخاصة"
)
# Words that end a group name: prepositions, adjectives of the group, common nouns that follow it.
_NAME_STOP = _set(
    "في من على علي إلى الى عن مع منذ بعد قبل خلال ضد حول عند لدى الذي التي الذين ان أن إن "
    "الجديد الجديدة المعارض المعارضة المقاتل المقاتلة المسلح المسلحة التابع التابعة المدعوم المدعومة "
    "الموالي الموالية المقرب المقربة المحلي المحلية المنضوي المنضوية مواقع موقع قوات القوات عناصر "
    "مقاتلي مسلحي آليات اليات حاجز حواجز مقر مقرات نقاط نقطة أمس امس اليوم يوم صباح مساء فجر ليل "
    "بالقرب قرب شمال جنوب شرق غرب السيطرة سيطرته سيطرتها الهجوم هجوم هجوما هجومه مسؤولية المسؤولية "
    "تبني استهداف تدمير قصف مقتل أسر اسر بيان بيانا عملية آخر اخر أخرى إسلامي اسلامي عسكري مسلح "
    "معارض جهادي متشدد كبير صغير مقاتل محلي مقاتلة معارضة إسلامية اسلامية مسلحة جهادية متشددة "
    "محلية عسكرية أجنبية اجنبية تابعة موالية أو او ولا لا أي اي هذا هذه ذلك تلك"
)
_SEP_OK = re.compile(r"^[\s«»\"“”'()]*$")
_APPOS_SEP = re.compile(r"^\s*[،,(\-–]\s*[«\"“]?\s*$")
_WINDOW = 80  # characters of context on each side of a span

_LETTERS = {
    "ا": "A", "ب": "B", "ت": "T", "ث": "TH", "ج": "J", "ح": "H", "خ": "KH", "د": "D", "ذ": "DH",
    "ر": "R", "ز": "Z", "س": "S", "ش": "SH", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z", "ع": "",
    "غ": "GH", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H", "و": "W",
    "ي": "Y", "ء": "",
}


def _translit(word: str) -> str:
    """A rough Latin spelling of a folded Arabic word (no short vowels are written in Arabic).

    و and ي between consonants read as long vowels (U, I; AW/AY after the first
    letter), a final ه (folded ة) reads A, and two consonants in a row get an A
    between them: "جبل" → JABAL, "توحيد" → TAWHID, "صقور" → SAQUR.
    """
    w = word[2:] if word.startswith("ال") and len(word) > 3 else word
    out: list[str] = []
    prev_cons = False
    n = len(w)
    for i, ch in enumerate(w):
        if ch == "ا":
            out.append("A")
            prev_cons = False
        elif ch in "وي" and 0 < i < n - 1 or ch in "وي" and i == n - 1 and n > 2:
            if i == 1 and n > 3:
                out.append("AW" if ch == "و" else "AY")
            else:
                out.append("U" if ch == "و" else "I")
            prev_cons = False
        elif ch == "ه" and i == n - 1 and n > 2:
            out.append("A")
            prev_cons = False
        else:
            lat = _LETTERS.get(ch)
            if lat is None:
                continue
            if not lat:
                prev_cons = False
                continue
            if prev_cons:
                out.append("A")
            out.append(lat)
            prev_cons = True
    return "".join(out)


def derived_code(phrase: str) -> str | None:
    """A short upper-case actor name for a group the lexicon lacks, or None if ``phrase`` is no group name.

    The group head is translated (لواء → LIWA, كتائب → KATAIB ...), the first
    two name words (articles dropped) are transliterated.

    >>> derived_code("لواء صقور الجبل")
    'LIWA-SAQUR-JABAL'
    >>> derived_code("لواء التوحيد")
    'LIWA-TAWHID'
    >>> derived_code("الجيش") is None
    True
    """
    words = [m.group() for m in TOKEN_RE.finditer(fold(phrase)) if m.group()[0].isalpha()]
    if len(words) < 2:
        return None
    head = _GROUP_HEADS.get(words[0])
    if head is None:
        return None
    names = [_translit(w) for w in words[1:3] if w not in _NAME_STOP]
    names = [x for x in names if x]
    if not names:
        return None
    return "-".join([head, *names])


def group_spans(
    text: str, start: int = 0, end: int | None = None, *, strict: bool = True
) -> list[tuple[int, int]]:
    """Folded spans of armed-group names written "head + name" ("لواء صقور الجبل").

    The head is a group word without the article (لواء، كتائب، جبهة ...), the
    name one to three words that are not prepositions, common nouns of war
    reporting or adjectives of the group (الجديد، المعارض ...). Quotation
    marks around the name are allowed (لواء «صقور الجبل»). Heads that are also
    common nouns (جبهة، حركة، جيش ...) need a quoted name unless ``strict`` is False.
    """
    end = len(text) if end is None else end
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        w = toks[i][2]
        head = w if w in _GROUP_HEADS else None
        if head is None and w[:1] in ("و", "ف", "ب", "ل") and w[1:] in _GROUP_HEADS:
            head = w[1:]
        if head is None:
            i += 1
            continue
        j = i + 1
        last = i
        while j < len(toks) and j - i <= 4:
            x = toks[j][2]
            if x in ("«", "»", '"', "“", "”"):
                j += 1
                continue
            if not x[0].isalpha() or x in _NAME_STOP or x in _GROUP_HEADS or x in _COMMANDERS:
                break
            if x[0] in ("و", "ف"):
                break  # "لواء X وكتيبة Y": a new group
            if last > i and x.startswith("ال") and len(x) > 5 and x.endswith(("ي", "يه")):
                break  # a nisba adjective after the name: "حركة الشباب الصومالية"
            last = j
            j += 1
            if sum(1 for t in toks[i + 1:j] if t[2][0].isalpha()) >= 3:
                break
        quoted = any(t[2] in ("«", '"', "“") for t in toks[i + 1:i + 2])
        if last > i and toks[i + 1][2] in _UNIT_WORDS:
            last = i  # an army unit, not a named group
        if last > i and (quoted or not strict or head not in _QUOTED_ONLY):
            s = toks[i][0] + (1 if head != w else 0)
            e = toks[last][1]
            if last + 1 < len(toks) and toks[last + 1][2] in ("»", '"', "”") and toks[last + 1][0] == e:
                e = toks[last + 1][1]
            out.append((s, e))
            i = last + 1
        else:
            i += 1
    return out


def has_group_cue(
    text: str, start: int = 0, end: int | None = None, *, actors: ActorLexicon | None = None
) -> bool:
    """Can linking find an actor in ``text[start:end]`` that the actor lexicon lacks?

    True when the span names a group by its head that the lexicon does not know
    ("لواء صقور الجبل", see :func:`group_spans`) or refers to a group named
    earlier through a commander ("قائد اللواء"). A cheap test, made before tagging.

    Args:
        text: folded text.
        start: span start.
        end: span end (default: end of text).
        actors: the lexicon a group name is checked against (default: the package's).
    """
    end = len(text) if end is None else end
    toks = [m.group() for m in TOKEN_RE.finditer(text, start, end)]
    for i, w in enumerate(toks):
        if (w in _ANAPHORS or w[1:] in _ANAPHORS) and i and toks[i - 1] in _COMMANDERS:
            return True
    spans = group_spans(text, start, end)
    if not spans:
        return False
    lex = actors or ActorLexicon.default()
    for s, e in spans:
        if not any(m.start <= s + 1 and m.end >= e and not m.weak for m in lex.find(text, s, e)):
            return True
    return False


class Linker:
    """Links entity spans to actor codes and gazetteer places.

    Args:
        actors: the actor lexicon.
        gazetteer: the place gazetteer (``rasid.resolve.places.Gazetteer``), or None
            to link no places.
    """

    def __init__(self, actors: ActorLexicon, gazetteer: Any = None) -> None:
        self.actors = actors
        self.gazetteer = gazetteer

    @classmethod
    def default(cls) -> Linker:
        """The linker over the package lexicon and gazetteer (loaded once per process)."""
        return _default_linker()

    # ---------------------------------------------------------------- public
    def link(self, doc: Document, entities: Iterable[EntityLike],
             sents: Sequence[Span] | None = None) -> list[LinkedEntity]:
        """Link ``entities`` of ``doc`` (spans with folded offsets ``fstart``/``fend``).

        Args:
            doc: the document the entities come from.
            entities: entity spans; :class:`rasid.ner.crf.Entity` or anything with
                ``fstart``, ``fend`` and ``label``.
            sents: the document's sentences (default ``doc.sents``, else split here).
        """
        sents = list(sents if sents is not None else doc.sents or split_sentences(doc.text))
        places_cache: dict[int, list[Any]] = {}
        out: list[LinkedEntity] = []
        for ent in entities:
            si = _sentence_of(sents, ent.fstart)
            sent = sents[si] if si is not None else Span(0, len(doc.text))
            out.append(self.link_one(doc, ent, sent, places_cache))
        return out

    def link_one(self, doc: Document, ent: EntityLike, sent: Span,
                 places_cache: dict[int, list[Any]] | None = None) -> LinkedEntity:
        """Link one entity inside sentence ``sent``."""
        fs, fe, label = ent.fstart, ent.fend, ent.label
        code: str | None = None
        place: Location | None = None
        via = ""
        if label in ("ORG", "PERS"):
            code, via = self._actor(doc, fs, fe, label, sent)
        elif label == "LOC":
            cache = places_cache if places_cache is not None else {}
            if sent.start not in cache:
                cache[sent.start] = self._places(doc.text, sent.start, sent.end)
            place, via = self._place(doc.text, fs, fe, cache[sent.start])
        rs, re_ = doc.raw_span(fs, fe)
        return LinkedEntity(rs, re_, fs, fe, doc.raw[rs:re_], label, code, place, CONFIDENCE[via], via)

    def rule_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Group names of :func:`group_spans`, cut to the lexicon's actor when it knows the name.

        Names under a head that is also a common noun (جيش، حركة ...) count
        unquoted when the lexicon knows them ("جيش الإسلام").
        """
        strict = set(group_spans(text, start, end))
        out: list[tuple[int, int]] = []
        for s, e in group_spans(text, start, end, strict=False):
            ms = [m for m in self.actors.find(text, s, e) if not m.weak and m.start <= s + 1]
            if ms:
                out.append((s, ms[0].end))
            elif (s, e) in strict and not self._is_place_name(text, s, e):
                out.append((s, e))
        return out

    def _is_place_name(self, text: str, s: int, e: int) -> bool:
        """Is the name after the head of ``text[s:e]`` a place ("لواء اسكندرون" is a province)?"""
        if self.gazetteer is None:
            return False
        head = TOKEN_RE.search(text, s, e)
        if head is None:
            return False
        words = [m for m in TOKEN_RE.finditer(text, head.end(), e) if m.group()[0].isalpha()]
        if not words:
            return False
        try:
            ms = self.gazetteer.find(text, words[0].start(), words[-1].end())
        except Exception:  # another module's bug must not stop linking
            return False
        return any(m.start <= words[0].start() and words[-1].end() <= m.end for m in ms)

    def _derived(self, text: str, s: int, e: int) -> str | None:
        return None if self._is_place_name(text, s, e) else derived_code(text[s:e])

    # ---------------------------------------------------------------- actors
    def _actor(self, doc: Document, fs: int, fe: int, label: str, sent: Span) -> tuple[str | None, str]:
        text = doc.text
        ws = max(sent.start, fs - _WINDOW)
        we = min(sent.end, fe + _WINDOW)
        ms = self.actors.find(text, ws, we)
        # 1. an actor inside the span (a title before a name is part of it)
        inside = [m for m in ms if m.start < fe and fs < m.end and m.code != "CIV"]
        if inside:
            best = max(inside, key=lambda m: (not m.weak, min(fe, m.end) - max(fs, m.start)))
            return best.code, "lexicon-weak" if best.weak else "lexicon"
        if label == "PERS":
            # 2. a title or actor right before the name
            before = [m for m in ms if m.end <= fs and _SEP_OK.match(text[m.end:fs])]
            if before and before[-1].code != "CIV" and before[-1].kind in ("title", "actor"):
                return before[-1].code, "title"
            # 3. a title after a comma: "محمد جواد ظريف، وزير الخارجية الإيراني"
            after = [m for m in ms if m.start >= fe and _APPOS_SEP.match(text[fe:m.start])]
            if after and after[0].kind == "title" and after[0].code != "CIV":
                return after[0].code, "apposition"
            # 4. "قائد اللواء فلان": the brigade named before
            code = self._anaphor(doc, fs, sent)
            if code is not None:
                return code, "anaphor"
            # 5. "قائد لواء صقور الجبل فلان": an unknown group right before the name
            for s, e in reversed(group_spans(text, ws, fs)):
                if _SEP_OK.match(text[e:fs]):
                    dc = self._derived(text, s, e)
                    if dc is not None:
                        return dc, "derived"
                break
            return None, ""
        # ORG: a group name the lexicon lacks ("صقور الجبل" after its head too)
        for s, e in group_spans(text, max(ws, fs - 12), fe):
            if s <= fs + 1 and e > fs:
                dc = self._derived(text, s, e)
                if dc is not None:
                    return dc, "derived"
        return None, ""

    def _anaphor(self, doc: Document, fs: int, sent: Span) -> str | None:
        """Code of "the brigade" in "قائد اللواء <name>": the last such group named before."""
        text = doc.text
        toks = [m.group() for m in TOKEN_RE.finditer(text, max(sent.start, fs - 40), fs)]
        if len(toks) < 2 or toks[-1] not in _ANAPHORS or not any(t in _COMMANDERS or t[1:] in _COMMANDERS
                                                                   for t in toks[-3:-1]):
            return None
        head = _ANAPHORS[toks[-1]]
        ant = _last_group(text, head, fs - len(toks[-1]) - 1)
        if ant is None:
            return None
        s, e = ant
        ms = [m for m in self.actors.find(text, s, e) if not m.weak]
        if ms:
            return ms[0].code
        return self._derived(text, s, e)

    # ---------------------------------------------------------------- places
    def _places(self, text: str, s: int, e: int) -> list[Any]:
        if self.gazetteer is None:
            return []
        try:
            return list(self.gazetteer.find(text, s, e))
        except Exception as ex:  # another module's bug must not stop linking
            logger.debug("place finding failed: %s", ex)
            return []

    def _resolve(self, m: Any, mentions: list[Any]) -> Location | None:
        try:
            return self.gazetteer.resolve(m, mentions)  # type: ignore[no-any-return, union-attr]
        except Exception as ex:  # another module's bug must not stop linking
            logger.debug("place resolution failed: %s", ex)
            return None

    def _place(self, text: str, fs: int, fe: int, mentions: list[Any]) -> tuple[Location | None, str]:
        if self.gazetteer is None:
            return None, ""
        words = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text, fs, fe) if m.group()[0].isalpha()]
        if not words:
            return None, ""
        over = [m for m in mentions if m.start < fe and fs < m.end]
        # 1. one mention covers every word of the span
        for m in over:
            if m.start <= words[0][0] and words[-1][1] <= m.end:
                loc = self._resolve(m, mentions)
                if loc is not None:
                    return loc, "gazetteer" if loc.precision == 1 else "gazetteer-coarse"
        # 2. the place it lies in, named right after it
        parent = self._parent(text, fe, mentions)
        if parent is not None:
            loc = self._resolve(parent, mentions)
            if loc is not None:
                return self._as(loc, text, fs, fe, max(2, loc.precision)), "parent"
        # 3. part of it is known ("دمشق وريفها")
        for m in over:
            loc = self._resolve(m, mentions)
            if loc is not None:
                return loc, "partial"
        # 4. the governorate of the nearest Syrian place in the sentence
        near = sorted((m for m in mentions if not (m.start < fe and fs < m.end)),
                      key=lambda m: m.start - fe if m.start >= fe else fs - m.end)
        for m in near:
            loc = self._resolve(m, mentions)
            if loc is not None and loc.country == "SY" and loc.admin1 and loc.precision <= 3:
                gov = self.gazetteer.admin1_place(loc.admin1)
                if gov is not None:
                    return Location(text=text[fs:fe], name=gov.name, admin1=gov.admin1, lat=gov.lat,
                                    lon=gov.lon, precision=3, gid=gov.id, country=gov.country,
                                    start=fs, end=fe), "region"
        return None, ""

    @staticmethod
    def _parent(text: str, fe: int, mentions: list[Any]) -> Any:
        """The mention right after ``fe`` that says where the span lies ("في ريف إدلب", "بريف حماة")."""
        for m in mentions:
            if m.start < fe:
                continue
            gap = text[fe:m.start]
            if len(gap) > 40:
                return None
            ws = [w.group() for w in TOKEN_RE.finditer(gap) if w.group()[0].isalpha()]
            if any(c in gap for c in ".،,؛;:!?؟"):
                return None
            # "X في ريف إدلب", "X بريف حماة", "X الصغيرة شمالي حلب": link words, at most one
            # adjective of X before them
            extra = [w for w in ws if w not in _LINK]
            if ws and (ws[-1] not in _LINK or len(extra) > 1 or any(not w.startswith("ال") for w in extra)):
                return None
            if ws or m.text.startswith("ب") or m.near or m.cue:
                return m
            return None
        return None

    @staticmethod
    def _as(loc: Location, text: str, fs: int, fe: int, precision: int) -> Location:
        return replace(loc, text=text[fs:fe], start=fs, end=fe, precision=precision)


_LINK = _set(
    "في قرب من داخل شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الواقعة الواقع التابعة التابع بمحيط بريف"
)


def _sentence_of(sents: Sequence[Span], pos: int) -> int | None:
    for i, s in enumerate(sents):
        if s.start <= pos < s.end:
            return i
    return None


def _last_group(text: str, head: str, before: int) -> tuple[int, int] | None:
    """The last "head + name" group (head without ال) that starts before ``before``."""
    best: tuple[int, int] | None = None
    for s, e in group_spans(text, 0, max(0, before), strict=False):
        w = TOKEN_RE.match(text, s)
        if w is not None and w.group() == head:
            best = (s, e)
    return best


@lru_cache(maxsize=1)
def _default_linker() -> Linker:
    gaz = None
    try:
        from rasid.resolve.places import Gazetteer

        gaz = Gazetteer.default()
    except Exception as e:  # gazetteer data not built: link actors only
        logger.warning("no gazetteer, places are not linked: %s", e)
    return Linker(ActorLexicon.default(), gaz)


def link_entities(
    doc: Document, entities: Iterable[EntityLike], *, linker: Linker | None = None
) -> list[LinkedEntity]:
    """Link the entity spans of ``doc`` (see the module docstring for the rules).

    Args:
        doc: the document.
        entities: spans with ``fstart``, ``fend`` (folded offsets) and ``label``.
        linker: a linker; the package default when None.
    """
    return (linker or Linker.default()).link(doc, entities)
