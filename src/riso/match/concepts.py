"""Technology concepts across languages (``data/concepts.yaml``): find them in a text, expand a query.

A concept is a technology (power battery, landslide monitoring ...) with its fields and the terms for it
in six languages; needs and offers written in different languages meet through the concepts they share.
Pure: the data file is read once as package data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import Any

import yaml

from riso.errors import ConfigError
from riso.match.text import fold, has_cjk

_Heads = dict[str, list[tuple[int, re.Pattern[str], list[str]]]]  # a term's first word -> its terms, in order

__all__ = ["Concept", "ConceptHit", "Concepts", "load_concepts"]


@dataclass(frozen=True)
class Concept:
    """A technology concept: id, fields, terms per language, surfaces that do not count."""

    id: str
    fields: tuple[str, ...]
    terms: Mapping[str, tuple[str, ...]]
    excepted: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)  # display names where the first term is a stem

    def label(self, language: str = "en") -> str:
        """The concept's display name in a language: its ``label``, else its first term (English, else its id)."""
        if language in self.labels:
            return self.labels[language]
        terms = self.terms.get(language) or self.terms.get("en") or ()
        return terms[0].rstrip("$") if terms else self.id


@dataclass(frozen=True)
class ConceptHit:
    """A concept found in a text, with the surfaces that named it."""

    concept: str
    surfaces: tuple[str, ...]


@dataclass
class Concepts:
    """The concept vocabulary with compiled matchers, field labels and programme/area maps."""

    concepts: dict[str, Concept]
    fields: dict[str, dict[str, str]]
    programmes: list[tuple[str, tuple[str, ...]]]
    lab_areas: dict[str, tuple[str, ...]]
    templates: dict[str, str]
    languages: tuple[str, ...]
    compound: frozenset[str]
    _latin: dict[str, tuple[re.Pattern[str], list[list[str]]]] = field(default_factory=dict)
    _cjk: dict[str, list[str]] = field(default_factory=dict)
    _cjk_first: dict[str, list[str]] = field(default_factory=dict)
    _except: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # per language: where a term can start, first word -> (order in the alternation, the term's pattern,
    # concept ids), and the lengths of the first words (of two letters or more) by their first two letters
    _latin_first: dict[str, tuple[re.Pattern[str], _Heads, dict[str, tuple[int, ...]]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        by_lang: dict[str, dict[str, list[str]]] = {}
        for concept in self.concepts.values():
            self._except[concept.id] = tuple(fold(s) for s in concept.excepted)
            for lang, terms in concept.terms.items():
                for term in terms:
                    t = fold(term)
                    if has_cjk(t):
                        self._cjk.setdefault(t, []).append(concept.id)
                    else:
                        # Latin terms (also ASCII ones in the zh list, "ct$") go to a regex per language
                        key = "en" if lang == "zh" else lang
                        by_lang.setdefault(key, {}).setdefault(t, []).append(concept.id)
        for term in sorted(self._cjk, key=len, reverse=True):
            self._cjk_first.setdefault(term[0], []).append(term)
        for lang, lang_terms in by_lang.items():
            start = "" if lang in self.compound else r"(?<![a-z0-9])"
            parts = []
            ordered = sorted(lang_terms, key=len, reverse=True)
            for t in ordered:
                whole = t.endswith("$")
                # inside a term, a word may carry a short ending (plural, gender): "batteries de traction"
                words = [re.escape(w) for w in re.split(r"[\s\-]+", t.rstrip("$")) if w]
                body = r"[a-z]{0,2}[\s\-]*".join(words)
                parts.append("(" + body + (r"(?![a-z0-9])" if whole else "") + ")")
            # one group per term: the group that matched names the term (m.lastindex)
            pattern = re.compile(start + "(?:" + "|".join(parts) + ")")
            self._latin[lang] = (pattern, [lang_terms[t] for t in ordered])
            heads: _Heads = {}
            for order, (t, part) in enumerate(zip(ordered, parts, strict=True)):
                word = re.split(r"[\s\-]+", t.rstrip("$"))
                head = next(w for w in word if w)
                heads.setdefault(head, []).append((order, re.compile(part), lang_terms[t]))
            # where a term can start: a first letter of one (in bounded languages, not inside a word)
            letters = "[" + "".join(re.escape(c) for c in sorted({h[0] for h in heads})) + "]"
            lengths: dict[str, set[int]] = {}
            for head in heads:
                if len(head) > 1:
                    lengths.setdefault(head[:2], set()).add(len(head))
            self._latin_first[lang] = (re.compile(start + letters), heads,
                                       {k: tuple(sorted(v)) for k, v in lengths.items()})

    # -- finding -----------------------------------------------------------------
    def find(self, text: str, language: str | None = None) -> list[ConceptHit]:
        """The concepts a text names, in the order of first mention (terms of its language, English, Chinese)."""
        folded = fold(text)
        if language == "zh":
            langs = ["en"]  # Latin words in Chinese text are English ones (CT, 5G, MEMS)
        elif language and language in self._latin:
            langs = [language, "en"]
        else:
            langs = list(self._latin)
        found: dict[str, list[str]] = {}
        if has_cjk(folded):
            first = self._cjk_first
            for start, char in enumerate(folded):
                for term in first.get(char, ()):
                    if not folded.startswith(term, start):
                        continue
                    for cid in self._cjk[term]:
                        if not self._excepted(cid, folded, start, start + len(term)):
                            found.setdefault(cid, []).append(term)
        # Latin terms cannot span a Chinese character, and one next to a run behaves like the text's edge
        # for the word-boundary checks: in Chinese text only the Latin runs are searched (10x faster).
        runs = _latin_runs(folded) if has_cjk(folded) else [(0, folded)]
        for lang in dict.fromkeys(lang for lang in langs if lang):
            starts, heads, lengths = self._latin_first[lang]
            for offset, run in runs:
                for start, end, cids in _scan(run, heads, lengths, starts):
                    for cid in cids:
                        if not self._excepted(cid, folded, offset + start, offset + end):
                            found.setdefault(cid, []).append(run[start:end])
        return [ConceptHit(cid, tuple(dict.fromkeys(s))) for cid, s in found.items()]

    def _excepted(self, concept: str, text: str, start: int, end: int) -> bool:
        for surface in self._except.get(concept, ()):
            i = text.find(surface, max(0, start - len(surface)))
            while 0 <= i <= start:
                if i + len(surface) >= end:
                    return True
                i = text.find(surface, i + 1)
        return False

    # -- expanding and mapping -----------------------------------------------------
    def expansion(self, concept_ids: Iterable[str], languages: Sequence[str] | None = None) -> list[str]:
        """Every term of the concepts in the given languages (all when None): the query's bridge words."""
        out: list[str] = []
        for cid in concept_ids:
            concept = self.concepts[cid]
            for lang, terms in concept.terms.items():
                if languages is None or lang in languages:
                    out.extend(t.rstrip("$") for t in terms)
        return out

    def fields_of(self, concept_ids: Iterable[str]) -> tuple[str, ...]:
        """The fields of some concepts, each once."""
        return tuple(dict.fromkeys(f for c in concept_ids for f in self.concepts[c].fields))

    def programme_fields(self, programme: str | None) -> tuple[str, ...]:
        """The fields of an NKRDP programme name (the first known fragment it contains), or ()."""
        if not programme:
            return ()
        for fragment, fields in self.programmes:
            if fragment in programme:
                return fields
        return ()

    def area_fields(self, area: str | None) -> tuple[str, ...]:
        """The fields of a state-key-laboratory area (材料, 信息 ...), or ()."""
        return self.lab_areas.get((area or "").strip(), ())

    def field_label(self, field_id: str, language: str = "en") -> str:
        """A field's label in a language (English, else its id)."""
        labels = self.fields.get(field_id, {})
        return labels.get(language) or labels.get("en") or field_id


_NON_CJK = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ALNUM = re.compile(r"[a-z0-9]")


def _scan(text: str, heads: _Heads, lengths: dict[str, tuple[int, ...]],
          starts: re.Pattern[str]) -> list[tuple[int, int, list[str]]]:
    """What the language's one big alternation finds with ``finditer`` (leftmost match, the first term in
    order that matches there, going on after it), but trying only the terms whose first word starts at a
    position, and only at the positions ``starts`` finds (a term's first letter, at a word's start where
    words are bounded): a regex jump and a look-up per first-word length instead of every term everywhere."""
    out = []
    after = 0  # the end of the last match: nothing starts inside it
    for hit in starts.finditer(text):
        pos = hit.start()
        if pos < after:
            continue
        found = [heads[w] for n in lengths.get(text[pos : pos + 2], ()) if (w := text[pos : pos + n]) in heads]
        if text[pos] in heads:  # a one-letter first word
            found.append(heads[text[pos]])
        if not found:
            continue
        terms = found[0] if len(found) == 1 else sorted((t for ts in found for t in ts), key=itemgetter(0))
        for _, pattern, cids in terms:
            m = pattern.match(text, pos)
            if m is not None:
                out.append((pos, m.end(), cids))
                after = m.end()
                break
    return out


def _latin_runs(folded: str) -> list[tuple[int, str]]:
    """The stretches of a text between Chinese characters that hold a Latin letter or digit, with offsets."""
    return [(m.start(), m.group()) for m in _NON_CJK.finditer(folded) if _ALNUM.search(m.group())]


def _tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"concepts.yaml: {where} must be a list of strings")
    return tuple(str(v) for v in value)


def parse_concepts(data: Any) -> Concepts:
    """Concepts from the parsed YAML; raises ConfigError naming the key at fault."""
    if not isinstance(data, dict):
        raise ConfigError("concepts.yaml must be a mapping")
    languages = _tuple(data.get("languages"), "languages")
    fields = data.get("fields") or {}
    concepts: dict[str, Concept] = {}
    for cid, body in (data.get("concepts") or {}).items():
        if not isinstance(body, dict):
            raise ConfigError(f"concepts.yaml: concept {cid!r} must be a mapping")
        cfields = _tuple(body.get("fields"), f"{cid}.fields")
        unknown = [f for f in cfields if f not in fields]
        if unknown:
            raise ConfigError(f"concepts.yaml: concept {cid!r} names unknown fields {unknown}",
                              hint="Add them under `fields:` or fix the spelling.")
        terms = {lang: _tuple(body.get(lang), f"{cid}.{lang}") for lang in languages if body.get(lang)}
        missing = [lang for lang in languages if lang not in terms]
        if missing:
            raise ConfigError(f"concepts.yaml: concept {cid!r} has no terms in {missing}",
                              hint="Every concept needs terms in every language listed under `languages`.")
        labels = body.get("label") or {}
        if not isinstance(labels, dict):
            raise ConfigError(f"concepts.yaml: {cid}.label must map languages to names", hint="label: {en: battery}")
        concepts[str(cid)] = Concept(str(cid), cfields, terms, _tuple(body.get("except"), f"{cid}.except"),
                                     {str(k): str(v) for k, v in labels.items()})
    programmes = [(str(k), _tuple(v, f"programmes.{k}")) for k, v in (data.get("programmes") or {}).items()]
    areas = {str(k): _tuple(v, f"lab_areas.{k}") for k, v in (data.get("lab_areas") or {}).items()}
    for where, mapped in [*programmes, *areas.items()]:
        if any(f not in fields for f in mapped):
            raise ConfigError(f"concepts.yaml: {where} maps to an unknown field")
    return Concepts(
        concepts=concepts, fields={str(k): dict(v) for k, v in fields.items()}, programmes=programmes,
        lab_areas=areas, templates={str(k): str(v) for k, v in (data.get("templates") or {}).items()},
        languages=languages, compound=frozenset(_tuple(data.get("compound_languages"), "compound_languages")),
    )


@lru_cache(maxsize=1)
def load_concepts() -> Concepts:
    """The shipped concept vocabulary (cached)."""
    text = (resources.files("riso.match") / "data" / "concepts.yaml").read_text(encoding="utf-8")
    return parse_concepts(yaml.safe_load(text))
