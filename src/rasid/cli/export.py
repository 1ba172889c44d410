"""``rasid export``: the store's events or incidents as ACLED CSV, PLOVER JSON, GeoJSON or JSONL."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rasid.export.formats import ExportFormat as Format
from rasid.export.formats import ExportWhat as What

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        db: str | None = typer.Option(None, "--db", help="Database URL (default: RASID_DB_URL or sqlite:///rasid.db)."),
        fmt: Format = typer.Option(..., "--format", "-f", help="acled-csv | plover-json | geojson | jsonl."),
        what: What = typer.Option(What.events, "--what", help="events or incidents."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    ) -> None:
        """Export stored events or incidents."""
        from rasid.config import get_settings
        from rasid.errors import RasidError
        from rasid.export.formats import export_chunks
        from rasid.store import init_db, session_factory
        from rasid.store import repository as repo

        try:
            settings = get_settings(db_url=db)
            export_chunks(fmt.value, what.value, iter(()))  # fail before touching the database
            engine = init_db(settings.db_url)
        except RasidError as e:
            typer.echo(f"rasid: {e}", err=True)
            raise typer.Exit(2) from None
        n = 0
        with session_factory(engine)() as session:
            records = (repo.iter_event_records(session) if what is What.events
                       else repo.iter_incident_records(session))

            def counted():  # type: ignore[no-untyped-def]
                nonlocal n
                for r in records:
                    n += 1
                    yield r

            chunks = export_chunks(fmt.value, what.value, counted())
            if output:
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(chunks)
            else:
                sys.stdout.writelines(chunks)
                sys.stdout.flush()
        engine.dispose()
        typer.echo(f"rasid: exported {n} {what.value} as {fmt.value}", err=True)
