"""Faster regular expressions for the extractor: the same pattern behind a lookahead on the
characters a match can start with.

Python's ``re`` tries a pattern at every position of the text; for an alternation of words under
``re.IGNORECASE`` (products, verbs of change, event nouns) most of the time goes to positions
where no alternative can start. :func:`prefiltered` reads the pattern's parse tree, collects the
characters a match can begin with and prepends ``(?=[...])``: a necessary condition on the first
character, so matches, spans and groups are unchanged (``tests/news/test_scan.py`` checks this on
random text). Patterns whose first character cannot be bounded (``.``, a negated class, an empty
match) are compiled as they are.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_c: Any
_p: Any
try:  # the parser is private; without it patterns are compiled as they are
    _c = importlib.import_module("re._constants")
    _p = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Python versions
    _c = _p = None

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def prefiltered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with a first-character lookahead when one can be found."""
    first = first_characters(pattern, flags)
    if first is None:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


def lowered(pattern: str) -> re.Pattern[str]:
    """A case-insensitive ``pattern`` for text already lowercased (``str.lower``): compiled
    without ``re.IGNORECASE`` and prefiltered, which runs two to three times faster. The pattern
    must be written in lowercase and hold no case-sensitive part."""
    return prefiltered(pattern)


def lower_same_length(text: str) -> str | None:
    """``text.lower()`` when lowercasing keeps every offset (almost always), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """The body of a character class holding every character a match can start with, or None
    when that cannot be bounded."""
    if _p is None or _GLOBAL_FLAGS.match(pattern):
        return None
    try:
        tree = _p.parse(pattern, flags)
    except re.error:
        return None
    found = _first(list(tree), bool(flags & re.IGNORECASE))
    if found is None or found[1] or not found[0]:
        return None
    return "".join(sorted(found[0]))


def _first(seq: list[Any], fold: bool) -> tuple[set[str], bool] | None:
    """(class pieces a match of ``seq`` can start with, whether ``seq`` can match empty); None
    when unbounded."""
    out: set[str] = set()
    for op, av in seq:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next element gives the first character
        if op is _c.LITERAL:
            out |= _literal(av, fold)
            return out, False
        if op is _c.IN:
            pieces = _class(av, fold)
            if pieces is None:
                return None
            return out | pieces, False
        if op is _c.SUBPATTERN:
            sub = _first(list(av[3]), fold or bool(av[1] & re.IGNORECASE))
            if sub is None:
                return None
            out |= sub[0]
            if not sub[1]:
                return out, False
            continue
        if op is _c.BRANCH:
            empty = False
            for alt in av[1]:
                sub = _first(list(alt), fold)
                if sub is None:
                    return None
                out |= sub[0]
                empty = empty or sub[1]
            if not empty:
                return out, False
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _, body = av
            sub = _first(list(body), fold)
            if sub is None:
                return None
            out |= sub[0]
            if low > 0 and not sub[1]:
                return out, False
            continue
        return None  # ANY, back-references, conditionals...: not bounded
    return out, True


def _literal(code: int, fold: bool) -> set[str]:
    ch = chr(code)
    chars = {ch, ch.lower(), ch.upper()} if fold else {ch}
    return {re.escape(c) for c in chars if len(c) == 1}


def _class(items: list[Any], fold: bool) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out |= _literal(av, fold)
        elif op is _c.RANGE:
            lo, hi = av
            out.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
            if fold:
                for a, b in (
                    (chr(lo).lower(), chr(hi).lower()),
                    (chr(lo).upper(), chr(hi).upper()),
                ):
                    if len(a) == len(b) == 1 and a <= b:
                        out.add(f"{re.escape(a)}-{re.escape(b)}")
        elif op is _c.CATEGORY and str(av) in _CATEGORIES:
            out.add(_CATEGORIES[str(av)])
        else:
            return None  # negated classes and the like
    return out
