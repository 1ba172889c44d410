"""Every read and write of the store: ingest, incident refresh, filtered queries.

The web routes and the CLI call these functions; none of them writes SQL.

* :func:`ingest_document` stores one processed :class:`~rasid.doc.Document`
  (its events, entities and quotes) in its own transaction. The same article
  text (SHA-256 of ``raw``) is stored once; a document that fails is rolled
  back, logged and reported as ``failed`` — the caller goes on with the next.
* :func:`refresh_incidents` recomputes incidents from all stored events with
  ``rasid.dedup.incidents.build_incidents``.
* ``list_*`` take a :class:`Filters` and ``limit``/``offset`` and return a
  :class:`Page` (items + total).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, bindparam, delete, func, insert, or_, select
from sqlalchemy.orm import Session, selectinload

from rasid.doc import Document
from rasid.store.admin1 import admin1_variants
from rasid.store.models import DocumentRow, EntityRow, EventRow, IncidentReportRow, IncidentRow, QuoteRow
from rasid.text.normalize import fold

__all__ = [
    "IngestResult", "Filters", "Page", "content_hash", "ingest_document", "ingest_documents",
    "refresh_incidents", "list_events", "list_incidents", "list_documents", "get_event", "get_incident",
    "get_document", "find_document_by_hash", "iter_event_records", "iter_incident_records", "event_record", "incident_record",
    "incident_timeline", "facets", "search_text",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")
IncidentBuilder = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# ---------------------------------------------------------------- ingest

@dataclass(slots=True)
class IngestResult:
    """What happened to one document: ``added``, ``duplicate`` or ``failed``."""

    doc_id: str
    status: str
    document_id: int | None = None
    events: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def content_hash(raw: str) -> str:
    """SHA-256 hex digest of the article text (the de-duplication key)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def search_text(*parts: str | None) -> str:
    """Folded, lower-cased text for ``search`` columns."""
    return fold(" ".join(p for p in parts if p)).lower()


def _text(s: str | None) -> str | None:
    """NUL → U+FFFD: PostgreSQL text cannot hold NUL; same length, so offsets stay true."""
    return s.replace("\x00", "\ufffd") if s else s


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    m = _DATE.match(str(value))
    return m.group(0) if m else None


def _as_dict(rec: Any) -> dict[str, Any]:
    if isinstance(rec, dict):
        return rec
    return rec.to_dict()


_EVENT_KNOWN = frozenset({
    "doc", "type", "modality", "evidence", "trigger", "start", "end", "trigger_start", "trigger_end",
    "actor1", "actor2", "location", "fatalities", "source", "date_text", "event_date",
    "time_precision", "actor1_text", "actor2_text", "source_text"})
_QUOTE_FIELDS = ("speaker", "speaker_start", "speaker_end", "actor", "cue", "cue_start", "cue_end",
                 "quote", "start", "end")
# Core statements (no ORM unit of work): one document row, then one executemany per child table
_DOCUMENTS = DocumentRow.__table__
_FIND_HASH = select(_DOCUMENTS.c.id).where(_DOCUMENTS.c.content_hash == bindparam("digest"))
_INSERT_DOCUMENT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id)
_INSERT_EVENTS = insert(EventRow.__table__)
_INSERT_QUOTES = insert(QuoteRow.__table__)
_INSERT_ENTITIES = insert(EntityRow.__table__)


def _event_row(ev: dict[str, Any], doc: Document, seq: int, document_id: int | None = None) -> dict[str, Any]:
    """Column values of one ``events`` row (``document_id`` set by the caller once known)."""
    loc = ev.get("location") or {}
    fat = ev.get("fatalities") or {}
    start, end = ev.get("start"), ev.get("end")
    evidence = ev.get("evidence") or ""
    if (start is None or end is None or doc.raw[start:end] != evidence) and evidence:
        found = doc.raw.find(evidence)  # keep offsets truthful so highlights land on the words
        if found >= 0:
            start, end = found, found + len(evidence)
    extra = {k: v for k, v in ev.items() if k not in _EVENT_KNOWN}
    event_date = _iso_date(ev.get("event_date"))
    return {
        "document_id": document_id,
        "doc_id": doc.id, "seq": seq, "type": ev.get("type"), "modality": ev.get("modality") or "asserted",
        "evidence": _text(evidence), "start": start if start is not None else 0,
        "end": end if end is not None else 0,
        "trigger": _text(ev.get("trigger")) or "",
        "trigger_start": ev.get("trigger_start"), "trigger_end": ev.get("trigger_end"),
        "actor1": ev.get("actor1"), "actor2": ev.get("actor2"),
        "actor1_text": ev.get("actor1_text"), "actor2_text": ev.get("actor2_text"),
        "loc_text": loc.get("text"), "loc_name": loc.get("name"), "admin1": loc.get("admin1"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "geo_precision": loc.get("precision"),
        "loc_gid": loc.get("gid"), "country": loc.get("country"), "loc_start": loc.get("start"),
        "loc_end": loc.get("end"),
        "fat_total": fat.get("total"), "fat_civilians": fat.get("civilians"),
        "fat_children": fat.get("children"), "fat_combatants": fat.get("combatants"),
        "fat_text": fat.get("text") or None,
        "source": ev.get("source"), "source_text": ev.get("source_text"), "date_text": ev.get("date_text"),
        "event_date": event_date, "time_precision": ev.get("time_precision"),
        "date": event_date or _iso_date(doc.date),
        "search": _text(search_text(evidence, loc.get("text"), loc.get("name"), loc.get("admin1"),
                                    ev.get("actor1_text"), ev.get("actor2_text"),
                                    ev.get("source_text"))) or "",
        "extra": extra or None,
    }


def _quote_row(q: Any, document_id: int | None = None) -> dict[str, Any]:
    """Column values of one ``quotes`` row (a ``Quote`` record or its dict)."""
    if isinstance(q, dict):
        get = q.get
    else:  # a record: read its fields directly (to_dict deep-copies through dataclasses.asdict)
        def get(name: str) -> Any:
            return getattr(q, name, None)
    d = {f: get(f) for f in _QUOTE_FIELDS}
    d["cue"] = d["cue"] or ""
    d["quote"] = d["quote"] or ""
    d["start"] = d["start"] or 0
    d["end"] = d["end"] or 0
    d["document_id"] = document_id
    return d


def _entity_rows(doc: Document, document_id: int | None = None) -> list[dict[str, Any]]:
    """Column values of the ``entities`` rows of a document (raw offsets)."""
    rows = []
    for span in doc.ents:
        if not doc.offsets:
            break
        s, e = doc.raw_span(span.start, span.end)
        rows.append({"document_id": document_id, "label": span.label or "MISC", "text": doc.raw[s:e],
                     "start": s, "end": e})
    return rows


def ingest_document(session: Session, doc: Document) -> IngestResult:
    """Store one processed document with its events, entities and quotes.

    Commits on success. The same raw text ingested again adds nothing
    (``status="duplicate"``). On any database or data error the transaction is
    rolled back, a warning is logged with the document id and
    ``status="failed"`` is returned; nothing of the document is kept.

    Rows are written with Core statements (``INSERT … RETURNING id`` for the
    document, then one executemany per table), not ORM objects: the unit of
    work was most of the cost of a batch ingest.
    """
    digest = content_hash(doc.raw)  # of the text as read, so a re-read article is recognised
    try:
        existing = session.execute(_FIND_HASH, {"digest": digest}).scalar()
        if existing is not None:
            logger.debug("document %s already stored as #%d", doc.id, existing)
            return IngestResult(doc.id, "duplicate", existing)
        meta = dict(doc.meta or {})
        # rows built before anything is written, so bad data fails before the INSERTs
        events = [_event_row(_as_dict(ev), doc, i) for i, ev in enumerate(doc.events)]
        quotes = [_quote_row(q) for q in doc.quotes]
        entities = _entity_rows(doc)
        document_id = session.execute(_INSERT_DOCUMENT, {
            "doc_id": doc.id, "title": _text(doc.title), "raw": _text(doc.raw), "date": _iso_date(doc.date),
            "outlet": meta.get("outlet") or meta.get("source"), "url": meta.get("url"),
            "content_hash": digest, "meta": {k: v for k, v in meta.items() if _jsonable(v)} or None,
            "search": _text(search_text(doc.title, doc.raw)) or "",
        }).scalar_one()
        for stmt, rows in ((_INSERT_EVENTS, events), (_INSERT_QUOTES, quotes), (_INSERT_ENTITIES, entities)):
            if rows:
                for r in rows:
                    r["document_id"] = document_id
                session.execute(stmt, rows)
        session.commit()
    except Exception as e:  # one bad document must not stop a batch
        session.rollback()
        first_line = (str(e).splitlines() or [""])[0]
        logger.warning("document %s not stored: %s: %s", doc.id, type(e).__name__, first_line)
        return IngestResult(doc.id, "failed", error=f"{type(e).__name__}: {e}")
    logger.debug("document %s stored as #%d with %d events", doc.id, document_id, len(events))
    return IngestResult(doc.id, "added", document_id, len(events))


def _jsonable(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None), list, dict))


def ingest_documents(session: Session, docs: Iterable[Document]) -> list[IngestResult]:
    """:func:`ingest_document` over a stream; one result per document."""
    results = [ingest_document(session, d) for d in docs]
    added = sum(r.status == "added" for r in results)
    logger.info("ingest: %d documents, %d added, %d duplicate, %d failed", len(results), added,
                sum(r.status == "duplicate" for r in results), sum(r.status == "failed" for r in results))
    return results


# ---------------------------------------------------------------- records

def event_record(row: EventRow) -> dict[str, Any]:
    """A stored event as a spec record dict (``Event.to_dict`` shape) plus ``id`` and ``doc_date``."""
    loc = None
    if row.loc_text is not None or row.loc_name is not None or row.lat is not None:
        loc = {"text": row.loc_text or row.loc_name or "", "name": row.loc_name, "admin1": row.admin1,
               "lat": row.lat, "lon": row.lon, "precision": row.geo_precision or 1, "gid": row.loc_gid,
               "country": row.country, "start": row.loc_start, "end": row.loc_end}
    fat = None
    if any(v is not None for v in (row.fat_total, row.fat_civilians, row.fat_children, row.fat_combatants)) \
            or row.fat_text:
        fat = {"total": row.fat_total, "civilians": row.fat_civilians, "children": row.fat_children,
               "combatants": row.fat_combatants, "text": row.fat_text or ""}
    d: dict[str, Any] = {
        "id": row.id, "doc": row.doc_id, "type": row.type, "modality": row.modality,
        "evidence": row.evidence, "trigger": row.trigger, "start": row.start, "end": row.end,
        "trigger_start": row.trigger_start, "trigger_end": row.trigger_end,
        "actor1": row.actor1, "actor2": row.actor2, "location": loc, "fatalities": fat,
        "source": row.source, "date_text": row.date_text, "event_date": row.event_date,
        "time_precision": row.time_precision, "actor1_text": row.actor1_text,
        "actor2_text": row.actor2_text, "source_text": row.source_text, "date": row.date,
    }
    if row.extra:
        d.update({k: v for k, v in row.extra.items() if k not in d})
    return d


def incident_record(row: IncidentRow) -> dict[str, Any]:
    """A stored incident as the JSONL export's dict (``reports`` included)."""
    return {
        "id": row.key, "db_id": row.id, "type": row.type,
        "location": {"text": row.loc_text, "name": row.loc_name, "admin1": row.admin1, "lat": row.lat,
                     "lon": row.lon, "precision": row.geo_precision},
        "fatalities": {"min": row.fat_min, "max": row.fat_max, "conservative": row.fat_conservative,
                       "by_source": row.fat_by_source or {}},
        "date_start": row.date_start, "date_end": row.date_end,
        "actors": row.actors.split(),
        **(row.data or {}),
        "reports": [{"doc": r.doc_id, "type": r.type, "start": r.start, "end": r.end, "evidence": r.evidence,
                     "source": r.source, "event_id": r.event_id} for r in row.reports],
    }


# ---------------------------------------------------------------- incidents

def _default_builder(doc_dates: dict[str, str]) -> IncidentBuilder | None:
    try:
        from rasid.dedup.incidents import build_incidents
    except ImportError:
        return None
    return lambda events: build_incidents(events, doc_dates=doc_dates)


def _num(v: Any) -> int | None:
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


def refresh_incidents(session: Session, builder: IncidentBuilder | None = None) -> int:
    """Recompute every incident from the stored events; returns how many were stored.

    ``builder`` defaults to ``rasid.dedup.incidents.build_incidents`` (given
    each article's date for undated events); when that module is not installed
    the incident tables are emptied and 0 is returned. Event records passed to
    the builder carry ``doc`` = the document id (``doc_id@row`` when two stored
    articles share an id), ``doc_date`` and ``event_key`` (the event's row id).
    Runs in one transaction (rolled back and re-raised on failure); rows are
    written with bulk inserts.
    """
    # plain rows, not ORM objects: this reads every event of the store
    rows = session.execute(
        select(*EventRow.__table__.columns, DocumentRow.date.label("doc_date"))
        .join(DocumentRow, EventRow.document_id == DocumentRow.id).order_by(EventRow.id)).all()
    # document ids as the builder sees them: unique per stored article
    ids_per_name: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        ids_per_name[r.doc_id].add(r.document_id)

    def doc_key(r: Any) -> str:
        return r.doc_id if len(ids_per_name[r.doc_id]) == 1 else f"{r.doc_id}@{r.document_id}"

    by_id = {r.id: r for r in rows}
    by_span: dict[tuple[Any, ...], Any] = {}
    records = []
    doc_dates: dict[str, str] = {}
    for r in rows:
        rec = event_record(r)
        rec["doc"] = doc_key(r)
        rec["doc_date"] = r.doc_date
        rec["event_key"] = str(r.id)
        if r.doc_date:
            doc_dates[rec["doc"]] = r.doc_date
        records.append(rec)
        by_span.setdefault((rec["doc"], r.type, r.start, r.end), r)
        by_span.setdefault((rec["doc"], r.start, r.end), r)
    builder = builder or _default_builder(doc_dates)
    try:
        session.execute(delete(IncidentReportRow))
        session.execute(delete(IncidentRow))
        if builder is None:
            logger.warning("rasid.dedup.incidents not available: no incidents stored")
            session.commit()
            return 0
        incidents = builder(records) if records else []
        seen: set[str] = set()
        built = [_incident_values(inc, by_id, by_span, seen) for inc in incidents]
        if built:
            session.execute(insert(IncidentRow.__table__), [values for values, _ in built])
            ids: dict[str, int] = {k: i for k, i in session.execute(select(IncidentRow.key, IncidentRow.id))}
            reports = [{**rep, "incident_id": ids[values["key"]]} for values, reps in built for rep in reps]
            if reports:
                session.execute(insert(IncidentReportRow.__table__), reports)
        session.commit()
    except Exception:
        session.rollback()
        raise
    logger.info("incidents: %d from %d events", len(incidents), len(records))
    return len(incidents)


def _report_event(rep: dict[str, Any], by_id: dict[int, Any], by_span: dict[tuple[Any, ...], Any]) -> Any:
    for key in ("event_id", "event_key"):
        v = rep.get(key)
        if v is not None and str(v).isdigit() and int(v) in by_id:
            return by_id[int(v)]
    return by_span.get((rep.get("doc"), rep.get("type"), rep.get("start"), rep.get("end"))) \
        or by_span.get((rep.get("doc"), rep.get("start"), rep.get("end")))


_INCIDENT_EXTRAS = ("types", "modality", "sources", "n_docs", "date_explicit")


def _incident_values(inc: dict[str, Any], by_id: dict[int, Any], by_span: dict[tuple[Any, ...], Any],
                     seen: set[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Column values of one incident row and of its report rows (without ``incident_id``)."""
    key = str(inc.get("id") or f"inc-{len(seen) + 1}")
    while key in seen:
        key += "+"
    seen.add(key)
    loc = inc.get("location") or {}
    fat = inc.get("fatalities") or {}
    reports = []
    actors: set[str] = set()
    texts = [loc.get("text"), loc.get("name"), loc.get("admin1")]
    for rep in inc.get("reports") or []:
        ev = _report_event(rep, by_id, by_span)
        if ev is not None:
            actors.update(a for a in (ev.actor1, ev.actor2) if a)
            texts.append(ev.loc_text)
        texts.append(rep.get("evidence"))
        reports.append({
            "event_id": ev.id if ev is not None else None,
            "doc_id": ev.doc_id if ev is not None else str(rep.get("doc") or ""),
            "type": rep.get("type") or inc.get("type") or "", "start": rep.get("start"), "end": rep.get("end"),
            "evidence": _text(rep.get("evidence") or (ev.evidence if ev is not None else "")) or "",
            "source": rep.get("source"),
        })
    by_source = fat.get("by_source") or {}
    values = {
        "key": key, "type": inc.get("type") or "", "loc_name": loc.get("name"), "loc_text": loc.get("text"),
        "admin1": loc.get("admin1"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geo_precision": loc.get("precision"), "fat_min": _num(fat.get("min")), "fat_max": _num(fat.get("max")),
        "fat_conservative": _num(fat.get("conservative")),
        "fat_by_source": by_source if isinstance(by_source, dict) else {"?": by_source},
        "date_start": _iso_date(inc.get("date_start")),
        "date_end": _iso_date(inc.get("date_end") or inc.get("date_start")),
        "n_reports": len(reports), "actors": " " + " ".join(sorted(actors)) + " " if actors else "",
        "search": _text(search_text(*texts)) or "",
        "data": {k: inc[k] for k in _INCIDENT_EXTRAS if k in inc} or None,
    }
    return values, reports


# ---------------------------------------------------------------- queries

@dataclass(slots=True)
class Filters:
    """Query filters shared by events and incidents (all optional, combined with AND).

    Attributes:
        types: event types (any of).
        actor: actor code, as actor1 or actor2.
        admin1: governorate: gazetteer or OCHA spelling, Arabic name or pcode.
        date_from / date_to: ``YYYY-MM-DD`` inclusive.
        bbox: ``(min_lon, min_lat, max_lon, max_lat)``.
        q: text search; folded, every word must occur.
    """

    types: Sequence[str] = ()
    actor: str | None = None
    admin1: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a listing and the total number of matches."""

    items: list[T]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)


def _like(col: Any, q: str) -> list[Any]:
    out = []
    for word in search_text(q).split():
        pat = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        out.append(col.like(pat, escape="\\"))
    return out


def _event_conds(f: Filters) -> list[Any]:
    c: list[Any] = []
    if f.types:
        c.append(EventRow.type.in_(list(f.types)))
    if f.actor:
        c.append(or_(EventRow.actor1 == f.actor, EventRow.actor2 == f.actor))
    if f.admin1:
        c.append(func.lower(EventRow.admin1).in_(admin1_variants(f.admin1)))
    if f.date_from:
        c.append(EventRow.date >= f.date_from)
    if f.date_to:
        c.append(EventRow.date <= f.date_to)
    if f.bbox:
        x0, y0, x1, y1 = f.bbox
        c += [EventRow.lon >= x0, EventRow.lon <= x1, EventRow.lat >= y0, EventRow.lat <= y1]
    if f.q:
        c += _like(EventRow.search, f.q)
    return c


def _incident_conds(f: Filters) -> list[Any]:
    c: list[Any] = []
    if f.types:
        c.append(IncidentRow.type.in_(list(f.types)))
    if f.actor:
        c.append(IncidentRow.actors.contains(f" {f.actor} ", autoescape=True))
    if f.admin1:
        c.append(func.lower(IncidentRow.admin1).in_(admin1_variants(f.admin1)))
    if f.date_from:
        c.append(func.coalesce(IncidentRow.date_end, IncidentRow.date_start) >= f.date_from)
    if f.date_to:
        c.append(IncidentRow.date_start <= f.date_to)
    if f.bbox:
        x0, y0, x1, y1 = f.bbox
        c += [IncidentRow.lon >= x0, IncidentRow.lon <= x1, IncidentRow.lat >= y0, IncidentRow.lat <= y1]
    if f.q:
        c += _like(IncidentRow.search, f.q)
    return c


def _page(session: Session, stmt: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    items = list(session.scalars(stmt.limit(limit).offset(offset)).all())
    return items, total


def list_events(session: Session, filters: Filters | None = None, *, limit: int = 50,
                offset: int = 0) -> Page[EventRow]:
    """Events matching ``filters``, newest first."""
    f = filters or Filters()
    stmt = select(EventRow).where(and_(True, *_event_conds(f))) \
        .order_by(EventRow.date.desc().nulls_last(), EventRow.id)
    items, total = _page(session, stmt, limit, offset)
    return Page(items, total, limit, offset)


def list_incidents(session: Session, filters: Filters | None = None, *, limit: int = 50,
                   offset: int = 0) -> Page[IncidentRow]:
    """Incidents matching ``filters``, newest first (reports loaded)."""
    f = filters or Filters()
    stmt = select(IncidentRow).where(and_(True, *_incident_conds(f))) \
        .options(selectinload(IncidentRow.reports)) \
        .order_by(IncidentRow.date_start.desc().nulls_last(), IncidentRow.id)
    items, total = _page(session, stmt, limit, offset)
    return Page(items, total, limit, offset)


def incident_timeline(session: Session, filters: Filters | None = None) -> list[tuple[str, int, int]]:
    """``(day, incidents, fatalities_min)`` per start day for the incidents matching ``filters``."""
    f = filters or Filters()
    stmt = select(IncidentRow.date_start, func.count(), func.coalesce(func.sum(IncidentRow.fat_min), 0)) \
        .where(and_(IncidentRow.date_start.is_not(None), *_incident_conds(f))) \
        .group_by(IncidentRow.date_start).order_by(IncidentRow.date_start)
    return [(d, int(n), int(k)) for d, n, k in session.execute(stmt).all()]


def facets(session: Session) -> dict[str, list[tuple[str, int]]]:
    """Counts of incidents per type and per governorate, for filter menus."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name, col in (("types", IncidentRow.type), ("admin1", IncidentRow.admin1)):
        rows = session.execute(select(col, func.count()).where(col.is_not(None)).group_by(col)
                               .order_by(func.count().desc(), col)).all()
        out[name] = [(v, int(n)) for v, n in rows]
    return out


def list_documents(session: Session, *, q: str | None = None, limit: int = 50,
                   offset: int = 0) -> Page[DocumentRow]:
    """Stored documents, newest first; ``q`` searches titles and texts (folded, every word)."""
    stmt = select(DocumentRow).order_by(DocumentRow.date.desc().nulls_last(), DocumentRow.id)
    if q:
        stmt = stmt.where(and_(True, *_like(DocumentRow.search, q)))
    items, total = _page(session, stmt, limit, offset)
    counts = dict(session.execute(select(EventRow.document_id, func.count())
                                  .where(EventRow.document_id.in_([d.id for d in items]))
                                  .group_by(EventRow.document_id)).all()) if items else {}
    return Page(items, total, limit, offset, {"event_counts": counts})


def find_document_by_hash(session: Session, digest: str) -> int | None:
    """Id of the stored document with this content hash (:func:`content_hash`), or None."""
    return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))


def get_document(session: Session, id: int) -> DocumentRow | None:
    """One document with its events and quotes, or None."""
    return session.scalar(select(DocumentRow).where(DocumentRow.id == id)
                          .options(selectinload(DocumentRow.events), selectinload(DocumentRow.quotes)))


def get_event(session: Session, id: int) -> EventRow | None:
    """One event with its document, or None."""
    return session.scalar(select(EventRow).where(EventRow.id == id).options(selectinload(EventRow.document)))


def get_incident(session: Session, id: int) -> IncidentRow | None:
    """One incident with its reports, their events and documents, or None."""
    return session.scalar(
        select(IncidentRow).where(IncidentRow.id == id).options(
            selectinload(IncidentRow.reports).selectinload(IncidentReportRow.event)
            .selectinload(EventRow.document)))


def document_for_report(session: Session, rep: IncidentReportRow) -> DocumentRow | None:
    """The stored article a report quotes (via its event, else by doc id)."""
    if rep.event is not None:
        return rep.event.document
    return session.scalar(select(DocumentRow).where(DocumentRow.doc_id == rep.doc_id).limit(1))


def iter_event_records(session: Session, filters: Filters | None = None,
                       batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every matching event as a record dict, in id order, streamed in batches."""
    conds = _event_conds(filters or Filters())
    last = 0
    while True:
        rows = session.scalars(select(EventRow).where(and_(EventRow.id > last, *conds))
                               .order_by(EventRow.id).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            yield event_record(r)
        last = rows[-1].id


def iter_incident_records(session: Session, filters: Filters | None = None,
                          batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every matching incident as a dict with its reports, in id order."""
    conds = _incident_conds(filters or Filters())
    last = 0
    while True:
        rows = session.scalars(select(IncidentRow).where(and_(IncidentRow.id > last, *conds))
                               .options(selectinload(IncidentRow.reports))
                               .order_by(IncidentRow.id).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            yield incident_record(r)
        last = rows[-1].id
