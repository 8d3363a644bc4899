"""Tests for the BACI and UN Comtrade bulk-file importers (fixture files written in the real
formats into tmp_path)."""

from __future__ import annotations

import gzip
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thaw.data.importers import ImportReport, import_baci, import_comtrade
from thaw.data.store import Store
from thaw.errors import DataImportError, NotFoundError

BACI_NAME = "BACI_HS17_Y2022_V202401.csv"
BACI_TEXT = (
    "t,i,j,k,v,q\n"
    "2022,124,156,10110,1.5,           NA\n"  # HS 010110 needs zero padding; NA with spaces
    "2022,124,156,120190,2000.25,12.5\n"
    "2022,156,124,851712,100.0,NA\n"
    "2022,999,156,10110,5.0,1.0\n"  # unknown exporter code
    "2022,124,842,10110,-3.0,1.0\n"  # negative value
    "2022,842,124,30111,0.5,\n"  # blank quantity
)
COUNTRIES_TEXT = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "124,Canada,CA,CAN\n"
    "156,China,CN,CHN\n"
    "842,USA,US,USA\n"
    '490,"Other Asia, nes",N/A,S19\n'
    "999,Test Korea,KR,KOR\n"
)

PLUS_HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,"
    "reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,"
    "partner2ISO,partner2Desc,classificationCode,classificationSearchCode,"
    "isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,"
    "mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,"
    "altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,"
    "isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"
    "isAggregate"
)
PLUS_COLUMNS = PLUS_HEADER.split(",")
PLUS_DEFAULTS = {
    "typeCode": "C",
    "freqCode": "A",
    "refPeriodId": "20220101",
    "refYear": "2022",
    "refMonth": "52",
    "period": "2022",
    "reporterCode": "124",
    "reporterISO": "CAN",
    "reporterDesc": "Canada",
    "flowCode": "X",
    "flowDesc": "Export",
    "partnerCode": "156",
    "partnerISO": "CHN",
    "partnerDesc": "China",
    "partner2Code": "0",
    "partner2ISO": "W00",
    "partner2Desc": "World",
    "classificationCode": "H6",
    "classificationSearchCode": "HS",
    "isOriginalClassification": "True",
    "cmdCode": "120190",
    "cmdDesc": "Soya beans, other",
    "aggrLevel": "6",
    "isLeaf": "True",
    "customsCode": "C00",
    "customsDesc": "TOTAL CPC",
    "mosCode": "0",
    "motCode": "0",
    "motDesc": "TOTAL MOT",
    "qtyUnitCode": "8",
    "qtyUnitAbbr": "kg",
    "qty": "500",
    "isQtyEstimated": "False",
    "altQtyUnitCode": "-1",
    "altQtyUnitAbbr": "N/A",
    "altQty": "0",
    "isAltQtyEstimated": "False",
    "netWgt": "500",
    "isNetWgtEstimated": "False",
    "grossWgt": "0",
    "isGrossWgtEstimated": "False",
    "cifvalue": "",
    "fobvalue": "1000",
    "primaryValue": "1000",
    "legacyEstimationFlag": "0",
    "isReported": "True",
    "isAggregate": "False",
}
PLUS_ROWS: list[dict[str, str]] = [
    {},  # CAN exports soya beans to CHN: kept
    {
        "flowCode": "M",
        "flowDesc": "Import",
        "cmdCode": "850440",
        "qtyUnitCode": "-1",
        "qtyUnitAbbr": "N/A",
        "qty": "0",
        "primaryValue": "2000",
    },  # import, no quantity: kept
    {"flowCode": "RX", "flowDesc": "Re-export", "partnerCode": "842", "partnerISO": "USA"},
    {
        "partnerCode": "0",
        "partnerISO": "W00",
        "partnerDesc": "World",
        "cmdCode": "TOTAL",
        "cmdDesc": "All Commodities",
        "aggrLevel": "0",
        "primaryValue": "500000000",
        "qtyUnitAbbr": "N/A",
        "qty": "",
    },  # world total: kept
    {"motCode": "2100", "motDesc": "Sea"},  # breakdown by mode of transport
    {
        "freqCode": "M",
        "refMonth": "3",
        "period": "202203",
        "refPeriodId": "20220301",
        "primaryValue": "77.5",
        "qty": "10",
    },  # monthly: kept
    {
        "reporterCode": "156",
        "reporterISO": "",
        "partnerCode": "124",
        "partnerISO": "CAN",
        "cmdCode": "0101",
        "primaryValue": "3",
    },  # no reporter ISO: falls back to the code
    {"primaryValue": "-5"},  # negative value
    {"customsCode": "C01"},  # breakdown by customs procedure
]

LEGACY_HEADER = (
    "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
    "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
    "2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,"
    "Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,"
    "Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),Gross weight (kg),"
    "Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag"
)
LEGACY_TEXT = (
    LEGACY_HEADER
    + "\n"
    + (
        "H4,2019,2019,2019,6,1,1,Import,124,Canada,CAN,156,China,CHN,,,,,,,,120190,"
        '"Soya beans, other",8,Weight in kilograms,1000,,,,1000,,2500,,,0\n'
        "H4,2019,2019,2019,0,0,2,Export,124,Canada,CAN,0,World,WLD,,,,,,,,TOTAL,"
        "All Commodities,1,No Quantity,,,,,,,9000000,,,0\n"
        "H4,2019,2019,2019,6,1,3,Re-Export,124,Canada,CAN,842,USA,USA,,,,,,,,120190,"
        "Soya beans,8,Weight in kilograms,5,,,,5,,10,,,0\n"
        "H4,2019,201903,March 2019,4,0,2,Export,124,Canada,CAN,156,China,CHN,,,,,,,,1201,"
        "Soya beans,8,Weight in kilograms,7,,,,7,,70,,,0\n"
        "S4,2019,2019,2019,5,1,2,Export,124,Canada,CAN,156,China,CHN,,,,,,,,22222,"
        "Soya beans,8,Weight in kilograms,7,,,,7,,70,,,0\n"
    )
)


def _plus_text(rows: list[dict[str, str]], sep: str = ",") -> str:
    lines = [sep.join(PLUS_COLUMNS)]
    for row in rows:
        merged = PLUS_DEFAULTS | row
        cells = [merged[c] for c in PLUS_COLUMNS]
        if sep == ",":
            cells = [f'"{c}"' if "," in c else c for c in cells]
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


def _new_store(path: Path) -> Store:
    con = duckdb.connect(str(path))
    store = Store(con, path)
    store.migrate()
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = _new_store(tmp_path / "t.duckdb")
    yield s
    s.close()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _counts(store: Store) -> tuple[int, int]:
    c = store.info().counts
    return c["flows"], c["imports"]


# -- BACI --------------------------------------------------------------------------------------


def test_baci_rows_are_converted_and_queryable(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    report = import_baci(store, path)
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (6, 2, 4)
    assert report.rejected_reasons == {"unknown exporter code": 1, "missing or negative value": 1}
    assert report.dataset == "baci"
    assert len(report.import_id) == 16
    assert _counts(store) == (4, 1)

    flows = store.query_flows(reporter="CAN", partner="CHN")
    assert list(flows["hs"]) == ["010110", "120190"]
    first = flows.iloc[0]
    assert first["value"] == pytest.approx(1500.0)
    assert pd.isna(first["quantity"])
    assert flows.iloc[1]["value"] == pytest.approx(2_000_250.0)
    assert flows.iloc[1]["quantity"] == pytest.approx(12.5)
    assert first["quantity_unit"] == "t"
    assert first["flow"] == "export"
    assert first["year"] == 2022
    assert first["period"] == "annual"
    assert first["hs_revision"] == "HS17"
    assert first["published"] == "2024-01"
    assert first["publisher"] == "CEPII"
    assert first["locator"] == BACI_NAME
    assert first["source_url"].startswith("https://www.cepii.fr/")
    assert first["basis"] == "CEPII BACI, reconciled mirror flows, FOB"
    assert bool(first["preferred"]) is True
    assert first["import_id"] == report.import_id

    usa = store.query_flows(reporter="USA")  # 842 -> USA, blank quantity
    assert len(usa) == 1
    assert usa.iloc[0]["hs"] == "030111"
    assert pd.isna(usa.iloc[0]["quantity"])
    assert store.query_flows(hs="8517").iloc[0]["reporter"] == "CHN"


def test_baci_countries_file_maps_codes(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    countries = _write(tmp_path, "country_codes_V202401.csv", COUNTRIES_TEXT)
    report = import_baci(store, path, countries=countries)
    # 999 is not an ISO code, but the companion file maps it
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (6, 1, 5)
    assert report.rejected_reasons == {"missing or negative value": 1}
    assert len(store.query_flows(reporter="KOR")) == 1


def test_baci_countries_file_missing_column(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    countries = _write(tmp_path, "cc.csv", "country_code,country_name\n124,Canada\n")
    with pytest.raises(DataImportError, match="country_iso3"):
        import_baci(store, path, countries=countries)
    assert _counts(store) == (0, 0)


def test_baci_gzip_and_overrides(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "baci_extract.csv.gz"
    path.write_bytes(gzip.compress(BACI_TEXT.encode()))
    report = import_baci(store, path, hs_revision="HS12")
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (6, 2, 4)
    flows = store.query_flows(dataset="baci")
    assert set(flows["hs_revision"]) == {"HS12"}
    assert set(flows["published"]) == {"undated"}
    assert set(flows["locator"]) == {"baci_extract.csv.gz"}


def test_baci_other_rejections(store: Store, tmp_path: Path) -> None:
    text = (
        "t,i,j,k,v,q\n"
        "1987,124,156,10110,1.0,1.0\n"  # year out of range
        "2022,124,124,10110,1.0,1.0\n"  # exporter == importer
        "2022,124,156,1234567,1.0,1.0\n"  # 7 digits
        "2022,124,156,12AB,1.0,1.0\n"  # not numeric
        "2022,124,abc,10110,1.0,1.0\n"  # importer not a code
        "2022,124,156,10110,,1.0\n"  # missing value
        "2022,124,156,10110,NA,1.0\n"  # missing value
        "2022,124,156,10110,0.0,-2\n"  # kept: zero value, negative quantity dropped
    )
    report = import_baci(store, _write(tmp_path, "b.csv", text))
    assert report.rejected_reasons == {
        "year outside 1988..2100": 1,
        "exporter equals importer": 1,
        "bad HS code (not 1-6 digits)": 2,
        "unknown importer code": 1,
        "missing or negative value": 2,
    }
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (8, 7, 1)
    kept = store.query_flows()
    assert kept.iloc[0]["value"] == 0.0
    assert pd.isna(kept.iloc[0]["quantity"])
    assert kept.iloc[0]["hs_revision"] is None


def test_same_file_twice_is_refused(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    import_baci(store, path)
    before = _counts(store)
    copy = _write(tmp_path, "renamed.csv", BACI_TEXT)  # same bytes, other name
    for p in (path, copy):
        with pytest.raises(DataImportError, match="already imported") as info:
            import_baci(store, p)
        assert str(path) in str(info.value)
    assert _counts(store) == before


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("t,i,j,k,q\n2022,124,156,10110,1\n", "missing column(s) v"),
        ("t;i;j;k;v;q\n2022;124;156;10110;1;1\n", "t,i,j,k,v,q"),
        ("", "empty"),
        ("\n\n", "empty"),
    ],
)
def test_baci_bad_header_writes_nothing(
    store: Store, tmp_path: Path, text: str, fragment: str
) -> None:
    path = _write(tmp_path, "bad.csv", text)
    with pytest.raises(DataImportError) as info:
        import_baci(store, path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)
    assert _counts(store) == (0, 0)


def test_non_csv_files_are_refused(store: Store, tmp_path: Path) -> None:
    binary = tmp_path / "x.parquet"
    binary.write_bytes(b"PAR1\x00\x01\x02\xff\xfe\n")
    with pytest.raises(DataImportError, match="not a CSV"):
        import_baci(store, binary)
    zipped = tmp_path / "x.zip"
    zipped.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(DataImportError, match="zip"):
        import_comtrade(store, zipped)
    fake_gz = tmp_path / "x.csv.gz"
    fake_gz.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(DataImportError):
        import_baci(store, fake_gz)
    with pytest.raises(NotFoundError):
        import_baci(store, tmp_path / "nope.csv")
    assert _counts(store) == (0, 0)


@pytest.mark.parametrize(
    "bad_row",
    ["2022,124,156,10110,1,1,9,9", "2022,124,156,10110"],  # shifted rows are never guessed at
)
def test_malformed_row_aborts_and_writes_nothing(
    store: Store, tmp_path: Path, bad_row: str
) -> None:
    text = "t,i,j,k,v,q\n2022,124,156,10110,1,1\n" + bad_row + "\n"
    with pytest.raises(DataImportError, match="malformed"):
        import_baci(store, _write(tmp_path, "b.csv", text))
    assert _counts(store) == (0, 0)


def test_non_utf8_data_aborts(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes("t,i,j,k,v,q\n2022,124,156,10110,1,\xe9\n".encode("latin-1"))
    with pytest.raises(DataImportError, match="UTF-8"):
        import_baci(store, path)
    assert _counts(store) == (0, 0)


def test_bom_crlf_quoted_header_and_header_only(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes('\ufeff"t","i","j","k","v","q"\r\n2022, 124, 156, 10110, 1., NA\r\n'.encode())
    report = import_baci(store, path)
    assert report.rows_kept == 1
    assert store.query_flows().iloc[0]["value"] == 1000.0
    empty = import_baci(store, _write(tmp_path, "h.csv", "t,i,j,k,v,q"))
    assert (empty.rows_read, empty.rows_kept) == (0, 0)
    assert _counts(store) == (1, 2)


def test_failure_midway_rolls_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_baci(store, _write(tmp_path, "first.csv", "t,i,j,k,v,q\n2021,124,156,1,1,1\n"))
    before = _counts(store)
    real = store.add_flows_frame
    calls: list[int] = []

    def flaky(frame: pd.DataFrame, constants: dict[str, object] | None = None) -> int:
        calls.append(len(frame))
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(frame, constants)

    monkeypatch.setattr(store, "add_flows_frame", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_baci(store, _write(tmp_path, BACI_NAME, BACI_TEXT), chunk_rows=2)
    assert len(calls) == 2
    assert _counts(store) == before
    monkeypatch.undo()
    # nothing was recorded, so the same file imports cleanly afterwards
    assert import_baci(store, tmp_path / BACI_NAME, chunk_rows=2).rows_kept == 4


def test_progress_reaches_total(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    seen: list[tuple[int, int]] = []
    import_baci(store, path, chunk_rows=2, progress=lambda done, total: seen.append((done, total)))
    size = path.stat().st_size
    assert seen[-1] == (size, size)
    assert all(total == size for _, total in seen)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones)
    assert len(seen) >= 3


def test_chunked_and_whole_reads_agree(tmp_path: Path) -> None:
    path = _write(tmp_path, BACI_NAME, BACI_TEXT)
    reports = []
    for n, chunk_rows in enumerate((1, 4, 1000)):
        s = _new_store(tmp_path / f"s{n}.duckdb")
        reports.append(import_baci(s, path, chunk_rows=chunk_rows))
        s.close()
    assert (
        len(
            {(r.rows_read, r.rows_kept, tuple(sorted(r.rejected_reasons.items()))) for r in reports}
        )
        == 1
    )


def test_report_to_dict(store: Store, tmp_path: Path) -> None:
    report = import_baci(store, _write(tmp_path, BACI_NAME, BACI_TEXT))
    d = report.to_dict()
    assert d["rows_kept"] == 4
    assert d["rejected_reasons"]["unknown exporter code"] == 1
    assert ImportReport(**d) == report


# -- Comtrade ----------------------------------------------------------------------------------


def _check_plus(store: Store, report: ImportReport) -> None:
    assert report.dataset == "comtrade"
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (9, 4, 5)
    assert report.rejected_reasons == {
        "breakdown row (partner2/mode/customs) not kept": 2,
        "re-export/re-import not kept": 1,
        "missing or negative value": 1,
    }
    exports = store.query_flows(reporter="CAN", partner="CHN", flow="export")
    annual = exports[exports["period"] == "annual"].iloc[0]
    assert annual["hs"] == "120190"
    assert annual["value"] == 1000.0
    assert annual["quantity"] == 500.0
    assert annual["quantity_unit"] == "kg"
    assert annual["hs_revision"] == "HS22"
    assert annual["basis"] == "UN Comtrade, reported by CAN, H6"
    assert annual["publisher"] == "UN Comtrade (United Nations Statistics Division)"
    assert annual["source_url"] == "https://comtradeplus.un.org/"
    assert annual["published"] == "undated"
    monthly = exports[exports["period"] != "annual"].iloc[0]
    assert monthly["period"] == "2022-03"
    assert monthly["value"] == 77.5

    imports = store.query_flows(reporter="CAN", flow="import")
    assert len(imports) == 1
    assert imports.iloc[0]["hs"] == "850440"
    assert pd.isna(imports.iloc[0]["quantity"])
    assert imports.iloc[0]["quantity_unit"] is None

    world = store.query_flows(partner="WLD")
    assert list(world["hs"]) == ["TOTAL"]
    assert world.iloc[0]["value"] == 5e8

    china = store.query_flows(reporter="CHN", partner="CAN")
    assert list(china["hs"]) == ["0101"]
    assert store.query_flows(flow="export", partner="USA").empty


def test_comtrade_plus_csv(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "TradeData_2022.csv", _plus_text(PLUS_ROWS))
    report = import_comtrade(store, path)
    _check_plus(store, report)
    assert set(store.query_flows()["locator"]) == {"TradeData_2022.csv"}


def test_comtrade_plus_tab_separated_gz(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "COMTRADE-FINAL-CA124-2022.txt.gz"
    path.write_bytes(gzip.compress(_plus_text(PLUS_ROWS, sep="\t").encode()))
    seen: list[int] = []
    report = import_comtrade(
        store, path, chunk_rows=3, progress=lambda done, total: seen.append(total - done)
    )
    _check_plus(store, report)
    assert seen[-1] == 0


def test_comtrade_plus_minimal_columns_and_period(store: Store, tmp_path: Path) -> None:
    text = (
        "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n"
        "202204,124,156,X,01,10\n"
        "2022,124,0,M,TOTAL,20\n"
        "2022,124,156,DX,01,10\n"
        "2022,9999,156,X,01,10\n"
        "2022,124,156,X,1,30\n"
        "2022,124,156,X,123456789012,30\n"
    )
    report = import_comtrade(store, _write(tmp_path, "c.csv", text))
    assert report.rejected_reasons == {
        "flow code not export or import": 1,
        "unknown reporter code": 1,
        "bad commodity code (not TOTAL or 2-10 digits)": 1,
    }
    flows = store.query_flows()
    assert sorted(flows["period"]) == ["2022-04", "annual", "annual"]
    assert set(flows["hs"]) == {"01", "TOTAL"}  # "1" lost its leading zero
    assert set(flows.loc[flows["hs"] == "TOTAL", "partner"]) == {"WLD"}
    assert set(flows["basis"]) == {"UN Comtrade, reported by CAN, HS"}


def test_comtrade_legacy(store: Store, tmp_path: Path) -> None:
    report = import_comtrade(store, _write(tmp_path, "comtrade_legacy.csv", LEGACY_TEXT))
    assert (report.rows_read, report.rows_rejected, report.rows_kept) == (5, 2, 3)
    assert report.rejected_reasons == {
        "re-export/re-import not kept": 1,
        "not an HS classification": 1,
    }
    imp = store.query_flows(flow="import").iloc[0]
    assert (imp["reporter"], imp["partner"], imp["hs"]) == ("CAN", "CHN", "120190")
    assert imp["value"] == 2500.0
    assert imp["quantity"] == 1000.0
    assert imp["quantity_unit"] == "Weight in kilograms"
    assert imp["hs_revision"] == "HS12"
    world = store.query_flows(partner="WLD").iloc[0]
    assert (world["hs"], world["flow"], world["value"]) == ("TOTAL", "export", 9_000_000.0)
    assert pd.isna(world["quantity"])
    monthly = store.query_flows(hs="1201", partner="CHN", flow="export")
    assert list(monthly["period"]) == ["2019-03"]


def test_comtrade_missing_column(store: Store, tmp_path: Path) -> None:
    text = _plus_text(PLUS_ROWS).replace("primaryValue", "primaryVal")
    with pytest.raises(DataImportError, match="primaryValue") as info:
        import_comtrade(store, _write(tmp_path, "c.csv", text))
    assert "c.csv" in str(info.value)
    legacy = LEGACY_TEXT.replace("Trade Flow Code", "Flow")
    with pytest.raises(DataImportError, match=r"Trade Flow Code"):
        import_comtrade(store, _write(tmp_path, "l.csv", legacy))
    with pytest.raises(DataImportError, match="not a UN Comtrade file"):
        import_comtrade(store, _write(tmp_path, BACI_NAME, BACI_TEXT))
    assert _counts(store) == (0, 0)


def test_comtrade_twice_is_refused(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", _plus_text(PLUS_ROWS))
    import_comtrade(store, path)
    with pytest.raises(DataImportError, match="already imported"):
        import_comtrade(store, path)
    assert _counts(store) == (5, 1)


# -- property ----------------------------------------------------------------------------------

CODES = (124, 156, 842, 251, 392, 410)
_row = st.tuples(
    st.integers(1988, 2100),
    st.sampled_from(CODES),
    st.sampled_from(CODES),
    st.integers(1, 999_999),
    st.one_of(st.none(), st.integers(-1000, 10**9).map(lambda n: n / 1000)),
    st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_row, max_size=25), chunk_rows=st.integers(1, 10))
def test_baci_property_counts_and_values(
    rows: list[tuple[int, int, int, int, float | None, float | None]], chunk_rows: int
) -> None:
    lines = ["t,i,j,k,v,q"]
    for t, i, j, k, v, q in rows:
        lines.append(
            f"{t},{i},{j},{k},{'NA' if v is None else repr(v)},"
            f"{'           NA' if q is None else repr(q)}"
        )
    valid = [v for _, i, j, _, v, _ in rows if i != j and v is not None and v >= 0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / BACI_NAME
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store = Store(duckdb.connect(":memory:"), Path(":memory:"))
        store.migrate()
        report = import_baci(store, path, chunk_rows=chunk_rows)
        kept = store.query_flows()
        store.close()
    assert report.rows_read == len(rows)
    assert report.rows_kept + report.rows_rejected == report.rows_read
    assert sum(report.rejected_reasons.values()) == report.rows_rejected
    assert report.rows_kept == len(valid) == len(kept)
    assert math.isclose(
        float(kept["value"].sum()), 1000 * math.fsum(valid), rel_tol=1e-9, abs_tol=1e-6
    )
    assert kept["hs"].str.fullmatch(r"\d{6}").all()
