"""``rasid serve``: the API and the map page over a store, with uvicorn."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        db: str | None = typer.Option(None, "--db", help="Database URL (default: RASID_DB_URL or sqlite:///rasid.db)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
        token: str | None = typer.Option(None, "--token", envvar="RASID_TOKEN",
                                         help="Write token for POST /api/documents (env RASID_TOKEN)."),
        tile_url: str | None = typer.Option(None, "--tile-url", envvar="RASID_TILE_URL",
                                            help="XYZ tile URL template for the map (default: offline outlines)."),
    ) -> None:
        """Serve the JSON API (/api, /docs) and the analyst's map page (/)."""
        import uvicorn

        from rasid.config import get_settings
        from rasid.errors import RasidError
        from rasid.web.app import create_app

        try:
            web = create_app(get_settings(db_url=db, token=token, tile_url=tile_url))
        except RasidError as e:
            typer.echo(f"rasid: {e}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"rasid: serving http://{host}:{port}/ (API docs at /docs)", err=True)
        uvicorn.run(web, host=host, port=port, log_level="info")
