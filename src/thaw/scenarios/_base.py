"""The one strict base of every scenario schema: unknown fields are refused, specs are frozen."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A scenario section: ``extra="forbid"`` (a typo is an error, not a silent default) and
    frozen (a parsed spec is a value)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
