"""``thaw simulate`` and ``thaw compare`` as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thaw.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def example(tmp_path: Path) -> Path:
    for name in ("scenario_own_data.toml", "ev_flows_2023.csv"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    return tmp_path / "scenario_own_data.toml"


def test_simulate_json_has_the_documented_fields(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", str(example(tmp_path)), "--draws", "30", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for flow in data["flows"]:
        assert {
            "product",
            "exporter",
            "importer",
            "baseline_value",
            "scenario_value",
            "change_pct",
        } <= set(flow)
    chn = next(f for f in data["flows"] if f["exporter"] == "CHN")
    assert chn["change_pct"] < -40  # a 100-point surtax cuts Chinese EV imports hard
    for econ in data["economies"]:
        for metric in ("consumer_surplus", "producer_surplus", "tariff_revenue", "welfare"):
            assert metric in econ and metric in econ["bands"]
            band = econ["bands"][metric]
            assert band["p05"] <= band["p50"] <= band["p95"]
    assert data["diagnostics"]["converged"] is True
    assert "WITS" in json.dumps(data["assumptions"])


def test_simulate_table_and_out_dir(tmp_path: Path) -> None:
    out = tmp_path / "res"
    result = runner.invoke(
        app,
        [
            "simulate",
            str(example(tmp_path)),
            "--draws",
            "0",
            "--model",
            "armington",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "welfare" in result.output and "CAN" in result.output
    for name in ("economies.csv", "flows.parquet", "result.png", "result.html", "result.json"):
        assert (out / name).stat().st_size > 0
    assert not list(out.glob(".*"))


def test_gsim_refuses_a_shock_too_large_for_a_linear_model(tmp_path: Path) -> None:
    result = runner.invoke(app, ["simulate", str(example(tmp_path)), "--model", "gsim"])
    assert result.exit_code == 1
    assert "negative trade" in result.output and "armington" in result.output


def test_simulate_refuses_a_bad_file_in_one_line(tmp_path: Path) -> None:
    bad = example(tmp_path)
    bad.write_text(bad.read_text().replace("[monte_carlo]", "[monte_carlo]\nbogus = 1"))
    result = runner.invoke(app, ["simulate", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("error:") and "monte_carlo.bogus" in result.output


def test_compare_side_by_side(tmp_path: Path) -> None:
    a = example(tmp_path)
    b = tmp_path / "b.toml"
    b.write_text(
        a.read_text()
        .replace("Canada's 100% EV surtax", "Half surtax")
        .replace('flows = "ev_flows_2023.csv"', 'flows = "half.csv"')
    )
    (tmp_path / "half.csv").write_text(
        (tmp_path / "ev_flows_2023.csv").read_text().replace("6.1,106.1", "6.1,56.1")
    )
    result = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    assert result.exit_code == 0, result.output
    full, half = json.loads(result.stdout)
    assert half["scenario"].startswith("Half surtax")
    can_full, can_half = (
        next(e for e in r["economies"] if e["economy"] == "CAN") for r in (full, half)
    )
    chn_full, chn_half = (
        next(f for f in r["flows"] if f["exporter"] == "CHN") for r in (full, half)
    )
    # a smaller surtax keeps more Chinese imports and costs consumers less
    assert chn_half["scenario_value"] > chn_full["scenario_value"]
    assert can_half["consumer_surplus"] > can_full["consumer_surplus"]
    table = runner.invoke(app, ["compare", str(a), str(b)])
    assert table.exit_code == 0 and "Half surtax" in table.output


def test_register_scenario_uses_the_db_option(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("THAW_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nowhere"))
    for name in ("scenario_register.toml", "ev_flows_2023_values.csv"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    result = runner.invoke(
        app,
        [
            "--db",
            str(db_path),
            "simulate",
            str(tmp_path / "scenario_register.toml"),
            "--json",
            "--draws",
            "0",
        ],
    )
    assert result.exit_code == 0, result.output
    flows = {f["exporter"]: f for f in json.loads(result.stdout)["flows"]}
    assert flows["CHN"]["tariff0"] == 6.1 and flows["CHN"]["tariff1"] == 106.1
    assert flows["USA"]["tariff0"] == 0.0
    assert not (tmp_path / "nowhere").exists()  # the default database was never created


def test_bundled_scenarios_by_name(db_path: Path) -> None:
    listed = runner.invoke(app, ["scenarios", "--json"])
    assert listed.exit_code == 0
    names = {r["name"] for r in json.loads(listed.stdout)}
    assert {"dispute-2025", "both-lift", "arrangement-2026", "escalation"} <= names
    result = runner.invoke(app, ["simulate", "arrangement-2026", "--draws", "20", "--json"])
    assert result.exit_code == 0, result.output
    js = json.loads(result.stdout)
    can = next(e for e in js["economies"] if e["economy"] == "CAN")
    band = can["bands"]["welfare"]
    assert band["p05"] <= band["p50"] <= band["p95"]
    assert js["quotas"][0]["product"] == "87038000"
    assert "GCAM" in json.dumps(js["assumptions"])  # every elasticity's source is in the JSON


def test_ge_command_json_and_outputs(shared: Path, tmp_path: Path) -> None:
    data = shared / "data" / "gegravity_sample_2006.csv"
    result = runner.invoke(
        app, ["ge", "ge-can-chn-pta", "--data", str(data), "--draws", "0", "--json"]
    )
    assert result.exit_code == 0, result.output
    js = json.loads(result.stdout)
    can = next(e for e in js["economies"] if e["economy"] == "CAN")
    assert can["real_gdp_change_pct"] > 0 and "omr_change_pct" in can
    table = runner.invoke(
        app,
        [
            "ge",
            "ge-usa-tariff-can",
            "--data",
            str(data),
            "--draws",
            "20",
            "--economy",
            "CAN",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert table.exit_code == 0, table.output
    assert "CAN" in table.output and "p05" in table.output
    assert (tmp_path / "out" / "pairs.parquet").exists() and (
        tmp_path / "out" / "result.html"
    ).exists()
    missing = runner.invoke(app, ["ge", "ge-can-chn-pta", "--draws", "0"])
    assert missing.exit_code == 1 and "--data FILE" in missing.output
