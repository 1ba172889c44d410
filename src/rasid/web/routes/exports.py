"""``/api/export``: the whole (filtered) store in one of the export formats, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from rasid.errors import ConfigError
from rasid.export.formats import EXTENSIONS, MEDIA_TYPES, export_chunks
from rasid.export.formats import ExportFormat as Format
from rasid.export.formats import ExportWhat as What
from rasid.store import repository as repo
from rasid.store.repository import Filters
from rasid.web.deps import FiltersDep

router = APIRouter(prefix="/export", tags=["exports"])


def _stream(request: Request, fmt: str, what: str, filters: Filters) -> Iterator[str]:
    # the session lives as long as the stream, not as long as the request handler
    with request.app.state.sessions() as session:
        records = (repo.iter_event_records(session, filters) if what == "events"
                   else repo.iter_incident_records(session, filters))
        yield from export_chunks(fmt, what, records)


@router.get("", response_class=StreamingResponse,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}})
def export(request: Request, filters: FiltersDep,
           format: Annotated[Format, Query(description="acled-csv | plover-json | geojson | jsonl")],
           what: Annotated[What, Query()] = What.events) -> StreamingResponse:
    """Download events or incidents (the same filters as the listings apply)."""
    try:
        export_chunks(format.value, what.value, iter(()))  # validates the combination
    except ConfigError as e:
        raise HTTPException(400, str(e)) from None
    name = f"rasid-{what.value}.{EXTENSIONS[format.value]}"
    return StreamingResponse(_stream(request, format.value, what.value, filters),
                             media_type=MEDIA_TYPES[format.value],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
