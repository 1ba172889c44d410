"""``/api/documents``: stored articles; ``POST`` ingests one (write token required)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, status

from rasid.doc import Document
from rasid.store import repository as repo
from rasid.web.convert import document_out, event_out
from rasid.web.deps import PageDep, SessionDep, TokenDep, clean_text
from rasid.web.schemas import ArticleIn, DocumentDetail, DocumentPage, IngestOut

router = APIRouter(prefix="/documents", tags=["documents"])
logger = logging.getLogger(__name__)


@router.get("", response_model=DocumentPage)
def list_documents(session: SessionDep, page: PageDep,
                   q: Annotated[str | None, Query(max_length=200)] = None) -> DocumentPage:
    """Stored articles, newest first; ``q`` searches titles and event text."""
    res = repo.list_documents(session, q=clean_text(q), limit=page.limit, offset=page.offset)
    counts = res.extra.get("event_counts", {})
    return DocumentPage(total=res.total, limit=res.limit, offset=res.offset,
                        items=[document_out(d, counts.get(d.id, 0)) for d in res.items])


@router.get("/{document_id}", response_model=DocumentDetail)
def get_document(session: SessionDep, document_id: int = Path(ge=1, le=2**62)) -> DocumentDetail:
    """One article, its full text and its events (offsets into ``text``)."""
    row = repo.get_document(session, document_id)
    if row is None:
        raise HTTPException(404, f"no document {document_id}")
    base = document_out(row, len(row.events)).model_dump()
    return DocumentDetail(**base, text=row.raw, events=[event_out(e) for e in row.events])


def _pipeline(request: Request):  # type: ignore[no-untyped-def]
    pipe = getattr(request.app.state, "pipeline", None)
    if pipe is None:
        try:
            from rasid.pipeline import Pipeline

            pipe = Pipeline.default()
        except Exception as e:  # extractor not installed or its data broken
            logger.error("pipeline unavailable: %s: %s", type(e).__name__, e)
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "event extractor unavailable") from e
        request.app.state.pipeline = pipe
    return pipe


@router.post("", response_model=IngestOut, status_code=status.HTTP_201_CREATED)
def ingest(article: ArticleIn, session: SessionDep, request: Request, response: Response,
           _: TokenDep) -> IngestOut:
    """Extract events from one article and store it; incidents are recomputed.

    201 when stored, 200 when the same text was stored before.
    """
    raw = article.text
    if article.title and not raw.startswith(article.title):
        raw = article.title + "\n" + raw
    meta = {k: v for k, v in (("outlet", article.outlet), ("url", article.url)) if v}
    doc = Document.from_raw(article.id, raw, title=article.title, date=article.date, meta=meta)
    # one write at a time: the pipeline is shared and incidents are rebuilt as a whole
    with request.app.state.write_lock:
        if repo.find_document_by_hash(session, repo.content_hash(raw)) is None:
            doc = next(iter(_pipeline(request).pipe([doc])))
        result = repo.ingest_document(session, doc)
        if result.status == "failed":
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the article could not be stored")
        if result.status == "duplicate":
            response.status_code = status.HTTP_200_OK
            return IngestOut(status="duplicate", document_id=result.document_id, events=0)
        n = repo.refresh_incidents(session, builder=getattr(request.app.state, "incident_builder", None))
    logger.info("ingested %s over the API: %d events, %d incidents", article.id, result.events, n)
    return IngestOut(status=result.status, document_id=result.document_id, events=result.events, incidents=n)
