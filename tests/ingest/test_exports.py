"""The ingest package's public API: every name exported, sorted, importable."""

from __future__ import annotations

import riso.ingest
import riso.pipeline


def test_ingest_all_is_sorted_and_importable() -> None:
    for module in (riso.ingest, riso.pipeline):
        assert list(module.__all__) == sorted(module.__all__)
        for name in module.__all__:
            assert getattr(module, name) is not None


def test_link_stories_contract_docstring() -> None:
    assert riso.pipeline.link_stories.__doc__
    assert callable(riso.pipeline.process_path)
