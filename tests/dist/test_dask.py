from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from rasid.dist.dask import (  # noqa: E402
    extract_records_dask, process_articles_dask, process_bag, process_partition, read_bag, require_dask,
    run_shards,
)
from rasid.errors import ConfigError  # noqa: E402
from rasid.io.read import Article  # noqa: E402
from rasid.runner import PipelineConfig, RunStats, extract_records, process_articles  # noqa: E402

STRIKE = "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب، ما أدى إلى مقتل أربعة مدنيين."


@pytest.fixture(scope="module")
def client() -> Client:
    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _dev_files(news_dir: Path) -> list[Path]:
    files = sorted(news_dir.glob("0*.txt"))[:8]
    if not files:
        pytest.skip("no dev articles")
    return files


def test_dask_and_in_process_give_identical_records(client: Client, news_dir: Path) -> None:
    files = _dev_files(news_dir)
    local_stats, dask_stats = RunStats(), RunStats()
    local = list(extract_records(files, stats=local_stats))
    dist = list(extract_records_dask(files, client=client, stats=dask_stats))
    assert local and dist == local
    assert dask_stats.documents == local_stats.documents == len(files)
    assert dask_stats.events == local_stats.events and not dask_stats.failed


def test_process_bag_matches_in_process(client: Client, news_dir: Path) -> None:
    files = _dev_files(news_dir)
    recs = [{"id": f.stem, "text": f.read_text(encoding="utf-8")} for f in files]
    bag = db.from_sequence(recs, npartitions=3)
    dist = process_bag(bag).compute(scheduler=client)
    arts = [Article(r["id"], r["text"]) for r in recs]
    local = [rec for p in process_articles(arts) for rec in p.records]
    assert dist == local
    assert all(r["evidence"] == recs[[x["id"] for x in recs].index(r["doc"])]["text"][r["start"]:r["end"]]
               for r in dist)


def test_partition_errors_are_per_record() -> None:
    out = process_partition([{"id": "a", "text": STRIKE}, {"id": "b"}, "junk", {"id": "c", "text": STRIKE}],
                            PipelineConfig(events=False))
    assert [r["kind"] for r in out] == ["error", "error"]
    assert out[0]["doc"] == "b"


def test_shards_in_and_out(client: Client, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(2):
        (src / f"s{k}.jsonl").write_text(
            "".join(json.dumps({"id": f"s{k}-{i}", "text": STRIKE}, ensure_ascii=False) + "\n" for i in range(3))
            + "{truncated\n", encoding="utf-8")
    assert read_bag(str(src / "*.jsonl")).npartitions == 2
    files = run_shards(str(src / "*.jsonl"), tmp_path / "out", client=client)
    rows = [json.loads(x) for f in files for x in Path(f).read_text(encoding="utf-8").splitlines()]
    errors = [r for r in rows if r.get("kind") == "error"]
    events = [r for r in rows if r.get("kind") != "error"]
    assert len(files) == 2 and len(errors) == 2
    assert sorted({r["doc"] for r in events}) == [f"s{k}-{i}" for k in range(2) for i in range(3)]


def test_articles_stream_in_order(client: Client) -> None:
    arts = [Article(f"d{i}", STRIKE) for i in range(30)]
    res = list(process_articles_dask(arts, client=client, chunk_size=4, config=PipelineConfig(events=False)))
    assert [p.doc_id for p in res] == [a.id for a in arts]


def test_missing_extra_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install 'rasid\[dask\]'"):
        require_dask()


def test_parquet_shards_in_and_out(client: Client, tmp_path: Path, news_dir: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    files = _dev_files(news_dir)[:4]
    src = tmp_path / "in"
    src.mkdir()
    for k in range(2):
        pq.write_table(pa.table({"id": [f.stem for f in files[2 * k:2 * k + 2]],
                                 "text": [f.read_text(encoding="utf-8") for f in files[2 * k:2 * k + 2]]}),
                       src / f"s{k}.parquet")
    (src / "s2.parquet").write_bytes(b"PAR1 broken")
    recs = read_bag(str(src / "*.parquet")).compute(scheduler=client)
    assert sorted(r["id"] for r in recs if "id" in r) == [f.stem for f in files]
    outs = run_shards(str(src / "*.parquet"), tmp_path / "out", fmt="parquet", client=client)
    rows = [r for o in outs for r in pq.read_table(o).to_pylist()]
    local = list(extract_records(files))
    assert [json.loads(r["record"]) for r in rows if r["kind"] != "error"] == local
    assert [r["kind"] for r in rows].count("error") == 1 and len(outs) == 3
