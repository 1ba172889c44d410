from __future__ import annotations

from rasid.text.normalize import fold
from rasid.text.sentences import split_clauses, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_headline_and_body() -> None:
    text = fold("غارات على إدلب\nقتل 5 مدنيين. وأصيب آخرون؛ ثم انسحبت القوات")
    assert _texts(text) == [fold("غارات على إدلب"), fold("قتل 5 مدنيين."), fold("وأصيب آخرون؛"),
                            fold("ثم انسحبت القوات")]


def test_decimal_point_does_not_split() -> None:
    assert len(_texts("ارتفع بنسبة 3.5 بالمئة")) == 1


def test_quote_keeps_sentence_together() -> None:
    text = fold("وقال المرصد: «قتل عشرة. وجرح عشرون» في القصف.")
    assert len(_texts(text)) == 1


def test_clauses() -> None:
    text = fold("قصفت الطائرات حلب، وقتل ثلاثة، بحسب المرصد")
    sent = split_sentences(text)[0]
    assert len(split_clauses(text, sent)) == 3


def test_parenthesis_keeps_sentence_and_clause_together() -> None:
    text = fold("قتل 12 من عناصر قوات النظام (بينهم ضابط، وثلاثة جنود. وفق المرصد) في اشتباكات بريف حماة.")
    assert len(_texts(text)) == 1
    sent = split_sentences(text)[0]
    assert len(split_clauses(text, sent)) == 1


def test_unclosed_parenthesis_does_not_swallow_the_line() -> None:
    text = fold("قتل ثلاثة (في حلب. وجرح خمسة، في إدلب.")
    assert len(_texts(text)) == 2


def test_an_unclosed_quote_holds_nothing_together() -> None:
    text = fold("وقالت الوزارة: «إن هجوما وقع في المدينة. بدوره، أعلن مسؤول أن 30 شخصا قتلوا، مشيرا إلى «أنه هجوم انتحاري».")
    assert len(_texts(text)) == 2
