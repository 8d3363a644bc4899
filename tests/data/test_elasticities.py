"""The bundled elasticity table: sourced, well-signed, ranges around values, derivations that
reproduce, and the per-model selection the scenarios use."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from thaw.data.elasticities import (
    bundled_elasticities_file,
    elasticity_rows,
    read_elasticity_table,
)
from thaw.errors import DataImportError

TABLE = read_elasticity_table()


def test_every_row_has_a_source_and_a_range_around_its_value() -> None:
    assert len(TABLE) >= 20
    for col in ("study", "source_url", "publisher", "published", "locator"):
        assert (TABLE[col].str.strip() != "").all(), col
    ranged = TABLE.dropna(subset=["low"])
    assert ((ranged["low"] <= ranged["value"]) & (ranged["value"] <= ranged["high"])).all()
    em = TABLE[TABLE.parameter == "import_demand"]
    assert (em["value"] < 0).all() and (em["high"] < 0).all()


def _number(text: str, name: str) -> float:
    m = re.search(rf"{name} = (-?[0-9.]+)", text)
    assert m, (name, text)
    return float(m.group(1))


def test_import_demand_rows_reproduce_from_their_recorded_derivation() -> None:
    """E_m = -[(1 - s) sigma_d + s eta], s = 0.5 when the import share is unknown."""
    em = TABLE[TABLE.parameter == "import_demand"]
    for row in em.to_dict(orient="records"):
        text = str(row["derivation"])
        sd, eta = _number(text, "sigma_d"), _number(text, "eta")
        s = _number(text, "import share s") if "import share s =" in text else 0.5
        assert row["value"] == pytest.approx(-((1 - s) * sd + s * eta), abs=1e-4), row["product"]


def test_rule_of_two_rows_are_twice_their_domestic_elasticity() -> None:
    sig = TABLE[(TABLE.parameter == "sigma") & TABLE.derivation.str.startswith("value: 2 x")]
    assert len(sig) >= 3
    for row in sig.to_dict(orient="records"):
        m = re.search(r"2 x [^0-9]*?([0-9.]+)", str(row["derivation"]))
        assert m and row["value"] == pytest.approx(2 * float(m.group(1))), row["product"]


def test_smart_keeps_the_wits_defaults_and_the_multimarket_models_the_literature() -> None:
    smart = elasticity_rows("smart").set_index(["product", "economy"])
    assert smart.loc[("*", "*"), "sigma"] == 1.5
    assert smart.loc[("*", "*"), "export_supply"] == 99
    assert np.isnan(smart.loc[("1205", "*"), "sigma"])  # literature sigma is not SMART's
    assert smart.loc[("1205", "*"), "import_demand"] < 0  # product import demand is shared
    gsim = elasticity_rows("gsim").set_index(["product", "economy"])
    assert gsim.loc[("1205", "*"), "sigma"] == pytest.approx(5.97)
    assert gsim.loc[("*", "*"), "export_supply"] == 1.5
    assert "GCAM" in gsim.loc[("1205", "*"), "sigma_source"]
    with pytest.raises(ValueError, match="model"):
        elasticity_rows("cge")


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda t: t.replace(",import_demand,-1.995,", ",import_demand,1.995,"), "wrong sign"),
        (lambda t: t.replace(",5.97,2.1,9.11,", ",5.97,6.0,9.11,"), "must contain"),
        (lambda t: t.replace(",sigma,", ",elasticity,", 1), "parameter must be"),
        (lambda t: t.replace("World Bank,2010", ",2010", 1), "publisher is empty"),
    ],
)
def test_a_bad_table_is_refused_naming_the_row(tmp_path: Path, edit, fragment: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "e.csv"
    bad.write_text(edit(bundled_elasticities_file().read_text()))
    with pytest.raises(DataImportError, match=fragment) as err:
        read_elasticity_table(bad)
    assert "row" in str(err.value)
