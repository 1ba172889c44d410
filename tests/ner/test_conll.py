"""CoNLL files, entity spans and scores."""

from __future__ import annotations

from pathlib import Path

from rasid.ner.conll import evaluate, read_conll, tag_file, tag_spans


def test_tag_spans_follow_conlleval() -> None:
    assert tag_spans(["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC"]) == [
        (0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC")]
    # an I- that does not continue its type starts a new entity
    assert tag_spans(["O", "I-ORG", "I-ORG", "I-LOC"]) == [(1, 3, "ORG"), (3, 4, "LOC")]


def test_evaluate_exact_span_and_type() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    sc = evaluate(gold, pred)
    assert sc.precision == 0.5 and sc.recall == 0.5
    assert sc.per_type["LOC"][2] == 1.0
    assert sc.per_type["PERS"][2] == 0.0


def test_read_conll_with_and_without_tags(tmp_path: Path) -> None:
    p = tmp_path / "a.conll"
    p.write_text("قال O\nالرئيس O\n\n\nحلب B-LOC\n", encoding="utf-8")
    sents = read_conll(p)
    assert [s.tokens for s in sents] == [["قال", "الرئيس"], ["حلب"]]
    assert sents[1].tags == ["B-LOC"]
    q = tmp_path / "b.conll"
    q.write_text("قال\nالرئيس\n", encoding="utf-8")
    assert read_conll(q)[0].tags is None


def test_tag_file_keeps_lines_and_blank_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    src.write_text("قصف X\nمدينة\nحلب\n\n\nقال\n\nالرئيس\n", encoding="utf-8")
    seen: list[list[list[str]]] = []

    def fake(doc: list[list[str]]) -> list[list[str]]:
        seen.append(doc)
        return [["O"] * len(s) for s in doc]

    n = tag_file(src, tmp_path / "out.conll", fake, doc_sentences=2)
    out = (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")
    assert n == 5
    assert out[:8] == ["قصف O", "مدينة O", "حلب O", "", "", "قال O", "", "الرئيس O"]
    assert [len(d) for d in seen] == [2, 1]  # groups of two sentences
