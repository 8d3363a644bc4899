"""Scenario files: valid ones build datasets; bad ones are refused with file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from thaw.scenarios.pe.load import build_dataset, load_scenario
from thaw.scenarios.pe.schema import ScenarioError

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "scenario_own_data.toml"


def write(tmp_path: Path, toml: str, flows: str | None = None) -> Path:
    (tmp_path / "flows.csv").write_text(
        flows
        or "product,exporter,importer,value,tariff0,tariff1\nx,CHN,CAN,10,0,5\nx,USA,CAN,20,0,0\n",
        encoding="utf-8",
    )
    p = tmp_path / "s.toml"
    p.write_text(toml, encoding="utf-8")
    return p


BASE = """
[scenario]
name = "t"
[data]
flows = "flows.csv"
[elasticities.defaults]
import_demand = -1.2
source = "test"
"""


def test_example_builds() -> None:
    spec, folder = load_scenario(EXAMPLE)
    ds = build_dataset(spec, folder)
    assert ds.economies == ["CAN", "CHN", "DEU", "KOR", "USA"]
    assert ds.currency == "CAD" and spec.monte_carlo.draws == 200


def test_quota_rent_holder_is_read_from_the_scenario_file(tmp_path: Path) -> None:
    quota = '[[quota]]\nproduct = "x"\nexporter = "CHN"\nimporter = "CAN"\n'
    quota += "volume = 1\nin_rate = 0\n"
    spec, folder = load_scenario(write(tmp_path, BASE + quota + 'rent = "exporter"\n'))
    q = build_dataset(spec, folder).quota_spec()
    assert q is not None and q.rent_to_exporter.tolist() == [True]
    spec, folder = load_scenario(write(tmp_path, BASE + quota))
    q = build_dataset(spec, folder).quota_spec()
    assert q is not None and q.rent_to_exporter.tolist() == [False]  # the importer by default
    with pytest.raises(ScenarioError, match="rent"):
        load_scenario(write(tmp_path, BASE + quota + 'rent = "nobody"\n'))


def test_overrides_beat_defaults_most_specific_last(tmp_path: Path) -> None:
    toml = (
        BASE
        + """
[[elasticities.override]]
economy = "CAN"
sigma = 3.0
[[elasticities.override]]
product = "x"
economy = "CAN"
sigma = 5.0
[[elasticities.override]]
product = "*"
sigma = 2.0
"""
    )
    spec, folder = load_scenario(write(tmp_path, toml))
    grid = build_dataset(spec, folder).elasticity_grid()
    economies = ["CAN", "CHN", "USA"]
    assert grid["sigma"][0, economies.index("CAN")] == 5.0
    assert grid["sigma"][0, economies.index("USA")] == 2.0
    assert grid["export_supply"][0, 0] == 99.0  # WITS default


@pytest.mark.parametrize(
    ("toml", "flows", "fragment"),
    [
        (BASE.replace("[scenario]", "[scenario]\ncolour = 1"), None, "scenario.colour: unknown"),
        (
            BASE.replace("import_demand = -1.2\n", ""),
            None,
            "elasticities.defaults.import_demand: required",
        ),
        (BASE.replace("-1.2", "1.2"), None, "import_demand: Input should be less than 0"),
        (
            BASE + '[[quota]]\nproduct = "x"\nexporter = "CNA"\nimporter = "CAN"\nvolume = 1\n'
            "in_rate = 0\n",
            None,
            "unknown economy 'CNA'",
        ),
        (
            BASE.replace('model = "armington"', ""),
            "product,exporter,importer,value\nx,CHN,CAN,1\n",
            "lack column(s) tariff0, tariff1",
        ),
        (
            BASE,
            "product,exporter,importer,value,tariff0,tariff1\nx,CHN,CAN,0,0,5\n",
            "values must be > 0",
        ),
        (
            BASE,
            "product,exporter,importer,value,tariff0,tariff1\nx,CHN,CAN,1,0,5\nx,CHN,CAN,2,0,5\n",
            "appears twice",
        ),
        (BASE.replace("flows.csv", "nope.csv"), None, "not found"),
        ("[scenario\n", None, "not valid TOML"),
        (
            '[scenario]\nname = "t"\n[data]\nflows = "flows.csv"\n[elasticities]\n',
            None,
            "give bundled = true",
        ),
        (
            '[scenario]\nname = "t"\n[data]\nflows = "flows.csv"\n[elasticities]\nbundled = true\n',
            None,
            "no sigma elasticity for product x",
        ),
    ],
)
def test_bad_scenarios(tmp_path: Path, toml: str, flows: str | None, fragment: str) -> None:
    path = write(tmp_path, toml, flows)

    def load_and_build() -> None:
        spec, folder = load_scenario(path)
        build_dataset(spec, folder)

    with pytest.raises(ScenarioError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_and_build()


def test_bundled_names_and_thaw_paths(tmp_path: Path) -> None:
    spec, folder = load_scenario("dispute-2025")
    assert spec.data.flows.startswith("thaw:") and folder.name == "bundled"
    with pytest.raises(ScenarioError, match=r"bundled: .*dispute-2025"):
        load_scenario(tmp_path / "missing.toml")
    toml = BASE.replace(
        "[elasticities.defaults]", "[elasticities]\nbundled = true\n[elasticities.defaults]"
    )
    flows = "product,exporter,importer,value,tariff0,tariff1\n12051090,CAN,CHN,10,9,84.8\n"
    spec, folder = load_scenario(write(tmp_path, toml, flows))
    grid = build_dataset(spec, folder, model="gsim").elasticity_grid()
    assert grid["sigma"][0, 1] == 5.97  # bundled rapeseed value (CHN is the importer)


def test_the_welfare_convention_is_read_from_the_scenario(tmp_path: Path) -> None:
    toml = BASE.replace('name = "t"', 'name = "t"\nmodel = "gsim"\nwelfare = "gsim"')
    spec, folder = load_scenario(write(tmp_path, toml))
    assert spec.scenario.welfare == "gsim"
    assert build_dataset(spec, folder).welfare == "gsim"
    spec, folder = load_scenario(write(tmp_path, BASE))
    assert build_dataset(spec, folder).welfare == "exact"  # thaw's exact area by default
    with pytest.raises(ScenarioError, match="welfare"):
        load_scenario(write(tmp_path, BASE.replace('name = "t"', 'name = "t"\nwelfare = "x"')))


def test_a_reversed_range_in_an_elasticity_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "el.csv").write_text(
        "product,economy,import_demand,import_demand_low,import_demand_high\nx,*,-1.2,-0.5,-3\n",
        encoding="utf-8",
    )
    toml = BASE.replace(
        "[elasticities.defaults]", '[elasticities]\nfile = "el.csv"\n[elasticities.defaults]'
    )
    spec, folder = load_scenario(write(tmp_path, toml))
    with pytest.raises(ScenarioError, match="low must be below high"):
        build_dataset(spec, folder)
