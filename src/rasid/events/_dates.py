"""Built-in finder of time expressions, used when :mod:`rasid.resolve.dates` is absent.

It finds the spec's ``date_text``: a weekday or relative day with its
optional part of day ("صباح الاثنين", "يوم الثلاثاء", "أمس", "أول أمس") or a
day and month ("في 29 تموز").
"""

from __future__ import annotations

import re

from rasid.text.normalize import fold

__all__ = ["find_date_text"]

_DAYS = "|".join(fold(w) for w in "الاثنين الثلاثاء الاربعاء الخميس الجمعة السبت الاحد".split())
_MONTHS = "|".join(fold(w) for w in (
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول|"
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
).split("|"))
_PART = "|".join(fold(w) for w in "صباح مساء ليل ليلة فجر ظهر عصر منتصف يوم".split())
_RE = re.compile(
    rf"(?:(?:{_PART})\s+)?(?:(?:اول\s+)?امس|اليوم|(?:{_DAYS})(?:\s+الماضي)?)(?:\s+\((?:امس|اول امس)\))?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\((?:{_MONTHS})\))?(?:\s+(?:الماضي|الحالي|الجاري))?",
)


def find_date_text(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Span of the first time expression in folded ``text[start:end]``, or None."""
    end = len(text) if end is None else end
    for m in _RE.finditer(text, start, end):
        s, e = m.span()
        if (s == 0 or not text[s - 1].isalpha()) and (e >= len(text) or not text[e].isalpha()):
            return s, e
    return None
