"""API fixtures: a store on each backend seeded from the Chongqing corpus, an app over it, and one user per role."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_helpers import Api, make_api

from riso.store import Store


@pytest.fixture
def api(store: Store, chongqing: Path) -> Iterator[Api]:
    """The API over a seeded store on each backend; public access off."""
    built = make_api(store, chongqing)
    with built.client:
        yield built
