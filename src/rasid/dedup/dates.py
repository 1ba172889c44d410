"""When a report says its event happened, as a day interval, for incident matching.

A report's time is an interval of proleptic ordinal days ``(lo, hi)`` plus a
flag saying whether the text states it (``explicit``) or it is only inferred
from the article's own date. Sources, in order:

1. ``event_date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), widened by
   ``time_precision`` (1 = that day, 2 = within three days either side, 3 = the
   month);
2. ``date_text`` resolved against the article date: "أمس" (the day before),
   "اليوم" (that day), "أول أمس" (two days before), a weekday name (the latest such
   day on or before the article date; "الماضي" after it changes nothing),
   "<day> [من] [شهر] <month name>" (that day, in the last year that puts it
   on or before the article date);
3. the article date alone, when the report has no time expression or only a
   time of day ("صباحاً"): the event is recent news, so it lies within
   ``lookback_days`` before the article date (not explicit).

No date at all, a stretch of time ("منذ", "خلال": "منذ 25 حزيران", "خلال
الأيام الأخيرة"), or a time expression that cannot be resolved ("في الرابع من
يوليو", "الشهر الماضي") gives ``None``: the report's time is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rasid.resolve.dates import resolve_date
from rasid.text.normalize import fold

__all__ = ["ReportTime", "report_time", "parse_iso", "iso"]

_WEEKDAY = re.compile(fold("الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد"))
_ANCHORED = re.compile(fold(r"(?<!\w)(?:و|ف|ب|وب|بال|وبال)?(?:امس|البارحه|اليوم|الليله)(?!\w)"))
_SPAN = re.compile(fold("منذ|خلال|طوال|حتى"))  # a stretch of time, not a day
_VAGUE = re.compile(fold("أيام|الأخيرة|أسابيع|أسبوع|أشهر|شهر|سنوات|سنة|عام|أعوام"))
_TIME_OF_DAY = re.compile(fold(r"(?:(?:في|خلال|منذ)\s+)?(?:ال)?(?:صباح|مساء|ليل|فجر|ظهر|عصر|الليلة|ساعات|قليل)\S*(?:\s+\S+)?"))
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class ReportTime:
    """A report's time as an interval of ordinal days."""

    lo: int
    """First possible day (``date.toordinal()``)."""
    hi: int
    """Last possible day."""
    explicit: bool
    """True when the text (or ``event_date``) states it, False when it comes from the article date."""
    anchored: bool = False
    """True when read from "أمس"/"اليوم" against the article date: the article's date may lag
    its publication by a day, so such a day may be one off (weekday names and dates are not)."""

    def gap(self, other: ReportTime) -> int:
        """Days between the two intervals (0 when they overlap)."""
        return max(0, other.lo - self.hi, self.lo - other.hi)


def parse_iso(s: str | None) -> tuple[int, int] | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` as an interval of ordinal days, else None."""
    m = _ISO.match(s or "")
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3))).toordinal()
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            first = date(y, mo, 1)
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
        return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
    except ValueError:
        return None


def iso(day: int) -> str:
    """An ordinal day as ``YYYY-MM-DD``."""
    return date.fromordinal(day).isoformat()


@lru_cache(maxsize=65536)
def _from_text(text: str, ref: date) -> tuple[int, bool] | None:
    """Resolve a time expression against the article date: (day, anchored), None when vague.

    The day comes from :func:`rasid.resolve.dates.resolve_date` (the extractor's
    own resolver); only an expression it resolves to one day counts here.
    """
    t = fold(text)
    if _SPAN.search(t):
        return None
    has_day_month = bool(re.search(r"\d", t))
    if _VAGUE.search(t) and not has_day_month:
        return None
    found, precision = resolve_date(t, ref.isoformat())
    if found is None or precision != 1:
        return None
    # a named weekday pins the day; أمس/اليوم alone may be one off (see ReportTime.anchored)
    return date.fromisoformat(found).toordinal(), bool(_ANCHORED.search(t)) and not _WEEKDAY.search(t)


@lru_cache(maxsize=65536)
def _time_of_day(text: str) -> bool:
    return bool(_TIME_OF_DAY.fullmatch(fold(text).strip()))


def report_time(event: dict, doc_date: str | None, *, lookback_days: int = 2) -> ReportTime | None:
    """The time interval of one event dict (see the module docstring).

    Args:
        event: an ``Event.to_dict()`` record.
        doc_date: the article's date ``YYYY-MM-DD``, if known.
        lookback_days: how far before the article date an undated event may lie.

    Returns:
        The interval, or None when neither the event nor its article is dated.
    """
    span = parse_iso(event.get("event_date"))
    if span:
        widen = {2: 3}.get(event.get("time_precision") or 1, 0)
        if event.get("time_precision") == 3 and span[0] == span[1]:
            d = date.fromordinal(span[0])
            span = parse_iso(f"{d.year:04d}-{d.month:02d}") or span
        explicit = bool(event.get("date_text")) or event.get("time_precision") == 1
        return ReportTime(span[0] - widen, span[1] + widen, explicit)
    ref = parse_iso(doc_date)
    if ref is None or ref[0] != ref[1]:
        return None
    ref_day = date.fromordinal(ref[0])
    text = event.get("date_text")
    if text:
        found = _from_text(text, ref_day)
        if found is not None and found[0] <= ref[0]:
            return ReportTime(found[0], found[0], True, found[1])
        if not _time_of_day(text):
            return None  # a date we cannot read ("في الرابع من يوليو", "منذ أسبوعين")
    return ReportTime(ref[0] - lookback_days, ref[0], False)
