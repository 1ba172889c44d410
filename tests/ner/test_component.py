"""EntityRecognizer (rasid.ner.component), lazy sentence entities and the event fallback (rasid.ner.lazy)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import rasid.ner.lazy as lazy
from rasid.doc import Document
from rasid.errors import DataFileError
from rasid.ner.component import EntityRecognizer
from rasid.ner.conll import tag_spans
from rasid.ner.crf import Entity
from rasid.ner.lazy import SentenceEntities, fill_actors, fill_event_slots, fill_location
from rasid.ner.link import LinkedEntity, Linker
from rasid.pipeline import Pipeline, sentencizer
from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE, tokenize


class StubTagger:
    """Tags the phrases it was given, wherever they occur; counts the sentences it tags."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = [([m.group() for m in TOKEN_RE.finditer(fold(p))], lab) for p, lab in phrases.items()]
        self.calls = 0

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        self.calls += 1
        toks = [fold(t) for t in tokens]
        tags = ["O"] * len(toks)
        for words, lab in self.phrases:
            for i in range(len(toks) - len(words) + 1):
                if toks[i:i + len(words)] == words:
                    tags[i:i + len(words)] = ["B-" + lab] + ["I-" + lab] * (len(words) - 1)
        return tags

    def entities(self, doc: Document) -> list[Entity]:
        out = []
        for s in doc.sents:
            ts = tokenize(doc.text[s.start:s.end])
            for a, b, lab in tag_spans(self.tag_tokens([t.text for t in ts])):
                fs, fe = s.start + ts[a].start, s.start + ts[b - 1].end
                rs, re_ = doc.raw_span(fs, fe)
                out.append(Entity(rs, re_, doc.raw[rs:re_], lab, fs, fe))
        return out


def _doc(raw: str) -> Document:
    return sentencizer(Document.from_raw("t", raw))


def _span(doc: Document, sub: str) -> tuple[int, int]:
    s = doc.text.index(fold(sub))
    return s, s + len(fold(sub))


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.default()


# ----------------------------------------------------------------- component
def test_recognizer_sets_ents_and_linked_entities(linker: Linker) -> None:
    stub = StubTagger({"سيرغي لافروف": "PERS", "دمشق": "LOC"})
    doc = _doc("قال وزير الخارجية الروسي سيرغي لافروف إن بلاده ستواصل دعم دمشق. "
               "وهاجم لواء صقور الجبل مواقع قوات النظام")
    out = EntityRecognizer(stub, linker)(doc)
    assert out is doc
    got = {(doc.text[s.start:s.end], s.label) for s in doc.ents}
    assert (fold("سيرغي لافروف"), "PERS") in got and (fold("دمشق"), "LOC") in got
    # the group the stub CRF missed comes from the group-name rule
    assert (fold("لواء صقور الجبل"), "ORG") in got
    ents = doc.user["entities"]
    assert all(isinstance(e, LinkedEntity) for e in ents)
    by_text = {e.text: e for e in ents}
    assert by_text["سيرغي لافروف"].code == "RUS-GOV"
    assert by_text["دمشق"].place is not None and by_text["دمشق"].place.name == "Damascus"
    assert by_text["لواء صقور الجبل"].code == "LIWA-SAQUR-JABAL"
    for e in ents:
        assert doc.raw[e.start:e.end] == e.text


def test_recognizer_without_rules(linker: Linker) -> None:
    doc = _doc("وهاجم لواء صقور الجبل مواقع قوات النظام")
    EntityRecognizer(StubTagger({}), linker, rules=False)(doc)
    assert doc.ents == [] and doc.user["entities"] == []


# ---------------------------------------------------------------------- lazy
def test_sentences_are_tagged_once_and_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = StubTagger({"يوسف الصالح": "PERS"})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("قصفت الطائرات مدينة حلب. وقال قائد لواء صقور الجبل يوسف الصالح إن مقاتليه صدوا الهجوم. "
               "وتواصلت الاشتباكات في ريف حماة")
    assert stub.calls == 0
    second = doc.sents[1]
    got = SentenceEntities(doc).in_span(second.start, second.end)
    assert stub.calls == 1
    assert {e.text: e.code for e in got}["يوسف الصالح"] == "LIWA-SAQUR-JABAL"
    SentenceEntities(doc).in_span(second.start, second.end)
    assert stub.calls == 1  # cached in the document
    first = doc.sents[0]
    SentenceEntities(doc).in_span(first.start, first.end)
    assert stub.calls == 2


def test_lazy_reuses_the_recognizer_output(monkeypatch: pytest.MonkeyPatch, linker: Linker) -> None:
    doc = _doc("وقال قائد لواء صقور الجبل يوسف الصالح إن مقاتليه صدوا الهجوم")
    EntityRecognizer(StubTagger({"يوسف الصالح": "PERS"}), linker)(doc)
    lazy_stub = StubTagger({})
    monkeypatch.setattr(lazy, "_tagger", lambda: lazy_stub)
    got = SentenceEntities(doc).in_span(0, len(doc.text))
    assert lazy_stub.calls == 0
    assert [e.text for e in got] == [e.text for e in doc.user["entities"]]


# ------------------------------------------------------------ event fallback
def test_unknown_brigade_fills_an_empty_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = StubTagger({})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("هاجم لواء صقور الجبل الجديد مواقع قوات النظام")
    trig = _span(doc, "هاجم")
    a1, a2 = fill_actors(doc, trig, (0, len(doc.text)), None, "SYR-MIL")
    assert (a1, a2) == ("LIWA-SAQUR-JABAL", "SYR-MIL")
    # filled slots are never changed
    assert fill_actors(doc, trig, (0, len(doc.text)), "SYR-REB", "SYR-MIL") == ("SYR-REB", "SYR-MIL")


def test_no_tagging_when_the_lexicon_knows_every_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = StubTagger({})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("هاجمت حركة أحرار الشام مواقع قوات النظام")
    trig = _span(doc, "هاجمت")
    assert fill_actors(doc, trig, (0, len(doc.text)), None, None) == (None, None)
    assert stub.calls == 0


def test_village_missing_from_the_gazetteer_gets_its_governorate(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = StubTagger({"خربة الزيتونة الصغيرة": "LOC"})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("قصفت طائرات النظام قرية خربة الزيتونة الصغيرة في ريف إدلب الجنوبي")
    whole = (0, len(doc.text))
    loc = fill_location(doc, _span(doc, "قصفت"), whole, whole)
    assert loc is not None
    assert (loc.admin1, loc.precision) == ("Idlib", 2)
    a1, a2, loc2 = fill_event_slots(doc, _span(doc, "قصفت"), whole, whole, "SYR-MIL", None, None)
    assert a1 == "SYR-MIL" and loc2 == loc


def test_sentence_without_any_place_is_not_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = StubTagger({"تلة المشرفة": "LOC"})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("وسقطت قذائف على تلة المشرفة")
    whole = (0, len(doc.text))
    assert fill_location(doc, (0, 4), whole, whole) is None
    assert stub.calls == 0


def test_fallback_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise DataFileError("no model")

    monkeypatch.setattr(lazy, "SentenceEntities", lambda doc: broken())
    doc = _doc("هاجم لواء صقور الجبل مواقع في ريف إدلب")
    whole = (0, len(doc.text))
    assert fill_event_slots(doc, (0, 4), whole, whole, None, None, None) == (None, None, None)


# ------------------------------------------------------------------ pipeline
def test_pipeline_event_gets_the_unknown_group() -> None:
    doc = Pipeline.default()(Document.from_raw(
        "t", "التقى المبعوث الأممي قائد لواء صقور الجبل حسن الحمادي في مدينة غازي عنتاب"))
    assert any("LIWA-SAQUR-JABAL" in (e.actor1, e.actor2) for e in doc.events)


def test_shipped_tagger_with_linking() -> None:
    try:
        rec = EntityRecognizer.default()
    except DataFileError:
        pytest.skip("NER model not built")
    doc = Pipeline([("sentencizer", sentencizer), ("ner", rec)])(
        Document.from_raw("t", "قال وزير الخارجية الروسي سيرغي لافروف إن بلاده ستواصل دعم دمشق"))
    codes = {e.text: e.code for e in doc.user["entities"] if e.label == "PERS"}
    assert codes.get("سيرغي لافروف") == "RUS-GOV"


def test_crf_span_running_into_a_name_is_split(linker: Linker) -> None:
    doc = _doc("وقال قائد لواء التوحيد عبد القادر الصالح إن مقاتليه صدوا الهجوم")
    EntityRecognizer(StubTagger({"لواء التوحيد عبد القادر الصالح": "ORG"}), linker)(doc)
    got = [(e.text, e.label, e.code) for e in doc.user["entities"]]
    code = linker.actors.resolve("لواء التوحيد")
    assert got == [("لواء التوحيد", "ORG", code), ("عبد القادر الصالح", "PERS", code)]


def test_part_of_a_known_group_name_becomes_the_group(linker: Linker) -> None:
    doc = _doc("وأعلن قائد جيش الإسلام النفير العام")
    EntityRecognizer(StubTagger({"الإسلام": "MISC"}), linker)(doc)
    got = [(e.text, e.label, e.code) for e in doc.user["entities"]]
    assert got == [("جيش الإسلام", "ORG", "JAYSH-ISLAM")]


def test_person_span_running_over_a_group_name_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    # the CRF takes the group's name for the start of a person's name
    stub = StubTagger({"نسور الساحل عمر الخطيب": "PERS"})
    monkeypatch.setattr(lazy, "_tagger", lambda: stub)
    doc = _doc("وقال قائد كتائب نسور الساحل عمر الخطيب إن مقاتليه صدوا الهجوم")
    got = {e.text: (e.label, e.code) for e in SentenceEntities(doc).in_span(0, len(doc.text))}
    assert got["كتائب نسور الساحل"] == ("ORG", "KATAIB-NASUR-SAHAL")
    assert got["عمر الخطيب"][0] == "PERS"
