"""Who may create and change a need in the dashboard: only an editor who is a member of the owning
organisation. Everyone else (anonymous, a viewer of the organisation, an editor or admin of another one)
is refused and the need stays as it was; the forms carry the CSRF token; bad input says what to fix."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from riso.api import create_app
from riso.match.records import Need
from riso.model import Provenance
from riso.services import accounts
from riso.services import match as match_service
from riso.store import Store, open_store

PASSWORD = "correct horse battery"
NEED = "n:acme:thermal"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = open_store(tmp_path_factory.mktemp("match-rights") / "m.duckdb")
    match_service.import_offers(db, "skl")  # 478 laboratories: a small real offer set
    for name, role in (("edith", "editor"), ("otto", "editor"), ("vera", "viewer"), ("ada", "admin")):
        accounts.add_user(db, name, role, PASSWORD, actor="test")
    db.add_member("acme", "edith")
    db.add_member("acme", "vera")  # a viewer of the organisation: may read, not edit
    db.add_member("globex", "otto")  # an editor of another organisation
    db.save_need(Need(id=NEED, title="Wärmemanagement für Antriebsbatterien", language="de", owner="acme",
                      region="CN-CQ", provenance=Provenance(source="test")), by="edith")
    yield db
    db.close()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def _client(store: Store, user: str | None) -> tuple[TestClient, str]:
    """A browser-like client (cookies over https), logged in as ``user``; returns it and its CSRF token."""
    client = TestClient(create_app(store, public=True, cache_seconds=0), base_url="https://testserver")
    token = _csrf(client.get("/login").text)
    if user is not None:
        done = client.post("/login", data={"name": user, "password": PASSWORD, "csrf": token, "next": "/match"},
                           follow_redirects=False)
        assert done.status_code == 303, done.text
        token = _csrf(client.get("/match/inbox").text if user != "ada" else client.get("/admin").text)
    return client, token


def _form(token: str, **changes: str) -> dict[str, str]:
    base = {"title": "Wärmemanagement für Antriebsbatterien", "text": "", "language": "de", "industry": "",
            "region": "Chongqing", "urgency": "normal", "contact": "", "owner": "acme", "csrf": token}
    return {**base, **changes}


@pytest.mark.parametrize("user", [None, "vera", "otto", "ada"])
def test_web_match_only_editors_of_the_owner_change_a_need(store: Store, user: str | None) -> None:
    client, token = _client(store, user)
    before = store.get_need(NEED)
    page = client.get(f"/match/needs/{NEED}")
    assert page.status_code == 200
    assert "/edit" not in page.text and 'action="/match/decide"' not in page.text  # no forms shown
    edit = client.get(f"/match/needs/{NEED}/edit", follow_redirects=False)
    assert edit.status_code == (303 if user is None else 403)
    sent = client.post(f"/match/needs/{NEED}/edit", data=_form(token, title="taken over"), follow_redirects=False)
    assert sent.status_code == (401 if user is None else 403)
    assert store.get_need(NEED) == before
    new = client.post("/match/needs/new", data=_form(token, title="a need for acme by someone else"),
                      follow_redirects=False)
    assert new.status_code == (401 if user is None else 403)
    assert not [n for n in store.list_needs() if n.title == "a need for acme by someone else"]
    offer = store.list_offers(limit=1)[0].id
    decided = client.post("/match/decide", data={"need": NEED, "offer": offer, "decision": "accept", "csrf": token},
                          follow_redirects=False)
    assert decided.status_code == (401 if user is None else 403)
    assert not [d for d in store.list_decisions(need=NEED) if d.by == user]


def test_web_match_an_editor_of_the_owner_creates_and_edits_a_need(store: Store) -> None:
    client, token = _client(store, "edith")
    assert 'href="/match/needs/new"' in client.get("/match").text
    assert client.post(f"/match/needs/{NEED}/edit", data=_form(""), follow_redirects=False).status_code == 403
    assert client.post(f"/match/needs/{NEED}/edit", data=_form("forged"),
                       follow_redirects=False).status_code == 403  # a token that is not the session's
    changed = client.post(f"/match/needs/{NEED}/edit", data=_form(token, urgency="high", contact="anna@acme.example"),
                          follow_redirects=False)
    assert changed.status_code == 303 and changed.headers["location"].startswith(f"/match/needs/{NEED}")
    need = store.get_need(NEED)
    assert need.urgency == "high" and need.contact == "anna@acme.example" and need.region == "CN-CQ"
    moved = client.post(f"/match/needs/{NEED}/edit", data=_form(token, owner="globex"), follow_redirects=False)
    assert moved.status_code == 403 and store.get_need(NEED).owner == "acme"  # not an editor of globex

    created = client.post("/match/needs/new", data=_form(token, title="高精度轴承磨削", language="zh",
                                                          text="寻求数控机床主轴轴承的精密磨削工艺", region="重庆"),
                          follow_redirects=False)
    assert created.status_code == 303
    new_id = created.headers["location"].split("?")[0].removeprefix("/match/needs/")
    need = store.get_need(new_id)
    assert need.owner == "acme" and need.region == "CN-CQ" and need.provenance.source == "dashboard:edith"
    audit = [a for a in store.list_audit(limit=20) if a["action"] == "match.need.create"]
    assert audit and audit[0]["actor"] == "edith"
    page = client.get(created.headers["location"])
    assert page.status_code == 200 and "高精度轴承磨削" in page.text and "/edit" in page.text


@pytest.mark.parametrize(("changes", "says"), [
    ({"title": ""}, "a need needs a title"),
    ({"region": "Atlantis"}, "unknown region"),
    ({"language": "xx"}, "unknown language"),
    ({"urgency": "yesterday"}, "unknown urgency"),
    ({"text": "x" * 5001}, "longer than 5000"),
])
def test_web_match_bad_need_input_says_what_to_fix(store: Store, changes: dict[str, str], says: str) -> None:
    client, token = _client(store, "edith")
    before = store.get_need(NEED)
    sent = client.post(f"/match/needs/{NEED}/edit", data=_form(token, **changes), follow_redirects=False)
    assert sent.status_code == 400
    assert says in sent.text and 'role="alert"' in sent.text
    assert store.get_need(NEED) == before


def _throwaway(store: Store, title: str) -> str:
    """A need of acme (with one decision) to delete."""
    need = Need(id=f"n:acme:{abs(hash(title)) % 10**8}", title=title, language="en", owner="acme",
                provenance=Provenance(source="test"))
    store.save_need(need, by="edith")
    match_service.decide(store, need.id, store.list_offers(limit=1)[0].id, "contact", by="edith")
    return need.id


@pytest.mark.parametrize("user", [None, "vera", "otto", "ada"])
def test_web_match_only_editors_of_the_owner_delete_a_need(store: Store, user: str | None) -> None:
    victim = _throwaway(store, f"a need others try to delete ({user})")
    client, token = _client(store, user)
    sent = client.post(f"/match/needs/{victim}/delete", data={"csrf": token, "confirm": "yes"}, follow_redirects=False)
    assert sent.status_code == (401 if user is None else 403)
    assert store.get_need(victim).title.startswith("a need others try") and store.list_decisions(need=victim)
    assert "/delete" not in client.get(f"/match/needs/{victim}/edit", follow_redirects=False).text


def test_web_match_the_owners_editor_deletes_a_need_with_its_decisions(store: Store) -> None:
    victim = _throwaway(store, "a need edith deletes")
    client, token = _client(store, "edith")
    form = client.get(f"/match/needs/{victim}/edit").text
    assert f'action="/match/needs/{victim.replace(":", "%3A")}/delete"' in form and 'name="confirm"' in form
    assert client.post(f"/match/needs/{victim}/delete", data={"csrf": "forged", "confirm": "yes"},
                       follow_redirects=False).status_code == 403
    unticked = client.post(f"/match/needs/{victim}/delete", data={"csrf": token}, follow_redirects=False)
    assert unticked.status_code == 400 and "not ticked" in unticked.text
    assert store.get_need(victim).id == victim
    done = client.post(f"/match/needs/{victim}/delete", data={"csrf": token, "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/match?deleted=1"
    assert victim not in {n.id for n in store.list_needs()} and not store.list_decisions(need=victim)
    audit = [a for a in store.list_audit(limit=20) if a["action"] == "match.need.delete"]
    assert audit and audit[0]["actor"] == "edith" and audit[0]["target"] == victim
    assert "The need is deleted." in client.get(done.headers["location"]).text
    assert client.post(f"/match/needs/{victim}/delete", data={"csrf": token, "confirm": "yes"},
                       follow_redirects=False).status_code == 404


_SHEET = ("id,kind,title,language,holder,region,year\n"
          "p1,patent,一种动力电池液冷板及其热管理系统,zh,山城电池研究院,Chongqing,2021\n"
          "p2,pilot_base,Pilot line for solid-state battery cells,en,Chongqing Lab,CN-CQ,2023\n"
          "p3,patent,,en,nobody,,2020\n")


@pytest.mark.parametrize("user", [None, "vera"])
def test_web_match_only_editors_import_an_offer_sheet(store: Store, user: str | None) -> None:
    client, token = _client(store, user)
    assert client.get("/match/offers/import", follow_redirects=False).status_code == (303 if user is None else 403)
    sent = client.post("/match/offers/import", data={"csrf": token, "owner": "acme"},
                       files={"file": ("offers.csv", _SHEET.encode(), "text/csv")}, follow_redirects=False)
    assert sent.status_code == (401 if user is None else 403)
    assert not [o for o in store.list_offers() if o.holder == "山城电池研究院"]


def test_web_match_an_editor_imports_an_offer_sheet(store: Store) -> None:
    client, token = _client(store, "edith")
    assert 'href="/match/offers/import"' in client.get("/match").text
    form = client.get("/match/offers/import").text
    assert 'enctype="multipart/form-data"' in form and '<option value="acme"' in form
    bad = client.post("/match/offers/import", data={"csrf": token, "owner": "acme"},
                      files={"file": ("offers.csv", _SHEET.encode(), "text/csv")})
    assert bad.status_code == 422 and "line 4" in bad.text and "nothing was imported" in bad.text
    assert not [o for o in store.list_offers() if o.holder == "山城电池研究院"]
    theirs = client.post("/match/offers/import", data={"csrf": token, "owner": "globex", "skip_bad_rows": "yes"},
                         files={"file": ("offers.csv", _SHEET.encode(), "text/csv")})
    assert theirs.status_code == 400 and "cannot import offers for" in theirs.text
    not_a_sheet = client.post("/match/offers/import", data={"csrf": token, "owner": "acme"},
                              files={"file": ("offers.pdf", b"%PDF-1.4", "application/pdf")})
    assert not_a_sheet.status_code == 400 and "not a CSV or .xlsx" in not_a_sheet.text
    done = client.post("/match/offers/import", data={"csrf": token, "owner": "acme", "skip_bad_rows": "yes"},
                       files={"file": ("offers.csv", _SHEET.encode(), "text/csv")})
    assert done.status_code == 200, done.text
    assert "offers.csv: 3 rows read, 2 new offers, 0 updated." in done.text and "line 4" in done.text
    imported = [o for o in store.list_offers() if o.holder in ("山城电池研究院", "Chongqing Lab")]
    assert sorted(o.kind for o in imported) == ["patent", "pilot_base"] and {o.owner for o in imported} == {"acme"}
    audit = [a for a in store.list_audit(limit=20) if a["action"] == "match.offers.import"]
    assert audit and audit[0]["actor"] == "edith" and audit[0]["target"] == "offers.csv"
    mapped = client.post("/match/offers/import",
                         data={"csrf": token, "owner": "public", "kind": "patent",
                               "columns": "title=专利名称\nholder=专利权人, language=语言"},
                         files={"file": ("zl.csv", "专利名称,专利权人,语言\n燃料电池双极板涂层,巴渝涂层实验室,zh\n"
                                         .encode(), "text/csv")})
    assert mapped.status_code == 200 and "1 new offers" in mapped.text
    assert [o.owner for o in store.list_offers() if o.holder == "巴渝涂层实验室"] == ["public"]
