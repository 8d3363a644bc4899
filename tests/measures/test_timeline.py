from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.measures.test_stack import m, registers
from thaw.measures.model import Measure
from thaw.measures.stack import stack_rates
from thaw.measures.timeline import build_timeline

D = dt.date


@settings(max_examples=100, deadline=None)
@given(registers(), st.integers(min_value=0, max_value=1000))
def test_timeline_agrees_with_the_stack_on_any_date(ms: list[Measure], offset: int) -> None:
    tl = build_timeline(ms, importer="CHN", exporter="CAN", hs="12051090")
    day = D(2024, 1, 1) + dt.timedelta(days=offset)
    expected = stack_rates(ms, importer="CHN", exporter="CAN", hs="12051090", on=day)
    got = tl.rate_on(day)
    assert got is not None
    assert abs(got - expected.total_ad_valorem) < 1e-9


@settings(max_examples=100, deadline=None)
@given(registers())
def test_steps_are_contiguous_and_distinct(ms: list[Measure]) -> None:
    tl = build_timeline(ms, importer="CHN", exporter="CAN", hs="12051090")
    for a, b in itertools.pairwise(tl.steps):
        assert a.end is not None and a.end + dt.timedelta(days=1) == b.start
        assert (a.stack.measure_ids, a.stack.total_ad_valorem) != (
            b.stack.measure_ids,
            b.stack.total_ad_valorem,
        ) or a.stack.other != b.stack.other
    assert tl.steps[-1].end is None


def test_window_bounds() -> None:
    ms = [m("mfn", "mfn", 9.0, effective="2024-01-01"), m("dep", rate=75.8, effective="2025-08-14")]
    tl = build_timeline(
        ms, importer="CHN", exporter="CAN", hs="1205", start=D(2025, 1, 1), end=D(2025, 12, 31)
    )
    assert [s.start for s in tl.steps] == [D(2025, 1, 1), D(2025, 8, 14)]
    assert tl.steps[-1].end == D(2025, 12, 31)
    assert tl.rate_on(D(2024, 6, 1)) is None
    frame = tl.to_frame()
    assert list(frame["total_ad_valorem"]) == [9.0, 84.8]
    assert "dep" in tl.summary()
