"""The events table: reading ``[[event]]`` and ``[[phase]]`` TOML files, with errors that name
the file, the record and the field.

The bundled table is ``thaw/data/bundled/events.toml`` (see ``docs/events.md``). A user file
has the same form and adds events (ids must not clash with the bundled ones). Loading is all
or nothing. Phases must be in date order, contiguous and non-overlapping, and each phase's
``start`` must be the date of its ``start_event``: an event of the file, or a register
milestone (``<measure id>.announced|effective|end``, see :func:`thaw.events.measure_events`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from thaw._validation import summarize
from thaw.errors import EventValidationError
from thaw.events.derive import measure_events
from thaw.events.model import Event, Phase, check_phases

_UNKNOWN = "unknown field (check the spelling; see docs/events.md for the fields)"


def bundled_events_file() -> Path:
    from thaw.data.bundle import bundle_dir

    return bundle_dir() / "events.toml"


def _validate(model: type[BaseModel], data: Any, *, file: str, kind: str, index: int) -> Any:
    record = str(data.get("id") or f"{kind} #{index + 1}") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        raise EventValidationError(
            f"each [[{kind}]] must be a table", file=file, record=f"{kind} #{index + 1}"
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, msg, more = summarize(exc, unknown_field=_UNKNOWN)
        if more:
            msg += f" (and {more} more problem{'s' if more > 1 else ''} in this record)"
        raise EventValidationError(msg, file=file, record=record, field=field) from None


def _unique(ids: Iterable[str], *, file: str, taken: dict[str, str] | None = None) -> None:
    seen: dict[str, str] = dict(taken or {})
    for i in ids:
        if i in seen:
            raise EventValidationError(
                f"duplicate id {i!r} (also in {seen[i]})", file=file, record=i, field="id"
            )
        seen[i] = file


def parse_events_toml(text: str, *, file: str) -> tuple[list[Event], list[Phase]]:
    """Events and phases from TOML text; phases are checked for order and contiguity (their
    ``start_event`` is checked by :func:`check_phase_events`)."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EventValidationError(f"not valid TOML: {exc}", file=file) from None
    unknown = set(doc) - {"event", "phase", "schema"}
    if unknown:
        raise EventValidationError(
            f"unknown top-level key(s) {sorted(unknown)}; an events file holds [[event]] and "
            "[[phase]] tables",
            file=file,
        )
    raw_events, raw_phases = doc.get("event", []), doc.get("phase", [])
    if not isinstance(raw_events, list) or not isinstance(raw_phases, list):
        raise EventValidationError("event and phase must be arrays of tables", file=file)
    if not raw_events:
        raise EventValidationError("no [[event]] tables found", file=file)
    events = [
        _validate(Event, r, file=file, kind="event", index=i) for i, r in enumerate(raw_events)
    ]
    phases = [
        _validate(Phase, r, file=file, kind="phase", index=i) for i, r in enumerate(raw_phases)
    ]
    _unique([e.id for e in events] + [p.id for p in phases], file=file)
    for e in events:
        if e.measure_id is not None:
            raise EventValidationError(
                "measure milestones are derived from the register, not written in an events "
                "file; remove measure_id (or the event)",
                file=file,
                record=e.id,
                field="measure_id",
            )
    problems = check_phases(phases)
    if problems:
        raise EventValidationError("; ".join(problems), file=file, record="phases")
    return events, phases


def check_phase_events(phases: Sequence[Phase], known: Sequence[Event], *, file: str) -> None:
    """Each phase's ``start_event`` exists among ``known`` and is dated the phase's start."""
    by_id = {e.id: e for e in known}
    for p in phases:
        e = by_id.get(p.start_event)
        if e is None:
            raise EventValidationError(
                f"start_event {p.start_event!r} is not an event of the file or a register "
                "milestone (<measure id>.announced|effective|end)",
                file=file,
                record=p.id,
                field="start_event",
            )
        if e.date != p.start:
            raise EventValidationError(
                f"start {p.start} is not the date of its start_event {e.id!r} ({e.date})",
                file=file,
                record=p.id,
                field="start",
            )


def load_events_file(
    path: str | Path, *, known: Sequence[Event] = ()
) -> tuple[list[Event], list[Phase]]:
    """Read and validate an events file; ``known`` events (the bundled ones, register
    milestones) may be named as phase starts, and their ids may not be reused."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventValidationError("file not found", file=str(p)) from None
    except UnicodeDecodeError:
        raise EventValidationError("not a UTF-8 text file", file=str(p)) from None
    events, phases = parse_events_toml(text, file=str(p))
    _unique([e.id for e in events], file=str(p), taken={e.id: "the known events" for e in known})
    check_phase_events(phases, [*known, *events], file=str(p))
    return events, phases


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[Event, ...], tuple[Phase, ...]]:
    from thaw.data.bundle import load_bundled_measures

    milestones = measure_events(load_bundled_measures())
    events, phases = load_events_file(bundled_events_file(), known=milestones)
    return tuple(sorted(events, key=lambda e: (e.date, e.id))), tuple(phases)


def load_bundled_events() -> list[Event]:
    """The bundled events, validated, in date order (without register milestones)."""
    return list(_bundled()[0])


def load_bundled_phases() -> list[Phase]:
    """The bundled phases, validated against the bundled events and register milestones."""
    return list(_bundled()[1])
