"""``rasid ingest``: articles in, documents and events stored in the database.

Workers (processes, or a Dask cluster) run the pipeline; this process is the
only writer (SQLite allows one) and stores each document in its own
transaction through :func:`rasid.store.repository.ingest_document`, so a run
killed at any moment leaves only whole documents behind. Running the same
batch again adds nothing twice (documents are unique by content hash), and
``--resume`` skips documents whose id is already stored without running the
pipeline on them. Incidents are recomputed once at the end.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from rasid.cli.extract import Engine, check_run_options, show_progress

__all__ = ["register", "IngestStats", "ingest_paths", "stored_doc_ids"]

logger = logging.getLogger(__name__)


@dataclass
class IngestStats:
    """What an ingest run did."""

    documents: int = 0
    added: int = 0
    duplicate: int = 0
    events: int = 0
    skipped: int = 0
    incidents: int | None = None
    failed: list[str] = field(default_factory=list)


def _fast_sqlite(engine: Any) -> None:
    """WAL journal and ``synchronous=NORMAL`` on SQLite: a commit per document stays cheap.

    Committed transactions survive a killed process (WAL); only a power cut can
    lose the last few.
    """
    if engine.url.get_backend_name() != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    from sqlalchemy import event

    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    event.listen(engine, "connect", _pragmas)


def stored_doc_ids(session: Any) -> set[str]:
    """Ids of the documents already in the store."""
    from sqlalchemy import select

    from rasid.store.models import DocumentRow

    return set(session.scalars(select(DocumentRow.doc_id)))


def ingest_paths(
    paths: Iterable[str | Path], db: str, *, workers: int = 1, resume: bool = False, date: str | None = None,
    quotes: bool | None = None, entities: bool = False, engine: str = "local", scheduler: str | None = None,
    incidents: bool = True, advance: Callable[[int], None] | None = None,
) -> IngestStats:
    """Run the pipeline over ``paths`` and store every document with its records.

    Args:
        paths: files, folders, archives or ``-``.
        db: database URL (``sqlite:///rasid.db``, ``postgresql://...``).
        workers: worker processes (or Dask workers of a local cluster).
        resume: skip documents whose id is already stored.
        date: publication date for articles without one.
        quotes: also find and store quotes (default: when the quote finder is installed).
        entities: also run the entity recogniser and store entities.
        engine: ``local`` or ``dask``.
        scheduler: Dask scheduler address (None: a LocalCluster).
        incidents: recompute incidents at the end.
        advance: progress callback (documents done).
    """
    from rasid.io.read import read_articles
    from rasid.runner import PipelineConfig, RunStats, _articles, process_articles
    from rasid.store.repository import ingest_document, refresh_incidents
    from rasid.store.session import init_db, session_factory

    if quotes is None:
        try:
            from rasid.events.quotes import QuoteFinder  # noqa: F401
            quotes = True
        except ImportError:
            quotes = False
    eng = init_db(db)
    _fast_sqlite(eng)
    eng.dispose()  # reconnect with the pragmas
    Session = session_factory(eng)
    stats = IngestStats()
    run = RunStats()
    config = PipelineConfig(quotes=quotes, entities=entities)
    with Session() as session:
        skip = stored_doc_ids(session) if resume else None
        arts = _articles(read_articles(paths, date=date), run, skip)
        if engine == "dask":
            from rasid.dist.dask import process_articles_dask

            results = process_articles_dask(arts, config=config, scheduler=scheduler, workers=workers,
                                            keep_docs=True)
        else:
            results = process_articles(arts, workers=workers, config=config, keep_docs=True)
        for res in results:
            stats.documents += 1
            if advance:
                advance(1)
            if res.error or res.document is None:
                stats.failed.append(f"{res.doc_id}: {res.error}")
                continue
            out = ingest_document(session, res.document)
            if out.status == "added":
                stats.added += 1
                stats.events += out.events
            elif out.status == "duplicate":
                stats.duplicate += 1
            else:
                stats.failed.append(f"{res.doc_id}: not stored ({out.error})")
        if incidents:
            stats.incidents = refresh_incidents(session)
    stats.skipped = run.skipped
    stats.failed = run.failed + stats.failed
    eng.dispose()
    return stats


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        paths: list[str] = typer.Argument(
            ..., help="Files, folders, or - for stdin (.txt, .html, .jsonl, .zip, .parquet)."),
        db: str = typer.Option(..., "--db", envvar="RASID_DB_URL",
                               help="Database URL, e.g. sqlite:///rasid.db or postgresql://user@host/rasid."),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (or Dask workers)."),
        resume: bool = typer.Option(False, "--resume", help="Skip documents whose id is already stored."),
        date: str | None = typer.Option(None, "--date", help="Date YYYY-MM-DD for undated articles."),
        no_quotes: bool = typer.Option(False, "--no-quotes", help="Do not find quotes."),
        entities: bool = typer.Option(False, "--entities", help="Also store named entities (slower)."),
        no_incidents: bool = typer.Option(False, "--no-incidents", help="Do not recompute incidents."),
        engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or a dask cluster."),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)."),
        quiet: bool = typer.Option(False, "--quiet", help="No progress display."),
    ) -> None:
        """Extract events from articles and store documents, events and incidents."""
        from rasid.errors import RasidError
        from rasid.runner import progress

        check_run_options(date, engine, scheduler)
        try:
            with progress(show_progress(quiet)) as advance:
                stats = ingest_paths(paths, db, workers=workers, resume=resume, date=date,
                                     quotes=False if no_quotes else None, entities=entities,
                                     engine=engine.value, scheduler=scheduler,
                                     incidents=not no_incidents, advance=advance)
        except RasidError as e:
            typer.echo(f"rasid: {e}", err=True)
            raise typer.Exit(2) from e
        for reason in stats.failed:
            typer.echo(f"rasid: skipped {reason}", err=True)
        typer.echo(f"rasid: {stats.documents} documents, {stats.added} added ({stats.events} events), "
                   f"{stats.duplicate} already stored"
                   + (f", {stats.skipped} skipped (--resume)" if stats.skipped else "")
                   + (f", {stats.incidents} incidents" if stats.incidents is not None else "")
                   + (f", {len(stats.failed)} inputs failed" if stats.failed else ""), err=True)
        if stats.failed:
            raise typer.Exit(1)
