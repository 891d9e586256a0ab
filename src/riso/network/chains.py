"""Industry chains as data (YAML a user edits): segments upstream -> downstream, actors placed on them,
chain-leader candidates and gaps per region. Pure: files are parsed from text given by the caller.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml

from riso.catalog._fold import fold
from riso.errors import ConfigError, NotFound
from riso.model import Actor, Relation

__all__ = [
    "Chain",
    "ChainSegment",
    "Placement",
    "chain_map",
    "load_chain",
    "load_chains",
    "place_actors",
]

Strength = str  # "strong" (name, editor, hosted lab) or "weak" (register field only)


@dataclass(frozen=True)
class ChainSegment:
    """One stage of a chain: what it covers and the words that place an actor on it."""

    id: str
    names: dict[str, str]
    technologies: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # in any language; matched in actor names
    fields: tuple[str, ...] = ()  # register field values (a laboratory's area) that hint at the segment

    def name(self, lang: str = "en") -> str:
        """The segment's name in a language, else English, else its id."""
        return self.names.get(lang) or self.names.get("en") or self.id


@dataclass(frozen=True)
class Chain:
    """An industry chain: segments in order from upstream to downstream, with its public sources."""

    id: str
    names: dict[str, str]
    segments: tuple[ChainSegment, ...]
    sources: tuple[str, ...] = ()

    def name(self, lang: str = "en") -> str:
        """The chain's name in a language, else English."""
        return self.names.get(lang) or self.names.get("en") or self.id

    def segment(self, segment_id: str) -> ChainSegment:
        """One segment; raises NotFound."""
        for seg in self.segments:
            if seg.id == segment_id:
                return seg
        raise NotFound(f"chain {self.id} has no segment {segment_id!r}",
                       hint=f"Segments: {', '.join(s.id for s in self.segments)}.")


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(str(v) for v in value)


def load_chain(text: str, *, origin: str = "chain file") -> Chain:
    """A chain from its YAML text; raises ConfigError naming the file and key at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(f"{origin}: not valid YAML ({err})") from err
    if not isinstance(data, dict) or not data.get("id") or not isinstance(data.get("segments"), list):
        raise ConfigError(f"{origin}: a chain needs an id and a list of segments",
                          hint="See riso/network/data/chains/*.yaml for the layout.")
    segments = []
    for i, raw in enumerate(data["segments"]):
        where = f"{origin}: segments[{i}]"
        if not isinstance(raw, dict) or not raw.get("id"):
            raise ConfigError(f"{where} needs an id")
        segments.append(ChainSegment(
            id=str(raw["id"]), names=_names(raw.get("names"), f"{where}.names"),
            technologies=_strings(raw.get("technologies"), f"{where}.technologies"),
            products=_strings(raw.get("products"), f"{where}.products"),
            keywords=_strings(raw.get("keywords"), f"{where}.keywords"),
            fields=_strings(raw.get("fields"), f"{where}.fields")))
    ids = [s.id for s in segments]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{origin}: segment ids repeat ({', '.join(ids)})")
    return Chain(id=str(data["id"]), names=_names(data.get("names"), f"{origin}: names"),
                 segments=tuple(segments), sources=_strings(data.get("sources"), f"{origin}: sources"))


def _names(raw: object, where: str) -> dict[str, str]:
    """A language -> name mapping; a name without text is refused (in a YAML flow mapping an unquoted comma
    ends the name: ``{en: Charging, roads}`` reads as a name "Charging" and a language "roads")."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or any(not isinstance(v, str) or not v.strip() for v in raw.values()):
        raise ConfigError(f"{where}: each language needs a name", hint='Quote names with commas: {en: "A, B"}.')
    return {str(k): v for k, v in raw.items()}


def load_chains(extra: Mapping[str, str] | None = None) -> dict[str, Chain]:
    """The shipped chains plus ``extra`` ({origin: YAML text}); a later chain with the same id replaces one."""
    out: dict[str, Chain] = {}
    folder = resources.files("riso.network") / "data" / "chains"
    texts = {e.name: e.read_text(encoding="utf-8") for e in sorted(folder.iterdir(), key=lambda e: e.name)
             if e.name.endswith(".yaml")}
    for origin, text in {**texts, **(extra or {})}.items():
        chain = load_chain(text, origin=origin)
        out[chain.id] = chain
    return out


@dataclass(frozen=True)
class Placement:
    """An actor on a segment, with why (evidence) and how strongly."""

    actor: str
    segment: str
    strength: Strength
    evidence: tuple[str, ...]


def place_actors(
    chain: Chain,
    actors: Sequence[Actor],
    relations: Iterable[Relation] = (),
    *,
    editor: Iterable[Mapping[str, object]] = (),
) -> list[Placement]:
    """Place actors on a chain's segments: by a keyword in the name (strong), by the register field (weak),
    as the host of a placed laboratory (strong), or by an editor's choice, which also removes placements."""
    found: dict[tuple[str, str], tuple[str, list[str]]] = {}

    def add(actor: str, segment: str, strength: str, why: str) -> None:
        old = found.get((actor, segment))
        if old is None:
            found[(actor, segment)] = (strength, [why])
        else:
            found[(actor, segment)] = ("strong" if "strong" in (old[0], strength) else "weak", [*old[1], why])

    names = {a.id: a for a in actors}
    for actor in actors:
        text = fold(" ".join((actor.name, *actor.aliases, *actor.names.values())))
        for seg in chain.segments:
            words = [k for k in seg.keywords if fold(k) in text]
            if words:
                add(actor.id, seg.id, "strong", f"name contains {', '.join(words[:3])}")
            elif actor.field and actor.field in seg.fields:
                add(actor.id, seg.id, "weak", f"register field {actor.field}")
    labs = {(a, s): v for (a, s), v in found.items() if names[a].type == "laboratory" and v[0] == "strong"}
    relations = list(relations)
    for rel in relations:  # a project's title says what its lead institution works on (weak evidence)
        if rel.type != "funding" or not rel.label or rel.target not in names:
            continue
        title = fold(rel.label)
        for seg in chain.segments:
            words = [k for k in seg.keywords if fold(k) in title]
            if words:
                add(rel.target, seg.id, "weak", f"leads project {rel.label[:60]}")
    for rel in relations:
        if rel.type != "hosting" or rel.source not in names:
            continue
        for (lab, seg_id), _ in labs.items():
            if lab == rel.target:
                add(rel.source, seg_id, "strong", f"hosts {names[lab].name}")
    for choice in editor:
        key = (str(choice["actor"]), str(choice["segment"]))
        if key[0] not in names:
            continue
        if choice.get("placed"):
            add(key[0], key[1], "strong", f"placed by {choice.get('by_whom') or 'an editor'}")
        else:
            found.pop(key, None)
    return [Placement(a, s, strength, tuple(why)) for (a, s), (strength, why) in sorted(found.items())]


@dataclass
class SegmentView:
    """A segment in one region: local actors, whether it is a gap, and regions that have it."""

    segment: ChainSegment
    local: list[dict[str, object]] = field(default_factory=list)
    status: str = "covered"  # covered, weak, gap
    partners: list[dict[str, object]] = field(default_factory=list)


def chain_map(
    chain: Chain,
    region_ids: Iterable[str],
    actors: Sequence[Actor],
    placements: Sequence[Placement],
    relations: Sequence[Relation],
    *,
    top_partners: int = 5,
    top_leaders: int = 5,
) -> dict[str, object]:
    """One chain in one region: each segment's local actors, the gaps (no or only weak local actors, with the
    regions that have strong actors there), and the chain-leader candidates with their evidence.

    Leader score = centrality x size x reach: centrality = the actor's partners / the most partners of a
    local actor on the chain; size = log(1 + relations) / the largest such among them; reach = the share of
    the chain's segments covered by the actor or its partners, upstream and downstream of its own.
    """
    local_regions = set(region_ids)
    by_id = {a.id: a for a in actors}
    per_segment: dict[str, list[Placement]] = defaultdict(list)
    for p in placements:
        per_segment[p.segment].append(p)
    partners: dict[str, set[str]] = defaultdict(set)
    degree: dict[str, int] = defaultdict(int)
    for rel in relations:
        partners[rel.source].add(rel.target)
        partners[rel.target].add(rel.source)
        degree[rel.source] += 1
        degree[rel.target] += 1
    segments_of: dict[str, set[str]] = defaultdict(set)
    for p in placements:
        segments_of[p.actor].add(p.segment)
    views = []
    for seg in chain.segments:
        view = SegmentView(seg)
        here = [p for p in per_segment.get(seg.id, []) if by_id[p.actor].region in local_regions]
        view.local = [{"actor": p.actor, "name": by_id[p.actor].name, "type": by_id[p.actor].type,
                       "strength": p.strength, "evidence": list(p.evidence)} for p in here]
        strong = [p for p in here if p.strength == "strong"]
        view.status = "covered" if strong else ("weak" if here else "gap")
        if view.status != "covered":
            elsewhere: dict[str, list[str]] = defaultdict(list)
            for p in per_segment.get(seg.id, []):
                region = by_id[p.actor].region
                if p.strength == "strong" and region and region not in local_regions:
                    elsewhere[region].append(by_id[p.actor].name)
            view.partners = [{"region": r, "actors": len(n), "examples": sorted(n)[:3]}
                             for r, n in sorted(elsewhere.items(), key=lambda rn: (-len(rn[1]), rn[0]))[:top_partners]]
        views.append(view)
    leaders = _leaders(chain, local_regions, by_id, segments_of, partners, degree)[:top_leaders]
    return {
        "chain": chain.id, "name": chain.names, "sources": list(chain.sources),
        "segments": [{"id": v.segment.id, "names": v.segment.names, "technologies": list(v.segment.technologies),
                      "products": list(v.segment.products), "status": v.status, "local": v.local,
                      "partners": v.partners} for v in views],
        "gaps": [v.segment.id for v in views if v.status != "covered"],
        "leaders": leaders,
    }


def _leaders(
    chain: Chain,
    local: set[str],
    by_id: Mapping[str, Actor],
    segments_of: Mapping[str, set[str]],
    partners: Mapping[str, set[str]],
    degree: Mapping[str, int],
) -> list[dict[str, object]]:
    candidates = [a for a in segments_of if by_id[a].region in local]
    if not candidates:
        return []
    order = {s.id: i for i, s in enumerate(chain.segments)}
    most_partners = max(len(partners.get(a, ())) for a in candidates) or 1
    most_size = max(math.log1p(degree.get(a, 0)) for a in candidates) or 1.0
    out = []
    for a in candidates:
        covered = set(segments_of[a])
        for p in partners.get(a, ()):
            covered |= segments_of.get(p, set())
        own = min(order[s] for s in segments_of[a])
        up = sorted((s for s in covered if order[s] < own), key=order.__getitem__)
        down = sorted((s for s in covered if order[s] > own), key=order.__getitem__)
        centrality = len(partners.get(a, ())) / most_partners
        size = math.log1p(degree.get(a, 0)) / most_size
        reach = len(covered) / len(chain.segments)
        out.append({
            "actor": a, "name": by_id[a].name, "type": by_id[a].type,
            "score": round(centrality * size * reach, 4), "segments": sorted(segments_of[a], key=order.__getitem__),
            "evidence": {"centrality": round(centrality, 4), "partners": len(partners.get(a, ())),
                         "size": round(size, 4), "relations": degree.get(a, 0), "reach": round(reach, 4),
                         "upstream": up, "downstream": down},
        })
    return sorted(out, key=lambda d: (-float(d["score"]), str(d["name"])))  # type: ignore[arg-type]
