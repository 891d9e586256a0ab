"""/api/v1/docs: Swagger UI served from the installed `swagger-ui-bundle` package, never from a CDN.

The page loads only same-origin files: the bundle's JavaScript and CSS under /api/v1/docs/assets/
and riso's own start-up script (`static/docs-init.js`), so it works offline and under a
Content-Security-Policy without inline scripts.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["install_docs"]

_INIT_JS = resources.files("riso.api") / "static" / "docs-init.js"


def _page(prefix: str, title: str) -> str:
    assets = f"{prefix}/docs/assets"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} API</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-spec="{prefix}/openapi.json"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-ui-standalone-preset.js"></script>
<script src="{prefix}/docs/init.js"></script>
</body>
</html>
"""


def install_docs(app: FastAPI, prefix: str) -> None:
    """Serve the API documentation page and its assets under `prefix`/docs."""
    from swagger_ui_bundle import swagger_ui_path

    page = _page(prefix, app.title)

    @app.get(f"{prefix}/docs", include_in_schema=False)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get(f"{prefix}/docs/init.js", include_in_schema=False)
    async def docs_init() -> FileResponse:
        return FileResponse(str(_INIT_JS), media_type="text/javascript")

    app.mount(f"{prefix}/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="api-docs-assets")
