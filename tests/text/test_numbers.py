"""Number words, digits, qualifiers and vague quantities."""

from __future__ import annotations

import pytest

from rasid.text.normalize import fold
from rasid.text.numbers import parse_numbers, word_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("سقط ثلاثة وعشرين جريحا", 23),
        ("أحصى الناشطون مئة وخمسين قذيفة", 150),
        ("نزح ألفين من السكان", 2000),
        ("وصل عشرة مقاتلين", 10),
        ("نحو عشرون شاحنة", 20),
        ("أطلقت ثلاثة آلاف وخمسمئة قذيفة", 3500),
        ("أسر أحد عشر جنديا", 11),
        ("بلغ العدد 1500 صاروخ", 1500),
        ("ما يقارب 5 آلاف طلقة", 5000),
        ("ثلاث مئة برميل", 300),
        ("بثلاثة صواريخ", 3),
    ],
)
def test_values(text: str, value: int) -> None:
    nums = [m for m in parse_numbers(fold(text)) if m.value is not None]
    assert nums[0].value == value


def test_qualifiers() -> None:
    t = fold("قتل أكثر من 40 عنصرا، ونحو عشرة مدنيين، وخمسة جنود على الأقل")
    got = [(m.value, m.qualifier) for m in parse_numbers(t)]
    assert got == [(40, "at_least"), (10, "approx"), (5, "at_least")]


def test_vague_quantities_have_no_value() -> None:
    t = fold("سقط عشرات الجرحى ومئات القذائف وآلاف النازحين")
    got = parse_numbers(t)
    assert len(got) == 3
    assert all(m.value is None for m in got)
    assert got[0].text == "عشرات"


def test_spans_index_the_text() -> None:
    t = fold("قتل سبعة وثلاثون شخصا")
    m = parse_numbers(t)[0]
    assert t[m.start:m.end] == m.text and m.value == 37


def test_word_value() -> None:
    assert word_value(fold("عشرين")) == 20
    assert word_value(fold("مدينة")) is None
