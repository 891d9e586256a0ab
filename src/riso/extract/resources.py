"""Language resources: the per-language YAML files under ``extract/lang/``, validated by one schema.

Reading the packaged data files is the only I/O here; the extractors receive loaded resources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

import yaml

from riso.errors import LanguageResourceError

__all__ = ["LanguageResources", "Scale", "available_languages", "load_language", "parse_resources"]

_STR = "string"
_STRS = "list of strings"
_MAP_STRS = "mapping of names to lists of strings"
_MAP_NUM = "mapping of words to numbers"
_MAP_STR = "mapping of phrases to strings"

# key -> (type, required)
_SCHEMA: dict[str, tuple[str, bool]] = {
    "language": (_STR, True),
    "name": (_STR, True),
    "script": (_STR, True),
    "numbers": ("mapping", True),
    "scales": ("list of scales", True),
    "units": ("mapping", True),
    "comparators": (_MAP_STRS, True),
    "comparators_after": (_MAP_STRS, False),
    "deadlines": (_STRS, True),
    "deadline_exclude_after": (_STRS, False),
    "periods": (_STRS, True),
    "period_ranges": (_STRS, True),
    "comparison_years": (_STRS, False),
    "comparison_exclude_before": (_STRS, False),
    "comparison_leads": (_STRS, False),
    "period_parts": (_MAP_STR, False),
    "period_anaphora": (_STRS, False),
    "plan_periods": (_MAP_STR, False),
    "rank_scopes": (_MAP_STR, False),
    "period_open": (_STRS, False),
    "deadline_anaphora": (_STRS, False),
    "period_previous": (_STRS, False),
    "name_before_year": (_STRS, False),
    "conjunctions": (_STRS, False),
    "list_joins": (_STRS, False),
    "order_cues": (_STRS, False),
    "respectively_cues": (_STRS, False),
    "relative_pronouns": (_STRS, False),
    "each_words": (_STRS, False),
    "decline_heads": (_STRS, False),
    "rise_heads": (_STRS, False),
    "durations": (_STRS, True),
    "ranks": (_STRS, True),
    "rank_exclude_after": (_STRS, False),
    "rank_national": (_STRS, True),
    "target_cues": (_STRS, True),
    "growth_cues": (_STRS, True),
    "range_to": (_STRS, False),
    "current_words": (_STRS, False),
    "range_open": (_STRS, False),
    "range_and": (_STRS, False),
    "milestone_verbs": (_STRS, True),
    "negatives": ("mapping", True),
    "months": (_STRS, False),
    "abbreviations": (_STRS, False),
    "entity_heads": (_MAP_STRS, True),
    "entity_compounds": ("boolean", False),
    "refusal_cues": (_STRS, True),
    "source_cues": (_STRS, False),
    "silent_line_cues": (_STRS, False),
    "period_links": (_STRS, False),
    "report_cues": (_STRS, False),
    "rank_nouns": (_STRS, False),
    "rank_totals": (_STRS, False),
    "rank_tops": (_STRS, False),
    "rank_steps": (_STRS, False),
    "rank_step_verbs": (_STRS, False),
    "rank_step_clitics": (_STRS, False),
    "population_nouns": (_STRS, False),
    "place_before": (_STRS, False),
    "stopwords": (_STRS, True),
    "minus_words": (_STRS, False),
    "allocation_cues": (_STRS, False),
    "forecast_cues": (_STRS, False),
    "economy_cues": (_STRS, False),
    "share_words": (_STRS, False),
    "economy_exempt": (_STRS, False),
    "no_fact_after": (_STRS, False),
    "real_terms": (_STRS, False),
    "economy_of": (_STRS, False),
    "aim_cues": (_STRS, False),
    "goal_openers": (_STRS, False),
    "aspect_open": (_STRS, False),
    "aspect_close": (_STRS, False),
    "decline_cues": (_STRS, False),
    "up_to_words": (_STRS, False),
    "raise_words": (_STRS, False),
    "multipliers": (_MAP_NUM, False),
    "fractions": (_MAP_NUM, False),
    "examples": ("list of examples", True),
    "traditional": (_STR, False),
}
_NUMBERS: dict[str, tuple[str, bool]] = {
    "decimal": (_STR, True),
    "group": (_STRS, True),
    "words": (_MAP_NUM, True),
    "ordinal_words": (_MAP_NUM, True),
    "ordinal_suffixes": (_STRS, True),
    "numerals": ("mapping", False),
    "vocabulary": (_STRS, False),
    "joiners": (_STRS, False),
}
_UNITS: dict[str, tuple[str, bool]] = {
    "percent": (_STRS, True),
    "percent_prefix": (_STRS, False),
    "percentage_points": (_STRS, False),
    "currencies": (_MAP_STRS, True),
    "classifiers": (_STRS, False),
    "areas": (_MAP_STRS, False),
    "scores": (_STRS, False),
    "currency_links": (_STRS, False),
    "default_currency": (_STR, False),
    "score_prefix": (_STRS, False),
    "times": (_STRS, False),
}
_NEGATIVES: dict[str, tuple[str, bool]] = {
    "after_number": (_STRS, True),
    "time_units": (_STRS, True),
    "patterns": (_STRS, True),
    "denominators": (_STRS, False),
    "method_nouns": (_STRS, False),
}
_EXAMPLE_KEYS = {"kind", "value", "unit", "deadline", "period", "comparator", "scope", "duration", "metric"}


@dataclass(frozen=True)
class Scale:
    """A scale word: its surface forms, factor and the unit labels it gives money and counts."""

    forms: tuple[str, ...]
    factor: float
    label: str  # money unit suffix: "CNY bn"
    count_unit: str  # unit of a scaled count: "million", "10k"


@dataclass(frozen=True)
class LanguageResources:
    """Everything the extractors know about one language, as loaded from its YAML file."""

    code: str
    name: str
    script: str
    decimal: str
    group: tuple[str, ...]
    number_words: Mapping[str, float]
    ordinal_words: Mapping[str, int]
    ordinal_suffixes: tuple[str, ...]
    numeral_digits: Mapping[str, int]
    numeral_units: Mapping[str, int]
    scales: tuple[Scale, ...]
    units: Mapping[str, Any]
    comparators: Mapping[str, tuple[str, ...]]
    comparators_after: Mapping[str, tuple[str, ...]]
    lists: Mapping[str, tuple[str, ...]]  # every other list-valued key (deadlines, ranks, cues, ...)
    period_parts: Mapping[str, str]
    plan_periods: Mapping[str, str]  # a plan named for its years: "十四五" -> "2021-2025"
    negatives: Mapping[str, tuple[str, ...]]
    entity_heads: Mapping[str, tuple[str, ...]]
    entity_compounds: bool
    examples: tuple[Mapping[str, Any], ...] = field(default=())
    rank_scopes: Mapping[str, str] = field(default_factory=dict)  # a scope word: "européenne" -> "EU"
    number_vocabulary: tuple[str, ...] = ()  # every word text2num may read as part of a number
    number_joiners: tuple[str, ...] = ()  # words inside a written number: "et", "y", "and"
    multipliers: Mapping[str, float] = field(default_factory=dict)  # "doubled" -> 2 (times baseline)
    fractions: Mapping[str, float] = field(default_factory=dict)  # "un tercio" -> 33.33 (%)

    def words(self, key: str) -> tuple[str, ...]:
        """A list-valued key of the file (empty when the file leaves it out)."""
        return self.lists.get(key, ())

    @property
    def is_cjk(self) -> bool:
        """Whether the script writes words without spaces."""
        return self.script == "cjk"


def _fail(source: str, key: str, problem: str) -> LanguageResourceError:
    return LanguageResourceError(f"{source}: key '{key}' {problem}")


def _check(source: str, key: str, value: object, kind: str) -> None:
    ok = True
    if kind == _STR:
        ok = isinstance(value, str) and bool(value)
    elif kind == _STRS:
        ok = isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    elif kind == _MAP_STRS:
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values()
        )
    elif kind == _MAP_NUM:
        ok = isinstance(value, dict) and all(isinstance(v, int | float) for v in value.values())
    elif kind == _MAP_STR:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    elif kind == "mapping":
        ok = isinstance(value, dict)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind == "list of scales":
        ok = isinstance(value, list) and all(
            isinstance(s, dict)
            and isinstance(s.get("forms"), list)
            and isinstance(s.get("factor"), int | float)
            and isinstance(s.get("label"), str)
            for s in value
        )
    elif kind == "list of examples":
        ok = isinstance(value, list) and all(
            isinstance(e, dict)
            and isinstance(e.get("text"), str)
            and isinstance(e.get("facts"), list)
            and all(isinstance(f, dict) and "kind" in f and set(f) <= _EXAMPLE_KEYS for f in e["facts"])
            for e in value
        )
    if not ok:
        raise _fail(source, key, f"must be a {kind}")


def _validate(source: str, data: Mapping[str, Any], schema: Mapping[str, tuple[str, bool]], prefix: str = "") -> None:
    for key in data:
        if key not in schema:
            raise _fail(source, prefix + str(key), f"is unknown; known keys: {', '.join(sorted(schema))}")
    for key, (kind, required) in schema.items():
        if key not in data or data[key] is None:
            if required:
                raise _fail(source, prefix + key, "is missing")
            continue
        _check(source, prefix + key, data[key], kind)


_COUNT_UNITS = {"trn": "trillion", "bn": "billion", "m": "million", "k": "thousand"}


def parse_resources(data: object, *, source: str) -> LanguageResources:
    """Validate one language file's parsed YAML and build its resources; raises LanguageResourceError."""
    if not isinstance(data, dict):
        raise _fail(source, "<root>", "must be a mapping of keys")
    _validate(source, data, _SCHEMA)
    _validate(source, data["numbers"], _NUMBERS, "numbers.")
    _validate(source, data["units"], _UNITS, "units.")
    _validate(source, data["negatives"], _NEGATIVES, "negatives.")
    if data["script"] not in ("latin", "cjk"):
        raise _fail(source, "script", "must be 'latin' or 'cjk'")
    numbers = data["numbers"]
    numerals = numbers.get("numerals") or {}
    scales = tuple(
        Scale(
            forms=tuple(str(f) for f in s["forms"]),
            factor=float(s["factor"]),
            label=s["label"],
            count_unit=str(s.get("count_unit") or _COUNT_UNITS.get(s["label"], s["label"])),
        )
        for s in data["scales"]
    )
    list_keys = [k for k, (kind, _) in _SCHEMA.items() if kind == _STRS]
    data = _with_variants(data, str(data.get("traditional") or ""))
    return LanguageResources(
        code=data["language"],
        name=data["name"],
        script=data["script"],
        decimal=numbers["decimal"],
        group=tuple(numbers["group"]),
        number_words={str(k).lower(): float(v) for k, v in numbers["words"].items()},
        ordinal_words={str(k).lower(): int(v) for k, v in numbers["ordinal_words"].items()},
        ordinal_suffixes=tuple(numbers["ordinal_suffixes"]),
        numeral_digits=dict(numerals.get("digits") or {}),
        numeral_units=dict(numerals.get("units") or {}),
        scales=scales,
        units=dict(data["units"]),
        comparators={k: tuple(v) for k, v in data["comparators"].items()},
        comparators_after={k: tuple(v) for k, v in (data.get("comparators_after") or {}).items()},
        lists={k: tuple(data.get(k) or ()) for k in list_keys},
        period_parts=dict(data.get("period_parts") or {}),
        plan_periods=dict(data.get("plan_periods") or {}),
        negatives={k: tuple(v or ()) for k, v in data["negatives"].items()},
        entity_heads={k: tuple(v) for k, v in data["entity_heads"].items()},
        entity_compounds=bool(data.get("entity_compounds", False)),
        examples=tuple(data["examples"]),
        rank_scopes=dict(data.get("rank_scopes") or {}),
        number_vocabulary=tuple(str(w).lower() for w in numbers.get("vocabulary") or ()),
        number_joiners=tuple(numbers.get("joiners") or ()),
        multipliers={str(k): float(v) for k, v in (data.get("multipliers") or {}).items()},
        fractions={str(k): float(v) for k, v in (data.get("fractions") or {}).items()},
    )


def _with_variants(data: dict[str, Any], pairs: str) -> dict[str, Any]:
    """The language data with every word of its lists also written in the variant characters (``traditional``:
    pairs of characters, simplified then traditional: 目标 and 目標, 个百分点 and 個百分點), so that text in either
    script matches the same cues, comparators, units and negatives."""
    if not pairs:
        return data
    table = str.maketrans({a: b for a, b in zip(pairs[::2], pairs[1::2], strict=False)})

    def widen(words: Any) -> Any:
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            return words
        return list(dict.fromkeys([*words, *(w.translate(table) for w in words)]))

    def widen_map(mapping: Any) -> Any:
        return {k: widen(v) for k, v in mapping.items()} if isinstance(mapping, dict) else mapping

    out = {k: widen(v) for k, v in data.items()}
    for key in ("comparators", "comparators_after", "negatives", "entity_heads"):
        out[key] = widen_map(data.get(key))
    units = {k: widen(v) for k, v in data["units"].items()}
    units["currencies"] = widen_map(data["units"].get("currencies"))
    out["units"] = units
    return out


class _Loader(yaml.SafeLoader):
    """YAML 1.1 without yes/no/on/off booleans: language data is full of such words."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _lang_dir() -> Any:
    return importlib_resources.files("riso.extract").joinpath("lang")


@cache
def available_languages() -> tuple[str, ...]:
    """Codes of every language with a resource file, sorted."""
    return tuple(sorted(p.name[:-5] for p in _lang_dir().iterdir() if p.name.endswith(".yaml")))


@cache
def load_language(code: str) -> LanguageResources:
    """The resources of one language; raises LanguageResourceError when missing or malformed."""
    if code not in available_languages():
        raise LanguageResourceError(
            f"no language resources for {code!r}; available: {', '.join(available_languages())}",
            hint="Add src/riso/extract/lang/<code>.yaml (copy en.yaml and translate it).",
        )
    source = f"extract/lang/{code}.yaml"
    try:
        data = yaml.load(_lang_dir().joinpath(f"{code}.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as err:
        raise LanguageResourceError(f"{source}: not valid YAML ({err})") from err
    res = parse_resources(data, source=source)
    if res.code != code:
        raise _fail(source, "language", f"is {res.code!r} but the file is named {code}.yaml")
    return res
