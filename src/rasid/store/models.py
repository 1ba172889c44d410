"""ORM tables: documents, their events, entities and quotes; incidents and their reports.

SQLAlchemy 2 typed declarative models. Offsets (``start``/``end`` …) are raw
character offsets into :attr:`DocumentRow.raw`, as in the records. ``search``
columns hold folded (:func:`rasid.text.normalize.fold`), lower-cased text so a
query written with any letter variant finds the row. Schema changes go through
the Alembic migrations in ``rasid/store/migrations``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Base", "DocumentRow", "EventRow", "EntityRow", "QuoteRow", "IncidentRow", "IncidentReportRow"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of every rasid table."""


class DocumentRow(Base):
    """One stored article, exactly as read (``raw``), unique by content hash."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(255), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    outlet: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    search: Mapped[str] = mapped_column(Text, default="", server_default="")  # folded title + text
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    events: Mapped[list[EventRow]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                  order_by="EventRow.seq")
    entities: Mapped[list[EntityRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    quotes: Mapped[list[QuoteRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class EventRow(Base):
    """One event record (``rasid.records.Event``) flattened into columns."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_lat_lon", "lat", "lon"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(String(255), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    type: Mapped[str] = mapped_column(String(40), index=True)
    modality: Mapped[str] = mapped_column(String(20), default="asserted")
    evidence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(Text, default="")
    trigger_start: Mapped[int | None] = mapped_column(Integer)
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(String(64), index=True)
    actor2: Mapped[str | None] = mapped_column(String(64), index=True)
    actor1_text: Mapped[str | None] = mapped_column(Text)
    actor2_text: Mapped[str | None] = mapped_column(Text)
    loc_text: Mapped[str | None] = mapped_column(Text)
    loc_name: Mapped[str | None] = mapped_column(String(255))
    admin1: Mapped[str | None] = mapped_column(String(100), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    loc_gid: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    loc_start: Mapped[int | None] = mapped_column(Integer)
    loc_end: Mapped[int | None] = mapped_column(Integer)
    fat_total: Mapped[int | None] = mapped_column(Integer)
    fat_civilians: Mapped[int | None] = mapped_column(Integer)
    fat_children: Mapped[int | None] = mapped_column(Integer)
    fat_combatants: Mapped[int | None] = mapped_column(Integer)
    fat_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(64), index=True)
    source_text: Mapped[str | None] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(Text)
    event_date: Mapped[str | None] = mapped_column(String(10))
    time_precision: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String(10), index=True)  # event_date, else the article's date
    search: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    document: Mapped[DocumentRow] = relationship(back_populates="events")


class EntityRow(Base):
    """A named entity span of a document (raw offsets)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="entities")


class QuoteRow(Base):
    """A reported statement: speaker, cue verb and the quote (raw offsets)."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(String(64))
    cue: Mapped[str] = mapped_column(Text, default="")
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="quotes")


class IncidentRow(Base):
    """One real-world incident: event mentions across documents collapsed together."""

    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_lat_lon", "lat", "lon"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    loc_name: Mapped[str | None] = mapped_column(String(255))
    loc_text: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(String(100), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fat_min: Mapped[int | None] = mapped_column(Integer)
    fat_max: Mapped[int | None] = mapped_column(Integer)
    fat_conservative: Mapped[int | None] = mapped_column(Integer)
    fat_by_source: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10), index=True)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    actors: Mapped[str] = mapped_column(Text, default="")  # " SYR-MIL ISIS " for actor filters
    search: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    reports: Mapped[list[IncidentReportRow]] = relationship(back_populates="incident",
                                                            cascade="all, delete-orphan",
                                                            order_by="IncidentReportRow.id")


class IncidentReportRow(Base):
    """One report (event mention) of an incident, linked to its stored event."""

    __tablename__ = "incident_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    doc_id: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(40))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(String(64))

    incident: Mapped[IncidentRow] = relationship(back_populates="reports")
    event: Mapped[EventRow | None] = relationship()
