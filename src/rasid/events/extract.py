"""The event extractor: triggers → typed, argument-filled event records.

For each sentence of a :class:`rasid.doc.Document` the extractor

1. finds trigger candidates with :class:`rasid.events.triggers.TriggerLexicon`;
2. checks each candidate's constraints against the sentence (war context,
   political actors, "سيطر على", a place) and settles its type (قصف near an
   aircraft word is an air strike; an explosion is a suicide bombing when a
   suicide cue is near; a bare killing is a clash only when armed actors are
   involved and no attack type is stated);
3. keeps one record per clause and type (weak triggers such as صاروخ or
   استهدف give way to a specific one in the same clause);
4. fills the arguments: actor roles (:mod:`rasid.events.arguments`),
   location (:mod:`rasid.resolve.places`, else carried from the paragraph),
   casualties (:mod:`rasid.events.fatalities`), source
   (:mod:`rasid.events.sources`, else the paragraph's attribution), time
   expression (:mod:`rasid.resolve.dates`) and modality
   (:mod:`rasid.events.modality`).

Evidence is the clause that holds the trigger (the sentence when the clause is
too short to state the event); ``doc.raw[start:end] == evidence`` always holds.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasid.doc import Document, Span
from rasid.events._dates import find_date_text as _fallback_find_date
from rasid.events.arguments import (
    GOVT_SIDE,
    side_of,
    NON_ACTORS,
    assign_roles,
    civilian_cue,
    default_actor1,
    default_actor2,
)
from rasid.events.cues import cue_alternation, cue_phrases, cue_words
from rasid.events.fatalities import KILL_WORDS, FatalityMention, find_fatalities
from rasid.events.modality import modality
from rasid.events.sources import SourceLexicon, actor_source_code
from rasid.events.triggers import Trigger, TriggerLexicon
from rasid.records import INTERACTION_TYPES, VIOLENCE_TYPES, Event, Fatalities, Location
from rasid.resolve.actors import ActorLexicon, ActorMention, _package_text, armed_code
from rasid.text.normalize import fold
from rasid.text.sentences import split_clauses, split_sentences
from rasid.text.tokenize import TOKEN_RE, bases

__all__ = ["EventExtractor"]

logger = logging.getLogger(__name__)


_AIR = cue_words("air")
_FORCES = cue_words("forces")
_MILWORDS = cue_words("milwords")
_RESULT_VERBS = cue_words("result_verbs")
_LINK_LINE = fold("رابط الخبر")
_TAG_LINE = re.compile(cue_alternation("tag_line"))
"""A web page's tag line ("سمات تركيا داعش سلاح الجو"): keywords, not a report."""
_ATTACK_NOUNS = cue_words("attack_nouns")
_ATTACK_SUBJECTS = cue_words("attack_subjects")
_NAME_PARTICLES = cue_words("name_particles")
_BREACH = cue_words("breach")
_SEAT = cue_words("seat")
_RELATIVE = cue_words("relative")
_ASKED = cue_words("asked")
_DEMAND = cue_words("demand")
_OBLIGATION = cue_words("obligation")
_IT_WHICH = cue_words("it_which")
_ABOUT = cue_words("about")
_LAUNCHED = cue_words("launched")
_IN_PREP = cue_words("in_prep")
_WHO = cue_words("who")
_THE_ATTACK = cue_words("the_attack")
_CLASH_CUES = cue_words("clash_cues")
_HABITUAL = cue_words("habitual")
_SINCE = cue_words("since")
_ONSET = cue_words("onset")
_SINCE_ONSET = cue_words("since_onset")
_GROUND_FIGHT = frozenset({"armed_clash", "shelling", "territory_gain", "territory_gain_govt",
                           "territory_gain_nonstate"})
_SHOOTING = frozenset({"أطلق النار", "فتح النار", "قنص"})
_SPORT = cue_words("sport")
_AIR_FORCES = frozenset({
    "SYR-MIL", "RUS-MIL", "COALITION", "USA-MIL", "TUR-MIL", "FRA-MIL", "GBR-MIL", "JOR-MIL", "ISR-MIL",
    "SAU-MIL", "ARE-MIL", "IRQ-MIL", "CAN-MIL", "AUS-MIL", "UNK-MIL",
})
"""Parties that carry out air strikes: states' air forces, the coalition, unidentified aircraft."""
_AIR_ACTORS = frozenset({
    "COALITION", "USA-MIL", "TUR-MIL", "FRA-MIL", "GBR-MIL", "RUS-MIL", "JOR-MIL", "ISR-MIL",
})
_ANAPHORIC = cue_words("anaphoric")
_SUBJECTED = cue_words("subjected")
_DEMONSTRATIVE = cue_words("demonstrative")
_AFTER_WORDS = cue_words("after_words")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_GROUND_FORCES = cue_words("ground_forces")
"""Parties that fight on the ground: a bare "قصف" they carry out is shelling (groups fly no aircraft)."""
_BARRELS = cue_words("barrels")
_AIR_STRICT = _AIR - _BARRELS  # a barrel of oil is no aircraft
_WEAPON = cue_words("weapon")
_ATTEMPT = cue_words("attempt")
_TRYING = cue_words("trying")
"""Present attempts and failed ability: "ويحاول التنظيم التقدم" tells an aim, not a fight."""
_PURPOSE = cue_words("purpose")
_WITHIN = cue_words("within")
_DURATION = cue_words("duration")
_OPERATIONS = cue_words("operations")
_MIN_W = fold("من")
_ON_W = fold("على")
_FLED = cue_words("fled")
_PREPARE = cue_words("prepare")
_PERMIT = cue_words("permit")
_FRAME = _PERMIT | cue_words("fear")
_USE = cue_words("use")
_STOP = cue_words("halt")
_GROUND = cue_words("ground")
_SUICIDE = cue_words("suicide")
_CONFLICT = cue_words("conflict")
_REMOTE = cue_words("remote")
_ALA = cue_words("ala")
_RESPONSIBILITY = cue_words("responsibility")
_VERB_PREFIX = ("ي", "ت", "ن")
_MAX_EVIDENCE = 250
_BESIDES = cue_words("besides")
_ZERO_CUES = cue_words("zero_cues")
_SOURCE_HINT = re.compile(cue_alternation("source_hint"))
_NO_FAT = frozenset({"deployment", "protest", "weapons_seized", "territory_gain", "territory_gain_govt",
                     "territory_gain_nonstate", "casualty"})


@dataclass(slots=True)
class _Ctx:
    """Per-document state carried from sentence to sentence."""

    para: int = -1
    source: tuple[str, str] | None = None
    sent_source: tuple[str, str] | None = None
    sent_sources: list[tuple[str, str, int]] = field(default_factory=list)
    speakers: dict[str, tuple[str, str]] = field(default_factory=dict)
    location: Location | None = None
    actor1: str | None = None
    blast: str = "remote_explosive"
    blast_seen: bool = False
    air_bias: bool = False
    year: int | None = None
    doc_blast: str | None = None
    doc_actor1: str | None = None
    actor1_count: dict[str, int] = field(default_factory=dict)
    bomber: str | None = None
    doc_location: Location | None = None
    last_event: dict[str, Event] = field(default_factory=dict)
    actor2: str | None = None
    air_actor: str | None = None
    para_air: str | None = None
    towns: list[Location] = field(default_factory=list)
    countries: dict[str, int] | None = None  # the article's places by country, counted when first needed
    count_countries: Any = None  # () -> dict[str, int]
    place_mentions: list[Any] = field(default_factory=list)
    head_location: Location | None = None
    next_sent: Span | None = None
    sent_trigs: list[int] = field(default_factory=list)
    loc_cache: dict[tuple[int, int], Location | None] = field(default_factory=dict)
    resolved: dict[tuple[int, int], Location | None] = field(default_factory=dict)
    date_cache: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)


@dataclass(slots=True)
class _Cand:
    trig: Trigger
    type: str
    clause: Span
    weak: bool


class EventExtractor:
    """Pipeline component: fills ``doc.events`` with :class:`rasid.records.Event` records.

    Args:
        triggers: trigger lexicon.
        actors: actor lexicon.
        gazetteer: place resolver (``rasid.resolve.places.Gazetteer``) or None.
        sources: ``find_sources`` callable (every attribution of a span, in text order) or None.
        dates: ``(find_date_text, resolve_date)`` or None.
        slot_filler: ``fill_event_slots(doc, trigger, clause, sent, actor1, actor2, location, *,
            violence)`` that fills slots the lexicons left empty from linked NER entities, or None.
    """

    name = "events"
    assigns = ("doc.events",)

    def __init__(self, triggers: TriggerLexicon, actors: ActorLexicon, *, gazetteer: Any = None,
                 sources: Any = None, dates: Any = None, slot_filler: Any = None) -> None:
        self.triggers = triggers
        self.actors = actors
        self.gazetteer = gazetteer
        self.find_sources = sources
        self.dates = dates
        self.slot_filler = slot_filler

    @classmethod
    def default(cls) -> EventExtractor:
        """The extractor with the package lexicons and whichever resolvers are installed."""
        gaz = None
        try:
            from rasid.resolve.places import Gazetteer

            gaz = Gazetteer.default()
        except Exception as e:  # gazetteer data not built: run without locations
            logger.warning("no gazetteer, events get no location: %s", e)
        src = None
        try:
            from rasid.events.sources import find_sources

            src = find_sources
        except ImportError:  # pragma: no cover
            logger.warning("rasid.events.sources missing: events get no source")
        dates = None
        try:
            from rasid.resolve.dates import find_date_text, resolve_date

            dates = (find_date_text, resolve_date)
        except ImportError:
            logger.info("rasid.resolve.dates missing: using the built-in time expression finder")
        filler = None
        try:
            from rasid.ner.lazy import fill_event_slots

            filler = fill_event_slots
        except ImportError:
            logger.info("rasid.ner.lazy missing: slots the lexicons leave empty stay empty")
        return cls(TriggerLexicon.default(), ActorLexicon.default(), gazetteer=gaz, sources=src, dates=dates,
                   slot_filler=filler)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Document) -> Document:
        """Extract the events of ``doc`` into ``doc.events``."""
        doc.events = self.extract(doc)
        return doc

    def extract(self, doc: Document) -> list[Event]:
        """Event records of one document (does not modify it)."""
        text = doc.text
        sents = doc.sents or split_sentences(text)
        breaks = [m.start() for m in _NEWLINE.finditer(text)]
        ctx = _Ctx()
        ctx.air_bias, ctx.doc_blast = _doc_priors(text)
        ctx.count_countries = lambda: self._countries(text)  # most articles have no event to place
        # the article's year: its date, else the year after the latest one it names (a report
        # tells today's events by weekday, "أمس"; a clause that names a year, "في صيف 2012",
        # "في مارس 2014", tells background)
        ctx.year = _year(doc.date)
        if ctx.year is None:
            named = max((int(m.group()) for m in _YEAR.finditer(text) if _is_year(text, m.start())),
                        default=None)
            ctx.year = named + 1 if named is not None else None
        events: list[Event] = []
        sents = [part for sent in sents for part in _split_heading(text, sent)]
        for si, sent in enumerate(sents):
            para = bisect.bisect_left(breaks, sent.start)
            if para != ctx.para:
                ctx.para = para
                ctx.location = None
                ctx.actor1 = None
                ctx.actor2 = None
                ctx.para_air = None
                ctx.last_event = {}
            ctx.next_sent = sents[si + 1] if si + 1 < len(sents) else None
            events.extend(self._sentence(doc, sent, si, ctx))
        if ctx.doc_actor1 is not None:
            # a fight with no party named before it (the headline "معارك اللاذقية", told before any
            # actor): the article's main attacker
            main = _local_code(ctx.doc_actor1, None, ctx) \
                if ctx.doc_actor1 in _SYRIAN_GENERIC and _abroad(ctx) else ctx.doc_actor1
            for ev in events:
                if ev.actor1 is None and ev.type in _FIGHTS and ev.actor2 != main:
                    ev.actor1 = main
        return events

    # --------------------------------------------------------------- sentence
    def _sentence(self, doc: Document, sent: Span, si: int, ctx: _Ctx) -> list[Event]:
        text = doc.text
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, sent.start, sent.end)]
        words = [t[2] for t in toks]
        trigs = self.triggers.find_tokens(text, toks)
        srcs = self._source(text, sent, trigs, ctx)
        headline = si == 0 and 0 <= text.find("\n", 0, sent.end + 1) <= sent.end
        # a sentence without its own source relies on the last one named before it; a
        # headline's speaker ("المعارضة السورية: ...") does not carry into the article
        ctx.sent_sources = srcs
        carried = None if headline else ctx.source
        ctx.sent_source = srcs[-1][:2] if srcs else carried
        if srcs and not headline:
            ctx.source = srcs[-1][:2]
        if self.gazetteer is not None and si == 0:
            ctx.head_location = self._location(text, sent.start, sent.end, ctx)
        if not trigs or text.startswith(_LINK_LINE, sent.start) or _TAG_LINE.match(text, sent.start):
            return []
        actors = self.actors.find(text, sent.start, sent.end)
        if self.find_sources is not None:
            self._remember_speakers(actors, ctx)
        armed = [m for m in actors if _is_armed(m.code)]
        places = self._places(text, sent)
        pw = [_plain(w) for w in words]  # cue readings of the words, clitics removed
        tstarts = [t[0] for t in toks]
        kill_present = any(w in KILL_WORDS for w in pw)
        strong_violence = any(t.type in VIOLENCE_TYPES and "weak" not in t.flags and "mil" not in t.flags
                              for t in trigs)
        has_mil = bool(armed or places or kill_present or strong_violence
                       or any(w in _MILWORDS for w in pw)
                       or sent.label == _HEADING and ctx.last_event)  # "قصف مستشفى عائشة" in a war report
        has_pol = any(m.code != "CIV" and not m.weak for m in actors) or any(
            m.code != "CIV" and m.kind in ("person", "title") for m in actors) or any(
            m.weak and m.code.endswith("-GOV") and _capital_as_state(text, m) for m in actors)
        sport = any(w in _SPORT for w in pw)
        clauses = _clauses(text, sent)
        cstarts = [c.start for c in clauses]

        cands: list[_Cand] = []
        means: set[int] = set()  # clauses that tell the means of a fight already named
        year = ctx.year
        for t in trigs:
            f = t.flags
            if t.type == "none":
                continue
            ci = max(0, bisect.bisect_right(cstarts, t.start) - 1)
            clause = clauses[ci]
            if "mil" in f and not has_mil:
                continue
            if "pol" in f and not has_pol:
                continue
            if any(p.start <= t.start and t.end <= p.end for p in places):
                continue  # the word is part of a place name ("قرية الزيارة")
            if t.token > 0 and words[t.token - 1] in _NAME_PARTICLES:
                continue  # part of a name: "صاروخ أبو طالب", "أبو حرب"
            if t.type == "agree" and t.token > 0 and words[t.token - 1] in _BREACH:
                continue  # "خرقت الهدنة": a violation, not an agreement
            if "armed" in f and not armed:
                continue
            if "force" in f and not armed and not any(
                    _is_military(w) for i, w in enumerate(pw) if not t.token <= i < t.token + t.ntok):
                continue  # a party or weapon besides the trigger itself ("تحطم طائرة" alone: an accident)
            if sport and ("mil" in f or "weak" in f):
                continue  # "هجوم", "مواجهات" in a match report
            if "needair" in f and not ctx.air_bias and ctx.air_actor is None and not (
                    any(w in _AIR_STRICT for i, w in enumerate(pw) if not t.token <= i < t.token + t.ntok)
                                       or any(m.code in _AIR_ACTORS for m in armed)):
                # (an article that has told an air force's raids: "الضربات" are those raids)
                continue
            if "arms" in f and not any(
                    w in _AIR_STRICT or w in _WEAPON or w in _ATTACK_NOUNS
                    for w in pw[max(0, t.token - 3):t.token] + pw[t.token + t.ntok:t.token + t.ntok + 1]):
                continue  # "أصابت الطائرات", "القذيفة أصابت": the weapon that hit is its subject
            if "fire" in f and not any(w in _FIRE for w in pw[t.token + t.ntok:min(
                    t.token + t.ntok + 4, bisect.bisect_left(tstarts, clause.end))]):
                continue  # "فتحوا الخميس النار على مركز حدودي": the fire opened is named after the verb
            if "armour" in f and (not any(w in _ARMOUR for w in pw[t.token + t.ntok:min(
                    t.token + t.ntok + 6, bisect.bisect_left(tstarts, clause.end))]) or any(
                    w in _AIR_STRICT for w in pw[bisect.bisect_left(tstarts, clause.start):
                                                 bisect.bisect_left(tstarts, clause.end)])):
                # "دمر مقاتلو المعارضة أربع دبابات": armour destroyed in a fight, not a building, and
                # not by the aircraft named in the clause ("تدمير عربة … استهدفتها طائرات التحالف")
                continue
            reach = 12 if _verb_like(t.text) else 6  # "سيطرت فصائل المعارضة المنضوية في ...، أمس، على"
            if "crowd" in f and not any(w in _CROWD or w[:1] == "و" and w[1:] in _CROWD for w in pw):
                continue  # "قطعوا الطريق", "تجمعات": a protest only where protesters are named
            after5 = pw[t.token + t.ntok:t.token + t.ntok + 5]
            if "resp" in f and not any(w in _RESPONSIBILITY for w in after5):
                continue  # "حمّل النظام المسؤولية": the blame must be named
            if "ala" in f and not any(w in _ALA for w in words[t.token + t.ntok:t.token + t.ntok + reach]):
                continue
            if "place" in f and self.gazetteer is not None and not any(
                    clause.start <= p.start < clause.end for p in places) and not (
                    t.type == "territory_gain"
                    and any(w in _ATTEMPT for w in pw[max(t.token - 8, 0):t.token])) and not (
                    t.type == "territory_gain"
                    and any(w in _POSTS for w in pw[t.token + t.ntok:t.token + t.ntok + 4])):
                # (an attempted advance is fighting wherever it went: "حاولت التقدم نحو قرى";
                # posts taken need no known place: "تحرير عدد من الحواجز")
                continue
            typ = t.type
            also: str | None = None
            named_blast = False
            lo, hi = max(0, t.token - 4), min(len(words), t.token + t.ntok + 4)
            win = pw[lo:hi]
            if typ in INTERACTION_TYPES:
                prev2w = pw[max(0, t.token - 2):t.token]
                if any(w in _OBLIGATION for w in prev2w):
                    typ = "request"  # "يجب إدانة الإرهاب": a call to act
                elif typ == "threaten" and prev2w and prev2w[-1] in _IT_WHICH:
                    continue  # "مما يهدد بالدخول في دوامة": a risk, not a threat by an actor
                first = words[t.token]
                if typ == "consult" and first[:2] == "لل":
                    continue  # "جاهز للتفاوض", "تحضيرا للتفاوض": an aim
                if typ in ("accuse", "threaten") and prev2w and prev2w[-1] in _DEMONSTRATIVE:
                    continue  # "نفت هذه الاتهامات": the accusation told before
                if typ == "consult" and first.startswith(("ال", "وال")) and prev2w and prev2w[-1] in _ABOUT:
                    continue  # "خلال اللقاء", "فحوى المفاوضات": the meeting already told
            if typ == "deployment" and t.token > 0 and _bare_group(words[t.token - 1]) \
                    and words[t.token][:1] in _VERB_PREFIX:
                continue  # "وفصائل تقاتل إلى جانبه": a noun described, not a movement reported
            if typ == "deployment" and t.token > 0 and (
                    pw[t.token - 1] in _RELATIVE
                    or any(w in _ASKED for w in pw[max(0, t.token - 3):t.token])
                    or any(w in _MUST for w in pw[max(0, bisect.bisect_left(tstarts, clause.start),
                                                      t.token - 8):t.token])):
                # "الحواجز التي تتمركز فيها قوات", "طلبت سحب مقاتليها", "سيكون مضطرا إلى سحب قواته",
                # "لا بد من … نشر قوات": not a movement reported
                continue
            if typ in VIOLENCE_TYPES or typ in ("casualty", "territory_gain"):
                prev1 = pw[t.token - 1] if t.token > 0 else ""
                if prev1 in _STOP and typ == "territory_gain":
                    typ = "armed_clash"  # "إيقاف تقدم قوات النظام": fighting that stopped an advance
                elif prev1 in _STOP:
                    continue  # "وقف القصف": a demand, not an attack
                prev2 = pw[t.token - 2] if t.token > 1 else ""
                if prev2 in _STOP and prev1 in _OPERATIONS:
                    continue  # "بوقف عمليات القصف": a demand, not an attack
                if prev1 in _WITHIN and typ == "armed_clash":
                    continue  # "ضمن معركة عاصفة الجنوب": the campaign an action belongs to
                if prev1 == _MIN_W and (prev2 in _FLED or prev2 in _DURATION):
                    # "فروا من القصف": why people left; "على مدى 130 يوما من المعارك": a summary
                    continue
                if "weak" in f and any(w in _USE for w in pw[max(0, t.token - 8,
                                                                  bisect.bisect_left(tstarts, clause.start)):t.token]) \
                        and _ON_W not in pw[t.token:bisect.bisect_left(tstarts, clause.end)]:
                    continue  # "ويستخدم كذلك المدفعية": the arms a party uses, no attack told
                if t.family == "دمر دبابة" and any(w in _RESULT_VERBS for w in pw[max(0, t.token - 3):t.token]):
                    continue  # "الضربات تسببت في تدمير آلية": what an attack told destroyed
                if prev1 in _EFFORT:
                    continue  # "جهود التصدي للتنظيم", "خطط الهجوم": an effort or plan, not an act
                if _time_anchor(pw, t.token):
                    continue  # "بعد ساعتين من إعلان بدء المعركة", "الساعات التي تبعت إطلاق المعركة"
                if prev1 in _SINCE or (prev1 in _ONSET and prev2 in _SINCE_ONSET):
                    continue  # "منذ هجوم سوروتش", "منذ بدء المعركة": a time reference, not a report
                if prev1 in _ANAPHORIC and (typ == "armed_clash" or prev1 not in _DEMONSTRATIVE):
                    continue  # "هذه الاشتباكات", "مناطق الاشتباك": a mention of a fight told before
                first = words[t.token]
                c0 = max(0, t.token - 18)  # "تعرضت بعد منتصف الليل مناطق في مدينة داريا، لقصف"
                if typ != "casualty" and first[:1] == "ل" and not first.startswith("ال") \
                        and not first.startswith("لقي") and not _consequence(first, t.start, clause) \
                        and first not in ("لقوا",) and not any(w in _SUBJECTED for w in pw[c0:t.token]) \
                        and not any(w in _PREPARE for w in pw[max(0, t.token - 14):t.token]):
                    # "لاقتحام", "للتقدم": an aim; "تعرضت لهجوم" is kept, and so is an attack being
                    # prepared ("ويستعد المقاتلون لاقتحام المدينة", "تحضيرات لفتح معركة"): planned
                    continue
                c_first = bisect.bisect_left(tstarts, clause.start)
                if any(w in _DEMAND for w in pw[max(t.token - 6, c_first, 0):t.token]):
                    continue  # "ودعا المعتصمون إلى إعدام", "طالبوا بإعدام": a demand, not an act
                if any(w in _HABITUAL for w in pw[bisect.bisect_left(tstarts, clause.start):
                                                  bisect.bisect_left(tstarts, clause.end)]):
                    continue  # "ويقصف النظام بانتظام": a habit, not a report
                if t.token > 2 and pw[t.token - 1] in _IN_PREP and any(
                        w in _WHO for w in pw[max(0, t.token - 4):t.token - 2]) \
                        and typ in ("armed_clash", "casualty"):
                    # "المدينة التي دمرت في معارك", "الذي قتل في معارك": a relative clause's background
                    continue
                if any(w in _FRAME for w in pw[max(t.token - 12, 0):t.token]) \
                        or any(w in _PERMIT for w in pw[max(t.token - 20, 0):t.token]):
                    # "سمحت للولايات المتحدة باستخدام قواعدها في شن غارات", "يتخوف الأهالي من تقدم
                    # التنظيم": an attack permitted or feared, not one reported
                    continue
                if typ in _ASSESSED and _assessment(words, t, bisect.bisect_left(tstarts, clause.end)):
                    continue  # "إن الضربات لا تقطع الطريق", "سيكون لهذه الضربات أثر": an assessment
                if year and _past_year(text, clause.start, clause.end, year):
                    continue  # background: "الذي قتل في مارس 2014 في المعارك"
            if "air" in f and typ == "shelling":
                # cues of the trigger's own clause: "…البراميل المتفجرة، فضلا عن القصف المدفعي"
                ca = bisect.bisect_left(tstarts, clause.start)
                cb = bisect.bisect_left(tstarts, clause.end)
                if _coordinated(words[t.token], t.token, ca):
                    ca = t.token  # "قصف جوي على منطقة الاشتباكات وقصف لقوات النظام": its own cues
                lo, hi = max(lo, ca), min(hi, cb)
                win = pw[lo:hi]
                air = any(w in _AIR for w in win)
                cwords = pw[bisect.bisect_left(tstarts, clause.start):bisect.bisect_left(tstarts, clause.end)]
                ground = any(w in _GROUND for w in win) or (not air and any(w in _GROUND for w in cwords))
                weapon = any(w in _WEAPON for w in win) or (not air and any(w in _WEAPON for w in cwords))
                if not air and t.family != "استهدف" and any(w in _GROUND_FORCES for w in win):
                    ground = True  # "قصفت قوات النظام", "قصف من قبل المعارضة"
                if air and (not ground or _first_cue(win, _AIR, _GROUND)):
                    typ = "air_strike"  # "قصفا عنيفا من الطيران والمدفعية": aircraft named first
                elif t.family == "استهدف" and not ground and (
                        not weapon or any(w in _FORCES for w in _object(pw, tstarts, t, actors))):
                    # "استهدفوا قوات النظام (بالصواريخ والأسلحة الخفيفة)" is an attack on forces;
                    # "استهداف مناطق/قرية" a bombardment; artillery or mortars make it shelling
                    obj = _object(pw, tstarts, t, actors)
                    if any(w in _FORCES for w in obj):
                        typ = "armed_clash"
                    elif any(w in _AIR for w in cwords):
                        typ = "air_strike"
                elif not ground and not weapon and (any(w in _AIR for w in cwords) or ctx.air_bias):
                    typ = "air_strike"  # bare "قصف" in a clause or an article about air raids
            if t.family == "فتح النار" and any(w in _AIR_STRICT for w in pw[t.token:t.token + t.ntok + 3]):
                typ = "air_strike"  # "فتح الطيران الحربي نيران رشاشاته على": aircraft strafing
            if typ in ("air_strike", "shelling") and _conjoined(words, pw, max(lo, t.token),
                                                               min(len(words), t.token + t.ntok + 4)):
                also = "shelling" if typ == "air_strike" else "air_strike"  # "القصف الجوي والمدفعي"
            if typ == "territory_gain":
                prev = pw[max(0, t.token - 3):t.token]
                first = words[t.token]
                lam = prev[-1:] and words[t.token - 1][:1] == "ل" and not words[t.token - 1].startswith("ال")
                aim = first[:1] == "ل" and not first.startswith("ال") \
                    and not _consequence(first, t.start, clause)
                if any(w in _PURPOSE for w in prev) or lam or aim:
                    continue  # "لانتزاع السيطرة", "تهدف إلى السيطرة", "يتخوف من تقدم": an aim or a fear
                if prev[-1:] and prev[-1] in _WHO:
                    continue  # "الأراضي التي انتزعها المقاتلون": the gain describes a place, told before
                if any(w in _SINCE_WORD for w in pw[bisect.bisect_left(tstarts, clause.start):t.token]):
                    continue  # "تمكن مقاتلو الفصائل منذ نهاية تموز من التقدم": a summary of gains
                ci0 = max(t.token - 8, 0)
                if any(w in _TRYING for w in pw[ci0:t.token]):
                    continue  # "ويحاول التنظيم التقدم", "لم تتمكن من التقدم": an ongoing aim, no fight told
                if any(w in _ATTEMPT for w in pw[ci0:t.token]):
                    typ = "armed_clash"  # "محاولة قوات النظام التقدم": fighting, no gain
                elif t.family == "تقدم" and any(w in _TOWARD for w in pw[t.token + t.ntok:t.token + t.ntok + 4]):
                    typ = "armed_clash"  # "تقدمت القوات باتجاه المباني": an advance toward, nothing taken
            if "anaphor" in f and (ctx.blast_seen or ctx.doc_blast) \
                    and not (t.token > 0 and pw[t.token - 1] in _ONSET) and (
                    len({side_of(m.code) for m in armed}) < 2
                    or words[t.token] in _THE_ATTACK
                    and not any(w in _CLASH_CUES for w in pw[max(0, t.token - 10):t.token + 10])
                    and not (t.token + 2 < len(pw) and pw[t.token + 1] in _RELATIVE
                             and pw[t.token + 2] in _LAUNCHED)):
                # "الهجوم" in an article about a bombing (the definite noun: the bombing told; not an
                # offensive launched, "ببدء الهجوم على البلدتين")
                typ = ctx.blast if ctx.blast_seen else ctx.doc_blast  # "الهجوم" in an article about a bombing
                named_blast = True
            if typ in ("remote_explosive", "suicide_bomb"):
                if t.token > 0 and pw[t.token - 1] in _DEMONSTRATIVE:
                    continue  # "هذا التفجير": the bombing already told
                if t.token > 0 and words[t.token][:1] == "و" \
                        and (pw[t.token - 1] in _AIR or pw[t.token - 1] in _WEAPON):
                    continue  # "بالصواريخ والبراميل المتفجرة والألغام البحرية": weapons a raid dropped
            if "blast" in f or typ == "remote_explosive":
                lo, hi = max(0, t.token - 6), min(len(words), t.token + t.ntok + 6)
                win = pw[lo:hi]
                if "blast" not in f and not any(w in _SUICIDE for w in win):
                    pass  # "سيارة مفخخة" stays a remote explosive unless a suicide cue is near
                elif any(w in _SUICIDE for w in win):
                    typ = "suicide_bomb"
                elif any(w in _REMOTE for w in win) or any(
                        w in _DEPOT for w in pw[t.token + t.ntok:t.token + t.ntok + 3]):
                    typ = "remote_explosive"  # "تفجير مستودع للذخيرة": no bomber carried it
                else:
                    typ = ctx.blast
            if t.family == "انغماسي" and t.token > 0 and pw[t.token - 1] in _ENTRY:
                typ = "armed_clash"  # "دخول انغماسيين من جيش الفتح إلى عمق مناطق النظام": storm troops
            if typ in ("suicide_bomb", "remote_explosive"):
                ctx.blast = typ
                ctx.blast_seen = True
            clause_first = t.token == bisect.bisect_left(tstarts, clause.start)
            coord_noun = words[t.token][:1] == "و" and fold("استهداف") in words[t.token]
            if t.family == "استهدف" and (
                    any(k.trig.start < t.start and k.type in VIOLENCE_TYPES and k.trig.family != "انفجار"
                        and (k.clause.start == clause.start or clause_first and not coord_noun)
                        for k in cands)
                    or any(w in _ATTACK_NOUNS for w in pw[max(0, t.token - 3):t.token])
                    or t.token + t.ntok < len(pw) and pw[t.token + t.ntok] in _ATTACK_SUBJECTS):
                # "واستهدف الهجوم السيطرة على …", "واستهدفت العملية عناصر": what the attack aimed at
                continue  # "ضربة جوية ... استهدفت مناطق": the target of an attack already named
            if "weak" in f and typ in VIOLENCE_TYPES and (clause.start in means or t.token > 0 and (
                    pw[t.token - 1] in _MEANS or t.token > 1 and pw[t.token - 2] == _MIN_W
                    and pw[t.token - 1] == fold("خلال")) and any(
                    k.type in _GROUND_FIGHT and k.type != typ for k in cands)):
                # "تمكنت الفصائل من تدمير دبابة، عبر استهدافها بصاروخ تاو", "وكبدناهم خسائر جراء
                # استهدافهم بالصواريخ": the means of the fight just told (with the weapon after it)
                means.add(clause.start)
                continue
            cands.append(_Cand(t, typ, clause, "weak" in f and not named_blast))
            if also is not None and also != typ:
                cands.append(_Cand(t, also, clause, "weak" in f))

        # "انفجارات هزت ... جراء استهداف الطائرات": the blasts are the strike's effect
        if any(c.type in ("air_strike", "shelling") for c in cands):
            cands = [c for c in cands if not (c.trig.family == "انفجار" and c.type == "remote_explosive"
                                              and not any(w in _REMOTE for w in pw))]
        # a clause with a specific violence trigger drops weak violence triggers of other types
        specific = {(c.clause.start, c.type) for c in cands
                    if not c.weak and c.type in VIOLENCE_TYPES}
        spec_clauses = {k[0] for k in specific}
        kept: list[_Cand] = []
        seen: set[tuple[int, str]] = set()
        for c in cands:
            if c.weak and c.type in VIOLENCE_TYPES and c.type != "deployment" \
                    and c.clause.start in spec_clauses \
                    and (c.clause.start, c.type) not in specific:
                continue
            if c.weak and c.type in VIOLENCE_TYPES and words[c.trig.token][:1] == "ب" and any(
                    k is not c and k.clause.start == c.clause.start and k.type in VIOLENCE_TYPES
                    and k.trig.start < c.trig.start for k in cands):
                continue  # "استهدفوا قوات النظام بالصواريخ": the weapon of the attack just named
            if c.weak and c.type in VIOLENCE_TYPES and words[c.trig.token][:1] == "ب" and kept \
                    and kept[-1].type == c.type and not kept[-1].weak \
                    and not any(k.clause.start == c.clause.start and k is not c and not k.weak for k in cands) \
                    and sum(1 for cl in clauses if kept[-1].clause.end <= cl.start < c.clause.start) <= 1:
                # "أمطرت فصائل معارضة، بينها جبهة النصرة، أربع بلدات … بالقذائف": the weapon of the
                # attack told in the clauses before (its object after an aside)
                kept[-1].clause = Span(kept[-1].clause.start, c.clause.end, kept[-1].clause.label)
                seen.add((c.clause.start, c.type))
                continue
            if c.type in VIOLENCE_TYPES and _resumptive(c.trig.text) and any(k.type == c.type for k in kept):
                continue  # "وقصفها": the same attack on the place just named
            key = (c.clause.start, c.type)
            if key in seen:
                continue
            prev = next((k for k in reversed(kept) if k.type == c.type), None)
            if prev is not None and c.type in VIOLENCE_TYPES and _adjacent(clauses, prev.clause, c.clause) \
                    and len(_WORDS.findall(text, prev.clause.start, prev.clause.end)) <= _SHORT_CLAUSE:
                # "أمطرت الفصائل المقاتلة، بلدتي الفوعة وكفريا بالقذائف": one attack told across a comma
                prev.clause = Span(prev.clause.start, c.clause.end, prev.clause.label)
                seen.add(key)
                continue
            seen.add(key)
            kept.append(c)
        violent = [c for c in kept if c.type in VIOLENCE_TYPES]
        zero = any(w in _ZERO_CUES for w in words)
        fat = find_fatalities(text, sent.start, sent.end) if (kill_present or zero) else None
        cfat: dict[int, FatalityMention] = {}
        if fat is not None:
            for cl in clauses:
                a, b = bisect.bisect_left(tstarts, cl.start), bisect.bisect_left(tstarts, cl.end)
                if not any(w in KILL_WORDS or w in _ZERO_CUES for w in pw[a:b]):
                    continue
                f1 = find_fatalities(text, cl.start, cl.end)
                ci = clauses.index(cl)
                if ci >= 2 and clauses[ci - 2].start not in cfat \
                        and _first_word(words, tstarts, clauses[ci - 1].start) in _AMONG:
                    # "ولقي ثمانية مدنيين، بينهم ستة أطفال، مصرعهم في قصف": the count sits before
                    # the breakdown told aside, the killing after it
                    wide = find_fatalities(text, clauses[ci - 2].start, cl.end)
                    if wide is not None and wide.total is not None:
                        f1 = wide
                if f1 is not None:
                    cfat[cl.start] = f1
        # a killing with no attack type: a clash when armed men fought, else casualty info
        final: list[_Cand] = []
        for c in kept:
            if c.type == "casualty" and not violent and any(
                    w in _AIR_STRICT for w in pw[max(0, c.trig.token - 3):c.trig.token + 4]):
                c.type = "air_strike"  # "طائرات التحالف قتلت 3042 من التنظيم": aircraft killed them
            if c.type == "casualty" and violent:
                attack = next((k for k in reversed(violent) if k.trig.start < c.trig.start), None)
                f1 = cfat.get(c.clause.start)
                if attack is not None and attack.type not in _NO_FAT and f1 is not None \
                        and f1.total is not None and c.clause.start != attack.clause.start \
                        and (_first_word(words, tstarts, c.clause.start)[:1] == "و"
                             or _first_word(words, tstarts, c.clause.start) in _BESIDES) \
                        and any(k < c.clause.start and k != attack.clause.start for k in cfat) \
                        and any(c.clause.start <= p.start < c.clause.end for p in places):
                    # "شن الطيران غارات على قرى …، مخلفا ثلاثة شهداء بقرية الموزرة، وخمسة شهداء
                    # بقرية أرنبة": a toll told place by place, one strike on each place
                    c.type = attack.type
                    final.append(c)
                continue
            if c.type == "casualty":
                a, b = bisect.bisect_left(tstarts, c.clause.start), bisect.bisect_left(tstarts, c.clause.end)
                if any(w in _CONFLICT for w in pw[a:b]):
                    continue  # "نزاع دام تسبب بمقتل أكثر من 240 ألف شخص": the war's toll, no event
                counted = fat is not None and (fat.total is not None or fat.combatants is not None)
                if fat is not None and fat.civilians and not fat.combatants and armed:
                    c.type = "attack_on_civilians"
                elif (armed and counted) or (fat is not None and fat.combatants):
                    c.type = "armed_clash"
                else:
                    continue
                if any(k.type == c.type for k in final):
                    continue
            elif c.type == "armed_clash" and c.trig.token > 0 and pw[c.trig.token - 1] in _AFTER_WORDS \
                    and any(k.type == "territory_gain" and k.clause.start == c.clause.start for k in kept):
                # "سيطرت على البلدة بعد معارك عنيفة": the fighting is part of the gain; in a clause of
                # its own ("…، بعد معارك عنيفة خاضها مقاتلو الجيش") it is reported as an event too
                continue
            final.append(c)

        out: list[Event] = []
        used: set[int] = set()
        final.sort(key=lambda c: c.trig.start)
        fat_types = [c for c in final if c.type in VIOLENCE_TYPES and c.type not in _NO_FAT]
        own = {c.clause.start for c in fat_types}
        # events whose own clause gives no count may take a casualty clause of the sentence
        needy = [c for c in fat_types
                 if cfat.get(c.clause.start) is None or cfat[c.clause.start].total is None]
        owner = {k: _owner(needy, v.start) for k, v in cfat.items() if k not in own and needy}
        ctx.sent_trigs = [k.trig.start for k in final]
        for c in final:
            prev_ev = ctx.last_event.get(c.type) or ctx.last_event.get("violence")
            if prev_ev is not None and prev_ev.start >= doc.raw_span(sent.start, sent.end)[0] \
                    and _resultative(pw, c.trig):
                # "وأسفر القصف عن مقتل تسعة": the attack just reported, told again for its toll
                f1 = cfat.get(c.clause.start) or fat
                if f1 is not None and prev_ev.fatalities is None and (f1.total is not None or f1.civilians):
                    prev_ev.fatalities = self._fatalities(doc, f1)
                continue
            ev = self._event(doc, c, sent, actors, places, ctx,
                             alone=sum(1 for k in final if k.type == c.type) == 1)
            if ev is None:
                continue
            ctx.last_event[c.type] = ev
            if c.type in VIOLENCE_TYPES:
                ctx.last_event["violence"] = ev
            if fat is not None and c in fat_types:
                f1 = cfat.get(c.clause.start)
                key = c.clause.start
                if f1 is not None and f1.total is None and key not in used and any(
                        k not in own and k not in used and v.total is not None for k, v in cfat.items()):
                    f1 = None  # "مصرعهم في قصف" after "ولقي ثمانية مدنيين،": the count is in the other clause
                if f1 is None or key in used:
                    # casualties told in a clause with no event of their own
                    # each such clause belongs to the event nearest it ("..., ما أدى لمقتل 3")
                    free = [(k, v) for k, v in cfat.items() if k not in own and k not in used
                            and owner.get(k) is c]
                    counted = [kv for kv in free if kv[1].total is not None]
                    free = counted or free
                    if free:
                        key, f1 = min(free, key=lambda kv: abs(kv[1].start - c.trig.start))
                    else:
                        f1 = None
                if f1 is not None and key not in used:
                    used.add(key)
                    if c.type == "armed_clash" and f1.total is not None:
                        # "أسفرت عن سقوط 20 قتيلا في صفوف القوات، في حين سقط ثمانية قتلى من المعارضة":
                        # the other side's dead, told in a contrasting clause, died in the same fight
                        for k2, v2 in cfat.items():
                            if k2 > key and k2 not in own and k2 not in used and v2.total is not None \
                                    and _WHILE_RE.match(text, k2):
                                used.add(k2)
                                f1 = FatalityMention(f1.start, max(f1.end, v2.end), f1.total + v2.total,
                                                     _add(f1.civilians, v2.civilians),
                                                     _add(f1.children, v2.children),
                                                     _add(f1.combatants, v2.combatants))
                                break
                    ev.fatalities = self._fatalities(doc, f1)
                    if ev.actor2 is None and f1.civilians and not f1.combatants:
                        ev.actor2 = "CIV"
            out.append(ev)
        return out

    # ------------------------------------------------------------------ event
    def _event(self, doc: Document, c: _Cand, sent: Span, actors: list[ActorMention],
               places: list[Any], ctx: _Ctx, *, alone: bool = False) -> Event | None:
        text = doc.text
        t = c.trig
        clause = c.clause
        es, ee = clause.start, clause.end
        if len(text[es:ee].split()) < 4 or (alone and sent.end - sent.start <= _MAX_EVIDENCE):
            # the only event of its sentence: the sentence states it (with its actors and place)
            es, ee = sent.start, sent.end
        violence = c.type in VIOLENCE_TYPES or c.type.startswith("territory")
        verb_like = _verb_like(t.text)
        cand_actors = actors
        if violence:
            # a place read as its government ("في سوريا", "دمشق") is not a party to a fight,
            # and a government that announces a bombing did not set it off
            cand_actors = [m for m in actors if not (m.weak and any(p.start <= m.start and m.end <= p.end
                                                                    for p in places))]
            if c.type in ("suicide_bomb", "remote_explosive"):
                cand_actors = [m for m in cand_actors if not m.code.endswith("-GOV")]
        roles = assign_roles(text, t.start, t.end, (clause.start, clause.end), (sent.start, sent.end),
                             cand_actors, violence=violence, verb_like=verb_like)
        a1, a2 = roles.actor1, roles.actor2
        typ = c.type
        if typ == "armed_clash":
            swapped = _repelled(text, t, clause, cand_actors)
            if swapped is not None:
                a1, a2 = swapped  # "تصدت الفصائل لمحاولة قوات النظام التقدم": the army attacked
            elif roles.m2 is not None and roles.actor2 is not None and _DIED_TRYING.search(
                    text, max(clause.start, t.start - 25), t.start + 1) and any(
                    w in KILL_WORDS or w[1:] in KILL_WORDS
                    for w in _W.findall(text, max(clause.start, roles.m2.start - 40), roles.m2.start)[-4:]):
                # "قتل 25 مقاتلا من المعارضة خلال محاولة هجوم فاشلة": the dead were the attackers
                a1, a2 = roles.actor2, (a1 if a1 != roles.actor2 else None)
            else:
                trier = _attempter(text, (clause.start, clause.end), cand_actors)
                if trier is not None and side_of(trier) != side_of(a1):
                    # "اشتباكات ... حاول خلالها مقاتلون من فصائل إسلامية دخول البلدتين"
                    a1, a2 = trier, (a1 if a1 is not None and side_of(a1) != side_of(trier) else a2)
        if typ == "territory_gain" and not verb_like:
            owner = _dative_owner(text, t, cand_actors)
            if owner is not None and owner != a1:
                # "وسيطرة شبه كاملة للقوات الكردية على الحسكة": control belongs to the dative party
                a1, a2 = owner, (a1 if a1 is not None and side_of(a1) != side_of(owner) else a2)
        if typ in INTERACTION_TYPES and _crowd_agent(text, t):
            # "دعا المعتصمون إلى ...", "الأهالي يطالبون": people speak; the party named is addressed
            if a1 not in (None, "CIV") and a2 is None:
                a2 = a1
            a1 = "CIV"
        if typ == "suicide_bomb" and a1 not in _BOMBERS:
            # suicide attackers come from armed groups: not a state's forces, not the Kurds attacked
            a1 = _bomber(cand_actors, ctx, near=t.start) or "UNK-MIL"
        elif typ == "remote_explosive" and a1 in (None, "UNK-MIL"):
            a1 = _bomber(cand_actors, ctx, near=t.start) or a1  # the group the article holds responsible
        if typ == "shelling" and (a1 is None or a1 == "UNK-MIL" or side_of(a1) == "govt") and (
                _REBEL_ARMS.search(text, clause.start, clause.end)
                or (roles.m1 is None and _REBEL_ARMS.search(text, sent.start, sent.end))):
            a1 = "SYR-REB"  # "مدفع جهنم", "قذائف محلية الصنع": only the armed opposition fires them
        elif typ == "shelling" and roles.m1 is None and _LOYAL_TARGET.search(text, clause.start, clause.end):
            a1 = "SYR-REB"  # "تساقط مئات القذائف على بلدات علوية", "قصف أربع بلدات شيعية"
        if violence and roles.m1 is not None and any(
                text[roles.m1.end:m.start].strip() in _OR and armed_code(m.code) != a1
                for m in cand_actors if roles.m1.end <= m.start <= roles.m1.end + 6):
            # "لم يعرف ما إذا كان الهجوم الجوي نفذه الجيش السوري أو التحالف": the attacker is unknown
            a1 = "UNK-MIL"
        if a1 is None and violence:
            a1 = default_actor1(typ, t.family, text, (sent.start, sent.end))
        if (a1 is None or (a1 == "UNK-MIL" and typ not in ("air_strike",))) and typ in _GROUND_FIGHT \
                and a2 is not None and roles.m2 is not None:
            # "مواقع للجيش" → rebels fired; "تمركزات للمعارضة" → the army
            a1 = {"govt": "SYR-REB", "rebel": "SYR-MIL"}.get(side_of(a2) or "") or a1
        if a1 is None and violence:
            if typ not in ("protest", "riot"):
                # the actor of the paragraph's previous violent event, else the article's
                a1 = ctx.actor1 or ctx.doc_actor1
                if a1 == a2:
                    a1 = None
        if typ == "air_strike" and a1 not in _AIR_FORCES:
            # only states fly: an armed group named near a raid is its target or a bystander
            flying = [m.code for m in cand_actors if armed_code(m.code) in _AIR_FORCES
                      and armed_code(m.code) != "UNK-MIL"]
            dflt = default_actor1(typ, t.family, text, (sent.start, sent.end))
            if "COALITION" in flying:
                a1 = "COALITION"
            elif dflt == "SYR-MIL":
                a1 = dflt  # helicopters, barrel bombs
            elif flying:
                a1 = armed_code(flying[0])
            else:
                a1 = ctx.air_actor or dflt
        if typ == "air_strike" and a1 == "UNK-MIL" and roles.m1 is None:
            gov = _governing(ctx, t.start)
            claim = armed_code(gov[0]) if gov else None
            if claim in _AIR_FORCES and claim != "UNK-MIL":
                a1 = claim  # the air force's own statement: "قالت القيادة المشتركة ... إن 17 ضربة نفذت"
            elif (ctx.para_air or ctx.air_actor) is not None:
                a1 = ctx.para_air or ctx.air_actor  # the air force the paragraph named
        mod = modality(text, t.start, t.end, clause.start, clause.end, event_type=typ)
        if typ in ("remote_explosive", "suicide_bomb") and _TUNNEL.match(text, t.end):
            return None  # "تفجير نفق": a tunnel demolition, not a bombing (not annotated)
        if mod == "hypothetical" and typ == "deployment":
            return None  # "في حال أرادوا الانسحاب": a condition, not a movement
        if mod in ("negated", "hypothetical") and c.weak and typ in VIOLENCE_TYPES:
            return None  # "لن يكون بمقدوره استخدام الصواريخ": no event
        if typ == "territory_gain" and mod == "negated":
            typ, mod = "armed_clash", "asserted"  # "لم تتمكن من التقدم": fighting without a gain
        if typ == "territory_gain":
            typ = "territory_gain_govt" if a1 in GOVT_SIDE else "territory_gain_nonstate"
        if violence and a2 is not None and a2 != "CIV" and not _is_armed(a2):
            a2 = None  # "قال دي ميستورا إن الجيش ألقى براميل": the speaker is no target
        if a2 is None and violence:
            a2 = default_actor2(typ, a1, actors, civilians=civilian_cue(text, sent.start, sent.end))
            if a2 is None and ctx.actor2 is not None and ctx.actor2 != a1:
                a2 = ctx.actor2
        if typ == "armed_clash" and "CIV" in (a1, a2) and t.family == "اشتبك":
            typ = "riot"  # clashes between protesters and police
        if typ == "armed_clash" and a2 == "CIV" and t.family in _SHOOTING and roles.m2 is not None:
            typ = "attack_on_civilians"  # "أطلقت الشرطة النار على ثلاثة مدنيين"
        elif typ == "armed_clash" and t.family in _SHOOTING and (roles.m2 is None or a2 == "CIV") \
                and _civilian_shooting(text, t.end, clause.end, (sent.start, sent.end)):
            # "تعرضوا لإطلاق نار من الشرطة", "أطلق النار عليه": shots at people, not a fight
            typ, a2 = "attack_on_civilians", (a2 if a2 == "CIV" or roles.m2 is not None else None)
        elif typ == "armed_clash" and t.family in _SHOOTING and t.text[:1] == "ب" and (
                roles.m2 is None or a2 == "CIV") and civilian_cue(text, clause.start, t.start):
            typ, a2 = "attack_on_civilians", "CIV"  # "قتل مدني برصاص قناص", "أصيب مدنيان بأعيرة نارية"
        if violence and a2 is not None and a2 != "CIV":
            ctx.actor2 = a2
        if typ in ("protest", "riot") and a1 is not None and a1.endswith(("-GOV", "-MIL")):
            a2, a1 = a2 or a1, "CIV"  # a protest against the government, by people
        if typ in ("protest", "riot") and a1 is None:
            a1 = "CIV"
        if typ in ("suicide_bomb", "remote_explosive") and a1 in _BOMBERS:
            ctx.bomber = a1
        if typ == "air_strike" and a1 in _AIR_FORCES and a1 != "UNK-MIL":
            ctx.air_actor = a1
            if roles.m1 is not None:
                ctx.para_air = a1
        if violence and a1 is not None and a1 not in ("UNK-MIL", "CIV"):
            ctx.actor1 = a1
            ctx.actor1_count[a1] = ctx.actor1_count.get(a1, 0) + 1
            # the article's main attacker: the one most often named so far
            ctx.doc_actor1 = max(ctx.actor1_count, key=ctx.actor1_count.__getitem__)
        loc = self._nearest_place(text, t, clause, places, actors, ctx)
        if loc is None:
            loc = self._nearest_place(text, t, sent, places, actors, ctx)
        if loc is None and sent.label == _HEADING and ctx.next_sent is not None:
            # a run-in sub-heading ("قصف مستشفى عائشة") titles the report after it ("وفي مدينة منبج …")
            nxt = ctx.next_sent
            loc = self._nearest_place(text, t, nxt, self._places(text, nxt),
                                      self.actors.find(text, nxt.start, nxt.end), ctx)
        if loc is None:
            loc = self._location(text, clause.start, clause.end, ctx)  # "قرية X" with X unknown
            if loc is not None and loc.country == "SY" and loc.precision == 1 and _abroad(ctx):
                loc = None  # a Syrian reading of a name in a report from another country
            if loc is not None and loc.start is not None and (
                    _after_seat(text, loc.start) or _BASE_RE.search(text, t.end, loc.start)):
                loc = None  # "وأضاف المرصد ومقره بريطانيا": where the reporter sits (or the jets' base)
        carried = ctx.location or ctx.doc_location or ctx.head_location
        if loc is None or loc.precision >= 4:
            # a country says little: the paragraph's place, else the article's, else the headline's
            if carried is not None and (loc is None or carried.country == loc.country):
                loc = carried
        elif loc.precision in (2, 3) and (loc.precision == 3 or _anaphoric_place(text, clause)) and any(
                r.admin1 == loc.admin1 for r in ctx.towns):
            # "في ريف حماة" after "قرية X في ريف حماة", "البلدتين الواقعتين في محافظة حلب":
            # the town already named
            loc = next(r for r in reversed(ctx.towns) if r.admin1 == loc.admin1)
        elif loc.precision <= 3:
            ctx.location = ctx.doc_location = loc
        if loc is not None and loc.precision == 1 and loc.country in (None, "SY"):
            ctx.towns.append(loc)
        if self.slot_filler is not None and (a1 is None or a2 is None or loc is None):
            # names in no lexicon: linked NER entities (rasid.ner.lazy.fill_event_slots)
            try:
                filled = self.slot_filler(doc, (t.start, t.end), (es, ee), (sent.start, sent.end),
                                          a1, a2, loc, violence=violence)
            except Exception as ex:  # another module's bug must not kill extraction
                logger.debug("slot filler failed on %s: %s", doc.id, ex)
                filled = None
            if isinstance(filled, tuple) and len(filled) == 3:
                a1, a2, loc = filled
                if violence and a2 is not None and a2 != "CIV" and not _is_armed(a2):
                    a2 = None  # a speaker or an international body is no target of violence
        if (a1 in _SYRIAN_GENERIC or a2 in _SYRIAN_GENERIC) and _abroad(ctx):
            # "الثوار" or "الجيش" in a report from Yemen are Yemen's, not Syria's
            a1, a2 = _local_code(a1, roles.m1, ctx), _local_code(a2, roles.m2, ctx)
        rs, re_ = doc.raw_span(es, ee)
        ts, te = doc.raw_span(t.start, t.end)
        src = _governing(ctx, t.start)
        date_text = self._date(doc, clause, sent, ctx)
        ev = Event(
            doc=doc.id, type=typ, evidence=doc.raw[rs:re_], start=rs, end=re_,
            trigger=doc.raw[ts:te], trigger_start=ts, trigger_end=te, modality=mod,  # type: ignore[arg-type]
            actor1=a1, actor2=a2, location=_raw_location(doc, loc) if loc else None,
            source=src[0] if src else None,
            source_text=src[1] if src else None,
            date_text=date_text[0] if date_text else None,
            actor1_text=doc.raw_text(roles.m1.start, roles.m1.end) if roles.m1 else None,
            actor2_text=doc.raw_text(roles.m2.start, roles.m2.end) if roles.m2 else None,
        )
        if date_text and self.dates is not None:
            try:
                iso, prec = self.dates[1](date_text[1], doc.date, modality=mod)
                ev.event_date, ev.time_precision = iso, prec
            except Exception as e:  # resolver is another module: never fail the document on it
                logger.debug("date resolution failed on %s: %s", doc.id, e)
        if ev.event_date is None and doc.date and mod == "asserted":
            # no time expression: the report's date, known to within about a week (ACLED precision 2)
            ev.event_date, ev.time_precision = doc.date[:10], 2
        return ev

    # -------------------------------------------------------------- arguments
    def _source(self, text: str, sent: Span, trigs: list[Trigger], ctx: _Ctx) -> list[tuple[str, str, int]]:
        """The sentence's attributions as (code, folded text, position), in text order."""
        if self.find_sources is None:
            return []
        colon = text.find(":", sent.start, min(sent.end, sent.start + 40))
        if colon > sent.start:
            # a headline's speaker: "المعارضة السورية: النظام استهدف بلدتين", "المرصد: ..."
            for mm in self.actors.find(text, sent.start, colon):
                if mm.weak and mm.kind == "actor":
                    continue  # "سوريا: قتلى بالزبداني": a country before the colon names the topic
                if mm.code not in NON_ACTORS and mm.code != "CIV" and not text[mm.end:colon].strip(" »\"'"):
                    code = actor_source_code(mm.code, mm.alias)
                    return [(code, mm.text, sent.start)]
        if not _SOURCE_HINT.search(text, sent.start, sent.end):
            return []
        self._remember_speakers(self.actors.find(text, sent.start, sent.end), ctx)
        found = self.find_sources(text, sent.start, sent.end, actors=self.actors)
        if not found:
            claim = self._claimant(text, sent) or _known_speaker(text, sent, ctx)
            return [(claim[0], claim[1], sent.start)] if claim else []
        return [(m.code, m.text, m.cue_start if m.cue_start is not None else m.start) for m in found]

    def _countries(self, text: str) -> dict[str, int]:
        """Countries of the article's unambiguous places (countries, capitals, cities and
        governorates; not hamlets, whose names collide across countries), with their counts."""
        if self.gazetteer is None or not _MAYBE_ABROAD.search(text):
            return {}
        out: dict[str, int] = {}
        try:
            mentions = self.gazetteer.find(text, 0, len(text))
        except Exception as ex:  # another module's bug must not kill extraction
            logger.debug("place finding failed: %s", ex)
            return {}
        for m in mentions:
            top = m.places[0] if m.places else None
            if top is not None and top.country and (top.kind in ("country", "capital", "admin1") or top.population):
                out[top.country] = out.get(top.country, 0) + 1
        return out

    def _remember_speakers(self, mentions: list[ActorMention], ctx: _Ctx) -> None:
        """Remember the family names of the people the sentence names with their affiliation
        ("مدير المرصد رامي عبد الرحمن", "وزير الدفاع سليم إدريس"), so that a later "وقال عبد
        الرحمن" or "وأوضح إدريس" is attributed to the same body."""
        for mm in mentions:
            if mm.code in ("CIV", "UNK-MIL"):
                continue
            if mm.kind == "actor" and not mm.weak:
                # "حركة أحرار الشام ... وأعلنت الحركة في بيان": a group is named again by its head noun
                head = next((b for b in bases(mm.text.split()[0], suffixes=False) if b in _GROUP_HEADS), None)
                if head is not None:
                    code = actor_source_code(mm.code, mm.alias)
                    ctx.speakers["ال" + head] = (code, mm.text)
                continue
            if mm.kind not in ("person", "title"):
                continue
            words = mm.text.split()
            if mm.kind == "title":
                words = words[len(mm.alias.split()):]  # the name after the title, if any
            if not words:
                continue
            key = " ".join(words[-2:]) if len(words) >= 2 and words[-2] in _SURNAME_PARTICLES else words[-1]
            if len(key) >= 3:
                code = actor_source_code(mm.code, mm.alias)
                ctx.speakers[key] = (code, mm.text)

    def _claimant(self, text: str, sent: Span) -> tuple[str, str] | None:
        """A party announcing its own action ("أصدرت غرفة عمليات حلب بيانا أعلنت فيه",
        "أعلن جيش الفتح في بيان"): the armed opposition's statements are ``opposition``,
        a state's or another group's its own code."""
        cue = _CLAIM_RE.search(text, sent.start, sent.end)
        if cue is None:
            return None
        for mm in self.actors.find(text, sent.start, sent.end):
            if mm.start > cue.start() + 40 or mm.weak or mm.code in NON_ACTORS or mm.code == "CIV":
                continue
            if cue.start() - mm.end > 160:
                continue
            prev = text[max(sent.start, mm.start - 12):mm.start].split()
            if prev and prev[-1].strip("«»\"'(") in _OBLIQUE:
                continue  # "ضربة جوية ضد تنظيم داعش": the target, not the claimant
            code = actor_source_code(mm.code, mm.alias)
            return code, mm.text
        return None

    def _places(self, text: str, sent: Span) -> list[Any]:
        if self.gazetteer is None:
            return []
        try:
            return list(self.gazetteer.find(text, sent.start, sent.end))
        except Exception as ex:  # another module's bug must not kill extraction
            logger.debug("place finding failed: %s", ex)
            return []

    def _nearest_place(self, text: str, t: Trigger, span: Span, places: list[Any],
                       actors: list[ActorMention], ctx: _Ctx) -> Location | None:
        """The resolved place of ``span`` nearest the trigger, ignoring names inside actor names.

        Places after the trigger win ties ("قصفت الطائرات بلدة X"); a country is
        taken only when the span names nothing more precise.
        """
        if self.gazetteer is None:
            return None
        cands = [m for m in places if span.start <= m.start and m.end <= span.end
                 and not any(a.start < m.end and m.start < a.end for a in actors)
                 and not _after_seat(text, m.start)]
        origin = _ORIGIN_RE.search(text, span.start, span.end)
        if origin is not None and any(m.start < origin.start() for m in cands):
            # "قذائف على حي باب توما، مصدرها مواقع الفصائل في حي جوبر": where the fire came from
            cands = [m for m in cands if m.start < origin.start()]
        base = _BASE_RE.search(text, max(span.start, t.end), span.end)
        if base is not None:
            cands = [m for m in cands if m.start < base.start()]  # the airbase the jets flew from
        support = _SUPPORT_RE.search(text, span.start, span.end)
        if support is not None and t.end <= support.start() and any(m.start < support.start() for m in cands):
            # "بدء معارك بريف اللاذقية نصرة لمدينة الزبداني": the town the fight is for
            cands = [m for m in cands if m.start < support.start()]
        best: tuple[tuple[int, int, int, int], Location] | None = None
        for m in cands:
            if all(p.country == "SY" and p.kind in ("village", "neighbourhood") and not p.population
                   for p in m.places) and _abroad(ctx):
                continue  # "منطقة البريقة" in a report from Yemen is not a Syrian hamlet
            key = (m.start, m.end)
            if key in ctx.resolved:
                loc = ctx.resolved[key]
            else:
                try:
                    loc = self.gazetteer.resolve(m, places)
                except Exception as ex:  # another module's bug must not kill extraction
                    logger.debug("place resolution failed: %s", ex)
                    loc = None
                ctx.resolved[key] = loc
            if loc is None:
                continue
            dist = m.start - t.end if m.start >= t.end else (t.start - m.end) + 1
            if any(min(t.end, m.start) < k < max(t.start, m.end) for k in ctx.sent_trigs) or (
                    m.end <= t.start and any(k < m.start for k in ctx.sent_trigs)):
                # "معارك في داريا واعتصام في اللاذقية": a place told after another event's trigger
                # (or across one) is that event's
                dist += 1000
            key = (1 if loc.precision >= 4 else 0, 0 if loc.country in (None, "SY") else 1,
                   loc.precision, dist)
            if best is None or key < best[0]:
                best = (key, loc)
        return best[1] if best else None

    def _location(self, text: str, s: int, e: int, ctx: _Ctx) -> Location | None:
        if self.gazetteer is None:
            return None
        key = (s, e)
        if key in ctx.loc_cache:
            return ctx.loc_cache[key]
        try:
            loc = self.gazetteer.best_location(text, s, e)
            ctx.loc_cache[key] = loc
            return loc  # type: ignore[no-any-return]
        except Exception as ex:  # another module's bug must not kill extraction
            logger.debug("location failed: %s", ex)
            return None

    def _fatalities(self, doc: Document, fat: FatalityMention) -> Fatalities:
        return Fatalities(total=fat.total, civilians=fat.civilians, children=fat.children,
                          combatants=fat.combatants, text=doc.raw_text(fat.start, fat.end))

    def _date(self, doc: Document, clause: Span, sent: Span, ctx: _Ctx) -> tuple[str, str] | None:
        """Raw and folded time expression of the clause, else of the sentence (cached per span)."""
        text = doc.text
        finder = self.dates[0] if self.dates is not None else _fallback_find_date
        for s, e in ((clause.start, clause.end), (sent.start, sent.end)):
            key = (s, e)
            if key not in ctx.date_cache:
                try:
                    ctx.date_cache[key] = finder(text, s, e)
                except Exception as ex:  # another module's bug must not kill extraction
                    logger.debug("time expression finder failed on %s: %s", doc.id, ex)
                    ctx.date_cache[key] = None
            span = ctx.date_cache[key]
            if span:
                return doc.raw_text(span[0], span[1]), text[span[0]:span[1]]
        return None


_KNOWN = (_ATTACK_SUBJECTS | _RESPONSIBILITY | _IN_PREP | _WHO | _LAUNCHED | _CLASH_CUES | _DEMAND |
          _ABOUT | _RELATIVE | _ASKED | _OBLIGATION | _IT_WHICH | _HABITUAL | _ATTACK_NOUNS | _SINCE |
          _ONSET | _SINCE_ONSET | _RESULT_VERBS | _AIR | _GROUND | _SUICIDE | _REMOTE | KILL_WORDS |
          _FORCES | _MILWORDS | _WEAPON | _ATTEMPT | _PURPOSE | _STOP | _ZERO_CUES | _GROUND_FORCES |
          _ANAPHORIC | _SUBJECTED | _AFTER_WORDS | _SPORT | _CONFLICT | _USE | _FRAME | _PREPARE)


_NEWLINE = re.compile("\n")
_RUN_IN_HEADING = re.compile(r"([^\s،,.:؛«»\"]+(?:\s+[^\s،,.:؛«»\"]+){0,3}?)\s+"
                             r"(?=(?:" + cue_alternation("run_in_heading") + r")[\s،,])")
"""A sub-heading run into its paragraph when the page lost its line break ("معارك اللاذقية وفي ريف
اللاذقية تواصلت الاشتباكات"): two to four words, then a phrase that opens a report."""
_HEADING = "run-in heading"
_HEADING_NOT = cue_words("heading_not")
_INNER_END = re.compile(r"[.!?؟؛]+\s|,\s")
_CONJ_CLAUSE = re.compile(r"\s(?=(?:" + cue_alternation("conj_clause") + r")\s)")
"""A conjunction that opens a new clause inside a comma-less sentence (and a relative clause that
tells a second attack: "نصرة لمدينة الزبداني التي تتعرض لهجوم واسع")."""
_MIN_CONJ_WORDS = 3


def _split_heading(text: str, sent: Span) -> list[Span]:
    """The sentence, or a run-in sub-heading and the report after it."""
    m = _RUN_IN_HEADING.match(text, sent.start, sent.end)
    if m is None:
        return [sent]
    head = m.group(1).split()
    if head[0][:1] in ("و", "ف") or any(w in _HEADING_NOT for w in head):
        return [sent]  # "وقال المرصد من جهته": a sentence, not a heading
    return [Span(sent.start, m.end(1), _HEADING), Span(m.end(), sent.end, sent.label)]


def _clauses(text: str, sent: Span) -> list[Span]:
    """Clauses of a sentence: comma-separated parts, also cut at full stops inside quotations
    and before a conjunction that opens a new clause ("وأن مقاتلي المعارضة ردوا", "فيما",
    "بينما", "في حين")."""
    out: list[Span] = []
    for c in split_clauses(text, sent):
        s = c.start
        for m in _INNER_END.finditer(text, c.start, c.end):
            if m.start() > s:
                out.append(Span(s, m.start() + 1, c.label))
            s = m.end()
        if c.end > s:
            out.append(Span(s, c.end, c.label))
    split: list[Span] = []
    for c in out:
        s = c.start
        for m in _CONJ_CLAUSE.finditer(text, c.start, c.end):
            if len(_WORDS.findall(text, s, m.start())) >= _MIN_CONJ_WORDS:
                split.append(Span(s, m.start(), c.label))
                s = m.start() + 1
        split.append(Span(s, c.end, c.label))
    return split


_AIR_RE = re.compile(cue_alternation("air_re"))
_GROUND_RE = re.compile(cue_alternation("ground_re"))
_SUICIDE_RE = re.compile(cue_alternation("suicide_re"))
_REMOTE_RE = re.compile(cue_alternation("remote_re"))


def _doc_priors(text: str) -> tuple[bool, str | None]:
    """Whether the article is mostly about air raids, and which bombing type it reports."""
    air = len(_AIR_RE.findall(text))
    ground = len(_GROUND_RE.findall(text))
    sui = len(_SUICIDE_RE.findall(text))
    rem = len(_REMOTE_RE.findall(text))
    blast = None
    if sui + rem >= 3:  # an article about a bombing, not one passing mention
        blast = "suicide_bomb" if sui >= rem else "remote_explosive"
    return air >= 3 and air > ground, blast


_BOMBERS = frozenset({"ISIS", "NUSRA", "PKK", "AHRAR-SHAM", "JAYSH-ISLAM", "SYR-REB", "YDG-H", "TAK"})


def _bomber(mentions: list[ActorMention], ctx: _Ctx, near: int) -> str | None:
    """A group that sets off bombs named in the sentence (the one nearest ``near``), else the
    article's last bomber."""
    groups = [m for m in mentions if m.code in _BOMBERS and m.code != "SYR-REB"]
    if groups:
        return min(groups, key=lambda m: abs(m.start - near)).code
    return ctx.bomber




_WORDS = re.compile(r"\S+")
_SHORT_CLAUSE = 6


def _adjacent(clauses: list[Span], a: Span, b: Span) -> bool:
    """Whether clause ``b`` directly follows clause (or merged clauses) ``a``."""
    nxt = [c for c in clauses if c.start >= a.end]
    return bool(nxt) and nxt[0].start == b.start


_PLACE_ANAPHORS = re.compile(r"(?:^|\s)[وبل]?(?:" + cue_alternation("place_anaphors")
                             + r")(?=[\s،,.»\"]|$)")


def _anaphoric_place(text: str, span: Span) -> bool:
    """Whether the span points back to a place already named ("على البلدتين"، "في المدينة")."""
    return _PLACE_ANAPHORS.search(text, span.start, span.end) is not None


_ORIGIN_RE = re.compile(r"(?:^|\s)و?(?:مصدرها|مصدره|مصدر)(?=\s)")
_BASE_RE = re.compile(r"(?:^|\s)(?:" + cue_alternation("base_re") + r")(?=\s)")
"""Where aircraft flew from or back to ("قبل أن تعود إلى قاعدة ديار بكر"): not the place hit."""
_SUPPORT_RE = re.compile(r"(?:^|\s)(?:" + cue_alternation("support_re") + r")(?=\s)")
"""The town a battle is fought for ("معارك بريف اللاذقية نصرة لمدينة الزبداني"), not where it is."""


def _conjoined(words: list[str], pw: list[str], lo: int, hi: int) -> bool:
    """Whether an aircraft cue and a ground weapon cue are joined by و in ``words[lo:hi]``
    ("من الطيران والمدفعية", "القصف الجوي والمدفعي"); ``pw`` are their cue readings."""
    for i in range(max(lo, 1), hi):
        if words[i][:1] != "و":
            continue
        w, prev = pw[i], pw[i - 1]
        if w in _GROUND and prev in _AIR_STRICT or w in _AIR_STRICT and prev in _GROUND:
            return True
    return False


_PLACE_PREP = cue_words("place_prep")


def _capital_as_state(text: str, m: ActorMention) -> bool:
    """A state named by its capital or name acting ("نفت أنقرة"): not after a place preposition."""
    if m.text[:1] in "بل":
        return False  # "بدمشق", "لسوريا"
    prev = _W.findall(text, max(0, m.start - 14), m.start)[-1:]
    return not prev or prev[0] not in _PLACE_PREP


_CROWD = cue_words("crowd")


def _crowd_agent(text: str, t: Trigger) -> bool:
    """Whether people (protesters, residents) are the subject right after or before the verb."""
    after = _W.findall(text, t.end, min(len(text), t.end + 20))[:1]
    before = _W.findall(text, max(0, t.start - 20), t.start)[-1:]
    return any(w in _CROWD or (w[:1] == "و" and w[1:] in _CROWD) for w in after + before)


_GROUPS = cue_words("groups")


def _bare_group(word: str) -> bool:
    """An indefinite group noun ("وفصائل"، "قوات"): a verb after it describes it."""
    w = word[1:] if word[:1] == "و" and len(word) > 4 else word
    return w in _GROUPS


# whole words, a conjunction or preposition allowed in front ("وبيانون" is a village, not بيان)
_CLAIM_RE = re.compile(r"(?<!\w)[وفب]?(?:ال)?(?:" + cue_alternation("claim_re") + r")(?!\w)")


_GROUP_HEADS = cue_words("group_heads")
# words that start a compound family name: "عبد الرحمن", "أبو محمد"
_SURNAME_PARTICLES = cue_words("surname_particles")
def _known_speaker(text: str, sent: Span, ctx: _Ctx) -> tuple[str, str] | None:
    """A reporting verb followed by the family name of a person named earlier in the article."""
    if not ctx.speakers:
        return None
    words = [m.group() for m in TOKEN_RE.finditer(text, sent.start, sent.end)]
    cues = SourceLexicon.default()
    for i, w in enumerate(words[:-1]):
        if cues.is_cue(w):
            for key in (" ".join(words[i + 1:i + 3]), words[i + 1]):
                if key in ctx.speakers:
                    return ctx.speakers[key]
    return None


def _abroad(ctx: _Ctx) -> bool:
    """Whether the article reports from another country: three or more of its unambiguous places
    there and at most one in Syria, or two there and none in Syria (Syria's hamlets then stop
    matching foreign names, and generic actor words get that country's codes)."""
    if ctx.countries is None:
        ctx.countries = ctx.count_countries() if ctx.count_countries is not None else {}
    if not ctx.countries:
        return False
    top = max(ctx.countries, key=ctx.countries.__getitem__)
    n, sy = ctx.countries[top], ctx.countries.get("SY", 0)
    return top != "SY" and (n >= 3 and sy <= 1 or n >= 2 and sy == 0)


# a report from another country names it: a cheap test before looking places up in the whole text
_MAYBE_ABROAD = re.compile(cue_alternation("maybe_abroad"))
_SYRIAN_GENERIC = {"SYR-MIL": "-MIL", "SYR-GOV": "-GOV", "SYR-REB": "-REB", "SYR-OPP": "-OPP"}
_SYRIAN_MARK = re.compile(cue_alternation("syrian_mark"))


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    """ISO alpha-2 → alpha-3 (``data/lexicons/countries.tsv``)."""
    out: dict[str, str] = {}
    for line in _package_text("countries.tsv").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#"):
            out[cols[0].strip()] = cols[1].strip()
    return out


def _local_code(code: str | None, mention: ActorMention | None, ctx: _Ctx) -> str | None:
    """A generic Syrian code (army, rebels) in a report from another country: that country's."""
    if code not in _SYRIAN_GENERIC or not ctx.countries or (
            mention is not None and _SYRIAN_MARK.search(mention.text)):
        return code
    top = max(ctx.countries, key=ctx.countries.__getitem__)
    iso3 = _iso3().get(top)
    return iso3 + _SYRIAN_GENERIC[code] if iso3 else code


def _governing(ctx: _Ctx, pos: int) -> tuple[str, str] | None:
    """The attribution an event at ``pos`` rests on: the sentence's last one before it
    ("وقال المرصد إن ..."), else its first after it ("..., وفق ناشطين"), else the one carried
    from earlier sentences."""
    srcs = ctx.sent_sources
    if not srcs:
        return ctx.sent_source
    before = [x for x in srcs if x[2] <= pos]
    return (before[-1] if before else srcs[0])[:2]


# prepositions before a target or a companion, never before the party making a statement
_OBLIQUE = cue_words("oblique")

_WHILE_RE = re.compile(cue_alternation("while_re"))


def _add(a: int | None, b: int | None) -> int | None:
    """Sum of two optional counts (None when both are unknown)."""
    return None if a is None and b is None else (a or 0) + (b or 0)


def _dative_owner(text: str, t: Trigger, mentions: list[ActorMention]) -> str | None:
    """The armed party in the dative (لـ) within three words after a territory noun."""
    for m in mentions:
        if m.start < t.end or m.start - t.end > 30:
            continue
        if m.text[:1] == "ل" and not m.text.startswith("لا") and len(_W.findall(text, t.end, m.start)) <= 2:
            return armed_code(m.code)
    return None


def _owner(cands: list[_Cand], pos: int) -> _Cand:
    """The event a casualty clause at ``pos`` reports on: the nearest one told before it
    ("قصفت الطائرات قرية X، مما أدى إلى مقتل شخصين"; the first of its clause), else the next one
    ("قتل 13 شخصا، ... في مجزرة نفذتها الطائرات")."""
    before = [c for c in cands if c.trig.start < pos]
    if before:
        last = max(c.clause.start for c in before)
        return min((c for c in before if c.clause.start == last), key=lambda c: c.trig.start)
    return min(cands, key=lambda c: c.trig.start - pos)


def _resultative(pw: list[str], t: Trigger) -> bool:
    """A definite attack noun that is the subject of "أسفر/أدى/تسبب" ("وأسفر القصف عن ...")."""
    w = t.text.split(" ", 1)[0]
    if not (w.startswith("ال") or w.startswith("وال")):
        return False
    before = pw[t.token - 1] if t.token > 0 else ""
    after = pw[t.token + t.ntok] if t.token + t.ntok < len(pw) else ""
    return before in _RESULT_VERBS or after in _RESULT_VERBS


def _after_seat(text: str, pos: int) -> bool:
    """Whether a place follows "ومقره" (where a reporter is based, not where the event was)."""
    prev = _W.findall(text, max(0, pos - 12), pos)[-1:]
    return bool(prev) and prev[0] in _SEAT


def _is_armed(code: str) -> bool:
    """A party that can fight: forces, armed groups, the Syrian regime; not states' civil
    governments ("السعودية" in an economy story), international bodies, civilians or reporters."""
    if code in NON_ACTORS or code == "CIV" or code.startswith("IGO-"):
        return False
    return not code.endswith("-GOV") or code == "SYR-GOV"


def _is_military(w: str) -> bool:
    return w in _MILWORDS or w in _WEAPON or w in _AIR


def _first_cue(words: list[str], first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether a word of ``first`` comes before any word of ``second``."""
    for w in words:
        if w in first:
            return True
        if w in second:
            return False
    return False


_VERB_FORM = re.compile(cue_alternation("verb_form"))


_FIGHTS = frozenset({"armed_clash", "shelling", "territory_gain_govt", "territory_gain_nonstate"})
_ASSESSED = frozenset({"air_strike", "shelling", "armed_clash"})
_FUTURE = re.compile(r"^[وف]?س[يتن]\w{2,}$")
_NOT_FUTURE = tuple(fold(w) for w in cue_phrases("not_future"))
_NEG_PRESENT = cue_words("neg_present")
_WILL_BE = cue_words("will_be")


_FIRE = cue_words("fire")
_TOWARD = cue_words("toward")
_MEANS = cue_words("means")
_ARMOUR = cue_words("armour")
_EFFORT = cue_words("effort")
_FOLLOWED = cue_words("followed")
_ANNOUNCE = cue_words("announce")
_SPELL = _DURATION | cue_words("short_spans")


def _time_anchor(pw: list[str], tok: int) -> bool:
    """A battle's start used to date something else: "بعد ساعتين من (إعلان) بدء المعركة",
    "خلال الساعات التي تبعت إطلاق المعركة"."""
    i = tok - 1
    if i >= 0 and pw[i] in _ANNOUNCE:
        i -= 1
    if i < 0:
        return False
    return pw[i] in _FOLLOWED or pw[i] == _MIN_W and i > 0 and pw[i - 1] in _SPELL


def _assessment(words: list[str], t: Trigger, clause_end: int) -> bool:
    """A definite attack noun that is the subject of a prediction or a negated present
    ("الغارات في شرق سوريا ستحد من حرية حركة التنظيم", "إن الضربات لا تقطع الطريق") or the
    topic of "سيكون لهذه الضربات": an assessment of attacks told, not a report."""
    first = words[t.token]
    if not (first.startswith(("ال", "وال", "لل")) or t.token > 0 and words[t.token - 1] in _DEMONSTRATIVE):
        return False
    if any(w in _WILL_BE for w in words[max(0, t.token - 3):t.token]):
        return True
    after = words[t.token + t.ntok:min(clause_end, t.token + t.ntok + 5)]
    for i, w in enumerate(after):
        if _FUTURE.match(w) and not w.lstrip("وف").startswith(_NOT_FUTURE):
            return True
        if w in _NEG_PRESENT and i + 1 < len(after) and after[i + 1][:1] in _VERB_PREFIX \
                and after[i + 1][1:4] != fold("زال"):  # "لا تزال محتدمة": still going on
            return True
    return False


def _object(pw: list[str], tstarts: list[int], t: Trigger, actors: list[ActorMention]) -> list[str]:
    """The first two words of a verb trigger's object, after its subject when one follows it
    ("استهدفت فصائل من المعارضة مواقع تابعة للقوات": مواقع تابعة)."""
    i = t.token + t.ntok
    w = t.text.split(" ", 1)[0]
    # not the verbal noun (استهداف) or participle (مستهدفا), nor a verb carrying its plural subject
    # ("أنهم استهدفوا قوات النظام")
    verb = _VERB_FORM.search(w) is None and not w.endswith("وا")
    if verb and i < len(tstarts) and not (t.token > 0 and pw[t.token - 1] in _WHO):
        # (after التي / الذي the verb's subject is the noun before it: "العمليات التي تستهدف قوات النظام")
        subj = next((m for m in actors if tstarts[i] <= m.start <= tstarts[i] + 1), None)
        if subj is not None:
            while i < len(tstarts) and tstarts[i] < subj.end:
                i += 1
            if i < len(pw) and pw[i] == _MIN_W:  # "فصائل من المعارضة"
                i += 1
                while i < len(tstarts) and any(m.start <= tstarts[i] < m.end for m in actors):
                    i += 1
    return pw[i:i + 2]


def _coordinated(word: str, tok: int, clause_tok: int) -> bool:
    """A trigger joined by و to what precedes it in its clause ("... وقصف لقوات النظام"):
    a second attack, whose type cues are its own (not a definite noun in a list of arms:
    "بالطيران والصواريخ")."""
    return tok > clause_tok and word[:1] == "و" and len(word) > 3 and not word.startswith("وال")


def _resumptive(word: str) -> bool:
    """A verb or verbal noun with an object pronoun that points back ("وقصفها", "واستهدافهم")."""
    w = word.split(" ", 1)[0]
    return w[:1] in ("و", "ف") and w.endswith(("ها", "هم", "هما"))


def _year(date: str | None) -> int | None:
    """The year of an ISO date, or None."""
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _past_year(text: str, s: int, e: int, year: int) -> bool:
    """Whether the span names an earlier year ("في صيف 2012") or "العام الماضي"."""
    for m in _YEAR.finditer(text, s, e):
        if int(m.group()) < year and _is_year(text, m.start()):
            return True
    return _LAST_YEAR in text[s:e]


def _is_year(text: str, pos: int) -> bool:
    """Whether the number at ``pos`` is a year: after a month, "عام", "منذ", "في" ... ("2000 برميل" is not)."""
    before = _W.findall(text, max(0, pos - 25), pos)[-1:]
    return bool(before) and (before[0] in _YEAR_CUES or before[0][:1] in "وب" and before[0][1:] in _YEAR_CUES)


_LAST_YEAR = fold("العام الماضي")
_W = re.compile(r"[^\W\d_]+", re.UNICODE)
_LOYAL_TARGET = re.compile(cue_alternation("loyal_target"))
"""Pro-government places shelled with no shooter named: the armed opposition fired."""
_REBEL_ARMS = re.compile(cue_alternation("rebel_arms"))
"""Home-made artillery: in Syria's war only the armed opposition fires it (the army has factory guns)."""
_AT = cue_words("at")
_OR = cue_words("or")
_DIED_TRYING = re.compile("(?:" + cue_alternation("died_trying") + r")\s+"
                          + fold("محاولة") + r"\s+(?:\S+\s+)?\S*$")
"""Fighters killed "خلال محاولة هجوم" (the trigger's first letter ends the window) were attacking."""
_ENTRY = cue_words("entry")
_DEPOT = cue_words("depot")
_MUST = _ASKED | _OBLIGATION | cue_words("compelled")
_SINCE_WORD = cue_words("since_word")
_POSTS = cue_words("posts")
_TUNNEL = re.compile(r"\s+(?:\w+\s+)?(?:ال)?(?:نفق|انفاق)(?!\w)")
_TRIED = cue_words("tried")
_REPEL = cue_words("repel")
_AMONG = cue_words("among")
_AT_ONE = cue_words("at_one")


def _military_word(w: str) -> bool:
    """Whether a word, bare or with و ب ل and ال, names forces or their posts ("المواقع", "بالحاجز")."""
    for form in (w, w[1:] if w[:1] in "وبل" else w):
        if form in _FORCES or form in _MILWORDS:
            return True
        if form.startswith("ال") and (form[2:] in _FORCES or form[2:] in _MILWORDS):
            return True
        if form.startswith("لل") and (form[2:] in _FORCES or form[2:] in _MILWORDS):
            return True
    return False


def _civilian_shooting(text: str, trig_end: int, clause_end: int, sent: tuple[int, int]) -> bool:
    """Whether shots told by the trigger were fired at people rather than in a fight.

    No fighting is named in the sentence, what was shot at (after على) is one
    person ("عليه") or no force, post or fighter, and civilians are named in the
    clause or the target is a person: "تعرضوا لإطلاق نار من الشرطة" after
    "ثلاثة مدنيين", "أطلق النار عليه".
    """
    if any(w in _CLASH_CUES or w[1:] in _CLASH_CUES for w in _W.findall(text, sent[0], sent[1])):
        return False
    after = _W.findall(text, trig_end, min(clause_end, trig_end + 120))[:8]
    for i, w in enumerate(after):
        if w in _AT_ONE:
            return True
        if w in _AT:
            target = after[i + 1:i + 4]
            return not any(_military_word(x) for x in target)
    return civilian_cue(text, max(sent[0], trig_end - 150), min(clause_end, trig_end + 120))

_YEAR_CUES = cue_words("year_cues")


def _repelled(text: str, t: Trigger, clause: Span, mentions: list[ActorMention]
              ) -> tuple[str | None, str | None] | None:
    """Roles of a fight told as its repulsion: ``(attacker, defender)``, or None.

    The subject of a repel verb (تصدى، صد، أحبط، إيقاف، أفشل) defends; the attacker
    is the party named after it on the other side ("أحبطت فصائل المعارضة محاولة
    تقدم نفذتها القوات النظامية", "إحباط الجيش هجوما للمسلحين"), else the
    subject's usual enemy ("إن الفصائل صدت جل الهجمات").
    """
    rep = None
    for m in _W.finditer(text, clause.start, t.end):
        w = m.group()
        if w in _REPEL or (w[:1] in "وف" and w[1:] in _REPEL):
            rep = m
    if rep is None or len(_W.findall(text, rep.end(), t.start)) > 6:
        return None  # "طلبت إيقاف القصف ... قبل بدء المعركة": a demand far from the fight told
    inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end
              and armed_code(m.code) not in ("CIV", "UNK-MIL")]
    after = [m for m in inside if m.start >= rep.end()]
    subj = None
    if after and not _W.findall(text, rep.end(), after[0].start):
        subj = after[0]  # "أحبطت فصائل المعارضة", "إحباط الجيش": the subject follows its verb
    else:
        before = [m for m in inside if m.end <= rep.start()]
        if before and len(_W.findall(text, before[-1].end, rep.start())) <= 2:
            subj = before[-1]  # "إن الفصائل صدت", "قوات المعارضة استطاعت إيقاف"
    if subj is None:
        if not after:
            return None
        # "إنها صدت محاولات قوات النظام", "استطعنا إيقاف تقدم قوات الأسد": the party named is
        # the one stopped
        attacker = armed_code(after[0].code)
        defender = {"govt": "SYR-REB", "rebel": "SYR-MIL"}.get(side_of(attacker) or "")
        return (attacker, defender) if defender is not None else None
    defender = armed_code(subj.code)
    side = side_of(defender)
    attacker = next((armed_code(m.code) for m in after if m.start >= subj.end
                     and side_of(armed_code(m.code)) != side), None)
    if attacker is None:
        attacker = {"govt": "SYR-REB", "rebel": "SYR-MIL"}.get(side or "")
    return attacker, defender


def _attempter(text: str, span: tuple[int, int], mentions: list[ActorMention]) -> str | None:
    """The party that tried to advance or enter in the clause ("حاول خلالها مقاتلون من
    الفصائل دخول البلدتين", "أثناء محاولة عناصر حزب الله التقدم"), or None."""
    for m in _W.finditer(text, span[0], span[1]):
        w = m.group()
        if not (w in _TRIED or (w[:1] in "وف" and w[1:] in _TRIED)):
            continue
        nxt = next((a for a in mentions if a.start >= m.end() and a.end <= span[1]), None)
        gap = _W.findall(text, m.end(), nxt.start) if nxt is not None else []
        if any(g[:1] == "ل" and len(g) > 3 for g in gap):
            continue  # "في محاولة لانتزاعها من المعارضة": a purpose, the party named is its object
        if nxt is not None and len(gap) <= 3 \
                and armed_code(nxt.code) not in ("CIV", "UNK-MIL"):
            return armed_code(nxt.code)
    return None


def _consequence(word: str, start: int, clause: Span) -> bool:
    """A ل + present verb opening its clause tells what followed ("…، لتسيطر المعارضة على التل",
    "لتنسحب قوات الأسد"), not an aim (a verbal noun: "لاقتحام", "للسيطرة")."""
    return start == clause.start and word[:2] in ("لت", "لي") and len(word) > 4


def _first_word(words: list[str], tstarts: list[int], start: int) -> str:
    """The first word at or after ``start`` ("" past the end)."""
    i = bisect.bisect_left(tstarts, start)
    return words[i] if i < len(words) else ""


def _plain(w: str) -> str:
    """The cue-word reading of a token (clitics removed) if any, else the token."""
    if w in _KNOWN:
        return w
    for b in bases(w, suffixes=False):
        if b in _KNOWN:
            return b
    return w


def _verb_like(word: str) -> bool:
    """A trigger that reads as a verb (subject may follow): past or present tense form."""
    w = word.split(" ", 1)[0]
    if w[:1] in ("و", "ف") and len(w) > 3:
        w = w[1:]
    if w.startswith("ال") or w.startswith("ب") or w.endswith("ات") or w.endswith("ه"):
        return False
    return len(w) <= 5 or w[:1] in _VERB_PREFIX


def _raw_location(doc: Document, loc: Location) -> Location:
    """The location with its text and offsets in raw characters."""
    if loc.start is not None and loc.end is not None:
        s, e = doc.raw_span(loc.start, loc.end)
        return Location(text=doc.raw[s:e], name=loc.name, admin1=loc.admin1, lat=loc.lat, lon=loc.lon,
                        precision=loc.precision, gid=loc.gid, country=loc.country, start=s, end=e)
    return loc
