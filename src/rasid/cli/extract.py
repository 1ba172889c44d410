"""``rasid extract``: articles in, event records out."""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path

import typer

__all__ = ["register"]


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin (.txt, .html, .jsonl)."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
        fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl (spec records) or csv (ACLED)."),
        date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for undated articles."),
        quotes: bool = typer.Option(False, "--quotes", help="Also output quote records (kind=quote)."),
    ) -> None:
        """Extract event records from Arabic news articles."""
        from rasid.runner import extract_to

        if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--date")
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            with output.open("w", encoding="utf-8", newline="") as out:
                stats = extract_to(paths, out, fmt=fmt.value, date=date, quotes=quotes)
        else:
            stats = extract_to(paths, sys.stdout, fmt=fmt.value, date=date, quotes=quotes)
        for reason in stats.failed:
            typer.echo(f"rasid: skipped {reason}", err=True)
        typer.echo(f"rasid: {stats.documents} documents, {stats.events} events"
                   + (f", {stats.quotes} quotes" if quotes else "")
                   + (f", {len(stats.failed)} inputs failed" if stats.failed else ""), err=True)
        if stats.failed:
            raise typer.Exit(1)
