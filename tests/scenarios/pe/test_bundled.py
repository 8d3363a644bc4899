"""The bundled dispute scenarios: they load, run with the bundled elasticities, and behave as
the economics says they must."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import thaw
from thaw.scenarios.pe.load import bundled_scenarios, load_scenario

NAMES = ("dispute-2025", "both-lift", "arrangement-2026", "escalation")


def test_the_four_scenarios_are_bundled_and_explain_themselves() -> None:
    found = bundled_scenarios()
    assert set(NAMES) <= set(found)
    for name in NAMES:
        text = found[name].read_text()
        assert text.startswith("# ") and "Question:" in text  # a header that explains it
        spec, _ = load_scenario(name)
        assert spec.elasticities.bundled and spec.from_register is not None


@pytest.mark.parametrize("name", NAMES)
def test_each_scenario_runs_with_bands(name: str, db_path: Path) -> None:
    r = thaw.simulate(name, draws=40, db=db_path)
    assert r.diagnostics["converged"] and r.diagnostics["draws_failed"] == 0
    e = r.to_frame("economies").set_index("economy")
    for econ in ("CAN", "CHN"):
        row = e.loc[econ]
        assert row.welfare_p05 <= row.welfare_p50 <= row.welfare_p95
    assert "GCAM" in str(r.assumptions["elasticities"])  # sources travel with the result


def test_the_2025_measures_cut_the_flows_they_hit_and_divert_trade(db_path: Path) -> None:
    f = thaw.simulate("dispute-2025", draws=0, db=db_path).to_frame("flows")
    hit = f[f.tariff1 > f.tariff0]
    assert len(hit) >= 7 and (hit.change_pct < 0).all()
    seed = f[f["product"] == "12051090"].set_index(["exporter", "importer"])
    assert seed.loc[("ROW", "CHN"), "change_pct"] > 0  # China buys elsewhere
    assert seed.loc[("CAN", "USA"), "change_pct"] > 0  # Canada sells elsewhere


def test_lifting_everything_undoes_the_2025_status_quo(db_path: Path) -> None:
    """both-lift returns every tariff in the data to its 2024 level, so with the exact model
    it must undo dispute-2025 exactly: flows back to the data, welfare the mirror image."""
    up = thaw.simulate("dispute-2025", draws=0, db=db_path)
    down = thaw.simulate("both-lift", draws=0, db=db_path)
    np.testing.assert_allclose(down.flows["baseline_value"], up.flows["scenario_value"], rtol=1e-8)
    np.testing.assert_allclose(down.flows["scenario_value"], up.flows["baseline_value"], rtol=1e-8)
    we_up = up.to_frame("economies").set_index("economy")["welfare"]
    we_down = down.to_frame("economies").set_index("economy")["welfare"]
    np.testing.assert_allclose(we_down, -we_up, atol=1e-6)


def test_the_2026_arrangement_models_the_ev_quota(db_path: Path) -> None:
    r = thaw.simulate("arrangement-2026", draws=0, db=db_path)
    q = r.to_frame("quotas")
    assert list(q["product"]) == ["87038000"] and q.iloc[0].regime in {"slack", "binding"}
    f = r.to_frame("flows").set_index(["product", "exporter", "importer"])
    assert f.loc[("87038000", "CHN", "CAN"), "tariff1"] == pytest.approx(6.1)
    assert f.loc[("12051090", "CAN", "CHN"), "tariff1"] == pytest.approx(14.9)  # 9% + 5.9%
    assert f.loc[("15141900", "CAN", "CHN"), "change_pct"] == pytest.approx(0, abs=1e-9)


def test_gsim_refuses_the_dispute_shocks_and_points_to_the_exact_model(db_path: Path) -> None:
    with pytest.raises(thaw.ThawError, match="armington"):
        thaw.simulate("dispute-2025", model="gsim", draws=0, db=db_path)
