"""Story-linking benchmark: synthetic multilingual corpora of 10k, 100k (default) and 1M (--full) documents.

Each synthetic story takes a base text of the story-pair set (tests/link/pairs, our own texts) with its
figures removed, and a figure sentence translated by template into the version's language, with
figures drawn for that story and written in that language's number style. Versions of one story
share the figures (a summary may drop one); different stories do not. Linking runs on feature sets
only (no stored full texts). Each size runs in its own process so peak memory is its own.

    .venv/bin/python benchmarks/link.py            # 10k and 100k, plus Ray vs single process on 10k
    .venv/bin/python benchmarks/link.py --full     # adds 1M
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from riso.link import document_features, link_batch, signatures
from riso.link.features import StoryFeatures
from riso.model import Document

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "link" / "pairs"

# One sentence per language that states the story's figures; {a} {b} {c} counts, {p} a percentage, {y} a year.
TEMPLATES = {
    "en": "The plan counts {a} firms, {b} researchers and {c} projects, and aims at {p} % by {y}.",
    "de": "Der Plan nennt {a} Firmen, {b} Forschende und {c} Projekte und zielt bis {y} auf {p} %.",
    "fr": "Le plan compte {a} entreprises, {b} chercheurs et {c} projets, et vise {p} % d'ici {y}.",
    "it": "Il piano conta {a} imprese, {b} ricercatori e {c} progetti e punta al {p}% entro il {y}.",
    "es": "El plan cuenta {a} empresas, {b} investigadores y {c} proyectos y apunta al {p} % en {y}.",
    "zh": "规划涉及企业{a}家、研究人员{b}名、项目{c}个，目标是到{y}年达到{p}%。",
}


def _fmt(value: int, lang: str) -> str:
    if lang == "zh" and value >= 10000 and value % 100 == 0:
        return f"{value / 10000:g}万"
    grouped = f"{value:,}"
    return {"en": grouped, "zh": str(value), "fr": grouped.replace(",", " ")}.get(lang, grouped.replace(",", "."))


def _pct(value: float, lang: str) -> str:
    return f"{value:.1f}" if lang in ("en", "zh") else f"{value:.1f}".replace(".", ",")


def _bases() -> dict[str, list[tuple[str, str]]]:
    """Base texts per family (first letter of the file name): (language, text without digits)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(PAIRS.glob("*.txt")):
        lang = path.stem.split("_")[1]
        text = re.sub(r"[0-9][0-9.,% ]*", "", path.read_text(encoding="utf-8"))
        out.setdefault(path.stem[0], []).append((lang, text))
    return out


def corpus(n: int, seed: int = 7) -> Iterator[tuple[str, int, str, str]]:
    """(document id, true story, language, text) for n documents; 1-3 versions a story."""
    rng = random.Random(seed)
    bases = _bases()
    families = sorted(bases)
    made = story = 0
    while made < n:
        versions = bases[families[story % len(families)]]
        figures = {
            "a": rng.randrange(100, 10**6) * 100,
            "b": rng.randrange(1000, 10**6),
            "c": rng.randrange(10, 10**5),
            "p": rng.randrange(5, 999) / 10,
            "y": rng.randrange(2024, 2036),
        }
        for lang, base in rng.sample(versions, k=min(len(versions), rng.randint(1, 3))):
            if made >= n:
                break
            drop = rng.choice(["a", "b", "c", None, None, None])
            values = {k: (_fmt(int(v), lang) if k in "abc" else _pct(v, lang) if k == "p" else str(v))
                      for k, v in figures.items()}
            if drop:
                values[drop] = "—"
            text = base + "\n" + TEMPLATES[lang].format(**values)
            yield f"sha256:{made:012x}", story, lang, text
            made += 1
        story += 1


def _features(item: tuple[str, int, str, str]) -> StoryFeatures:
    doc_id, _, lang, text = item
    return document_features(Document(id=doc_id, source="synthetic", text=text, language=lang), regions=())


def _pair_quality(truth: list[int], found: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall of the found stories against the true ones."""
    def pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(truth, found, strict=True)))
    predicted, actual = pairs(Counter(found)), pairs(Counter(truth))
    return (both / predicted if predicted else 1.0), (both / actual if actual else 1.0)


def run_size(n: int) -> dict[str, object]:
    """Build, featurise and link n documents; report time, memory and quality."""
    start = time.perf_counter()
    truth, features = [], []
    for item in corpus(n):
        truth.append(item[1])
        features.append(_features(item))
    featurised = time.perf_counter()
    sigs = signatures(features)
    hashed = time.perf_counter()
    story_of = link_batch(features, sigs=sigs)
    linked = time.perf_counter()
    precision, recall = _pair_quality(truth, [story_of[f.document] for f in features])
    return {
        "documents": n,
        "features_s": round(featurised - start, 1),
        "minhash_s": round(hashed - featurised, 1),
        "link_s": round(linked - hashed, 1),
        "total_s": round(linked - start, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stories_true": len(set(truth)),
        "stories_found": len(set(story_of.values())),
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
    }


def run_ray(n: int) -> dict[str, object]:
    """Features and MinHash signatures of the same n documents: single process vs Ray (2 local CPUs)."""
    import ray

    from riso.scale import local_ray_options, ray_map

    items = list(corpus(n))
    start = time.perf_counter()
    local = signatures([_features(i) for i in items])
    single = time.perf_counter() - start
    start = time.perf_counter()
    ray.init(**local_ray_options())
    started = time.perf_counter() - start
    start = time.perf_counter()
    feats = list(ray_map(_features, items, batch_size=500))
    remote = signatures(feats, mapper=lambda f, xs: ray_map(f, xs, batch_size=500))
    on_ray = time.perf_counter() - start
    ray.shutdown()
    assert (local == remote).all(), "Ray and single-process signatures differ"
    return {
        "documents": n,
        "single_s": round(single, 1),
        "ray_startup_s": round(started, 1),
        "ray_s": round(on_ray, 1),
        "speedup": round(single / on_ray, 2),
        "speedup_with_startup": round(single / (on_ray + started), 2),
    }


def main() -> None:
    """Run every size in its own process and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="add the 1M-document corpus")
    parser.add_argument("--size", type=int, help="run one size in this process (used internally)")
    parser.add_argument("--ray", type=int, help="run Ray vs single process on this many documents (internal)")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray comparison")
    args = parser.parse_args()
    if args.size:
        print(json.dumps(run_size(args.size)))
        return
    if args.ray:
        print(json.dumps(run_ray(args.ray)))
        return
    sizes = [10_000, 100_000] + ([1_000_000] if args.full else [])
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--size", str(n)], capture_output=True, text=True, check=True)
        print(out.stdout.strip(), flush=True)
    if not args.no_ray:
        out = subprocess.run([sys.executable, __file__, "--ray", "10000"], capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
