"""CoNLL token files and BIO tag sequences.

A CoNLL file holds one token per line (further columns, such as a gold tag,
follow after white space) and a blank line between sentences. ANERcorp uses
``B-``/``I-`` tags over the types ``PERS LOC ORG MISC``. Entity spans follow
the CoNLL ``conlleval`` convention: an ``I-X`` that does not continue an
``X`` entity starts a new one.

>>> tag_spans(["B-PERS", "I-PERS", "O", "I-LOC"])
[(0, 2, 'PERS'), (3, 4, 'LOC')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasid.errors import DataFileError

__all__ = ["Sentence", "read_conll", "write_conll", "tag_spans", "evaluate", "Scores", "LABELS", "tag_file"]

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")


@dataclass(slots=True)
class Sentence:
    """One sentence of a CoNLL file: its tokens and, if the file had them, tags."""

    tokens: list[str]
    tags: list[str] | None = None


def read_conll(path: str | Path, *, with_tags: bool = True) -> list[Sentence]:
    """Read a CoNLL file.

    Args:
        path: a UTF-8 file, one token per line, blank line between sentences.
        with_tags: keep the last column as the tag when a line has two or more
            columns (lines without one get ``O``).

    Returns:
        The sentences, in file order. Runs of blank lines count as one break.

    Raises:
        DataFileError: the file cannot be read or decoded.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read CoNLL file '{path}': {e}") from e
    return list(_parse(lines, with_tags))


def _parse(lines: Iterable[str], with_tags: bool) -> Iterator[Sentence]:
    toks: list[str] = []
    tags: list[str] = []
    any_tag = False
    for line in lines:
        parts = line.split()
        if not parts:
            if toks:
                yield Sentence(toks, tags if with_tags and any_tag else None)
            toks, tags, any_tag = [], [], False
            continue
        toks.append(parts[0])
        if len(parts) > 1:
            any_tag = True
            tags.append(parts[-1])
        else:
            tags.append("O")
    if toks:
        yield Sentence(toks, tags if with_tags and any_tag else None)


def write_conll(path: str | Path, sentences: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
    """Write ``token TAG`` lines, a blank line after each sentence.

    Args:
        path: output file (UTF-8).
        sentences: ``(tokens, tags)`` pairs of equal length.
    """
    with open(path, "w", encoding="utf-8") as f:
        for toks, tags in sentences:
            for t, g in zip(toks, tags, strict=True):
                f.write(f"{t} {g}\n")
            f.write("\n")


def tag_file(
    src: str | Path,
    dst: str | Path,
    tag_document: Callable[[list[list[str]]], list[list[str]]],
    *,
    doc_sentences: int = 20,
) -> int:
    """Tag a CoNLL file line by line: every token line becomes ``token TAG``.

    Blank lines are copied as they are, so the output has exactly the input's
    line structure. Sentences are handed to ``tag_document`` in groups of
    ``doc_sentences`` (a ``-DOCSTART-`` line also ends a group), which is the
    window a name found once is propagated over.

    Args:
        src: input file, one token per line (further columns are ignored).
        dst: output file.
        tag_document: tags the sentences of one document.
        doc_sentences: sentences per group when the file marks no documents.

    Returns:
        The number of tokens tagged.

    Raises:
        DataFileError: the input cannot be read.
    """
    try:
        lines = Path(src).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(f"cannot read CoNLL file '{src}': {e}") from e
    tokens = [ln.split()[0] if ln.strip() else None for ln in lines]
    out_tags: list[str | None] = [None] * len(lines)
    group: list[list[int]] = []
    cur: list[int] = []

    def flush() -> None:
        if group:
            tagged = tag_document([[tokens[i] or "" for i in sent] for sent in group])
            for sent, tags in zip(group, tagged, strict=True):
                for i, t in zip(sent, tags, strict=True):
                    out_tags[i] = t
            group.clear()

    for i, tok in enumerate(tokens):
        if tok is None:
            if cur:
                group.append(cur)
                cur = []
                if len(group) >= doc_sentences:
                    flush()
        elif tok == "-DOCSTART-":
            if cur:
                group.append(cur)
                cur = []
            flush()
            out_tags[i] = "O"
        else:
            cur.append(i)
    if cur:
        group.append(cur)
    flush()
    n = 0
    with open(dst, "w", encoding="utf-8") as f:
        for tok, tag in zip(tokens, out_tags, strict=True):
            if tok is None:
                f.write("\n")
            else:
                f.write(f"{tok} {tag}\n")
                n += 1
    return n


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` (token indices, end exclusive) of a tag sequence."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    typ = ""
    for i, tag in enumerate(tags):
        if tag == "O" or "-" not in tag:
            if start >= 0:
                spans.append((start, i, typ))
            start, typ = -1, ""
            continue
        bio, t = tag.split("-", 1)
        if bio == "B" or t != typ or start < 0:
            if start >= 0:
                spans.append((start, i, typ))
            start, typ = i, t
    if start >= 0:
        spans.append((start, len(tags), typ))
    return spans


@dataclass(slots=True)
class Scores:
    """Entity-level scores (exact span and type)."""

    precision: float
    recall: float
    f1: float
    per_type: dict[str, tuple[float, float, float, int]]
    """type -> (precision, recall, f1, gold count)."""


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> Scores:
    """Micro precision/recall/F1 over exact entity spans, as CoNLL's ``conlleval``.

    Args:
        gold: gold tag sequences, one per sentence.
        pred: predicted tag sequences, aligned with ``gold``.
    """
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs = set(tag_spans(g))
        ps = set(tag_spans(p))
        for s in gs:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in ps:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[1] += 1
            if s in gs:
                c[0] += 1
    tp = sum(c[0] for c in counts.values())
    npred = sum(c[1] for c in counts.values())
    ngold = sum(c[2] for c in counts.values())
    per = {t: (*_prf(*c), c[2]) for t, c in sorted(counts.items())}
    return Scores(*_prf(tp, npred, ngold), per_type=per)
