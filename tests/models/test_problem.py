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


@pytest.mark.parametrize("dense", [True, False])  # a lookup table, or a sort
def test_index_structures_equal_numpy_unique(dense: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import thaw.models.problem as problem_module

    monkeypatch.setattr(problem_module, "_dense_ok", lambda size, n, per_flow=4: dense)
    rng = np.random.default_rng(4)
    keys = rng.integers(0, 5_000, 3_000)
    uniq, inverse = problem_module.sorted_index(keys, 5_000)
    ref_uniq, ref_inverse = np.unique(keys, return_inverse=True)
    assert np.array_equal(uniq, ref_uniq) and np.array_equal(inverse, ref_inverse)
    distinct = rng.permutation(5_000)[:3_000]
    assert not problem_module.has_duplicates(distinct, 5_000)
    assert not problem_module.has_duplicates(np.sort(distinct), 5_000)
    assert problem_module.has_duplicates(np.r_[distinct, distinct[7]], 5_000)


def test_a_repeated_flow_is_refused_wherever_it_is() -> None:
    w = random_world(6, n_products=3, n_regions=4)
    for k in (0, 17, len(w["value"]) - 1):
        dup = {
            name: np.r_[v, v[k]] if np.ndim(v) == 1 and len(v) == len(w["value"]) else v
            for name, v in w.items()
        }
        with pytest.raises(ModelInputError, match="more than once"):
            PEProblem.build(**dup)


def test_replace_refuses_an_unknown_field() -> None:
    p = PEProblem.build(**random_world(1))
    with pytest.raises(TypeError, match="no field"):
        p.replace(tarif0=p.tariff0)
