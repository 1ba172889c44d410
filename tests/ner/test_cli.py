"""``rasid ner`` on a CoNLL file and on articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli.app import app


def test_ner_conll_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    lines = ["قال O", "الرئيس O", "بشار B-PERS", "الأسد I-PERS", "", "", "وصل", "إلى", "مدينة", "حمص", ""]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.conll"
    res = CliRunner().invoke(app, ["ner", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = out.read_text(encoding="utf-8").split("\n")
    want = src.read_text(encoding="utf-8").split("\n")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        if not w.strip():
            assert g == ""
        else:
            tok, tag = g.split(" ")
            assert tok == w.split()[0]
            assert tag == "O" or tag[:2] in ("B-", "I-")
    assert got[9] == "حمص B-LOC"


def test_ner_articles_jsonl(tmp_path: Path) -> None:
    art = tmp_path / "a1.txt"
    raw = "غارات على ريف إدلب\nوقال المتحدث باسم الأمم المتحدة ستيفان دوجاريك إن الغارات استهدفت مدينة إدلب."
    art.write_text(raw, encoding="utf-8")
    out = tmp_path / "ents.jsonl"
    res = CliRunner().invoke(app, ["ner", str(art), "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert recs and {"doc", "start", "end", "text", "label"} <= set(recs[0])
    text = art.read_text(encoding="utf-8")
    for r in recs:
        assert r["label"] in {"PERS", "LOC", "ORG", "MISC"}
        assert text[r["start"]:r["end"]] == r["text"]
    assert any(r["text"] == "إدلب" and r["label"] == "LOC" for r in recs)
