"""Request dependencies: the database session, the write token, shared query filters."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request, status
from sqlalchemy.orm import Session

from rasid.config import Settings
from rasid.records import EVENT_TYPES
from rasid.store.repository import Filters

__all__ = ["clean_text", "get_session", "SessionDep", "require_token", "TokenDep", "get_filters", "FiltersDep",
           "PageParams", "PageDep", "SettingsDep"]


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, from the app's session factory."""
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def require_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
    x_rasid_token: Annotated[str | None, Header()] = None,
) -> None:
    """Check ``Authorization: Bearer <token>`` or ``X-Rasid-Token`` against ``RASID_TOKEN``.

    401 when no token is sent, 403 when it is wrong or when the server has none set.
    """
    given = x_rasid_token
    if given is None and authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer":
            given = value.strip()
    if not given:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "write token required (Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})
    expected = settings.token.get_secret_value() if settings.token else ""
    if not expected:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "writes are disabled: the server has no RASID_TOKEN")
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong write token")


TokenDep = Annotated[None, Depends(require_token)]


def _bad(msg: str, loc: str) -> HTTPException:
    return HTTPException(422,
                         [{"loc": ["query", loc], "msg": msg, "type": "value_error"}])


def clean_text(v: str | None) -> str | None:
    """Drop NUL characters (PostgreSQL refuses them in text) and surrounding space."""
    return v.replace("\x00", "").strip() if v is not None else None


def parse_bbox(bbox: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` → floats, checked."""
    parts = bbox.split(",")
    try:
        x0, y0, x1, y1 = (float(p) for p in parts)
    except ValueError:
        raise _bad("bbox must be four numbers: minlon,minlat,maxlon,maxlat", "bbox") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise _bad("bbox must satisfy -180<=minlon<=maxlon<=180 and -90<=minlat<=maxlat<=90", "bbox")
    return x0, y0, x1, y1


def get_filters(
    type: Annotated[str | None, Query(description="event type(s), comma-separated", max_length=500)] = None,
    actor: Annotated[str | None, Query(description="actor code as actor1 or actor2", max_length=64)] = None,
    admin1: Annotated[str | None, Query(description="governorate (gazetteer spelling)", max_length=100)] = None,
    date_from: Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat", max_length=200)] = None,
    q: Annotated[str | None, Query(description="Arabic text search (letter variants folded)",
                                   max_length=200)] = None,
) -> Filters:
    """The filters every listing takes; unknown types and bad boxes are 422."""
    type, actor, admin1, q = (clean_text(v) for v in (type, actor, admin1, q))
    types = [t.strip() for t in type.split(",") if t.strip()] if type else []
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise _bad(f"unknown event type(s): {', '.join(unknown)}", "type")
    if date_from and date_to and date_from > date_to:
        raise _bad("date_from is after date_to", "date_from")
    return Filters(
        types=types, actor=actor or None, admin1=admin1 or None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        bbox=parse_bbox(bbox) if bbox else None, q=q or None,
    )


FiltersDep = Annotated[Filters, Depends(get_filters)]


class PageParams:
    """``limit`` (1–500, default 50) and ``offset`` (≥ 0)."""

    def __init__(self, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> None:
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends(PageParams)]
