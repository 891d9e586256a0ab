"""schemathesis against /api/v1/openapi.json: generated requests never get a server error."""

from __future__ import annotations

import pytest
import schemathesis
from api_helpers import CORPUS, make_api
from hypothesis import HealthCheck, Phase, settings

from riso.store import open_store

_TOKENS: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    """The live schema of an app over a seeded DuckDB store."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set RISO_SHARED to the shared/ folder)")
    store = open_store(tmp_path_factory.mktemp("schema") / "riso.duckdb")
    api = make_api(store, CORPUS)
    _TOKENS.update(api.tokens)
    # the schema is for readers only on a closed instance (issue 17 item 8)
    headers = {"Authorization": f"Bearer {api.tokens['viewer']}"}
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", api.client.app, headers=headers)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_schema_no_server_error(case: schemathesis.Case) -> None:
    response = case.call(headers={"Authorization": f"Bearer {_TOKENS['editor']}"})
    assert response.status_code < 500, (case.method, case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"code", "message", "hint"}
