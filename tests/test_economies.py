from __future__ import annotations

import pytest

from thaw.economies import economy_name, from_numeric, is_known, normalize_economy
from thaw.errors import UnknownEconomyError


def test_iso_codes_and_aggregates() -> None:
    assert normalize_economy(" can ") == "CAN"
    assert normalize_economy("WLD") == "WLD"
    assert is_known("CHN") and not is_known("ZZZ")
    assert economy_name("CHN") == "China"
    with pytest.raises(UnknownEconomyError):
        normalize_economy("WLD", allow_aggregates=False)


def test_a_name_gets_a_suggestion() -> None:
    with pytest.raises(UnknownEconomyError, match=r"did you mean CAN \(Canada\)"):
        normalize_economy("Canada")


@pytest.mark.parametrize(
    ("number", "alpha3"),
    [
        (124, "CAN"),
        (156, "CHN"),
        (842, "USA"),
        (251, "FRA"),
        (757, "CHE"),
        (699, "IND"),
        (36, "AUS"),
        (0, "WLD"),
        (97, "EUN"),
        (999, None),
    ],
)
def test_trade_numeric_codes(number: int, alpha3: str | None) -> None:
    assert from_numeric(number) == alpha3
