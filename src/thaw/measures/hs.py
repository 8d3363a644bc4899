"""Harmonized System codes and product scopes.

A *code* is 2, 4, 6, 8 or 10 digits: an HS chapter, heading, subheading, or a national tariff
line (8 or 10 digits; national lines differ by country, the first six digits are the HS).
Dots and spaces are ignored on input, so ``"1205.10.90"`` and ``"12051090"`` are the same.

A *pattern* in a product scope is a code (covers every line that starts with it) or an inclusive
range ``"8702.20.10-8702.90.20"`` of two codes of equal length (covers every line whose prefix of
that length falls in the range).

Matching a query code against a pattern gives one of three answers:

* ``FULL``: every line under the query is covered (the query is at or below the pattern);
* ``PARTIAL``: the query is coarser than the pattern and only some lines under it are covered;
* ``NONE``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thaw.errors import HSCodeError

VALID_LENGTHS = (2, 4, 6, 8, 10)
_STRIP = re.compile(r"[.\s]")


class Coverage(enum.IntEnum):
    """How much of a queried code a scope covers (ordered: NONE < PARTIAL < FULL)."""

    NONE = 0
    PARTIAL = 1
    FULL = 2


def normalize_code(code: str) -> str:
    """Return ``code`` as bare digits, checking it is a well-formed HS code or tariff line.

    Raises :class:`HSCodeError` naming the code and the rule it breaks.
    """
    if not isinstance(code, str):
        raise HSCodeError(f"HS code must be a string of digits, got {code!r}")
    digits = _STRIP.sub("", code)
    if not digits.isdigit():
        raise HSCodeError(
            f"HS code {code!r} must contain only digits (dots and spaces allowed), "
            "e.g. '1205.10' or '120510'"
        )
    if len(digits) not in VALID_LENGTHS:
        raise HSCodeError(
            f"HS code {code!r} has {len(digits)} digits; use 2 (chapter), 4 (heading), "
            "6 (subheading), 8 or 10 (national tariff line)"
        )
    if digits[:2] == "00" or int(digits[:2]) > 99:
        raise HSCodeError(f"HS code {code!r}: chapter {digits[:2]} does not exist (01-99)")
    return digits


def format_code(code: str) -> str:
    """Format bare digits the usual way: ``1205``, ``1205.10``, ``8703.80.00.10``."""
    d = normalize_code(code)
    if len(d) <= 4:
        return d
    parts = [d[:4]] + [d[i : i + 2] for i in range(4, len(d), 2)]
    return ".".join(parts)


@dataclass(frozen=True, slots=True)
class HSPattern:
    """One inclusive range of codes of equal length; a single code has ``low == high``."""

    low: str
    high: str

    @property
    def length(self) -> int:
        return len(self.low)

    @classmethod
    def parse(cls, text: str) -> HSPattern:
        """Parse ``"1205.10"`` or ``"8702.20.10-8702.90.20"`` (en dash accepted)."""
        raw = text.replace("\u2013", "-").replace("\u2014", "-")
        if "-" in raw:
            left, _, right = raw.partition("-")
            low, high = normalize_code(left.strip()), normalize_code(right.strip())
            if len(low) != len(high):
                raise HSCodeError(
                    f"HS range {text!r}: both ends must have the same number of digits "
                    f"({len(low)} vs {len(high)})"
                )
            if low > high:
                raise HSCodeError(f"HS range {text!r}: start {low} is after end {high}")
            return cls(low, high)
        code = normalize_code(raw)
        return cls(code, code)

    def match(self, code: str) -> Coverage:
        """How much of the (normalized) ``code`` this pattern covers."""
        n = self.length
        if len(code) >= n:
            return Coverage.FULL if self.low <= code[:n] <= self.high else Coverage.NONE
        # query is coarser than the pattern: compare the block of lines under the query
        block_low, block_high = code.ljust(n, "0"), code.ljust(n, "9")
        if self.low <= block_low and block_high <= self.high:
            return Coverage.FULL
        if block_low <= self.high and self.low <= block_high:
            return Coverage.PARTIAL
        return Coverage.NONE

    def __str__(self) -> str:
        if self.low == self.high:
            return format_code(self.low)
        return f"{format_code(self.low)}-{format_code(self.high)}"


def parse_patterns(items: Iterable[str]) -> tuple[HSPattern, ...]:
    """Parse a list of code or range strings."""
    return tuple(HSPattern.parse(s) for s in items)


def scope_coverage(
    code: str, include: Sequence[HSPattern], exclude: Sequence[HSPattern]
) -> Coverage:
    """Coverage of ``code`` by a scope of included patterns minus excluded ones.

    An exclusion that fully covers the query removes it; one that covers part of it makes a full
    match partial.
    """
    best = max((p.match(code) for p in include), default=Coverage.NONE)
    if best is Coverage.NONE:
        return best
    worst_exclusion = max((p.match(code) for p in exclude), default=Coverage.NONE)
    if worst_exclusion is Coverage.FULL:
        return Coverage.NONE
    if worst_exclusion is Coverage.PARTIAL:
        return Coverage.PARTIAL
    return best
