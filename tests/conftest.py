"""Shared fixtures: the store on both real backends, the shared corpus and data when present."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from riso.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RISO_SHARED", ROOT.parent / "shared"))
CHONGQING = SHARED / "corpus" / "chongqing"
SHARED_DATA = SHARED / "data"
EXAMPLES = ROOT / "examples" / "corpus"
PG_URL = os.environ.get("RISO_TEST_PG", "postgresql://127.0.0.1:5432/test")


def _postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return True
    except Exception:
        return False


_PG = _postgres_available()


def make_store(backend: str, tmp_path: Path) -> Store:
    """A fresh, migrated store on the named backend."""
    if backend == "duckdb":
        return open_store(tmp_path / "riso.duckdb")
    if not _PG:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_URL}; CI must test both backends")
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}")
    schema = "t_" + uuid.uuid4().hex[:12]
    return open_store(f"{PG_URL}?schema={schema}")


def drop_store(store: Store) -> None:
    """Close a store; drop its schema when it is a PostgreSQL test schema."""
    drop = getattr(store, "drop_schema", None)
    if drop is not None:
        drop()
    store.close()


@pytest.fixture(params=["duckdb", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend name in turn."""
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on each real backend in turn (PostgreSQL in its own schema)."""
    s = make_store(backend, tmp_path)
    try:
        yield s
    finally:
        drop_store(s)


@pytest.fixture
def duck_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh DuckDB store only."""
    s = open_store(tmp_path / "riso.duckdb")
    yield s
    s.close()


@pytest.fixture
def chongqing() -> Path:
    """The shared Chongqing corpus; skip with a clear message when it is absent."""
    if not CHONGQING.is_dir():
        pytest.skip(f"shared corpus not found at {CHONGQING} (set RISO_SHARED to the shared/ folder)")
    return CHONGQING


@pytest.fixture
def shared_data() -> Path:
    """The shared datasets folder; skip with a clear message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (set RISO_SHARED to the shared/ folder)")
    return SHARED_DATA
