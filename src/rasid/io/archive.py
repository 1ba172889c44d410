"""Whole corpora in one file: zip archives and Parquet tables.

* ``.zip``: every member is read by its own suffix (``.txt``, ``.html``,
  ``.jsonl``) or, for ``.json``, as a JSON list of article objects, the
  SaudiNewsNet layout (``source``, ``url``, ``date_extracted``, ``title``,
  ``author``, ``content``). An article without an ``id`` gets the stable id
  ``<zipstem>-<index>`` (index in the member's list, from 0), or
  ``<zipstem>-<memberstem>-<index>`` when the zip holds several members.
* ``.parquet``: one article per row, columns ``id``, ``title``, ``text`` (or
  ``content``), ``date`` and any others (kept as metadata); read in batches
  with pyarrow. A row without ``id`` gets ``<stem>-<row>``.

A broken archive, member or record becomes a :class:`~rasid.io.read.ReadError`
and the rest goes on.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasid.errors import InputError
from rasid.io.read import Article, ReadError, decode, jsonl_record_article, read_bytes_articles

__all__ = ["read_archive", "read_archive_bytes", "read_zip", "read_parquet", "json_articles"]

logger = logging.getLogger(__name__)

_PARQUET_BATCH = 2048


def json_articles(
    text: str, *, path: str, stem: str, date: str | None = None,
) -> Iterator[Article | ReadError]:
    """Articles of a JSON document: a list of article objects, or one object.

    Args:
        text: the decoded JSON text.
        path: where it came from, for error messages.
        stem: prefix of the ids given to articles without an ``id``.
        date: date for articles without one.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield ReadError(path, f"not JSON ({e.msg} at line {e.lineno}); skipped")
        return
    items = data if isinstance(data, list) else [data]
    for i, rec in enumerate(items):
        if not isinstance(rec, dict):
            yield ReadError(path, f"item {i} is not a JSON object; skipped", doc=f"{stem}-{i}")
            continue
        yield _record(rec, path=f"{path}[{i}]", default_id=f"{stem}-{i}", date=date)


def _record(rec: dict[str, Any], *, path: str, default_id: str, date: str | None) -> Article | ReadError:
    if "outlet" not in rec and isinstance(rec.get("source"), str):
        rec = {**rec, "outlet": rec["source"]}
    return jsonl_record_article(rec, path=path, default_id=default_id, default_date=date)


def read_zip(zf: zipfile.ZipFile, *, path: str, date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles in every member of an open zip file, members in name order."""
    zstem = Path(path).stem
    infos = [i for i in zf.infolist() if not i.is_dir() and not Path(i.filename).name.startswith(".")]
    members = sorted(infos, key=lambda i: i.filename)
    single = len(members) == 1
    for info in members:
        mpath = f"{path}!{info.filename}"
        mstem = Path(info.filename).stem
        stem = zstem if single else f"{zstem}-{mstem}"
        try:
            data = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
            yield ReadError(mpath, f"cannot read zip member ({e}); skipped")
            continue
        suffix = Path(info.filename).suffix.lower()
        if suffix == ".json":
            try:
                text = decode(data)
            except InputError as e:
                yield ReadError(mpath, str(e))
                continue
            yield from json_articles(text, path=mpath, stem=stem, date=date)
        elif suffix in (".zip", ".parquet"):
            yield ReadError(mpath, "nested archives are not read; skipped")
        else:
            yield from read_bytes_articles(data, path=mpath, doc_id=stem, date=date)


def read_parquet(
    source: str | Path | io.BytesIO, *, path: str, date: str | None = None,
) -> Iterator[Article | ReadError]:
    """Articles in a Parquet table, one per row (read in batches)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield ReadError(path, "reading Parquet needs pyarrow: pip install 'rasid[dask]' (or pyarrow)")
        return
    stem = Path(path).stem
    try:
        pf = pq.ParquetFile(source)
        row = 0
        for batch in pf.iter_batches(batch_size=_PARQUET_BATCH):
            for rec in batch.to_pylist():
                rec = {k: (str(v) if k == "date" and v is not None and not isinstance(v, str) else v)
                       for k, v in rec.items() if v is not None}
                yield _record(rec, path=f"{path}:{row}", default_id=f"{stem}-{row}", date=date)
                row += 1
    except Exception as e:  # pyarrow raises several types for broken files
        yield ReadError(path, f"cannot read Parquet ({type(e).__name__}: {e}); rest of file skipped")


def read_archive_bytes(data: bytes, *, path: str, date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles of a zip or Parquet file given as bytes (e.g. from stdin)."""
    if path.lower().endswith(".parquet"):
        yield from read_parquet(io.BytesIO(data), path=path, date=date)
        return
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        yield ReadError(path, f"not a readable zip file ({e})")
        return
    with zf:
        yield from read_zip(zf, path=path, date=date)


def read_archive(path: Path, *, date: str | None = None) -> Iterator[Article | ReadError]:
    """Articles of a ``.zip`` or ``.parquet`` file on disk."""
    if path.suffix.lower() == ".parquet":
        yield from read_parquet(path, path=str(path), date=date)
        return
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        yield ReadError(str(path), f"not a readable zip file ({e})")
        return
    with zf:
        yield from read_zip(zf, path=str(path), date=date)
