"""Story-linking benchmark: synthetic multilingual corpora of 10k, 100k (default) and 1M (--full) documents.

Each synthetic story takes a base text of the story-pair set (tests/link/pairs, our own texts) with its
figures removed, and a sentence of 2-7 figure clauses translated by template into the version's
language, with figures drawn for that story (a quarter of them common round values such as "1,000"
or "3 %") and written in that language's number style. Versions of one story share the figures
(a summary may drop one); different stories share only what chance and round values give. Linking runs on feature sets
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

# Clauses per language, one figure each; a story states 2-7 of them (real stories vary in how many
# figures they give). Kinds: c count, m money in 100-million units (亿), p percentage.
CLAUSES: dict[str, list[tuple[str, str]]] = {
    "en": [("c", "{v} firms"), ("c", "{v} researchers"), ("c", "{v} projects"), ("m", "{v} billion yuan of spending"),
           ("p", "a share of {v} % of GDP"), ("p", "growth of {v} %"), ("c", "{v} patents")],
    "de": [("c", "{v} Firmen"), ("c", "{v} Forschende"), ("c", "{v} Projekte"), ("m", "{v} Milliarden Yuan Ausgaben"),
           ("p", "einen Anteil von {v} % am BIP"), ("p", "ein Wachstum von {v} %"), ("c", "{v} Patente")],
    "fr": [("c", "{v} entreprises"), ("c", "{v} chercheurs"), ("c", "{v} projets"),
           ("m", "{v} milliards de yuans de dépenses"), ("p", "une part de {v} % du PIB"),
           ("p", "une croissance de {v} %"), ("c", "{v} brevets")],
    "it": [("c", "{v} imprese"), ("c", "{v} ricercatori"), ("c", "{v} progetti"),
           ("m", "{v} miliardi di yuan di spesa"),
           ("p", "una quota del {v}% del PIL"), ("p", "una crescita del {v}%"), ("c", "{v} brevetti")],
    "es": [("c", "{v} empresas"), ("c", "{v} investigadores"), ("c", "{v} proyectos"),
           ("m", "{v} mil millones de yuanes de gasto"), ("p", "una cuota del {v} % del PIB"),
           ("p", "un crecimiento del {v} %"), ("c", "{v} patentes")],
    "zh": [("c", "企业{v}家"), ("c", "研究人员{v}名"), ("c", "项目{v}个"), ("m", "研发投入{v}亿元"),
           ("p", "占GDP的{v}%"), ("p", "增长{v}%"), ("c", "专利{v}件")],
}
FRAMES = {
    "en": ("The plan states {items} and {last}, by {y}.", ", "),
    "de": ("Der Plan nennt bis {y} {items} und {last}.", ", "),
    "fr": ("Le plan annonce {items} et {last} d'ici {y}.", ", "),
    "it": ("Il piano indica {items} e {last} entro il {y}.", ", "),
    "es": ("El plan indica {items} y {last} para {y}.", ", "),
    "zh": ("规划提出，到{y}年{items}，{last}。", "，"),
}
# Real texts repeat round figures ("1,000 firms", "3 %") across unrelated stories; about a quarter
# of the synthetic figures are drawn from these, so common figures and figure pairs do occur.
ROUND_COUNTS = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]
ROUND_MONEY = [10, 20, 50, 100, 200, 500, 1000]  # in 100 million (1, 2, 5 ... 100 billion)
ROUND_PCT = [1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 10, 15, 20, 25, 30, 50]


def _fmt(value: int, lang: str) -> str:
    if lang == "zh" and value >= 10000 and value % 100 == 0:
        return f"{value / 10000:g}万"
    grouped = f"{value:,}"
    return {"en": grouped, "zh": str(value), "fr": grouped.replace(",", "\u202f")}.get(lang, grouped.replace(",", "."))


def _dec(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text if lang in ("en", "zh") else text.replace(".", ",")


def _money(hundred_millions: int, lang: str) -> str:
    """Money in the language's habit: zh in 亿 (10^8), the others in billions (10^9)."""
    if lang == "zh":
        return str(hundred_millions)
    return _dec(hundred_millions / 10, lang)


def _bases() -> dict[str, list[tuple[str, str]]]:
    """Base texts per family (first letter of the file name): (language, text without digits)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(PAIRS.glob("*.txt")):
        lang = path.stem.split("_")[1]
        text = re.sub(r"[0-9][0-9.,% ]*", "", path.read_text(encoding="utf-8"))
        out.setdefault(path.stem[0], []).append((lang, text))
    return out


def _draw(kind: str, rng: random.Random) -> float:
    common = rng.random() < 0.25
    if kind == "c":
        return rng.choice(ROUND_COUNTS) if common else rng.randrange(10, 10**6)
    if kind == "m":
        return rng.choice(ROUND_MONEY) if common else rng.randrange(11, 20000)
    return rng.choice(ROUND_PCT) if common else rng.randrange(5, 999) / 10


def _render(kind: str, value: float, lang: str) -> str:
    if kind == "c":
        return _fmt(int(value), lang)
    if kind == "m":
        return _money(int(value), lang)
    return _dec(value, lang)


def corpus(n: int, seed: int = 7) -> Iterator[tuple[str, int, str, str]]:
    """(document id, true story, language, text) for n documents; 1-3 versions a story."""
    rng = random.Random(seed)
    bases = _bases()
    families = sorted(bases)
    made = story = 0
    while made < n:
        versions = bases[families[story % len(families)]]
        slots = sorted(rng.sample(range(7), k=rng.randint(2, 7)))
        values = {slot: _draw(CLAUSES["en"][slot][0], rng) for slot in slots}
        year = rng.randrange(2024, 2036)
        for lang, base in rng.sample(versions, k=min(len(versions), rng.randint(1, 3))):
            if made >= n:
                break
            kept = list(slots)
            if len(kept) > 3 and rng.random() < 0.3:  # a summary drops one figure
                kept.remove(rng.choice(kept))
            items = [CLAUSES[lang][s][1].format(v=_render(CLAUSES[lang][s][0], values[s], lang)) for s in kept]
            frame, sep = FRAMES[lang]
            text = base + "\n" + frame.format(items=sep.join(items[:-1]), last=items[-1], y=year)
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
    """Build, featurise and link n documents: wall and CPU time (features, keys, link, total), memory, quality."""
    start, cpu0 = time.perf_counter(), time.process_time()
    truth, features = [], []
    for item in corpus(n):
        truth.append(item[1])
        features.append(_features(item))
    featurised, cpu1 = time.perf_counter(), time.process_time()
    sigs = signatures(features)
    hashed, cpu2 = time.perf_counter(), time.process_time()
    story_of = link_batch(features, sigs=sigs)
    linked, cpu3 = time.perf_counter(), time.process_time()
    precision, recall = _pair_quality(truth, [story_of[f.document] for f in features])
    return {
        "documents": n,
        "features_s": round(featurised - start, 1),
        "pair_keys_s": round(hashed - featurised, 1),
        "link_s": round(linked - hashed, 1),
        "total_s": round(linked - start, 1),
        "cpu_s": [round(cpu1 - cpu0, 1), round(cpu2 - cpu1, 1), round(cpu3 - cpu2, 1), round(cpu3 - cpu0, 1)],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stories_true": len(set(truth)),
        "stories_found": len(set(story_of.values())),
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
    }


def run_ray(n: int) -> dict[str, object]:
    """Features and pair keys of the same n documents: single process vs Ray (2 local CPUs)."""
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
