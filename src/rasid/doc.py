"""The one object every pipeline stage reads and writes.

A :class:`Document` keeps the article exactly as read (``raw``), its folded form
(``text``, see :mod:`rasid.text.normalize`) and the map between the two. Every
annotation is a :class:`Span` of character offsets into ``text``; ``raw_span``
turns it into offsets of the original article, which is what records carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rasid.text.normalize import normalize, raw_span

__all__ = ["Span", "Document"]


@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` slice of ``Document.text`` with an optional label."""

    start: int
    end: int
    label: str = ""


@dataclass(slots=True)
class Document:
    """An article flowing through the pipeline.

    Attributes:
        id: document id (file stem or the JSONL ``id``).
        raw: the article exactly as read; headline on the first line when known.
        text: the folded text (same meaning, matching-friendly), indexed by spans.
        offsets: ``offsets[i]`` is the raw index of ``text[i]``; one extra entry.
        title: the headline, if the input had one.
        date: publication date ``YYYY-MM-DD`` if known.
        meta: any other input metadata (url, outlet, ...).
        sents: sentence spans (set by the sentence splitter).
        ents: entity spans (set by recognisers), label = PERS/LOC/ORG/MISC or finer.
        events: event records (set by the extractor).
        quotes: quote records (set by the quote attributor).
    """

    id: str
    raw: str
    text: str = ""
    offsets: list[int] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    sents: list[Span] = field(default_factory=list)
    ents: list[Span] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    user: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_raw(cls, id: str, raw: str, **kw: Any) -> Document:
        """Build a document and its folded text from the raw article."""
        text, offsets = normalize(raw)
        return cls(id=id, raw=raw, text=text, offsets=offsets, **kw)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``raw`` of the folded span ``[start, end)``."""
        return raw_span(self.offsets, start, end)

    def raw_text(self, start: int, end: int) -> str:
        """The original characters behind the folded span ``[start, end)``."""
        s, e = self.raw_span(start, end)
        return self.raw[s:e]
