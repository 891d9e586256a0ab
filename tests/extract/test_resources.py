"""Language resource files: one schema, clear errors, and every file's examples run end to end."""

from __future__ import annotations

import copy

import pytest
import yaml

from riso.errors import LanguageResourceError
from riso.extract import extract
from riso.extract.evaluate import SCORED_KINDS
from riso.extract.resources import _lang_dir, available_languages, load_language, parse_resources
from riso.model import Document

LANGUAGES = available_languages()
EXAMPLES = [
    pytest.param(code, i, example, id=f"{code}-{i}")
    for code in LANGUAGES
    for i, example in enumerate(load_language(code).examples)
]


def _raw(code: str) -> dict[str, object]:
    return yaml.safe_load(_lang_dir().joinpath(f"{code}.yaml").read_text(encoding="utf-8"))


def test_resources_six_languages_present() -> None:
    assert {"de", "en", "es", "fr", "it", "zh"} <= set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_resources_every_file_loads_with_examples(code: str) -> None:
    res = load_language(code)
    assert res.code == code
    assert res.examples, "every language file carries examples"
    assert any(not e["facts"] for e in res.examples), "every language file carries a hard negative"


def test_resources_missing_key_names_file_and_key() -> None:
    data = copy.deepcopy(_raw_de())
    del data["deadlines"]
    with pytest.raises(LanguageResourceError, match=r"xx\.yaml: key 'deadlines' is missing"):
        parse_resources(data, source="xx.yaml")


def test_resources_wrong_type_names_nested_key() -> None:
    data = _raw_de()
    data["numbers"]["group"] = "."
    with pytest.raises(LanguageResourceError, match=r"key 'numbers\.group' must be a list of strings"):
        parse_resources(data, source="xx.yaml")


def test_resources_unknown_key_is_refused() -> None:
    data = _raw_de()
    data["colour"] = "blue"
    with pytest.raises(LanguageResourceError, match="key 'colour' is unknown"):
        parse_resources(data, source="xx.yaml")


def test_resources_unknown_language_has_hint() -> None:
    with pytest.raises(LanguageResourceError) as info:
        load_language("tlh")
    assert "lang/<code>.yaml" in info.value.hint


def _raw_de() -> dict:  # type: ignore[type-arg]
    from riso.extract.resources import _Loader

    return yaml.load(_lang_dir().joinpath("de.yaml").read_text(encoding="utf-8"), Loader=_Loader)


def _agrees(expected: dict, fact) -> bool:  # type: ignore[no-untyped-def,type-arg]
    for key, want in expected.items():
        got = getattr(fact, key)
        if key == "value":
            if got is None or abs(float(got) - float(want)) > 1e-9:
                return False
        elif key == "period":
            if str(got) != str(want):
                return False
        elif got != want:
            return False
    return True


@pytest.mark.parametrize(("code", "index", "example"), EXAMPLES)
def test_resources_examples_extract_end_to_end(code: str, index: int, example: dict) -> None:  # type: ignore[type-arg]
    doc = Document(id=f"sha256:example-{code}-{index}", source="example", text=example["text"], language=code)
    facts = [f for f in extract(doc) if f.kind in SCORED_KINDS]
    for fact in facts:
        fact.check_against(doc.text)
    if not example["facts"]:
        assert facts == [], f"hard negative produced {[(f.kind, f.value) for f in facts]}"
    for expected in example["facts"]:
        assert any(_agrees(expected, f) for f in facts), (
            f"{expected} not in {[(f.kind, f.value, f.unit, f.deadline, f.period, f.scope, f.duration) for f in facts]}"
        )
