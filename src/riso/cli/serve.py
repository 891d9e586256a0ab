"""`riso serve`: the HTTP API and the dashboard on one port."""

from __future__ import annotations

import typer

from riso.cli._util import console, get_store

__all__ = ["register", "serve_cli"]


def serve_cli(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    public: bool = typer.Option(
        None, "--public/--no-public", help="Let anonymous visitors read (stored per instance; default: keep)."
    ),
    max_upload_mb: float = typer.Option(10.0, min=0.1, help="Largest upload accepted, in MB."),
    cache_seconds: float = typer.Option(5.0, min=0.0, help="How long rendered API reads are reused (0: never)."),
) -> None:
    """Serve the API (/api/v1) and the dashboard (/) until interrupted."""
    import uvicorn

    from riso.api import create_app

    app = create_app(get_store(ctx), public=public, max_upload_mb=max_upload_mb, cache_seconds=cache_seconds)
    console.print(f"riso serving on http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `riso serve` to the app."""
    app.command("serve")(serve_cli)
