"""The store on SQLite and PostgreSQL: migrations, ingest, incidents, filters, search, pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select

from rasid.doc import Document
from rasid.store import init_db, ingest_document, normalize_url, refresh_incidents
from rasid.store.models import DocumentRow, EventRow, IncidentReportRow
from rasid.store.repository import (
    Filters, get_incident, incident_timeline, iter_event_records, list_documents, list_events, list_incidents,
)


def _fill(session, samples) -> list:  # type: ignore[no-untyped-def]
    results = [ingest_document(session, d) for d in samples.documents()]
    refresh_incidents(session, builder=samples.simple_incidents)
    return results


def test_normalize_url_uses_psycopg3() -> None:
    assert normalize_url("postgresql://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_create_tables_and_rerun(db_url: str) -> None:
    engine = init_db(db_url)
    init_db(engine)  # at head already: nothing to do, no error
    names = set(inspect(engine).get_table_names())
    assert {"documents", "events", "incidents", "incident_reports", "entities", "quotes",
            "alembic_version"} <= names
    cols = {c["name"] for c in inspect(engine).get_columns("events")}
    assert {"start", "end", "trigger_start", "trigger_end", "lat", "lon", "admin1", "fat_total",
            "fat_civilians", "search", "event_date", "date_text", "modality", "source"} <= cols
    engine.dispose()


def test_reingest_adds_nothing(session, samples) -> None:  # type: ignore[no-untyped-def]
    first = _fill(session, samples)
    assert [r.status for r in first] == ["added"] * len(samples.ARTICLES)
    again = [ingest_document(session, d) for d in samples.documents()]
    assert {r.status for r in again} == {"duplicate"}
    assert [r.document_id for r in again] == [r.document_id for r in first]
    assert session.scalar(select(func.count()).select_from(DocumentRow)) == len(samples.ARTICLES)
    assert session.scalar(select(func.count()).select_from(EventRow)) == 5


def test_event_fields_and_offsets_round_trip(session, samples) -> None:  # type: ignore[no-untyped-def]
    _fill(session, samples)
    page = list_events(session, Filters(types=["shelling"]))
    assert page.total == 1
    ev = page.items[0]
    doc = session.get(DocumentRow, ev.document_id)
    assert doc.raw[ev.start:ev.end] == ev.evidence
    assert doc.raw[ev.trigger_start:ev.trigger_end] == "قصفت"
    assert (ev.actor1, ev.actor2, ev.admin1, ev.fat_total, ev.fat_civilians, ev.source) == \
        ("SYR-MIL", "CIV", "Aleppo", 3, 3, "SNHR")
    # no event date in the text: the article's date is the event's date for filtering
    assert ev.event_date is None and ev.date == "2016-06-15"
    rec = next(r for r in iter_event_records(session) if r["type"] == "air_strike")
    assert rec["location"]["lat"] == 35.95 and rec["fatalities"]["total"] == 23


def test_failing_document_is_rolled_back_and_skipped(session, samples) -> None:  # type: ignore[no-untyped-def]
    good = samples.documents()
    bad = Document.from_raw("broken", "قصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي.", date="2016-06-18")
    bad.events = [{"doc": "broken", "type": None, "evidence": "قصف مدفعي", "start": 0, "end": 9, "trigger": "قصف"}]
    results = [ingest_document(session, d) for d in [good[0], bad, good[1]]]
    assert [r.status for r in results] == ["added", "failed", "added"]
    assert "broken" not in session.scalars(select(DocumentRow.doc_id)).all()
    assert session.scalar(select(func.count()).select_from(EventRow)) == 2
    # after the failure the article can be stored once fixed
    bad.events[0]["type"] = "shelling"
    assert ingest_document(session, bad).status == "added"


def test_incidents_link_events(session, samples) -> None:  # type: ignore[no-untyped-def]
    _fill(session, samples)
    page = list_incidents(session)
    assert page.total == 4  # the two Raqqa reports collapse into one incident
    raqqa = list_incidents(session, Filters(admin1="Ar-Raqqa")).items[0]
    assert raqqa.n_reports == 2 and raqqa.fat_min == 20 and raqqa.fat_max == 23
    assert raqqa.fat_by_source == {"SOHR": 23, "activists": 20}
    full = get_incident(session, raqqa.id)
    for rep in full.reports:
        doc = rep.event.document
        assert doc.raw[rep.start:rep.end] == rep.evidence
    # refreshing again replaces, never duplicates
    assert refresh_incidents(session, builder=samples.simple_incidents) == 4
    assert session.scalar(select(func.count()).select_from(IncidentReportRow)) == 5


def test_filters(session, samples) -> None:  # type: ignore[no-untyped-def]
    _fill(session, samples)
    assert list_events(session, Filters(types=["air_strike", "shelling"])).total == 3
    assert list_events(session, Filters(actor="SYR-MIL")).total == 2  # as actor1 and as actor2
    assert list_events(session, Filters(admin1="aleppo")).total == 1
    # any spelling of a governorate: gazetteer, OCHA, Arabic, pcode
    for name in ("Idlib", "Idleb", "إدلب", "ادلب", "SY07"):
        assert list_events(session, Filters(admin1=name)).total == 1, name
    assert list_events(session, Filters(date_from="2016-06-15", date_to="2016-06-16")).total == 2
    # bbox around Raqqa only
    assert {e.doc_id for e in list_events(session, Filters(bbox=(38.5, 35.5, 39.5, 36.5))).items} == \
        {"raqqa-sohr", "raqqa-activists"}
    assert list_incidents(session, Filters(actor="ISIS")).total == 1
    assert list_incidents(session, Filters(date_from="2016-06-17")).total == 1
    assert list_incidents(session, Filters(bbox=(36.0, 35.0, 37.5, 36.5))).total == 2  # Aleppo + Idlib
    days = incident_timeline(session)
    assert days[0] == ("2016-06-14", 1, 20)


def test_arabic_search_is_normalised(session, samples) -> None:  # type: ignore[no-untyped-def]
    _fill(session, samples)
    # ة/ه, hamza forms and diacritics do not matter
    assert list_events(session, Filters(q="الرقه")).total == 2
    assert list_events(session, Filters(q="ادلب")).total == 1
    assert list_events(session, Filters(q="قَذائف الهاون")).total == 1
    assert list_incidents(session, Filters(q="الرقه")).total == 1
    assert list_events(session, Filters(q="حمص")).total == 0
    assert list_events(session, Filters(q="100%_")).total == 0  # LIKE wildcards are literal
    assert list_documents(session, q="الرقه").total == 2


def test_pagination(session, samples) -> None:  # type: ignore[no-untyped-def]
    _fill(session, samples)
    seen = []
    for offset in range(0, 6, 2):
        page = list_events(session, limit=2, offset=offset)
        assert page.total == 5
        seen += [e.id for e in page.items]
    assert len(seen) == 5 and len(set(seen)) == 5
    assert list_events(session, limit=2, offset=10).items == []
    docs = list_documents(session, limit=3)
    assert docs.total == 5 and len(docs.items) == 3


def test_refresh_with_the_project_incident_builder(session, samples) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("rasid.dedup.incidents")
    for d in samples.documents():
        ingest_document(session, d)
    assert refresh_incidents(session) >= 4
    raqqa = list_incidents(session, Filters(admin1="Ar-Raqqa")).items
    assert len(raqqa) == 1 and raqqa[0].n_reports == 2  # two outlets, one air strike
    assert raqqa[0].fat_by_source == {"SOHR": 23, "activists": 20}
    assert all(r.event_id is not None for r in get_incident(session, raqqa[0].id).reports)


def test_models_and_migrations_agree(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A model change without its Alembic revision fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rasid.store.models import Base

    engine = init_db(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_nul_characters_are_stored_without_moving_offsets(session, samples) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD, one character for one, offsets intact."""
    raw = "انفجار\x00 سيارة مفخخة في مدينة اعزاز بريف حلب الشمالي"
    doc = Document.from_raw("nul", raw, date="2016-06-18")
    doc.events = [samples.make_event("nul", raw, {"type": "remote_explosive", "evidence": "سيارة مفخخة في مدينة اعزاز",
                                                   "trigger": "سيارة مفخخة"})]
    assert ingest_document(session, doc).status == "added"
    ev = list_events(session, Filters(q="اعزاز")).items[0]
    stored = session.get(DocumentRow, ev.document_id).raw
    assert "\x00" not in stored and len(stored) == len(raw)
    assert stored[ev.start:ev.end] == ev.evidence


def test_upgrade_from_0001_fills_document_search(db_url: str) -> None:
    """A store made by the first revision gets its article search filled by revision 0002."""
    from alembic import command
    from sqlalchemy import text

    from rasid.store.repository import list_documents
    from rasid.store.session import _alembic_config, make_engine, session_factory

    engine = make_engine(db_url)
    cfg = _alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO documents (doc_id, title, raw, content_hash, created_at) "
                          "VALUES ('old', 'قصف على الرقة', 'قصف على الرقة\nقصفت طائرات حربية أحياء مدينة الرقة.', "
                          "'h1', CURRENT_TIMESTAMP)"))
    init_db(engine)
    with session_factory(engine)() as session:
        assert [d.doc_id for d in list_documents(session, q="الرقه طائرات").items] == ["old"]
    engine.dispose()
