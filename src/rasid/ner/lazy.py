"""Entities on demand: tag and link one sentence only when something asks for it.

The CRF tags about 50k tokens/s, too slow to run over every article on the
extractor's default path. :class:`SentenceEntities` tags and links a sentence
the first time a span inside it is asked for and keeps the result in the
document (``doc.user["_ner_sentences"]``, plain records, so documents stay
picklable). When the pipeline ran :class:`rasid.ner.component.EntityRecognizer`,
its ``doc.user["entities"]`` are used and nothing is tagged again.

:func:`fill_event_slots` is what the event extractor calls when its lexicons
left an event's actor1, actor2 or location empty.

Besides the CRF's spans, armed-group names written "head + name" (لواء صقور
الجبل, see :func:`rasid.ner.link.group_spans`) count as ORG entities: the CRF,
trained on general news, often misses them. Without a model file only those
rule spans are used.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasid.doc import Document, Span
from rasid.ner.link import LinkedEntity, Linker, has_group_cue
from rasid.records import Location
from rasid.resolve.actors import armed_code
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import TOKEN_RE

__all__ = [
    "SentenceEntities", "fill_event_slots", "fill_actors", "fill_location", "tag_sentence", "RuleEntity",
    "add_rule_entities",
]

logger = logging.getLogger(__name__)

_CACHE_KEY = "_ner_sentences"
_ACTOR_LABELS = ("ORG", "PERS")
MIN_ACTOR_CONFIDENCE = 0.4
MIN_PLACE_CONFIDENCE = 0.45
_LEXICON_VIAS = frozenset({"lexicon", "lexicon-weak"})
# A place the gazetteer names by itself was already weighed by the extractor (it drops
# countries read as governments, "السعودية" in "المملكة العربية السعودية"); only places
# the gazetteer does not know, linked through a parent or a known part, are new.
_NEW_PLACE_VIAS = frozenset({"parent", "partial"})


class RuleEntity:
    """An ORG span found by the group-name rule (same fields the linker reads as a CRF entity)."""

    __slots__ = ("fstart", "fend", "label")

    def __init__(self, fstart: int, fend: int, label: str = "ORG") -> None:
        self.fstart = fstart
        self.fend = fend
        self.label = label


@lru_cache(maxsize=1)
def _tagger() -> Any:
    """The shipped CRF tagger, or None (logged once) when its model is missing."""
    try:
        from rasid.ner.crf import Tagger

        return Tagger.default()
    except Exception as e:  # no model file: rule spans only
        logger.warning("NER model unavailable, entity fallback uses group-name rules only: %s", e)
        return None


def tag_sentence(doc: Document, sent: Span, *, tagger: Any = None, linker: Linker | None = None,
                 use_tagger: bool = True) -> list[LinkedEntity]:
    """Tag (CRF + group-name rule) and link the entities of one sentence.

    Args:
        doc: the document.
        sent: a sentence span of ``doc.text``.
        tagger: a :class:`rasid.ner.crf.Tagger`; the shipped one when None.
        linker: a :class:`rasid.ner.link.Linker`; the default when None.
        use_tagger: False to use the group-name rule only.
    """
    from rasid.ner.conll import tag_spans
    from rasid.text.tokenize import tokenize

    lk = linker or Linker.default()
    ents: list[Any] = []
    tg = (tagger or _tagger()) if use_tagger else None
    if tg is not None:
        toks = tokenize(doc.text[sent.start:sent.end])
        tags = tg.tag_tokens([t.text for t in toks])
        for a, b, label in tag_spans(tags):
            ents.append(RuleEntity(sent.start + toks[a].start, sent.start + toks[b - 1].end, label))
    return lk.link(doc, add_rule_entities(doc.text, ents, sent, lk), [sent])


def add_rule_entities(text: str, ents: list[Any], sent: Span, linker: Linker) -> list[Any]:
    """The CRF entities of a sentence plus the group names it missed, sorted.

    A group name (:meth:`rasid.ner.link.Linker.rule_spans`) becomes an ORG
    entity when no entity overlaps it or only entities inside it ("الإسلام"
    of "جيش الإسلام"). A CRF ORG span that runs on past the group
    name into two or more words ("لواء صقور الجبل حسن الحمادي") is split into
    the group (ORG) and the person after it (PERS). So is a CRF PERS span that
    starts inside the group's name and runs past it ("صقور الجبل حسن الحمادي"
    after "لواء"): the person is the words after the group name, or the span's
    last two words when only one word follows it (the group rule takes up to
    three words and may have taken the person's given name).
    """
    out = list(ents)
    for s, e in linker.rule_spans(text, sent.start, sent.end):
        over = [x for x in out if x.fstart < e and s < x.fend]
        if all(s <= x.fstart and x.fend <= e for x in over):
            # none, or parts of the name ("الإسلام" of "جيش الإسلام"): the group is the entity
            for x in over:
                out.remove(x)
            out.append(RuleEntity(s, e, "ORG"))
            continue
        x = over[0]
        if len(over) == 1 and x.label == "ORG" and x.fstart <= s + 1 and x.fend > e:
            tail = [m for m in TOKEN_RE.finditer(text, e, x.fend)]
            if len(tail) >= 2 and all(m.group()[0].isalpha() for m in tail):
                out.remove(x)
                out.extend((RuleEntity(x.fstart, e, "ORG"), RuleEntity(tail[0].start(), x.fend, "PERS")))
        elif len(over) == 1 and x.label == "PERS" and s < x.fstart < e < x.fend:
            # the group rule may have taken the person's first name as the group's last word
            words = list(TOKEN_RE.finditer(text, x.fstart, x.fend))
            tail = [m for m in words if m.start() >= e]
            person = tail if len(tail) >= 2 else words[-2:]
            if len(words) > len(person) and all(m.group()[0].isalpha() for m in person):
                out.remove(x)
                group_end = words[len(words) - len(person) - 1].end()
                out.extend((RuleEntity(s, group_end, "ORG"), RuleEntity(person[0].start(), x.fend, "PERS")))
    out.sort(key=lambda x: x.fstart)
    return out


class SentenceEntities:
    """Linked entities of a document, tagged one sentence at a time on first use.

    >>> doc = Document.from_raw("x", "هاجم لواء صقور الجبل مواقع قوات النظام")  # doctest: +SKIP
    >>> [(e.text, e.code) for e in SentenceEntities(doc).in_span(0, len(doc.text))]  # doctest: +SKIP
    [('لواء صقور الجبل', 'LIWA-SAQUR-JABAL')]

    Args:
        doc: the document; the cache lives in ``doc.user``.
        tagger: CRF tagger (default: the shipped one).
        linker: linker (default: package lexicon and gazetteer).
    """

    def __init__(self, doc: Document, *, tagger: Any = None, linker: Linker | None = None) -> None:
        self.doc = doc
        self.tagger = tagger
        self.linker = linker
        self.sents = doc.sents or split_sentences(doc.text)
        cache = doc.user.get(_CACHE_KEY)
        if cache is None:
            cache = doc.user[_CACHE_KEY] = {}
        self._cache: dict[int, list[LinkedEntity]] = cache

    def sentence(self, sent: Span) -> list[LinkedEntity]:
        """Linked entities of one sentence (tagged on first use)."""
        got = self._cache.get(sent.start)
        if got is None:
            full = self.doc.user.get("entities")
            if full is not None:  # the EntityRecognizer already ran
                got = [e for e in full if sent.start <= e.fstart < sent.end]
            else:
                got = tag_sentence(self.doc, sent, tagger=self.tagger, linker=self.linker)
            self._cache[sent.start] = got
        return got

    def in_span(self, fstart: int, fend: int) -> list[LinkedEntity]:
        """Linked entities inside the folded span ``[fstart, fend)``, tagging the sentences it touches."""
        out: list[LinkedEntity] = []
        for s in self.sents:
            if s.end <= fstart:
                continue
            if s.start >= fend:
                break
            out.extend(e for e in self.sentence(s) if fstart <= e.fstart and e.fend <= fend)
        return out


def fill_event_slots(
    doc: Document,
    trigger: tuple[int, int],
    clause: tuple[int, int],
    sent: tuple[int, int],
    actor1: str | None,
    actor2: str | None,
    location: Location | None,
    *,
    violence: bool = True,
) -> tuple[str | None, str | None, Location | None]:
    """Fill an event's empty actor1, actor2 and location from linked entities.

    :func:`fill_actors` then :func:`fill_location`; filled slots are never
    changed, and nothing here raises.

    Args:
        doc: the document.
        trigger: folded span of the trigger.
        clause: folded span of the event's clause (evidence).
        sent: folded span of its sentence.
        actor1: actor1 so far (None = empty).
        actor2: actor2 so far.
        location: location so far (folded offsets).
        violence: the event is a violent one.

    Returns:
        ``(actor1, actor2, location)``.
    """
    if actor1 is None or actor2 is None:
        actor1, actor2 = fill_actors(doc, trigger, clause, actor1, actor2, violence=violence)
    if location is None:
        location = fill_location(doc, trigger, clause, sent)
    return actor1, actor2, location


def fill_actors(
    doc: Document, trigger: tuple[int, int], clause: tuple[int, int],
    actor1: str | None, actor2: str | None, *, violence: bool = True,
) -> tuple[str | None, str | None]:
    """Fill an event's empty actor1/actor2 with groups and people the actor lexicon cannot name.

    The clause is tagged only when it names a group the lexicon lacks or
    refers to one through a commander (:func:`rasid.ner.link.has_group_cue`):
    every other actor mention the lexicon already showed the extractor. The
    candidates are linked ORG/PERS entities of the clause (confidence ≥ 0.4)
    whose code comes from a title, an apposition, an anaphor or a derived group
    name. actor1 is the nearest one before the trigger, else the first after it;
    actor2 the first after the trigger (and after actor1) with another code. A
    violent event's government actor acts through its forces (``X-GOV`` → ``X-MIL``).

    Returns:
        ``(actor1, actor2)``.
    """
    if actor1 is not None and actor2 is not None:
        return actor1, actor2
    try:
        if not has_group_cue(doc.text, *clause, actors=Linker.default().actors):
            return actor1, actor2
        ts, te = trigger
        cands = [e for e in SentenceEntities(doc).in_span(*clause)
                 if e.label in _ACTOR_LABELS and e.code and e.confidence >= MIN_ACTOR_CONFIDENCE
                 and e.via not in _LEXICON_VIAS and not (e.fstart < te and ts < e.fend)]
        if violence:
            cands = [e for e in cands if e.code != "CIV"]
        used: LinkedEntity | None = None
        if actor1 is None:
            before = [e for e in cands if e.fend <= ts and e.code != actor2]
            after = [e for e in cands if e.fstart >= te and e.code != actor2]
            used = before[-1] if before else after[0] if after else None
            if used is not None:
                actor1 = armed_code(used.code) if violence else used.code
        if actor2 is None:
            for e in cands:
                code = armed_code(e.code) if violence else e.code
                later = used is None or e.fstart > used.fstart
                if e is not used and e.fstart >= te and code != actor1 and later:
                    actor2 = code
                    break
    except Exception as e:  # a fallback must never cost the document its events
        logger.debug("entity actor fallback failed on %s: %s: %s", doc.id, type(e).__name__, e)
    return actor1, actor2


def fill_location(
    doc: Document, trigger: tuple[int, int], clause: tuple[int, int], sent: tuple[int, int],
) -> Location | None:
    """A place for an event without one: a place the gazetteer lacks, linked through a known one.

    Only LOC entities linked through their parent ("X في ريف إدلب") or a known
    part of their name count (``via`` ``parent`` or ``partial``): the places
    the gazetteer names by itself were already weighed by the extractor. The
    clause is searched first, then the sentence; the most confident entity
    nearest the trigger wins. The sentence is tagged only when the gazetteer
    finds something in it.

    Returns:
        The place (folded offsets), or None.
    """
    try:
        if not _has_place(doc, sent):
            return None
        ents = SentenceEntities(doc)
        for span in (clause, sent):
            locs = [e for e in ents.in_span(*span) if e.place is not None
                    and e.via in _NEW_PLACE_VIAS and e.confidence >= MIN_PLACE_CONFIDENCE]
            if locs:
                best = max(locs, key=lambda e: (e.confidence, -abs(e.fstart - trigger[0])))
                return best.place
    except Exception as e:  # a fallback must never cost the document its events
        logger.debug("entity place fallback failed on %s: %s: %s", doc.id, type(e).__name__, e)
    return None


def _has_place(doc: Document, sent: tuple[int, int]) -> bool:
    gaz = Linker.default().gazetteer
    if gaz is None:
        return False
    return bool(gaz.find(doc.text, *sent))
