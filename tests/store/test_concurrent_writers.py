"""Issue 17 item 5: writers racing each other lose nothing (insert-on-conflict, locked migrations)."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import _PG, PG_URL

from riso.ingest import read_bytes
from riso.store import Store, open_store
from riso.store.base import migrations

TEXT = "Region {i}: the science city plans {i} new laboratories and a fund for young companies by 2030."


def _document(i: int) -> Any:
    return read_bytes(TEXT.format(i=i).encode(), source=f"doc_{i}.txt", fmt="txt")


def test_issue17_document_stored_meanwhile_by_another_writer_is_already_present(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _document(1), _document(2)
    assert store.add_documents([(first, ())]) == [True]
    real_query = store.query

    def blind(sql: str, params: Any = ()) -> Any:  # the check misses what another process just stored
        if sql.startswith("SELECT id FROM documents WHERE id IN"):
            return []
        return real_query(sql, params)

    monkeypatch.setattr(store, "query", blind)
    added = store.add_documents([(first, ()), (second, ())])  # before the fix: a UniqueViolation, nothing kept
    monkeypatch.undo()
    assert added[1] is True and store.has_document(second.id)
    if store.dialect == "postgres":  # the insert says which rows it really added
        assert added[0] is False
    assert store.count_documents() == 2


def _ingest_process(url: str, folder: Path) -> subprocess.Popen[str]:
    code = "from riso.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "--db", url, "ingest", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(not _PG, reason=f"PostgreSQL is not reachable at {PG_URL}")
def test_issue17_concurrent_ingests_of_overlapping_folders_on_a_fresh_schema(tmp_path: Path) -> None:
    folders = [tmp_path / f"f{k}" for k in range(4)]
    for k, folder in enumerate(folders):  # each folder shares half its documents with the next one
        folder.mkdir()
        for i in range(k * 6, k * 6 + 12):
            (folder / f"doc_{i}.txt").write_text(TEXT.format(i=i), encoding="utf-8")
    schema = "t_" + uuid.uuid4().hex[:12]  # nobody created it: the processes race its migrations too
    url = f"{PG_URL}?schema={schema}"
    processes = [_ingest_process(url, folder) for folder in folders]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in processes]
    store = open_store(url)
    try:
        for code, out, err in outcomes:
            assert code == 0, out + err
            assert "Traceback" not in err
        assert store.count_documents() == 3 * 6 + 12
        ingested = sum(int(out.split("ingested ")[1].split(",")[0]) for _, out, _ in outcomes)
        assert ingested == 30  # each document counted as new by exactly one process
        assert store.documents_without_story() == []
        assert [r["version"] for r in store.query("SELECT version FROM riso_migrations ORDER BY version")] == [
            n for n, _, _ in migrations("postgres")
        ]
    finally:
        store.drop_schema()  # type: ignore[union-attr]
        store.close()
