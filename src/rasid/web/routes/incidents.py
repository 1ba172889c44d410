"""``/api/incidents``: listing with filters, per-day timeline, one incident with highlighted reports."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path

from rasid.store import repository as repo
from rasid.web.convert import incident_detail, incident_out
from rasid.web.deps import FiltersDep, PageDep, SessionDep
from rasid.web.schemas import IncidentDetail, IncidentPage, TimelineDay

router = APIRouter(prefix="/incidents", tags=["incidents"])


@router.get("", response_model=IncidentPage)
def list_incidents(session: SessionDep, filters: FiltersDep, page: PageDep) -> IncidentPage:
    """Incidents matching the filters, newest first."""
    res = repo.list_incidents(session, filters, limit=page.limit, offset=page.offset)
    return IncidentPage(total=res.total, limit=res.limit, offset=res.offset,
                        items=[incident_out(r) for r in res.items])


@router.get("/timeline", response_model=list[TimelineDay])
def timeline(session: SessionDep, filters: FiltersDep) -> list[TimelineDay]:
    """Incidents and their minimum fatalities per start day."""
    return [TimelineDay(date=d, incidents=n, fatalities=k) for d, n, k in repo.incident_timeline(session, filters)]


@router.get("/{incident_id}", response_model=IncidentDetail)
def get_incident(session: SessionDep, incident_id: int = Path(ge=1, le=2**62)) -> IncidentDetail:
    """One incident; each report carries its article text, the evidence offsets and an escaped highlight."""
    row = repo.get_incident(session, incident_id)
    if row is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return incident_detail(session, row)
