"""thaw.sensitivity: one-at-a-time elasticity ranges, checked against direct runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import thaw
from thaw.cli.app import app
from thaw.scenarios.pe.load import bundled_scenarios
from thaw.scenarios.pe.sensitivity import SensitivityResult

SEED_CAN = "export_supply:12051090:CAN"


@pytest.fixture(scope="module")
def dispute(template_db: Path) -> SensitivityResult:
    return thaw.sensitivity("dispute-2025", db=template_db)


def _with_override(tmp_path: Path, product: str, economy: str, export_supply: float) -> Path:
    """dispute-2025 with one export supply elasticity overridden, written independently of
    the sensitivity module (a plain [[elasticities.override]])."""
    text = bundled_scenarios()["dispute-2025"].read_text()
    text = text.replace(
        "\n[monte_carlo]",
        (
            f'\n[[elasticities.override]]\nproduct = "{product}"\neconomy = "{economy}"\n'
            f"export_supply = {export_supply}\n\n[monte_carlo]"
        ),
        1,
    )
    path = tmp_path / f"dispute-{product}-{export_supply}.toml"
    path.write_text(text)
    return path


def test_the_point_level_is_the_deterministic_simulation(dispute, template_db: Path) -> None:
    direct = thaw.simulate("dispute-2025", draws=0, db=template_db)
    expected = direct.economies.set_index("economy")["welfare"]
    v = dispute.to_frame()
    point = v[(v.level == "point") & (v.result == "welfare")]
    assert set(point.parameter) == {p.name for p in dispute.parameters}
    for _, rows in point.groupby("parameter"):
        got = rows.set_index("economy")["value"]
        assert (got.reindex(expected.index) == expected).all()  # exactly, not approximately
    assert set(v.level) == {"low", "point", "high"}


def test_every_group_used_is_there_with_its_range_or_the_default(dispute) -> None:
    kinds = {p.parameter for p in dispute.parameters}
    assert kinds == {"sigma", "import_demand", "export_supply"}
    seed = next(p for p in dispute.parameters if p.cells == (("12051090", "CAN"),))
    assert seed.point == 1.5 and (seed.low, seed.high) == (1.0, 99.0) and not seed.ranged
    assert "assumption, no range" in seed.range_note
    assert "Francois & Hall" in seed.source
    sigma_seed = next(
        p for p in dispute.parameters if p.parameter == "sigma" and "12051090" in p.products
    )
    assert sigma_seed.ranged and (sigma_seed.low, sigma_seed.high) == (2.1, 9.11)
    assert "export_supply" in dispute.assumptions["no_range"]


def test_export_supply_range_flips_the_ranking_as_direct_runs_do(
    dispute, template_db: Path, tmp_path: Path
) -> None:
    seed = next(p for p in dispute.parameters if p.cells == (("12051090", "CAN"),))
    flips = {(f.parameter, f.level): f for f in dispute.ranking_flips}
    for level, value in (("low", seed.low), ("high", seed.high)):
        direct = thaw.simulate(
            _with_override(tmp_path, "12051090", "CAN", value), draws=0, db=template_db
        )
        w = direct.economies.set_index("economy")["welfare"]
        v = dispute.to_frame()
        mine = v[(v.parameter == seed.name) & (v.level == level) & (v.result == "welfare")]
        got = mine.set_index("economy")["value"]
        assert got["CAN"] == pytest.approx(w["CAN"], rel=1e-9)
        assert got["CHN"] == pytest.approx(w["CHN"], rel=1e-9)
        china_loses_more = w["CHN"] < w["CAN"]
        flagged = (seed.name, level) in flips and ("CAN", "CHN") in flips[
            (seed.name, level)
        ].swapped
        assert flagged == china_loses_more
    assert (seed.name, "high") in flips  # at 99 (fixed world price) China loses more
    assert "flips" in dispute.summary()


def test_selectors_move_cells_together(template_db: Path) -> None:
    r = thaw.sensitivity(
        "dispute-2025",
        parameters=["export_supply:canola_seed,canola_meal,canola_oil,lobster:CAN"],
        results=("welfare", "producer_surplus"),
        db=template_db,
    )
    (p,) = r.parameters
    assert len(p.cells) == 4 and set(p.economies) == {"CAN"}
    assert set(r.to_frame().result) == {"welfare", "producer_surplus"}
    with pytest.raises(thaw.ThawError, match="selector"):
        thaw.sensitivity("dispute-2025", parameters=["elasticity"], db=template_db)


def test_cli_json_and_tornado_html(template_db: Path, tmp_path: Path) -> None:
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})
    chart = tmp_path / "tornado.html"
    res = runner.invoke(
        app,
        [
            "--db",
            str(template_db),
            "sensitivity",
            "dispute-2025",
            "--parameter",
            SEED_CAN,
            "--json",
            "--out",
            str(chart),
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["parameters"][0]["name"] == SEED_CAN
    assert data["ranking_flips"][0]["swapped"] == [["CAN", "CHN"]]
    assert chart.exists() and "plotly" in chart.read_text()[:20000].lower()
