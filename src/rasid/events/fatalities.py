"""Casualty phrases → :class:`rasid.records.Fatalities`.

A number counts as killed when the nearest casualty word that governs it is a
killing word (قتل، مقتل، قتلى، لقي حتفه، استشهد، مصرع ...): the word before it
("مقتل 13 عنصراً") or a killing verb right after its noun ("خمسة مدنيين
قتلوا"). Numbers governed by a wounding word (جرح، إصابة، جرحى) are not
fatalities. The noun after the number says who died: civilians (مدنيين،
أطفال، نساء), children (أطفال) or combatants (عناصر، مقاتلين، جنود).
Numbers after بينهم / منهم are a breakdown of the total, not added to it.
Vague counts ("عشرات القتلى", "سقوط قتلى") give ``total=None`` with the words
kept in ``text``.

>>> from rasid.text.normalize import fold
>>> f = find_fatalities(fold("مقتل 13 عنصرا من داعش وعشرة مدنيين"))  # folded text, as in Document.text
>>> (f.total, f.civilians, f.combatants)
(23, 10, 13)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.events.cues import cue_phrases, cue_words
from rasid.text.normalize import fold
from rasid.text.numbers import parse_numbers

__all__ = ["FatalityMention", "find_fatalities", "KILL_WORDS", "WOUND_WORDS"]

_W = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)


KILL_WORDS = cue_words("kill_words")
"""Words that say people died (folded, clitics stripped by the reader)."""
WOUND_WORDS = cue_words("wound_words")
"""Words that say people were hurt: their numbers are not fatalities."""
_PROTEST_OF = cue_words("protest_of")
_OUT_OF = cue_words("out_of")
_SUBSET = cue_words("subset")
_CHILD = cue_words("child")
_CIVIL = cue_words("civil")
_CIVIL_STRICT = _CIVIL - cue_words("generic_persons")
_COMBAT = cue_words("combat")
_DUAL = cue_words("dual")
_RANK = cue_words("rank")
"""A victim named by rank after an agent: "قتل سليمان الأسد للعقيد حسان الشيخ"."""
_MADE_OF = cue_words("made_of")
"""A group listed by its members: "مقتل طاقم طبي مؤلف من رجلين وامرأة" (3)."""
_WEAPON_NOUN = cue_words("weapon_noun")
_SINGLE = cue_words("single")
_IN_IT = cue_words("in_it")
_LEADER = cue_words("leader")
"""A title after a victim's name: "مقتل أبو هادي العبود قائد فرقة …" is one death."""
_ONE = cue_words("one")
_YEAR_BEFORE = cue_words("year_before")
_UNIT = cue_words("unit")
"""Unit names before a killing word: "لواء شهداء اليرموك" names a group, reports no death."""
_LIST_STOP = cue_words("list_stop")
_THAT = cue_words("fatal_that")
"""A complementizer: who stands before it reports the deaths ("أعلن مسؤول أن 30 شخصا قتلوا")."""
_ZERO = [tuple(fold(w) for w in p.split()) for p in cue_phrases("zero")]


@dataclass(frozen=True, slots=True)
class FatalityMention:
    """Casualty figures found in a folded span, with the span they came from."""

    start: int
    end: int
    total: int | None
    civilians: int | None
    children: int | None
    combatants: int | None


@lru_cache(maxsize=50_000)
def _strip(w: str) -> str:
    if w.startswith(("لل", "ولل")) and len(w) > 4:
        w = "ال" + w[w.index("لل") + 2:]  # "للقتلى" = ل + القتلى
        return w
    for p in ("وب", "ول", "و", "ف", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            rest = w[len(p):]
            if rest in KILL_WORDS or rest in WOUND_WORDS or rest in _CHILD or rest in _CIVIL \
                    or rest in _COMBAT:
                return rest
    return w


@lru_cache(maxsize=50_000)
def _cue(w: str) -> str | None:
    w = _strip(w)
    if w in KILL_WORDS:
        return "kill"
    if w in WOUND_WORDS:
        return "wound"
    return None


@lru_cache(maxsize=50_000)
def _kind(w: str) -> str | None:
    w = _strip(w)
    if w.startswith("ال") and w not in _CHILD and w not in _CIVIL and w not in _COMBAT:
        w = w[2:]
    if w in _CHILD:
        return "child"
    if w in _CIVIL_STRICT:
        return "civ"
    if w in _CIVIL:
        return "person"
    if w in _COMBAT:
        return "combat"
    return None


def find_fatalities(text: str, start: int = 0, end: int | None = None) -> FatalityMention | None:
    """Killed counts reported in folded ``text[start:end]``, or None if no death is reported.

    Args:
        text: folded text.
        start: span start (a clause or sentence).
        end: span end.

    Returns:
        A :class:`FatalityMention`; ``total`` None with a span when deaths are
        reported without a number ("سقوط قتلى"), ``total`` 0 for "material
        damage only".
    """
    end = len(text) if end is None else end
    toks = [(m.start(), m.end(), m.group()) for m in _W.finditer(text, start, end)]
    words = [t[2] for t in toks]
    for z in _ZERO:
        k = len(z)
        for i in range(len(words) - k + 1):
            if tuple(words[i:i + k]) == z:
                return FatalityMention(toks[i][0], toks[i + k - 1][1], 0, 0, None, None)
    cues = [_cue(w) for w in words]
    for k in range(1, len(words)):
        if cues[k] == "kill" and any(words[k - 1][i:] in _UNIT for i in (0, 1, 2)):
            cues[k] = None  # "لواء شهداء اليرموك": a group's name
    if "kill" not in cues:
        return None
    nums = parse_numbers(text, start, end)
    tok_at = {s: i for i, (s, _, _) in enumerate(toks)}
    total = civ = child = comb = 0
    have_total = have_civ = have_child = have_comb = False
    vague = False
    whole: int | None = None
    span_s: int | None = None
    span_e: int | None = None

    def extend(s: int, e: int) -> None:
        nonlocal span_s, span_e
        span_s = s if span_s is None else min(span_s, s)
        span_e = e if span_e is None else max(span_e, e)

    def add_victim(w: str, k: int) -> None:
        """Count the singular or dual victim noun ``w`` (token ``k``): 1 or 2 of its kind."""
        nonlocal total, civ, child, comb, have_civ, have_child, have_comb
        v = 2 if w in _DUAL else 1
        kind = _kind(w)
        total += v
        if kind == "child":
            child += v
            civ += v
            have_child = have_civ = True
        elif kind == "civ":
            civ += v
            have_civ = True
        elif kind == "combat":
            comb += v
            have_comb = True
        extend(toks[k][0], toks[k][1])
        counted.add(k)

    for m in nums:
        i = tok_at.get(m.start)
        if i is None:
            continue
        j = i
        while j < len(toks) and toks[j][1] <= m.end:
            j += 1
        # governing cue: nearest on the left within 8 words, else a kill word right after the noun
        left = None
        subset = False
        for k in range(i - 1, max(-1, i - 9), -1):
            if words[k] in _SUBSET:
                subset = True
            if cues[k] is not None:
                left = cues[k]
                break
        right = None
        for k in range(j, min(len(toks), j + 12)):
            if _strip(words[k]) in _PROTEST_OF:
                break  # "اعتصم ألف شخص احتجاجا على قتل العقيد": the crowd, not the dead
            if cues[k] is not None:
                right = cues[k]
                break
        if m.value is not None and 1900 <= m.value <= 2100 and i > 0 and _strip(words[i - 1]) in _YEAR_BEFORE:
            continue  # "في مارس 2014": a year
        if m.value == 1 and m.text in _ONE:
            continue  # "عائلة واحدة": an adjective, not a count
        noun = words[j] if j < len(toks) else ""
        if _strip(noun) in _WEAPON_NOUN:
            continue  # "300 قذيفة": a count of shells, not of the dead
        noun_cue = _cue(noun)
        if noun_cue == "kill" and _strip(noun) not in ("سقوط", "سقط", "قتل"):
            gov = "kill"  # "32 قتيلا"
        elif noun_cue == "wound" and not noun.startswith("و"):
            gov = None  # "5 جرحى"
        elif left == "kill" or (left is None and right == "kill"):
            gov = "kill"
        else:
            gov = None
        if gov != "kill":
            continue
        if noun == "من" and j + 1 < len(toks) and _cue(words[j + 1]) == "wound":
            continue  # "مقتل شخص والعديد من الجرحى": the vague count is of the wounded
        kind = _kind(noun) or (_kind(words[j + 1]) if j + 1 < len(toks) and words[j] in ("من",) else None)
        # "مقتل 20 من قوات النظام": number + من + armed actor
        if kind is None and noun == "من":
            kind = "combat"
        extend(m.start, toks[j][1] if j < len(toks) and (kind or noun_cue == "kill") else m.end)
        if m.value is None:
            if not subset:
                vague = True
            continue
        v = m.value
        if i >= 2 and words[i - 1] in _OUT_OF and words[i - 2] == "من":
            whole = v  # "39 طفلا ... من أصل 157 شخصا قتلوا": the whole the counts before were part of
            extend(m.start, m.end)
            continue
        if not subset:
            total += v
            have_total = True
        if kind == "child":
            child += v
            have_child = True
            if not subset:
                civ += v
                have_civ = True
        elif kind == "civ":
            if not subset:
                civ += v
                have_civ = True
        elif kind == "combat" and not subset:
            comb += v
            have_comb = True
    # singular and dual victims listed beside counted ones: "مقتل امرأة وثلاثة أطفال",
    # "قياديا في داعش وخمسة متشددين قتلوا"
    if have_total:
        counted = {tok_at.get(m.start) for m in nums}
        for i, c in enumerate(cues):
            if c != "kill":
                continue
            for rng in (range(i + 1, min(len(words), i + 12)), range(i - 1, max(-1, i - 10), -1)):
                for k in rng:
                    w = _strip(words[k])
                    if rng.step == 1 and w == "من" and (k - 1) in counted:
                        continue  # "مقتل 12 من عناصر … وقيادي": the partitive of a count, not a stop
                    if cues[k] == "wound" or (rng.step == 1 and (w in _LIST_STOP or w in _SUBSET)) \
                            or (rng.step == -1 and words[k] in _THAT):
                        break
                    if (k - 1) in counted or k in counted:
                        continue
                    if k > 0 and _strip(words[k - 1]) in _SUBSET:
                        continue  # "ثلاثة مدنيين، بينهم طفلة، قتلوا": a breakdown, not one more victim
                    if w in _SINGLE or w in _DUAL:
                        if k + 1 < len(words) and tok_at.get(toks[k + 1][0]) in counted \
                                and words[k + 1][:1].isdigit():
                            continue
                        add_victim(w, k)
            break
        # a later killing word with its own singular victim: "173 مدنيا قتلوا ... بالإضافة إلى مقتل مقاتل"
        first = cues.index("kill")
        for i in range(first + 1, len(words) - 1):
            if cues[i] != "kill" or i + 1 in counted or i in counted:
                continue
            w = _strip(words[i + 1])
            if w in _SINGLE or w in _DUAL:
                add_victim(w, i + 1)
    # dual and singular nouns right after a killing word: "مقتل شخصين", "مقتل طفل"
    if not have_total and not vague:
        for i, c in enumerate(cues):
            if c != "kill" or i + 1 >= len(words) and _strip(words[i]) not in _DUAL:
                continue
            j = i + 1  # the victim's word; "قتل فيه ضابط صف", "قتل خلالها جندي": after the pronoun
            if j + 1 < len(words) and _strip(words[j]) in _IN_IT:
                j += 1
            nxt = _strip(words[j]) if j < len(words) else ""
            if nxt.startswith("ال") and nxt[2:] in _SINGLE:
                nxt = nxt[2:]  # "مقتل القائد", "مقتل المتطرف": one person
            if _strip(words[i]) in _DUAL:
                nxt = _strip(words[i])
            title = None
            by_rank = False
            made = next((k for k in range(i + 1, min(len(words) - 1, i + 5))
                         if _strip(words[k]) in _MADE_OF and words[k + 1] == "من"), None)
            if made is not None and nxt not in _DUAL and nxt not in _SINGLE:
                # "مقتل طاقم طبي مؤلف من رجلين وامرأة": add up the members listed
                v = 0
                for k in range(made + 2, min(len(words), made + 8)):
                    w = _strip(words[k])
                    if w in _DUAL or w in _SINGLE:
                        v += 2 if w in _DUAL else 1
                        extend(toks[i + 1][0], toks[k][1])
                    else:
                        break
                if v:
                    total, have_total = v, True
                    break
            if nxt not in _DUAL and nxt not in _SINGLE and _strip(words[i]) in (fold("قتل"), fold("مقتل")):
                # "قتل سليمان هلال الأسد للعقيد حسان الشيخ": the verbal noun, its agent, ل + the victim
                for k in range(i + 2, min(len(words), i + 10)):
                    w = words[k]
                    if cues[k] is not None or w[:1].isdigit():
                        break
                    if w.startswith("لل") and len(w) > 4 and w[2:] in _RANK:
                        nxt, title, by_rank = fold("ضابط"), k, True
                        break
            if nxt not in _DUAL and nxt not in _SINGLE:
                # a name, then its title: "مقتل أبو هادي العبود قائد فرقة فلوجة حوران"
                for k in range(i + 2, min(len(words), i + 5)):
                    w = _strip(words[k])
                    if w in _LEADER:
                        nxt, title = fold("قائد"), k
                        break
                    if cues[k] is not None or _kind(w) or w in _LIST_STOP or w in _SUBSET \
                            or w[:1].isdigit():
                        break
            if nxt in _DUAL or nxt in _SINGLE:
                v = 2 if nxt in _DUAL else 1
                kind = _kind(nxt)
                total, have_total = v, True
                if kind == "child":
                    child = civ = v
                    have_child = have_civ = True
                elif kind == "civ":
                    civ, have_civ = v, True
                elif kind == "combat":
                    comb, have_comb = v, True
                k = i if _strip(words[i]) in _DUAL else j
                if by_rank and title is not None:
                    k = title  # the victim is the one after ل, not the killer named before
                extend(toks[k][0], toks[title if title is not None else k][1])
                break
    # a dual before its killing word: "وأن عنصرين من وحدات الحماية قضوا خلاله"
    if not have_total and not vague:
        for i, c in enumerate(cues):
            if c != "kill":
                continue
            for k in range(i - 1, max(-1, i - 7), -1):
                if cues[k] is not None:
                    break
                w = _strip(words[k])
                if w in _DUAL and not (k > 0 and _strip(words[k - 1]) in _SUBSET):
                    total, have_total = 2, True
                    kind = _kind(w)
                    if kind == "child":
                        child = civ = 2
                        have_child = have_civ = True
                    elif kind == "civ":
                        civ, have_civ = 2, True
                    elif kind == "combat":
                        comb, have_comb = 2, True
                    extend(toks[k][0], toks[k][1])
                    break
            if have_total:
                break
    if span_s is None:
        # deaths reported without a count: keep the words
        for i, c in enumerate(cues):
            if c == "kill":
                e = toks[min(i + 2, len(toks) - 1)][1]
                extend(toks[i][0], e)
                break
        assert span_s is not None and span_e is not None
        return FatalityMention(span_s, span_e, None, None, None, None)
    assert span_e is not None
    if whole is not None and whole >= total:
        total, have_total = whole, True
    return FatalityMention(
        span_s, span_e,
        total if have_total else None,
        civ if have_civ else None,
        child if have_child else None,
        comb if have_comb else None,
    )
