"""A user's own large flows file through ``thaw simulate``: bounded terminal and ``--json``
output, every flow in ``--out`` and ``--json-file`` (issue 17, finding 9)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from thaw.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("pe_user_scale", ROOT / "bench/pe_user_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_large_user_file_output_is_bounded(tmp_path: Path) -> None:
    bench = _bench()
    toml = bench.write_world(tmp_path, 10, 200, "gsim", "csv")  # type: ignore[attr-defined]
    n = len(pd.read_csv(tmp_path / "flows.csv"))
    assert n > 15_000
    shown = runner.invoke(app, ["simulate", str(toml)])
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert len(lines) < 200 + 120  # one line per economy plus a bounded flow table
    assert f"{n:,} flows; use --out for all" in shown.stdout

    as_json = runner.invoke(
        app,
        ["simulate", str(toml), "--json", "--json-file", str(tmp_path / "all.json")],
    )
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert "flows" not in data and data["flows_total"] == n
    assert len(data["largest_flows"]) == 20 and len(data["economies"]) == 200
    full = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(full["flows"]) == n
    assert full["economies"] == data["economies"]
    top = max(full["flows"], key=lambda f: abs(f["change_pct"]))
    assert data["largest_flows"][0] == top

    out = runner.invoke(app, ["simulate", str(toml), "--out", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    flows = pd.read_parquet(tmp_path / "out" / "flows.parquet")
    assert len(flows) == n
    assert flows["product"].str.len().eq(6).all()  # HS codes keep their leading zeros
    by_key = flows.set_index(["product", "exporter", "importer"])["change_pct"]
    for f in full["flows"][:50]:
        assert by_key[(f["product"], f["exporter"], f["importer"])] == f["change_pct"]
