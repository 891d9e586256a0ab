"""The dashboard: server-rendered pages (Jinja2), inline SVG charts, UI text in data files (en, zh)."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from riso.web import downloads, ecosystem, forms, match, pages, review
from riso.web._render import render_error

__all__ = ["install"]


def install(app: FastAPI) -> None:
    """Add the dashboard's pages, forms and static files to the app."""
    app.mount("/static", StaticFiles(directory=str(resources.files("riso.web") / "static")), name="static")
    app.include_router(forms.router)
    app.include_router(review.router)  # review by people (issue 10)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.include_router(ecosystem.router)  # the innovation ecosystem (issue 13)
    app.include_router(match.router)  # technology-transfer matching (issue 14)
    app.state.render_error = render_error
