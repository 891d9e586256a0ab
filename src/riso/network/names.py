"""Organisation names: type from the name, a stable key, and language-neutral tokens for matching.

The knowledge is data (``data/organisations.yaml`` and the catalog's gazetteer); this module does no I/O
beyond reading those package files once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

import yaml
from rapidfuzz import fuzz, process

from riso.catalog import Catalog, load_catalog
from riso.catalog._fold import fold, key
from riso.errors import ConfigError
from riso.model import ActorType, LabLevel, Ownership

__all__ = [
    "NameKnowledge",
    "Token",
    "actor_id",
    "classify",
    "load_knowledge",
    "region_of_name",
    "split_bodies",
    "tokens",
]

TokenKind = Literal["generic", "qualifier", "region", "distinct", "literal"]
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[0-9a-z\u00e0-\u024f]+")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_LEVEL_RANK = {"district": 0, "city": 1, "province": 2, "country": 3}


@dataclass(frozen=True)
class Token:
    """One meaningful piece of a name: a concept id, a region id or a literal the dictionary lacks."""

    kind: TokenKind
    value: str
    surface: str = ""


@dataclass(frozen=True)
class _Rule:
    type: ActorType
    ends: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    lab_level: LabLevel | None = None


@dataclass
class NameKnowledge:
    """The organisation-name data, indexed for the scanner."""

    rules: list[_Rule]
    legal_forms: tuple[str, ...]
    variants: dict[str, str]
    state_owned: tuple[str, ...]
    government_endings: tuple[str, ...]
    stopwords: frozenset[str]
    abbreviations: dict[str, str] = field(default_factory=dict)
    typo_similarity: float = 101.0
    words: dict[str, tuple[Token, ...]] = field(default_factory=dict)  # one-word Latin forms, for typos
    memo: dict[str, tuple[Token, ...]] = field(default_factory=dict)  # tokens of names seen before
    # first character -> (form, tokens), longest form first
    forms: dict[str, list[tuple[str, tuple[Token, ...]]]] = field(default_factory=dict)
    region_levels: dict[str, str] = field(default_factory=dict)
    region_parents: dict[str, str | None] = field(default_factory=dict)


def _as_tuple(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"organisations.yaml: {where} must be a list of strings")
    return tuple(value)


def _add_form(index: dict[str, list[tuple[str, tuple[Token, ...]]]], surface: str, token: tuple[Token, ...]) -> None:
    form = fold(surface).strip()
    if len(form) < 2 and not _CJK.match(form[:1] or " "):
        return
    if form:
        bucket = index.setdefault(form[0], [])
        if all(f != form for f, _ in bucket):
            bucket.append((form, token))


def _knowledge(data: Mapping[str, object], catalog: Catalog) -> NameKnowledge:
    rules = []
    for i, raw in enumerate(cast(list[dict[str, Any]], data.get("types") or [])):
        where = f"types[{i}]"
        rules.append(_Rule(type=raw["type"], ends=_as_tuple(raw.get("ends"), where),
                           starts=_as_tuple(raw.get("starts"), where), contains=_as_tuple(raw.get("contains"), where),
                           lab_level=raw.get("lab_level")))
    kn = NameKnowledge(
        rules=rules,
        legal_forms=tuple(sorted(_as_tuple(data.get("legal_forms"), "legal_forms"), key=len, reverse=True)),
        variants={str(k): str(v) for k, v in dict(data.get("variants") or {}).items()},  # type: ignore[call-overload]
        state_owned=_as_tuple(data.get("state_owned_supervisors"), "state_owned_supervisors"),
        government_endings=tuple(sorted(_as_tuple(data.get("government_endings"), "government_endings"), key=len,
                                        reverse=True)),
        stopwords=frozenset(fold(w) for w in _as_tuple(data.get("stopwords"), "stopwords")),
        abbreviations={fold(str(k)): str(v) for k, v in dict(data.get("abbreviations") or {}).items()},  # type: ignore[call-overload]
        typo_similarity=float(data.get("typo_similarity") or 101.0),  # type: ignore[arg-type]
    )
    concepts = {c["id"]: c for c in data.get("concepts") or []}  # type: ignore[attr-defined]

    def token_of(concept_id: str, surface: str) -> Token:
        concept = concepts.get(concept_id, {})
        if concept.get("region"):
            return Token("region", str(concept["region"]), surface)
        kind: TokenKind = "distinct"
        if concept.get("generic"):
            kind = "generic"
        elif concept.get("qualifier"):
            kind = "qualifier"
        return Token(kind, concept_id, surface)

    for concept in concepts.values():
        ids = _as_tuple(concept.get("emits"), f"concepts.{concept['id']}.emits") or (concept["id"],)
        for lang, forms in concept.items():
            if lang in ("id", "generic", "emits", "qualifier", "region"):
                continue
            for surface in _as_tuple(forms, f"concepts.{concept['id']}.{lang}"):
                found = tuple(token_of(i, surface) for i in ids)
                _add_form(kn.forms, surface, found)
                if _WORD.fullmatch(fold(surface)) and len(surface) >= 5:
                    kn.words.setdefault(fold(surface), found)
    for region in catalog.regions.values():
        if region.level not in _LEVEL_RANK:
            continue
        kn.region_levels[region.id] = region.level
        kn.region_parents[region.id] = region.parent
        for surface in (*region.names.values(), *region.aliases):
            if len(surface) >= 2 and surface not in ("全国", "我国"):
                _add_form(kn.forms, surface, (Token("region", region.id, surface),))
    for bucket in kn.forms.values():
        bucket.sort(key=lambda ft: len(ft[0]), reverse=True)
    return kn


@cache
def load_knowledge() -> NameKnowledge:
    """The shipped organisation-name knowledge with the built-in gazetteer (cached)."""
    text = (resources.files("riso.network") / "data" / "organisations.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("riso/network/data/organisations.yaml is not a mapping")
    return _knowledge(data, load_catalog())


def _normal(name: str, kn: NameKnowledge) -> str:
    text = unicodedata.normalize("NFKC", name).strip()
    for old, new in kn.variants.items():
        text = text.replace(old, new)
    return text


def actor_id(name: str, kn: NameKnowledge | None = None) -> str:
    """The stable id of the actor a name spells: the same spelling (up to case, width, spaces) gives one id."""
    norm = key(_normal(name, kn or load_knowledge()))
    return "a:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _ends(text: str, forms: Iterable[str]) -> bool:
    folded = fold(text)
    return any(folded.endswith(fold(f)) for f in forms)


def classify(name: str, kn: NameKnowledge | None = None) -> tuple[ActorType, LabLevel | None]:
    """The actor type (and a laboratory's level) a name shows, by the first matching rule; else 'other'."""
    kn = kn or load_knowledge()
    text = _BRACKETS.sub("", _normal(name, kn)).strip(" .")
    folded = fold(text)
    for rule in kn.rules:
        if rule.starts and rule.ends:
            if any(folded.startswith(fold(s)) for s in rule.starts) and _ends(text, rule.ends):
                return rule.type, rule.lab_level
            continue
        starts = rule.starts and any(folded.startswith(fold(s)) for s in rule.starts)
        if (rule.ends and _ends(text, rule.ends)) or starts:
            return rule.type, rule.lab_level
        if rule.contains and any(fold(c) in folded for c in rule.contains):
            return rule.type, rule.lab_level
    return "other", None


def ownership_from(supervisors: Sequence[str], kn: NameKnowledge | None = None) -> Ownership | None:
    """'state_owned' when a supervising body is one that supervises state-owned enterprises."""
    kn = kn or load_knowledge()
    return "state_owned" if any(s in kn.state_owned for s in supervisors) else None


def split_bodies(text: str, kn: NameKnowledge | None = None) -> list[str]:
    """The organisations in one field: split on list separators and after a government ending run on."""
    kn = kn or load_knowledge()
    out: list[str] = []
    for part in re.split(r"[、,，;；/]| and ", text):
        part = part.strip()
        while part:
            cut = _body_cut(part, kn)
            out.append(part[:cut].strip())
            part = part[cut:].strip()
    return [p for p in out if p and p.upper() != "NA"]


def _body_cut(text: str, kn: NameKnowledge) -> int:
    """Where the first of two run-together government bodies ends (len(text) when there is one)."""
    for i in range(4, len(text) - 3):
        for ending in kn.government_endings:
            if text.startswith(ending, i - len(ending)) and i - len(ending) >= 2:
                rest = text[i:]
                if len(rest) >= 4 and any(rest.endswith(e) for e in kn.government_endings):
                    return i
    return len(text)


def _bracket(match: re.Match[str]) -> str:
    """A short bracketed part is a campus or place ("（北京）") and stays; a long one is another name and goes."""
    inner = match.group(0)[1:-1].strip()
    short = len(inner) <= 4 if _CJK.search(inner) else len(inner.split()) <= 1
    return f" {inner} " if short else " "


def _strip_legal(text: str, kn: NameKnowledge) -> str:
    text = _BRACKETS.sub(_bracket, text)
    changed = True
    while changed:
        changed = False
        stripped = text.rstrip(" .,")
        for form in kn.legal_forms:
            start = len(stripped) - len(form)
            latin = form[0].isascii() and form[0].isalpha()
            if latin and start > 0 and stripped[start - 1].isalnum():
                continue  # a Latin legal form is a whole word ("Co" is not the end of "Morocco")
            if fold(stripped).endswith(fold(form)) and len(stripped) > len(form) + 1:
                text, changed = stripped[: len(stripped) - len(form)], True
                break
    return text


def tokens(name: str, kn: NameKnowledge | None = None) -> tuple[Token, ...]:
    """A name as concept, region and literal tokens (legal forms dropped), in the order they appear."""
    kn = kn or load_knowledge()
    known = kn.memo.get(name)
    if known is None:
        if len(kn.memo) > 200_000:
            kn.memo.clear()
        known = kn.memo[name] = _tokens(name, kn)
    return known


def _tokens(name: str, kn: NameKnowledge) -> tuple[Token, ...]:
    text = _expand(fold(_strip_legal(_normal(name, kn), kn)), kn)
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if not (char.isalnum() or _CJK.match(char)):
            i += 1
            continue
        hit = _longest(text, i, kn)
        if hit is not None:
            form, found = hit
            out.extend(found)
            i += len(form)
            continue
        if _CJK.match(char):
            if out and out[-1].kind == "literal" and _CJK.match(out[-1].value[-1:]) and out[-1].surface == "cjk":
                out[-1] = Token("literal", out[-1].value + char, "cjk")
            else:
                out.append(Token("literal", char, "cjk"))
            i += 1
            continue
        word = _WORD.match(text, i)
        end = word.end() if word else i + 1
        value = text[i:end]
        if value not in kn.stopwords:
            out.extend(_word_tokens(value, kn))
        i = end
    return tuple(t for t in out if not (t.kind == "literal" and t.value in kn.stopwords))


def _expand(text: str, kn: NameKnowledge) -> str:
    """Abbreviated words written out ("univ." -> "university")."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return fold(kn.abbreviations.get(word, kn.abbreviations.get(word.rstrip("."), word)))

    return re.sub(r"(?<![0-9a-z\u00e0-\u024f])[0-9a-z\u00e0-\u024f]+\.?", swap, text)


def _word_tokens(word: str, kn: NameKnowledge) -> tuple[Token, ...]:
    """A word the dictionary lacks: the dictionary word it is a typo of, else itself as a literal."""
    if len(word) >= 5 and kn.words:
        best = process.extractOne(word, list(kn.words), scorer=fuzz.ratio, score_cutoff=kn.typo_similarity)
        if best is not None:
            return kn.words[best[0]]
    return (Token("literal", word, "word"),)


def _longest(text: str, i: int, kn: NameKnowledge) -> tuple[str, tuple[Token, ...]] | None:
    for form, token in kn.forms.get(text[i], ()):
        if not text.startswith(form, i):
            continue
        end = i + len(form)
        latin_end = form[-1].isalnum() and not _CJK.match(form[-1])
        if latin_end and end < len(text) and text[end].isalnum() and not _CJK.match(text[end]):
            continue  # a Latin form must end at a word boundary ("Tech" is not "Technik")
        return form, token
    return None


def region_of_name(name: str, *, within: str | None = None, kn: NameKnowledge | None = None) -> str | None:
    """The most specific region a name mentions (inside ``within`` when given), or None."""
    kn = kn or load_knowledge()
    best: str | None = None
    for token in tokens(name, kn):
        if token.kind != "region":
            continue
        if within is not None and token.value != within and kn.region_parents.get(token.value) != within:
            continue
        if best is None or _LEVEL_RANK[kn.region_levels[token.value]] < _LEVEL_RANK[kn.region_levels[best]]:
            best = token.value
    return best
