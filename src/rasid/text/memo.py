"""Results computed on one text, shared by the components that read it.

Several matchers scan the same sentence of the same document (the event
extractor, the source finder, the actor and place resolvers). A
:class:`TextMemo` keeps what was computed for the text seen last, keyed by
span, and forgets it as soon as another text comes: memory stays bounded by one
document, and a document is never answered with another's results.

The text is recognised by identity (``is``), which costs nothing; two equal
texts that are different objects simply do not share, and equal texts give
equal results anyway. Cached values must be immutable or copied by the caller.

>>> memo = TextMemo()
>>> text = "قصف على حلب"
>>> memo.table(text)[(0, 3)] = "x"
>>> memo.table(text)[(0, 3)]
'x'
>>> memo.table("نص آخر")
{}
"""

from __future__ import annotations

from typing import Any

__all__ = ["TextMemo"]


class TextMemo:
    """A span-keyed table for the text seen last (thread-safe: each text gets its own table)."""

    __slots__ = ("_state",)

    def __init__(self) -> None:
        self._state: tuple[str | None, dict[Any, Any]] = (None, {})

    def table(self, text: str) -> dict[Any, Any]:
        """The table of ``text``; a fresh one when ``text`` is not the text seen last."""
        state = self._state
        if state[0] is not text:
            state = (text, {})
            self._state = state  # one assignment: another thread sees the old or the new pair
        return state[1]

    def clear(self) -> None:
        """Forget everything (call when what the results depend on changes)."""
        self._state = (None, {})
