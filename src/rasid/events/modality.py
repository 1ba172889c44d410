"""Modality of an event mention: asserted, planned, hypothetical or negated.

Read from the words around the trigger inside its clause (folded text):

* negated: a negator right before the trigger (لم، لن، لا، ليس، عدم، نفى أن);
* hypothetical: a condition earlier in the clause (إذا، إن لم، في حال، لو، ما لم);
* planned: a future verb (سيزور، ستكثف), سوف, an intention or schedule word
  (يعتزم، ينوي، من المقرر، يتوقع أن، يستعد، تفكر في، قرر) before the trigger,
  or a future time after it (المقبل، القادم، غدا).

>>> modality("سيزور المبعوث دمشق الأسبوع المقبل", 0, 5)
'planned'
"""

from __future__ import annotations

import re

from rasid.events.cues import cue_phrases, cue_words
from rasid.text.normalize import fold

__all__ = ["modality", "NEGATORS", "CONDITIONS", "PLANNERS"]

_W = re.compile(r"[^\W\d_]+", re.UNICODE)


NEGATORS = cue_words("negators")
"""Words that negate the trigger when they stand just before it."""
_DENY = cue_words("deny")
CONDITIONS = cue_words("conditions")
"""Words that make an event conditional when they come before it in the clause."""
PLANNERS = cue_words("planners")
"""Intention and schedule words that make a later trigger planned."""
_PREPARATION = cue_words("preparation")
"""Nouns of preparation before a purpose ("تحضيرات لفتح معركة"): the attack is planned."""
_STILL_NEG = cue_words("still_neg")
_STILL = cue_words("still")
_FUTURE_AFTER = cue_words("future_after")
_COND_PAIRS = ((fold("إن"), fold("لم")), (fold("ما"), fold("لم")), (fold("في"), fold("حال")))


# words that merely start with س + ي/ت/ن
_NOT_FUTURE = tuple(fold(w) for w in cue_phrases("modal_not_future"))


def _future_verb(word: str) -> bool:
    """A future-marked verb: س + imperfect prefix (سيزور، ستكثف، وسيعقد)."""
    w = word[1:] if word[:1] in ("و", "ف") and len(word) > 4 else word
    return len(w) > 4 and w[0] == "س" and w[1] in "يتن" and not w.startswith(_NOT_FUTURE)


def modality(text: str, trig_start: int, trig_end: int, clause_start: int | None = None,
             clause_end: int | None = None, *, event_type: str | None = None) -> str:
    """The modality of the trigger ``text[trig_start:trig_end]`` in its clause.

    Args:
        text: folded text.
        trig_start: trigger start.
        trig_end: trigger end.
        clause_start: start of the clause holding the trigger (default: 60 chars before).
        clause_end: end of the clause (default: 40 chars after).
        event_type: the event type (denials are ``reject`` events, not negations).

    Returns:
        ``asserted``, ``planned``, ``hypothetical`` or ``negated``.
    """
    cs = max(0, trig_start - 60) if clause_start is None else clause_start
    ce = min(len(text), trig_end + 40) if clause_end is None else clause_end
    before = _W.findall(text, cs, trig_start)
    trig = _W.findall(text, trig_start, trig_end)
    after = _W.findall(text, trig_end, ce)
    near = [w for k, w in enumerate(before[-3:]) if not (w in _STILL_NEG and k + 1 < len(before[-3:])
                                                     and before[-3:][k + 1] in _STILL)]
    for i, w in enumerate(before):
        if w in CONDITIONS:
            return "hypothetical"
        if i + 1 < len(before) and (w, before[i + 1]) in _COND_PAIRS:
            return "hypothetical"
    if any(w in NEGATORS for w in near[-2:]) or (event_type != "reject" and any(w in _DENY for w in before)):
        return "negated"
    if trig and _future_verb(trig[0]):
        return "planned"
    if any(w in PLANNERS or w[:1] in ("و", "ف") and w[1:] in PLANNERS or _future_verb(w)
           for w in before[-6:]):  # "وتستعد الفصائل لاقتحام"
        return "planned"
    if trig and trig[0][:1] == "ل" and not trig[0].startswith("ال") and any(
            w in _PREPARATION for w in before[-3:]):
        return "planned"
    if any(w in _FUTURE_AFTER for w in after[:6]):
        return "planned"
    return "asserted"
