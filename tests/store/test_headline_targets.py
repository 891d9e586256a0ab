"""A target whose metric resolves to no catalog indicator is kept and listed, never a headline: not a card of the
region page, not in the overview's table, not in `riso report`'s briefing (issue 10 item 4)."""

from __future__ import annotations

from pathlib import Path

from riso.pipeline import ingest
from riso.services import review
from riso.services.progress import report, sync_targets
from riso.store import Store
from riso.web.review import split_headline

TEXT = (
    "Chongqing innovation plan\n\n"
    "By 2027 Chongqing aims to raise its R&D intensity to 3.5 % of GDP.\n\n"
    "By 2027 Chongqing aims to open 40 new science museums.\n"
)


def _targets(store: Store, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    ingest([path], store)
    sync_targets(store)
    review.set_review_threshold(store, 0.0, actor="test")  # confidence aside: only the metric decides here
    targets = store.list_targets()
    resolved = next(t for t in targets if t.value == 3.5)
    unresolved = next(t for t in targets if t.value == 40.0)
    assert resolved.indicator == "rd_intensity" and unresolved.indicator is None
    assert unresolved.metric_text == "science museums"  # kept, named by its own noun phrase
    return resolved.id, unresolved.id


def test_an_unresolved_target_is_kept_but_never_a_headline(store: Store, tmp_path: Path) -> None:
    resolved, unresolved = _targets(store, tmp_path)
    by_id = {t.id: t for t in store.list_targets()}
    assert review.is_headline(by_id[resolved], 0.0)
    assert not review.is_headline(by_id[unresolved], 0.0)
    headline, apart = split_headline(store, [{"id": resolved}, {"id": unresolved}])
    assert [i["id"] for i in headline] == [resolved] and [i["id"] for i in apart] == [unresolved]


def test_the_briefing_leaves_unresolved_targets_out(store: Store, tmp_path: Path) -> None:
    _targets(store, tmp_path)
    html = report(store, issued="2026-12-02")
    assert "3.5" in html and "science museums" not in html
