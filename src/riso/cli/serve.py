"""`riso serve`: the HTTP API and the dashboard on one port."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from riso.cli._util import console, get_store

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from riso.store import Store

__all__ = ["check_port", "register", "serve_app", "serve_cli"]


def check_port(host: str, port: int) -> None:
    """Raise a clear ConfigError when another program already listens on host:port."""
    import socket

    from riso.errors import ConfigError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no conflict
        try:
            sock.bind((host, port))
        except OSError as err:
            raise ConfigError(
                f"cannot serve on {host}:{port}: {err.strerror or err} (is another riso serve running?)",
                hint=f"Stop the program using port {port}, or pick another one with --port {port + 1}.",
            ) from None


def serve_app(
    store: str | Store,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    public: bool | None = None,
    max_upload_mb: float = 10.0,
    cache_seconds: float = 5.0,
    worker: bool = True,
) -> None:
    """Build the app over a store (or its URL) and serve it with uvicorn until interrupted."""
    import uvicorn

    check_port(host, port)

    from riso.api import create_app
    from riso.api.idle import ReleaseWhenIdle, shares_file

    app = create_app(store, public=public, max_upload_mb=max_upload_mb, cache_seconds=cache_seconds, worker=worker)
    served: ASGIApp = app
    opened = app.state.store
    if shares_file(opened):  # let CLI commands use the same DuckDB file between requests
        idle = ReleaseWhenIdle(app, opened)
        app.state.jobs.idle = idle.release_soon  # the upload worker lets go of the file when its queue is empty
        served = idle
    console.print(f"riso serving on http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)")
    from riso.services import accounts

    if not accounts.list_users(app.state.store):
        console.print("No account exists yet. Create the first administrator in another terminal with\n"
                      "  riso user add NAME --role admin\n(with the same --db), then log in at /login.")
    if shares_file(opened):
        opened.release()  # the first request reopens it
    uvicorn.run(served, host=host, port=port, log_level="warning")


def serve_cli(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    public: bool = typer.Option(
        None, "--public/--no-public", help="Let anonymous visitors read (stored per instance; default: keep)."
    ),
    max_upload_mb: float = typer.Option(10.0, min=0.1, help="Largest upload accepted, in MB."),
    cache_seconds: float = typer.Option(5.0, min=0.0, help="How long rendered API reads are reused (0: never)."),
    worker: bool = typer.Option(
        True, "--worker/--no-worker", help="Read queued uploads here (--no-worker: leave them to `riso worker`)."
    ),
) -> None:
    """Serve the API (/api/v1) and the dashboard (/) until interrupted."""
    check_port(host, port)  # before the store is opened or anything claims to serve
    serve_app(
        get_store(ctx), host=host, port=port, public=public, max_upload_mb=max_upload_mb, cache_seconds=cache_seconds,
        worker=worker,
    )


def worker_cli(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="Process what is queued now, then exit."),
    poll: float = typer.Option(2.0, min=0.1, help="Seconds between looks at the queue while it is empty."),
) -> None:
    """Process queued uploads (documents and data files) until interrupted, or once."""
    import time

    from riso.services import jobs

    store = get_store(ctx)
    extractor = jobs.Extractor()
    done = failed = 0
    try:
        moved = jobs.recover(store)
        if moved:
            console.print(f"queued again {len(moved)} upload(s) whose worker had stopped")
        while True:
            job = jobs.process_next(store, extractor)
            if job is None:
                if once:
                    break
                time.sleep(poll)
                continue
            if job.status == "done":
                done += 1
                console.print(f"{job.id} {job.filename}: done" + (f" ({job.document})" if job.document else ""))
            else:
                failed += 1
                message = job.error["message"] if job.error else job.status
                console.print(f"{job.id} {job.filename}: {job.status}: {message}")
    except KeyboardInterrupt:
        console.print("interrupted; a job being read is queued again when a worker next starts")
    finally:
        extractor.close()
        console.print(f"uploads processed: {done} done, {failed} failed")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `riso serve` and `riso worker` to the app."""
    app.command("serve")(serve_cli)
    app.command("worker")(worker_cli)
