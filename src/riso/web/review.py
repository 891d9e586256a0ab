"""The dashboard's review: the queue of facts to review, and the editors' form on a fact's evidence page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from riso.api._auth import check_csrf, editor, reader, store_of, web_session
from riso.errors import RisoError
from riso.model import COMPARATORS, Fact
from riso.services import review
from riso.store import Store
from riso.store.users import Account
from riso.web._render import render

__all__ = ["review_context", "router", "split_headline"]

router = APIRouter(include_in_schema=False)
_EDITABLE = ("kind", "value", "unit", "comparator", "deadline", "period", "subject", "metric")


def _can_review(request: Request) -> bool:
    session = web_session(request)
    return session is not None and session.user.role in ("editor", "admin")


def review_context(request: Request, store: Store, fact: Fact) -> dict[str, Any]:
    """What the evidence page shows about review: the decision, whether the fact is to review, the form."""
    threshold = review.review_threshold(store)
    decision = store.review_for(fact) if fact.review else None
    return {
        "review_threshold": threshold,
        "to_review": review.is_to_review(fact, threshold),
        "decision": decision,
        "can_review": _can_review(request) and fact.kind in review.REVIEWABLE_KINDS,
        "review_kinds": review.REVIEWABLE_KINDS,
        "comparators": COMPARATORS,
        "reviewed": request.query_params.get("reviewed"),
    }


def split_headline(store: Store, items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Target cards as headline ones and the ones to review (below the threshold, not confirmed by an editor, or
    with a metric that resolved to no catalog indicator)."""
    threshold = review.review_threshold(store)
    regions = {str(r) for i in items if (r := _region_of(i)) is not None}
    # a region page's cards: that region's targets only (reading all of them cost seconds at 50,000 targets)
    targets = store.list_targets(region=regions.pop()) if len(regions) == 1 else store.list_targets()
    unsure = {t.id for t in targets if not review.is_headline(t, threshold)}
    headline = [i for i in items if i.get("id") not in unsure]
    return headline, [i for i in items if i.get("id") in unsure]


def _region_of(item: dict[str, Any]) -> object | None:
    """The region of a target card (its target record) or of a targets-table row (its own column)."""
    target = item.get("target")
    if isinstance(target, dict):
        return target.get("region")
    return item.get("region")


@router.get("/review", response_class=HTMLResponse)
def queue_page(request: Request, _: Account | None = Depends(reader)) -> HTMLResponse:
    """Facts the extractor is unsure of, least sure first, each linked to its evidence page."""
    store = store_of(request)
    threshold = review.review_threshold(store)
    facts = review.to_review(store, threshold=threshold, limit=500)
    return render(request, "review.html", facts=facts, threshold=threshold, decisions=store.list_reviews()[:20])


def _changes(fact: Fact, form: dict[str, str]) -> dict[str, object]:
    """The fields the editor changed (the form shows the current values)."""
    current = {
        "kind": fact.kind, "value": "" if fact.value is None else f"{fact.value:g}", "unit": fact.unit or "",
        "comparator": fact.comparator or "", "deadline": "" if fact.deadline is None else str(fact.deadline),
        "period": fact.period or "", "subject": fact.subject.name if fact.subject else "", "metric": fact.metric or "",
    }  # fmt: skip
    out: dict[str, object] = {}
    for name in _EDITABLE:
        sent = form.get(name, "").strip()
        if sent != current[name] and not (name == "value" and sent and _same_number(sent, fact.value)):
            out[name] = sent
    return out


def _same_number(sent: str, value: float | None) -> bool:
    try:
        return value is not None and float(sent.replace(",", ".")) == value
    except ValueError:
        return False


@router.post("/facts/{fact_id}/review")
async def review_submit(request: Request, fact_id: str, user: Account = Depends(editor)) -> Response:
    """Confirm, correct or reject a fact from its evidence page (editors; CSRF-checked; audited)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf", ""))
    store = store_of(request)
    decision = form.get("decision", "")
    try:
        fact = store.get_fact(fact_id)
        changes = _changes(fact, form) if decision.startswith("correct") else {}
        if decision.startswith("correct") and not changes:
            decision = "confirmed"
        done = review.decide(store, fact.id, decision, reviewer=user.name, changes=changes, note=form.get("note"))
    except RisoError as err:
        fact = store.get_fact(fact_id)
        from riso.web.pages import evidence_context

        return render(request, "evidence.html", status=err.status, error=err, **evidence_context(request, store, fact))
    request.app.state.cache.clear()
    return RedirectResponse(f"/facts/{done.id}?reviewed={done.review}#review", status_code=303)


@router.post("/facts/{fact_id}/review/undo")
def review_undo(request: Request, fact_id: str, csrf: str = Form(""), user: Account = Depends(editor)) -> Response:
    """Withdraw the decision on a fact (editors; CSRF-checked; audited)."""
    check_csrf(request, csrf)
    done = review.undo(store_of(request), fact_id, actor=user.name)
    request.app.state.cache.clear()
    return RedirectResponse(f"/facts/{done.id}?reviewed=undone#review", status_code=303)
