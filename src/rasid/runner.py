"""Batch extraction: inputs → pipeline → JSONL/CSV records, streaming.

This is the plain code behind ``rasid extract`` and ``rasid ingest``; tests,
benchmarks and other front ends call it directly.

* :func:`process_articles` runs the pipeline over a stream of
  :class:`~rasid.io.read.Article` values, in this process (``workers=1``) or
  in a pool of worker processes, each building the pipeline ONCE in its
  initializer. Articles travel in chunks, at most ``2 × workers`` chunks are
  in flight (memory stays bounded however large the corpus), and results come
  back in input order as soon as they are ready. A worker that dies (killed,
  out of memory, a crash in C code) does not sink the batch: the pool is
  restarted, the unfinished chunks run again one at a time, and the chunk that
  kills a worker again runs document by document, so that only the document
  that kills its worker is reported as failed.
* :func:`extract_records` / :func:`extract_to` stream output records.
* :func:`resume_jsonl` makes an interrupted JSONL output safe to append to.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rasid.doc import Document
from rasid.errors import PipelineError
from rasid.io.read import Article, ReadError, read_articles
from rasid.pipeline import Pipeline, sentencizer

__all__ = [
    "PipelineConfig", "Processed", "RunStats", "doc_records", "process_articles", "extract_to",
    "extract_records", "resume_jsonl", "progress", "write_records", "slim", "DocumentTimeout",
    "DEFAULT_CHUNK",
    "DOC_TIMEOUT",
]

logger = logging.getLogger(__name__)

DEFAULT_CHUNK = 64
DOC_TIMEOUT = 120.0
"""Seconds one document may take in the pipeline before it is abandoned as failed (None: no limit)."""


class DocumentTimeout(PipelineError):
    """A document took longer than the per-document time limit."""


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """A picklable, hashable recipe for a pipeline (what workers build once).

    Attributes:
        quotes: add the quote finder.
        entities: add the entity recogniser.
        events: add the event extractor; ``False`` gives a sentence-split-only
            pipeline (tests, reader benchmarks).
    """

    quotes: bool = False
    entities: bool = False
    events: bool = True

    def build(self) -> Pipeline:
        """Build the pipeline this config describes."""
        if not self.events:
            return Pipeline([("sentencizer", sentencizer)])
        return Pipeline.default(quotes=self.quotes, entities=self.entities)

    def __call__(self) -> Pipeline:
        return self.build()


@dataclass(slots=True)
class Processed:
    """What the pipeline made of one article.

    Attributes:
        doc_id: the document id.
        records: output records (events, then quotes when asked for).
        error: why the document failed, or None.
        events: number of events.
        quotes: number of quotes.
        document: the processed Document, when the caller asked to keep it.
            From worker processes it comes slimmed (see :func:`slim`): no
            folded text or sentences, no offset map unless it has entities.
    """

    doc_id: str
    records: list[dict[str, Any]]
    error: str | None = None
    events: int = 0
    quotes: int = 0
    document: Document | None = None


@dataclass
class RunStats:
    """What a batch did."""

    documents: int = 0
    events: int = 0
    quotes: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def doc_records(doc: Document, *, quotes: bool = False) -> list[dict[str, Any]]:
    """The output records of one processed document (events, then quotes)."""
    out = [e.to_dict() for e in doc.events]
    if quotes:
        out.extend(q.to_dict() for q in doc.quotes)
    return out


# ---------------------------------------------------------------- worker side

_PIPELINE: Pipeline | None = None
_OPTIONS: tuple[bool, bool, float | None] = (False, False, DOC_TIMEOUT)
_INIT_ERROR: str | None = None


def _exit_with_parent() -> None:
    """End this worker when the parent process dies (e.g. SIGKILL): no orphans left running."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="rasid-parent-watch", daemon=True).start()


def _init_worker(
    factory: Callable[[], Pipeline], quotes: bool, keep_docs: bool, timeout: float | None,
) -> None:
    """Pool initializer: build the pipeline once for this process."""
    global _PIPELINE, _OPTIONS, _INIT_ERROR
    _exit_with_parent()
    _OPTIONS = (quotes, keep_docs, timeout)
    try:
        _PIPELINE = factory()
    except Exception as e:  # reported by the first task, not as a dead pool
        _INIT_ERROR = f"{type(e).__name__}: {e}"


def _result(doc: Document, quotes: bool, keep_docs: bool) -> Processed:
    if "error" in doc.user:
        return Processed(doc.id, [], error=str(doc.user["error"]), document=doc if keep_docs else None)
    return Processed(doc.id, doc_records(doc, quotes=quotes), events=len(doc.events),
                     quotes=len(doc.quotes) if quotes else 0, document=doc if keep_docs else None)


def _to_documents(articles: Iterable[Article]) -> Iterator[Document]:
    for art in articles:
        try:
            yield art.to_document()
        except Exception as e:  # normalisation failure: keep the document, mark it
            doc = Document(id=art.id, raw=art.raw, title=art.title, date=art.date, meta=art.meta)
            doc.user["error"] = f"{type(e).__name__}: {e}"
            yield doc


@contextmanager
def _time_limit(seconds: float | None, doc_id: str) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` inside the block after ``seconds`` (main thread, POSIX only)."""
    main = threading.current_thread() is threading.main_thread()
    if not seconds or not hasattr(signal, "setitimer") or not main:
        yield
        return

    def _alarm(_sig: int, _frame: Any) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s; abandoned")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _run_chunk_with(
    nlp: Pipeline, chunk: list[Article], quotes: bool, keep_docs: bool, timeout: float | None = DOC_TIMEOUT,
) -> list[Processed]:
    out = []
    for doc in _to_documents(chunk):
        if "error" not in doc.user:
            with _time_limit(timeout, doc.id):
                doc = next(iter(nlp.pipe([doc])))
        out.append(_result(doc, quotes, keep_docs))
    return out


def slim(res: list[Processed]) -> list[Processed]:
    """Drop what the store does not need before a document crosses processes.

    The folded text and sentences go, and the offset map too unless entities
    need it: that is 60% of the pickled size and of the parent's unpickling time.
    """
    for p in res:
        doc = p.document
        if doc is not None:
            doc.text, doc.sents = "", []
            if not doc.ents:
                doc.offsets = []
    return res


def _run_chunk(chunk: list[Article]) -> list[Processed]:
    """Task run in a worker: one chunk of articles through the worker's pipeline."""
    if _PIPELINE is None:
        raise PipelineError(f"the pipeline could not be built in a worker process: {_INIT_ERROR}")
    return slim(_run_chunk_with(_PIPELINE, chunk, *_OPTIONS))


# ---------------------------------------------------------------- parent side

def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for a in items:
        chunk.append(a)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _mp_context() -> Any:
    # fork starts workers fast and shares the parent's imports; elsewhere spawn
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def process_articles(
    articles: Iterable[Article], *, workers: int = 1, config: PipelineConfig | None = None,
    factory: Callable[[], Pipeline] | None = None, pipeline: Pipeline | None = None,
    chunk_size: int = DEFAULT_CHUNK, keep_docs: bool = False, doc_timeout: float | None = DOC_TIMEOUT,
) -> Iterator[Processed]:
    """Run the pipeline over ``articles``; yield one :class:`Processed` each, in input order.

    Args:
        articles: the articles (read errors must be filtered out before).
        workers: 1 = in this process; N > 1 = a pool of N processes.
        config: the pipeline recipe (default: the standard pipeline).
        factory: a picklable zero-argument callable building the pipeline
            (overrides ``config``; for stand-in pipelines).
        pipeline: a ready pipeline (only with ``workers=1``).
        chunk_size: articles per task sent to a worker.
        keep_docs: also return each processed Document (for the store).
        doc_timeout: seconds one document may take before it is reported as
            failed (SIGALRM; main thread of a process only); None = no limit.
    """
    config = config or PipelineConfig()
    make = factory or config
    quotes = config.quotes
    if workers <= 1:
        nlp = pipeline or make()
        for chunk in _chunks(articles, chunk_size):
            yield from _run_chunk_with(nlp, chunk, quotes, keep_docs, doc_timeout)
        return
    if pipeline is not None:
        raise ValueError("a ready pipeline cannot be shared with worker processes; pass config or factory")
    yield from _pool_map(articles, workers, make, (quotes, keep_docs, doc_timeout), chunk_size)


def _pool_map(
    articles: Iterable[Article], workers: int, make: Callable[[], Pipeline],
    options: tuple[bool, bool, float | None], chunk_size: int,
) -> Iterator[Processed]:
    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                   initializer=_init_worker, initargs=(make, *options))

    pool = new_pool()

    def submit(chunk: list[Article]) -> Future[list[Processed]] | None:
        try:
            return pool.submit(_run_chunk, chunk)
        except BrokenProcessPool:
            return None

    def restart() -> None:
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool()

    def alone(chunk: list[Article]) -> list[Processed] | None:
        """Run one chunk with nothing else in flight; None if it kills its worker."""
        fut = submit(chunk)
        try:
            if fut is not None:
                return fut.result()
        except BrokenProcessPool:
            pass
        restart()
        return None

    window = max(2, 2 * workers)
    pending: deque[tuple[list[Article], Future[list[Processed]] | None]] = deque()
    source = _chunks(articles, chunk_size)
    try:
        while True:
            while len(pending) < window:
                chunk = next(source, None)
                if chunk is None:
                    break
                pending.append((chunk, submit(chunk)))
            if not pending:
                break
            chunk, fut = pending.popleft()
            try:
                if fut is None:
                    raise BrokenProcessPool("pool broken before submit")
                yield from fut.result()
                continue
            except BrokenProcessPool:
                pass
            # A worker died. Every unfinished chunk is lost; run them again one at a
            # time so that the one that kills a worker is known, then its documents
            # one by one so that only the culprit is reported.
            logger.warning("a worker process died; restarting the pool (%d chunks pending)", len(pending) + 1)
            lost = [(chunk, None)] + list(pending)
            pending.clear()
            restart()
            for c, f in lost:
                if f is not None and f.done() and f.exception() is None:
                    yield from f.result()
                    continue
                res = alone(c)
                if res is not None:
                    yield from res
                    continue
                for art in c:
                    one = alone([art]) if len(c) > 1 else None
                    yield from one if one is not None else [
                        Processed(art.id, [], error="the worker process died on this document")]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- front ends

@contextmanager
def progress(enabled: bool, label: str = "articles") -> Iterator[Callable[[int], None]]:
    """A rich progress display on stderr: articles done and articles/s.

    Yields an ``advance(n)`` callable; a no-op when ``enabled`` is false.
    """
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    class _Rate(TextColumn):
        def render(self, task: Any) -> Any:  # noqa: D401
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {label}/s" if speed else f"– {label}/s")

    cols = (SpinnerColumn(), TextColumn("{task.completed:,} " + label), _Rate(""), TimeElapsedColumn())
    with Progress(*cols, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("run", total=None)
        yield lambda n: bar.advance(task, n)


def _articles(
    items: Iterable[Article | ReadError], stats: RunStats, skip: set[str] | None,
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadError):
            logger.warning("skipped %s", item)
            stats.failed.append(str(item))
            continue
        if skip and item.id in skip:
            stats.skipped += 1
            continue
        yield item


def extract_records(
    paths: Iterable[str | Path], *, date: str | None = None, quotes: bool = False,
    pipeline: Pipeline | None = None, stats: RunStats | None = None, workers: int = 1,
    config: PipelineConfig | None = None, skip: set[str] | None = None,
    advance: Callable[[int], None] | None = None, chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[dict[str, Any]]:
    """Stream output records for the articles under ``paths``, in input order.

    Args:
        paths: files, folders, archives or ``-``.
        date: publication date for articles without one.
        quotes: also output quote records.
        pipeline: a ready pipeline (in-process runs only).
        stats: filled with counts and failures as the stream is consumed.
        workers: worker processes (1 = this process).
        config: pipeline recipe for workers (default from ``quotes``).
        skip: document ids not to process (``--resume``).
        advance: called with the number of documents done (progress display).
        chunk_size: articles per worker task.
    """
    stats = stats if stats is not None else RunStats()
    config = config or PipelineConfig(quotes=quotes)
    arts = _articles(read_articles(paths, date=date), stats, skip)
    results = process_articles(arts, workers=workers, config=config, pipeline=pipeline, chunk_size=chunk_size)
    yield from collect_records(results, stats, advance)


def collect_records(
    results: Iterable[Processed], stats: RunStats, advance: Callable[[int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """The records of processed documents, in order, counting them (and failures) in ``stats``."""
    for res in results:
        stats.documents += 1
        if advance:
            advance(1)
        if res.error:
            stats.failed.append(f"{res.doc_id}: {res.error}")
            continue
        stats.events += res.events
        stats.quotes += res.quotes
        yield from res.records


def write_records(recs: Iterable[dict[str, Any]], out: TextIO, *, fmt: str = "jsonl") -> None:
    """Write records as JSONL (one per line, flushed per document) or ACLED CSV."""
    if fmt == "csv":
        from rasid.export.acled_csv import write_acled_csv

        write_acled_csv((r for r in recs if r.get("kind") != "quote"), out)
    else:
        buf: list[str] = []
        last = None
        for r in recs:
            if r.get("doc") != last and buf:
                out.write("".join(buf))  # one write per document: resume stays exact
                buf = []
            last = r.get("doc")
            buf.append(json.dumps(r, ensure_ascii=False) + "\n")
        if buf:
            out.write("".join(buf))
    out.flush()


def extract_to(
    paths: Iterable[str | Path], out: TextIO | None = None, *, fmt: str = "jsonl",
    date: str | None = None, quotes: bool = False, workers: int = 1, skip: set[str] | None = None,
    show_progress: bool = False, engine: str = "local", scheduler: str | None = None,
) -> RunStats:
    """Extract records from ``paths`` and write them to ``out`` (stdout by default).

    Args:
        paths: files, folders, archives or ``-``.
        out: an open text stream.
        fmt: ``jsonl`` (spec records) or ``csv`` (ACLED columns; events only).
        date: publication date for articles without one.
        quotes: also output quote records (JSONL only).
        workers: worker processes (or Dask workers for a local cluster).
        skip: document ids not to process (``--resume``).
        show_progress: show a progress display on stderr.
        engine: ``local`` (this machine's processes) or ``dask``.
        scheduler: Dask scheduler address (``tcp://host:8786``); None starts a LocalCluster.
    """
    out = out or sys.stdout
    stats = RunStats()
    config = PipelineConfig(quotes=quotes)
    with progress(show_progress) as advance:
        if engine == "dask":
            from rasid.dist.dask import extract_records_dask

            recs = extract_records_dask(paths, config=config, date=date, scheduler=scheduler,
                                        workers=workers, stats=stats, skip=skip, advance=advance)
        else:
            recs = extract_records(paths, date=date, quotes=quotes, stats=stats, workers=workers,
                                   config=config, skip=skip, advance=advance)
        write_records(recs, out, fmt=fmt)
    return stats


def resume_jsonl(path: Path) -> set[str]:
    """Prepare an interrupted JSONL output for appending; return the finished doc ids.

    A half-written last line is cut off, and so are the records of the last
    document in the file (it may have been cut short): that document runs
    again. The file is truncated in place.
    """
    if not path.exists():
        return set()
    done: list[str] = []
    pos = 0
    last_doc: str | None = None
    start_last = 0    # where the last document's records begin
    with path.open("rb") as f:
        for line in f:
            end = pos + len(line)
            try:
                rec = json.loads(line) if line.endswith(b"\n") else None
            except (json.JSONDecodeError, UnicodeDecodeError):
                rec = None
            if not isinstance(rec, dict) or "doc" not in rec:
                break
            doc = str(rec["doc"])
            if doc != last_doc:
                if last_doc is not None:
                    done.append(last_doc)
                last_doc, start_last = doc, pos
            pos = end
    keep = start_last if last_doc is not None else 0
    with path.open("r+b") as f:
        f.truncate(keep)
    if last_doc is not None:
        logger.info("resume: %d documents already done; re-running %s", len(done), last_doc)
    return set(done)
