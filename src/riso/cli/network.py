"""`riso network` commands: a region's ecosystem, analytics, triple helix, clusters, chains, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import cast

import typer

from riso.cli._util import Format, console, get_store, render
from riso.network.chains import load_chains
from riso.services import network as network_service

__all__ = ["register"]

network_app = typer.Typer(help="The innovation ecosystem: analytics, industry chains, leaders and gaps.",
                          no_args_is_help=True)

_FORMAT = typer.Option(Format.table, "--format", "-f", help="Output format.")


def _json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@network_app.command("ecosystem")
def ecosystem_cli(
    ctx: typer.Context,
    region: str = typer.Argument(..., help="A region id (CN-CQ, cn-sc-chengdu, cn-yrd ...)."),
    fmt: Format = _FORMAT,
) -> None:
    """Who is in a region (by centrality), its state key laboratories with their hosts, the triple helix."""
    data = network_service.ecosystem(get_store(ctx), region)
    nodes = cast(list[dict[str, object]], data["nodes"])
    if fmt is Format.json:
        _json(data)
        return
    if fmt is not Format.table:
        render(nodes, fmt)
        return
    render([n for n in nodes if n["local"]], fmt,
           columns=["name", "type", "lab_level", "degree", "betweenness", "eigenvector", "community"], title=region)
    render([{"laboratory": lab["lab"]["name"], "hosts": ", ".join(h["name"] for h in lab["hosts"])}
            for lab in data["laboratories"]], fmt, title="laboratories and their hosts")  # type: ignore[attr-defined]
    helix = data["triple_helix"]
    console.print(f"triple helix: {helix['cross_sector']} balance {helix['balance']}", highlight=False)  # type: ignore[index]


@network_app.command("analytics")
def analytics_cli(
    ctx: typer.Context,
    region: str = typer.Option(None, "--region", help="Only this region's part of the network."),
    measure: str = typer.Option("degree", "--by", help="degree, betweenness, eigenvector, communities or brokers."),
    top: int = typer.Option(20, "--top", help="How many rows."),
    fmt: Format = _FORMAT,
) -> None:
    """Centralities (degree, betweenness, eigenvector), Leiden communities and brokers between regions."""
    data = network_service.analytics(get_store(ctx), region=region, top=top)
    if fmt is Format.json:
        _json(data)
        return
    render(data[measure], fmt, title=f"{measure} · {data['actors']} actors, {data['relations']} links")  # type: ignore[arg-type]


@network_app.command("compute")
def compute_cli(
    ctx: typer.Context,
    sources: int = typer.Option(None, "--sources", min=1,
                                help="Sampled sources for betweenness (default: exact up to 5,000 actors, else 32, "
                                     "fewer down to 8 above 5M links)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the source sample and of Leiden."),
) -> None:
    """Compute the whole network's centralities and communities once and store them for the pages
    (one line per step as it ends: wall and CPU seconds)."""

    def step(name: str, wall: float, cpu: float) -> None:
        console.print(f"  {name}: {wall:.1f} s (CPU {cpu:.1f} s)", highlight=False)

    run = network_service.compute_metrics(get_store(ctx), sources=sources, seed=seed, progress=step)
    console.print(f"run {run['run']}: {run['actors']:,} actors, {run['links']:,} links, betweenness "
                  f"{run['betweenness']} (seed {run['seed']}), {run['communities']:,} communities in "
                  f"{run['seconds']} s", highlight=False)


@network_app.command("helix")
def helix_cli(ctx: typer.Context, fmt: Format = _FORMAT) -> None:
    """The triple-helix balance (government-industry-academia links) of every province."""
    rows = network_service.triple_helix_by_region(get_store(ctx))
    if fmt is Format.json:
        _json(rows)
        return
    render([{"region": r["region"], "actors": r["actors"], **r["cross_sector"], "balance": r["balance"]}  # type: ignore[dict-item]
            for r in rows], fmt)


@network_app.command("clusters")
def clusters_cli(ctx: typer.Context, fmt: Format = _FORMAT) -> None:
    """Cooperation between the Yangtze River Delta, the Greater Bay Area and Chengdu-Chongqing."""
    data = network_service.cluster_cooperation(get_store(ctx))
    if fmt is Format.json:
        _json(data)
        return
    matrix: dict[str, dict[str, int]] = data["relations"]  # type: ignore[assignment]
    render([{"cluster": c, "actors": data["actors"][c], **row} for c, row in matrix.items()], fmt)  # type: ignore[index]
    console.print(str(data["note"]), highlight=False)


@network_app.command("chains")
def chains_cli(fmt: Format = _FORMAT) -> None:
    """The industry chains riso knows, with their segments upstream -> downstream."""
    render([{"chain": c.id, "name": c.name(), "segments": " -> ".join(s.id for s in c.segments)}
            for c in load_chains().values()], fmt)


@network_app.command("chain")
def chain_cli(
    ctx: typer.Context,
    chain: str = typer.Argument(..., help="A chain id (see `riso network chains`)."),
    region: str = typer.Argument(..., help="A region id."),
    fmt: Format = _FORMAT,
) -> None:
    """A chain in a region: each segment's local actors, the gaps with partner regions, the leader candidates."""
    data = network_service.chain_view(get_store(ctx), chain, region)
    if fmt is Format.json:
        _json(data)
        return
    render([{"segment": s["id"], "status": s["status"], "local actors": ", ".join(x["name"] for x in s["local"][:5]),
             "partners": ", ".join(f"{p['region']} ({p['actors']})" for p in s["partners"])}
            for s in data["segments"]], fmt, title=f"{chain} in {region}")  # type: ignore[attr-defined]
    render([{"name": x["name"], "score": x["score"], **x["evidence"]} for x in data["leaders"]], fmt,  # type: ignore[attr-defined]
           title="chain-leader candidates (centrality x size x reach)")


@network_app.command("place")
def place_cli(
    ctx: typer.Context,
    chain: str = typer.Argument(..., help="A chain id."),
    segment: str = typer.Argument(..., help="A segment id of that chain."),
    actor: str = typer.Argument(..., help="An actor id."),
    remove: bool = typer.Option(False, "--remove", help="Take the actor off the segment instead."),
    by: str = typer.Option("editor", "--by", help="Who decided."),
    note: str = typer.Option(None, "--note", help="Why."),
) -> None:
    """An editor's choice: place an actor on a chain segment (or take it off)."""
    network_service.place_actor(get_store(ctx), chain, segment, actor, placed=not remove, by=by, note=note)
    console.print(f"{'removed' if remove else 'placed'} {actor} {'from' if remove else 'on'} {chain}/{segment}",
                  highlight=False)


@network_app.command("export")
def export_cli(
    ctx: typer.Context,
    region: str = typer.Argument(..., help="A region id."),
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    graph_format: str = typer.Option("graphml", "--format", "-f", help="graphml or csv (edge list)."),
) -> None:
    """Write a region's ecosystem graph as GraphML or a CSV edge list, with each link's evidence."""
    text = network_service.export_graph(get_store(ctx), region, fmt=graph_format)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    console.print(f"wrote {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(network_app, name="network")
