"""Kill ``rasid ingest`` with SIGKILL mid-batch, run it again: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("rasid.store.repository", reason="rasid.store not available yet")
pytest.importorskip("rasid.events.extract", reason="event extractor not available yet")

PLACES = ["حلب", "إدلب", "درعا", "حماة", "حمص", "دوما", "الرقة", "تدمر", "جسر الشغور", "الزبداني"]
N = 160


def _batch(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(N):
            place = PLACES[i % len(PLACES)]
            text = (f"قصفت طائرات حربية مدينة {place} صباح اليوم، ما أدى إلى مقتل {i % 17 + 2} مدنيين "
                    f"وإصابة آخرين بجروح بحسب المرصد السوري لحقوق الإنسان. "
                    f"واندلعت اشتباكات عنيفة في محيط {place} بين قوات النظام وفصائل المعارضة. (تقرير {i})")
            f.write(json.dumps({"id": f"k{i:04d}", "title": f"غارات على {place}", "text": text,
                                "date": "2015-07-21"}, ensure_ascii=False) + "\n")


def _rows(db: Path) -> tuple[dict[str, int], list[tuple]]:
    con = sqlite3.connect(db, timeout=30)
    try:
        docs = dict(con.execute(
            "SELECT d.doc_id, (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) FROM documents d"))
        dups = con.execute("SELECT doc_id, COUNT(*) FROM documents GROUP BY doc_id HAVING COUNT(*) > 1").fetchall()
    finally:
        con.close()
    return docs, dups


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # table not created yet
        return 0


def _ingest(batch: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "rasid", "-q", "ingest", str(batch), "--db", f"sqlite:///{db}",
           "--quiet", "--no-incidents", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.parametrize("resume", [True, False])
def test_sigkill_mid_batch_then_rerun(tmp_path: Path, resume: bool) -> None:
    batch, db = tmp_path / "batch.jsonl", tmp_path / "rasid.db"
    _batch(batch)
    proc = _ingest(batch, db, "--workers", "2")
    deadline = time.monotonic() + 120
    while _count(db) < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest ended before it could be killed: " + proc.stderr.read().decode()[-500:]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    before, dups = _rows(db)
    assert 30 <= len(before) < N and not dups

    again = _ingest(batch, db, *(["--resume"] if resume else []))
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()[-2000:]
    after, dups = _rows(db)
    assert not dups
    assert set(after) == {f"k{i:04d}" for i in range(N)}          # the batch is complete
    assert all(after[d] == n for d, n in before.items())           # every committed record is still there
    assert all(n > 0 for n in after.values())                      # each article's events were stored
    time.sleep(1.5)
    assert not _orphans(batch), "worker processes outlived the killed parent"


def _orphans(batch: Path) -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if str(batch) in line and "ps -eo" not in line]
