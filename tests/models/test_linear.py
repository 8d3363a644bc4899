"""The shared market-clearing linear solver: the dense direct path agrees with GMRES."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.conftest import random_world
from thaw.models import _linear
from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_dense_and_iterative_paths_agree(seed: int) -> None:
    problem = PEProblem.build(**random_world(seed, n_products=3, n_regions=5, shock=0.05))
    dense_g, dense_a = solve_gsim(problem), solve_armington(problem)
    old = _linear.DENSE_MAX
    _linear.DENSE_MAX = 0  # force GMRES
    try:
        iter_g, iter_a = solve_gsim(problem), solve_armington(problem)
    finally:
        _linear.DENSE_MAX = old
    np.testing.assert_allclose(dense_g.world_price_change, iter_g.world_price_change, atol=1e-9)
    np.testing.assert_allclose(dense_a.value1, iter_a.value1, rtol=1e-9)


def test_dense_matrix_matches_the_matrix_free_product() -> None:
    problem = PEProblem.build(**random_world(3, n_products=2, n_regions=4))
    rng = np.random.default_rng(0)
    w, th = problem.share0, problem.theta0
    jac = _linear.prepare_jacobian(problem, w, th)
    v = rng.normal(size=problem.n_suppliers)
    dense = _linear._dense(problem, jac)
    assert dense @ v == pytest.approx(_linear.apply_prepared(problem, jac, v))
