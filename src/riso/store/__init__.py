"""The store: documents, facts, stories, regions, indicators, observations, targets.

``open_store(url)`` opens DuckDB for a path (the default ``riso.duckdb``) and
PostgreSQL for a ``postgresql://`` URL, applying pending migrations.
"""

from __future__ import annotations

import os
from pathlib import Path

from riso.store.actors import ActorsMixin
from riso.store.assessments import AssessmentsMixin
from riso.store.browse import BrowseMixin
from riso.store.catalog import CatalogMixin
from riso.store.documents import DocumentsMixin
from riso.store.duckdb import DuckDBBackend
from riso.store.indexes import IndexResultsMixin
from riso.store.jobs import JobsMixin
from riso.store.match import MatchMixin
from riso.store.observations import ObservationsMixin
from riso.store.postgres import PostgresBackend
from riso.store.reviews import ReviewsMixin
from riso.store.stories import StoriesMixin
from riso.store.targets import TargetsMixin
from riso.store.users import UsersMixin

__all__ = ["DEFAULT_DB", "DuckDBStore", "PostgresStore", "Store", "open_store", "resolve_db_url"]

DEFAULT_DB = "riso.duckdb"


class _Records(
    ReviewsMixin,  # before DocumentsMixin: it re-applies editors' decisions whenever facts are inserted
    DocumentsMixin,
    StoriesMixin,
    CatalogMixin,
    ObservationsMixin,
    TargetsMixin,
    AssessmentsMixin,
    IndexResultsMixin,
    UsersMixin,
    BrowseMixin,
    ActorsMixin,
    MatchMixin,
    JobsMixin,
):
    """Every record method, independent of the backend."""


class DuckDBStore(_Records, DuckDBBackend):
    """The store in a DuckDB file."""


class PostgresStore(_Records, PostgresBackend):
    """The store in a PostgreSQL database."""


Store = DuckDBStore | PostgresStore


def resolve_db_url(db: str | os.PathLike[str] | None = None) -> str:
    """The store URL: the argument, else $RISO_DB, else ./riso.duckdb."""
    if db is None or str(db) == "":
        db = os.environ.get("RISO_DB") or DEFAULT_DB
    return str(db)


def open_store(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (and migrate) the store at a path or ``postgresql://`` URL."""
    url = resolve_db_url(db)
    store: Store
    if url.startswith(("postgresql://", "postgres://")):
        store = PostgresStore(url)
    else:
        store = DuckDBStore(Path(url) if url != ":memory:" else url)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store
