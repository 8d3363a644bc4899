"""Economy codes: ISO 3166-1 alpha-3, via the maintained ``pycountry`` package.

A few aggregates used in trade statistics are accepted too (``WLD`` for the world total,
``ROW`` for a documented rest-of-world remainder, ``EUN`` for the European Union as a customs
union). ISO numeric codes, as used by BACI and Comtrade, map to alpha-3 through
:func:`from_numeric`.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from thaw.errors import UnknownEconomyError

AGGREGATES: dict[str, str] = {
    "WLD": "World (all partners)",
    "ROW": "Rest of world (remainder after the listed partners)",
    "EUN": "European Union",
}

# Trade-statistics numeric codes that differ from ISO 3166-1 numeric (CEPII BACI and UN Comtrade
# use the UN M49 "areas" for a few countries whose statistics include territories).
_TRADE_NUMERIC_EXCEPTIONS: dict[int, str] = {
    251: "FRA",  # France incl. Monaco
    579: "NOR",  # Norway incl. Svalbard and Jan Mayen
    699: "IND",  # India (historical trade code)
    757: "CHE",  # Switzerland incl. Liechtenstein
    842: "USA",  # USA incl. Puerto Rico and US Virgin Islands
    490: "TWN",  # "Other Asia, nes": Taiwan in trade statistics
    0: "WLD",  # Comtrade: World
    97: "EUN",  # Comtrade: European Union as a reporter
}


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    return {c.alpha_3: c.name for c in pycountry.countries}


def is_known(code: str) -> bool:
    """True if ``code`` is an ISO alpha-3 code or a known aggregate."""
    return code in _alpha3() or code in AGGREGATES


def normalize_economy(code: str, *, allow_aggregates: bool = True) -> str:
    """Return the upper-case alpha-3 code, or raise :class:`UnknownEconomyError`."""
    if not isinstance(code, str):
        raise UnknownEconomyError(f"economy code must be a string, got {code!r}")
    c = code.strip().upper()
    if c in _alpha3() or (allow_aggregates and c in AGGREGATES):
        return c
    hint = ""
    try:
        guess = pycountry.countries.lookup(code.strip())
        hint = f"; did you mean {guess.alpha_3} ({guess.name})?"
    except LookupError:
        hint = "; use an ISO 3166-1 alpha-3 code such as CAN, CHN or USA"
    raise UnknownEconomyError(f"unknown economy {code!r}{hint}")


def economy_name(code: str) -> str:
    """Human name of an economy code (the code itself if unknown)."""
    return _alpha3().get(code) or AGGREGATES.get(code) or code


@lru_cache(maxsize=4096)
def from_numeric(number: int) -> str | None:
    """Alpha-3 code for an ISO/UN M49 numeric code as used in BACI and Comtrade, or None."""
    if number in _TRADE_NUMERIC_EXCEPTIONS:
        return _TRADE_NUMERIC_EXCEPTIONS[number]
    country = pycountry.countries.get(numeric=f"{number:03d}")
    return None if country is None else str(country.alpha_3)
