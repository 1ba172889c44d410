from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rasid.doc import Document
from rasid.io.read import Article
from rasid.pipeline import Pipeline, sentencizer
from rasid.records import Event
from rasid.runner import RunStats, extract_records, process_articles, resume_jsonl, write_records

STRIKE = "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب، ما أدى إلى مقتل أربعة مدنيين."
TALKS = "التقى وزير الخارجية نظيره الروسي في موسكو لبحث الأزمة."


def _toy_events(doc: Document) -> Document:
    """Stand-in extractor: one event per sentence that holds a shelling word."""
    for s in doc.sents:
        i = doc.text.find("قصف", s.start, s.end)
        if i < 0:
            continue
        start, end = doc.raw_span(s.start, s.end)
        ts, te = doc.raw_span(i, i + 4)
        doc.events.append(Event(doc=doc.id, type="air_strike", evidence=doc.raw[start:end], start=start,
                                end=end, trigger=doc.raw[ts:te], trigger_start=ts, trigger_end=te))
    return doc


def _die(doc: Document) -> Document:
    if doc.id == "die":
        os._exit(3)  # a worker killed mid-chunk
    return doc


def toy() -> Pipeline:
    return Pipeline([("sentencizer", sentencizer), ("events", _toy_events)])


def fragile() -> Pipeline:
    return Pipeline([("die", _die), ("sentencizer", sentencizer), ("events", _toy_events)])


def _arts(n: int) -> list[Article]:
    return [Article(f"d{i:03d}", (STRIKE if i % 3 else TALKS) + "\n" + TALKS) for i in range(n)]


def test_workers_give_the_same_records_in_input_order() -> None:
    arts = _arts(40)
    one = list(process_articles(arts, workers=1, factory=toy, chunk_size=3))
    two = list(process_articles(arts, workers=2, factory=toy, chunk_size=3))
    assert [p.doc_id for p in two] == [a.id for a in arts]
    assert [p.records for p in one] == [p.records for p in two]
    assert sum(p.events for p in two) == sum(1 for i in range(40) if i % 3)
    rec = two[1].records[0]
    assert rec["evidence"] == arts[1].raw[rec["start"]:rec["end"]] and rec["doc"] == "d001"


def test_keep_docs_returns_processed_documents() -> None:
    (p,) = process_articles(_arts(2)[1:], workers=2, factory=toy, keep_docs=True)
    assert p.document is not None and p.document.id == "d001" and len(p.document.events) == 1


def test_dead_worker_chunk_is_reported_and_batch_goes_on() -> None:
    arts = _arts(12)
    arts[5] = Article("die", STRIKE)
    res = list(process_articles(arts, workers=2, factory=fragile, chunk_size=2))
    assert [p.doc_id for p in res] == [a.id for a in arts]
    failed = {p.doc_id: p.error for p in res if p.error}
    assert list(failed) == ["die"] and "died" in failed["die"]   # only the killer is lost
    assert all(p.records for p in res if p.doc_id != "die" and int(p.doc_id[1:]) % 3)


def test_component_error_is_per_document() -> None:
    def boom(doc: Document) -> Document:
        if "موسكو" in doc.raw and "قصف" not in doc.raw:
            raise ValueError("boom")
        return doc

    nlp = Pipeline([("sentencizer", sentencizer), ("boom", boom), ("events", _toy_events)])
    res = list(process_articles(_arts(6), pipeline=nlp))
    assert [bool(p.error) for p in res] == [True, False, False, True, False, False]
    assert "ValueError: boom" in (res[0].error or "")


def test_extract_records_reports_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": STRIKE}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    stats = RunStats()
    recs = list(extract_records([tmp_path], pipeline=toy(), stats=stats))
    assert [r["doc"] for r in recs] == ["a", "c1"]
    assert stats.documents == 2 and stats.events == 2 and len(stats.failed) == 2


def test_extract_records_skip_for_resume(tmp_path: Path) -> None:
    for n in ("a", "b", "c"):
        (tmp_path / f"{n}.txt").write_text(STRIKE, encoding="utf-8")
    stats = RunStats()
    recs = list(extract_records([tmp_path], pipeline=toy(), stats=stats, skip={"a", "c"}))
    assert [r["doc"] for r in recs] == ["b"] and stats.skipped == 2


def test_resume_jsonl_cuts_partial_tail(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    recs = [{"doc": d, "n": i} for i, d in enumerate(["a", "a", "b", "c", "c"])]
    with out.open("w", encoding="utf-8") as f:
        write_records(recs, f)
    full = out.read_bytes()
    out.write_bytes(full + b'{"doc": "d", "n"')   # killed mid-line
    assert resume_jsonl(out) == {"a", "b"}         # c may be incomplete: runs again
    assert out.read_text(encoding="utf-8").splitlines() == [json.dumps(r) for r in recs[:3]]
    assert resume_jsonl(tmp_path / "missing.jsonl") == set()


def test_resume_jsonl_garbage_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"\xff\xfe not json\n")
    assert resume_jsonl(out) == set() and out.read_bytes() == b""


@pytest.mark.parametrize("workers", [1, 2])
def test_cli_extract_workers_and_resume(tmp_path: Path, workers: int) -> None:
    pytest.importorskip("rasid.events.extract")
    from typer.testing import CliRunner

    from rasid.cli.app import app

    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"a{i}.txt").write_text("غارات على إدلب\n" + STRIKE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--workers", str(workers)])
    assert r.exit_code == 0, r.output
    first = out.read_text(encoding="utf-8")
    docs = [json.loads(x)["doc"] for x in first.splitlines()]
    assert docs == sorted(docs) and docs
    r = CliRunner().invoke(app, ["extract", str(src), "-o", str(out), "--resume", "-w", str(workers)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == first   # nothing lost, nothing doubled


def _slow(doc: Document) -> Document:
    if doc.id == "slow":
        import time

        time.sleep(5)
    return doc


def slow() -> Pipeline:
    return Pipeline([("slow", _slow), ("sentencizer", sentencizer), ("events", _toy_events)])


@pytest.mark.parametrize("workers", [1, 2])
def test_document_time_limit(workers: int) -> None:
    arts = _arts(4)
    arts[1] = Article("slow", STRIKE)
    res = list(process_articles(arts, workers=workers, factory=slow, doc_timeout=0.3, chunk_size=2))
    assert [p.doc_id for p in res] == [a.id for a in arts]
    assert "took longer than 0.3 s" in (res[1].error or "")
    assert not any(p.error for i, p in enumerate(res) if i != 1) and res[2].records
