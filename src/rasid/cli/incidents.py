"""``rasid incidents``: articles in, one incident per line out (no database)."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any, TextIO

import typer

__all__ = ["register", "incidents_to"]


def _doc_dates(paths: list[str], date: str | None) -> dict[str, str]:
    """Article dates by document id (a light second read: no normalising)."""
    from rasid.io.read import Article, read_articles

    if "-" in paths:  # stdin can be read once only: every document gets --date
        return {}
    log = logging.getLogger("rasid.io.read")  # the extraction pass already warned about these inputs
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return {a.id: a.date for a in read_articles(paths, date=date) if isinstance(a, Article) and a.date}
    finally:
        log.setLevel(level)


def incidents_to(
    paths: list[str], out: TextIO, *, date: str | None = None, embeddings: bool = False,
) -> tuple[int, int, list[str]]:
    """Extract events from ``paths``, group them into incidents, write JSONL to ``out``.

    Returns:
        (events, incidents, failed inputs).
    """
    from rasid.dedup.incidents import IncidentSettings, build_incidents
    from rasid.runner import RunStats, extract_records

    stats = RunStats()
    events = [r for r in extract_records(paths, date=date, stats=stats) if r.get("kind") != "quote"]
    dates = _doc_dates(paths, date)
    if date:
        for ev in events:
            dates.setdefault(str(ev.get("doc")), date)
    incs: list[dict[str, Any]] = build_incidents(
        events, IncidentSettings(use_embeddings=embeddings), doc_dates=dates)
    for inc in incs:
        out.write(json.dumps(inc, ensure_ascii=False) + "\n")
    out.flush()
    return len(events), len(incs), stats.failed


def register(app: typer.Typer) -> None:
    @app.command("incidents")
    def incidents_cmd(
        paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin (.txt, .html, .jsonl, .zip)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Output JSONL file (default: stdout)."),
        date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for undated articles."),
        embeddings: bool = typer.Option(False, "--embeddings",
                                        help="Let E5 sentence similarity confirm cross-article merges (slower)."),
    ) -> None:
        """Group the events of the articles into incidents, one JSON object per line.

        Reports of one incident (same or compatible type, place within 15-25 km,
        dates within a day) merge across sentences and articles; casualty figures
        are reconciled (min, max, per source, conservative). Articles without a
        date (plain .txt without --date) only merge within themselves.
        """
        if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--date")
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8", newline="") as out:
                n_ev, n_inc, failed = incidents_to(paths, out, date=date, embeddings=embeddings)
        else:
            n_ev, n_inc, failed = incidents_to(paths, sys.stdout, date=date, embeddings=embeddings)
        for reason in failed:
            typer.echo(f"rasid: skipped {reason}", err=True)
        typer.echo(f"rasid: {n_ev} events, {n_inc} incidents"
                   + (f", {len(failed)} inputs failed" if failed else ""), err=True)
        if failed:
            raise typer.Exit(1)
