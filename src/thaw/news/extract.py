"""Evidence from news text: the thin entry point composing the stages.

page (body text, furniture and datelines out) -> sentences -> candidates -> measures in register
units, events, quotes and figures -> attributes (economies, hedges, actions) -> dates. Each stage
is its own module under ``thaw.news``, pure and tested alone; ``docs/news.md`` describes the
rules. Pure: text and a publication date in, items out. No I/O.
"""

from __future__ import annotations

import datetime as dt

from thaw.news import attributes as _attributes
from thaw.news import dates as _dates
from thaw.news import events as _events
from thaw.news import page as _page
from thaw.news.events import event_items
from thaw.news.figures import figure_items
from thaw.news.item import Item
from thaw.news.measures import measure_items
from thaw.news.quotes import quote_items
from thaw.news.sentences import Sentence, sentences, strip_quotes

__all__ = ["Item", "Sentence", "clear_caches", "extract", "sentences"]


def clear_caches() -> None:
    """Forget memoised quote stripping and date finding (they help within an article and across
    repeated boilerplate; benchmarks clear them to measure unrepeated text)."""
    strip_quotes.cache_clear()
    _dates.clear_cache()
    _events._people.cache_clear()
    _events._breaks.cache_clear()
    _attributes.clear_cache()


def extract(text: str, published: dt.date) -> list[Item]:
    """Every measure, event, quote and figure in an article's body, in text order, each with
    its span in ``text``. Page furniture (title, headings, datelines, bylines, captions,
    navigation) gives nothing."""
    body = _page.body(text)
    sents = [s for seg in body.segments for s in sentences(text, seg.start, seg.end)]
    items: list[Item] = []
    intro, since = "", 99
    memory: dict[str, object] = {}
    for s in sents:
        found = measure_items(s, published, intro if since <= 3 else "", memory)
        items += found
        items += event_items(s, published)
        since += 1
        if s.text.rstrip().endswith(":"):
            intro, since = s.text, 0
    items += quote_items(text, sents)
    items += figure_items(text, sents, items)
    return sorted(items, key=lambda it: (it.start, it.kind))
