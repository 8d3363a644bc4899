"""Competing suppliers in the bundled PE markets: a tariff on Canada diverts China's purchases
to its rivals (issue 17, finding 6), and a part-year flow is refused by the scenario loader."""

from __future__ import annotations

from pathlib import Path

import pytest

import thaw
from thaw.scenarios.pe.load import build_dataset, load_scenario
from thaw.scenarios.pe.schema import ScenarioError


def test_chinas_tariff_on_canadian_pork_and_lobster_diverts_to_rivals(db_path: Path) -> None:
    f = thaw.simulate("dispute-2025", draws=0, db=db_path).to_frame("flows")
    for product in ("02032900", "03063200"):  # pork, lobster
        into_china = f[(f["product"] == product) & (f["importer"] == "CHN")]
        canada = into_china[into_china.exporter == "CAN"].iloc[0]
        assert canada.tariff1 > canada.tariff0 and canada.change_pct < 0
        rivals = into_china[into_china.exporter != "CAN"]
        assert len(rivals) >= 1
        untaxed = rivals[rivals.tariff1 == rivals.tariff0]
        assert not untaxed.empty and (untaxed.change_pct > 0).all(), product
        # diversion softens China's loss: rivals' gain offsets part of Canada's fall
        assert untaxed.scenario_value.sum() > untaxed.baseline_value.sum()


FLOWS = "product,exporter,importer,value,tariff0,tariff1,period,derivation\n"
TOML = """
[scenario]
name = "t"
[data]
flows = "flows.csv"
[elasticities.defaults]
import_demand = -1.2
source = "test"
"""


def _scenario(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "flows.csv").write_text(FLOWS + rows, encoding="utf-8")
    (tmp_path / "s.toml").write_text(TOML, encoding="utf-8")
    return tmp_path / "s.toml"


def test_a_part_year_flow_is_refused_with_its_row(tmp_path: Path) -> None:
    path = _scenario(tmp_path, "p,CAN,CHN,389,12,37,Jan-Oct,\np,USA,CHN,800,12,12,annual,\n")
    spec, folder = load_scenario(path)
    with pytest.raises(ScenarioError, match=r"row 2 \(p CAN CHN\).*'Jan-Oct' is not a year"):
        build_dataset(spec, folder)


def test_a_flow_scaled_to_a_year_with_its_method_is_accepted(tmp_path: Path) -> None:
    rows = 'p,CAN,CHN,466.8,12,37,annualised from Jan-Oct,"389 x 12/10, pro rata"\n'
    spec, folder = load_scenario(_scenario(tmp_path, rows + "p,USA,CHN,800,12,12,annual,\n"))
    ds = build_dataset(spec, folder)
    assert ds.flows["value"].tolist() == [466.8, 800.0]  # used as given, never rescaled
    spec, folder = load_scenario(
        _scenario(tmp_path, "p,CAN,CHN,466.8,12,37,annualised from Jan-Oct,\n")
    )
    with pytest.raises(ScenarioError, match="derivation is empty"):
        build_dataset(spec, folder)


def test_the_ge_register_weights_refuse_a_part_year_flow(tmp_path: Path) -> None:
    from thaw.data.bundle import load_bundled_measures
    from thaw.scenarios.ge.load import load_ge_scenario, register_tariffs
    from thaw.scenarios.ge.schema import GEScenarioError

    spec, folder = load_ge_scenario("ge-dispute-2025")
    assert spec.from_register is not None
    (tmp_path / "m.csv").write_text(FLOWS + "02032900,CAN,CHN,389,0,0,Jan-Oct,\n", encoding="utf-8")
    reg = spec.from_register.model_copy(update={"flows": str(tmp_path / "m.csv")})
    with pytest.raises(GEScenarioError, match="'Jan-Oct' is not a year"):
        register_tariffs(reg, folder, load_bundled_measures(), sigma=5.0)
