"""``rasid extract``: articles in, event records out."""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path

import typer

__all__ = ["register", "Engine"]


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def show_progress(quiet: bool) -> bool:
    """Progress display on when stderr is a terminal and not ``--quiet``."""
    return not quiet and sys.stderr.isatty()


def check_run_options(date: str | None, engine: Engine, scheduler: str | None) -> None:
    """Reject a malformed ``--date`` and a ``--scheduler`` without ``--engine dask``."""
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--date")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: list[str] = typer.Argument(
            ..., help="Files, folders, or - for stdin (.txt, .html, .jsonl, .zip, .parquet)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
        fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (spec records) or csv (ACLED)."),
        date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for undated articles."),
        quotes: bool = typer.Option(False, "--quotes", help="Also output quote records (kind=quote)."),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (or Dask workers)."),
        resume: bool = typer.Option(False, "--resume", help="Append to --output, skipping documents in it."),
        engine: Engine = typer.Option(Engine.local, "--engine", help="local processes, or a dask cluster."),
        scheduler: str | None = typer.Option(
            None, "--scheduler", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)."),
        quiet: bool = typer.Option(False, "--quiet", help="No progress display."),
    ) -> None:
        """Extract event records from Arabic news articles."""
        from rasid.runner import extract_to, resume_jsonl

        check_run_options(date, engine, scheduler)
        if resume and (output is None or fmt is not Format.jsonl):
            raise typer.BadParameter("--resume needs a JSONL --output file", param_hint="--resume")
        kw = dict(fmt=fmt.value, date=date, quotes=quotes, workers=workers, engine=engine.value,
                  scheduler=scheduler, show_progress=show_progress(quiet))
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            skip = resume_jsonl(output) if resume else None
            with output.open("a" if resume else "w", encoding="utf-8", newline="") as out:
                stats = extract_to(paths, out, skip=skip, **kw)
        else:
            stats = extract_to(paths, sys.stdout, **kw)
        for reason in stats.failed:
            typer.echo(f"rasid: skipped {reason}", err=True)
        typer.echo(f"rasid: {stats.documents} documents, {stats.events} events"
                   + (f", {stats.quotes} quotes" if quotes else "")
                   + (f", {stats.skipped} already done" if stats.skipped else "")
                   + (f", {len(stats.failed)} inputs failed" if stats.failed else ""), err=True)
        if stats.failed:
            raise typer.Exit(1)
