"""Request bodies of the workbench API: strict pydantic models with bounds, so bad input
gets a 400 that says which field is wrong."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from thaw.web.deps import MAX_BODY, MAX_DRAWS, NAME


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TomlIn(_Strict):
    toml: str = Field(min_length=1, max_length=MAX_BODY)


class NewsReviewIn(_Strict):
    """A decision on a news item: accept (add the measure it drafts), edit (with values over
    the extracted ones) or reject."""

    decision: Literal["accept", "edit", "reject"]
    values: dict[str, str | float | list[str]] = Field(default_factory=dict, max_length=20)
    note: str | None = Field(default=None, max_length=2000)


class SaveIn(_Strict):
    name: str = Field(pattern=NAME.pattern)
    toml: str = Field(min_length=1, max_length=MAX_BODY)


class ModifyIn(_Strict):
    id: str = Field(min_length=1, max_length=100)
    ad_valorem: float = Field(ge=0, le=1000)


class QuotaIn(_Strict):
    product: str = Field(min_length=1, max_length=20)
    exporter: str = Field(min_length=2, max_length=3)
    importer: str = Field(min_length=2, max_length=3)
    volume: float = Field(gt=0, le=1e12)
    unit: str = Field("units", max_length=40)
    unit_value: float = Field(gt=0, le=1e9)
    in_rate: float = Field(ge=0, le=1000)
    out_rate: float | None = Field(default=None, ge=0, le=1000)


class OverrideIn(_Strict):
    product: str = Field("*", min_length=1, max_length=20)
    economy: str = Field("*", min_length=1, max_length=3)
    sigma: float | None = Field(default=None, gt=0, le=50)
    import_demand: float | None = Field(default=None, lt=0, ge=-50)
    export_supply: float | None = Field(default=None, gt=0, le=1000)


class BuildIn(_Strict):
    base: str = Field(min_length=1, max_length=64)
    name: str | None = Field(default=None, max_length=200)
    model: Literal["smart", "gsim", "armington"] | None = None
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**31)
    remove: list[str] = Field(default_factory=list, max_length=100)
    modify: list[ModifyIn] = Field(default_factory=list, max_length=100)
    quotas: list[QuotaIn] = Field(default_factory=list, max_length=20)
    overrides: list[OverrideIn] = Field(default_factory=list, max_length=50)


class RunIn(_Strict):
    scenario: str | None = Field(default=None, max_length=64)
    toml: str | None = Field(default=None, max_length=MAX_BODY)
    model: Literal["smart", "gsim", "armington"] | None = None
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**31)


class GERunIn(_Strict):
    scenario: str = Field(min_length=1, max_length=64)
    draws: int | None = Field(default=None, ge=0, le=MAX_DRAWS)
