"""Documentation examples are tests: the README's commands and Python, the example measure file."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import thaw
from tests.data.test_importers import BACI_TEXT, COUNTRIES_TEXT, PLUS_ROWS, _plus_text
from thaw.cli.app import app
from thaw.measures.io import load_measures_file

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = [ln.split("#")[0].strip() for b in blocks for ln in b.splitlines()]
    # `thaw serve` runs until stopped; the workbench is tested live in tests/web/test_browser.py
    return [ln for ln in lines if ln.startswith("thaw ") and not ln.startswith("thaw serve")]


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(
    command: str, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # the user's own files the README names, as small files in the real formats
    (tmp_path / "BACI_HS17_Y2022_V202401.csv").write_text(BACI_TEXT, encoding="utf-8")
    (tmp_path / "country_codes_V202401.csv").write_text(COUNTRIES_TEXT, encoding="utf-8")
    (tmp_path / "comtrade_CAN_2024.csv").write_text(_plus_text(PLUS_ROWS), encoding="utf-8")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    if "sample_data_set.dlm" in command:  # gegravity's public sample, from ../shared
        sample = ROOT.parent / "shared" / "data" / "gegravity_sample_2006.csv"
        if not sample.exists():
            pytest.skip(f"{sample} not found: ../shared is only beside the checkout and in CI")
        shutil.copy(sample, tmp_path / "sample_data_set.dlm")
    args = shlex.split(command)[1:]
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["--db", str(db_path), *args])
    assert result.exit_code == 0, result.output


def test_readme_python_example(db_path: Path, tmp_path: Path) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    code = block.group(1).replace('"ev.png"', repr(str(tmp_path / "ev.png")))
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    stack = thaw.applied_rate("CHN", "CAN", "1205.10", "2025-09-01")
    assert "84.8" in README and stack.total_ad_valorem == pytest.approx(84.8)
    assert (tmp_path / "ev.png").exists()


def test_example_measure_file_validates() -> None:
    (m,) = load_measures_file(ROOT / "examples" / "measure.toml")
    assert m.status == "proposed" and m.rate is not None


def test_register_doc_lists_every_kind_and_status() -> None:
    from typing import get_args

    from thaw._typing import MEASURE_KINDS, MeasureStatus

    doc = (ROOT / "docs" / "register.md").read_text(encoding="utf-8")
    for word in (*MEASURE_KINDS, *get_args(MeasureStatus)):
        assert f"`{word}`" in doc, word
