"""Entity resolution: one actor per real organisation across registers, languages and spellings.

Two names are compared as language-neutral tokens (``names.tokens``): the distinctive words must agree
(leftover literals are paired by rapidfuzz similarity), regions must not contradict, and the kinds of body
must fit. Every verdict carries its reason, so a merge is explainable. Pure: no I/O.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from rapidfuzz import fuzz

from riso.extract.evaluate import Rates
from riso.model import Actor
from riso.network.names import NameKnowledge, Token, _strip_legal, classify, load_knowledge, tokens

__all__ = ["Match", "PairScore", "compare", "evaluate_pairs", "find_matches", "load_pairs"]

_LITERAL_SIMILAR = 85.0  # rapidfuzz ratio at which two leftover literals count as one spelling
_MODIFIERS = frozenset({"state_key", "company", "affiliated", "group", "co_built"})
_BLOCK_LIMIT = 150  # a token shared by more actors than this is too common to block on
_NUMERAL = re.compile(r"[0-9〇○零一二三四五六七八九十百千]")


@dataclass(frozen=True)
class Match:
    """A verdict on two names: the same organisation or not, a score in [0, 1] and why."""

    same: bool
    score: float
    reason: str


def _core(toks: Sequence[Token]) -> Counter[str]:
    return Counter(t.value for t in toks if t.kind in ("distinct", "literal"))


def _literals(toks: Sequence[Token]) -> set[str]:
    return {t.value for t in toks if t.kind == "literal"}


def _literal_pairs(
    only_a: Counter[str], only_b: Counter[str]
) -> tuple[list[tuple[str, str, float]], list[str], list[str]]:
    """Pair leftover words of both sides by similarity; return pairs and what stays unpaired."""
    pairs, left_b = [], list(only_b.elements())
    rest_a = []
    for word in only_a.elements():
        if _NUMERAL.search(word):  # 第十五研究所 and 第五十五研究所 differ by one character and are two bodies
            rest_a.append(word)
            continue
        best = max((w for w in left_b if not _NUMERAL.search(w)), key=lambda w: fuzz.ratio(word, w), default=None)
        if best is not None and fuzz.ratio(word, best) >= _LITERAL_SIMILAR:
            pairs.append((word, best, fuzz.ratio(word, best) / 100))
            left_b.remove(best)
        else:
            rest_a.append(word)
    return pairs, rest_a, left_b


def _regions_agree(a: set[str], b: set[str]) -> bool:
    """Places agree when one name names none or both name the same: in a name, a province and one of its
    cities, "China" and a city, or a campus (香港中文大学（深圳）) tell two bodies apart."""
    return not a or not b or a == b


def compare(name_a: str, name_b: str, *, kn: NameKnowledge | None = None) -> Match:
    """Whether two organisation names denote the same organisation, with a score and the reason."""
    kn = kn or load_knowledge()
    ta, tb = tokens(name_a, kn), tokens(name_b, kn)
    # a legal form says how a body is registered, not what it is (an institute can be a company)
    type_a, type_b = classify(_strip_legal(name_a, kn), kn)[0], classify(_strip_legal(name_b, kn), kn)[0]
    if "other" not in (type_a, type_b) and type_a != type_b:
        return Match(False, 0.0, f"different kinds of body: {type_a} vs {type_b}")
    regions_a = {t.value for t in ta if t.kind == "region"}
    regions_b = {t.value for t in tb if t.kind == "region"}
    core_a, core_b = _core(ta), _core(tb)
    generic_a = {t.value for t in ta if t.kind == "generic"} - _MODIFIERS
    generic_b = {t.value for t in tb if t.kind == "generic"} - _MODIFIERS
    if not core_a and not core_b:  # "重庆大学": the place and the kind of body are what tell it apart
        if not generic_a or generic_a != generic_b:
            return Match(False, 0.0, "no distinctive word, and not the same kind of body")
        core_a, core_b = Counter(regions_a), Counter(regions_b)
    elif not _regions_agree(regions_a, regions_b):
        return Match(False, 0.0, f"different places: {', '.join(sorted(regions_a))} vs {', '.join(sorted(regions_b))}")
    if not core_a or not core_b:
        return Match(False, 0.0, "one name has no distinctive word")
    if generic_a and generic_b and not generic_a & generic_b:
        return Match(False, 0.0, f"different kinds of body: {', '.join(sorted(generic_a))} vs "
                                 f"{', '.join(sorted(generic_b))}")
    shared = core_a & core_b
    lit_a, lit_b = _literals(ta), _literals(tb)
    only_a, only_b = core_a - shared, core_b - shared
    pairs, rest_a, rest_b = _literal_pairs(Counter({k: v for k, v in only_a.items() if k in lit_a}),
                                           Counter({k: v for k, v in only_b.items() if k in lit_b}))
    rest_a += [k for k in only_a.elements() if k not in lit_a]
    rest_b += [k for k in only_b.elements() if k not in lit_b]
    if rest_a or rest_b:
        if rest_a and rest_b:
            why = f"different distinctive words: {' '.join(rest_a)} vs {' '.join(rest_b)}"
        else:
            why = f"one name adds {' '.join(rest_a or rest_b)}"
        overlap = sum(shared.values()) / max(sum(core_a.values()), sum(core_b.values()))
        return Match(False, round(overlap * 0.9, 3), why)
    score = min([1.0, *(s for _, _, s in pairs)])
    words = " ".join(sorted(shared.elements()))
    why = f"same distinctive words ({words})" if not pairs else (
        f"same distinctive words ({words}) and similar spellings "
        + ", ".join(f"{x}≈{y} ({s:.2f})" for x, y, s in pairs))
    return Match(True, round(score, 3), why)


@dataclass(frozen=True)
class PairScore:
    """A proposed merge of two stored actors."""

    winner: str
    loser: str
    winner_name: str
    loser_name: str
    score: float
    reason: str


def find_matches(actors: Sequence[Actor], *, kn: NameKnowledge | None = None) -> list[PairScore]:
    """Pairs of actors that are one organisation; candidates share a distinctive token (blocking).

    The winner is the actor with more provenance (then the shorter id), so register actors absorb variants.
    """
    kn = kn or load_knowledge()
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, actor in enumerate(actors):
        toks = tokens(actor.name, kn)
        keys = {t.value for t in toks if t.kind in ("distinct", "literal")}
        keys = keys or {t.value for t in toks if t.kind == "region"}
        for value in keys:
            by_token[value].append(i)
    seen: set[tuple[int, int]] = set()
    out: list[PairScore] = []
    for members in by_token.values():
        if len(members) > _BLOCK_LIMIT:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                a, b = actors[i], actors[j]
                if a.region and b.region and not _regions_agree({a.region}, {b.region}):
                    continue
                verdict = compare(a.name, b.name, kn=kn)
                if verdict.same:
                    win, lose = sorted((a, b), key=lambda z: (-len(z.sources), len(z.name), z.id))
                    out.append(PairScore(win.id, lose.id, win.name, lose.name, verdict.score, verdict.reason))
    return sorted(out, key=lambda p: (-p.score, p.winner, p.loser))


@dataclass
class PairEvaluation(Rates):
    """Precision and recall of ``compare`` on a labelled pair set, with the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Counts, rates and errors, for printing."""
        return {"pairs": self.tp + self.fp + self.fn + self.tn, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "tn": self.tn, "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "errors": self.errors}


def load_pairs(text: str | None = None) -> list[tuple[str, str, bool, str]]:
    """The labelled pair set (a, b, same, note): the shipped one, or CSV text with the same columns."""
    if text is None:
        text = (resources.files("riso.network") / "data" / "resolution_pairs.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return [(r["a"], r["b"], r["same"].strip().lower() in ("1", "true", "yes"), r.get("note") or "") for r in rows]


def evaluate_pairs(pairs: Iterable[tuple[str, str, bool, str]], *, kn: NameKnowledge | None = None) -> PairEvaluation:
    """Score ``compare`` against labelled pairs."""
    kn = kn or load_knowledge()
    ev = PairEvaluation()
    for a, b, same, note in pairs:
        got = compare(a, b, kn=kn)
        if got.same and same:
            ev.tp += 1
        elif got.same:
            ev.fp += 1
            ev.errors.append({"a": a, "b": b, "expected": same, "note": note, "reason": got.reason})
        elif same:
            ev.fn += 1
            ev.errors.append({"a": a, "b": b, "expected": same, "note": note, "reason": got.reason})
        else:
            ev.tn += 1
    return ev
