"""The shared market-clearing linear solver: the dense direct path agrees with GMRES."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.models.conftest import random_world
from thaw.models import _linear
from thaw.models import problem as problem_module
from thaw.models.armington import solve_armington
from thaw.models.gsim import solve_gsim
from thaw.models.problem import PEProblem


def sparse_world(seed: int, n_products: int = 6, n_regions: int = 9) -> PEProblem:
    """A world where products differ in their numbers of suppliers and markets (flows dropped
    at random), some exporters with a fixed world price (E_x = inf)."""
    w = random_world(seed, n_products=n_products, n_regions=n_regions, shock=0.08)
    rng = np.random.default_rng(seed)
    keep = rng.random(w["value"].size) < rng.uniform(0.3, 0.9, n_products)[w["product"]]
    keep[rng.choice(w["value"].size, 3, replace=False)] = True
    flows = {k: w[k][keep] for k in ("product", "exporter", "importer", "value")}
    flows |= {k: w[k][keep] for k in ("tariff0", "tariff1")}
    ex = w["export_supply"].copy()
    ex[rng.random(ex.shape) < 0.2] = np.inf
    return PEProblem.build(
        **flows,
        sigma=w["sigma"],
        import_demand=w["import_demand"],
        export_supply=ex,
        n_products=n_products,
        n_regions=n_regions,
    )


def solve_by(path: str, problem: PEProblem) -> tuple[object, object]:
    """GSIM and the exact model with the linear systems solved by ``path``: ``dense`` (one
    matrix), ``blocks`` (product blocks, in chunks of at most 40 entries, so that products are
    padded and chunked) or ``gmres`` (iterative)."""
    saved = (_linear.DENSE_MAX, _linear.DIRECT_BLOCKS, problem_module._CHUNK_ENTRIES)
    _linear.DENSE_MAX = saved[0] if path == "dense" else 0
    _linear.DIRECT_BLOCKS = path == "blocks"
    problem_module._CHUNK_ENTRIES = 40
    try:
        fresh = PEProblem.build(
            **{k: getattr(problem, k) for k in FIELDS},
            n_products=problem.n_products,
            n_regions=problem.n_regions,
        )
        return solve_gsim(fresh), solve_armington(fresh)
    finally:
        _linear.DENSE_MAX, _linear.DIRECT_BLOCKS, problem_module._CHUNK_ENTRIES = saved


FIELDS = ("product", "exporter", "importer", "value", "tariff0", "tariff1", "sigma")
FIELDS += ("import_demand", "export_supply")


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_dense_block_and_iterative_paths_agree(seed: int) -> None:
    problem = sparse_world(seed)
    (dense_g, dense_a), (block_g, block_a), (iter_g, iter_a) = (
        solve_by(path, problem) for path in ("dense", "blocks", "gmres")
    )
    assert block_g.iterations == 1 and iter_g.iterations > 1  # the paths taken
    for g in (block_g, iter_g):
        np.testing.assert_allclose(dense_g.world_price_change, g.world_price_change, atol=1e-9)
    for a in (block_a, iter_a):
        assert a.max_residual <= 1e-10
        np.testing.assert_allclose(dense_a.value1, a.value1, rtol=1e-9)
    fixed = ~np.isfinite(problem.export_supply_s)
    assert np.all(block_g.world_price_change[fixed] == 0)
    assert np.all(block_a.world_price_change[fixed] == 0)


def test_blocks_rebuild_the_dense_jacobian() -> None:
    """The block layout puts every flow where the dense Jacobian has it: J v from the blocks
    equals the dense matrix's product for every unit vector."""
    saved = problem_module._CHUNK_ENTRIES
    problem_module._CHUNK_ENTRIES = 30
    try:
        problem = sparse_world(11, n_products=5, n_regions=7)
        layout = problem.blocks
    finally:
        problem_module._CHUNK_ENTRIES = saved
    assert layout.chunk_shape.shape[0] > 1
    assert np.array_equal(np.sort(layout.perm), np.arange(problem.value.size))
    slots = layout.slots[layout.slots >= 0]
    assert np.array_equal(np.sort(slots), np.arange(problem.n_suppliers))
    jac = _linear.prepare_jacobian(problem, problem.share0, problem.theta0)
    dense = _linear._dense(problem, jac)
    rhs = np.random.default_rng(2).normal(size=problem.n_suppliers)
    free = np.arange(problem.n_suppliers)
    v = _linear.solve_blocks(problem, jac, rhs, free)
    np.testing.assert_allclose(dense @ v, rhs, atol=1e-10)
    single = _linear.solve_blocks(problem, jac, rhs, free, np.float32)
    np.testing.assert_allclose(single, v, rtol=1e-3, atol=1e-5)


def test_a_product_too_large_for_blocks_is_solved_iteratively() -> None:
    saved = problem_module.BLOCK_MAX, _linear.DENSE_MAX
    problem_module.BLOCK_MAX, _linear.DENSE_MAX = 2, 0
    try:
        problem = sparse_world(5)
        assert problem.blocks.chunk_shape.shape[0] == 0
        g = solve_gsim(problem)
    finally:
        problem_module.BLOCK_MAX, _linear.DENSE_MAX = saved
    assert g.iterations > 1  # GMRES
    np.testing.assert_allclose(
        g.world_price_change, solve_by("dense", problem)[0].world_price_change, atol=1e-9
    )


def test_dense_matrix_matches_the_matrix_free_product() -> None:
    problem = PEProblem.build(**random_world(3, n_products=2, n_regions=4))
    rng = np.random.default_rng(0)
    w, th = problem.share0, problem.theta0
    jac = _linear.prepare_jacobian(problem, w, th)
    v = rng.normal(size=problem.n_suppliers)
    dense = _linear._dense(problem, jac)
    assert dense @ v == pytest.approx(_linear.apply_prepared(problem, jac, v))
