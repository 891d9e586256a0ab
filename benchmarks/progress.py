"""Benchmark: progress + projections for a synthetic panel, and bulk import of a long CSV into DuckDB.

    .venv/bin/python benchmarks/progress.py                 # 10,000 regions x 50 indicators x 20 years,
                                                            # 100,000 targets; import of 2M rows
    .venv/bin/python benchmarks/progress.py --rows 10000000 # the 10-million-row import
    .venv/bin/python benchmarks/progress.py --all-series    # also assess every one of the 500,000 series
    .venv/bin/python benchmarks/progress.py --skip-progress --rows 1000000 --db postgresql://127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from riso.catalog import load_catalog
from riso.progress import assess_matrix
from riso.services.data import import_file
from riso.store import open_store


def _panel(regions: int, indicators: int, years: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = regions * indicators
    year = np.arange(2024 - years, 2024, dtype=np.float64)
    growth = rng.normal(0.03, 0.04, n)[:, None]
    level = rng.lognormal(2.0, 1.0, n)[:, None]
    values = level * np.exp(growth * (year - year[0])) * rng.lognormal(0.0, 0.05, (n, years))
    values[rng.random((n, years)) < 0.1] = np.nan  # 10 % missing
    return np.broadcast_to(year, (n, years)), values


def bench_progress(regions: int, indicators: int, years: int, targets: int, all_series: bool) -> None:
    """Time the vectorised assessment and both projections."""
    tracemalloc.start()
    t0 = time.perf_counter()
    year, values = _panel(regions, indicators, years, seed=1)
    t_panel = time.perf_counter() - t0
    rng = np.random.default_rng(2)
    rows = rng.integers(0, values.shape[0], targets)
    latest = np.nanmax(values[rows], axis=1)
    target = latest * rng.uniform(0.8, 2.0, targets)
    deadline = rng.integers(2025, 2036, targets).astype(np.float64)
    sense = np.where(rng.random(targets) < 0.85, 1, -1)
    linear = rng.random(targets) < 0.1
    t1 = time.perf_counter()
    out = assess_matrix(year[rows], values[rows], target=target, deadline=deadline, sense=sense, linear=linear)
    t_assess = time.perf_counter() - t1
    _, peak = tracemalloc.get_traced_memory()
    counts = np.bincount(out.status, minlength=6)
    print(f"panel {regions:,} regions x {indicators} indicators x {years} years = {values.size:,} values "
          f"(built in {t_panel:.2f} s)")
    print(f"assess + 2 projections for {targets:,} targets: {t_assess:.2f} s "
          f"({targets / t_assess:,.0f} targets/s); classes met/sig/mod/insuf/away/n.a. = {counts.tolist()}")
    if all_series:
        n = values.shape[0]
        t2 = time.perf_counter()
        assess_matrix(year, values, target=np.nanmax(values, axis=1) * 1.5, deadline=np.full(n, 2030.0),
                      sense=np.ones(n, dtype=np.int64), linear=np.zeros(n, dtype=bool))
        t_all = time.perf_counter() - t2
        print(f"assess + 2 projections for all {n:,} series: {t_all:.2f} s")
        _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak traced memory {peak / 2**20:,.0f} MiB; max RSS {rss:,.0f} MiB")


def _write_csv(path: Path, rows: int) -> None:
    catalog = load_catalog()
    regions = np.array(sorted(catalog.regions))
    indicators = np.array(sorted(catalog.indicators))
    periods = np.array([f"{y}-{m:02d}" for y in range(1900, 2100) for m in range(1, 13)])
    idx = np.arange(rows, dtype=np.int64)
    p = idx % len(periods)
    rest = idx // len(periods)
    i = rest % len(indicators)
    r = (rest // len(indicators)) % len(regions)
    if rows > len(periods) * len(indicators) * len(regions):
        raise SystemExit("too many rows for unique keys with this catalog")
    rng = np.random.default_rng(3)
    chunk = 2_000_000
    with path.open("wb") as fh:
        for start in range(0, rows, chunk):
            s = slice(start, min(rows, start + chunk))
            table = pa.table({"region": regions[r[s]], "indicator": indicators[i[s]], "period": periods[p[s]],
                              "value": np.round(rng.random(s.stop - s.start) * 100, 4)})
            pacsv.write_csv(table, fh, write_options=pacsv.WriteOptions(include_header=start == 0))


def _csv(rows: int) -> Path:
    """The benchmark's long CSV of ``rows`` rows, written once into benchmarks/.cache and reused."""
    folder = Path(__file__).resolve().parent / ".cache"
    folder.mkdir(exist_ok=True)
    path = folder / f"import-{rows}.csv"
    if not path.exists():
        t0 = time.perf_counter()
        partial = path.with_suffix(".partial")
        _write_csv(partial, rows)
        partial.rename(path)
        size = path.stat().st_size / 2**20
        print(f"wrote {rows:,}-row long CSV ({size:,.0f} MiB) in {time.perf_counter() - t0:.1f} s")
    return path


def _duckdb_alone(path: Path, folder: Path, *, shaped: bool = False) -> tuple[float, float]:
    """DuckDB's own read_csv + INSERT ... SELECT of the same file into a fresh file: (wall s, CPU s).

    ``shaped``: into a table of the observations' 11 columns (the constant ones filled, no line numbers), the
    storage work riso's import has to do, instead of a bare 4-column table."""
    import duckdb

    conn = duckdb.connect(str(folder / ("shaped.duckdb" if shaped else "raw.duckdb")))
    columns = "{'region': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE'}"
    if shaped:
        conn.execute("CREATE TABLE raw (region TEXT NOT NULL, indicator TEXT NOT NULL, period TEXT NOT NULL, value "
                     "DOUBLE NOT NULL, unit TEXT, source TEXT NOT NULL, source_row TEXT, note TEXT, origin TEXT NOT "
                     "NULL, file TEXT, line INTEGER)")
        select = f"SELECT *, 'u', 'f.csv', NULL, NULL, 'dataset', 'f.csv', NULL FROM read_csv('{path}', header = true, "
    else:
        conn.execute("CREATE TABLE raw (region VARCHAR, indicator VARCHAR, period VARCHAR, value DOUBLE)")
        select = f"SELECT * FROM read_csv('{path}', header = true, "
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute(f"INSERT INTO raw {select}columns = {columns})")
    conn.execute("CHECKPOINT")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    return wall, cpu


def _postgres_alone(path: Path, url: str) -> float:
    """PostgreSQL's own COPY of the same file into a bare 4-column table (wall s; the server's CPU is not seen)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS riso_bench_raw")
        conn.execute("CREATE UNLOGGED TABLE riso_bench_raw (region TEXT, indicator TEXT, period TEXT, value DOUBLE "
                      "PRECISION)")
        t0 = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY riso_bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy, \
                path.open("rb") as fh:
            while block := fh.read(1 << 20):
                copy.write(block)
        wall = time.perf_counter() - t0
        conn.execute("DROP TABLE riso_bench_raw")
    return wall


def bench_import(rows: int, db: str | None = None) -> None:
    """Time `riso data import` of a long CSV whose names are already codes, and DuckDB alone on the same file."""
    path = _csv(rows)
    print(f"file: {rows:,} rows, {path.stat().st_size / 2**20:,.0f} MiB ({path})")
    with tempfile.TemporaryDirectory() as tmp:
        url = str(Path(tmp) / "riso.duckdb")
        if db:
            url = f"{db}?schema=bench_{os.getpid()}"
        store = open_store(url)
        catalog = load_catalog()
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t1, c1 = time.perf_counter(), time.process_time()
        report = import_file(store, path, catalog=catalog)
        if store.dialect == "duckdb":
            store.conn.execute("CHECKPOINT")  # type: ignore[union-attr]
        t_import, c_import = time.perf_counter() - t1, time.process_time() - c1
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert report.stored == rows, report
        print(f"riso data import into {store.dialect}: {t_import:.2f} s = {rows / t_import:,.0f} rows/s "
              f"(CPU time of all threads {c_import:.2f} s; max RSS {rss:,.0f} MiB, {rss0:,.0f} before; "
              f"load average {os.getloadavg()[0]:.1f})")
        t2 = time.perf_counter()
        again = import_file(store, path, catalog=catalog)
        print(f"re-import (no-op, decided by checksum): {time.perf_counter() - t2:.2f} s, "
              f"already_imported={again.already_imported}")
        if db:
            store.execute(f"DROP SCHEMA bench_{os.getpid()} CASCADE")
            store.close()
            wall = _postgres_alone(path, db)
            print(f"PostgreSQL alone (COPY of the same file into a 4-column table): {wall:.2f} s = "
                  f"{rows / wall:,.0f} rows/s; riso / PostgreSQL rate {wall / t_import:.2f}x wall "
                  f"(load average {os.getloadavg()[0]:.1f})")
            return
        store.close()
        wall, cpu = _duckdb_alone(path, Path(tmp))
        print(f"DuckDB alone (read_csv + INSERT ... SELECT, same file, same run): {wall:.2f} s = "
              f"{rows / wall:,.0f} rows/s (CPU {cpu:.2f} s; load average {os.getloadavg()[0]:.1f})")
        print(f"riso / DuckDB rate: {wall / t_import:.2f}x wall, {cpu / c_import:.2f}x CPU")
        wall, cpu = _duckdb_alone(path, Path(tmp), shaped=True)
        print(f"DuckDB alone into the observations' 11 columns: {wall:.2f} s (CPU {cpu:.2f} s); riso / that: "
              f"{wall / t_import:.2f}x wall, {cpu / c_import:.2f}x CPU (load average {os.getloadavg()[0]:.1f})")


def main() -> None:
    """Parse flags and run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=10_000)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--targets", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=2_000_000, help="rows of the import benchmark")
    parser.add_argument("--all-series", action="store_true", help="also assess every series of the panel")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--db", help="import into this postgresql:// URL instead of a DuckDB file")
    parser.add_argument("--skip-progress", action="store_true", help="run the import benchmark only")
    args = parser.parse_args()
    if not args.skip_progress:
        bench_progress(args.regions, args.indicators, args.years, args.targets, args.all_series)
    if not args.skip_import:
        bench_import(args.rows, args.db)


if __name__ == "__main__":
    main()
