"""Template rendering for the dashboard: the Jinja2 environment, the page context, text highlighting."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup

from riso.api._auth import csrf_token, public_access, web_session
from riso.errors import RisoError
from riso.web._format import COMPARATOR_SIGNS, number, percent, with_unit
from riso.web.i18n import available_languages, choose_language, strings, translate

__all__ = ["LANG_COOKIE", "highlight", "language_of", "render", "render_block", "render_error", "templates"]

LANG_COOKIE = "riso_lang"
templates = Jinja2Templates(directory=str(resources.files("riso.web") / "templates"))
@pass_context
def _with_unit(context: Any, value: float | int | None, unit: str | None) -> str:
    """The with_unit filter: the unit as the page's language writes it."""
    return with_unit(value, unit, context.get("lang"))


templates.env.filters.update(number=number, with_unit=_with_unit, percent=percent)
templates.env.globals.update(comparator_signs=COMPARATOR_SIGNS)


def language_of(request: Request) -> str:
    """The UI language of this request."""
    return choose_language(
        request.query_params.get("lang"), request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )


def highlight(text: str, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """``text`` escaped, with each (start, end, href, label) span wrapped in a linked <mark>."""
    out, pos = [], 0
    for start, end, href, label in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<a class="mark" href="{escape(href)}" title="{escape(label)}"><mark>')
        out.append(escape(text[start:end]) + "</mark></a>")
        pos = end
    out.append(escape(text[pos:]))
    return Markup("".join(out).replace("\n", "<br>\n"))


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the shared context: language, translator, user, CSRF token."""
    lang = language_of(request)
    session = web_session(request)

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    context.update(
        lang=lang,
        t=t,
        languages=[(code, strings(code)["language_name"]) for code in available_languages()],
        user=session.user if session else None,
        csrf=csrf_token(request),
        public=public_access(request),
        path=request.url.path,
        known_keys=strings(lang),
    )
    return templates.TemplateResponse(request, template, context, status_code=status)


def render_block(request: Request, template: str, block: str, **context: Any) -> Markup:
    """One block of a page rendered with the language but nothing about who is asking (no user, no CSRF
    token), so it can be cached and shared by every reader of that language."""
    lang = language_of(request)

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    context.update(lang=lang, t=t, path=request.url.path, known_keys=strings(lang), request=request)
    page = templates.get_template(template)
    return Markup("".join(page.blocks[block](page.new_context(context))))


def render_error(request: Request, err: RisoError) -> HTMLResponse:
    """An error as an HTML page with its message and hint."""
    return render(request, "error.html", status=err.status, error=err)
