"""The goal tracker: a path that doubles by 2035, a sourced observed series, scenario shifts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from thaw.data.bundle import load_bundled_flows
from thaw.errors import ThawError
from thaw.scenarios.goal.load import observed_non_us_exports
from thaw.scenarios.goal.track import non_us_export_effect, track_goal


def total(partner: str, year: int) -> float:
    f = load_bundled_flows()
    sel = f[
        (f.hs == "TOTAL")
        & (f.reporter == "CAN")
        & (f.partner == partner)
        & (f.year == year)
        & f.basis.str.contains("balance-of-payments")
        & f.preferred
    ]
    assert len(sel) == 1, (partner, year)
    return float(sel["value"].iloc[0]) / 1e9


def test_observed_series_reproduces_from_the_bundled_totals() -> None:
    obs = observed_non_us_exports().set_index("year")["value"]
    for year in (2013, 2014, 2018, 2021):
        assert obs[year] == pytest.approx(total("WLD", year) - total("USA", year), rel=1e-6)
    assert obs[2024] == pytest.approx(total("USA", 2024) / 0.759 * 0.241, rel=1e-6)


def test_2025_is_observed_on_the_same_basis_and_sourced() -> None:
    obs = observed_non_us_exports().set_index("year")
    row = obs.loc[2025]
    # total 2025 = total 2024 (590 / 0.759, derived as the 2024 row) x 0.998; minus the US
    assert row["value"] == pytest.approx(total("USA", 2024) / 0.759 * 0.998 - total("USA", 2025))
    assert row["value"] == pytest.approx(total("WLD", 2025) - total("USA", 2025), abs=0.01)
    # consistent with StatCan's +17.2% on 2024 within rounding (inputs rounded to C$1B)
    growth = 100 * (row["value"] / obs.loc[2024, "value"] - 1)
    assert growth == pytest.approx(17.2, abs=0.3)
    assert 100 * total("USA", 2025) / total("WLD", 2025) == pytest.approx(71.7, abs=0.05)
    assert row["source_url"].startswith("https://") and row["published"] == "2026-02-19"
    assert "gold" in row["note"] and "17.2%" in row["note"]
    assert "thedeepdive.ca" in row["also_sources"]
    assert obs.loc[2024, "note"] == ""  # optional columns read as empty text


def test_2025_is_reported_against_the_goal_path_from_the_2024_base() -> None:
    t = track_goal(path="decade")
    assert t.base_year == 2024 and t.latest_year == 2025  # 2025 does not move the base
    path = t.path.set_index("year")
    obs = t.observed.set_index("year")["value"]
    # the "decade" path doubles over 2025-2035: the path in 2025 is still the 2024 level
    assert path.loc[2025, "goal"] == pytest.approx(t.base_value)
    assert path.loc[2025, "observed"] == pytest.approx(obs[2025])
    assert path.loc[2025, "gap_to_goal"] == pytest.approx(obs[2025] - path.loc[2025, "goal"])
    assert path.loc[2024, "gap_to_goal"] == pytest.approx(0)
    assert path.loc[2026:, "observed"].isna().all()
    s = t.summary()
    assert s["latest_year"] == 2025
    assert s["latest_gap_to_goal_cad_billion"] == pytest.approx(path.loc[2025, "gap_to_goal"])
    assert s["latest_growth_pct"] == pytest.approx(100 * (obs[2025] / obs[2024] - 1))
    assert "gold" in t.assumptions["latest"]
    d = t.to_dict()
    assert d["path"][-1]["observed"] is None  # NaN -> null in JSON


def test_the_default_path_doubles_the_2024_level_over_the_11_years_to_2035() -> None:
    t = track_goal()
    path = t.path.set_index("year")
    obs = t.observed.set_index("year")["value"]
    assert t.path_name == "doubling" and t.base_value == pytest.approx(obs[2024])
    assert path.loc[2035, "goal"] == pytest.approx(2 * obs[2024])
    rate = 2 ** (1 / 11) - 1  # 6.50% a year, not the 7.18% of doubling in ten years
    assert t.goal_growth_pct == pytest.approx(100 * rate)
    assert t.goal_growth_pct == pytest.approx(6.50, abs=0.005)
    years = path.index.to_numpy()
    assert path["goal"].to_numpy() == pytest.approx(obs[2024] * (1 + rate) ** (years - 2024))
    assert path.loc[2025, "goal"] == pytest.approx(obs[2024] * (1 + rate))  # grows from 2024
    assert t.summary()["goal_path"] == "doubling"


def test_the_decade_path_is_the_named_alternative() -> None:
    t = track_goal(path="decade")
    path = t.path.set_index("year")
    assert path.loc[2035, "goal"] == pytest.approx(2 * t.base_value)
    assert t.goal_growth_pct == pytest.approx(100 * (2**0.1 - 1))  # 7.18%: "about 7.2%"
    assert path.loc[2025, "goal"] == pytest.approx(t.base_value)
    assert "2025-2035" in t.summary()["goal_path_definition"]
    with pytest.raises(ThawError, match="unknown goal path"):
        track_goal(path="linear")


def test_the_default_trend_is_a_log_linear_fit_over_2014_2024() -> None:
    t = track_goal()
    obs = t.observed.set_index("year")["value"]
    window = obs.loc[2014:2024]  # 2025 is left out: it is what is tracked against the path
    slope, intercept = np.polyfit(window.index.to_numpy(), np.log(window.to_numpy()), 1)
    assert t.trend_growth_pct == pytest.approx(100 * np.expm1(slope))
    assert t.trend_growth_pct == pytest.approx(3.72, abs=0.005)
    fitted = intercept + slope * window.index.to_numpy()
    logs = np.log(window.to_numpy())
    r2 = 1 - ((logs - fitted) ** 2).sum() / ((logs - logs.mean()) ** 2).sum()
    s = t.summary()
    assert s["trend"] == "fit" and s["trend_r_squared"] == pytest.approx(r2)
    assert s["trend_years"] == [2014, 2024] and s["trend_fit_years"] == [2014, 2018, 2021, 2024]
    path = t.path.set_index("year")
    years = path.index.to_numpy()
    # the fitted rate, carried forward from the 2024 level
    assert path["trend"].to_numpy() == pytest.approx(obs[2024] * np.exp(slope * (years - 2024)))
    assert s["trend_value_at_target_cad_billion"] == pytest.approx(279.9, abs=0.05)
    # the endpoint rate is the named alternative
    e = track_goal(trend="endpoint")
    assert e.trend_growth_pct == pytest.approx(100 * ((obs[2024] / obs[2014]) ** 0.1 - 1))
    assert e.summary()["trend_r_squared"] is None
    # a window including 2025 is allowed and stated
    w = track_goal(trend_to=2025)
    assert w.summary()["trend_fit_years"][-1] == 2025
    with pytest.raises(ThawError, match="unknown trend"):
        track_goal(trend="spline")


def test_the_summary_states_nominal_values_and_the_definitions() -> None:
    t = track_goal()
    s = t.summary()
    assert "nominal" in s["units"] and "not adjusted for inflation" in s["units"]
    assert "doubling from the base year to the target year" in s["goal_path_definition"]
    assert "6.50% a year" in s["goal_path_definition"]
    assert "log-linear OLS" in s["trend_definition"] and "2014-2024" in s["trend_definition"]
    assert "R^2" in s["trend_definition"]
    d = t.to_dict()
    assert "nominal" in d["units"] and "nominal" in d["summary"]["units"]
    assert "nominal" in d["assumptions"]["series"]


def test_the_trend_and_gap_with_no_scenario() -> None:
    t = track_goal()
    path = t.path.set_index("year")
    assert (path["trend_with_scenario"] == path["trend"]).all()  # no scenario, no shift
    s = t.summary()
    assert s["gap_at_target_cad_billion"] == pytest.approx(
        path.loc[2035, "goal"] - path.loc[2035, "trend"]
    )


def test_a_scenario_shifts_the_trend_by_its_effect_at_the_target() -> None:
    t = track_goal(scenario="x", scenario_effect_pct=10.0)
    end = t.path.iloc[-1]
    assert end["trend_with_scenario"] == pytest.approx(1.1 * end["trend"])
    assert t.path.iloc[0]["trend_with_scenario"] == pytest.approx(t.base_value)
    assert 0 < t.summary()["scenario_share_of_gap_pct"] < 100
    with pytest.raises(ThawError, match="years available"):
        track_goal(base_year=2023)


def test_effect_counts_exports_to_partners_other_than_the_us() -> None:
    pairs = pd.DataFrame(
        {
            "exporter": ["CAN", "CAN", "CAN", "CAN", "CHN"],
            "importer": ["CAN", "USA", "CHN", "JPN", "CAN"],
            "baseline_trade": [100.0, 50.0, 10.0, 10.0, 5.0],
            "scenario_trade": [90.0, 40.0, 14.0, 11.0, 9.0],
        }
    )
    fake = SimpleNamespace(to_frame=lambda kind: pairs)
    assert non_us_export_effect(fake) == pytest.approx(100 * (25 / 20 - 1))


def test_goal_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from thaw.cli.app import app

    result = CliRunner().invoke(app, ["goal", "--json", "--out", str(tmp_path / "g.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.html").exists() and '"goal_growth_pct_per_year"' in result.stdout
    assert "nominal C$" in (tmp_path / "g.html").read_text()
    alt = CliRunner().invoke(app, ["goal", "--json", "--path", "decade", "--trend", "endpoint"])
    assert alt.exit_code == 0, alt.output
    assert '"goal_path": "decade"' in alt.stdout and '"trend": "endpoint"' in alt.stdout
    table = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["goal"])
    assert table.exit_code == 0, table.output
    assert "2025" in table.output and "ahead of the path" in table.output
    assert "nominal C$ billion" in table.output and "log-linear OLS" in table.output
    assert "no same-basis world total" not in table.output
