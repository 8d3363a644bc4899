"""Literal option types shared across thaw (one canonical spelling each)."""

from __future__ import annotations

from typing import Literal, get_args

MeasureKind = Literal[
    "mfn",
    "preferential",
    "surtax",
    "additional",
    "antidumping_deposit",
    "antidumping_duty",
    "countervailing",
    "safeguard",
    "tariff_rate_quota",
    "remission",
    "suspension",
    "investigation",
]
MEASURE_KINDS: tuple[str, ...] = get_args(MeasureKind)

#: Kinds that form the base rate of a line (one per line; a preferential rate beats MFN).
BASE_KINDS: frozenset[str] = frozenset({"mfn", "preferential"})
#: Kinds that add a duty on top of the base.
DUTY_KINDS: frozenset[str] = frozenset(
    {
        "surtax",
        "additional",
        "antidumping_deposit",
        "antidumping_duty",
        "countervailing",
        "safeguard",
    }
)

MeasureStatus = Literal[
    "in_force",
    "ended",
    "announced",
    "proposed",
    "threatened",
    "struck_down",
    "terminated",
    "ongoing",
]
#: Statuses of measures that never took effect; they are listed but never stacked.
NEVER_APPLIED: frozenset[str] = frozenset({"announced", "proposed", "threatened"})

Confidence = Literal["H", "M", "L"]
TradeFlowDirection = Literal["export", "import"]


def check_literal(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` if allowed, else raise ValueError listing the allowed values."""
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")
    return value
