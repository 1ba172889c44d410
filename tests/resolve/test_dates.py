"""Time expressions: finding them as written and resolving them against the article date."""

from __future__ import annotations

import pytest

from rasid.resolve.dates import dateline_date, find_date_text, resolve_date
from rasid.text.normalize import fold


def found(s: str) -> str | None:
    t = fold(s)
    sp = find_date_text(t, 0, len(t))
    return None if sp is None else t[sp[0]:sp[1]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("قتل 13 عنصرا في غارات استهدفت الثلاثاء مدينة الرقة", "الثلاثاء"),
        ("وقصفت الطائرات يوم الأحد بلدة كفرنبل", "يوم الاحد"),
        ("وانفجرت سيارة مفخخة مساء الجمعة في حي الوعر", "مساء الجمعه"),
        ("شن الطيران غارات فجر اليوم على دوما", "فجر اليوم"),
        ("وقتل أمس الأول ثلاثة مدنيين", "امس الاول"),
        ("المعركة التي بدأت في 4 يوليو (تموز) الحالي", "4 يوليو (تموز) الحالي"),
        ("وكان الهجوم قد وقع في 29 تموز الماضي", "29 تموز الماضي"),
        ("سيعقد الاجتماع الأسبوع المقبل في جنيف", "الاسبوع المقبل"),
        ("ألقيت على المدينة خلال 16 يوما", "خلال 16 يوما"),
        ("تحاصر القوات البلدة منذ ثلاثة أسابيع", "منذ ثلاثه اسابيع"),
        ("وفي شهر آذار 2011 بدأت الاحتجاجات", "شهر اذار 2011"),
        ("قتل خلال الساعات الـ24 الماضية 30 شخصا", "خلال الساعات ال24 الماضيه"),
    ],
)
def test_find(sentence: str, expected: str) -> None:
    assert found(sentence) == expected


def test_find_nothing() -> None:
    assert found("قصفت الطائرات مدينة حلب") is None
    assert found("لم يتغير الوضع حتى اليوم") is None
    assert found("مارس الجيش ضغوطا على المدنيين") is None  # مارس the verb, not March


def test_explicit_date_beats_weekday() -> None:
    assert found("الأحد 2 آب 2015 قصفت الطائرات") == "الاحد 2 اب 2015"


@pytest.mark.parametrize(
    ("text", "article", "modality", "expected"),
    [
        ("الثلاثاء", "2015-07-23", "asserted", ("2015-07-21", 1)),  # Thursday article
        ("الخميس", "2015-07-23", "asserted", ("2015-07-23", 1)),  # same day
        ("الجمعة", "2015-08-02", "asserted", ("2015-07-31", 1)),  # across the month boundary
        ("الأحد", "2015-07-30", "planned", ("2015-08-02", 1)),  # planned: forward, next month
        ("الأحد الماضي", "2015-08-02", "asserted", ("2015-07-26", 1)),
        ("الثلاثاء المقبل", "2015-07-21", "asserted", ("2015-07-28", 1)),
        ("أمس", "2015-08-01", "asserted", ("2015-07-31", 1)),
        ("فجر اليوم", "2015-08-01", "asserted", ("2015-08-01", 1)),
        ("29 تموز الماضي", "2015-08-05", "asserted", ("2015-07-29", 1)),
        ("4 يوليو (تموز) الحالي", "2015-07-21", "asserted", ("2015-07-04", 1)),
        ("29 ديسمبر", "2016-01-03", "asserted", ("2015-12-29", 1)),  # across the year boundary
        ("3 كانون الثاني المقبل", "2015-12-20", "planned", ("2016-01-03", 1)),
        ("21/7/2015", None, "asserted", ("2015-07-21", 1)),
        ("الأسبوع المقبل", "2015-07-21", "planned", ("2015-07-28", 2)),
        ("الأسبوع الماضي", "2015-07-21", "asserted", ("2015-07-14", 2)),
        ("الشهر الماضي", "2015-08-05", "asserted", ("2015-07-15", 3)),
        ("شباط الماضي", "2015-08-05", "asserted", ("2015-02-15", 3)),
        ("أغسطس المقبل", "2015-07-21", "planned", ("2015-08-15", 3)),
        ("خلال 16 يوما", "2015-07-21", "asserted", ("2015-07-21", 3)),
        ("قبل يومين", "2015-07-21", "asserted", ("2015-07-19", 1)),
        ("منذ ثلاثة أيام", "2015-07-21", "asserted", ("2015-07-18", 2)),
    ],
)
def test_resolve(text: str, article: str | None, modality: str, expected: tuple[str, int]) -> None:
    assert resolve_date(fold(text), article, modality=modality) == expected


def test_resolve_without_expression_or_date() -> None:
    assert resolve_date(None, "2015-07-21") == ("2015-07-21", 2)
    assert resolve_date(None, None) == (None, None)
    assert resolve_date(fold("الثلاثاء"), None) == (None, None)


@pytest.mark.parametrize(
    ("head", "iso"),
    [
        ("دمشق - 21 يوليو 2015 (رويترز) - قال مسؤول", "2015-07-21"),
        ("بيروت: 3 آب (أغسطس) 2015 -", "2015-08-03"),
        ("حلب 05/08/2015 - ", "2015-08-05"),
        ("قصفت الطائرات مدينة حلب", None),
    ],
)
def test_dateline(head: str, iso: str | None) -> None:
    assert dateline_date(head) == iso


@pytest.mark.parametrize(
    ("sentence", "article", "expected_text", "expected"),
    [
        ("وبدأت المعركة في الرابع من تموز/يوليو", "2015-07-21", "الرابع من تموز/يوليو", ("2015-07-04", 1)),
        ("قصف عنيف ليل الاثنين - الثلاثاء", "2015-08-05", "ليل الاثنين - الثلاثاء", ("2015-08-03", 1)),
        ("قتل فجر يوم أمس الثلاثاء خمسة مدنيين", "2015-08-05", "فجر يوم امس الثلاثاء", ("2015-08-04", 1)),
        ("وصلت التعزيزات مؤخرا إلى المدينة", "2015-08-05", "موخرا", ("2015-08-05", 2)),
    ],
)
def test_ordinals_ranges_and_recent(sentence: str, article: str, expected_text: str, expected: tuple[str, int]) -> None:
    assert found(sentence) == expected_text
    assert resolve_date(expected_text, article) == expected
