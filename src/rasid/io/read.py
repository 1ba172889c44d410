"""Read articles from files, folders and stdin into :class:`~rasid.doc.Document`.

Formats: ``.txt`` (line 1 may be the headline), ``.html``/``.htm`` (boilerplate
stripped to the article text), ``.jsonl`` (one article per line with ``id``,
``title``, ``text``, optional ``date``, ``url``, ``outlet``), ``.zip`` (members
in any of these formats, or SaudiNewsNet-style JSON lists of articles) and
``.parquet`` (columns ``id``, ``title``, ``text``, ``date``, ...; see
:mod:`rasid.io.archive`). Bytes are decoded as UTF-8, else Windows-1256. A file
or line that cannot be read becomes a :class:`ReadError` in the stream, never
an exception: the batch goes on.

:func:`read_articles` yields light :class:`Article` values (raw text and
metadata, not yet normalised) so that parallel runners can ship them to worker
processes cheaply; :func:`read_paths` yields finished :class:`Document` values.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.doc import Document
from rasid.errors import InputError

__all__ = [
    "Article", "ReadError", "read_paths", "read_articles", "read_file", "read_bytes", "decode",
    "jsonl_record_document", "jsonl_record_article", "read_bytes_articles", "read_file_articles",
    "MAX_ARTICLE_CHARS", "SUFFIXES",
]

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".zip", ".parquet")
MAX_ARTICLE_CHARS = 5_000_000
"""Longest article accepted (about 2,000 pages): a bigger one is a per-document error, not a crash."""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read: where it was and why."""

    path: str
    reason: str
    doc: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Article:
    """An article as read, before normalisation: cheap to pickle to a worker."""

    id: str
    raw: str
    title: str | None = None
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_document(self) -> Document:
        """The :class:`Document` of this article (folds the text)."""
        return Document.from_raw(self.id, self.raw, title=self.title, date=self.date, meta=self.meta)


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1256.

    Raises:
        InputError: the bytes are empty, binary, or no supported encoding fits.
    """
    if not data.strip():
        raise InputError("empty input")
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("binary file (NUL bytes); expected UTF-8 or Windows-1256 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 or Windows-1256 text ({e.reason} at byte {e.start})") from e
        if not _ARABIC.search(text[:20000]):
            raise InputError("not UTF-8, and no Arabic text when read as Windows-1256")
    if not text.strip():
        raise InputError("empty input")
    ctrl = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if ctrl > max(8, len(text[:4096]) // 20):
        raise InputError("binary file (control characters); expected text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_size(raw: str) -> None:
    if len(raw) > MAX_ARTICLE_CHARS:
        raise InputError(f"article too long ({len(raw):,} characters > {MAX_ARTICLE_CHARS:,}); "
                         "split it into articles (e.g. one JSONL line each)")


def _txt_article(doc_id: str, text: str, date: str | None, meta: dict[str, Any]) -> Article:
    _check_size(text)
    first = text.lstrip("\n").split("\n", 1)[0].strip()
    title = first if first and len(first) <= 300 and "\n" in text.strip() else None
    return Article(doc_id, text, title=title, date=date, meta=meta)


def _html_article(doc_id: str, html: str, date: str | None, meta: dict[str, Any]) -> Article:
    from rasid.io.html import html_to_text

    if len(html) > 4 * MAX_ARTICLE_CHARS:
        raise InputError(f"HTML page too large ({len(html):,} characters); not parsed")
    title, body = html_to_text(html)
    if not body.strip() and not (title or "").strip():
        raise InputError("HTML page has no article text")
    raw = f"{title}\n{body}" if title else body
    _check_size(raw)
    return Article(doc_id, raw, title=title or None, date=date, meta=meta)


def _jsonl_articles(path: str, text: str, default_date: str | None) -> Iterator[Article | ReadError]:
    stem = Path(path).stem
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(path, f"line is not JSON ({e.msg}); skipped", line=n)
            continue
        if not isinstance(rec, dict):
            yield ReadError(path, "line is not a JSON object; skipped", line=n)
            continue
        yield jsonl_record_article(rec, path=path, line=n, default_id=f"{stem}-{n}", default_date=default_date)


def jsonl_record_document(
    rec: dict[str, Any], *, path: str = "<record>", line: int | None = None,
    default_id: str = "doc", default_date: str | None = None,
) -> Document | ReadError:
    """Turn one article record (``id``, ``title``, ``text``/``content``, ...) into a Document."""
    art = jsonl_record_article(rec, path=path, line=line, default_id=default_id, default_date=default_date)
    return art if isinstance(art, ReadError) else art.to_document()


def jsonl_record_article(
    rec: dict[str, Any], *, path: str = "<record>", line: int | None = None,
    default_id: str = "doc", default_date: str | None = None,
) -> Article | ReadError:
    """Turn one article record into an :class:`Article` (see :func:`jsonl_record_document`).

    ``text`` or ``content`` is the body; ``date`` (or SaudiNewsNet's
    ``date_extracted``) gives the date when it starts with ``YYYY-MM-DD``.
    """
    body = rec.get("text", rec.get("content"))
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    if not isinstance(body, str) or not body.strip():
        if title and title.strip() and (body is None or isinstance(body, str)):
            body = ""  # a headline-only article is still an article
        else:
            return ReadError(path, "record has no 'text' string; skipped", doc=str(rec.get("id") or ""), line=line)
    doc_id = str(rec.get("id") or default_id)
    raw = (f"{title.strip()}\n{body}" if body else title.strip()) if title and title.strip() else body
    date = rec.get("date", rec.get("date_extracted"))
    date = date if isinstance(date, str) else None
    date = date[:10] if date and _DATE_RE.match(date) else default_date
    if len(raw) > MAX_ARTICLE_CHARS:
        return ReadError(path, f"article too long ({len(raw):,} characters > {MAX_ARTICLE_CHARS:,}); skipped",
                         doc=doc_id, line=line)
    meta = {k: v for k, v in rec.items() if k not in ("text", "content", "title", "id", "date")}
    return Article(doc_id, raw, title=title.strip() if title else None, date=date, meta=meta)


def read_bytes_articles(
    data: bytes, *, path: str, doc_id: str, date: str | None = None,
) -> Iterator[Article | ReadError]:
    """Articles in one file's bytes; the suffix of ``path`` picks the format."""
    suffix = Path(path).suffix.lower()
    if suffix in (".zip", ".parquet"):
        from rasid.io.archive import read_archive_bytes

        yield from read_archive_bytes(data, path=path, date=date)
        return
    try:
        text = decode(data)
    except InputError as e:
        yield ReadError(path, str(e), doc=doc_id)
        return
    if suffix in (".jsonl", ".ndjson") or (suffix == "" and text.lstrip().startswith("{")):
        yield from _jsonl_articles(path, text, date)
        return
    if suffix == ".json":
        from rasid.io.archive import json_articles

        yield from json_articles(text, path=path, stem=Path(path).stem, date=date)
        return
    meta = {"path": path}
    try:
        if suffix in (".html", ".htm") or (suffix == "" and re.match(r"\s*<(!doctype|html)", text, re.I)):
            yield _html_article(doc_id, text, date, meta)
        else:
            yield _txt_article(doc_id, text, date, meta)
    except InputError as e:
        yield ReadError(path, str(e), doc=doc_id)
    except Exception as e:  # a parser bug on one odd page must not stop the batch
        logger.debug("reader failed on %s", path, exc_info=True)
        yield ReadError(path, f"cannot parse ({type(e).__name__}: {e})", doc=doc_id)


def read_bytes(data: bytes, *, path: str, doc_id: str, date: str | None = None) -> Iterator[Document | ReadError]:
    """Documents in one file's bytes; the suffix of ``path`` picks the format."""
    for item in read_bytes_articles(data, path=path, doc_id=doc_id, date=date):
        yield item if isinstance(item, ReadError) else item.to_document()


def read_file_articles(path: Path, *, date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles of one file (one for .txt/.html, one per line for .jsonl, many for archives)."""
    if path.suffix.lower() in (".zip", ".parquet"):
        from rasid.io.archive import read_archive

        yield from read_archive(path, date=date)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(str(path), f"cannot read file: {e.strerror or e}")
        return
    yield from read_bytes_articles(data, path=str(path), doc_id=path.stem, date=date)


def read_file(path: Path, *, date: str | None = None) -> Iterator[Document | ReadError]:
    """Documents of one file (one for .txt/.html, one per line for .jsonl)."""
    for item in read_file_articles(path, date=date):
        yield item if isinstance(item, ReadError) else item.to_document()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Expand files and folders (recursively, sorted) into input files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    yield f
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


_SIDECAR_PEEK = 20
_SIDECAR_FIELDS = ("date", "url", "outlet", "author", "title")


def _peek_jsonl(path: Path, limit: int) -> list[dict[str, Any]] | None:
    """The first JSON-object records of a JSONL file, or None when it does not parse as such."""
    recs: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    return None
                recs.append(rec)
                if len(recs) >= limit:
                    break
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return recs


def _folder_inputs(folder: Path) -> tuple[list[Path | ReadError], dict[str, dict[str, Any]]]:
    """Input files of a folder, and the metadata its sidecar JSONL files give other files.

    A JSONL file whose records carry no ``text``/``content`` is not an article
    file: when its ``id`` values name other articles of the folder (``001`` for
    ``001.txt``) it is their metadata (date, url, outlet); when its records are
    event records (``doc`` and ``type``), it is left out with a warning.
    """
    files = list(iter_files([folder]))
    stems = {f.stem for f in files if isinstance(f, Path) and f.suffix.lower() not in (".jsonl", ".ndjson")}
    inputs: list[Path | ReadError] = []
    sidecar: dict[str, dict[str, Any]] = {}
    for f in files:
        if isinstance(f, Path) and f.suffix.lower() in (".jsonl", ".ndjson"):
            head = _peek_jsonl(f, _SIDECAR_PEEK)
            if head and not any(isinstance(r.get("text", r.get("content")), str) for r in head):
                if all("doc" in r and "type" in r for r in head):
                    logger.warning("%s holds event records, not articles: left out", f)
                    continue
                if sum(1 for r in head if str(r.get("id")) in stems) >= 0.8 * len(head):
                    for rec in _peek_jsonl(f, 10**9) or []:
                        if str(rec.get("id")) in stems:
                            sidecar[str(rec["id"])] = {k: rec[k] for k in _SIDECAR_FIELDS if k in rec}
                    logger.info("%s: metadata for %d articles of the folder", f, len(sidecar))
                    continue
        inputs.append(f)
    return inputs, sidecar


def _with_sidecar(art: Article, meta: dict[str, Any]) -> Article:
    d = meta.get("date")
    if isinstance(d, str) and _DATE_RE.match(d):
        art.date = d[:10]
    if art.title is None and isinstance(meta.get("title"), str):
        art.title = meta["title"].strip() or None
    art.meta.update({k: v for k, v in meta.items() if k not in ("date", "title")})
    return art


def read_articles(paths: Iterable[str | Path], *, date: str | None = None) -> Iterator[Article | ReadError]:
    """Stream :class:`Article` values (not yet normalised) from files, folders and ``-``.

    Same inputs and errors as :func:`read_paths`. In a folder, a metadata-only
    JSONL file (``id`` + ``date``/``url``/``outlet`` per article, no text)
    dates the folder's other articles instead of being read as articles.
    """
    for p in paths:
        if str(p) == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes_articles(data, path="<stdin>", doc_id="stdin", date=date)
            continue
        path = Path(p)
        files, sidecar = _folder_inputs(path) if path.is_dir() else (list(iter_files([path])), {})
        for f in files:
            if isinstance(f, ReadError):
                yield f
                continue
            for art in read_file_articles(f, date=date):
                if sidecar and isinstance(art, Article) and art.id in sidecar:
                    art = _with_sidecar(art, sidecar[art.id])
                yield art


def read_paths(paths: Iterable[str | Path], *, date: str | None = None) -> Iterator[Document | ReadError]:
    """Stream documents from files, folders and ``-`` (stdin).

    Args:
        paths: files, folders (read recursively) or ``-`` for standard input.
        date: publication date (``YYYY-MM-DD``) for documents without one.

    Yields:
        A :class:`Document` per article, or a :class:`ReadError` per input that
        could not be read (the caller reports it and goes on).
    """
    for item in read_articles(paths, date=date):
        yield item if isinstance(item, ReadError) else item.to_document()
