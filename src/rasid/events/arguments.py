"""Argument slots of an event trigger: who acted (actor1), on whom (actor2).

Roles come from where an actor mention stands relative to the trigger in its
clause, read on folded text:

* target cues make a mention actor2: a preposition or target noun right
  before it (على، ضد، استهدف، مواقع، تمركزات، معاقل، صفوف، مناطق سيطرة) or
  the dative ل on the mention itself ("تمركزات لقوات النظام");
* "بين X و Y" gives X as actor1 and Y as actor2 (clashes, talks);
* "مع X" after the trigger is the other party (actor2);
* otherwise the agent is the first mention right after a verb trigger
  ("قصفت قوات النظام"), else the nearest mention before the trigger in the
  clause ("قوات النظام قصفت"), else one in the sentence; "من قبل X" and
  "طيران X" always mark the agent.

Defaults by type fill what the text leaves implicit (see
:func:`default_actor1`): barrel bombs are dropped by the Syrian air force, an
air strike by unnamed aircraft is ``UNK-MIL``, a protest's actor is ``CIV``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.events.cues import cue_phrases, cue_words
from rasid.resolve.actors import ActorMention, armed_code
from rasid.text.normalize import fold

__all__ = [
    "RoleResult", "assign_roles", "default_actor1", "default_actor2", "civilian_cue", "side_of",
    "GOVT_SIDE", "NON_ACTORS",
]

_W = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


_TARGET_BEFORE = cue_words("target_before")
_QABL = fold("قبل")
_DO_VERBS = cue_words("do_verbs")
_TARGET_ONLY_FOR_VIOLENCE = cue_words("target_only_for_violence")
_AGENT_BEFORE = cue_words("agent_before")
_PLACE_PREP = cue_words("arg_place_prep")
_KILLED = cue_words("killed")
_BETWEEN = fold("بين")
_MIN = fold("من")
_BOTH = re.compile(fold("بين") + " " + "(?:ال)?(?:طرفين|جانبين)")
_OF = cue_words("of")
_ABLE = cue_words("able")
_VICTIM_NOUNS = cue_words("victim_nouns")
_ORIGIN = cue_words("origin")
""""مصدرها مواقع الفصائل": where the fire came from names who fired."""
_WITH = cue_words("with")
# a member listed after its group: "فصائل معارضة، بينها جبهة النصرة" (the group acts)
_MEMBER = cue_words("member")
GOVT_SIDE = frozenset({"SYR-MIL", "SYR-GOV", "RUS-MIL", "RUS-GOV", "IRN-MIL", "IRN-GOV", "HEZBOLLAH"})
"""Codes on the Syrian government's side (territory_gain_govt)."""
_REGIME_AIR = tuple(fold(w) for w in cue_phrases("regime_air"))
NON_ACTORS = frozenset({"SOHR", "SNHR", "SANA", "media", "activists", "opposition", "military-source",
                        "RUS-MOD", "IRN-media"})
"""Codes of reporting bodies: sources, not parties to a violent event."""
_VIOLENCE_NON_AGENT = frozenset({"CIV"})


@dataclass(frozen=True, slots=True)
class RoleResult:
    """Chosen actor codes and the mentions they came from."""

    actor1: str | None
    actor2: str | None
    m1: ActorMention | None
    m2: ActorMention | None


_ROLE_WINDOW = 1500  # characters around the trigger's clause where a long sentence's parties are read


def _words_between(text: str, a: int, b: int) -> list[str]:
    return _W.findall(text, a, b) if b > a else []


def _is_target(text: str, m: ActorMention, clause_start: int, *, violence: bool) -> bool:
    """Whether the words right before mention ``m`` mark it as a target."""
    prev4 = _words_between(text, max(clause_start, m.start - 60), m.start)[-4:]
    prev = prev4[-2:]
    nxt = _words_between(text, m.end, min(len(text), m.end + 30))[:3]
    if violence and (any(w in _KILLED for w in prev) or any(w in _KILLED for w in nxt)):
        return True  # victims: "مقتل عناصر من داعش", "قياديا في داعش ... قتلوا"
    if violence and prev and prev[-1] in _OF and any(w in _KILLED for w in prev4):
        return True  # "مقتل تسعة من قوات النظام", "مصرع 12 من عناصر التنظيم"
    if violence and prev and prev[-1] in _OF and len(prev) == 2 and prev[0] in _VICTIM_NOUNS and any(
            w in _KILLED for w in _words_between(text, m.end, min(len(text), m.end + 60))[:8]):
        return True  # "ثمانية عناصر من حزب الله بينهم قادة قتلوا خلال المواجهات"
    head = m.text.split(" ", 2)
    if violence and len(head) == 3 and head[0] in _VICTIM_NOUNS and head[1] == _MIN and (
            any(w in _KILLED for w in prev4)
            or any(w in _KILLED for w in _words_between(text, m.end, min(len(text), m.end + 60))[:8])):
        return True  # the mention counts the dead itself: "ثمانية «عناصر من حزب الله» ... قتلوا"
    for i, w in enumerate(prev):
        if w in _TARGET_ONLY_FOR_VIOLENCE and i != len(prev) - 1:
            continue  # "تحدثت عن إحراز تنظيم داعش تقدما": a preposition governs the next word only
        if w in _TARGET_BEFORE and (violence or w not in _TARGET_ONLY_FOR_VIOLENCE):
            return True
    first = m.text.split(" ", 1)[0]
    # dative ل on the mention itself: "تمركزات لقوات النظام", "لتنظيم داعش"
    if violence and first.startswith("ل") and not first.startswith("لا") and len(first) > 3:
        if prev and prev[-1] not in _AGENT_BEFORE:
            return True
    return False


def assign_roles(
    text: str,
    trig_start: int,
    trig_end: int,
    clause: tuple[int, int],
    sent: tuple[int, int],
    mentions: Sequence[ActorMention],
    *,
    violence: bool,
    verb_like: bool = True,
) -> RoleResult:
    """Pick actor1 and actor2 among the actor mentions of a sentence.

    Args:
        text: folded text.
        trig_start: trigger start.
        trig_end: trigger end.
        clause: ``(start, end)`` of the trigger's clause.
        sent: ``(start, end)`` of its sentence.
        mentions: actor mentions of the sentence, in text order.
        violence: the event is a violence type (codes become armed codes, the
            reporting bodies and civilians cannot act).
        verb_like: the trigger is a verb (subject may follow it).

    Returns:
        A :class:`RoleResult`.
    """
    cs, ce = clause
    if sent[1] - sent[0] > 2 * _ROLE_WINDOW:
        # a run-on "sentence" of hundreds of clauses: the parties are read near the trigger's clause
        # (keeps extraction linear in the length of the sentence)
        sent = (max(sent[0], min(cs, trig_start) - _ROLE_WINDOW), min(sent[1], max(ce, trig_end) + _ROLE_WINDOW))
    usable: list[ActorMention] = []
    for m in mentions:
        if m.code in NON_ACTORS or m.start < sent[0] or m.end > sent[1]:
            continue
        if m.weak and m.code != "SYR-GOV" and m.code != "SYR-OPP":
            prev = _words_between(text, max(sent[0], m.start - 15), m.start)[-1:]
            if (prev and prev[0] in _PLACE_PREP) or m.text[:1] == "ب":
                continue  # a place name read as its government: "في سوريا", "بدمشق"
        if usable and usable[-1].end <= m.start and usable[-1].code not in NON_ACTORS:
            prev = _words_between(text, max(sent[0], m.start - 15), m.start)[-1:]
            if prev and prev[0] in _MEMBER:
                continue  # "فصائل معارضة، بينها جبهة النصرة": a member of the group named before
        if m.start < trig_end and m.end > trig_start:
            # the trigger phrase holds the actor ("طيران النظام" in "قصف طيران النظام")
            usable.append(m)
            continue
        usable.append(m)
    if not usable:
        return RoleResult(None, None, None, None)

    def code(m: ActorMention | None) -> str | None:
        if m is None:
            return None
        return armed_code(m.code) if violence else m.code

    in_clause = [m for m in usable if m.start >= cs and m.end <= ce]
    targets = {id(m) for m in usable if _is_target(text, m, cs, violence=violence)
               and not (m.start >= trig_end and not _words_between(text, trig_end, m.start))}
    verb = text[trig_start:trig_end].split(" ", 1)[0]
    if violence and not verb_like and not verb.startswith(("است", "واست", "باست", "لاست")):
        # "غارة جوية لقوات الائتلاف", "هجوما للمسلحين": ل after an attack noun marks whose it is
        for m in usable:
            if m.start >= trig_end and m.end <= ce and m.text[:1] == "ل" and m.text[:2] != "لا" \
                    and len(_words_between(text, trig_end, m.start)) <= 1:
                targets.discard(id(m))
    if violence and verb.endswith("وا") and len(verb) > 4 and not verb.startswith("ال"):
        # a verb that carries its plural subject ("أنهم استهدفوا قوات النظام"): the party after it
        # is its object (a verb before its own subject stays singular)
        for m in usable:
            if cs <= m.start and m.start >= trig_end and m.end <= ce \
                    and len(_words_between(text, trig_end, m.start)) <= 1:
                targets.add(id(m))
    # a mention right after the trigger is its genitive agent ("سيطرة المعارضة", "غارات التحالف")

    a1: ActorMention | None = None
    a2: ActorMention | None = None
    # "بين X و Y"
    # "اشتباكات وصفت بالعنيفة دارت، فجر السبت، بين X و Y": the pair may sit in a later clause
    between = _between(text, trig_end, sent[1], [m for m in usable if m.start >= cs])
    # "مصدرها مواقع الفصائل", "مصدر القذائف الصاروخية مواقع الفصائل"
    origin = _marked(text, usable, sent[0], _ORIGIN, 4) if violence else None
    launched = _marked(text, usable, sent[0], _DO_VERBS, 1) if violence else None
    able = _marked(text, [m for m in in_clause if m.end <= trig_start], cs, _ABLE, 1)
    both = None
    if violence and between is None and _BOTH.search(text, trig_end, min(ce, trig_end + 40)):
        # "تمكنت الفصائل من تدمير دبابة لقوات النظام خلال اشتباكات بين الطرفين": the sides were
        # named before; the one that acted (the subject, no target) comes first
        acting = [m for m in usable if m.end <= trig_start and id(m) not in targets and m.start >= sent[0]]
        if acting:
            first = acting[0]
            other = next((m for m in usable if side_of(code(m)) != side_of(code(first))
                          and m.code not in _VIOLENCE_NON_AGENT), None)
            both = (first, other)
    if origin is not None:
        a1 = origin  # "قذائف ... مصدرها مواقع الفصائل"
        a2 = next((m for m in in_clause if id(m) in targets and code(m) != code(a1)), None)
    elif both is not None:
        a1, a2 = both
    elif between is not None:
        a1, a2 = between
        if launched is not None and side_of(code(launched)) == side_of(code(a2)) \
                and side_of(code(a1)) != side_of(code(launched)):
            a1, a2 = a2, a1  # "معارك بين قوات النظام والمعارضة إثر هجوم شنه مقاتلو المعارضة"
    elif able is not None and id(able) not in targets:
        a1 = able  # "تمكنت الفصائل المقاتلة بعد سلسلة هجمات ... من السيطرة": the subject of تمكن
        a2 = next((m for m in in_clause if id(m) in targets and code(m) != code(a1)), None)
    else:
        # explicit agent markers: "من قبل X", "طيران X" (lexicon-level) handled via prev words
        for m in in_clause:
            prev = _words_between(text, max(cs, m.start - 20), m.start)[-1:]
            if prev and (prev[0] == _QABL or (prev[0] in _DO_VERBS and m.start > trig_end)):
                a1 = m  # "من قبل X"; "الغارات التي تشنها X"
                break
        if a1 is None:
            after = [m for m in in_clause if m.start >= trig_end and id(m) not in targets]
            before = [m for m in in_clause if m.end <= trig_start and id(m) not in targets]
            # a dative party inside the trigger phrase is its recipient ("سمحت للولايات المتحدة")
            inside = [m for m in in_clause if m.start < trig_end and m.end > trig_start
                      and not (m.start > trig_start and m.text[:1] == "ل" and m.text[:2] != "لا")]
            earlier = [m for m in usable if m.end <= cs and id(m) not in targets
                       and not (violence and m.code in _VIOLENCE_NON_AGENT)]
            cand: ActorMention | None = None
            if inside:
                cand = inside[0]
            elif before and len(_words_between(text, before[-1].end, trig_start)) <= 1:
                cand = before[-1]  # subject right before the verb: "المعارضة تقصف"
            elif before and any(_after_complementizer(text, m, cs) for m in before):
                # "أن المبعوث الأممي، ستيفان دي ميستورا، زار طهران": the subject of أن
                cand = [m for m in before if _after_complementizer(text, m, cs)][-1]
            elif verb_like and after and len(_words_between(text, trig_end, after[0].start)) <= 2:
                cand = after[0]
            elif before:
                cand = before[-1]
            elif after and not verb_like and len(_words_between(text, trig_end, after[0].start)) <= 1:
                cand = after[0]  # "غارات التحالف", "هجوم داعش"
            elif earlier:
                cand = earlier[-1]  # subject in an earlier clause: "تمكن الثوار، ... من استعادة"
            elif after:
                cand = after[0]
            if cand is not None:
                cand = _first_conjunct(text, cand, usable)
                if violence:
                    cand = _state_lead(text, cand, usable)
            if violence and cand is not None and cand.code in _VIOLENCE_NON_AGENT:
                cand = None
            if cand is None:
                # nearest non-target mention in the sentence
                rest = [m for m in usable if id(m) not in targets and m.end <= cs
                        and not (violence and m.code in _VIOLENCE_NON_AGENT)]
                if rest:
                    cand = rest[-1]
            a1 = cand
        # actor2: a target-cued mention in the clause, else "مع X", else the next other party
        for m in in_clause:
            if m is a1:
                continue
            if id(m) in targets and code(m) != code(a1):
                a2 = m
                break
        if a2 is None:
            for m in in_clause:
                if m is a1 or m.start < trig_end:
                    continue
                prev = _words_between(text, max(cs, m.start - 12), m.start)[-1:]
                if prev and prev[0] in _WITH and code(m) != code(a1):
                    a2 = m
                    break
        if a2 is None and not violence:
            for m in in_clause:
                if m is not a1 and m.start >= trig_end and code(m) != code(a1):
                    a2 = m
                    break
    c1, c2 = code(a1), code(a2)
    if c1 == c2:
        c2, a2 = None, None
    return RoleResult(c1, c2, a1, a2)


_THAT = cue_words("arg_that")


def _marked(text: str, mentions: Sequence[ActorMention], sent_start: int, cues: frozenset[str],
            within: int) -> ActorMention | None:
    """The first mention with a word of ``cues`` among the ``within`` words before it."""
    for m in mentions:
        prev = _words_between(text, max(sent_start, m.start - 12 * within), m.start)[-within:]
        if any(w in cues for w in prev):
            return m
    return None


def _after_complementizer(text: str, m: ActorMention, cs: int) -> bool:
    """Whether the mention directly follows أن / إن (the subject of the clause it opens)."""
    prev = _words_between(text, max(cs, m.start - 12), m.start)[-1:]
    return bool(prev) and prev[0] in _THAT


def _first_conjunct(text: str, m: ActorMention, mentions: Sequence[ActorMention]) -> ActorMention:
    """The first of coordinated actors: "قوات النظام وحزب الله" → قوات النظام."""
    cur = m
    while cur.text[:1] == "و":
        prev = [p for p in mentions if p.end <= cur.start and cur.start - p.end <= 2]
        if not prev:
            break
        cur = prev[-1]
    return cur


_ALLIES = frozenset({"HEZBOLLAH", "IRN-MIL", "IRN-GOV", "RUS-MIL", "RUS-GOV"})
_SYRIAN_STATE = frozenset({"SYR-MIL", "SYR-GOV"})


def _joined(text: str, a: ActorMention, b: ActorMention) -> bool:
    """Whether mention ``b`` follows ``a`` as a conjunct or apposition ("الجيش و«المقاومة»
    (حزب الله)", "قوات حزب الله والنظام"): only spaces, quotes, brackets and و between."""
    gap = text[a.end:b.start]
    if len(gap) > 4 or any(ch.isalpha() for ch in gap):
        return False
    return True


def _state_lead(text: str, m: ActorMention, mentions: Sequence[ActorMention]) -> ActorMention:
    """Syrian forces named with an ally lead the pair: "قوات حزب الله والنظام" → the army."""
    if m.code not in _ALLIES:
        return m
    i = next((k for k, x in enumerate(mentions) if x is m), None)
    if i is None:
        return m
    group = [m]
    k = i
    while k > 0 and _joined(text, mentions[k - 1], mentions[k]):
        k -= 1
        group.append(mentions[k])
    k = i
    while k + 1 < len(mentions) and _joined(text, mentions[k], mentions[k + 1]):
        k += 1
        group.append(mentions[k])
    return next((x for x in group if x.code in _SYRIAN_STATE), m)


def _between(text: str, trig_end: int, ce: int, in_clause: Sequence[ActorMention]
             ) -> tuple[ActorMention, ActorMention] | None:
    """``بين X و Y`` after the trigger (within a few words): ``(X, Y)``."""
    window = text[trig_end:min(ce, trig_end + 80)]
    k = window.find(_BETWEEN + " ")
    if k < 0 or (k > 0 and window[k - 1].isalpha()):
        return None
    pos = trig_end + k + len(_BETWEEN)
    ms = [m for m in in_clause if m.start >= pos]
    if len(ms) < 2:
        return None
    x = ms[0]
    if len(_words_between(text, pos, x.start)) > 1:
        return None
    # Y is the first party on the other side: "بين قوات النظام وحزب الله من جهة والفصائل من جهة أخرى"
    sx = side_of(armed_code(x.code))
    others = [m for m in ms[1:] if side_of(armed_code(m.code)) != sx]
    y = others[0] if others else ms[1]
    return x, y


def default_actor1(etype: str, family: str, text: str, sent: tuple[int, int]) -> str | None:
    """An actor1 the text implies without naming it.

    Barrel bombs are dropped by the Syrian air force; unnamed aircraft are
    ``UNK-MIL``; protesters are civilians; an unclaimed car bomb is ``UNK-MIL``.
    """
    if family == "برميل متفجر":
        return "SYR-MIL"
    if etype == "air_strike":
        seg = text[sent[0]:sent[1]]
        if any(w in seg for w in _REGIME_AIR):
            return "SYR-MIL"  # helicopters and barrel bombs: only the Syrian air force uses them
    if etype == "air_strike":
        return "UNK-MIL"
    if etype in ("protest", "riot"):
        return "CIV"
    if etype in ("remote_explosive", "suicide_bomb"):
        return "UNK-MIL"
    return None


_REBEL_SIDE = frozenset({"SYR-REB", "SYR-OPP", "NUSRA", "AHRAR-SHAM", "JAYSH-ISLAM", "SULTAN-MURAD"})
_FOREIGN_AIR = frozenset({"COALITION", "USA-MIL", "USA-GOV", "TUR-MIL", "TUR-GOV", "FRA-MIL", "GBR-MIL",
                          "JOR-MIL", "SAU-MIL", "ARE-MIL"})
_CIV_CUES = cue_words("civ_cues")
_DEFAULT_TYPES = frozenset({
    "armed_clash", "air_strike", "shelling", "territory_gain_govt", "territory_gain_nonstate",
    "suicide_bomb", "remote_explosive", "attack_on_civilians", "aircraft_downed", "weapons_seized",
})


def side_of(code: str | None) -> str | None:
    """The side of the Syrian war a code is on: ``govt``, ``rebel``, else the code itself."""
    if code is None:
        return None
    if code in GOVT_SIDE:
        return "govt"
    if code in _REBEL_SIDE:
        return "rebel"
    return code


def civilian_cue(text: str, start: int, end: int) -> bool:
    """Whether the span speaks of civilians or civilian places (targets of an attack)."""
    for w in _W.findall(text, start, end):
        if w in _CIV_CUES or (w[:1] in "وبل" and w[1:] in _CIV_CUES):
            return True
    return False


def default_actor2(etype: str, actor1: str | None, mentions: Sequence[ActorMention], *,
                   civilians: bool) -> str | None:
    """The party acted on when the clause names none.

    Another armed party of the sentence that is not on actor1's side, else
    civilians when the sentence speaks of them, else the usual enemy of
    actor1 in the Syrian war (government ↔ rebels, foreign air forces → ISIS).
    """
    if etype not in _DEFAULT_TYPES:
        return None
    if etype in ("suicide_bomb", "remote_explosive"):
        return "CIV" if civilians or actor1 in (None, "UNK-MIL") else None
    side1 = side_of(actor1)
    for m in mentions:
        code = armed_code(m.code)
        if code is None or code in NON_ACTORS or code == "CIV" or m.weak or code.startswith("IGO-"):
            continue  # international bodies speak about fights, they are not fought
        if code != actor1 and side_of(code) != side1:
            return code
    if civilians or etype in ("attack_on_civilians",):
        return "CIV"
    if etype in ("suicide_bomb", "remote_explosive"):
        return None
    if side1 == "govt":
        return "SYR-REB"
    if side1 == "rebel":
        return "SYR-MIL"
    if actor1 in _FOREIGN_AIR:
        return "ISIS"
    return None
