"""Evaluation of story linking on a set of document pairs marked same story or not.

The one part of ``riso.link`` that reads files: the pairs file and the documents it names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from riso.errors import BadRequest
from riso.extract.evaluate import Rates
from riso.link.features import StoryFeatures, document_features
from riso.link.stories import is_same_story, score_pair
from riso.model import Document

__all__ = ["StoryEvalReport", "evaluate_story_pairs", "pairs_file", "read_features"]


@dataclass(frozen=True)
class StoryEvalReport(Rates):
    """Counts and rates of a story-pair evaluation, with the pairs it got wrong."""

    tp: int
    fp: int
    fn: int
    tn: int
    languages: tuple[str, ...]
    errors: tuple[dict[str, object], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """Plain values for JSON output."""
        return {
            "pairs": self.tp + self.fp + self.fn + self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "languages": list(self.languages),
            "errors": list(self.errors),
        }


def read_features(path: Path) -> StoryFeatures:
    """Read one document as riso ingests it, extract its facts, and compute its linking features."""
    from riso.extract import extract
    from riso.ingest import read_document

    document: Document = read_document(path)
    return document_features(document, extract(document))


def pairs_file(path: Path) -> Path:
    """The pairs file a path names: the file itself, or a folder's pairs.jsonl (or its only .jsonl file)."""
    if path.is_dir():
        found = [path / "pairs.jsonl"] if (path / "pairs.jsonl").is_file() else sorted(path.glob("*.jsonl"))
        if len(found) != 1:
            raise BadRequest(
                f"the folder {path} has {'no' if not found else len(found)} story pairs file(s) (.jsonl)",
                hint="Put the pairs in pairs.jsonl in that folder (one {\"a\", \"b\", \"same_story\"} a line), "
                     "or name the file itself.",
            )
        return found[0]
    if not path.is_file():
        raise BadRequest(f"no story pairs file at {path}",
                         hint="Name a pairs .jsonl file or the folder holding pairs.jsonl, e.g. tests/link/pairs.")
    return path


def evaluate_story_pairs(pairs_path: Path) -> StoryEvalReport:
    """Precision and recall of linking on a JSON-lines file of {"a": file, "b": file, "same_story": bool}.

    File names are relative to the pairs file's folder. A folder stands for its ``pairs.jsonl`` (or its one
    ``.jsonl`` file). Raises BadRequest for a malformed line, a missing file or a folder without pairs.
    """
    pairs_path = pairs_file(Path(pairs_path))
    base = pairs_path.parent
    cache: dict[str, StoryFeatures] = {}
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    errors: list[dict[str, object]] = []
    for number, line in enumerate(pairs_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            pair = json.loads(line)
            names, same = (str(pair["a"]), str(pair["b"])), bool(pair["same_story"])
        except (ValueError, KeyError, TypeError) as err:
            raise BadRequest(
                f"line {number} of {pairs_path.name} is not a pair",
                hint='Write one JSON object a line: {"a": "file", "b": "file", "same_story": true}.',
            ) from err
        for name in names:
            if name not in cache:
                cache[name] = read_features(base / name)
        a, b = cache[names[0]], cache[names[1]]
        linked = is_same_story(a, b)
        cell = ("t" if linked == same else "f") + ("p" if linked else "n")
        counts[cell] += 1
        if linked != same:
            errors.append({"a": names[0], "b": names[1], "same_story": same, "score": round(score_pair(a, b), 3)})
    languages = tuple(sorted({f.language for f in cache.values() if f.language}))
    return StoryEvalReport(**counts, languages=languages, errors=tuple(errors))
