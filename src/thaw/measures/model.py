"""The measure register's record types (pydantic, strict: unknown fields are refused).

A :class:`Measure` is one trade measure: who imposes it on whom, on which products, what kind,
at what rate, from when to when, under which legal instrument, on what sources. Dates are
calendar dates; ``end`` is the **last day in force** (inclusive). Rates are percent ad valorem
(``100`` means 100%), specific rates are per ``specific_unit`` in ``currency``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Any

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from thaw._typing import (
    BASE_KINDS,
    DUTY_KINDS,
    NEVER_APPLIED,
    Confidence,
    MeasureKind,
    MeasureStatus,
)
from thaw.economies import normalize_economy
from thaw.measures.hs import HSPattern, parse_patterns

MAX_AD_VALOREM = 1000.0  # percent; no real duty in the register exceeds this
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_PUBLISHED = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """Where a fact comes from: URL, publisher, publication date and where in it."""

    url: str
    publisher: str = Field(min_length=1)
    published: str = Field(description="YYYY-MM-DD, YYYY-MM, YYYY, or 'undated'")
    locator: str = Field(min_length=1, description="section, article, table or paragraph")
    title: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", v):
            raise ValueError(f"source url must be an http(s) address, got {v!r}")
        return v

    @field_validator("published")
    @classmethod
    def _published(cls, v: str) -> str:
        if not _PUBLISHED.match(v):
            raise ValueError(f"published must be YYYY-MM-DD, YYYY-MM, YYYY or 'undated', got {v!r}")
        if v != "undated":
            parts = [int(p) for p in v.split("-")]
            try:
                dt.date(
                    parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
                )
            except ValueError as exc:
                raise ValueError(f"published {v!r} is not a calendar date") from exc
        return v


def _check_currency(v: str | None) -> str | None:
    if v is None:
        return v
    if pycountry.currencies.get(alpha_3=v.upper()) is None:
        raise ValueError(f"currency must be an ISO 4217 code such as CAD, CNY or USD, got {v!r}")
    return v.upper()


class Rate(_Strict):
    """A duty rate: ad valorem percent, a firm-specific range, a specific amount, or several."""

    ad_valorem: float | None = Field(default=None, ge=0, le=MAX_AD_VALOREM)
    ad_valorem_range: tuple[float, float] | None = None
    specific: float | None = Field(default=None, ge=0)
    specific_unit: str | None = None
    currency: str | None = None

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str | None) -> str | None:
        return _check_currency(v)

    @model_validator(mode="after")
    def _consistent(self) -> Rate:
        if self.ad_valorem is None and self.ad_valorem_range is None and self.specific is None:
            raise ValueError("a rate needs ad_valorem, ad_valorem_range or specific")
        if self.ad_valorem_range is not None:
            lo, hi = self.ad_valorem_range
            if not (0 <= lo <= hi <= MAX_AD_VALOREM):
                raise ValueError(
                    f"ad_valorem_range must be [low, high] with 0 <= low <= high <= "
                    f"{MAX_AD_VALOREM:g}, got {list(self.ad_valorem_range)}"
                )
        if self.specific is not None and (not self.specific_unit or not self.currency):
            raise ValueError("a specific rate needs specific_unit and currency")
        return self


class Quota(_Strict):
    """A tariff-rate or import quota: volume per period, in- and out-of-quota rates.

    ``in_quota_rate`` and ``out_quota_rate`` are percent ad valorem. They are added to the base
    rate unless ``rates_replace_base`` is true, in which case they are the whole base duty.
    ``out_quota_rate = None`` means the over-quota treatment is unknown or imports are barred.
    """

    volume: float | None = Field(default=None, gt=0)
    unit: str | None = None
    period: str = Field(min_length=1, description="e.g. 'annual from 1 March' or dates")
    in_quota_rate: float | None = Field(default=None, ge=0, le=MAX_AD_VALOREM)
    out_quota_rate: float | None = Field(default=None, ge=0, le=MAX_AD_VALOREM)
    rates_replace_base: bool = False
    description: str | None = None

    @model_validator(mode="after")
    def _unit(self) -> Quota:
        if self.volume is not None and not self.unit:
            raise ValueError("a quota volume needs its unit (e.g. 'vehicles', 't')")
        return self


class Targets(_Strict):
    """Which exporting economies a measure hits: a list, or all with exclusions."""

    economies: tuple[str, ...] = ()
    all: bool = False
    exclude: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"all": True} if data.upper() == "ALL" else {"economies": [data]}
        if isinstance(data, list):
            return {"economies": data}
        return data

    @field_validator("economies", "exclude")
    @classmethod
    def _codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalize_economy(c, allow_aggregates=False) for c in v)

    @model_validator(mode="after")
    def _one_form(self) -> Targets:
        if self.all and self.economies:
            raise ValueError("give either all = true (with exclude) or a list of economies")
        if not self.all and not self.economies:
            raise ValueError("targets need at least one economy, or all = true")
        if self.exclude and not self.all:
            raise ValueError("exclude only makes sense with all = true")
        return self

    def covers(self, exporter: str) -> bool:
        if self.all:
            return exporter not in self.exclude
        return exporter in self.economies

    def __str__(self) -> str:
        if self.all:
            return "all" + (f" except {', '.join(self.exclude)}" if self.exclude else "")
        return ", ".join(self.economies)


class Products(_Strict):
    """Product scope: HS codes/national lines/ranges, minus exclusions.

    ``unresolved = true`` records a measure whose exact tariff lines were not retrieved; it is
    listed in the register but never matched to a product. ``complete = false`` says the codes
    are those the sources name and the legal text may list more.
    """

    hs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    description: str = Field(min_length=1)
    unresolved: bool = False
    complete: bool = Field(
        default=True,
        description="false when the codes are the ones the sources name and the full "
        "tariff-line list was not retrieved",
    )

    @field_validator("hs", "exclude")
    @classmethod
    def _patterns(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(str(p) for p in parse_patterns(v))

    @model_validator(mode="after")
    def _nonempty(self) -> Products:
        if not self.hs and not self.unresolved:
            raise ValueError("products need at least one HS code, or unresolved = true")
        return self

    @cached_property
    def include_patterns(self) -> tuple[HSPattern, ...]:
        return parse_patterns(self.hs)

    @cached_property
    def exclude_patterns(self) -> tuple[HSPattern, ...]:
        return parse_patterns(self.exclude)


class Measure(_Strict):
    """One trade measure in the register. See ``docs/register.md`` for every field."""

    id: str
    title: str = Field(min_length=3)
    imposing: str
    targets: Targets
    products: Products
    kind: MeasureKind
    status: MeasureStatus
    rate: Rate | None = None
    quota: Quota | None = None
    announced: dt.date | None = None
    effective: dt.date | None = None
    end: dt.date | None = Field(default=None, description="last day in force, inclusive")
    legal_instrument: str | None = None
    condition: str | None = Field(
        default=None,
        description="set when the measure applies only to some shipments (firm, end use, "
        "melt origin, rules of origin); such measures are reported but not added to totals",
    )
    suspends: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    remits: tuple[str, ...] = ()
    remitted_share: float | None = Field(default=None, gt=0, le=100, description="percent")
    confidence: Confidence | None = None
    notes: str | None = None
    verified: dt.date | None = Field(
        default=None, description="the day the record was last checked against its sources"
    )
    open_question: str | None = Field(
        default=None,
        description="what is not known about the record (its renewal, a rate, a scope); "
        "stays open until a source answers it",
    )
    review_by: dt.date | None = Field(
        default=None, description="look again by this day (set with an open question)"
    )
    disagreement: str | None = Field(
        default=None,
        description="where sources disagree: what each says (the record encodes the legal text)",
    )
    sources: tuple[Source, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(
                f"id {v!r} must be 2-80 characters of lower-case letters, digits, '.', '_' "
                "or '-', starting with a letter or digit"
            )
        return v

    @field_validator("imposing")
    @classmethod
    def _imposing(cls, v: str) -> str:
        return normalize_economy(v, allow_aggregates=False)

    @model_validator(mode="after")
    def _rules(self) -> Measure:
        errors = self._rule_violations()
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def _rule_violations(self) -> list[str]:
        e: list[str] = []
        a, f, z = self.announced, self.effective, self.end
        if a and f and f < a:
            e.append(f"effective {f} is before announced {a}")
        if f and z and z < f:
            e.append(f"end {z} is before effective {f} (end is the last day in force)")
        if f is None and self.status not in NEVER_APPLIED:
            e.append(f"status {self.status!r} needs an effective date")
        if self.imposing in self.targets.economies:
            e.append(f"{self.imposing} cannot target itself")
        k = self.kind
        needs_rate = k in BASE_KINDS or k in DUTY_KINDS
        if needs_rate and self.rate is None:
            e.append(f"kind {k!r} needs a rate")
        if k in {"suspension", "remission", "investigation", "tariff_rate_quota"} and self.rate:
            e.append(f"kind {k!r} takes no rate (a quota's rates go in [quota])")
        if k == "tariff_rate_quota" and self.quota is None:
            e.append("kind 'tariff_rate_quota' needs a [quota] table")
        if k != "tariff_rate_quota" and self.quota is not None:
            e.append(f"only kind 'tariff_rate_quota' takes a quota, not {k!r}")
        if k == "mfn" and not self.targets.all:
            e.append("an MFN rate applies to all partners: use targets = 'ALL'")
        if (k == "suspension") != bool(self.suspends):
            e.append(
                "a suspension lists the measure ids it suspends in 'suspends', "
                "and only a suspension does"
            )
        if (k == "remission") != bool(self.remits):
            e.append(
                "a remission lists the measure ids it remits in 'remits', and only a remission does"
            )
        if k == "remission" and self.remitted_share is None:
            e.append("a remission needs remitted_share (percent of the duty remitted)")
        if self.rate and self.rate.ad_valorem_range and not self.condition:
            e.append("a firm-specific rate range needs a 'condition' saying who pays what")
        if self.id in self.suspends or self.id in self.replaces or self.id in self.remits:
            e.append("a measure cannot suspend, replace or remit itself")
        if self.open_question and self.review_by is None:
            e.append("an open question needs a review_by date (when to look again)")
        return e

    def in_force(self, on: dt.date) -> bool:
        """True if the measure applies on date ``on`` (status and date window)."""
        if self.status in NEVER_APPLIED or self.effective is None:
            return False
        return self.effective <= on and (self.end is None or on <= self.end)

    @property
    def ad_valorem(self) -> float | None:
        return None if self.rate is None else self.rate.ad_valorem

    def rate_text(self) -> str:
        """Short human description of the rate."""
        if self.quota is not None:
            q = self.quota
            vol = f"{q.volume:,.0f} {q.unit}" if q.volume else "quota"
            inr = "?" if q.in_quota_rate is None else f"{q.in_quota_rate:g}%"
            outr = "?" if q.out_quota_rate is None else f"{q.out_quota_rate:g}%"
            return f"{vol}: in {inr} / out {outr}"
        if self.kind == "remission" and self.remitted_share is not None:
            return f"remits up to {self.remitted_share:g}%"
        if self.rate is None:
            return "-"
        parts = []
        if self.rate.ad_valorem is not None:
            parts.append(f"{self.rate.ad_valorem:g}%")
        if self.rate.ad_valorem_range is not None:
            lo, hi = self.rate.ad_valorem_range
            parts.append(f"{lo:g}-{hi:g}%")
        if self.rate.specific is not None:
            parts.append(f"{self.rate.specific:g} {self.rate.currency}/{self.rate.specific_unit}")
        return " + ".join(parts)
