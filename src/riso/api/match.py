"""/api/v1/match: needs and their ranked offers, offers and their interested needs, needs editing (and
deleting) and decisions. Only editors who are members of a need's owning organisation may change it (403 otherwise)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from riso.api._auth import editor, reader, store_of
from riso.match.records import Need, Urgency
from riso.model import Provenance
from riso.services import match as match_service
from riso.store.users import Account

__all__ = ["router"]

router = APIRouter(prefix="/match", tags=["match"])


@router.get("/needs/{need_id}/matches", summary="The ranked offers for a need, with explanations")
def need_matches(request: Request, need_id: str, k: int = Query(10, ge=1, le=100),
                 _: Account | None = Depends(reader)) -> dict[str, object]:
    """The need, the mode that ran (and why), and each match with its components and explanation."""
    store = store_of(request)
    need = store.get_need(need_id)
    run = match_service.match_need(store, need_id, k=k)
    body = run.to_json()
    body["need"] = need.model_dump(mode="json")
    return body


@router.get("/offers/{offer_id}/needs", summary="The enterprises' needs an offer fits")
def offer_needs(request: Request, offer_id: str, k: int = Query(10, ge=1, le=100),
                _: Account | None = Depends(reader)) -> dict[str, object]:
    """The offer and the needs it fits, best first."""
    store = store_of(request)
    body = match_service.match_offer(store, offer_id, k=k).to_json()
    body["offer"] = store.get_offer(offer_id).model_dump(mode="json")
    return body


class NeedBody(BaseModel):
    """A need as an enterprise states it."""

    title: str = Field(min_length=1, max_length=500)
    text: str = Field("", max_length=5000)
    language: str = Field(min_length=2, max_length=5)
    owner: str = Field(min_length=1, max_length=200)
    industry: str | None = Field(None, max_length=200)
    region: str | None = Field(None, max_length=100)
    urgency: Urgency = "normal"
    contact: str | None = Field(None, max_length=200)


@router.put("/needs/{need_id}", summary="Create or change a need (editors of its organisation)")
def put_need(request: Request, need_id: str, body: NeedBody, user: Account = Depends(editor)) -> dict[str, object]:
    """Store the need; 403 unless the user is an editor and a member of the owning organisation."""
    from riso.match.sources import region_id

    store = store_of(request)
    need = Need(id=need_id, title=body.title, text=body.text, language=body.language, owner=body.owner,
                industry=body.industry, region=region_id(body.region), urgency=body.urgency, contact=body.contact,
                provenance=Provenance(source=f"api:{user.name}"))
    return store.save_need(need, by=user.name).model_dump(mode="json")


@router.delete("/needs/{need_id}", summary="Delete a need and its decisions (editors of its organisation)")
def delete_need(request: Request, need_id: str, user: Account = Depends(editor)) -> dict[str, object]:
    """Remove the need with its decisions (audited as match.need.delete); 403 unless the user is an editor and
    a member of the owning organisation, 404 for an unknown need."""
    store = store_of(request)
    need = store.require_need_editor(need_id, user.name)
    store.delete_need(need.id, by=user.name)
    request.app.state.cache.clear()
    return {"removed": need.model_dump(mode="json")}


class DecisionBody(BaseModel):
    """An intermediary's decision on a match."""

    need: str = Field(min_length=1, max_length=200)
    offer: str = Field(min_length=1, max_length=200)
    decision: str = Field(min_length=1, max_length=20)
    note: str | None = Field(None, max_length=2000)


@router.post("/decisions", status_code=201, summary="Record a decision on a match (editors)")
def post_decision(request: Request, body: DecisionBody, user: Account = Depends(editor)) -> dict[str, object]:
    """Accept, reject, contact or deal, with who and when (and the score parts, for learning)."""
    store = store_of(request)
    store.require_need_editor(body.need, user.name)
    decision = match_service.decide(store, body.need, body.offer, body.decision, by=user.name, note=body.note)
    return decision.model_dump(mode="json")
