"""Scenario tariffs from the register: dates, removals, modifications, additions, quotas."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import MEASURE_TOML
from thaw.data.store import Store
from thaw.scenarios.pe.load import build_dataset, load_scenario
from thaw.scenarios.pe.schema import ScenarioError

FLOWS = """product,exporter,importer,value
12051090,CAN,CHN,3290
12051090,ROW,CHN,150
87038000,CHN,CAN,2200
87038000,USA,CAN,2700
"""

SCEN = """
[scenario]
name = "register test"
[data]
flows = "flows.csv"
[elasticities.defaults]
import_demand = -1.0
source = "test"
[register]
baseline = 2025-09-01
scenario = 2026-03-15
"""


def build(tmp_path: Path, store: Store, extra: str = "", flows: str = FLOWS):  # type: ignore[no-untyped-def]
    (tmp_path / "flows.csv").write_text(flows, encoding="utf-8")
    (tmp_path / "s.toml").write_text(SCEN + extra, encoding="utf-8")
    spec, folder = load_scenario(tmp_path / "s.toml")
    return build_dataset(spec, folder, store.measures())


def tariffs(ds):  # type: ignore[no-untyped-def]
    f = ds.flows.set_index(["product", "exporter"])
    return {k: (round(r.tariff0, 6), round(r.tariff1, 6)) for k, r in f.iterrows()}


def test_tariffs_follow_the_register_dates(tmp_path: Path, store: Store) -> None:
    ds = build(tmp_path, store, extra='unit_values = { "87038000" = 0.05 }\n')
    t = tariffs(ds)
    assert t[("12051090", "CAN")] == (84.8, 14.9)  # deposit, then the final 5.9% duty
    assert t[("12051090", "ROW")] == (9.0, 9.0)  # others pay MFN throughout
    assert t[("87038000", "CHN")] == (106.1, 6.1)  # surtax, then in-quota MFN
    assert t[("87038000", "USA")] == (0.0, 0.0)  # CUSMA preference (can-pref-cusma-vehicles)
    q = ds.quotas.iloc[0]
    assert (q["exporter"], q["importer"]) == ("CHN", "CAN")
    assert q["volume"] == pytest.approx(49000 * 0.05)
    assert q["in_rate"] == pytest.approx(6.1)


def test_quota_without_unit_value_says_what_to_add(tmp_path: Path, store: Store) -> None:
    with pytest.raises(ScenarioError, match=r'unit_values\] "87038000"'):
        build(tmp_path, store)


def test_remove_modify_and_add(tmp_path: Path, store: Store) -> None:
    added = MEASURE_TOML.replace('hs = ["1514"]', 'hs = ["1205"]')
    added = added.replace("effective = 2026-05-01", "effective = 2026-01-01")
    (tmp_path / "extra.toml").write_text(added, encoding="utf-8")
    extra = """quotas = false
remove = ["chn-canola-ad-duty-2026"]
add_file = "extra.toml"
[[register.modify]]
id = "chn-mfn-rapeseed"
ad_valorem = 3.0
"""
    t = tariffs(build(tmp_path, store, extra=extra))
    # scenario: MFN modified to 3%, final duty removed, the added 10% duty applies
    assert t[("12051090", "CAN")] == (84.8, 13.0)
    assert t[("12051090", "ROW")] == (9.0, 3.0)


def test_register_errors(tmp_path: Path, store: Store) -> None:
    with pytest.raises(ScenarioError, match="cannot remove measure 'nope'"):
        build(tmp_path, store, extra='quotas = false\nremove = ["nope"]\n')
    with pytest.raises(ScenarioError, match="not both"):
        build(
            tmp_path,
            store,
            extra="quotas = false\n",
            flows=FLOWS.replace("value\n", "value,tariff0,tariff1\n", 1).replace(
                "3290\n", "3290,0,0\n"
            ),
        )


def test_inline_added_measure(tmp_path: Path, store: Store) -> None:
    extra = """quotas = false
[[register.add]]
id = "hypothetical-chn-canola-100"
title = "Hypothetical 100% additional tariff on Canadian canola seed"
imposing = "CHN"
targets = ["CAN"]
kind = "additional"
status = "proposed"
effective = 2026-03-01
products = { hs = ["1205"], description = "canola seed" }
rate = { ad_valorem = 100 }
[[register.add.sources]]
url = "https://example.org/hypothesis"
publisher = "scenario author"
published = "2026-11"
locator = "this scenario"
"""
    # a 'proposed' measure never applies: the inline table must say in_force to bite
    t = tariffs(build(tmp_path, store, extra=extra))
    assert t[("12051090", "CAN")][1] == pytest.approx(14.9)
    t = tariffs(build(tmp_path, store, extra=extra.replace('"proposed"', '"in_force"')))
    assert t[("12051090", "CAN")][1] == pytest.approx(114.9)


def test_inline_measure_errors_name_the_field(tmp_path: Path, store: Store) -> None:
    extra = """quotas = false
[[register.add]]
id = "bad"
title = "bad one"
imposing = "CHN"
targets = ["XXX"]
kind = "additional"
status = "in_force"
effective = 2026-03-01
products = { hs = ["1205"], description = "x" }
rate = { ad_valorem = 1 }
sources = [{ url = "https://example.org/x", publisher = "p", published = "2026", locator = "l" }]
"""
    with pytest.raises(ScenarioError, match=r"register\.add\].*field targets.*unknown economy"):
        build(tmp_path, store, extra=extra)


def test_baseline_from_another_scenario(tmp_path: Path, store: Store) -> None:
    """B starts where A ends: A's end state (2025-09-01 with the deposit removed) is B's base."""
    (tmp_path / "flows.csv").write_text(FLOWS, encoding="utf-8")
    (tmp_path / "a.toml").write_text(
        SCEN.replace(
            "scenario = 2026-03-15",
            'scenario = 2025-09-01\nquotas = false\nremove = ["chn-canola-ad-deposit-2025"]',
        ),
        encoding="utf-8",
    )
    b = SCEN.replace("baseline = 2025-09-01\n", 'baseline_scenario = "a.toml"\n').replace(
        "scenario = 2026-03-15", "scenario = 2026-03-15\nquotas = false"
    )
    (tmp_path / "b.toml").write_text(b, encoding="utf-8")
    spec, folder = load_scenario(tmp_path / "b.toml")
    t = tariffs(build_dataset(spec, folder, store.measures()))
    assert t[("12051090", "CAN")] == (9.0, 14.9)


def test_scope_filters_flows(tmp_path: Path, store: Store) -> None:
    extra = 'quotas = false\n[scope]\nproducts = ["1205"]\neconomies = ["CAN", "CHN"]\n'
    ds = build(tmp_path, store, extra=extra)
    assert set(ds.flows["product"]) == {"12051090"}
    assert set(ds.flows["exporter"]) == {"CAN", "ROW"}
    with pytest.raises(ScenarioError, match="no flows left"):
        build(tmp_path, store, extra='quotas = false\n[scope]\nproducts = ["99"]\n')


def test_baseline_needs_exactly_one_form(tmp_path: Path, store: Store) -> None:
    with pytest.raises(ScenarioError, match="exactly one of baseline"):
        build(tmp_path, store, extra='baseline_scenario = "a.toml"\n')
