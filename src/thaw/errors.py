"""Errors raised by thaw.

One flat hierarchy under :class:`ThawError`. Messages state the rule, the offending value and
what to do about it; the CLI prints them as one line.
"""

from __future__ import annotations


class ThawError(Exception):
    """Base class for every error thaw raises on purpose."""


class HSCodeError(ThawError, ValueError):
    """An HS code or tariff-line pattern is malformed."""


class UnknownEconomyError(ThawError, ValueError):
    """An economy code is not an ISO 3166-1 alpha-3 code (or a known aggregate)."""


class LocatedError(ThawError):
    """An error in a file of records: the message starts with the file, the record and the
    field path, which are also kept as attributes."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        where = [w for w in (file, record and f"record {record}", field and f"field {field}") if w]
        super().__init__((", ".join(where) + ": " if where else "") + message)


class MeasureValidationError(LocatedError):
    """A measure file or record failed validation; nothing was written.

    Attributes name the file, the record (measure id or index) and the field path.
    """


class DuplicateMeasureError(MeasureValidationError):
    """A measure id (or an identical measure under another id) is already in the register."""


class EventValidationError(LocatedError):
    """An events file, event or phase failed validation; the message names the file, the
    record (event or phase id, or index) and the field path."""


class StoreError(ThawError):
    """The database cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer thaw than this one."""


class DataImportError(ThawError):
    """A trade-data file cannot be read (wrong format, missing columns)."""


class NotFoundError(ThawError):
    """A requested measure, flow or file does not exist."""


class NonConvergenceError(ThawError):
    """A solver stopped before meeting its tolerance; nothing is returned.

    ``iterations`` and ``max_residual`` say how far it got.
    """

    def __init__(self, message: str, *, iterations: int, max_residual: float) -> None:
        self.iterations = iterations
        self.max_residual = max_residual
        super().__init__(message)


class InfeasibleSolutionError(ThawError):
    """A solver reached an economically impossible point (negative price or quantity)."""


class ModelInputError(ThawError, ValueError):
    """Model inputs break an invariant (negative flows, elasticities of the wrong sign...)."""
