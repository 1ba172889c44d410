from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from rasid.doc import Document
from rasid.io.read import Article, ReadError, read_articles, read_paths

BODY = "قتل ثلاثة مدنيين بقصف مدفعي على مدينة دوما في الغوطة الشرقية."


def _snn(i: int, content: str = BODY) -> dict[str, str]:
    return {"source": "aawsat", "url": f"http://example.com/{i}", "date_extracted": "2015-07-21 02:51:32",
            "title": f"عنوان {i}", "author": "", "content": content}


def test_saudinewsnet_zip(tmp_path: Path) -> None:
    z = tmp_path / "2015-07-21.zip"
    items = [_snn(0), _snn(1, ""), {"source": "x", "content": "  "}, "not an object", _snn(4)]
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("2015-07-21.json", json.dumps(items, ensure_ascii=False))
    out = list(read_paths([z]))
    docs = [d for d in out if isinstance(d, Document)]
    errs = [e for e in out if isinstance(e, ReadError)]
    assert [d.id for d in docs] == ["2015-07-21-0", "2015-07-21-1", "2015-07-21-4"]
    assert docs[0].raw == "عنوان 0\n" + BODY and docs[0].date == "2015-07-21"
    assert docs[0].meta["outlet"] == "aawsat" and docs[0].meta["url"] == "http://example.com/0"
    assert docs[1].raw == "عنوان 1"            # headline-only article is kept
    assert len(errs) == 2 and "[2]" in errs[0].path and "not a JSON object" in errs[1].reason


def test_zip_with_mixed_members_and_broken_member(tmp_path: Path) -> None:
    z = tmp_path / "batch.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", "عنوان\n" + BODY)
        zf.writestr("b.json", "[{broken")
        zf.writestr("c.jsonl", json.dumps({"id": "c1", "text": BODY}, ensure_ascii=False) + "\n")
    out = list(read_articles([z]))
    assert [a.id for a in out if isinstance(a, Article)] == ["batch-a", "c1"]
    assert any(isinstance(e, ReadError) and "b.json" in e.path for e in out)


def test_not_a_zip(tmp_path: Path) -> None:
    z = tmp_path / "bad.zip"
    z.write_bytes(b"PK\x03\x04 truncated")
    (err,) = read_paths([z])
    assert isinstance(err, ReadError) and "zip" in err.reason


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    t = pa.table({"id": ["p1", None, "p3"], "title": ["عنوان", None, None],
                  "text": [BODY, BODY, None], "date": ["2015-08-01", None, "2015-08-02"]})
    f = tmp_path / "shard.parquet"
    pq.write_table(t, f)
    out = list(read_paths([f]))
    assert isinstance(out[0], Document) and out[0].id == "p1" and out[0].title == "عنوان"
    assert isinstance(out[1], Document) and out[1].id == "shard-1" and out[1].date is None
    assert isinstance(out[2], ReadError)


def test_broken_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    f = tmp_path / "x.parquet"
    f.write_bytes(b"PAR1 nothing")
    (err,) = read_paths([f])
    assert isinstance(err, ReadError) and "Parquet" in err.reason


def test_real_corpus_zip_ids_are_stable() -> None:
    z = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "corpus" / "saudinewsnet" / "2015-07-21.zip"
    if not z.exists():
        pytest.skip("../shared corpus not available")
    first = [a.id for a, _ in zip(read_articles([z]), range(5))]
    again = [a.id for a, _ in zip(read_articles([z]), range(5))]
    assert first == again == [f"2015-07-21-{i}" for i in range(5)]
