"""The Catalog: indicators, regions and units, with lookup by any name and mention search in texts."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cached_property
from types import MappingProxyType

from rapidfuzz import fuzz, process

from riso.catalog._files import AliasEntry, CatalogFiles, DemonymEntry
from riso.catalog._fold import fold, key
from riso.catalog._matcher import Matcher, Mention, TextMentions
from riso.catalog._units import Unit, Units
from riso.errors import CatalogError, UnknownIndicator, UnknownRegion
from riso.model import Indicator, Region

__all__ = ["Catalog"]

# Latin words are compared on a short stem so inflections meet (brevetto/brevetti, Unternehmen/Unternehmens).
_STEM = 6
_TOKEN = re.compile(r"[a-z\u00df-\u024f&+%][0-9a-z\u00df-\u024f&+%]*|[\u3400-\u9fff]+")
_INFORMATIVE = 5.0  # IDF of a word used by at most ~2 % of names: a fuzzy match must share one
_REGION_SUFFIX = r"(?:s|'s)?"  # genitive and plural: "Chongqings", "China's"
_INDICATOR_SUFFIX = r"(?:s|es|en|n|e|er|x)?"  # plural endings: "Inkubatoren", "brevets", "patents"


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in _TOKEN.findall(fold(text)):
        if "\u3400" <= token[0] <= "\u9fff":
            out.extend(token[i : i + 2] for i in range(max(1, len(token) - 1)))
        else:
            out.append(token[:_STEM])
    return out


def _claim(index: dict[str, str], origin: dict[str, str], name: str, entry_id: str, path: str, what: str) -> None:
    name_key = key(name)
    if not name_key:
        return
    other = index.get(name_key)
    if other is not None and other != entry_id:
        raise CatalogError(
            f"{path}: {what} name {name!r} of {entry_id!r} is already a name of {other!r} ({origin[name_key]})",
            hint="A name must point to one entry: remove it from one of them or make it more specific.",
        )
    index[name_key] = entry_id
    origin.setdefault(name_key, path)


class Catalog:
    """Indicator taxonomy, region gazetteer and units, indexed for lookup and text search."""

    def __init__(self, files: CatalogFiles) -> None:
        self._by_name: dict[str, str] = {}
        self._region_names: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self._region_codes: dict[str, tuple[str, ...]] = {}
        indicators: dict[str, Indicator] = {}
        regions: dict[str, Region] = {}
        origin: dict[str, str] = {}
        for entry, path in files.indicators:
            if entry.id in indicators:
                raise CatalogError(f"{path}: indicator {entry.id!r} is defined twice", hint="Keep one entry per id.")
            indicators[entry.id] = Indicator(
                id=entry.id,
                labels=dict(entry.labels),
                synonyms={lang: tuple(names) for lang, names in entry.synonyms.items()},
                unit=entry.unit,
                direction=entry.direction,
                kind=entry.kind,
                definition=entry.definition.strip(),
                source=entry.source,
            )
            for name in (entry.id, *entry.labels.values(), *(n for ns in entry.synonyms.values() for n in ns)):
                _claim(self._by_name, origin, name, entry.id, path, "indicator")
        self._derived: dict[tuple[str, str], str] = {}
        for entry, path in files.indicators:
            if (entry.derived_from is None) != (entry.relation is None):
                raise CatalogError(
                    f"{path}: indicator {entry.id!r} needs both `derived_from` and `relation`, or neither",
                    hint="Write `derived_from: <indicator id>` with `relation: growth | gdp_share | share | rank`.",
                )
            if entry.derived_from is not None and entry.relation is not None:
                if entry.derived_from not in indicators:
                    raise CatalogError(
                        f"{path}: indicator {entry.id!r} is derived from unknown indicator {entry.derived_from!r}",
                        hint="Use the id of an indicator defined in an indicators file.",
                    )
                self._derived[(entry.derived_from, entry.relation)] = entry.id
        region_origin: dict[str, str] = {}
        for region_entry, path in files.regions:
            if region_entry.id in regions:
                raise CatalogError(
                    f"{path}: region {region_entry.id!r} is defined twice", hint="Keep one entry per id."
                )
            aliases = tuple(dict.fromkeys(a for a in region_entry.aliases if a not in region_entry.names.values()))
            regions[region_entry.id] = Region(
                id=region_entry.id,
                names=dict(region_entry.names),
                level=region_entry.level,
                aliases=aliases,
                parent=region_entry.parent,
                members=tuple(region_entry.members),
            )
            for name in (*region_entry.names.values(), *aliases):
                _claim(self._region_names, region_origin, name, region_entry.id, path, "region")
            for code in (region_entry.id, *region_entry.codes):
                other = self._codes.get(code.upper())
                if other is not None and other != region_entry.id:
                    raise CatalogError(
                        f"{path}: region code {code!r} of {region_entry.id!r} is already used by {other!r}",
                        hint="Each code must name one region.",
                    )
                self._codes[code.upper()] = region_entry.id
            self._region_codes[region_entry.id] = tuple(region_entry.codes)
        self._demonyms: dict[str, list[str]] = {}
        self._extra_names: dict[str, list[str]] = {}
        extras: list[tuple[DemonymEntry | AliasEntry, str, dict[str, list[str]]]] = [
            *((d, p, self._demonyms) for d, p in files.demonyms),
            *((a, p, self._extra_names) for a, p in files.aliases),
        ]
        for extra, path, into in extras:
            if extra.region not in regions:
                raise CatalogError(
                    f"{path}: names of unknown region {extra.region!r}",
                    hint="Use the id of a region defined in a regions file.",
                )
            for forms in extra.forms.values():
                for form in forms:
                    _claim(self._region_names, region_origin, form, extra.region, path, "region")
                    into.setdefault(extra.region, []).append(form)
        self._demonym_keys = frozenset(key(f) for forms in self._demonyms.values() for f in forms)
        self._name_keys = frozenset(
            key(n)
            for names in (
                *((*r.names.values(), *r.aliases) for r in regions.values()),
                *self._extra_names.values(),
            )
            for n in names
        )
        for region in regions.values():
            for ref in (region.parent, *region.members):
                if ref is not None and ref not in regions:
                    raise CatalogError(
                        f"region {region.id!r} refers to unknown region {ref!r}",
                        hint="Add the region to a regions file or fix the id in `parent`/`members`.",
                    )
        self.indicators: Mapping[str, Indicator] = MappingProxyType(indicators)
        self.regions: Mapping[str, Region] = MappingProxyType(regions)
        self.units = Units((Unit(u.code, u.dimension, u.factor, tuple(u.forms)), p) for u, p in files.units)
        for indicator in indicators.values():
            if indicator.unit not in self.units.by_code:
                raise CatalogError(
                    f"indicator {indicator.id!r} has unknown unit {indicator.unit!r}",
                    hint="Use a unit code from a `units:` file, or add the unit there.",
                )

    # -- lookup -----------------------------------------------------------------------
    def indicator(self, name: str) -> Indicator:
        """The indicator with this id, label or synonym in any language; raises UnknownIndicator."""
        found = self.indicators.get(name) or self.indicators.get(self._by_name.get(key(name), ""))
        if found is None:
            raise UnknownIndicator(f"unknown indicator {name!r}", hint=self._did_you_mean(name, self._by_name))
        return found

    def region(self, name: str) -> Region:
        """The region with this id, ISO code, abbreviation, name or alias in any language; raises UnknownRegion."""
        stripped = name.strip()
        region_id = self._codes.get(stripped.upper()) or self._region_names.get(key(stripped))
        if region_id is None:
            raise UnknownRegion(f"unknown region {name!r}", hint=self._did_you_mean(name, self._region_names))
        return self.regions[region_id]

    def derived(self, indicator_id: str, relation: str) -> str | None:
        """The indicator that is ``relation`` (growth, gdp_share, share) of another, if the catalog has one."""
        return self._derived.get((indicator_id, relation))

    def base_of(self, indicator_id: str) -> tuple[str, str] | None:
        """The (indicator, relation) an indicator is derived from, if any."""
        return next(((b, r) for (b, r), d in self._derived.items() if d == indicator_id), None)

    def is_demonym(self, surface: str) -> bool:
        """Whether a region mention is an adjective or demonym ("española", "deutschen"), not a name."""
        known: dict[str, bool] = self.__dict__.setdefault("_is_demonym", {})
        found = known.get(surface)
        if found is None:
            k = key(surface)
            if k in self._name_keys and (k not in self._demonym_keys or surface[:1].isupper()):
                # a name ("Wallonie"), though a demonym stem ("wallon") is in it; a capitalised name that is also
                # an adjective ("Toscana", "Navarra") is the name, the adjective is written in lower case
                found = False
            else:
                found = k in self._demonym_keys or any(k[:-cut] in self._demonym_keys for cut in (1, 2) if len(k) > cut)
            if len(known) < 100_000:  # mentions are gazetteer names as written: few, but bound the memory anyway
                known[surface] = found
        return found

    def demonyms(self, region_id: str) -> tuple[str, ...]:
        """The adjective and demonym forms of a region in every language."""
        return tuple(self._demonyms.get(region_id, ()))

    def codes(self, region_id: str) -> tuple[str, ...]:
        """The ISO and official codes of a region (alpha-2, alpha-3, abbreviations)."""
        return self._region_codes.get(region_id, ())

    def _did_you_mean(self, name: str, index: Mapping[str, str]) -> str:
        # rapidfuzz (C): extraction looks names up by trial, and difflib over every name took ~20 ms per miss
        close = process.extract(key(name), list(index), scorer=fuzz.ratio, limit=3, score_cutoff=75)
        ids = list(dict.fromkeys(index[c] for c, _, _ in close))
        if ids:
            return f"Did you mean {', '.join(ids)}? `riso catalog resolve TEXT` shows what a name resolves to."
        return "List the known entries with `riso catalog indicators` / `riso catalog regions`, or add a catalog file."

    # -- text search ------------------------------------------------------------------
    @cached_property
    def _region_matcher(self) -> Matcher:
        names = [(n, r.id) for r in self.regions.values() for n in (*r.names.values(), *r.aliases)]
        for extra in (self._demonyms, self._extra_names):
            names += [(form, region_id) for region_id, forms in extra.items() for form in forms]
        return Matcher(names, suffix=_REGION_SUFFIX, cased=True)

    def _indicator_names(self, language: str | None) -> Iterable[tuple[str, str]]:
        for ind in self.indicators.values():
            for lang, label in ind.labels.items():
                if language is None or lang in (language, "en"):
                    yield label, ind.id
            for lang, names in ind.synonyms.items():
                if language is None or lang in (language, "en"):
                    for name in names:
                        yield name, ind.id

    def _indicator_matcher(self, language: str | None) -> Matcher:
        cache = self.__dict__.setdefault("_indicator_matchers", {})
        if language not in cache:
            known = {lang for ind in self.indicators.values() for lang in ind.labels}
            cache[language] = Matcher(
                self._indicator_names(language if language in known else None), suffix=_INDICATOR_SUFFIX
            )
        return cache[language]  # type: ignore[no-any-return]

    def find_regions(self, text: str, folded: str | None = None) -> list[Mention]:
        """Every region named in the text: longest match first, non-overlapping, in text order (``folded``:
        ``fold(text)``, when the caller has it)."""
        return self._region_matcher.find(text, folded)

    def scan_regions(self, text: str, folded: str | None = None) -> TextMentions:
        """The regions of a whole text found in one pass: ``.all()`` is ``find_regions(text)``, ``.within(start,
        end)`` is ``find_regions(text[start:end])`` (a document's sentences without a pass each)."""
        return self._region_matcher.scan(text, folded)

    def find_indicators(self, text: str, language: str | None = None, folded: str | None = None) -> list[Mention]:
        """Every indicator label or synonym in the text (of that language and English when given)."""
        return self._indicator_matcher(language).find(text, folded)

    # -- fuzzy indicator matching -------------------------------------------------------
    @cached_property
    def _token_index(self) -> tuple[dict[str, float], dict[str, list[Counter[str]]]]:
        names: dict[str, list[Counter[str]]] = {}
        for name, indicator_id in self._indicator_names(None):
            tokens = Counter(_tokens(name))
            if tokens:
                names.setdefault(indicator_id, []).append(tokens)
        all_names = [tokens for per_indicator in names.values() for tokens in per_indicator]
        document_frequency: Counter[str] = Counter(t for tokens in all_names for t in tokens)
        total = len(all_names)
        idf = {t: math.log((1 + total) / (1 + df)) + 1.0 for t, df in document_frequency.items()}
        return idf, names

    def match_indicator(self, phrase: str, language: str | None = None) -> Indicator | None:
        """The best indicator for a noun phrase: exact name, then a name inside it, then token overlap.

        The overlap score mixes how much of the phrase (IDF-weighted) the indicator's names cover
        with the Dice overlap of the closest single name; below 0.5 nothing is returned.
        """
        exact = self._by_name.get(key(phrase))
        if exact is not None:
            return self.indicators[exact]
        mentions = self.find_indicators(phrase, language) or (self.find_indicators(phrase) if language else [])
        if mentions:
            best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
            return self.indicators[best.id]
        idf, names = self._token_index
        wanted = Counter(_tokens(phrase))
        if not wanted:
            return None
        unseen = max(idf.values())  # a word no name uses is as telling as the rarest one
        wanted_weight = sum(idf.get(t, unseen) * n for t, n in wanted.items())
        best_score, best_id = 0.0, ""
        for indicator_id, token_sets in names.items():
            vocabulary = set().union(*token_sets)
            shared_tokens = [t for t in wanted if t in vocabulary]
            if not any(idf[t] >= _INFORMATIVE for t in shared_tokens):  # only function words in common
                continue
            covered = sum(idf[t] * wanted[t] for t in shared_tokens)
            coverage = covered / wanted_weight
            dice = 0.0
            for tokens in token_sets:
                shared = sum(idf[t] * min(n, tokens[t]) for t, n in wanted.items() if t in tokens)
                name_weight = sum(idf[t] * n for t, n in tokens.items())
                dice = max(dice, 2 * shared / (wanted_weight + name_weight))
            score = 0.7 * coverage + 0.3 * dice
            if score > best_score:
                best_score, best_id = score, indicator_id
        return self.indicators[best_id] if best_id and best_score >= 0.5 else None

    # -- units --------------------------------------------------------------------------
    def normalise_unit(self, text: str) -> str | None:
        """The canonical unit code of a surface form ("亿元" -> "CNY 100m", "Prozent" -> "%"), or None."""
        return self.units.normalise(text)

    def convert(self, value: float, from_unit: str, to_unit: str) -> float:
        """Convert a value between units (codes or surface forms); raises UnitMismatch when not possible."""
        return self.units.convert(value, from_unit, to_unit)
