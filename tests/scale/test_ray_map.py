"""The Ray engine: order, errors, and identical results to the single-process engine."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from riso.errors import ConfigError
from riso.link import document_features, link_batch, signatures
from riso.link.evaluate import read_features
from riso.scale import local_ray_options, ray_map
from riso.store import open_store

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.xdist_group("ray"), pytest.mark.slow]

PAIRS = Path(__file__).parents[1] / "link" / "pairs"


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    """One small local Ray for the module (ray_map reuses a running Ray and leaves it running)."""
    ray.init(**local_ray_options())
    yield
    ray.shutdown()


def test_ray_map_keeps_input_order_across_batches() -> None:
    assert list(ray_map(math.sqrt, range(50), batch_size=7, max_in_flight=2)) == [math.sqrt(i) for i in range(50)]


def test_ray_map_raises_the_task_error() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        list(ray_map(int, ["1", "2", "three"], batch_size=2))


def test_ray_map_rejects_bad_batch_size() -> None:
    with pytest.raises(ConfigError):
        list(ray_map(math.sqrt, [1], batch_size=0))


def test_ray_signatures_equal_local_ones() -> None:
    features = [read_features(p) for p in sorted(PAIRS.glob("*.txt"))]
    local = signatures(features)
    remote = signatures(features, mapper=lambda f, items: ray_map(f, items, batch_size=5))
    assert (local == remote).all()
    assert link_batch(features, sigs=remote) == link_batch(features)


def _snapshot(db: Path) -> tuple[object, ...]:
    store = open_store(db)
    try:
        docs = sorted((d.id, d.source, d.language, d.story) for d in store.list_documents(limit=1000))
        facts = sorted(f.id for f in store.list_facts())
        stories = sorted((s.id, s.documents) for s in store.list_stories())
        features = store.story_feature_rows([d[0] for d in docs])
        return docs, facts, stories, [(r["document"], r["anchors"], r["context"]) for r in features]
    finally:
        store.close()


def test_ray_engine_ingest_equals_local(tmp_path: Path, chongqing: Path) -> None:
    pipeline = pytest.importorskip("riso.pipeline")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*sorted(chongqing.glob("*.txt")), *sorted(PAIRS.glob("*.txt"))]:
        (folder / path.name).write_bytes(path.read_bytes())
    results = []
    for engine in ("local", "ray"):
        db = tmp_path / f"{engine}.duckdb"
        store = open_store(db)
        try:
            pipeline.ingest([folder], store, engine=engine)
        finally:
            store.close()
        results.append(_snapshot(db))
    local, remote = results
    assert local == remote
    docs, _, stories, _ = local
    assert len(docs) == 28 and all(d[3] for d in docs)
    # Chongqing: one story of three versions, plus 003 and 004; the pair set: eight stories, one of
    # which (f_*: Chongqing's 2027 aims) retells the Chongqing translations and so joins their story
    assert len(stories) == 3 + 8 - 1


def test_ray_link_features_equal_local(tmp_path: Path) -> None:
    from riso.ingest import read_document
    from riso.services.stories import link_stored_documents

    maps = []
    for engine in ("local", "ray"):
        store = open_store(tmp_path / f"f-{engine}.duckdb")
        try:
            for path in sorted(PAIRS.glob("*.txt")):
                store.add_document(read_document(path))
            mapper = (lambda f, items: ray_map(f, items, batch_size=4)) if engine == "ray" else None
            maps.append(link_stored_documents(store, mapper=mapper))
        finally:
            store.close()
    assert maps[0] == maps[1]
    assert document_features is not None
