"""The ingest pipeline: expand inputs, read and extract each document, store it with its facts atomically.

Per-file work is the pure, picklable ``process_path`` so that ``engine="ray"`` can map it on a cluster;
storing happens here, one transaction per document, so an interruption leaves no half-written document.
"""

from __future__ import annotations

import glob
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from riso import extract as _extract
from riso.errors import BadRequest, ConfigError, RisoError
from riso.ingest import SUPPORTED_SUFFIXES, read_document, read_parts
from riso.link.features import StoryFeatures, document_features
from riso.model import Document, Fact
from riso.store import Store

__all__ = [
    "Failure",
    "IngestReport",
    "Processed",
    "describe_document",
    "expand_paths",
    "ingest",
    "link_leftovers",
    "link_stories",
    "process_file",
    "process_path",
    "reextract",
    "safe_source",
    "story_features",
]

log = logging.getLogger(__name__)

Engine = Literal["local", "ray"]
OnError = Literal["skip", "raise"]
Progress = Callable[[int, int, str], None]
BATCH = 64
COMMIT_SECONDS = 2.0


@dataclass(frozen=True)
class Failure:
    """An input that could not be ingested: what went wrong and what to do."""

    source: str
    code: str
    reason: str
    hint: str


@dataclass(frozen=True)
class Processed:
    """The outcome of reading one file: a document and its facts, or a failure."""

    source: str
    document: Document | None = None
    facts: tuple[Fact, ...] = ()
    failure: Failure | None = None
    features: StoryFeatures | None = None  # linking evidence, computed with the document (pure)


@dataclass
class IngestReport:
    """What an ingest run did with each input."""

    ingested: list[str] = field(default_factory=list)  # document ids
    already_present: list[str] = field(default_factory=list)  # document ids
    failed: list[Failure] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # document id -> source
    facts: int = 0
    linked_later: list[str] = field(default_factory=list)  # stored by an earlier run, linked by this one
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data."""
        return {
            "ingested": [{"id": i, "source": self.sources.get(i)} for i in self.ingested],
            "already_present": [{"id": i, "source": self.sources.get(i)} for i in self.already_present],
            "failed": [f.__dict__ for f in self.failed],
            "facts": self.facts,
            "linked_later": len(self.linked_later),
            "interrupted": self.interrupted,
        }


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")


def safe_source(path: str) -> str:
    """A path as text every store can hold: bytes of a file name that are not UTF-8 (which Python keeps
    as surrogate escapes) written as ``\\xNN``, so ``bad_\\xff.txt`` is stored as the 12 characters shown."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        try:
            return os.fsencode(path).decode("utf-8", "backslashreplace")
        except UnicodeError:  # a lone surrogate that was not an escaped byte
            return path.encode("utf-8", "backslashreplace").decode("ascii")


def _unreadable_folder(err: OSError) -> Failure:
    where = safe_source(str(err.filename)) if err.filename is not None else "?"
    return Failure(
        where,
        "R201",
        f"the folder cannot be read ({err.strerror or type(err).__name__}); its files were not ingested",
        "Check the folder's permissions and run the ingest again.",
    )


def _walk(folder: Path, failures: list[Failure] | None = None) -> Iterator[Path]:
    def report(err: OSError) -> None:
        if failures is not None:
            failures.append(_unreadable_folder(err))

    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if _is_supported(path):
                yield path


def expand_paths(inputs: Iterable[str | os.PathLike[str]], *, failures: list[Failure] | None = None) -> list[str]:
    """Files named by the inputs (files, folders searched recursively, globs), in order, without repeats.

    Folders that cannot be read are added to ``failures``. Raises BadRequest when there is no input or an
    input matches nothing.
    """
    out: dict[str, None] = {}
    given = [str(i) for i in inputs]
    if not given:
        raise BadRequest("no input given", hint="Name files, folders or globs, e.g. `riso ingest docs/`.")
    for raw in given:
        path = Path(raw)
        if os.path.lexists(path) and not path.is_dir():
            out[str(path)] = None  # named explicitly: read (and report) even with an odd suffix
        elif path.is_dir():
            out.update((str(p), None) for p in _walk(path, failures))
        elif glob.has_magic(raw):
            matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
            if not matches:
                raise BadRequest(f"the pattern {raw!r} matches no file", hint="Check the pattern and the folder.")
            for match in matches:
                if match.is_dir():
                    out.update((str(p), None) for p in _walk(match, failures))
                elif _is_supported(match):
                    out[str(match)] = None
        else:
            raise BadRequest(f"{raw!r} does not exist", hint="Check the path; quote globs so the shell passes them on.")
    return list(out)


def _processed(document: Document) -> Processed:
    if safe_source(document.source) != document.source:
        document = document.model_copy(update={"source": safe_source(document.source)})
    facts = tuple(_extract.extract(document))
    return Processed(
        source=document.source, document=document, facts=facts, features=story_features(document, facts)
    )


def _failed(path: str, err: Exception) -> Processed:
    shown = safe_source(path)
    if isinstance(err, RisoError):
        return Processed(source=shown, failure=Failure(shown, err.code, safe_source(err.message), err.hint))
    log.error("processing %s failed", shown, exc_info=err)
    return Processed(
        source=shown,
        failure=Failure(
            shown,
            "R300",
            safe_source(f"internal error while processing the document ({type(err).__name__}: {err})"),
            "Report this with the file attached; the other documents were ingested.",
        ),
    )


def process_path(path: str) -> Processed:
    """Read one file whole and extract its facts; never raises for a bad document (picklable, for Ray).

    A file name that is not valid UTF-8 is stored and reported in its ``safe_source`` form.
    """
    try:
        return _processed(read_document(path))
    except Exception as err:  # the per-document boundary: one bad document never stops the batch
        return _failed(path, err)


def process_file(path: str) -> Iterator[Processed]:
    """Read one file, in parts when it is long, and extract each part's facts; never raises for a bad document.

    Memory stays bounded by the part size (see ``riso.ingest.limits``), whatever the file's size.
    """
    parts = read_parts(path)
    while True:
        try:
            document = next(parts)
        except StopIteration:
            return
        except Exception as err:  # the per-document boundary: one bad document never stops the batch
            yield _failed(path, err)
            return
        try:
            yield _processed(document)
        except Exception as err:
            yield _failed(document.source, err)


def story_features(document: Document, facts: Sequence[Fact]) -> StoryFeatures | None:
    """The document's linking features from the facts as stored (first of equal ids); None if that fails."""
    try:
        stored = {f.id: f for f in reversed(facts)}  # the store keeps the first fact of an id
        return document_features(document, list(stored.values()))
    except Exception:  # linking computes them again from the store and reports the error there
        log.exception("linking features of %s failed", document.source)
        return None


def link_stories(
    store: Store, document_ids: Sequence[str], *, features: Mapping[str, StoryFeatures] | None = None
) -> None:
    """Assign new documents to stories: each joins the story of the earlier documents it matches.

    ``features`` are the documents' linking features when already computed; the others are read from the store.
    """
    from riso.services.stories import link_stored_documents  # the linking stage's store wiring

    link_stored_documents(store, document_ids, features=features)


def _results(paths: Sequence[str], engine: Engine, ray_address: str | None) -> Iterator[tuple[int, Processed]]:
    """(number of the file, result) for each document read; a long file gives several (its parts)."""
    if engine == "local":
        return ((done, r) for done, p in enumerate(paths, start=1) for r in process_file(p))
    if engine == "ray":
        from riso.scale import ray_map  # imported lazily: Ray is an optional extra

        return enumerate(ray_map(process_path, paths, address=ray_address), start=1)
    raise ConfigError(f"unknown engine {engine!r}", hint="Use --engine local or --engine ray.")


def _record_failure(result: Processed, report: IngestReport, on_error: OnError) -> None:
    assert result.failure is not None
    report.failed.append(result.failure)
    if on_error == "raise":
        raise RisoError(result.failure.reason, hint=result.failure.hint, source=result.source)


def _flush(
    store: Store, pending: list[Processed], report: IngestReport, features: dict[str, StoryFeatures] | None = None
) -> list[str]:
    """Store a group of documents in one transaction (each document whole); the ids that were new.

    The linking features of the new documents are added to ``features``.
    """
    if not pending:
        return []
    stored = store.add_documents([(r.document, r.facts) for r in pending if r.document is not None])
    new_ids = []
    for result, is_new in zip(pending, stored, strict=True):  # reported only once committed
        doc_id = result.document.id  # type: ignore[union-attr]
        report.sources.setdefault(doc_id, result.source)
        if is_new:
            report.ingested.append(doc_id)
            report.facts += len(result.facts)
            new_ids.append(doc_id)
            if features is not None and result.features is not None:
                features[doc_id] = result.features
        else:
            report.already_present.append(doc_id)
    pending.clear()
    return new_ids


def link_leftovers(store: Store) -> list[str]:
    """Link every stored document that is not linked yet (an earlier run was interrupted between storing
    and linking, or linking failed); returns their ids. A failure is logged and left for a later run."""
    from riso.services.stories import link_stored_documents

    waiting = store.documents_without_story()
    if not waiting:
        return []
    try:
        link_stored_documents(store, waiting)
    except Exception:  # a batch boundary: the run's own documents still go in
        log.exception("linking %d documents left unlinked failed; a later ingest tries again", len(waiting))
        return []
    return waiting


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    engine: Engine = "local",
    on_error: OnError = "skip",
    progress: Progress | None = None,
    ray_address: str | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Ingest files, folders and globs into the store; returns what was ingested, already present or failed.

    ``on_error="skip"`` reports bad documents and goes on; ``"raise"`` stops at the first one.
    ``progress(done, total, source)`` is called after each file. Documents are committed in groups
    (at most BATCH documents or COMMIT_SECONDS apart) and then linked into stories; each document is
    stored whole or not at all, and a KeyboardInterrupt while reading first commits and links the
    documents already read. Stored documents that an earlier run left unlinked are linked first.
    ``report`` is filled in as the run goes, so a caller still has it when the run is interrupted.
    """
    report = report if report is not None else IngestReport()
    files = expand_paths(paths, failures=report.failed)
    if on_error == "raise" and report.failed:
        first = report.failed[0]
        raise RisoError(first.reason, hint=first.hint, source=first.source)
    report.linked_later = link_leftovers(store)
    pending: list[Processed] = []
    last_commit = time.monotonic()
    try:
        for done, result in _results(files, engine, ray_address):
            if result.failure is not None:
                _record_failure(result, report, on_error)
            else:
                pending.append(result)
            if len(pending) >= BATCH or (pending and time.monotonic() - last_commit > COMMIT_SECONDS):
                features: dict[str, StoryFeatures] = {}
                link_stories(store, _flush(store, pending, report, features), features=features)
                last_commit = time.monotonic()
            if progress is not None:
                progress(done, len(files), result.source)
    except BaseException as err:
        report.interrupted = isinstance(err, KeyboardInterrupt)
        if pending:  # keep what was read completely before the interruption or failure, and link it
            features = {}
            new_ids = _flush(store, pending, report, features)
            try:
                link_stories(store, new_ids, features=features)
            except Exception:  # the documents stay marked unlinked; the next ingest links them
                log.exception("linking after an interruption failed; the next ingest links those documents")
        raise
    features = {}
    new_ids = _flush(store, pending, report, features)
    if new_ids:
        link_stories(store, new_ids, features=features)
    return report


def reextract(store: Store, *, language: str | None = None, page: int = 200) -> int:
    """Re-run extraction over the stored documents and replace their facts; returns how many were done."""
    done = offset = 0
    while True:
        listed = store.list_documents(language=language, limit=page, offset=offset)
        if not listed:
            return done
        for stub in listed:
            document = store.get_document(stub.id)
            store.replace_facts(document.id, _extract.extract(document))
            done += 1
        offset += page


def describe_document(store: Store, document_id: str) -> dict[str, object]:
    """A stored document's metadata, languages and counts (id prefix accepted); raises NotFound."""
    document = store.get_document(document_id)
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "outlet": document.outlet,
        "language": document.language,
        "languages": list(document.languages),
        "format": document.format,
        "story": document.story,
        "ingested_at": document.ingested_at,
        "characters": len(document.text),
        "paragraphs": len(document.paragraphs),
        "sentences": len(document.sentences),
        "facts": store.count_facts(document=document.id),
    }
