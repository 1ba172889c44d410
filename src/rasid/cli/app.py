"""The ``rasid`` command: a Typer root that each command module registers on."""

from __future__ import annotations

import importlib
import logging

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="rasid",
    help="rasid (راصد): Arabic conflict news in, sourced and geocoded event records out.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

# one module per command area; each exposes register(app)
COMMANDS = ["extract", "evaluate", "ner", "ingest", "serve", "export", "incidents"]


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log per-document detail."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only warnings and errors."),
) -> None:
    from rich.logging import RichHandler

    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", datefmt="[%X]",
                        handlers=[RichHandler(rich_tracebacks=True, show_path=False)], force=True)


for _name in COMMANDS:
    try:
        _mod = importlib.import_module(f"rasid.cli.{_name}")
    except ModuleNotFoundError as _e:
        if _e.name != f"rasid.cli.{_name}":
            raise
        continue
    _mod.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
