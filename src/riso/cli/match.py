"""`riso match` commands: import offers and needs, match, the intermediary's inbox, decisions, learning, digest."""

from __future__ import annotations

from pathlib import Path

import typer

from riso.cli._util import Format, console, err_console, get_store, render
from riso.errors import BadRequest
from riso.services import match as match_service

__all__ = ["register"]

match_app = typer.Typer(help="Technology-transfer matching: offers, needs, matches, inbox, feedback.",
                        no_args_is_help=True)

_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")
_MODE = typer.Option("auto", "--mode", help="auto (hybrid when embeddings are ready, else lexical), lexical, "
                     "hybrid or bm25 (the plain baseline).")
_IMPORT_COLUMNS = ["source", "rows_read", "new", "updated", "duplicates", "skipped"]
_MATCH_COLUMNS = ["rank", "score", "offer", "title", "holder", "concepts", "terms", "fields", "distance_km"]


def _mode(mode: str) -> match_service.AutoMode:
    if mode not in ("auto", "bm25", "lexical", "hybrid"):
        raise BadRequest(f"unknown mode {mode!r}", hint="Use auto, lexical, hybrid or bm25.")
    return mode  # type: ignore[return-value]


def _report(report: match_service.ImportReport, fmt: Format) -> None:
    rec = report.to_json()
    if fmt is Format.table:
        render([rec], fmt, columns=_IMPORT_COLUMNS, title=report.path)
        for line, reason in report.bad_rows[:20]:
            console.print(f"[yellow]skipped[/] line {line}: {reason}", highlight=False)
    else:
        render([rec], fmt)


@match_app.command("import-offers")
def import_offers_cli(
    ctx: typer.Context,
    source: str = typer.Argument(..., help=f"Register: {', '.join(match_service.OFFER_SOURCES)}."),
    path: Path = typer.Option(None, "--from", help="Read this CSV/.xlsx instead of the shipped register copy."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."),
    fmt: Format = _FORMAT,
) -> None:
    """Import offers: National Key R&D projects (nkrdp), open instruments (openshare), key laboratories (skl)."""
    _report(match_service.import_offers(get_store(ctx), source, path, skip_bad_rows=skip_bad_rows), fmt)


def _columns(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, sep, header = pair.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise BadRequest(f"--column {pair!r} is not NAME=HEADER", hint="For example --column title=专利名称.")
        out[name.strip()] = header.strip()
    return out


@match_app.command("import-offer-sheet")
def import_offer_sheet_cli(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="CSV or .xlsx with columns id, kind, title, text, language, holder, "
                                "region, field, year (or mapped with --column)."),
    kind: str = typer.Option(None, "--kind", help="Kind of rows without a `kind` column: patent, pilot_base, "
                             "result, project, instrument, laboratory."),
    column: list[str] = typer.Option(None, "--column", help="NAME=HEADER: read riso's column NAME from the "
                                     "sheet's HEADER (repeatable), e.g. --column title=专利名称."),
    owner: str = typer.Option("public", "--owner", help="The organisation that may edit these offers."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."),
    fmt: Format = _FORMAT,
) -> None:
    """Import offers from any sheet: patents, pilot bases and test fields, research results."""
    _report(match_service.import_offer_sheet(get_store(ctx), path, kind=kind, owner=owner, columns=_columns(column),
                                             skip_bad_rows=skip_bad_rows), fmt)


@match_app.command("import-needs")
def import_needs_cli(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="CSV or .xlsx with columns title, text, language, industry, region, "
                                "urgency, owner, contact, id."),
    owner: str = typer.Option(None, "--owner", help="Owner organisation for rows without an `owner` column."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Import the good rows of a file with bad ones."),
    fmt: Format = _FORMAT,
) -> None:
    """Import enterprises' needs (any of the six languages)."""
    _report(match_service.import_needs(get_store(ctx), path, owner=owner, skip_bad_rows=skip_bad_rows), fmt)


def _rows(run: match_service.MatchRun, titles: dict[str, tuple[str, str | None]]) -> list[dict[str, object]]:
    rows = []
    for m in run.matches:
        ex = m.explanation
        title, holder = titles.get(m.offer, ("", None))
        rows.append({"rank": m.rank, "score": round(m.score, 3), "offer": m.offer, "title": title, "holder": holder,
                     "concepts": ", ".join(ex.concept_labels), "terms": ", ".join(ex.terms[:6]),
                     "fields": ", ".join(ex.field_labels), "distance_km": ex.distance_km,
                     "components": m.components})
    return rows


@match_app.command("need")
def need_cli(
    ctx: typer.Context,
    need_id: str = typer.Argument(None, help="A stored need's id (see `riso match needs`)."),
    text: str = typer.Option(None, "--text", help="Match this text instead of a stored need (not stored)."),
    language: str = typer.Option(None, "--language", help="The text's language (en, de, fr, it, es, zh)."),
    region: str = typer.Option(None, "--region", help="The text's region (any language, e.g. Chongqing)."),
    k: int = typer.Option(10, "--top", "-k", min=1, max=200, help="How many offers."),
    mode: str = _MODE,
    fmt: Format = _FORMAT,
) -> None:
    """The ranked offers for a need, each with its explanation (shared terms, concepts, field, holder, distance)."""
    store = get_store(ctx)
    if (need_id is None) == (text is None):
        raise BadRequest("give a need id or --text", hint="riso match need n:acme:1  or  riso match need --text '...'")
    if text is not None:
        run = match_service.match_text(store, text, language=language, region=region, k=k,
                                       mode=_mode(mode))
    else:
        run = match_service.match_need(store, need_id, k=k, mode=_mode(mode))
    titles = {o.id: (o.title, o.holder) for o in (store.get_offer(m.offer) for m in run.matches)}
    err_console.print(f"[dim]{run.note}[/]", highlight=False)
    if fmt is Format.table:
        render(_rows(run, titles), fmt, columns=_MATCH_COLUMNS, title=run.subject)
    else:
        render(_rows(run, titles), fmt)


@match_app.command("run")
def run_cli(
    ctx: typer.Context,
    k: int = typer.Option(5, "--top", "-k", min=1, max=200, help="How many offers per need."),
    mode: str = _MODE,
    workers: int = typer.Option(0, "--workers", "-j", min=0,
                                help="Processes sharing the offer index (0: one per CPU)."),
    fmt: Format = _FORMAT,
) -> None:
    """Match every stored need; one row per (need, offer)."""
    store = get_store(ctx)
    rows = []
    note = ""
    for run in match_service.run_all(store, k=k, mode=_mode(mode), workers=workers or None):
        note = run.note
        for m in run.matches:
            rows.append({"need": m.need, "rank": m.rank, "score": round(m.score, 3), "offer": m.offer,
                         "concepts": ", ".join(m.explanation.concept_labels)})
    if note:
        err_console.print(f"[dim]{note}[/]", highlight=False)
    render(rows, fmt, columns=["need", "rank", "score", "offer", "concepts"])


@match_app.command("offer")
def offer_cli(
    ctx: typer.Context,
    offer_id: str = typer.Argument(..., help="An offer's id (o:nkrdp:2018YFB0104000 ...)."),
    k: int = typer.Option(10, "--top", "-k", min=1, max=200, help="How many needs."),
    fmt: Format = _FORMAT,
) -> None:
    """The enterprises whose needs an offer fits."""
    store = get_store(ctx)
    run = match_service.match_offer(store, offer_id, k=k)
    rows = [{"rank": m.rank, "score": round(m.score, 3), "need": m.need, "title": store.get_need(m.need).title,
             "owner": store.get_need(m.need).owner, "concepts": ", ".join(m.explanation.concept_labels)}
            for m in run.matches]
    render(rows, fmt, columns=["rank", "score", "need", "title", "owner", "concepts"])


@match_app.command("offers")
def offers_cli(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", help="project, instrument, laboratory ..."),
    query: str = typer.Option(None, "--query", "-q", help="Only offers whose title or holder contains this."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
    fmt: Format = _FORMAT,
) -> None:
    """List stored offers."""
    offers = get_store(ctx).list_offers(kind=kind, query=query, limit=limit)
    render([o.model_dump(exclude={"provenance", "text"}) for o in offers], fmt,
           columns=["id", "kind", "title", "holder", "region", "field"])


@match_app.command("needs")
def needs_cli(
    ctx: typer.Context,
    owner: str = typer.Option(None, "--owner", help="Only needs of this organisation."),
    fmt: Format = _FORMAT,
) -> None:
    """List stored needs."""
    needs = get_store(ctx).list_needs(owner=owner)
    render([n.model_dump(exclude={"provenance"}) for n in needs], fmt,
           columns=["id", "title", "language", "industry", "region", "urgency", "owner"])


@match_app.command("embed")
def embed_cli(ctx: typer.Context) -> None:
    """Compute and cache the offers' embeddings (the embed extra); afterwards matching runs hybrid."""
    count = match_service.embed_offers(get_store(ctx))
    console.print(f"embedded {count} offers", highlight=False)


@match_app.command("member")
def member_cli(
    ctx: typer.Context,
    organisation: str = typer.Argument(..., help="Organisation id (the owner named on its needs)."),
    user: str = typer.Argument(..., help="A user name (see `riso user list`)."),
) -> None:
    """Make a user a member of an organisation: its editors may edit the organisation's needs."""
    get_store(ctx).add_member(organisation, user)
    console.print(f"{user} is a member of {organisation}", highlight=False)


@match_app.command("decide")
def decide_cli(
    ctx: typer.Context,
    need_id: str = typer.Argument(..., help="The need."),
    offer_id: str = typer.Argument(..., help="The offer."),
    decision: str = typer.Argument(..., help="accept, reject, contact or deal."),
    by: str = typer.Option(..., "--by", help="Who decides (stored with the time)."),
    note: str = typer.Option(None, "--note", help="A note kept with the decision."),
) -> None:
    """Record a decision on a match (with the score parts shown, for `riso match learn`)."""
    d = match_service.decide(get_store(ctx), need_id, offer_id, decision, by=by, note=note)
    console.print(f"{d.decision}: {d.need} -> {d.offer} by {d.by}", highlight=False)


@match_app.command("learn")
def learn_cli(ctx: typer.Context, fmt: Format = _FORMAT) -> None:
    """Learn the matcher's weights from the stored decisions (logistic regression; see docs/match.md)."""
    weights = match_service.learn(get_store(ctx))
    render([{"component": k, "weight": v} for k, v in weights.items()], fmt)


@match_app.command("inbox")
def inbox_cli(
    ctx: typer.Context,
    user: str = typer.Option(None, "--user", help="Only needs of this user's organisations."),
    k: int = typer.Option(5, "--top", "-k", min=1, max=50, help="Offers per need."),
    fmt: Format = _FORMAT,
) -> None:
    """The intermediary's inbox: best offers per need with the latest decision on each."""
    render(match_service.inbox(get_store(ctx), user=user, k=k), fmt,
           columns=["need", "urgency", "rank", "score", "offer", "offer_title", "holder", "status"])


@match_app.command("digest")
def digest_cli(
    ctx: typer.Context,
    user: str = typer.Option(None, "--user", help="Only needs of this user's organisations."),
    out: Path = typer.Option(None, "--out", help="Write the digest to this file (nothing is sent)."),
    k: int = typer.Option(3, "--top", "-k", min=1, max=20, help="Offers per need."),
) -> None:
    """A text digest of the inbox, to send by e-mail yourself (printed, or written with --out)."""
    text = match_service.digest(get_store(ctx), user=user, k=k)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}", highlight=False)
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    """Add the `riso match` group."""
    app.add_typer(match_app, name="match")
