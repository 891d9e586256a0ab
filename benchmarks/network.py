"""Benchmark: the ecosystem network at scale (synthetic, shaped like the registers), on DuckDB.

    .venv/bin/python benchmarks/network.py                                  # 20,000 actors, 200,000 relations
    .venv/bin/python benchmarks/network.py --actors 1000000 --relations 10000000   # the issue's size

Shape: 31 provinces; a tenth of the actors are hubs (universities and institutes that host laboratories
and lead projects) holding a heavy-tailed (Pareto 1.2) share of the links, the other end uniform, as in
the NKRDP and SKL registers; relation weights 1-5. The synthetic registers are generated once and cached
as Parquet (``--cache``, default ~/.cache/riso-bench); the loaded DuckDB file is kept there too, and
``--reuse`` skips the import on a later run (``--no-analytics`` keeps its stored analytics too; a store
without any is computed). Figures: the bulk import (``Store.import_columns``), the whole-network analytics
(``riso network compute``: read, graph, degree/betweenness/eigenvector, Leiden, save; one line per step
as it ends), actor pages (p50/p95 over random actors and over the ten largest hubs, relations paged in SQL) and
a region's ecosystem (stored analytics), each with time and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from riso.network.synthetic import hub_links
from riso.services import network as network_service
from riso.store import open_store
from riso.web.netsvg import graph_svg

PROVINCES = ["CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ",
             "CN-AH", "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ",
             "CN-SC", "CN-GZ", "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ"]
TYPES = ["enterprise", "laboratory", "platform", "research_institute", "university"]
RELS = ["cooperation", "hosting", "funding", "membership", "supply"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (betweenness runs in one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    return pa.array([f"{prefix}{i:0{width}x}" for i in numbers.tolist()], type=pa.string())


def _numbered(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pa.array([f"{prefix}{i}" for i in numbers.tolist()], type=pa.string())


def _generate(n: int, m: int, folder: Path) -> None:
    """The synthetic registers as three Parquet files (actors, actor_sources, relations)."""
    rng = np.random.default_rng(7)
    idx = np.arange(n)
    ids = _ids("a:", idx, 8)
    rows = _numbered("synthetic.csv:", idx + 2)
    hubs = max(1, n // 10)
    kinds = np.where(idx < hubs, rng.choice([3, 4], n), rng.choice([0, 1, 2], n, p=[0.7, 0.15, 0.15]))
    actors = pa.table({"id": ids, "name": _numbered("actor ", idx),
                       "type": pa.array(np.array(TYPES, dtype=object)[kinds]),
                       "region": pa.array(np.array(PROVINCES, dtype=object)[rng.integers(0, len(PROVINCES), n)])})
    pq.write_table(actors, folder / "actors.parquet")
    pq.write_table(pa.table({"actor": ids, "source": pa.array(["synthetic register"] * n), "ref": rows,
                             "row_ref": rows}), folder / "sources.parquet")
    del actors, rows
    source, target = hub_links(n, m, rng)  # one end a hub by a heavy tail, the other uniform
    j = np.arange(len(source))
    rel = pa.table({"id": _ids("r:", j, 9), "source": ids.take(pa.array(source)), "target": ids.take(pa.array(target)),
                    "type": pa.array(np.array(RELS, dtype=object)[rng.integers(0, len(RELS), len(j))]),
                    "weight": pa.array(rng.integers(1, 6, len(j)).astype(np.float64)),
                    "prov_source": pa.array(["synthetic register"] * len(j)),
                    "prov_row": _numbered("synthetic-links.csv:", j + 2)})
    pq.write_table(rel, folder / "relations.parquet")


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def _columns(table: pa.Table) -> dict[str, pa.ChunkedArray]:
    return {name: table.column(name) for name in table.column_names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--pages", type=int, default=50, help="actor pages to time")
    parser.add_argument("--sources", type=int, default=None, help="sampled betweenness sources (default: the rule)")
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                        / "riso-bench", help="where the synthetic registers and the loaded store are kept")
    parser.add_argument("--reuse", action="store_true", help="use the loaded store from an earlier run")
    parser.add_argument("--analytics", action=argparse.BooleanOptionalAction, default=True,
                        help="compute the analytics (--no-analytics with --reuse: keep the stored run)")
    parser.add_argument("--region", default="CN-XZ", help="the region whose ecosystem is timed")
    args = parser.parse_args()
    folder = args.cache / f"network-{args.actors}-{args.relations}"
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "relations.parquet").exists():
        t = time.perf_counter()
        _generate(args.actors, args.relations, folder)
        print(f"generated the synthetic registers in {time.perf_counter() - t:.1f} s ({folder})", flush=True)
    db = folder / "net.duckdb"
    reused = args.reuse and db.exists()
    if not reused:
        for old in folder.glob("net.duckdb*"):
            old.unlink() if old.is_file() else shutil.rmtree(old)
        store = open_store(db)
        t0, c0 = time.perf_counter(), time.process_time()
        actors, sources = pq.read_table(folder / "actors.parquet"), pq.read_table(folder / "sources.parquet")
        relations = pq.read_table(folder / "relations.parquet")
        t_read = time.perf_counter() - t0
        new_actors, new_relations = store.import_columns(_columns(actors), _columns(relations), _columns(sources))
        print(f"import: {new_actors:,} actors and {new_relations:,} relations in {time.perf_counter() - t0:.1f} s "
              f"(Parquet read {t_read:.1f} s; CPU {time.process_time() - c0:.1f} s), peak RSS {_rss_mb():.0f} MB",
              flush=True)
        del actors, sources, relations
    else:
        t1, c1 = time.perf_counter(), time.process_time()
        store = open_store(db)  # applies the migrations this store lacks (016: clustering its relations)
        print(f"open (migrations): {time.perf_counter() - t1:.1f} s (CPU {time.process_time() - c1:.1f} s), "
              f"peak RSS {_rss_mb():.0f} MB", flush=True)
    if args.analytics or (reused and store.metrics_run() is None):  # a reused store without a run is computed
        t2, c2 = time.perf_counter(), _cpu()

        def step(name: str, wall: float, cpu: float) -> None:
            print(f"  {name}: {wall:.1f} s (CPU {cpu:.1f} s), peak RSS {_rss_mb():.0f} MB", flush=True)

        run = network_service.compute_metrics(store, sources=args.sources, progress=step)
        print(f"analytics: {run['actors']:,} actors, {run['links']:,} links, betweenness {run['betweenness']}, "
              f"{run['communities']:,} Leiden communities; total {time.perf_counter() - t2:.1f} s "
              f"(CPU {_cpu() - c2:.1f} s with the betweenness process), peak RSS {_rss_mb():.0f} MB", flush=True)
    if store.metrics_run() is None:  # imported only (--no-analytics on a new store): no pages to time
        store.close()
        return
    store.close()
    store = open_store(db)
    rng = np.random.default_rng(11)
    from riso.catalog import load_catalog

    load_catalog()  # read once per process, as the server does
    network_service.actor_page(store, "a:00000000")  # warm the connection
    def timed(actor: str, **kw: object) -> tuple[float, float, dict[str, object]]:
        t, c = time.perf_counter(), time.process_time()
        page = network_service.actor_page(store, actor, **kw)  # type: ignore[arg-type]
        return time.perf_counter() - t, time.process_time() - c, page

    random_pages = [timed(f"a:{i:08x}") for i in rng.integers(0, args.actors, args.pages)]
    hubs = [str(r["actor"]) for r in store.top_metrics("degree", limit=10)]
    hub_pages = [timed(h) for h in hubs]
    most = max(int(p[2]["total"]) for p in hub_pages)  # type: ignore[call-overload]
    later = []  # a hub's third page of its largest type, by the keyset of the second
    for h, (_, _, first) in zip(hubs, hub_pages, strict=True):
        counts: dict[str, int] = first["counts"]  # type: ignore[assignment]
        kind = max(counts, key=lambda k: counts[k])
        second = timed(h, relation_type=kind)[2]
        if second["next_after"]:
            later.append(timed(h, relation_type=kind, after=second["next_after"], offset=100))
    per_type = network_service.ACTOR_PAGE_PER_TYPE
    for label, pages in ((f"{len(random_pages)} random actors", random_pages),
                         (f"the 10 largest hubs (up to {most:,} relations, {per_type} of each type shown)", hub_pages),
                         (f"{len(later)} hubs' third page of one type (keyset)", later)):
        wall, cpu = [p[0] for p in pages], [p[1] for p in pages]
        print(f"actor page, {label}: wall p50 {_p(wall, 50):.0f} ms, p95 {_p(wall, 95):.0f} ms; "
              f"CPU p50 {_p(cpu, 50):.0f} ms, p95 {_p(cpu, 95):.0f} ms", flush=True)
    for attempt in range(2):
        t3, c3 = time.perf_counter(), time.process_time()
        eco = network_service.ecosystem(store, args.region, limit=network_service.ECOSYSTEM_NODES)
        t_eco, c_eco = time.perf_counter() - t3, time.process_time() - c3
        picture = graph_svg(eco["nodes"], eco["relations"], title=args.region)  # type: ignore[arg-type]
        t_svg = time.perf_counter() - t3 - t_eco
        print(f"a region's ecosystem ({args.region}, {eco['counts']['actors']:,} actors, "  # type: ignore[index]
              f"{eco['counts']['relations']:,} relations; {len(eco['nodes']):,} nodes shown, "  # type: ignore[index, arg-type]
              f"{len(eco['relations']):,} relations among them, {picture.drawn} drawn; run {attempt + 1}): data "  # type: ignore[arg-type]
              f"{t_eco:.2f} s (CPU {c_eco:.2f} s), SVG {t_svg:.2f} s; peak RSS {_rss_mb():.0f} MB", flush=True)
    store.close()


if __name__ == "__main__":
    main()
