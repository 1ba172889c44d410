"""Rows → response models, and the escaped evidence highlight."""

from __future__ import annotations

import html

from sqlalchemy.orm import Session

from rasid.store.models import DocumentRow, EventRow, IncidentReportRow, IncidentRow
from rasid.store.repository import document_for_report, event_record
from rasid.web.schemas import (
    DocumentOut, EventOut, FatalitiesOut, IncidentDetail, IncidentFatalities, IncidentOut, LocationOut, ReportOut,
)

__all__ = ["highlight_html", "event_out", "incident_out", "incident_detail", "document_out"]


def highlight_html(text: str, start: int | None, end: int | None) -> str:
    """``text`` as escaped HTML with ``text[start:end]`` inside ``<mark>``.

    >>> highlight_html("a <b> c", 2, 5)
    'a <mark>&lt;b&gt;</mark> c'
    """
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        return html.escape(text)
    return (html.escape(text[:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:]))


def event_out(row: EventRow) -> EventOut:
    rec = event_record(row)
    rec["document_id"] = row.document_id
    return EventOut.model_validate(rec)


def incident_out(row: IncidentRow) -> IncidentOut:
    return IncidentOut(
        id=row.id, key=row.key, type=row.type,
        location=LocationOut(text=row.loc_text, name=row.loc_name, admin1=row.admin1, lat=row.lat, lon=row.lon,
                             precision=row.geo_precision),
        fatalities=IncidentFatalities(min=row.fat_min, max=row.fat_max, conservative=row.fat_conservative,
                                      by_source=row.fat_by_source or {}),
        date_start=row.date_start, date_end=row.date_end, n_reports=row.n_reports, actors=row.actors.split(),
    )


def _report_out(session: Session, rep: IncidentReportRow) -> ReportOut:
    doc = document_for_report(session, rep)
    ev = rep.event
    start, end = rep.start, rep.end
    if doc is not None and (start is None or end is None or doc.raw[start:end] != rep.evidence) and rep.evidence:
        found = doc.raw.find(rep.evidence)
        if found >= 0:
            start, end = found, found + len(rep.evidence)
    fat = None
    if ev is not None and (ev.fat_total is not None or ev.fat_civilians is not None or ev.fat_text):
        fat = FatalitiesOut(total=ev.fat_total, civilians=ev.fat_civilians, children=ev.fat_children,
                            combatants=ev.fat_combatants, text=ev.fat_text)
    return ReportOut(
        doc=rep.doc_id, document_id=doc.id if doc else None, event_id=rep.event_id, type=rep.type,
        start=start, end=end, evidence=rep.evidence, source=rep.source,
        title=doc.title if doc else None, date=doc.date if doc else None, outlet=doc.outlet if doc else None,
        url=doc.url if doc else None, text=doc.raw if doc else None,
        highlight=highlight_html(doc.raw, start, end) if doc else html.escape(rep.evidence),
        actor1=ev.actor1 if ev else None, actor2=ev.actor2 if ev else None, fatalities=fat,
    )


def incident_detail(session: Session, row: IncidentRow) -> IncidentDetail:
    base = incident_out(row).model_dump()
    return IncidentDetail(**base, reports=[_report_out(session, r) for r in row.reports])


def document_out(row: DocumentRow, n_events: int = 0) -> DocumentOut:
    return DocumentOut(id=row.id, doc_id=row.doc_id, title=row.title, date=row.date, outlet=row.outlet,
                       url=row.url, n_events=n_events)
