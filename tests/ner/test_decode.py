"""The numpy decoder reads CRFsuite models and tags exactly as python-crfsuite does."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from rasid.errors import DataFileError
from rasid.ner.crf import Tagger
from rasid.ner.decode import CrfWeights, Decoder
from rasid.ner.features import Featurizer, Resources

DOC = [
    ["قال", "الرئيس", "الفرنسي", "جاك", "شيراك", "إن", "بلاده", "تدعم", "لبنان"],
    ["وأضاف", "شيراك", "في", "باريس", "أمس", "أن", "الاتحاد", "الأوروبي", "سيرسل", "وفدا"],
    ["سيطر", "تنظيم", "الدولة", "على", "مدينة", "تدمر", "في", "ريف", "حمص", "الشرقي"],
    ["فاز", "نادي", "الهلال", "على", "النصر", "في", "الدوري", "السعودي"],
    ["."],
    [],
    ["وصرح", "المتحدث", "باسم", "وزارة", "الخارجية", "الأمريكية", "جون", "كيربي", "للصحفيين"],
]


@pytest.fixture(scope="module")
def tagger_pair() -> tuple[Tagger, Tagger]:
    res = Resources.load()
    return Tagger(res=res, propagate=False), Tagger(res=res, propagate=False, fast=False)


def test_shipped_model_weights_are_read() -> None:
    w = CrfWeights.read(Path(__file__).resolve().parents[2] / "src/rasid/data/models/ner.crfsuite")
    assert "O" in w.labels and "B-PERS" in w.labels
    assert w.state.shape == (len(w.attrs) + 1, len(w.labels))
    assert not w.state[-1].any()  # the row of unknown features
    assert w.trans.shape == (len(w.labels), len(w.labels))
    assert "bias" in w.attrs


def test_decoder_tags_as_crfsuite_does(tagger_pair: tuple[Tagger, Tagger]) -> None:
    fast, ref = tagger_pair
    got = fast.tag_document(DOC)
    assert got == ref.tag_document(DOC)
    assert [len(t) for t in got] == [len(s) for s in DOC]
    assert got[5] == []
    assert got[0][3:5] == ["B-PERS", "I-PERS"]  # جاك شيراك after a title
    assert fast.tag_tokens(DOC[2]) == ref.tag_tokens(DOC[2])


def test_second_pass_uses_cached_rows_and_gives_the_same_tags(tagger_pair: tuple[Tagger, Tagger]) -> None:
    fast, _ = tagger_pair
    first = fast.tag_document(DOC)
    assert fast._dec is not None and "شيراك" in fast._dec._rows
    assert fast.tag_document(DOC) == first


def test_small_model_with_few_labels(tmp_path: Path) -> None:
    fx = Featurizer(Resources.empty())
    train = [
        (["زار", "الوزير", "دمشق", "أمس"], ["O", "O", "B-LOC", "O"]),
        (["وصل", "سامر", "إلى", "حلب"], ["O", "B-PERS", "O", "B-LOC"]),
        (["غادر", "سامر", "دمشق"], ["O", "B-PERS", "B-LOC"]),
    ]
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in train:
        trainer.append(fx.document([toks])[0], tags)
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    path = tmp_path / "small.crfsuite"
    trainer.train(str(path))
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    dec = Decoder(CrfWeights.read(path), fx)
    doc = [["زار", "سامر", "حلب"], ["غادر", "الوزير", "دمشق", "إلى", "حلب"]]
    want = [crf.tag(f) for f in fx.document(doc)]
    assert dec.tag_document(doc) == want
    assert want[0][1] == "B-PERS" and want[1][2] == "B-LOC"


def test_not_a_model_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(DataFileError):
        CrfWeights.read(bad)
    with pytest.raises(DataFileError):
        CrfWeights.read(tmp_path / "missing.crfsuite")
