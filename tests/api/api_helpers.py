"""API test helpers: a seeded store, one user per role with a token, a test client (shared with tests/web)."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from seed import seed_chongqing

from riso.api import create_app
from riso.services import accounts
from riso.store import Store

PASSWORD = "correct horse battery"
CORPUS = Path(os.environ.get("RISO_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "corpus" / "chongqing"


@dataclass
class Api:
    """A test client over a seeded store, with a token per role."""

    client: TestClient
    store: Store
    tokens: dict[str, str]

    def auth(self, role: str) -> dict[str, str]:
        """Headers authenticating as the user with this role."""
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def wait_job(self, job_id: str, *, seconds: float = 120) -> dict[str, object]:
        """The upload job once the worker is done with it (polled through the API as the admin)."""
        job: dict[str, object] = {}
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            job = self.client.get(f"/api/v1/uploads/{job_id}?wait=10", headers=self.auth("admin")).json()["job"]
            if job["status"] in ("done", "failed"):
                return job
        raise AssertionError(f"upload job {job_id} not finished after {seconds} s: {job}")


def make_api(store: Store, corpus: Path, *, public: bool = False) -> Api:
    """Seed the store, add admin/editor/viewer accounts with tokens, build the app (read cache off)."""
    seed_chongqing(store, corpus)
    tokens = {}
    for role in ("admin", "editor", "viewer"):
        accounts.add_user(store, role, role, PASSWORD, actor="test")
        tokens[role] = accounts.issue_token(store, role, actor="test")
    app = create_app(store, public=public, cache_seconds=0, max_upload_mb=1)
    return Api(TestClient(app, base_url="https://testserver"), store, tokens)
