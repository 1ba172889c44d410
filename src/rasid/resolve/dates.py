"""Time expressions: find them in folded text and turn them into ISO dates.

:func:`find_date_text` finds the time expression of a clause as written
("الثلاثاء", "مساء الجمعة", "فجر اليوم", "29 تموز الماضي", "4 يوليو (تموز)
الحالي", "الأسبوع المقبل", "خلال 16 يوما"). :func:`resolve_date` turns it, with
the article date, into an ``event_date`` and an ACLED-style
``time_precision``:

* 1: the day is known (a date, a weekday, اليوم/أمس, "قبل يومين");
* 2: within about a week (الأسبوع الماضي, "خلال الأيام الماضية", "منذ 5 أيام"),
  and also when the clause has no time expression at all: the event is dated
  to the article date, which news reports usually follow within a day or two;
* 3: only the month is known (تموز الماضي, الشهر الماضي, "خلال 16 يوما"); a
  month alone is dated to its 15th, clamped to the article date.

Weekday names mean the last such day on or before the article date, or the
next one on or after it for planned or hypothetical events; "الماضي" and
"المقبل" after the weekday override that. Both month-name series are known
(كانون الثاني … كانون الأول and يناير … ديسمبر, with Maghrebi variants), as data
in ``data/lexicons/time.tsv``.

>>> resolve_date(fold("الثلاثاء"), "2015-07-23")
('2015-07-21', 1)
>>> resolve_date(fold("29 تموز الماضي"), "2015-08-05")
('2015-07-29', 1)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rasid.errors import DataFileError
from rasid.resolve.actors import _package_text
from rasid.text.normalize import fold

__all__ = ["TimeLexicon", "find_date_text", "resolve_date", "dateline_date"]

_KINDS = ("weekday", "month", "day", "daypart", "qual", "unit", "unit2", "number", "range", "ordinal", "recent")
_W = r"[^\W_]"  # a word character (letters and digits)


def _alt(words: list[str]) -> str:
    """Regex alternation of folded words, longest first, spaces matching any run of spaces."""
    ws = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws) + ")"


@dataclass(frozen=True)
class TimeLexicon:
    """Folded time words by kind, and the patterns built from them."""

    words: dict[str, dict[str, str]]
    """kind → folded word → value (see ``time.tsv``)."""

    @classmethod
    def from_text(cls, text: str, path: str = "time.tsv") -> TimeLexicon:
        """Parse the ``time.tsv`` format.

        Raises:
            DataFileError: a malformed line or unknown kind.
        """
        words: dict[str, dict[str, str]] = {k: {} for k in _KINDS}
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or cols[1].strip() not in _KINDS:
                raise DataFileError(f"time lexicon {path} line {n}: expected word<TAB>kind<TAB>value, got {line!r}")
            w = " ".join(fold(cols[0]).split())
            words[cols[1].strip()][w] = cols[2].strip() if len(cols) > 2 else ""
        return cls(words)

    @classmethod
    def default(cls) -> TimeLexicon:
        """The package time lexicon (cached)."""
        return _default_time()

    def alt(self, *kinds: str) -> str:
        """Alternation regex of all words of the given kinds."""
        return _alt([w for k in kinds for w in self.words[k]])


@lru_cache(maxsize=1)
def _default_time() -> TimeLexicon:
    return TimeLexicon.from_text(_package_text("time.tsv"), "lexicons/time.tsv")


@dataclass(frozen=True)
class _Patterns:
    find: re.Pattern[str]
    month: re.Pattern[str]
    weekday: re.Pattern[str]
    day: re.Pattern[str]
    qual: re.Pattern[str]
    duration: re.Pattern[str]
    period: re.Pattern[str]
    full: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lx = _default_time()
    W, M, DP, Q = lx.alt("weekday"), lx.alt("month"), lx.alt("daypart"), lx.alt("qual")
    DAY, U, U2, NUM, R = lx.alt("day"), lx.alt("unit"), lx.alt("unit2"), lx.alt("number"), lx.alt("range")
    ORD, REC = lx.alt("ordinal"), lx.alt("recent")
    DP_ = rf"(?:{DP}\s+(?:يوم\s+)?)"
    year = r"(?:\s+(?:عام\s+|العام\s+|سنه\s+)?\d{4})"
    monthx = rf"{M}(?:\s*[(/]\s*{M}\s*[)/]?)?"
    alts = [
        # 29 تموز الماضي, الثلاثاء 4 يوليو (تموز) 2015, 21/7/2015
        rf"(?P<A>(?:{DP_}|يوم\s+)?(?:{W}\s+(?:الموافق\s+(?:ل\s*)?)?)?\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?{monthx}{year}?(?:\s+{Q})?)",
        r"(?P<N>\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d))",
        # الرابع من تموز/يوليو
        rf"(?P<O>(?:{DP_}|يوم\s+)?{ORD}\s+من\s+(?:شهر\s+)?{monthx}{year}?(?:\s+{Q})?)",
        # مساء الجمعة, يوم الأحد الماضي, ليل الاثنين - الثلاثاء
        rf"(?P<B>(?:{DP_}|يوم\s+)?{W}(?:\s*[-–/]\s*{W})?(?:\s+{Q})?)",
        # فجر اليوم, أمس الأول, الليلة الماضية, فجر يوم أمس الثلاثاء
        rf"(?P<C>(?:{DP_}|يوم\s+)?{DAY}(?:\s+{W})?)",
        # مؤخرا, في الآونة الأخيرة
        rf"(?P<R>{REC})",
        # شهر تموز الماضي, مطلع أغسطس (آب) المقبل, حزيران 2015
        rf"(?P<F>(?:(?:{R}|شهر)\s+(?:شهر\s+)?){monthx}(?:{year}|\s+{Q})?|(?<=في\s){monthx}(?:{year}|\s+{Q})?|{monthx}(?:{year}|\s+{Q}))",
        # الأسبوع المقبل, خلال الأيام الماضية, الساعات الـ24 الماضية, هذا الأسبوع
        rf"(?P<D>(?:{R}\s+)?(?:هذا\s+)?(?:{U})(?:\s+ال?\d+)?\s+{Q}|(?:{R}\s+)?هذا\s+(?:{U}))",
        # خلال 16 يوما, منذ ثلاثة أيام, قبل يومين, منذ أكثر من أسبوع
        rf"(?P<E>{R}\s+(?:(?:اكثر|اقل)\s+من\s+|ما\s+(?:يزيد|يقل)\s+(?:عن|علي)\s+|نحو\s+|حوالي\s+|قرابه\s+)?(?:(?:\d+|{NUM})\s+{U}|{U2}|{U}))",
    ]
    find = re.compile(rf"(?<!{_W})(?:[وفبل]{{1,2}}(?=\S))??(?:{'|'.join(alts)})(?!{_W})")
    return _Patterns(
        find=find,
        month=re.compile(rf"(?<!{_W}){M}(?!{_W})"),
        weekday=re.compile(rf"(?<!{_W})[وفبل]?{W}(?!{_W})"),
        day=re.compile(rf"(?<!{_W})[وفبل]?{DAY}(?!{_W})"),
        qual=re.compile(rf"(?<!{_W}){Q}(?!{_W})"),
        duration=re.compile(rf"(?:(\d+|{NUM})\s+({U})|({U2})|({U}))"),
        period=re.compile(rf"(?:هذا\s+)?({U})(?:\s+ال?\d+)?\s+({Q})|هذا\s+({U})"),
        full=re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({monthx})\s*(?:عام\s+)?(\d{{4}})(?!\d)"),
    )


_PRIORITY = {"A": 0, "N": 0, "O": 0, "B": 1, "C": 2, "F": 3, "D": 4, "E": 5, "R": 6}


def find_date_text(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Span of the most specific time expression in ``text[start:end]`` (folded text), or None.

    An explicit date beats a weekday, which beats a relative day (اليوم، أمس),
    a month, then a period or duration; ties go to the first in the text. A
    leading clitic (و ف ب ل) is left out of the span.

    >>> t = fold("وقصفت الطائرات يوم الثلاثاء مدينة الرقة")
    >>> s, e = find_date_text(t)
    >>> t[s:e]
    'يوم الثلاثاء'
    """
    end = len(text) if end is None else end
    best: tuple[int, int, int] | None = None
    for m in _patterns().find.finditer(text, start, end):
        g = m.lastgroup
        if g is None:
            continue
        s, e = m.span(g)
        if g == "C" and text[s:e] in ("اليوم",) and _not_today(text, s):
            continue
        key = (_PRIORITY[g], s, e)
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else (best[1], best[2])


def _not_today(text: str, s: int) -> bool:
    """True when a bare اليوم is not a date (حتى اليوم = up to now, سوريا اليوم)."""
    before = text[max(0, s - 6):s].split()
    return bool(before) and before[-1] in ("حتي", "الي", "لليوم")


def _parse_iso(d: str | None) -> dt.date | None:
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d[:10])
    except ValueError:
        return None


def _qual(t: str) -> str | None:
    m = _patterns().qual.search(t)
    return _default_time().words["qual"][" ".join(m.group().split())] if m else None


def _month(t: str) -> tuple[int, int] | None:
    """(month, index) of the first month name in ``t``."""
    m = _patterns().month.search(t)
    if not m:
        return None
    return int(_default_time().words["month"][" ".join(m.group().split())]), m.start()


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _number(w: str) -> int:
    if w.isdigit():
        return int(w)
    return int(_default_time().words["number"].get(w, "1"))


def resolve_date(
    date_text: str | None,
    article_date: str | None,
    *,
    modality: str = "asserted",
) -> tuple[str | None, int | None]:
    """ISO ``event_date`` and ``time_precision`` (1 day, 2 week, 3 month) of a time expression.

    Args:
        date_text: the folded time expression (from :func:`find_date_text`), or None.
        article_date: publication (or crawl) date ``YYYY-MM-DD``; relative expressions need it.
        modality: ``planned`` / ``hypothetical`` events look forward (weekdays, years of dates).

    Returns:
        ``(event_date, precision)``; ``(article_date, 2)`` when there is no expression;
        ``(None, None)`` when nothing can be resolved.
    """
    ref = _parse_iso(article_date)
    forward = modality in ("planned", "hypothetical")
    if not date_text or not date_text.strip():
        return (ref.isoformat(), 2) if ref else (None, None)
    t = " ".join(fold(date_text).split())
    pats = _patterns()
    lx = _default_time()
    qual = _qual(t)
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", t)]

    # 21/7/2015
    m = re.search(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)", t)
    if m:
        y = int(m.group(3))
        y = y + 2000 if y < 100 else y
        d = _safe_date(y, int(m.group(2)), int(m.group(1)))
        return (d.isoformat(), 1) if d else (None, None)

    mon = _month(t)
    # 29 تموز الماضي, الرابع من تموز
    if mon is not None:
        head = t[: mon[1]]
        m = re.search(r"(?<!\d)(\d{1,2})\s+(?:من\s+)?(?:شهر\s+)?$", head)
        day = int(m.group(1)) if m else None
        if day is None:
            m = re.search(rf"({lx.alt('ordinal')})\s+من\s+(?:شهر\s+)?$", head)
            if m:
                day = int(lx.words["ordinal"][" ".join(m.group(1).split())])
        if day is not None:
            if years:
                d = _safe_date(years[0], mon[0], day)
                return (d.isoformat(), 1) if d else (None, None)
            if ref is None:
                return None, None
            d = _safe_date(ref.year, mon[0], day)
            if d is None:
                return None, None
            if qual == "past" and d > ref:
                d = _safe_date(ref.year - 1, mon[0], day) or d
            elif qual == "future" and d < ref:
                d = _safe_date(ref.year + 1, mon[0], day) or d
            elif qual is None and not forward and (d - ref).days > 30:
                d = _safe_date(ref.year - 1, mon[0], day) or d
            elif qual is None and forward and (ref - d).days > 30:
                d = _safe_date(ref.year + 1, mon[0], day) or d
            return d.isoformat(), 1

    # weekdays
    m = pats.weekday.search(t)
    if m:
        w = m.group()
        wd_words = lx.words["weekday"]
        wd = int(wd_words.get(w, wd_words.get(w[1:], "0")))
        if ref is None:
            return None, None
        ahead = qual == "future" or (forward and qual != "past")
        if ahead:
            delta = (wd - ref.weekday()) % 7
            if delta == 0 and qual == "future":
                delta = 7
            return (ref + dt.timedelta(days=delta)).isoformat(), 1
        delta = (ref.weekday() - wd) % 7
        if delta == 0 and qual == "past":
            delta = 7
        return (ref - dt.timedelta(days=delta)).isoformat(), 1

    # اليوم، أمس، أمس الأول
    m = pats.day.search(t)
    if m:
        w = " ".join(m.group().split())
        dw = lx.words["day"]
        off = dw.get(w)
        if off is None and w[:1] in "وفبل":
            off = dw.get(w[1:])
        if ref is None:
            return None, None
        return (ref + dt.timedelta(days=int(off or 0))).isoformat(), 1

    # a month without a day
    if mon is not None:
        if years:
            y = years[0]
        elif ref is None:
            return None, None
        else:
            y = ref.year
            if qual == "past" and mon[0] > ref.month:
                y -= 1
            elif qual == "future" and mon[0] < ref.month:
                y += 1
            elif qual is None and not forward and mon[0] > ref.month + 1:
                y -= 1
            elif qual is None and forward and mon[0] < ref.month - 1:
                y += 1
        d = dt.date(y, mon[0], 15)
        if ref is not None and y == ref.year and mon[0] == ref.month and d > ref and not forward:
            d = ref
        return d.isoformat(), 3

    if ref is None:
        return (f"{years[0]}-07-01", 3) if years else (None, None)

    # مؤخرا, في الآونة الأخيرة
    for w, v in lx.words["recent"].items():
        if w in t:
            return ref.isoformat(), 2 if int(v) <= 7 else 3

    # الأسبوع الماضي, الشهر المقبل, الأيام الماضية, هذا الأسبوع
    m = pats.period.search(t)
    if m:
        unit = lx.words["unit"][" ".join((m.group(1) or m.group(3)).split())]
        q = lx.words["qual"][" ".join(m.group(2).split())] if m.group(2) else "present"
        sign = {"past": -1, "present": 0, "future": 1}[q]
        plural = (m.group(1) or m.group(3)) in ("الايام", "الاسابيع", "الاشهر", "الساعات")
        if unit in ("hour",):
            return ref.isoformat(), 1
        if unit == "day" or (unit == "week" and plural):
            return ref.isoformat(), 2
        if unit == "week":
            return (ref + dt.timedelta(days=7 * sign)).isoformat(), 2
        if unit == "month":
            if plural:
                return ref.isoformat(), 3
            y, mo = _shift_month(ref.year, ref.month, sign)
            d = dt.date(y, mo, 15)
            return (min(d, ref) if sign == 0 else d).isoformat(), 3
        if unit == "year":
            return dt.date(ref.year + sign, 7, 1).isoformat(), 3

    # خلال 16 يوما, منذ ثلاثة أيام, قبل يومين
    m = pats.duration.search(t)
    if m:
        rng_words = lx.words["range"]
        rng = next((v for w, v in rng_words.items() if re.search(rf"(?<!{_W}){re.escape(w)}(?!{_W})", t)), "within")
        if m.group(2):
            n, unit = _number(m.group(1)), lx.words["unit"][m.group(2)]
        elif m.group(3):
            n, unit = 2, lx.words["unit2"][m.group(3)]
        else:
            n, unit = 3 if m.group(4) in ("ايام", "اسابيع", "اشهر", "شهور", "ساعات", "سنوات", "اعوام") else 1, \
                lx.words["unit"][m.group(4)]
        days = n * {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit]
        if unit == "hour":
            return ref.isoformat(), 1
        if rng == "ago":
            return (ref - dt.timedelta(days=days)).isoformat(), 1 if unit == "day" else (2 if days <= 14 else 3)
        if rng == "since":
            return (ref - dt.timedelta(days=days)).isoformat(), 2 if days <= 7 else 3
        return ref.isoformat(), 2 if days <= 7 else 3

    if years:
        return f"{years[0]}-07-01", 3
    return ref.isoformat(), 2


def dateline_date(text: str) -> str | None:
    """Date of a dateline near the top of an article ("دمشق - 21 يوليو 2015"), ISO, or None.

    Only the first 300 characters are read, and only full dates with a year count.

    >>> dateline_date("دمشق - 21 يوليو 2015 (رويترز) - قال")
    '2015-07-21'
    """
    head = fold(text[:300])
    m = re.search(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)", head)
    if m:
        d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            return d.isoformat()
    m = _patterns().full.search(head)
    if m:
        mon = _month(m.group(2))
        if mon is not None:
            d = _safe_date(int(m.group(3)), mon[0], int(m.group(1)))
            if d:
                return d.isoformat()
    return None
