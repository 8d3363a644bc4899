"""A stand-in extractor emitting items per the item contract, so the register link, the queue
and the review can be tested without depending on what the rule stages read today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thaw.news.extract import Item


def measure(**kw: Any) -> dict[str, Any]:
    """Measure fields per the contract (action, rate_pct, hedge...) with the old keys too."""
    f: dict[str, Any] = {
        "imposing": None,
        "targeted": None,
        "hs": [],
        "products": [],
        "rates": [],
        "rate_pct": None,
        "kind": "unspecified",
        "retaliatory": False,
        "action": "imposed",
        "hedged": False,
        "hedge": None,
        "status": "decided",
        "products_from_context": False,
        "economies_inferred": False,
        "date": None,
    }
    f.update(kw)
    if f["rates"] and f["rate_pct"] is None:
        f["rate_pct"] = f["rates"][0]
    f.setdefault("direction", "in_force" if f["action"] == "in_force_mentioned" else f["action"])
    return f


#: clause text -> measure fields; each clause found in an article becomes one item
CLAUSES: dict[str, dict[str, Any]] = {
    "a 75% duty on Canadian canola seed": measure(
        imposing="CHN",
        targeted="CAN",
        hs=["120510"],
        products=["canola seed"],
        rates=[75.0],
        kind="antidumping",
    ),
    "a 75.8% deposit on Canadian canola seed": measure(
        imposing="CHN",
        targeted="CAN",
        hs=["1205.10"],
        products=["canola seed"],
        rates=[75.8],
        kind="antidumping",
    ),
    "lifted its 100% tariff on Canadian canola meal": measure(
        imposing="CHN",
        targeted="CAN",
        hs=["230641"],
        products=["canola meal"],
        rates=[100.0],
        action="lifted",
    ),
    "a 10% tariff on Chinese peas": measure(
        imposing="CAN",
        targeted="CHN",
        hs=["071310"],
        products=["peas"],
        rates=[10.0],
    ),
    "a 25% surtax on Chinese steel": measure(
        imposing="CAN",
        targeted="CHN",
        hs=["72"],
        products=["steel"],
        rates=[25.0],
        kind="surtax",
    ),
    "the 25% tariff on Canadian goods": measure(
        imposing="USA",
        targeted="CAN",
        rates=[25.0],
        action="in_force_mentioned",
    ),
    "may raise its steel surtax to 50%": measure(
        imposing="CAN",
        targeted="CHN",
        hs=["72"],
        products=["steel"],
        rates=[50.0],
        kind="surtax",
        action="raised",
        hedged=True,
        hedge="may",
        status="proposed",
    ),
}
QUOTES = {"“we will not back down,”": "Li"}


def extract(text: str, published: dt.date) -> list[Item]:
    """Items for every known clause (and quote) the text holds, spans in the text."""
    out = []
    for clause, fields in CLAUSES.items():
        at = text.find(clause)
        if at < 0:
            continue
        lo = text.rfind("\n", 0, at) + 1
        hi = text.find("\n", at)
        sentence = text[lo : hi if hi >= 0 else len(text)]
        out.append(Item("measure", at, at + len(clause), sentence, dict(fields, clause=clause)))
    for quoted, speaker in QUOTES.items():
        at = text.find(quoted)
        if at >= 0:
            lo = text.rfind("\n", 0, at) + 1
            hi = text.find("\n", at)
            sentence = text[lo : hi if hi >= 0 else len(text)]
            fields = {"text": quoted.strip("“”,"), "speaker": speaker}
            out.append(Item("quote", at, at + len(quoted), sentence, fields))
    return out
