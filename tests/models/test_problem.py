"""PEProblem: replace() reuses exactly the cached structures whose inputs did not change."""

from __future__ import annotations

import numpy as np
import pytest

from tests.models.conftest import random_world
from thaw.errors import ModelInputError
from thaw.models.problem import _CACHE_INPUTS, PEProblem


def warm(p: PEProblem) -> PEProblem:
    for name in _CACHE_INPUTS:
        getattr(p, name)
    return p


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("tariff0", lambda a: np.where(a > 0, a + 0.05, a)),
        ("tariff1", lambda a: a * 2),
        ("value", lambda a: a * 3),
        ("sigma", lambda a: a + 1),
        ("import_demand", lambda a: a * 0.5),
        ("export_supply", lambda a: a + 2),
    ],
)
def test_replace_matches_a_fresh_build(field: str, change) -> None:  # type: ignore[no-untyped-def]
    w = random_world(2)
    old = warm(PEProblem.build(**w))
    new = old.replace(**{field: change(getattr(old, field))})
    fresh = PEProblem.build(**{**w, field: change(getattr(old, field))})
    for name in _CACHE_INPUTS:
        ours, ref = getattr(new, name), getattr(fresh, name)
        if isinstance(ours, tuple):
            for a, b in zip(ours, ref, strict=True):
                assert np.array_equal(a, b), name
        else:
            assert np.allclose(ours, ref), name


def test_replace_validates() -> None:
    p = PEProblem.build(**random_world(1))
    with pytest.raises(ModelInputError, match="sigma"):
        p.replace(sigma=np.zeros_like(p.sigma))
