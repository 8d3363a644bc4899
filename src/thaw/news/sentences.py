"""Sentences: break after ., ! or ? (and closing quotes) before the next sentence; no break inside
an open quotation or after an abbreviation (U.S., Mr., Jan., an initial).

Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\bU\.S|\bMr|\bMrs|\bMs|\bDr|\bSt|\bNo|\bJan|\bFeb|\bMar|\bApr|\bJun|\bJul|\bAug|"
    r"\bSep|\bSept|\bOct|\bNov|\bDec|\bLtd|\bInc|\bCorp|\bCo|\bProf|\bSen|\bRep|\bGov|\bGen|"
    r"\bOnt|\bQue|\bSask|\bAlta|\bMan|\bJr|\bSr|\bvs|\b[A-Z])\.$"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with their offsets in ``text``: a break after ., ! or ?
    (and any closing quotes or bracket: ``.”``, ``."``, ``?”``) before a capital, a digit or an
    opening quote, and at line breaks; a period after a common abbreviation or an initial
    (U.S., Mr., Jan.) does not end a sentence, nor does a mark inside an open quotation."""
    stop = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, stop):
        newline = "\n" in m.group(0)
        if not newline and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue
        closing = _CLOSING.match(text, m.start())
        cut = closing.end() if closing else m.start()
        if not newline and _open_quote(text[pos:cut]):
            continue  # no break inside a quotation
        _add(out, text, pos, cut)
        pos = m.end()
    _add(out, text, pos, stop)
    return out


_CLOSING = re.compile(r"[\"”’)]*")


def _open_quote(inside: str) -> bool:
    """Whether a quotation opened in ``inside`` is still open at its end."""
    if inside.count("“") > inside.count("”"):
        return True
    return inside.count('"') % 2 == 1


def _add(out: list[Sentence], text: str, a: int, b: int) -> None:
    seg = text[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        out.append(Sentence(a + lead, a + lead + len(seg), seg))


QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


@lru_cache(maxsize=4096)
def strip_quotes(text: str) -> str:
    """``text`` with every quotation (marks included) blanked out, offsets unchanged."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


WORD = re.compile(r"[A-Za-z][\w’']*")


def is_headline(text: str) -> bool:
    """A title or section heading: no closing punctuation and most words capitalised."""
    if text.rstrip()[-1:] in '.!?:”"':
        return False  # closing punctuation (checked first: most sentences end so)
    words = WORD.findall(text)
    if not words:
        return False
    caps = sum(w[0].isupper() for w in words if len(w) > 3)
    return bool(caps >= 0.6 * max(1, sum(len(w) > 3 for w in words)))
