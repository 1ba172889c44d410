"""Pydantic response and request models of the API (never ORM classes)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

__all__ = [
    "LocationOut", "FatalitiesOut", "EventOut", "EventPage", "IncidentFatalities", "IncidentOut",
    "ReportOut", "IncidentDetail", "IncidentPage", "TimelineDay", "DocumentOut", "DocumentDetail",
    "DocumentPage", "ArticleIn", "IngestOut", "Facet", "MetaOut",
]


class LocationOut(BaseModel):
    text: str | None = None
    name: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None


class FatalitiesOut(BaseModel):
    total: int | None = None
    civilians: int | None = None
    children: int | None = None
    combatants: int | None = None
    text: str | None = None


class EventOut(BaseModel):
    """One stored event record; ``start``/``end`` are offsets into the document text."""

    id: int
    document_id: int
    doc: str
    type: str
    modality: str
    evidence: str
    trigger: str
    start: int
    end: int
    trigger_start: int | None = None
    trigger_end: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    location: LocationOut | None = None
    fatalities: FatalitiesOut | None = None
    source: str | None = None
    date_text: str | None = None
    event_date: str | None = None
    date: str | None = Field(None, description="event_date, else the article's date")


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(Page):
    items: list[EventOut]


class IncidentFatalities(BaseModel):
    min: int | None = None
    max: int | None = None
    conservative: int | None = None
    by_source: dict[str, Any] = Field(default_factory=dict)


class IncidentOut(BaseModel):
    """An incident: one real-world event reported by one or more articles."""

    id: int
    key: str
    type: str
    location: LocationOut
    fatalities: IncidentFatalities
    date_start: str | None = None
    date_end: str | None = None
    n_reports: int
    actors: list[str] = Field(default_factory=list)


class ReportOut(BaseModel):
    """One report of an incident with its article, for highlighting.

    ``text[start:end]`` is the evidence. ``highlight`` is the whole text as an
    HTML fragment, everything escaped, the evidence wrapped in ``<mark>``.
    """

    doc: str
    document_id: int | None = None
    event_id: int | None = None
    type: str
    start: int | None = None
    end: int | None = None
    evidence: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    text: str | None = None
    highlight: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: FatalitiesOut | None = None


class IncidentDetail(IncidentOut):
    reports: list[ReportOut]


class IncidentPage(Page):
    items: list[IncidentOut]


class TimelineDay(BaseModel):
    date: str
    incidents: int
    fatalities: int


class DocumentOut(BaseModel):
    id: int
    doc_id: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    n_events: int = 0


class DocumentDetail(DocumentOut):
    text: str
    events: list[EventOut]


class DocumentPage(Page):
    items: list[DocumentOut]


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ArticleIn(BaseModel):
    """An article to ingest: ``text`` is the body (the title is put on its first line)."""

    id: str = Field(min_length=1, max_length=255)
    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, description="YYYY-MM-DD")
    outlet: str | None = Field(None, max_length=255)
    url: str | None = Field(None, max_length=4000)

    @field_validator("date")
    @classmethod
    def _iso(cls, v: str | None) -> str | None:
        if v is not None and not _DATE.match(v):
            raise ValueError("date must be YYYY-MM-DD")
        return v


class IngestOut(BaseModel):
    status: str = Field(description="added | duplicate")
    document_id: int | None
    events: int
    incidents: int | None = None


class Facet(BaseModel):
    value: str
    count: int


class MetaOut(BaseModel):
    """What the web page needs to start: filter values and map settings."""

    event_types: list[str]
    types: list[Facet]
    admin1: list[Facet]
    tile_url: str | None = None
    tile_attribution: str = ""
    documents: int
    incidents: int
