"""The shipped tagger on sentences written for these tests."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.ner.crf import Tagger, propagate_names


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.default()


def test_person_after_title(tagger: Tagger) -> None:
    tags = tagger.tag_tokens(["وقال", "الرئيس", "الفرنسي", "جاك", "شيراك", "إن", "المحادثات", "مفيدة"])
    assert tags[3:5] == ["B-PERS", "I-PERS"]
    assert tags[0] == "O" and tags[6] == "O"


def test_city_after_cue(tagger: Tagger) -> None:
    tags = tagger.tag_tokens(["وصل", "الوفد", "إلى", "مدينة", "حلب", "صباح", "اليوم"])
    assert tags[4] == "B-LOC"
    assert tags.count("O") == 6


def test_organisation(tagger: Tagger) -> None:
    tags = tagger.tag_tokens(["دعا", "مجلس", "الأمن", "الدولي", "إلى", "وقف", "القتال"])
    assert tags[1] == "B-ORG" and tags[2] == "I-ORG"


def test_entities_carry_raw_offsets(tagger: Tagger) -> None:
    raw = "قَصَفَ الطيرانُ مدينةَ حلب، وقال الرئيس الفرنسي جاك شيراك إن الوضع خطير."
    doc = Document.from_raw("t1", raw)
    ents = tagger.entities(doc)
    by_label = {(e.text, e.label) for e in ents}
    assert ("حلب", "LOC") in by_label
    assert ("جاك شيراك", "PERS") in by_label
    for e in ents:
        assert raw[e.start:e.end] == e.text
        assert doc.text[e.fstart:e.fend] == e.text.replace("\u064e", "").replace("\u064f", "")
    tagger.annotate(doc)
    assert len(doc.ents) == len(ents)


def test_propagation_tags_later_mentions() -> None:
    sents = [["وقال", "السائق", "ألونسو", "إنه", "سيفوز"], ["وواصل", "ألونسو", "انتقاده"]]
    tags = [["O", "O", "B-PERS", "O", "O"], ["O", "O", "O"]]
    out = propagate_names(sents, tags)
    assert out[1] == ["O", "B-PERS", "O"]
    # a clitic on the later mention does not stop it
    out2 = propagate_names([["زار", "دمشق"], ["وبدمشق", "اجتماع"]], [["O", "B-LOC"], ["O", "O"]])
    assert out2[1][0] == "B-LOC"
