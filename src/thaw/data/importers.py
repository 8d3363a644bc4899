"""Importers for bulk trade-data files: CEPII BACI and UN Comtrade (Comtrade+ and legacy).

Files are streamed in chunks (plain ``.csv``, tab-separated ``.txt`` and gzip-compressed files,
detected from their first bytes) with the Arrow CSV reader and validated a chunk at a time with
vectorised operations. Rows that cannot be used are counted with a reason and skipped; a file that
cannot be read at all (empty, not CSV, ragged rows, missing columns, already imported) raises
:class:`~thaw.errors.DataImportError`. Every import runs in one store transaction: if anything
fails midway, nothing is written.

An import is identified by the first 16 hex digits of the SHA-256 of the file's bytes, so the
same file is never imported twice, whatever it is called.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from thaw._io import content_id
from thaw.data.schema import FLOW_COLUMNS
from thaw.data.store import Store
from thaw.economies import from_numeric, is_known
from thaw.errors import DataImportError, NotFoundError

__all__ = ["ImportReport", "import_baci", "import_comtrade"]

Progress = Callable[[int, int], None]
BoolArray = npt.NDArray[np.bool_]

BACI_COLUMNS: tuple[str, ...] = ("t", "i", "j", "k", "v", "q")
BACI_SOURCE_URL = "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"
BACI_PUBLISHER = "CEPII"
BACI_BASIS = "CEPII BACI, reconciled mirror flows, FOB"
BACI_YEARS = (1988, 2100)

COMTRADE_SOURCE_URL = "https://comtradeplus.un.org/"
COMTRADE_PUBLISHER = "UN Comtrade (United Nations Statistics Division)"
COMTRADE_YEARS = (1962, 2100)

#: Comtrade classification codes -> the HS revision names BACI uses.
COMTRADE_HS_REVISIONS: dict[str, str] = {
    "H0": "HS92",
    "H1": "HS96",
    "H2": "HS02",
    "H3": "HS07",
    "H4": "HS12",
    "H5": "HS17",
    "H6": "HS22",
}

REASON_REEXPORT = "re-export/re-import not kept"
REASON_BREAKDOWN = "breakdown row (partner2/mode/customs) not kept"

_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
_HEADER_LIMIT = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read, rejected (with reasons) and kept."""

    dataset: str
    file: str
    import_id: str
    rows_read: int
    rows_rejected: int
    rows_kept: int
    rejected_reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "file": self.file,
            "import_id": self.import_id,
            "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected,
            "rows_kept": self.rows_kept,
            "rejected_reasons": dict(self.rejected_reasons),
        }


# -- file handling ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FileInfo:
    path: Path
    size: int
    compressed: bool
    sep: str
    columns: tuple[str, ...]
    has_rows: bool = True  # False: nothing after the header line
    import_id: str = ""

    def identified(self) -> _FileInfo:
        """This file info with its import id (a full pass over the file)."""
        return replace(self, import_id=content_id(self.path))


def _inspect(path: Path) -> _FileInfo:
    """Check the file exists and is a (possibly gzipped) text table; read its header."""
    if not path.exists():
        raise NotFoundError(f"no file {path}")
    if not path.is_file():
        raise DataImportError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise DataImportError(f"{path}: the file is empty")
    with path.open("rb") as raw:
        magic = raw.read(4)
        raw.seek(0)
        if magic.startswith(_ZIP_MAGIC):
            raise DataImportError(
                f"{path}: this is a zip archive; extract the CSV file from it and import that"
            )
        compressed = magic.startswith(_GZIP_MAGIC)
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        try:
            line = stream.readline(_HEADER_LIMIT)
            has_rows = stream.read(1) != b""
        except (OSError, EOFError, zlib.error) as exc:
            raise DataImportError(f"{path}: not a readable gzip file ({exc})") from exc
    if not line.strip():
        raise DataImportError(f"{path}: the file is empty (no header line)")
    try:
        if b"\x00" in line:
            raise UnicodeDecodeError("utf-8", line, 0, 1, "NUL byte")
        text = line.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise DataImportError(f"{path}: not a CSV text file (binary content)") from None
    sep = "\t" if "\t" in text else ","
    columns = tuple(c.strip().strip('"').strip() for c in text.split(sep))
    return _FileInfo(path, size, compressed, sep, columns, has_rows)


def _open_data(raw: io.BufferedReader, compressed: bool) -> Any:
    """An Arrow input stream over the (decompressed) bytes of ``raw``."""
    stream = pa.PythonFile(raw, mode="r")
    return pa.CompressedInputStream(stream, "gzip") if compressed else stream


def _rechunk(batches: Iterator[Any], chunk_rows: int) -> Iterator[Any]:
    """Regroup Arrow record batches into tables of exactly ``chunk_rows`` rows (last: fewer)."""
    pending: list[Any] = []
    count = 0
    for batch in batches:
        if batch.num_rows == 0:
            continue
        pending.append(batch)
        count += batch.num_rows
        while count >= chunk_rows:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, chunk_rows)
            rest = table.slice(chunk_rows)
            pending, count = rest.to_batches(), rest.num_rows
    if count:
        yield pa.Table.from_batches(pending)


def _read_chunks(
    info: _FileInfo, wanted: set[str], chunk_rows: int, progress: Progress | None
) -> Iterator[pd.DataFrame]:
    """Yield chunks of the wanted columns as text (blanks as ``""``), ``chunk_rows`` at a time.

    Rows with the wrong number of fields, and undecodable text in a wanted column, abort the
    read with :class:`DataImportError` (a shifted row would otherwise be misread silently).
    """
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be at least 1, got {chunk_rows}")
    names = list(info.columns)
    if len(set(names)) != len(names):  # Arrow needs unique names; only wanted ones matter
        names = [c if c in wanted else f"{c}\x00{n}" for n, c in enumerate(names)]
    include = [c for c in names if c in wanted]
    if progress is not None:
        progress(0, info.size)
    if not info.has_rows:
        if progress is not None:
            progress(info.size, info.size)
        return
    with info.path.open("rb") as raw:
        try:
            reader = pacsv.open_csv(
                _open_data(raw, info.compressed),
                read_options=pacsv.ReadOptions(
                    column_names=names, skip_rows=1, use_threads=False, block_size=1 << 22
                ),
                parse_options=pacsv.ParseOptions(delimiter=info.sep),
                convert_options=pacsv.ConvertOptions(
                    include_columns=include,
                    column_types={c: pa.string() for c in include},
                    strings_can_be_null=False,
                ),
            )

            def batches() -> Iterator[Any]:
                for batch in reader:  # one Arrow block (a few MB) at a time
                    if progress is not None:
                        progress(min(raw.tell(), info.size), info.size)
                    yield batch

            for table in _rechunk(batches(), chunk_rows):
                yield table.to_pandas(types_mapper=_as_str)
        except pa.ArrowInvalid as exc:
            hint = "; save the file as UTF-8 and retry" if "UTF8" in str(exc) else ""
            raise DataImportError(
                f"{info.path}: malformed CSV ({exc}){hint}; nothing was written"
            ) from exc
        except (OSError, EOFError, zlib.error) as exc:
            raise DataImportError(
                f"{info.path}: cannot read the file ({exc}); nothing was written"
            ) from exc
    if progress is not None:
        progress(info.size, info.size)


def _as_str(arrow_type: Any) -> Any:
    """Arrow strings -> pandas ``str`` dtype (Arrow-backed, no Python objects)."""
    return pd.StringDtype("pyarrow", na_value=np.nan) if pa.types.is_string(arrow_type) else None


# -- vectorised helpers ----------------------------------------------------------------------


def _text(s: pd.Series[str]) -> pd.Series[str]:
    return s.astype(str).str.strip()


def _num(s: pd.Series[str]) -> pd.Series[float]:
    """Numbers; NaN where blank, ``NA`` or not a plain decimal number (vectorised in Arrow)."""
    arr = pc.utf8_trim_whitespace(pa.array(s.astype(str)))
    ok = pc.match_substring_regex(arr, f"^{_NUMBER}$")
    values = pc.cast(pc.if_else(ok, arr, pa.scalar(None, pa.string())), pa.float64())
    return pd.Series(values.to_numpy(zero_copy_only=False), index=s.index, dtype="float64")


def _mask(s: pd.Series[bool]) -> BoolArray:
    return s.to_numpy(dtype=bool, na_value=False)


def _map_unique(s: pd.Series[Any], fn: Callable[[Any], str | None]) -> pd.Series[Any]:
    """Apply ``fn`` once per distinct value (not per row); NaN where it returns None."""
    lookup = {v: fn(v) for v in pd.unique(s.dropna())}
    return s.map(lookup)


class _Rejections:
    """First failing check wins; counts per reason."""

    def __init__(self, n: int) -> None:
        self.code = np.zeros(n, dtype=np.int16)
        self.reasons: list[str] = []

    def reject(self, bad: BoolArray, reason: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.code[(self.code == 0) & bad] = self.reasons.index(reason) + 1

    @property
    def keep(self) -> BoolArray:
        result: BoolArray = self.code == 0
        return result

    def counts(self) -> dict[str, int]:
        tally = np.bincount(self.code, minlength=len(self.reasons) + 1)
        return {r: int(tally[i + 1]) for i, r in enumerate(self.reasons) if tally[i + 1]}


def _numeric_economy(number: Any) -> str | None:
    try:
        f = float(number)
    except (TypeError, ValueError):
        return None
    if not f.is_integer() or f < 0:
        return None
    return from_numeric(int(f))


def _iso_economy(code: Any) -> str | None:
    c = str(code).strip().upper()
    if c == "W00":
        return "WLD"
    return c if c and is_known(c) else None


def _economies(frame: pd.DataFrame, iso_col: str | None, code_col: str | None) -> pd.Series[Any]:
    """Alpha-3 codes from an ISO column if usable, else from a numeric code column."""
    out = pd.Series(np.nan, index=frame.index, dtype=object)
    if iso_col is not None:
        out = _map_unique(_text(frame[iso_col]), _iso_economy)
    if code_col is not None:
        missing = out.isna()
        if missing.any():
            codes = _num(frame.loc[missing, code_col])
            out = out.where(~missing, _map_unique(codes, _numeric_economy))
    return out


def _merge_counts(total: dict[str, int], part: Mapping[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def _require(info: _FileInfo, groups: list[tuple[str, ...]], expected: str) -> None:
    """Raise unless the header has, for each group, at least one of its column names."""
    have = set(info.columns)
    missing = [" or ".join(g) for g in groups if not have.intersection(g)]
    if missing:
        raise DataImportError(
            f"{info.path}: missing column(s) {', '.join(missing)}; expected {expected}; "
            "nothing was written"
        )


def _check_new(store: Store, info: _FileInfo) -> None:
    earlier = store.import_exists(info.import_id)
    if earlier is not None:
        raise DataImportError(
            f"{info.path}: this file was already imported (import {info.import_id}, "
            f"from {earlier}); nothing was written"
        )


def _run(
    store: Store,
    info: _FileInfo,
    dataset: str,
    wanted: set[str],
    chunk_rows: int,
    progress: Progress | None,
    convert: Callable[[pd.DataFrame], _Batch],
) -> ImportReport:
    """Stream, convert and write the file in one transaction; record the import."""
    read = kept = 0
    reasons: dict[str, int] = {}
    with store.transaction():
        _check_new(store, info)
        for chunk in _read_chunks(info, wanted, chunk_rows, progress):
            batch = convert(chunk)
            read += len(chunk)
            _merge_counts(reasons, batch.rejected)
            if len(batch.frame):
                kept += store.add_flows_frame(batch.frame, batch.constants)
        rejected = read - kept
        store.record_import(
            import_id=info.import_id,
            dataset=dataset,
            file=str(info.path),
            rows_read=read,
            rows_rejected=rejected,
            rows_kept=kept,
        )
    return ImportReport(dataset, str(info.path), info.import_id, read, rejected, kept, reasons)


@dataclass(frozen=True, slots=True)
class _Batch:
    """Converted rows: the columns that vary, the constants, and rejection counts."""

    frame: pd.DataFrame
    constants: dict[str, Any]
    rejected: dict[str, int]


def _batch(index: pd.Index[Any], data: dict[str, Any], rejected: dict[str, int]) -> _Batch:
    """Split ``data`` (one entry per FLOW_COLUMNS column) into per-row Series and constants."""
    missing = [c for c in FLOW_COLUMNS if c not in data]
    if missing:  # a programming error, not bad input
        raise KeyError(f"converted data lacks {missing}")
    series = {c: v for c, v in data.items() if isinstance(v, pd.Series)}
    constants = {c: v for c, v in data.items() if not isinstance(v, pd.Series)}
    frame = pd.DataFrame(series, index=index).reset_index(drop=True)
    return _Batch(frame, constants, rejected)


# -- BACI ------------------------------------------------------------------------------------


def _baci_countries(path: str | Path) -> dict[int, str]:
    """Code -> alpha-3 from BACI's ``country_codes_V*.csv`` (current or older column names)."""
    p = Path(path).expanduser()
    info = _inspect(p)
    have = set(info.columns)
    iso_col = next((c for c in ("country_iso3", "iso_3digit_alpha") if c in have), None)
    if "country_code" not in have or iso_col is None:
        raise DataImportError(
            f"{p}: missing column(s) "
            f"{', '.join(c for c in ('country_code', 'country_iso3') if c not in have)}; expected "
            "BACI's country_codes_V*.csv with header "
            "country_code,country_name,country_iso2,country_iso3"
        )
    frames = list(_read_chunks(info, {"country_code", iso_col}, 100_000, None))
    table = pd.concat(frames) if frames else pd.DataFrame(columns=["country_code", iso_col])
    codes = _num(table["country_code"])
    isos = _text(table[iso_col]).str.upper()
    return {
        int(c): i
        for c, i in zip(codes, isos, strict=True)
        if not np.isnan(c) and float(c).is_integer() and i
    }


def _baci_resolver(countries: dict[int, str] | None) -> Callable[[Any], str | None]:
    def resolve(number: Any) -> str | None:
        try:
            f = float(number)
        except (TypeError, ValueError):
            return None
        if not f.is_integer():
            return None
        if countries is not None:
            iso = countries.get(int(f))
            if iso is not None and is_known(iso):
                return iso
        # Codes the companion file lacks, or maps to a non-ISO group ("S19", "N/A"), follow
        # thaw's own table (e.g. 490 "Other Asia, nes" -> TWN).
        return _numeric_economy(f)

    return resolve


def _baci_meta(path: Path, hs_revision: str | None) -> tuple[str | None, str]:
    name = path.name
    rev = hs_revision
    if rev is None:
        m = re.search(r"BACI_(HS\d\d)_", name, flags=re.IGNORECASE)
        rev = m.group(1).upper() if m else None
    v = re.search(r"_V(\d{4})(\d{2})", name)
    published = f"{v.group(1)}-{v.group(2)}" if v else "undated"
    return rev, published


def import_baci(
    store: Store,
    path: str | Path,
    *,
    hs_revision: str | None = None,
    countries: str | Path | None = None,
    chunk_rows: int = 1_000_000,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CEPII BACI bulk file (``BACI_HS17_Y2022_V202401.csv``, header ``t,i,j,k,v,q``).

    Values (thousands of USD) become USD; quantities are metric tons. Exporter/importer codes
    map through ``countries`` (BACI's ``country_codes_V*.csv``) if given, else through
    :func:`thaw.economies.from_numeric`. Each row becomes an ``export`` flow reported by the
    exporter. ``progress(bytes_done, bytes_total)`` is called as the file is read.
    """
    p = Path(path).expanduser().resolve()
    info = _inspect(p)
    _require(
        info,
        [(c,) for c in BACI_COLUMNS],
        "a CEPII BACI bulk CSV with header t,i,j,k,v,q (e.g. BACI_HS17_Y2022_V202401.csv)",
    )
    table = _baci_countries(countries) if countries is not None else None
    info = info.identified()
    resolve = _baci_resolver(table)
    rev, published = _baci_meta(p, hs_revision)
    lo, hi = BACI_YEARS

    def convert(chunk: pd.DataFrame) -> _Batch:
        rej = _Rejections(len(chunk))
        year = _num(chunk["t"])
        rej.reject(~_mask(year.between(lo, hi) & (year % 1 == 0)), f"year outside {lo}..{hi}")
        exporter = _map_unique(_num(chunk["i"]), resolve)
        importer = _map_unique(_num(chunk["j"]), resolve)
        rej.reject(_mask(exporter.isna()), "unknown exporter code")
        rej.reject(_mask(importer.isna()), "unknown importer code")
        rej.reject(_mask(exporter == importer), "exporter equals importer")
        hs = _text(chunk["k"])
        rej.reject(~_mask(hs.str.fullmatch(r"\d{1,6}")), "bad HS code (not 1-6 digits)")
        value = _num(chunk["v"])
        rej.reject(~_mask((value >= 0) & np.isfinite(value)), "missing or negative value")
        qty = _num(chunk["q"])
        qty = qty.where((qty >= 0) & np.isfinite(qty))
        keep = rej.keep
        return _batch(
            chunk.index[keep],
            {
                "dataset": "baci",
                "import_id": info.import_id,
                "hs": hs[keep].str.zfill(6),
                "hs_revision": rev,
                "product": None,
                "reporter": exporter[keep].astype(str),
                "partner": importer[keep].astype(str),
                "flow": "export",
                "year": year[keep].astype("int64"),
                "period": "annual",
                "value": value[keep] * 1000.0,
                "currency": "USD",
                "quantity": qty[keep],
                "quantity_unit": "t",
                "basis": BACI_BASIS,
                "preferred": True,
                "confidence": None,
                "derived_from": None,
                "note": None,
                "source_url": BACI_SOURCE_URL,
                "publisher": BACI_PUBLISHER,
                "published": published,
                "locator": p.name,
            },
            rej.counts(),
        )

    return _run(store, info, "baci", set(BACI_COLUMNS), chunk_rows, progress, convert)


# -- UN Comtrade -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ComtradeLayout:
    """Where each field lives in one of the two Comtrade header styles."""

    style: str
    year: str | None
    period: str | None
    freq: str | None
    month: str | None
    reporter_iso: str | None
    reporter_code: str | None
    partner_iso: str | None
    partner_code: str | None
    flow: str
    exports: frozenset[str]
    imports: frozenset[str]
    reexports: frozenset[str]
    commodity: str
    value: str
    qty: str | None
    unit: str | None
    classification: str | None
    # (column, values meaning "total", e.g. partner2 0 / mode 0 / customs C00)
    breakdowns: tuple[tuple[str, frozenset[str]], ...]

    def columns(self) -> set[str]:
        cols = {
            self.year,
            self.period,
            self.freq,
            self.month,
            self.reporter_iso,
            self.reporter_code,
            self.partner_iso,
            self.partner_code,
            self.flow,
            self.commodity,
            self.value,
            self.qty,
            self.unit,
            self.classification,
        }
        cols.update(c for c, _ in self.breakdowns)
        return {c for c in cols if c is not None}


_PLUS_EXPECTED = (
    "a UN Comtrade+ bulk/API file with columns refYear (or period), reporterCode/reporterISO, "
    "partnerCode/partnerISO, flowCode, cmdCode, primaryValue (optionally qty, qtyUnitAbbr, "
    "partner2Code, motCode, customsCode, classificationCode, freqCode, refMonth)"
)
_LEGACY_EXPECTED = (
    "a legacy UN Comtrade bulk CSV with columns Classification, Year, Period, Trade Flow Code, "
    "Reporter Code, Reporter ISO, Partner Code, Partner ISO, Commodity Code, Qty Unit, Qty, "
    "Trade Value (US$)"
)
_PLUS_REQUIRED: list[tuple[str, ...]] = [
    ("refYear", "period"),
    ("reporterISO", "reporterCode"),
    ("partnerISO", "partnerCode"),
    ("flowCode",),
    ("cmdCode",),
    ("primaryValue",),
]
_LEGACY_REQUIRED: list[tuple[str, ...]] = [
    ("Year",),
    ("Reporter ISO", "Reporter Code"),
    ("Partner ISO", "Partner Code"),
    ("Trade Flow Code",),
    ("Commodity Code",),
    ("Trade Value (US$)",),
]


def _comtrade_layout(info: _FileInfo) -> _ComtradeLayout:
    have = set(info.columns)

    def opt(name: str) -> str | None:
        return name if name in have else None

    def score(groups: list[tuple[str, ...]]) -> int:
        return sum(bool(have.intersection(g)) for g in groups)

    if score(_LEGACY_REQUIRED) > score(_PLUS_REQUIRED):
        _require(info, _LEGACY_REQUIRED, _LEGACY_EXPECTED)
        return _ComtradeLayout(
            style="legacy",
            year="Year",
            period=opt("Period"),
            freq=None,
            month=None,
            reporter_iso=opt("Reporter ISO"),
            reporter_code=opt("Reporter Code"),
            partner_iso=opt("Partner ISO"),
            partner_code=opt("Partner Code"),
            flow="Trade Flow Code",
            exports=frozenset({"2"}),
            imports=frozenset({"1"}),
            reexports=frozenset({"3", "4"}),
            commodity="Commodity Code",
            value="Trade Value (US$)",
            qty=opt("Qty"),
            unit=opt("Qty Unit"),
            classification=opt("Classification"),
            breakdowns=tuple(
                (c, t)
                for c, t in (
                    ("2nd Partner Code", frozenset({"", "0"})),
                    ("Mode of Transport Code", frozenset({"", "0"})),
                    ("Customs Proc. Code", frozenset({"", "C00"})),
                )
                if c in have
            ),
        )
    if score(_PLUS_REQUIRED) == 0:
        raise DataImportError(
            f"{info.path}: not a UN Comtrade file (header: {', '.join(info.columns[:8])}...); "
            f"expected {_PLUS_EXPECTED}, or {_LEGACY_EXPECTED}; nothing was written"
        )
    _require(info, _PLUS_REQUIRED, _PLUS_EXPECTED)
    return _ComtradeLayout(
        style="plus",
        year=opt("refYear"),
        period=opt("period"),
        freq=opt("freqCode"),
        month=opt("refMonth"),
        reporter_iso=opt("reporterISO"),
        reporter_code=opt("reporterCode"),
        partner_iso=opt("partnerISO"),
        partner_code=opt("partnerCode"),
        flow="flowCode",
        exports=frozenset({"X"}),
        imports=frozenset({"M"}),
        reexports=frozenset({"RX", "RM"}),
        commodity="cmdCode",
        value="primaryValue",
        qty=opt("qty"),
        unit=opt("qtyUnitAbbr"),
        classification=opt("classificationCode"),
        breakdowns=tuple(
            (c, t)
            for c, t in (
                ("partner2Code", frozenset({"", "0"})),
                ("motCode", frozenset({"", "0"})),
                ("customsCode", frozenset({"", "C00"})),
            )
            if c in have
        ),
    )


def _is_total(s: pd.Series[str], totals: frozenset[str]) -> BoolArray:
    text = _text(s).str.upper()
    numeric = _num(s)
    ok = text.isin(totals)
    if "0" in totals:
        ok = ok | (numeric == 0)
    return _mask(ok)


_NO_UNIT = frozenset({"", "N/A", "NA", "NO QUANTITY", "-1"})


def import_comtrade(
    store: Store, path: str | Path, *, chunk_rows: int = 500_000, progress: Progress | None = None
) -> ImportReport:
    """Import a UN Comtrade bulk file: Comtrade+ (``refYear, reporterISO, flowCode, cmdCode,
    primaryValue, ...``; CSV or tab-separated ``.txt``, optionally gzipped) or the legacy bulk
    CSV (``Year, Trade Flow Code, Reporter ISO, Commodity Code, Trade Value (US$), ...``).

    Exports and imports are kept as reported (``flow`` from the reporter's side); re-exports,
    re-imports, breakdown rows (partner2 / mode of transport / customs procedure) and non-HS
    classifications are counted as rejected. ``progress(bytes_done, bytes_total)`` is called as
    the file is read.
    """
    p = Path(path).expanduser().resolve()
    info = _inspect(p)
    lay = _comtrade_layout(info)
    info = info.identified()
    lo, hi = COMTRADE_YEARS

    def convert(chunk: pd.DataFrame) -> _Batch:
        rej = _Rejections(len(chunk))
        n = len(chunk)
        # breakdowns and flows first: they are expected, not errors
        if lay.breakdowns:
            bad = np.zeros(n, dtype=bool)
            for col, totals in lay.breakdowns:
                bad |= ~_is_total(chunk[col], totals)
            rej.reject(bad, REASON_BREAKDOWN)
        flow_code = _text(chunk[lay.flow]).str.upper()
        rej.reject(_mask(flow_code.isin(lay.reexports)), REASON_REEXPORT)
        is_export = flow_code.isin(lay.exports)
        rej.reject(
            ~_mask(is_export | flow_code.isin(lay.imports)), "flow code not export or import"
        )
        if lay.classification is not None:
            cls = _text(chunk[lay.classification]).str.upper()
            rej.reject(~_mask((cls == "") | cls.str.startswith("H")), "not an HS classification")
        else:
            cls = pd.Series("", index=chunk.index, dtype=str)

        # year and period
        period = _text(chunk[lay.period]) if lay.period is not None else None
        if lay.year is not None:
            year = _num(chunk[lay.year])
        else:
            assert period is not None  # guaranteed by _require
            year = _num(period.str.slice(0, 4))
        rej.reject(
            ~_mask(year.between(lo, hi) & (year % 1 == 0)), f"year missing or outside {lo}..{hi}"
        )
        if lay.freq is not None:
            monthly = _text(chunk[lay.freq]).str.upper() == "M"
        elif period is not None:
            monthly = period.str.fullmatch(r"\d{6}")
        else:
            monthly = pd.Series(False, index=chunk.index)
        if lay.month is not None and lay.freq is not None:
            month = _num(chunk[lay.month])
        elif period is not None:
            month = _num(period.str.slice(4, 6))
        else:
            month = pd.Series(np.nan, index=chunk.index, dtype="float64")
        rej.reject(
            _mask(monthly & ~(month.between(1, 12) & (month % 1 == 0))),
            "monthly row without a valid month",
        )

        reporter = _economies(chunk, lay.reporter_iso, lay.reporter_code)
        partner = _economies(chunk, lay.partner_iso, lay.partner_code)
        rej.reject(_mask(reporter.isna()), "unknown reporter code")
        rej.reject(_mask(partner.isna()), "unknown partner code")

        cmd = _text(chunk[lay.commodity]).str.upper()
        is_digits = cmd.str.fullmatch(r"\d{1,10}")
        # Comtrade codes have even lengths; an odd length lost its leading zero (e.g. "1" -> "01")
        hs = cmd.where(cmd.str.len() % 2 == 0, "0" + cmd)
        rej.reject(
            ~_mask((cmd == "TOTAL") | (is_digits & (hs.str.len() <= 10))),
            "bad commodity code (not TOTAL or 2-10 digits)",
        )

        value = _num(chunk[lay.value])
        rej.reject(~_mask((value >= 0) & np.isfinite(value)), "missing or negative value")

        if lay.qty is not None and lay.unit is not None:
            unit = _text(chunk[lay.unit])
            has_unit = ~unit.str.upper().isin(_NO_UNIT)
            qty = _num(chunk[lay.qty])
            qty = qty.where(has_unit & (qty >= 0) & np.isfinite(qty))
            unit = unit.where(qty.notna())
        else:
            qty = pd.Series(np.nan, index=chunk.index, dtype="float64")
            unit = pd.Series(None, index=chunk.index, dtype=object)

        keep = rej.keep
        y = year[keep].astype("int64")
        period_out = pd.Series("annual", index=y.index, dtype=object)
        mkeep = _mask(monthly[keep])
        if mkeep.any():
            mm = month[keep][mkeep].astype("int64")
            period_out[mkeep] = y[mkeep].astype(str) + "-" + mm.astype(str).str.zfill(2)
        rep = reporter[keep].astype(str)
        cls_k = cls[keep]
        basis = "UN Comtrade, reported by " + rep + ", " + cls_k.where(cls_k != "", "HS")
        return _batch(
            y.index,
            {
                "dataset": "comtrade",
                "import_id": info.import_id,
                "hs": hs[keep].where(cmd[keep] != "TOTAL", "TOTAL"),
                "hs_revision": cls_k.map(COMTRADE_HS_REVISIONS),
                "product": None,
                "reporter": rep,
                "partner": partner[keep].astype(str),
                "flow": is_export[keep].map({True: "export", False: "import"}),
                "year": y,
                "period": period_out,
                "value": value[keep],
                "currency": "USD",
                "quantity": qty[keep],
                "quantity_unit": unit[keep],
                "basis": basis,
                "preferred": True,
                "confidence": None,
                "derived_from": None,
                "note": None,
                "source_url": COMTRADE_SOURCE_URL,
                "publisher": COMTRADE_PUBLISHER,
                "published": "undated",
                "locator": p.name,
            },
            rej.counts(),
        )

    return _run(store, info, "comtrade", lay.columns(), chunk_rows, progress, convert)
