"""The bundled snapback-2027 scenario: China's suspension lapses on 2027-01-01."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import thaw
from thaw.cli.app import app
from thaw.scenarios.pe.load import bundled_scenarios, load_scenario

#: (product, exporter, importer) -> the duty that returns when the suspension lapses.
SUSPENDED = {
    ("230641", "CAN", "CHN"): 100.0,  # canola meal
    ("07131090", "CAN", "CHN"): 100.0,  # peas
    ("03063200", "CAN", "CHN"): 25.0,  # lobster (crab has no PE market: left out)
}


def test_the_scenario_is_bundled_and_says_what_it_leaves_out() -> None:
    path = bundled_scenarios()["snapback-2027"]
    text = path.read_text()
    assert text.startswith("# ") and "Question:" in text
    spec, _ = load_scenario("snapback-2027")
    assert spec.elasticities.bundled and spec.from_register is not None
    assert str(spec.from_register.baseline) == "2026-12-31"
    assert str(spec.from_register.scenario) == "2027-01-01"
    assert "crab" in spec.scenario.description and "left out" in spec.scenario.description


def test_only_the_suspended_products_change_and_chinas_imports_of_them_fall(
    db_path: Path,
) -> None:
    r = thaw.simulate("snapback-2027", draws=0, db=db_path)
    assert r.diagnostics["converged"]
    f = r.to_frame("flows").set_index(["product", "exporter", "importer"])
    changed = f[f.tariff1 != f.tariff0]
    assert set(changed.index) == set(SUSPENDED)
    for key, duty in SUSPENDED.items():
        row = f.loc[key]
        assert row.tariff1 - row.tariff0 == pytest.approx(duty)
        # the baseline is the register's stack on the suspension's last day
        stack = thaw.applied_rate(key[2], key[1], key[0], "2026-12-31", db=db_path)
        assert row.tariff0 == pytest.approx(stack.total_ad_valorem)
        assert row.change_pct < 0  # China buys less of it from Canada
    unchanged = f[f.tariff1 == f.tariff0]
    hit_products = {k[0] for k in SUSPENDED}
    others = unchanged[~unchanged.index.get_level_values("product").isin(hit_products)]
    assert (others.change_pct.abs() < 1e-9).all()  # markets without a tariff change stay put
    assert f.loc[("230641", "ARE", "CHN"), "change_pct"] > 0  # China buys meal elsewhere
    e = r.to_frame("economies").set_index("economy")
    assert e.loc["CAN", "welfare"] < 0


def test_the_scenario_runs_with_bands(db_path: Path) -> None:
    r = thaw.simulate("snapback-2027", draws=30, db=db_path)
    assert r.diagnostics["draws_failed"] == 0
    row = r.to_frame("economies").set_index("economy").loc["CAN"]
    assert row.welfare_p05 <= row.welfare_p50 <= row.welfare_p95


def test_thaw_scenarios_lists_it() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["scenarios"])
    assert result.exit_code == 0, result.output
    assert "snapback-2027" in result.output
