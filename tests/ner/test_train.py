"""Training is deterministic: the same sample gives the same model twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.ner.crf import Tagger
from rasid.ner.train import TrainConfig, train

TRAIN = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ner" / "ANERcorp_train.txt"


@pytest.mark.skipif(not TRAIN.is_file(), reason="../shared/data/ner not available")
def test_training_on_a_sample_is_deterministic(tmp_path: Path) -> None:
    cfg = TrainConfig(max_iterations=30, folds=3)
    paths = []
    for run in ("a", "b"):
        model = tmp_path / run / "ner.crfsuite"
        train(TRAIN, model, tmp_path / run / "lists", config=cfg, limit=200)
        paths.append(model)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert (tmp_path / "a" / "lists" / "train_entities.tsv").read_bytes() == (
        tmp_path / "b" / "lists" / "train_entities.tsv").read_bytes()
    tagger = Tagger(paths[0])
    tags = tagger.tag_tokens(["أعلن", "اتحاد", "صناعة", "السيارات", "في", "ألمانيا"])
    assert len(tags) == 6 and set(tags) <= set(tagger.labels)


@pytest.mark.skipif(not TRAIN.is_file(), reason="../shared/data/ner not available")
def test_two_stages_with_a_small_corpus_write_a_corpus_prior(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "\n".join(
        ["قال الرئيس الفرنسي جاك شيراك إن فرنسا تدعم لبنان ."] * 3
        + ["وصل وزير الخارجية الأمريكي إلى باريس أمس ."] * 3
        + ["أعلنت الأمم المتحدة أن مجلس الأمن سيجتمع في نيويورك ."] * 3
    )
    (corpus / "news.txt").write_text(text, encoding="utf-8")
    model, lists = tmp_path / "m" / "ner.crfsuite", tmp_path / "lists"
    train(TRAIN, model, lists, config=TrainConfig(max_iterations=30, folds=3), corpus=corpus, corpus_every=1,
          limit=300)
    prior = (lists / "corpus_prior.tsv").read_text(encoding="utf-8").splitlines()
    assert prior[0].startswith("#") and "SaudiNewsNet" in prior[0]
    rows = [ln.split("\t") for ln in prior[1:]]
    assert rows and all(len(r) == 2 and r[1].split(">")[0] in ("PERS", "LOC", "ORG", "MISC") for r in rows)
    assert not model.with_suffix(".stage1.tmp").exists()
