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
