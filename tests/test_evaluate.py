from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rasid.evaluate import format_report, load_docs, load_records, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_same_figures_as_spec_scorer(news_dir: Path) -> None:
    gold = load_records(news_dir / "gold.jsonl")
    pred = load_records(news_dir / "second-annotator.jsonl")
    docs = load_docs(news_dir, [r["doc"] for r in gold + pred])
    ours = format_report(score(gold, pred, docs), per_type=True)
    theirs = subprocess.run(
        [sys.executable, str(SHARED / "spec" / "score.py"), str(news_dir / "gold.jsonl"),
         str(news_dir / "second-annotator.jsonl"), "--docs", str(news_dir), "--per-type"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert ours == theirs


def test_toy_match() -> None:
    docs = {"d": "قصفت الطائرات حلب. وقتل خمسة."}
    gold = [{"doc": "d", "type": "air_strike", "evidence": "قصفت الطائرات حلب", "trigger": "قصفت",
             "actor1": "SYR-MIL", "fatalities": {"total": 5}}]
    pred = [{"doc": "d", "type": "air_strike", "evidence": "قصفت الطائرات", "actor1": "SYR-MIL",
             "fatalities": {"total": 4}},
            {"doc": "d", "type": "shelling", "evidence": "قصفت الطائرات حلب"}]
    res = score(gold, pred, docs)
    assert res["matched"] == 1 and res["all"] == (0.5, 1.0, 0.667)
    assert res["fields"]["actor1"]["acc"] == 1.0 and res["fields"]["fatalities.total"]["acc"] == 0.0
