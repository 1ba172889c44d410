"""Run the pipeline on a Dask cluster (``pip install 'rasid[dask]'``).

Two ways in, one function doing the work:

* :func:`process_partition` is the one module-level, picklable function that
  turns a partition of article records (dicts with ``id``, ``title``,
  ``text``, ``date``, ...) into output records. It calls
  :meth:`~rasid.pipeline.Pipeline.pipe` through the same code as the local
  runner. The pipeline is built once per worker process (a cache keyed on
  the frozen :class:`~rasid.runner.PipelineConfig`) and never pickled into a
  task.
* :func:`process_bag` maps it over a ``dask.bag`` of records;
  :func:`read_bag` reads JSONL shards (``read_text(...).map(json.loads)``) or
  Parquet shards (pyarrow, one partition per file) into such a bag, and
  :func:`run_shards` writes the records back as JSONL or Parquet shards, one
  per input partition, from the workers.
* :func:`process_articles_dask` / :func:`extract_records_dask` are what
  ``rasid extract --engine dask`` and ``rasid ingest --engine dask`` use: the
  client reads any input rasid reads (zip, txt, html, jsonl, parquet), sends
  chunks of articles to the cluster (a bounded window of futures) and
  streams the results back in input order.

A document that fails becomes an error record (``{"kind": "error", "doc",
"error"}``) in :func:`process_partition`'s output; the others go on.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasid.errors import ConfigError
from rasid.io.read import Article, ReadError, jsonl_record_article, read_articles
from rasid.pipeline import Pipeline
from rasid.runner import (
    DEFAULT_CHUNK, PipelineConfig, Processed, RunStats, _articles, _chunks, _run_chunk_with, collect_records, slim,
)

__all__ = [
    "require_dask", "process_partition", "process_bag", "read_bag", "run_shards", "cluster_client",
    "process_articles_dask", "extract_records_dask",
]

logger = logging.getLogger(__name__)

_MISSING = "the Dask engine needs the optional extra: pip install 'rasid[dask]'"


def require_dask() -> None:
    """Raise a clear :class:`ConfigError` when the ``dask`` extra is not installed."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        raise ConfigError(f"{_MISSING} ({e})") from e


@lru_cache(maxsize=4)
def _pipeline(config: PipelineConfig) -> Pipeline:
    """The worker process's pipeline for ``config``, built on first use."""
    logger.info("building pipeline %s in this worker", config)
    return config.build()


def _run(arts: list[Article], config: PipelineConfig, keep_docs: bool = False) -> list[Processed]:
    """Task: one chunk of articles through this worker's cached pipeline."""
    res = _run_chunk_with(_pipeline(config), arts, config.quotes, keep_docs)
    return slim(res) if keep_docs else res


def process_partition(
    records: Iterable[dict[str, Any]], config: PipelineConfig | None = None,
) -> list[dict[str, Any]]:
    """Output records for a partition of article records.

    Args:
        records: dicts with ``id``, ``title``, ``text`` (or ``content``),
            ``date``, ...; as in JSONL input.
        config: the pipeline recipe (default: the standard pipeline).

    Returns:
        The event (and quote) records of every article, in order; an article
        that could not be read or processed gives one
        ``{"kind": "error", "doc": id, "error": reason}`` record.
    """
    config = config or PipelineConfig()
    slots: list[Article | dict[str, Any]] = []
    for i, rec in enumerate(records):
        if not isinstance(rec, dict) or "_error" in rec:
            why = rec["_error"] if isinstance(rec, dict) else f"record {i} is not an object"
            slots.append({"kind": "error", "doc": None, "error": why})
            continue
        art = jsonl_record_article(rec, default_id=f"rec-{i}")
        if isinstance(art, ReadError):
            slots.append({"kind": "error", "doc": art.doc or None, "error": art.reason})
        else:
            slots.append(art)
    arts = [s for s in slots if isinstance(s, Article)]
    results = iter(_run(arts, config) if arts else [])
    out: list[dict[str, Any]] = []
    for slot in slots:
        if isinstance(slot, dict):
            out.append(slot)
            continue
        res = next(results)
        if res.error:
            out.append({"kind": "error", "doc": res.doc_id, "error": res.error})
        out.extend(res.records)
    return out


def process_bag(bag: Any, config: PipelineConfig | None = None) -> Any:
    """``bag.map_partitions(process_partition, config=...)``: a bag of output records."""
    return bag.map_partitions(process_partition, config=config or PipelineConfig())


def read_bag(paths: str | list[str], *, blocksize: str | int | None = None) -> Any:
    """A ``dask.bag`` of article records from JSONL shards or Parquet shards.

    JSONL is read with ``dask.bag.read_text(...).map(json.loads)``; Parquet
    with pyarrow, one partition per file (no pandas needed).

    Args:
        paths: a glob, a path or a list of paths (``*.jsonl``/``*.parquet``;
            any fsspec URL the cluster can reach).
        blocksize: JSONL bytes per partition (default: one partition per file).
    """
    require_dask()
    import dask.bag as db

    first = paths if isinstance(paths, str) else paths[0]
    if str(first).endswith(".parquet"):
        from fsspec.core import get_fs_token_paths

        fs, _, files = get_fs_token_paths(paths)
        if not files:
            raise ConfigError(f"no Parquet files match {paths!r}")
        return db.from_sequence([(fs, f) for f in files], npartitions=len(files)).map_partitions(_parquet_records)
    return db.read_text(paths, blocksize=blocksize).filter(lambda s: s.strip() != "").map(_loads)


def _parquet_records(files: Iterable[tuple[Any, str]]) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    out: list[dict[str, Any]] = []
    for fs, path in files:
        try:
            with fs.open(path, "rb") as fh:
                rows = pq.read_table(fh).to_pylist()
        except Exception as e:  # a broken shard is one error record, not a failed job
            out.append({"_error": f"{path}: cannot read Parquet ({type(e).__name__}: {e})"})
            continue
        out.extend({k: v for k, v in r.items() if v is not None} for r in rows)
    return out


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        return {"_error": f"line is not JSON ({e.msg})"}


def run_shards(
    inputs: str | list[str], output_dir: str | Path, *, config: PipelineConfig | None = None,
    fmt: str = "jsonl", client: Any = None,
) -> list[str]:
    """Read shards, run the pipeline on the cluster, write one output shard per partition.

    Args:
        inputs: JSONL or Parquet shard paths or glob (reachable from every worker).
        output_dir: folder for ``part-*.jsonl`` / ``part-*.parquet`` (reachable from every worker).
        config: pipeline recipe.
        fmt: ``jsonl`` or ``parquet`` (columns ``kind doc type modality evidence
            trigger start end error`` and ``record``, the whole record as JSON).
        client: a ``distributed.Client`` (default: the current one, or the local scheduler).

    Returns:
        The written file names, in partition order.
    """
    require_dask()
    import dask

    bag = process_bag(read_bag(inputs), config)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    compute_kw = {"scheduler": client} if client is not None else {}
    if fmt == "parquet":
        parts = bag.to_delayed()
        names = [str(out / f"part-{i:05d}.parquet") for i in range(len(parts))]
        dask.compute(*(dask.delayed(_write_parquet)(p, n) for p, n in zip(parts, names)), **compute_kw)
        return names
    if fmt != "jsonl":
        raise ConfigError(f"unknown shard format {fmt!r}: jsonl or parquet")
    files = bag.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(
        str(out / "part-*.jsonl"), encoding="utf-8", compute=False)
    dask.compute(*files, **compute_kw)
    return sorted(str(p) for p in out.glob("part-*.jsonl"))


_COLUMNS = ("kind", "doc", "type", "modality", "evidence", "trigger", "start", "end", "error", "record")


def _write_parquet(records: Iterable[dict[str, Any]], path: str) -> str:
    """Write one partition's records as a Parquet file (fixed schema, even when empty)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in ("start", "end") else pa.string()) for c in _COLUMNS])
    rows = [{"kind": r.get("kind", "event"), "doc": r.get("doc"), "type": r.get("type"),
             "modality": r.get("modality"), "evidence": r.get("evidence"), "trigger": r.get("trigger"),
             "start": r.get("start"), "end": r.get("end"), "error": r.get("error"),
             "record": json.dumps(r, ensure_ascii=False)} for r in records]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def cluster_client(scheduler: str | None = None, workers: int = 1) -> Any:
    """A ``distributed.Client``: to ``scheduler`` (``tcp://host:8786``), or a LocalCluster.

    The local cluster has ``workers`` processes with one thread each and no dashboard.
    """
    require_dask()
    from distributed import Client, LocalCluster

    for name in ("distributed", "distributed.scheduler", "distributed.core", "distributed.nanny"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    client._rasid_cluster = cluster  # closed with the client below
    return client


def _close(client: Any) -> None:
    cluster = getattr(client, "_rasid_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def process_articles_dask(
    articles: Iterable[Article], *, config: PipelineConfig | None = None, scheduler: str | None = None,
    workers: int = 1, client: Any = None, chunk_size: int = DEFAULT_CHUNK, keep_docs: bool = False,
) -> Iterator[Processed]:
    """Like :func:`rasid.runner.process_articles`, on a Dask cluster; results in input order.

    Args:
        articles: the articles (read on this client).
        config: pipeline recipe.
        scheduler: scheduler address; None with no ``client`` starts a LocalCluster of ``workers``.
        workers: workers of the local cluster.
        client: an existing ``distributed.Client`` (not closed here).
        chunk_size: articles per task.
        keep_docs: also bring each processed Document back.
    """
    config = config or PipelineConfig()
    own = client is None
    client = client or cluster_client(scheduler, workers)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        window = 3 * n
        pending: deque[Any] = deque()
        source = _chunks(articles, chunk_size)
        while True:
            while len(pending) < window:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append(client.submit(_run, chunk, config, keep_docs, pure=False))
            if not pending:
                break
            fut = pending.popleft()
            yield from fut.result()
            fut.release()
    finally:
        if own:
            _close(client)


def extract_records_dask(
    paths: Iterable[str | Path], *, config: PipelineConfig | None = None, date: str | None = None,
    scheduler: str | None = None, workers: int = 1, stats: RunStats | None = None,
    skip: set[str] | None = None, advance: Callable[[int], None] | None = None, client: Any = None,
) -> Iterator[dict[str, Any]]:
    """:func:`rasid.runner.extract_records` on a Dask cluster: same records, same order."""
    require_dask()
    stats = stats if stats is not None else RunStats()
    arts = _articles(read_articles(paths, date=date), stats, skip)
    results = process_articles_dask(arts, config=config, scheduler=scheduler, workers=workers, client=client)
    yield from collect_records(results, stats, advance)
