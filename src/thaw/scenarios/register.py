"""Tariffs for a scenario's flows from the measure register.

For each flow (product = an HS code or national line, exporter, importer) the tariff is the total
ad valorem of the register's stack (see ``docs/register.md``) on a date. The baseline uses the
register as it is on ``baseline``; the scenario uses it on ``scenario`` after the changes
(measures removed, rates modified, measures added). The exporter ``ROW`` stands for any economy
that no measure names: it pays what applies to all partners (MFN and measures on "ALL"). As an
importer, ``ROW`` (the rest of an exporter's markets) has no register: its tariffs are held at 0
in both states, which leaves those flows' prices unchanged except through world prices.
Tariff-rate quotas in force on the scenario date become model quotas when the scenario gives a
unit value for the product (value units per quota unit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from thaw.errors import ThawError
from thaw.measures.hs import Coverage, scope_coverage
from thaw.measures.model import Measure, Rate
from thaw.measures.stack import stack_rates


@dataclass(frozen=True, slots=True)
class RateChange:
    """Set measure ``id``'s ad valorem rate to ``ad_valorem`` percent in the scenario."""

    id: str
    ad_valorem: float


def scenario_register(
    measures: Sequence[Measure],
    *,
    remove: Iterable[str] = (),
    modify: Iterable[RateChange] = (),
    add: Iterable[Measure] = (),
) -> list[Measure]:
    """The register as the scenario sees it; unknown ids and clashing additions are errors."""
    by_id = {m.id: m for m in measures}
    out = dict(by_id)
    for mid in remove:
        if mid not in out:
            raise ThawError(f"cannot remove measure {mid!r}: not in the register")
        del out[mid]
    for change in modify:
        m = out.get(change.id)
        if m is None:
            raise ThawError(f"cannot modify measure {change.id!r}: not in the register")
        if m.rate is None:
            raise ThawError(f"measure {change.id!r} ({m.kind}) has no rate to modify")
        rate = Rate.model_validate({**m.rate.model_dump(), "ad_valorem": change.ad_valorem})
        out[change.id] = m.model_copy(update={"rate": rate})
    for m in add:
        if m.id in out:
            raise ThawError(f"added measure {m.id!r} clashes with a register id; rename it")
        out[m.id] = m
    return list(out.values())


def flow_tariffs(measures: Sequence[Measure], flows: pd.DataFrame, on: dt.date) -> list[float]:
    """Total ad valorem (percent) on each flow on date ``on``; domestic flows pay 0."""
    out = []
    cache: dict[tuple[str, str, str], float] = {}
    for product, exporter, importer in zip(
        flows["product"].astype(str), flows["exporter"], flows["importer"], strict=True
    ):
        if exporter == importer or importer == "ROW":
            out.append(0.0)
            continue
        key = (product, exporter, importer)
        if key not in cache:
            stack = stack_rates(measures, importer=importer, exporter=exporter, hs=product, on=on)
            cache[key] = stack.total_ad_valorem
        out.append(cache[key])
    return out


def register_quotas(
    measures: Sequence[Measure],
    flows: pd.DataFrame,
    on: dt.date,
    unit_values: Mapping[str, float],
) -> pd.DataFrame:
    """Quotas (model form) for flows covered by tariff-rate quotas in force on ``on``.

    Volumes are converted to value units with ``unit_values[product]``; a TRQ measure without a
    volume, or a product without a unit value, is an error that says what to add.
    """
    rows = []
    for product, exporter, importer in zip(
        flows["product"].astype(str), flows["exporter"], flows["importer"], strict=True
    ):
        for m in measures:
            if (
                m.kind != "tariff_rate_quota"
                or m.imposing != importer
                or not m.targets.covers(exporter)
                or not m.in_force(on)
            ):
                continue
            if (
                scope_coverage(product, m.products.include_patterns, m.products.exclude_patterns)
                is Coverage.NONE
            ):
                continue
            q = m.quota
            assert q is not None  # validated: a TRQ has a quota
            if q.volume is None:
                raise ThawError(
                    f"quota {m.id} has no volume in the register; it cannot be "
                    "modelled (remove it in the scenario or add a volume)"
                )
            if product not in unit_values:
                raise ThawError(
                    f"quota {m.id} ({q.volume:,.0f} {q.unit}) applies to {product} "
                    f'{exporter}->{importer}: give [register.unit_values] "{product}" (value '
                    f"units per {q.unit}) so the volume can be converted"
                )
            base = stack_rates(measures, importer=importer, exporter=exporter, hs=product, on=on)
            rows.append(
                {
                    "product": product,
                    "exporter": exporter,
                    "importer": importer,
                    "volume": q.volume * unit_values[product],
                    "in_rate": base.total_in_quota
                    if base.total_in_quota is not None
                    else base.total_ad_valorem,
                    "out_rate": float("nan")
                    if base.total_out_of_quota is None
                    else base.total_out_of_quota,
                    "measure": m.id,
                }
            )
    return pd.DataFrame(
        rows,
        columns=["product", "exporter", "importer", "volume", "in_rate", "out_rate", "measure"],
    )
