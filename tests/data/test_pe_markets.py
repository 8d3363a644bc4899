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


def _flow_in(hs: str, reporter: str, partner: str, period: str, col: str = "quantity") -> float:
    sel = FLOWS[
        (FLOWS.hs == hs)
        & (FLOWS.reporter == reporter)
        & (FLOWS.partner == partner)
        & (FLOWS.year == 2024)
        & (FLOWS.period == period)
        & FLOWS[col].notna()
    ]
    assert len(sel) == 1, (hs, reporter, partner, period, col)
    return float(sel[col].iloc[0])


def test_every_disputed_market_into_china_has_competing_suppliers() -> None:
    """A market with one supplier rules out diversion: no rival can gain, and the importer's
    consumer loss is overstated (issue 17, finding 6)."""
    into_china = MARKETS[(MARKETS.importer == "CHN") & (MARKETS["value"] > 0)]
    suppliers = into_china.groupby("market")["exporter"].nunique()
    assert set(suppliers.index) >= {"canola_seed", "canola_meal", "canola_oil", "peas", "pork"}
    assert "lobster" in suppliers.index
    thin = suppliers[suppliers < 2]
    assert thin.empty, f"single-supplier markets into China: {sorted(thin.index)}"
    for name in ("pork", "lobster", "canola_oil"):  # a named or rest-of-world rival of Canada
        rivals = into_china[(into_china.market == name) & (into_china.exporter != "CAN")]
        assert rivals["value"].sum() > market(name, "CAN", "CHN"), name


def test_every_market_period_is_a_year_or_says_how_it_was_scaled() -> None:
    from thaw.data.periods import period_problem

    for rec in MARKETS.itertuples():
        assert period_problem(rec.period, rec.derivation) is None, (rec.market, rec.exporter)
    pork = MARKETS[(MARKETS.market == "pork") & (MARKETS.exporter == "CAN")].iloc[0]
    assert pork["period"] != "Jan-Oct" and "Jan-Oct" in pork["period"]
    jan_oct = float(
        FLOWS[
            (FLOWS.hs == "0203")
            & (FLOWS.reporter == "CAN")
            & (FLOWS.partner == "CHN")
            & (FLOWS.year == 2024)
            & (FLOWS.period == "Jan-Oct")
        ]["value"].iloc[0]
    )
    assert str(round(jan_oct / 1e6)) in pork["derivation"]  # the original value stays visible
    assert pork["value"] == pytest.approx(jan_oct / 1e6 * 12 / 10)


def test_derived_competitor_rows_reproduce_from_the_bundled_flows() -> None:
    alberta = FLOWS[FLOWS["product"] == "Pork (Alberta only)"].iloc[0]
    assert not alberta["preferred"]  # a province, never Canada's figure
    pork_uv = alberta["value"] / 1e6 / alberta["quantity"]  # C$ million per tonne
    us_t = _flow_in("0203+020630+020641+020649", "CHN", "USA", "annual")
    assert market("pork", "USA", "CHN") == pytest.approx(us_t * pork_uv, rel=1e-4)
    brazil_t = _flow_in("0203", "BRA", "CHN", "Jan-Oct") * 12 / 10
    assert market("pork", "BRA", "CHN") == pytest.approx(brazil_t * pork_uv, rel=1e-4)
    world_t = _flow_in("0203", "CHN", "WLD", "annual") + _flow_in(
        "020630+020641+020649", "CHN", "WLD", "annual"
    )
    named = sum(market("pork", e, "CHN") for e in ("CAN", "USA", "BRA"))
    assert market("pork", "ROW", "CHN") == pytest.approx(world_t * pork_uv - named, rel=1e-4)

    lob = "030611+030612+030631+030632"
    lobster_uv = market("lobster", "CAN", "CHN") / _flow_in(lob, "CHN", "CAN", "annual")
    vietnam_t = _flow_in(lob, "CHN", "VNM", "annual")
    assert market("lobster", "VNM", "CHN") == pytest.approx(vietnam_t * lobster_uv, rel=1e-4)
    rest_t = _flow_in(lob, "CHN", "WLD", "annual") - _flow_in(lob, "CHN", "CAN", "annual")
    assert market("lobster", "ROW", "CHN") == pytest.approx(
        (rest_t - vietnam_t) * lobster_uv, rel=1e-4
    )

    oil_uv = flow("1514", "CAN", "WLD") / 1e6 / flow("1514", "CAN", "WLD", col="quantity")
    my = "marketing year 2024/25 (Oct-Sep), first 10 months"
    oil_world_t = _flow_in("1514", "CHN", "WLD", my) * 12 / 10
    assert market("canola_oil", "RUS", "CHN") == pytest.approx(0.6 * oil_world_t * oil_uv, rel=1e-4)
    canada_t = flow("1514", "CAN", "CHN", col="quantity")
    assert market("canola_oil", "ROW", "CHN") == pytest.approx(
        (0.4 * oil_world_t - canada_t) * oil_uv, rel=1e-4
    )
