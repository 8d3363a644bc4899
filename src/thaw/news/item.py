"""The item every stage emits: a measure, event, quote or figure with its character span in the
original article text, its sentence and its fields (the contract in ``docs/news.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    """One piece of evidence. ``kind``: measure, event, quote or figure; ``start``/``end``:
    character span of the item's own clause (a quote's words, a figure's text) in the article;
    ``sentence``: the sentence holding it; ``fields``: what was extracted."""

    kind: str
    start: int
    end: int
    sentence: str
    fields: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (``fields`` is shared, not copied: items are fresh per extraction)."""
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "fields": self.fields,
        }
