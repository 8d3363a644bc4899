"""Periods of PE market flows: a year, or a stated scaling to a year; anything else is refused."""

from __future__ import annotations

import pandas as pd
import pytest

from thaw.data.periods import check_annual_periods, period_problem
from thaw.errors import DataImportError


@pytest.mark.parametrize("period", ["annual", "Annual", "2024"])
def test_a_year_passes(period: str) -> None:
    assert period_problem(period, None) is None


def test_a_scaled_period_passes_only_with_its_method() -> None:
    assert period_problem("annualised from Jan-Oct", "389 (Jan-Oct) x 12/10, pro rata") is None
    assert period_problem("annualized from Q1-Q3", "x 4/3") is None
    problem = period_problem("annualised from Jan-Oct", float("nan"))
    assert problem is not None and "derivation is empty" in problem


@pytest.mark.parametrize("period", ["Jan-Oct", "Q1", "average 2019-2023", "", None, "annualised"])
def test_a_part_year_is_refused_not_read_as_a_year(period: str | None) -> None:
    problem = period_problem(period, "389 x 12/10")
    assert problem is not None and "not a year" in problem


def test_the_check_names_the_row_and_the_flow() -> None:
    frame = pd.DataFrame(
        {
            "product": ["02032900", "02032900"],
            "exporter": ["USA", "CAN"],
            "importer": ["CHN", "CHN"],
            "value": [843.35, 389.0],
            "period": ["annual", "Jan-Oct"],
            "derivation": [None, None],
        }
    )
    with pytest.raises(DataImportError, match=r"m\.csv: row 3 \(02032900 CAN CHN\).*Jan-Oct"):
        check_annual_periods(frame, file="m.csv")
    check_annual_periods(frame.drop(columns="period"), file="m.csv")  # no column: annual
