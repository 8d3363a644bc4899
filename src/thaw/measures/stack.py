"""Stacking: which duties apply to a product between two economies on a date.

Pure functions over a list of :class:`~thaw.measures.model.Measure`; the rules are written out
in ``docs/register.md`` ("Stacking rules") and tested in ``tests/measures/test_stack.py``.

In brief, for importer *m*, exporter *x*, code *h* and date *d*:

1. A measure is *relevant* if *m* imposes it, it targets *x*, its product scope meets *h*
   (fully or partly) and it is in force on *d* (``effective <= d <= end``; statuses that never
   took effect are ignored).
2. Replacement and suspension: a relevant measure that ``replaces`` another removes it; a relevant
   suspension removes the measures it ``suspends`` where it covers the whole of *h* (and marks them
   partly suspended where it covers only part).
3. Base: the relevant preferential rate for *x* if any, else the MFN rate; the most specific
   scope wins. No base in the register means the total excludes it (and says so).
4. Additional duties (surtax, additional, anti-dumping deposit or duty, countervailing,
   safeguard) add their ad valorem rates to the base. A measure with a ``condition`` (firm,
   end use, melt origin, rules of origin) is listed as conditional and not added.
5. An unconditional remission of *s* percent scales the remitted duty by ``1 - s/100``.
6. A tariff-rate quota gives an in-quota and an out-of-quota total; ``total_ad_valorem`` is the
   in-quota total.
7. Specific duties enter the ad valorem total only when a unit value is given
   (AVE = specific / unit value x 100); otherwise they are listed and the total says it excludes
   them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from thaw._typing import BASE_KINDS, DUTY_KINDS
from thaw.measures.hs import Coverage, format_code, normalize_code, scope_coverage
from thaw.measures.model import Measure, Source

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RateComponent:
    """One layer of the stack: a measure as it applies to the queried product.

    ``rate`` is percent ad valorem after any remission (None for a specific-only duty, a quota,
    or a firm-specific range). ``coverage`` is ``"full"`` or ``"partial"`` (the measure covers
    only some tariff lines under the queried code). ``role`` is ``"base"``, ``"duty"``,
    ``"quota"``, ``"conditional"``, ``"suspended"``, ``"replaced"`` or ``"suspension"``.
    """

    measure_id: str
    kind: str
    role: str
    title: str
    rate: float | None
    rate_text: str
    effective: dt.date | None
    end: dt.date | None
    coverage: str
    scope: tuple[str, ...]
    legal_instrument: str | None
    sources: tuple[Source, ...]
    note: str | None = None

    @property
    def source_url(self) -> str:
        return self.sources[0].url

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure_id": self.measure_id,
            "kind": self.kind,
            "role": self.role,
            "title": self.title,
            "rate": self.rate,
            "rate_text": self.rate_text,
            "effective": _iso(self.effective),
            "end": _iso(self.end),
            "coverage": self.coverage,
            "scope": list(self.scope),
            "legal_instrument": self.legal_instrument,
            "source_url": self.source_url,
            "sources": [s.model_dump() for s in self.sources],
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class RateStack:
    """The duties applied to ``hs`` from ``exporter`` into ``importer`` on ``date``.

    ``components`` are the layers that make the total (base first). ``other`` holds the layers
    listed for information: conditional duties, suspended or replaced measures, suspensions.
    Totals are percent ad valorem; ``total_out_of_quota`` is None when no quota applies or the
    over-quota treatment is unknown.
    """

    importer: str
    exporter: str
    hs: str
    date: dt.date
    components: tuple[RateComponent, ...]
    other: tuple[RateComponent, ...]
    total_ad_valorem: float
    total_in_quota: float | None
    total_out_of_quota: float | None
    has_quota: bool
    base_missing: bool
    partial: bool
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def base(self) -> RateComponent | None:
        return next((c for c in self.components if c.role == "base"), None)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        return tuple(c.measure_id for c in self.components)

    def to_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "exporter": self.exporter,
            "hs": self.hs,
            "hs_formatted": format_code(self.hs),
            "date": self.date.isoformat(),
            "total_ad_valorem": self.total_ad_valorem,
            "total_in_quota": self.total_in_quota,
            "total_out_of_quota": self.total_out_of_quota,
            "has_quota": self.has_quota,
            "base_missing": self.base_missing,
            "partial": self.partial,
            "components": [c.to_dict() for c in self.components],
            "other": [c.to_dict() for c in self.other],
            "notes": list(self.notes),
        }

    def to_frame(self) -> Any:
        """One row per layer (components, then others); columns of :meth:`RateComponent.to_dict`."""
        import pandas as pd

        rows = []
        for c in (*self.components, *self.other):
            d = c.to_dict()
            d.pop("sources")
            d["in_total"] = c in self.components
            rows.append(d)
        return pd.DataFrame(rows)

    def summary(self) -> str:
        """Plain-text summary: the total and each layer with its source."""
        lines = [
            f"{self.importer} duties on HS {format_code(self.hs)} from {self.exporter} "
            f"on {self.date.isoformat()}: total {self.total_ad_valorem:g}% ad valorem"
        ]
        if self.has_quota:
            out = "unknown" if self.total_out_of_quota is None else f"{self.total_out_of_quota:g}%"
            lines[0] += f" in quota, {out} out of quota"
        lines.extend(
            f"  + {c.rate_text:>12}  {c.kind:<20} {c.measure_id}  [{c.source_url}]"
            for c in self.components
        )
        lines.extend(
            f"  ({c.role}) {c.rate_text:>8}  {c.kind:<20} {c.measure_id}" for c in self.other
        )
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _coverage(m: Measure, code: str) -> Coverage:
    if m.products.unresolved and not m.products.hs:
        return Coverage.NONE
    return scope_coverage(code, m.products.include_patterns, m.products.exclude_patterns)


def _specificity(m: Measure, code: str) -> int:
    """Length of the longest pattern of ``m`` that matches ``code`` (for most-specific-wins)."""
    return max((p.length for p in m.products.include_patterns if p.match(code)), default=0)


def _component(
    m: Measure, role: str, cov: Coverage, rate: float | None = None, note: str | None = None
) -> RateComponent:
    return RateComponent(
        measure_id=m.id,
        kind=m.kind,
        role=role,
        title=m.title,
        rate=rate,
        rate_text=m.rate_text(),
        effective=m.effective,
        end=m.end,
        coverage="full" if cov is Coverage.FULL else "partial",
        scope=m.products.hs,
        legal_instrument=m.legal_instrument,
        sources=m.sources,
        note=note,
    )


def relevant_measures(
    measures: Iterable[Measure], importer: str, exporter: str, hs: str
) -> list[tuple[Measure, Coverage]]:
    """Measures imposed by ``importer`` on ``exporter`` whose scope meets ``hs`` (any date)."""
    code = normalize_code(hs)
    out: list[tuple[Measure, Coverage]] = []
    for m in measures:
        if m.imposing != importer or not m.targets.covers(exporter) or m.kind == "investigation":
            continue
        cov = _coverage(m, code)
        if cov is not Coverage.NONE:
            out.append((m, cov))
    return out


def stack_rates(
    measures: Sequence[Measure],
    *,
    importer: str,
    exporter: str,
    hs: str,
    on: dt.date,
    unit_value: float | None = None,
) -> RateStack:
    """Apply the stacking rules (module docstring) and return the :class:`RateStack`.

    ``unit_value`` (per unit of the specific duties' unit, same currency) lets specific duties
    enter the ad valorem total.
    """
    code = normalize_code(hs)
    live = [
        (m, c) for m, c in relevant_measures(measures, importer, exporter, code) if m.in_force(on)
    ]
    notes: list[str] = []
    other: list[RateComponent] = []

    # 2. replacement and suspension
    removed: dict[str, str] = {}
    for m, _cov in live:
        for rid in m.replaces:
            removed[rid] = f"replaced by {m.id}"
    partly_suspended: dict[str, str] = {}
    for m, cov in live:
        if m.kind != "suspension":
            continue
        other.append(_component(m, "suspension", cov))
        for sid in m.suspends:
            if cov is Coverage.FULL:
                removed[sid] = f"suspended by {m.id}"
            else:
                partly_suspended[sid] = f"suspended by {m.id} for some lines under this code"
    kept: list[tuple[Measure, Coverage]] = []
    for m, cov in live:
        if m.kind == "suspension":
            continue
        if m.id in removed:
            role = "suspended" if removed[m.id].startswith("suspended") else "replaced"
            other.append(_component(m, role, cov, note=removed[m.id]))
            continue
        kept.append((m, cov))

    # 3. base: preferential beats MFN; most specific scope wins
    base_candidates = [(m, c) for m, c in kept if m.kind in BASE_KINDS]
    base: tuple[Measure, Coverage] | None = None
    if base_candidates:
        base = max(
            base_candidates,
            key=lambda mc: (mc[0].kind == "preferential", mc[1], _specificity(mc[0], code)),
        )
        same_level = [
            m
            for m, c in base_candidates
            if m.kind == base[0].kind and c == base[1] and m.ad_valorem != base[0].ad_valorem
        ]
        if base[1] is Coverage.PARTIAL and same_level:
            rates = sorted(
                {
                    r
                    for r in [base[0].ad_valorem, *(m.ad_valorem for m in same_level)]
                    if r is not None
                }
            )
            notes.append(
                f"base rate varies within HS {format_code(code)} "
                f"({', '.join(f'{r:g}%' for r in rates)});"
                " query a longer code for one line"
            )

    # 5. remissions (unconditional ones scale the remitted duty)
    remission_factor: dict[str, float] = {}
    for m, cov in kept:
        if m.kind != "remission":
            continue
        if m.condition:
            other.append(_component(m, "conditional", cov, note=m.condition))
            continue
        share = (m.remitted_share or 0.0) / 100.0
        for rid in m.remits:
            remission_factor[rid] = remission_factor.get(rid, 1.0) * (1.0 - share)
        other.append(_component(m, "remission", cov))

    components: list[RateComponent] = []
    specific_total = 0.0
    specific_excluded = False

    def ad_valorem_of(m: Measure) -> float | None:
        nonlocal specific_total, specific_excluded
        if m.rate is None:
            return None
        r = m.rate.ad_valorem
        if m.rate.specific is not None:
            if unit_value:
                specific_total += m.rate.specific / unit_value * 100.0
            else:
                specific_excluded = True
        if r is not None:
            r *= remission_factor.get(m.id, 1.0)
        return r

    base_rate = 0.0
    if base is not None:
        r = ad_valorem_of(base[0])
        base_rate = r or 0.0
        components.append(_component(base[0], "base", base[1], rate=r))
    else:
        notes.append(
            f"no base (MFN or preferential) rate for {importer} HS {format_code(code)} in the "
            "register; the total excludes it"
        )

    # 4. additional duties
    duty_total = 0.0
    for m, cov in sorted(kept, key=lambda mc: (mc[0].effective or dt.date.min, mc[0].id)):
        if m.kind not in DUTY_KINDS:
            continue
        if m.condition:
            other.append(_component(m, "conditional", cov, rate=m.ad_valorem, note=m.condition))
            continue
        r = ad_valorem_of(m)
        note = partly_suspended.get(m.id)
        if m.id in remission_factor:
            note = f"rate after remission ({m.rate_text()} before)"
        components.append(_component(m, "duty", cov, rate=r, note=note))
        duty_total += r or 0.0

    # 6. quotas
    quotas = [(m, c) for m, c in kept if m.kind == "tariff_rate_quota"]
    total = base_rate + duty_total + specific_total
    total_in: float | None = None
    total_out: float | None = None
    if quotas:
        if len(quotas) > 1:
            notes.append("several quotas apply; the first by effective date is used for totals")
        qm, qcov = min(quotas, key=lambda mc: (mc[0].effective or dt.date.min, mc[0].id))
        q = qm.quota
        assert q is not None  # validated: a TRQ has a quota
        components.append(_component(qm, "quota", qcov, rate=q.in_quota_rate))
        other_duties = duty_total + specific_total

        def with_quota_rate(qr: float) -> float:
            return (qr if q.rates_replace_base else base_rate + qr) + other_duties

        total_in = with_quota_rate(q.in_quota_rate or 0.0)
        total_out = None if q.out_quota_rate is None else with_quota_rate(q.out_quota_rate)
        total = total_in
        if q.out_quota_rate is None:
            notes.append(f"out-of-quota treatment under {qm.id} is not known or imports are barred")

    if specific_excluded:
        notes.append(
            "specific duties are listed but not in the ad valorem total; "
            "give a unit value to convert them"
        )
    partial = any(c.coverage == "partial" for c in components)
    if partial:
        notes.append(
            f"some measures cover only some tariff lines under HS {format_code(code)}; the total "
            "is for the lines they cover"
        )
    return RateStack(
        importer=importer,
        exporter=exporter,
        hs=code,
        date=on,
        components=tuple(components),
        other=tuple(other),
        total_ad_valorem=round(total, 10),
        total_in_quota=None if total_in is None else round(total_in, 10),
        total_out_of_quota=None if total_out is None else round(total_out, 10),
        has_quota=bool(quotas),
        base_missing=base is None,
        partial=partial,
        notes=tuple(notes),
    )


def change_dates(
    measures: Iterable[Measure], *, importer: str, exporter: str, hs: str
) -> list[dt.date]:
    """Dates on which the stack for (importer, exporter, hs) can change, sorted."""
    dates: set[dt.date] = set()
    for m, _cov in relevant_measures(measures, importer, exporter, hs):
        if m.effective is not None and m.in_force(m.effective):
            dates.add(m.effective)
            if m.end is not None:
                dates.add(m.end + ONE_DAY)
    return sorted(dates)
