from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thaw.errors import HSCodeError
from thaw.measures.hs import Coverage, HSPattern, format_code, normalize_code, scope_coverage


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1205.10", "120510"),
        ("1205.10.90", "12051090"),
        (" 03 ", "03"),
        ("8703.80.00.10", "8703800010"),
    ],
)
def test_normalize_code_accepts_dotted_forms(raw: str, expected: str) -> None:
    assert normalize_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("12051", "5 digits"),
        ("12a510", "only digits"),
        ("", "only digits"),
        ("00", "chapter 00"),
        ("1205109012345", "13 digits"),
    ],
)
def test_normalize_code_rejects_malformed(raw: str, fragment: str) -> None:
    with pytest.raises(HSCodeError, match=fragment):
        normalize_code(raw)


def test_format_code() -> None:
    assert format_code("8703800010") == "8703.80.00.10"
    assert format_code("0203") == "0203"


def test_range_rejects_unequal_lengths_and_reversed_bounds() -> None:
    with pytest.raises(HSCodeError, match="same number of digits"):
        HSPattern.parse("8702-8703.90")
    with pytest.raises(HSCodeError, match="after end"):
        HSPattern.parse("8703.90-8703.40")


def test_coarser_query_inside_a_range_is_full_and_straddling_is_partial() -> None:
    p = HSPattern.parse("8703.40.10-8703.90.00")
    assert p.match("870380") is Coverage.FULL
    assert p.match("8703") is Coverage.PARTIAL
    assert p.match("870390") is Coverage.PARTIAL  # only 8703.90.00 of 8703.90.xx
    assert p.match("870321") is Coverage.NONE
    assert p.match("87038000") is Coverage.FULL


def test_national_line_scope_partially_covers_its_subheading() -> None:
    p = HSPattern.parse("1205.10.90")
    assert p.match("120510") is Coverage.PARTIAL
    assert p.match("12051090") is Coverage.FULL
    assert p.match("12051010") is Coverage.NONE


def test_exclusions() -> None:
    inc, exc = [HSPattern.parse("01-97")], [HSPattern.parse("27")]
    assert scope_coverage("2709", inc, exc) is Coverage.NONE
    assert scope_coverage("1205", inc, exc) is Coverage.FULL
    assert scope_coverage("2709", inc, [HSPattern.parse("2709.00.10")]) is Coverage.PARTIAL


codes = (
    st.integers(min_value=1, max_value=99)
    .flatmap(
        lambda ch: st.text("0123456789", min_size=0, max_size=8).map(lambda t: f"{ch:02d}" + t)
    )
    .filter(lambda c: len(c) in (2, 4, 6, 8, 10))
)


@given(codes)
def test_a_code_fully_covers_itself_and_everything_below(code: str) -> None:
    p = HSPattern.parse(code)
    assert p.match(code) is Coverage.FULL
    assert p.match(code + "00") is Coverage.FULL or len(code) == 10
    if len(code) > 2:
        assert p.match(code[:-2]) is Coverage.PARTIAL


@given(codes, codes)
def test_coverage_of_a_finer_query_is_never_less_than_of_its_parent(a: str, b: str) -> None:
    """Refining the query can only keep or raise coverage by a code pattern when it stays in it."""
    p = HSPattern.parse(a)
    if len(b) > 2 and p.match(b) is Coverage.FULL:
        # every finer line under a fully covered code is covered
        assert p.match((b + "00")[:10]) is Coverage.FULL
    if p.match(b) is Coverage.NONE and len(b) <= len(a):
        assert not a.startswith(b)
