"""The bundled PE market data: every value sourced, and derived values reproduce from flows.csv."""

from __future__ import annotations

import pandas as pd
import pytest

from thaw.data.bundle import bundle_dir, load_bundled_flows

MARKETS = pd.read_csv(bundle_dir() / "pe_markets_cad.csv", dtype={"product": str})
FLOWS = load_bundled_flows()


def flow(hs: str, reporter: str, partner: str, year: int = 2024, col: str = "value") -> float:
    sel = FLOWS[
        (FLOWS.hs == hs)
        & (FLOWS.reporter == reporter)
        & (FLOWS.partner == partner)
        & (FLOWS.year == year)
        & (FLOWS.period == "annual")
        & FLOWS[col].notna()
    ]
    assert not sel.empty, (hs, reporter, partner, year, col)
    return float(sel.sort_values("preferred", ascending=False)[col].iloc[0])


def market(name: str, exporter: str, importer: str) -> float:
    row = MARKETS[
        (MARKETS.market == name) & (MARKETS.exporter == exporter) & (MARKETS.importer == importer)
    ]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_every_row_is_sourced_and_positive() -> None:
    assert (MARKETS["value"] > 0).all()
    for col in ("source_url", "publisher", "published", "locator", "confidence"):
        assert MARKETS[col].notna().all(), col
    derived = MARKETS[MARKETS["derivation"].notna()]
    assert set(derived["confidence"]) <= {"L", "M"}
    assert set(MARKETS["source_url"]) <= set(FLOWS["source_url"])


def test_derived_values_reproduce_from_the_bundled_flows() -> None:
    seed_world = flow("120510", "CAN", "WLD") / 1e6
    seed_world_t = flow("120510", "CAN", "WLD", col="quantity")
    assert market("canola_seed", "CAN", "ROW") == pytest.approx(
        seed_world - market("canola_seed", "CAN", "CHN") - flow("120510", "CAN", "USA") / 1e6
    )
    china_others_t = flow("1205", "CHN", "WLD", col="quantity") - flow(
        "1205", "CHN", "CAN", col="quantity"
    )
    unit_value = seed_world / seed_world_t  # C$ million per tonne
    assert market("canola_seed", "ROW", "CHN") == pytest.approx(
        china_others_t * unit_value, rel=1e-3
    )
    meal_uv = flow("230641", "CAN", "CHN") / 1e6 / flow("230641", "CAN", "CHN", col="quantity")
    for partner in ("ARE", "RUS", "IND"):
        tonnes = flow("230641+230649", "CHN", partner, col="quantity")
        assert market("canola_meal", partner, "CHN") == pytest.approx(tonnes * meal_uv, rel=1e-3)
    assert market("canola_oil", "CAN", "ROW") == pytest.approx(
        flow("1514", "CAN", "WLD") / 1e6
        - flow("1514", "CAN", "USA") / 1e6
        - market("canola_oil", "CAN", "CHN")
    )


def test_ev_market_partners_pay_their_fta_rates() -> None:
    import datetime as dt

    from thaw.data.bundle import load_bundled_measures
    from thaw.measures.stack import stack_rates

    ms = load_bundled_measures()
    for exporter in MARKETS[MARKETS.market == "ev"]["exporter"]:
        s = stack_rates(
            ms, importer="CAN", exporter=exporter, hs="87038000", on=dt.date(2024, 6, 1)
        )
        assert s.total_ad_valorem == (6.1 if exporter == "CHN" else 0.0)


def test_derived_pea_and_lobster_rows_reproduce_from_the_bundled_flows() -> None:
    pea_uv = flow("071310", "CAN", "CHN") / 1e6 / flow("071310", "CAN", "CHN", col="quantity")
    russia_t = flow("071310", "CHN", "RUS", year=2023, col="quantity")
    assert market("peas", "RUS", "CHN") == pytest.approx(russia_t * pea_uv, rel=1e-4)
    assert market("lobster", "CAN", "ROW") == pytest.approx(
        flow("030612+030632+160530", "CAN", "WLD") / 1e6 - market("lobster", "CAN", "CHN")
    )
