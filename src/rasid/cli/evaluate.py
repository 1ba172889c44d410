"""``rasid evaluate``: score predictions against gold records."""

from __future__ import annotations

import json
from pathlib import Path

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("evaluate")
    def evaluate_cmd(
        gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold records (JSONL)."),
        pred: Path = typer.Argument(..., exists=True, dir_okay=False, help="Predicted records (JSONL)."),
        docs: Path = typer.Option(..., "--docs", exists=True, file_okay=False, help="Folder of DOC.txt files."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
        per_type: bool = typer.Option(False, "--per-type", help="Also print F1 per event type."),
    ) -> None:
        """Print event P/R/F1 and field accuracy, as spec/score.py does."""
        from rasid.evaluate import format_report, load_docs, load_records, score

        g, p = load_records(gold), load_records(pred)
        texts = load_docs(docs, [r.get("doc") for r in g + p if r.get("doc") is not None])
        res = score(g, p, texts)
        typer.echo(json.dumps(res, ensure_ascii=False) if as_json else format_report(res, per_type=per_type))
