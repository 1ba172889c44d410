"""The store: SQLite or PostgreSQL tables for documents, events and incidents.

Public interface (see ``docs/store.md``)::

    from rasid.store import init_db, make_engine, session_factory, ingest_document, refresh_incidents
"""

from __future__ import annotations

from rasid.store.repository import IngestResult, ingest_document, ingest_documents, refresh_incidents
from rasid.store.session import init_db, make_engine, normalize_url, session_factory

__all__ = ["init_db", "make_engine", "normalize_url", "session_factory", "ingest_document", "ingest_documents",
           "refresh_incidents", "IngestResult"]
