"""Asserted, planned, hypothetical and negated mentions."""

from __future__ import annotations

import pytest

from rasid.events.modality import modality
from rasid.text.normalize import fold


def mod(sentence: str, trigger: str, etype: str | None = None) -> str:
    t, w = fold(sentence), fold(trigger)
    i = t.find(w)
    assert i >= 0
    return modality(t, i, i + len(w), 0, len(t), event_type=etype)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("قصفت المدفعية أطراف البلدة", "قصفت", "asserted"),
        ("سيلتقي الوزير نظيره الروسي في موسكو", "سيلتقي", "planned"),
        ("من المقرر أن يعقد اجتماع بين الطرفين", "اجتماع", "planned"),
        ("تعتزم الحكومة نشر قوات على الحدود", "نشر قوات", "planned"),
        ("ستنسحب الفصائل إذا توقف القصف", "القصف", "hypothetical"),
        ("في حال فشل المفاوضات ستستأنف المعارك", "المفاوضات", "hypothetical"),
        ("لم تسجل اشتباكات في المدينة منذ الصباح", "اشتباكات", "negated"),
        ("لا تزال الاشتباكات مستمرة في الحي", "الاشتباكات", "asserted"),
    ],
)
def test_modality(sentence: str, trigger: str, expected: str) -> None:
    assert mod(sentence, trigger) == expected


def test_denial_is_not_negation_of_a_reject_event() -> None:
    assert mod("نفت الوزارة التقارير عن الهجوم", "نفت", "reject") == "asserted"


def test_prepared_attack_is_planned() -> None:
    t = fold("وتستعد فصائل المعارضة لاقتحام مدينة إدلب")
    i = t.index(fold("لاقتحام"))
    assert modality(t, i, i + len(fold("لاقتحام"))) == "planned"
    t = fold("وسط تحضيرات لفتح معركة في القنيطرة")
    i = t.index(fold("لفتح"))
    assert modality(t, i, i + len(fold("لفتح معركة"))) == "planned"
