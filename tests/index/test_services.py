"""Index services: frameworks from the store's observations, saved results, dataset export."""

from __future__ import annotations

from pathlib import Path

import pytest

from riso.errors import ConfigError, FrameworkError
from riso.services import index as service
from riso.store import Store


def test_framework_from_store_observations(duck_store: Store, tmp_path: Path) -> None:
    rows = [(r, i, "2023", float(v), "test") for r, vals in (("CN-CQ", (2.5, 9)), ("CN-SC", (2.1, 12)),
                                                              ("CN-SH", (4.2, 40)), ("CN-GD", (3.5, 30)))
            for i, v in zip(("rd_intensity", "patents"), vals, strict=True)]
    duck_store.execute_many(
        "INSERT INTO observations (region, indicator, period, value, source) VALUES (?, ?, ?, ?, ?)", rows)
    spec = tmp_path / "framework.yaml"
    spec.write_text("tree:\n  RII:\n    children:\n      rd_intensity: {}\n      patents: {}\n", encoding="utf-8")
    fw = service.load_framework(framework=spec, store=duck_store, period="2023")
    result = service.build_index(fw, service.make_spec(None, {"treat": "none"}), store=duck_store, save="rii")
    assert [r["uCode"] for r in result.table()] == ["CN-SH", "CN-GD", "CN-CQ", "CN-SC"]
    assert duck_store.load_index_result("rii")["top"] == "RII"
    view = service.index_view(duck_store, unit="CN-CQ", n=1)
    assert view is not None and view["period"] is None and [r["unit"] for r in view["ranks"]][:1] == ["CN-SH"]
    assert view["unit"] == "CN-CQ" and view["profile"]["strengths"][0]["rank"] == 3
    assert service.index_view(duck_store, unit="nowhere")["unit"] == "CN-SH"  # type: ignore[index]
    paths = service.export_datasets(result, tmp_path / "out")
    assert {p.name for p in paths} >= {"Raw.csv", "Normalised.csv", "Aggregated.csv", "Ranks.csv"}


def test_node_names_in_the_ui_language(duck_store: Store, tmp_path: Path) -> None:
    rows = [(r, "rd_intensity", "2023", v, "test") for r, v in (("CN-CQ", 2.5), ("CN-SH", 4.2), ("CN-GD", 3.5))]
    duck_store.execute_many(
        "INSERT INTO observations (region, indicator, period, value, source) VALUES (?, ?, ?, ?, ?)", rows)
    spec = tmp_path / "framework.yaml"
    spec.write_text("tree:\n  RII:\n    name: Regional innovation index\n    names: {zh: 区域创新指数, de: "
                    "Regionaler Innovationsindex}\n    children:\n      rd_intensity: {}\n", encoding="utf-8")
    fw = service.load_framework(framework=spec, store=duck_store, period="2023")
    service.build_index(fw, service.make_spec(None, {"treat": "none"}), store=duck_store, save="rii")
    titles = {lang: service.index_view(duck_store, language=lang)["title"]  # type: ignore[index]
              for lang in (None, "en", "zh", "de")}
    assert titles == {None: "Regional innovation index", "en": "Regional innovation index", "zh": "区域创新指数",
                      "de": "Regionaler Innovationsindex"}
    from riso.services.region_view import index_rank

    assert index_rank(duck_store, "CN-CQ", "zh")["title"] == "区域创新指数"  # type: ignore[index]
    spec.write_text("tree:\n  RII:\n    names: [区域创新指数]\n    children:\n      rd_intensity: {}\n",
                    encoding="utf-8")
    with pytest.raises(FrameworkError, match="names must map a language code"):
        service.load_framework(framework=spec, store=duck_store, period="2023")


def test_config_file_and_overrides(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("winmax: 3\nnormalise: {method: zscore, mean: 10, sd: 2}\n", encoding="utf-8")
    spec = service.make_spec(cfg, {"winmax": 4, "sd": None})
    assert spec.winmax == 4 and spec.normalise == "zscore" and spec.sd == 2
    cfg.write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        service.make_spec(cfg)
