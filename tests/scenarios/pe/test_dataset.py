"""PEDataset: which elasticity row wins for a flow, ranges, and no silent gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaw.errors import ModelInputError
from thaw.scenarios.pe.dataset import ElasticityDefaults, PEDataset

FLOWS = pd.DataFrame(
    {
        "product": ["12051090", "12059000", "87038000"],
        "exporter": ["CAN", "CAN", "CHN"],
        "importer": ["CHN", "CHN", "CAN"],
        "value": [100.0, 10.0, 50.0],
        "tariff0": [9.0, 9.0, 6.1],
        "tariff1": [84.8, 9.0, 106.1],
    }
)


def rows(*recs: dict[str, object]) -> pd.DataFrame:
    cols = ["product", "economy", "sigma", "import_demand", "export_supply", "origin"]
    return pd.DataFrame([{c: r.get(c, np.nan) for c in cols} | r for r in recs])


def full(
    product: str, economy: str, sigma: float, origin: str, **extra: object
) -> dict[str, object]:
    """A row with every parameter (E_m -2, E_x 1.5 unless given)."""
    base = {"import_demand": -2.0, "export_supply": 1.5}
    return {"product": product, "economy": economy, "sigma": sigma, "origin": origin} | base | extra


def grid_at(ds: PEDataset, name: str, product: str, economy: str) -> float:
    g = ds.elasticity_grid()[name]
    return float(g[ds.products.index(product), ds.economies.index(economy)])


def test_hs_prefixes_cover_codes_and_the_longer_prefix_wins() -> None:
    el = rows(
        {"product": "12", "economy": "*", "sigma": 2.0, "origin": "bundled"},
        {"product": "120510", "economy": "*", "sigma": 3.0, "origin": "bundled"},
        {
            "product": "*",
            "economy": "*",
            "import_demand": -1.0,
            "export_supply": 2.0,
            "sigma": 9.0,
            "origin": "bundled",
        },
    )
    ds = PEDataset(flows=FLOWS, elasticities=el, defaults=None)
    assert grid_at(ds, "sigma", "12051090", "CHN") == 3.0
    assert grid_at(ds, "sigma", "12059000", "CHN") == 2.0
    assert grid_at(ds, "sigma", "87038000", "CAN") == 9.0


def test_your_rows_beat_bundled_rows_even_when_less_specific() -> None:
    el = rows(full("1205", "CHN", 5.97, "bundled"), full("*", "*", 1.5, "user"))
    ds = PEDataset(flows=FLOWS, elasticities=el, defaults=None)
    assert grid_at(ds, "sigma", "12051090", "CHN") == 1.5


def test_ranges_come_from_the_winning_row_only() -> None:
    el = rows(
        full("1205", "*", 6.0, "bundled", sigma_low=2.0, sigma_high=9.0),
        full("8703", "*", 5.6, "bundled", sigma_low=2.0, sigma_high=5.6),
        {"product": "87038000", "economy": "CAN", "sigma": 4.0, "origin": "user"},
    )
    ds = PEDataset(flows=FLOWS, elasticities=el, defaults=None)
    low, high = ds.elasticity_ranges()["sigma"]
    i_can = ds.economies.index("CAN")
    i_chn = ds.economies.index("CHN")
    assert low[ds.products.index("12051090"), i_chn] == 2.0
    # the user's point value replaced the bundled one, so the bundled range no longer applies
    assert np.isnan(low[ds.products.index("87038000"), i_can])
    assert np.isnan(high[ds.products.index("87038000"), i_can])


def test_a_missing_elasticity_is_an_error_not_a_guess() -> None:
    el = rows(full("1205", "*", 6.0, "bundled"))
    with pytest.raises(ModelInputError, match="no sigma elasticity for product 87038000"):
        PEDataset(flows=FLOWS, elasticities=el, defaults=None)
    with_defaults = PEDataset(
        flows=FLOWS, elasticities=el, defaults=ElasticityDefaults(1.5, -1.0, 99.0, "mine")
    )
    assert with_defaults.to_problem().sigma.shape == (3, 2)


@given(
    codes=st.lists(st.from_regex(r"[0-9]{4,6}|[a-z_]{3,8}", fullmatch=True), max_size=40),
    label=st.from_regex(r"[0-9]{1,6}|\*|[a-z_]{3,8}", fullmatch=True),
)
@settings(max_examples=200, deadline=None)
def test_prefix_table_matches_the_scan_over_products(codes: list[str], label: str) -> None:
    from thaw.scenarios.pe.dataset import _products_matching, hs_prefixes

    index = {c: i for i, c in enumerate(dict.fromkeys(codes))}
    scanned = _products_matching(label, index)
    assert sorted(_products_matching(label, index, hs_prefixes(index))) == sorted(scanned)
