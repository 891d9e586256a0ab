"""One error hierarchy for riso: every message says what was wrong, every hint what to do.

    RisoError
    ├── ConfigError
    ├── IngestError
    │   ├── UnreadableDocument
    │   ├── UnsupportedFormat
    │   ├── EmptyDocument
    │   └── DocumentTooLarge
    ├── ExtractError
    │   └── LanguageResourceError
    ├── CatalogError
    │   ├── UnknownIndicator
    │   ├── UnknownRegion
    │   └── UnitMismatch
    ├── StoreError
    │   ├── MigrationError
    │   └── StoreUnavailable
    │       ├── StoreBusy
    │       └── NoSuchStore
    ├── DataImportError
    │   └── BadRows
    ├── AnalysisError
    │   ├── NotAssessable
    │   ├── FrameworkError
    │   └── NotFittedError
    ├── AuthError
    │   ├── NotAuthenticated
    │   ├── PermissionDenied
    │   ├── TooManyAttempts
    │   └── AccountLocked
    ├── BadRequest
    ├── NotFound
    ├── NotAvailable
    ├── ServerBusy
    ├── LengthRequired
    └── WorkerStopped

Each class has a stable ``code``, an HTTP ``status``, a ``message`` and a ``hint``.
The CLI prints message and hint and exits 1; the API maps the error to
``{"error": {"code", "message", "hint"}}`` with its status.
"""

from __future__ import annotations

import warnings

__all__ = [
    "AccountLocked",
    "AnalysisError",
    "AuthError",
    "BadRequest",
    "BadRows",
    "CatalogError",
    "ConfigError",
    "DataImportError",
    "DataQualityWarning",
    "DocumentTooLarge",
    "EmptyDocument",
    "ExtractError",
    "FrameworkError",
    "IngestError",
    "LanguageResourceError",
    "LengthRequired",
    "MigrationError",
    "NoSuchStore",
    "NotAssessable",
    "NotAuthenticated",
    "NotAvailable",
    "NotFittedError",
    "NotFound",
    "PermissionDenied",
    "RisoError",
    "ServerBusy",
    "StoreBusy",
    "StoreError",
    "StoreUnavailable",
    "TooManyAttempts",
    "UnitMismatch",
    "UnknownIndicator",
    "UnknownRegion",
    "UnreadableDocument",
    "UnsupportedFormat",
    "WorkerStopped",
    "warn_data_quality",
]


class RisoError(Exception):
    """Base of every error riso raises on purpose."""

    code: str = "R000"
    status: int = 500
    default_hint: str = "See the riso documentation or run the command with --help."

    def __init__(self, message: str, *, hint: str | None = None, source: str | None = None) -> None:
        self.message = message
        self.hint = hint or self.default_hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}"

    def with_source(self, source: str) -> RisoError:
        """Attach the document or file the error is about, and return self."""
        self.source = source
        self.args = (self.__str__(),)
        return self

    def to_dict(self) -> dict[str, str]:
        """The JSON error body's inner object."""
        return {"code": self.code, "message": str(self), "hint": self.hint}


class ConfigError(RisoError, ValueError):
    """A setting, option or configuration file is wrong."""

    code = "R100"
    status = 400
    default_hint = "Check the option or configuration file named in the message."


class IngestError(RisoError):
    """A document could not be read."""

    code = "R200"
    status = 422
    default_hint = "Check that the file is a readable .txt, .md, .html, .htm, .pdf or .docx document."


class UnreadableDocument(IngestError):
    """The file exists but its bytes cannot be turned into text."""

    code = "R201"


class UnsupportedFormat(IngestError):
    """The file type is not one riso reads."""

    code = "R202"
    status = 415
    default_hint = "Convert it to .txt, .md, .html, .pdf or .docx, or leave it out of the input."


class EmptyDocument(IngestError):
    """The document holds no text."""

    code = "R203"
    default_hint = "Check that the file is not empty and, for a PDF, that it has a text layer (not only scans)."


class DocumentTooLarge(IngestError):
    """The document is larger than the configured limit."""

    code = "R204"
    status = 413
    default_hint = "Split the file, or raise the limit with RISO_MAX_DOCUMENT_MB."


class ExtractError(RisoError):
    """Extraction failed."""

    code = "R300"
    default_hint = "Report the document that triggered this; other documents are unaffected."


class LanguageResourceError(ExtractError, ValueError):
    """A language resource file under extract/lang/ is malformed."""

    code = "R301"
    default_hint = "Fix the named key in the language file; see docs/languages.md for the schema."


class CatalogError(RisoError, ValueError):
    """The indicator catalog or the region gazetteer cannot answer."""

    code = "R400"
    status = 400
    default_hint = "Run `riso catalog indicators` or `riso catalog regions` to see the known entries."


class UnknownIndicator(CatalogError):
    """No catalog indicator matches the given id or name."""

    code = "R401"
    status = 404
    default_hint = "Use an id from `riso catalog indicators`, or add the indicator to a catalog file."


class UnknownRegion(CatalogError):
    """No gazetteer region matches the given code or name."""

    code = "R402"
    status = 404
    default_hint = "Use an ISO 3166-2 code or a name from `riso catalog regions`, or add it to the gazetteer."


class UnitMismatch(CatalogError):
    """A value's unit cannot be converted to the indicator's unit."""

    code = "R403"
    default_hint = "Convert the values to the indicator's unit, or add the conversion to the catalog."


class StoreError(RisoError):
    """The store could not complete an operation; nothing was half-written."""

    code = "R500"
    status = 500
    default_hint = "Check the --db setting; the store was left as it was before the operation."


class MigrationError(StoreError):
    """The database schema is newer than this riso, or a migration failed."""

    code = "R501"
    default_hint = "Upgrade riso, or point --db at a database made by this version."


class StoreUnavailable(StoreError):
    """The database cannot be opened or reached."""

    code = "R502"
    status = 503
    default_hint = (
        "For DuckDB check the file path and that no other process holds it; "
        "for PostgreSQL check the URL and that the server runs."
    )


class StoreBusy(StoreUnavailable):
    """Another process holds the DuckDB file (the message names it) for longer than riso waits."""

    code = "R503"
    default_hint = "Wait for the other process to finish, or stop it, and retry; PostgreSQL takes many writers."


class NoSuchStore(StoreUnavailable):
    """A command that does not bring data in (see cli._util.CREATING_COMMANDS) was pointed at a missing DuckDB file."""

    code = "R504"
    status = 404
    default_hint = "Check the --db path (or $RISO_DB); `riso ingest`, `riso data import` and `riso demo` create it."


class DataImportError(RisoError, ValueError):
    """A data file could not be imported."""

    code = "R600"
    status = 422
    default_hint = "Check the file's layout; see docs/data.md for the accepted formats."


class BadRows(DataImportError):
    """Some rows of a data file are invalid; nothing from the file was stored."""

    code = "R601"
    default_hint = "Fix the rows listed, or pass --skip-bad-rows to import the rest."

    def __init__(self, message: str, *, rows: list[tuple[int, str]] | None = None, **kwargs: str) -> None:
        self.rows = rows or []
        super().__init__(message, **kwargs)


class AnalysisError(RisoError, ValueError):
    """An analysis cannot be computed from the given inputs."""

    code = "R700"
    status = 422
    default_hint = "Check the inputs named in the message."


class NotAssessable(AnalysisError):
    """A target cannot be assessed (too few observations, no baseline)."""

    code = "R701"
    default_hint = "Import more observations with `riso data import`."


class FrameworkError(AnalysisError):
    """A composite-index framework is invalid."""

    code = "R702"
    default_hint = "Fix the framework metadata named in the message."


class NotFittedError(AnalysisError):
    """An analysis step was used before it was fitted."""

    code = "R703"
    default_hint = "Call fit() before transform()."


class AuthError(RisoError):
    """Authentication or authorisation failed."""

    code = "R800"
    status = 401
    default_hint = "Log in, or pass an API token in the Authorization header."


class NotAuthenticated(AuthError):
    """No valid credentials were given."""

    code = "R801"
    status = 401


class PermissionDenied(AuthError):
    """The user's role does not allow this action."""

    code = "R802"
    status = 403
    default_hint = "Ask an admin for the editor or admin role."


class TooManyAttempts(AuthError):
    """Too many failed logins for this account or address: wait before the next try."""

    code = "R803"
    status = 429
    default_hint = "Wait the time the message names, then try again with the right password."

    def __init__(self, message: str, *, retry_after: float = 0.0, **kwargs: str) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class AccountLocked(AuthError):
    """The account is locked after repeated failed logins until an admin unlocks it."""

    code = "R804"
    status = 423
    default_hint = "Ask an admin to unlock the account (`riso user unlock NAME`, or the admin page)."


class BadRequest(RisoError, ValueError):
    """A request's parameters are invalid."""

    code = "R900"
    status = 400
    default_hint = "Check the parameters against the API documentation at /api/v1/docs."


class NotFound(RisoError, LookupError):
    """The requested record does not exist."""

    code = "R404"
    status = 404
    default_hint = "Check the id; list the available records first."


class NotAvailable(RisoError):
    """A part of riso this request needs is not installed or not built yet."""

    code = "R950"
    status = 501
    default_hint = "Upgrade riso; this feature arrives with a later stage of the pipeline."


class ServerBusy(RisoError):
    """The server has no capacity for this request right now (a bounded pool is full)."""

    code = "R960"
    status = 503
    default_hint = "Try again in a few seconds."


class LengthRequired(RisoError):
    """A request body without Content-Length (chunked): its size cannot be checked before it is read."""

    code = "R961"
    status = 411
    default_hint = "Send the body with a Content-Length header (curl and browsers do so for files)."


class WorkerStopped(RisoError):
    """The upload worker stopped, or ran out of time, while processing an upload."""

    code = "R970"
    status = 500
    default_hint = "The file may be too heavy to read; split it, or ask the admin to look at the server log."


class DataQualityWarning(UserWarning):
    """A non-fatal problem in input data (a skipped value, an ambiguous name)."""


def warn_data_quality(message: str) -> None:
    """Emit a DataQualityWarning."""
    warnings.warn(message, DataQualityWarning, stacklevel=2)
