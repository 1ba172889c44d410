"""The web application: JSON API under ``/api`` and the analyst's map page at ``/``.

``create_app(settings)`` builds everything from the settings it is given (no
module-level engine or settings): it migrates the database, keeps a session
factory on ``app.state`` and mounts the static files shipped in the package.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from rasid import __version__
from rasid.config import Settings, get_settings
from rasid.records import EVENT_TYPES
from rasid.store import repository as repo
from rasid.store.models import DocumentRow, IncidentRow
from rasid.store.session import init_db, session_factory
from rasid.web.deps import SessionDep, SettingsDep
from rasid.web.routes import documents, events, exports, incidents
from rasid.web.schemas import Facet, MetaOut

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

meta_router = APIRouter(tags=["meta"])


@meta_router.get("/meta", response_model=MetaOut)
def meta(session: SessionDep, settings: SettingsDep) -> MetaOut:
    """Filter values (types and governorates with incident counts) and map settings."""
    from sqlalchemy import func, select

    f = repo.facets(session)
    return MetaOut(
        event_types=list(EVENT_TYPES),
        types=[Facet(value=v, count=n) for v, n in f["types"]],
        admin1=[Facet(value=v, count=n) for v, n in f["admin1"]],
        tile_url=settings.tile_url, tile_attribution=settings.tile_attribution,
        documents=session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
        incidents=session.scalar(select(func.count()).select_from(IncidentRow)) or 0,
    )


def create_app(settings: Settings | None = None, *, pipeline: Any = None, incident_builder: Any = None) -> FastAPI:
    """Build the app for ``settings`` (default: from ``RASID_*`` env vars).

    Args:
        settings: database URL, write token, tile URL.
        pipeline: the extraction pipeline for ``POST /api/documents``
            (default: ``Pipeline.default()``, built on first use).
        incident_builder: replaces ``rasid.dedup.incidents.build_incidents``.
    """
    settings = settings or get_settings()
    engine = init_db(settings.db_url)
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title="rasid", version=__version__, lifespan=lifespan,
                  description="Arabic conflict news: events, incidents and the words they came from.")
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.pipeline = pipeline
    app.state.incident_builder = incident_builder
    app.state.write_lock = threading.Lock()

    api = APIRouter(prefix="/api")
    for r in (incidents.router, events.router, documents.router, exports.router, meta_router):
        api.include_router(r)
    app.include_router(api)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(TEMPLATES / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff"})

    return app


# the page loads only its own scripts; tiles may come from the configured tile server
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: https: http:; connect-src 'self'; object-src 'none'; base-uri 'none'")
