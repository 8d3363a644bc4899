"""The applied rate over time: the stack evaluated at every date on which it can change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thaw.measures.hs import format_code, normalize_code
from thaw.measures.model import Measure
from thaw.measures.stack import ONE_DAY, RateStack, change_dates, stack_rates


@dataclass(frozen=True, slots=True)
class RateStep:
    """A period over which the stack is constant. ``end`` is the last day (None: open-ended)."""

    start: dt.date
    end: dt.date | None
    stack: RateStack

    def to_dict(self) -> dict[str, Any]:
        s = self.stack
        return {
            "start": self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "total_ad_valorem": s.total_ad_valorem,
            "total_out_of_quota": s.total_out_of_quota,
            "has_quota": s.has_quota,
            "measures": list(s.measure_ids),
            "source_urls": [c.source_url for c in s.components],
        }


def _signature(stack: RateStack) -> tuple[Any, ...]:
    return (
        stack.measure_ids,
        stack.total_ad_valorem,
        stack.total_out_of_quota,
        tuple((c.measure_id, c.role) for c in stack.other),
    )


@dataclass(frozen=True, slots=True)
class RateTimeline:
    """Steps of the applied rate for ``hs`` from ``exporter`` into ``importer``, in date order."""

    importer: str
    exporter: str
    hs: str
    steps: tuple[RateStep, ...]

    def to_frame(self) -> Any:
        """One row per step: start, end, totals, measure ids and their source URLs."""
        import pandas as pd

        rows = [s.to_dict() for s in self.steps]
        for r in rows:
            r["measures"] = "; ".join(r["measures"])
            r["source_urls"] = " ".join(r["source_urls"])
        return pd.DataFrame(
            rows,
            columns=[
                "start",
                "end",
                "total_ad_valorem",
                "total_out_of_quota",
                "has_quota",
                "measures",
                "source_urls",
            ],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "exporter": self.exporter,
            "hs": self.hs,
            "steps": [s.to_dict() for s in self.steps],
        }

    def rate_on(self, on: dt.date) -> float | None:
        """Total ad valorem on a date (None before the first step)."""
        for s in self.steps:
            if s.start <= on and (s.end is None or on <= s.end):
                return s.stack.total_ad_valorem
        return None

    def summary(self) -> str:
        head = f"Applied rate, {self.importer} on HS {format_code(self.hs)} from {self.exporter}"
        lines = [head]
        for s in self.steps:
            end = "…" if s.end is None else s.end.isoformat()
            q = ""
            if s.stack.has_quota:
                out = s.stack.total_out_of_quota
                q = f" (in quota; out: {'?' if out is None else f'{out:g}%'})"
            lines.append(
                f"  {s.start.isoformat()} to {end}: {s.stack.total_ad_valorem:g}%{q}  "
                f"[{', '.join(s.stack.measure_ids) or 'no measure'}]"
            )
        return "\n".join(lines)

    def plot(self, path: str | Path | None = None) -> Any:
        """Step chart; ``path`` ending in .png writes an image, .html an interactive page."""
        from thaw.report.charts import timeline_chart

        return timeline_chart(self, path)


def build_timeline(
    measures: Sequence[Measure],
    *,
    importer: str,
    exporter: str,
    hs: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> RateTimeline:
    """Evaluate the stack at each change date between ``start`` and ``end`` (inclusive).

    Consecutive periods with the same layers and totals are merged.
    """
    code = normalize_code(hs)
    dates = change_dates(measures, importer=importer, exporter=exporter, hs=code)
    if start is not None:
        dates = [d for d in dates if d > start]
        dates.insert(0, start)
    if end is not None:
        dates = [d for d in dates if d <= end]
    steps: list[RateStep] = []
    for i, d in enumerate(dates):
        stack = stack_rates(measures, importer=importer, exporter=exporter, hs=code, on=d)
        last = dates[i + 1] - ONE_DAY if i + 1 < len(dates) else end
        if steps and _signature(steps[-1].stack) == _signature(stack):
            steps[-1] = RateStep(steps[-1].start, last, steps[-1].stack)
        else:
            steps.append(RateStep(d, last, stack))
    return RateTimeline(importer, exporter, code, tuple(steps))
