"""Sentence and clause spans over folded text.

Sentences end at ``. ! ? ؟ ؛`` and at line breaks (a headline is its own
sentence). A full stop between digits (3.5) or after a one-letter
abbreviation does not end a sentence, and a sentence does not end inside a
«…» quotation closed on its line (an unclosed « holds nothing together). Clauses further split a sentence
at ``،`` and ``,``; neither ends inside a closed parenthesis on one line ("(...)",
"(أي قبل أسبوع)").
"""

from __future__ import annotations

import re

from rasid.doc import Span

__all__ = ["split_sentences", "split_clauses"]

_END = re.compile(r"[.!?؟؛]+|\n+")
_CLAUSE = re.compile(r"[،,]")
# a closed aside on one line: "(...)", "(أي قبل أسبوع)", «...»
_ASIDE = re.compile(r"\([^()\n]{0,200}\)")


def asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of closed parentheses in ``text[start:end]`` (one line, bounded length)."""
    if "(" not in text[start:end]:
        return []
    return [(m.start(), m.end()) for m in _ASIDE.finditer(text, start, end)]


_QUOTE = re.compile(r"«[^«»\n]*»")


def quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of «…» quotations closed on their line in ``text[start:end]``."""
    if "«" not in text[start:end]:
        return []
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text, start, end)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies strictly inside one of ``spans``."""
    return any(a < pos < b - 1 for a, b in spans)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]``, stripped of surrounding spaces."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    s = start
    # closed «…» quotations and (…) asides: a full stop inside them does not end the sentence;
    # a « never closed on its line (a reporter's slip) holds nothing together
    keep = sorted(asides(text, start, end) + quotes(text, start, end))
    k = 0
    for m in _END.finditer(text, start, end):
        tok = m.group()
        if "\n" not in tok:
            if tok == "." and m.start() > 0 and m.end() < len(text):
                prev, nxt = text[m.start() - 1], text[m.end()] if m.end() < len(text) else " "
                if prev.isdigit() and nxt.isdigit():
                    continue
            while k < len(keep) and keep[k][1] <= m.start():
                k += 1
            if keep and inside(m.start(), keep[k:k + 3]):
                continue
        _add(text, s, m.end() if "\n" not in tok else m.start(), spans)
        s = m.end()
    _add(text, s, end, spans)
    return spans


def _add(text: str, s: int, e: int, spans: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append(Span(s, e, "sent"))


def split_clauses(text: str, sent: Span) -> list[Span]:
    """Clause spans of one sentence, split at commas."""
    out: list[Span] = []
    s = sent.start
    keep = asides(text, sent.start, sent.end)
    for m in _CLAUSE.finditer(text, sent.start, sent.end):
        if keep and inside(m.start(), keep):
            continue
        _add(text, s, m.start(), out)
        s = m.end()
    _add(text, s, sent.end, out)
    return out
