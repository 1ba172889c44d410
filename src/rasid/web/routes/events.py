"""``/api/events``: event records with filters, and one event."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path

from rasid.store import repository as repo
from rasid.web.convert import event_out
from rasid.web.deps import FiltersDep, PageDep, SessionDep
from rasid.web.schemas import EventOut, EventPage

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=EventPage)
def list_events(session: SessionDep, filters: FiltersDep, page: PageDep) -> EventPage:
    """Events matching the filters, newest first."""
    res = repo.list_events(session, filters, limit=page.limit, offset=page.offset)
    return EventPage(total=res.total, limit=res.limit, offset=res.offset, items=[event_out(r) for r in res.items])


@router.get("/{event_id}", response_model=EventOut)
def get_event(session: SessionDep, event_id: int = Path(ge=1, le=2**62)) -> EventOut:
    row = repo.get_event(session, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    return event_out(row)
