"""Entity linking (rasid.ner.link): hand-made entity spans, the package lexicon and gazetteer."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.ner.lazy import RuleEntity
from rasid.ner.link import CONFIDENCE, LinkedEntity, Linker, derived_code, group_spans, has_group_cue
from rasid.resolve.actors import ActorLexicon
from rasid.text.normalize import fold


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.default()


def _span(doc: Document, sub: str, label: str) -> RuleEntity:
    """The entity over the first occurrence of ``sub`` in the raw text (folded offsets)."""
    i = doc.raw.index(sub)
    fs = next(k for k, o in enumerate(doc.offsets) if o >= i)
    fe = next(k for k, o in enumerate(doc.offsets) if o >= i + len(sub))
    return RuleEntity(fs, fe, label)


def _link(linker: Linker, raw: str, *spans: tuple[str, str]) -> list[LinkedEntity]:
    doc = Document.from_raw("t", raw)
    return linker.link(doc, [_span(doc, s, lab) for s, lab in spans])


# ------------------------------------------------------------------- persons
def test_known_person_after_title_is_one_lexicon_mention(linker: Linker) -> None:
    (e,) = _link(linker, "قال وزير الخارجية الروسي سيرغي لافروف إن بلاده ستواصل دعم دمشق",
                 ("سيرغي لافروف", "PERS"))
    assert (e.code, e.via) == ("RUS-GOV", "lexicon")
    assert e.text == "سيرغي لافروف"
    assert e.confidence == CONFIDENCE["lexicon"]


def test_unknown_person_takes_the_title_before_the_name(linker: Linker) -> None:
    (e,) = _link(linker, "وقال وزير الخارجية الروسي ألكسندر فيدوروف إن بلاده ستواصل دعم دمشق",
                 ("ألكسندر فيدوروف", "PERS"))
    assert (e.code, e.via) == ("RUS-GOV", "title")


def test_spokesman_of_an_organisation(linker: Linker) -> None:
    (e,) = _link(linker, "وقال المتحدث باسم البنتاغون جيمس هارتلي إن الغارات استهدفت مواقع التنظيم",
                 ("جيمس هارتلي", "PERS"))
    assert e.code == "USA-MIL"


def test_apposition_after_a_comma(linker: Linker) -> None:
    (e,) = _link(linker, "وصرح علي الخالدي، وزير الخارجية الإيراني، بأن بلاده تدعم الحل السياسي",
                 ("علي الخالدي", "PERS"))
    assert (e.code, e.via) == ("IRN-GOV", "apposition")


def test_commander_of_the_brigade_named_before(linker: Linker) -> None:
    raw = "أعلن لواء التوحيد السيطرة على الحي. وقال قائد اللواء يوسف الصالح إن مقاتليه صدوا الهجوم"
    (e,) = _link(linker, raw, ("يوسف الصالح", "PERS"))
    assert e.via == "anaphor"
    assert e.code == ActorLexicon.default().resolve("لواء التوحيد")


def test_commander_of_an_unknown_brigade_gets_its_derived_name(linker: Linker) -> None:
    raw = "أعلن لواء صقور الجبل السيطرة على التلة. وقال قائد اللواء حسن الحمادي إن مقاتليه صدوا الهجوم"
    person, group = _link(linker, raw, ("حسن الحمادي", "PERS"), ("لواء صقور الجبل", "ORG"))
    assert (group.code, group.via) == ("LIWA-SAQUR-JABAL", "derived")
    assert (person.code, person.via) == ("LIWA-SAQUR-JABAL", "anaphor")


def test_person_right_after_an_unknown_group(linker: Linker) -> None:
    (e,) = _link(linker, "وقال قائد لواء صقور الجبل حسن الحمادي إن مقاتليه سيطروا على التلة",
                 ("حسن الحمادي", "PERS"))
    assert e.code == "LIWA-SAQUR-JABAL"


def test_person_with_no_affiliation_links_to_nothing(linker: Linker) -> None:
    (e,) = _link(linker, "وقال حسن الحمادي إن الوضع صعب", ("حسن الحمادي", "PERS"))
    assert (e.code, e.place, e.confidence, e.via) == (None, None, 0.0, "")


# ------------------------------------------------------------- organisations
def test_known_organisation(linker: Linker) -> None:
    (e,) = _link(linker, "وأعلنت حركة أحرار الشام انسحابها من المفاوضات", ("حركة أحرار الشام", "ORG"))
    assert (e.code, e.via) == ("AHRAR-SHAM", "lexicon")


def test_army_unit_is_no_group_name(linker: Linker) -> None:
    (e,) = _link(linker, "واطلقت دبابات من كتيبة المدرعات الخامسة عدة قذائف",
                 ("كتيبة المدرعات الخامسة", "ORG"))
    assert e.code is None


@pytest.mark.parametrize("phrase, code", [
    ("لواء صقور الجبل", "LIWA-SAQUR-JABAL"),
    ("لواء التوحيد", "LIWA-TAWHID"),
    ("كتائب شهداء بدر", "KATAIB-SHAHADA-BADAR"),
    ("الجيش", None),
    ("مدينة حلب", None),
])
def test_derived_code(phrase: str, code: str | None) -> None:
    assert derived_code(phrase) == code


def test_group_spans_stop_at_adjectives_conjunctions_and_quotes() -> None:
    text = fold("هاجم لواء «صقور الجبل» الجديد وكتيبة شهداء بدر مواقع قوات النظام")
    assert [text[s:e] for s, e in group_spans(text)] == [fold("لواء «صقور الجبل»"), fold("كتيبة شهداء بدر")]
    # common nouns that head names only when quoted: a front line, a gathering
    assert group_spans(fold("اشتباكات على جبهة الساحل ومناطق تجمع المدنيين")) == []
    assert group_spans(fold("وأعلنت جبهة «أنصار الدين» النفير"))


def test_group_cue_ignores_groups_the_lexicon_knows() -> None:
    assert has_group_cue(fold("هاجم لواء صقور الجبل مواقع قوات النظام"))
    assert not has_group_cue(fold("هاجمت حركة أحرار الشام مواقع قوات النظام"))
    assert has_group_cue(fold("وقال قائد اللواء يوسف الصالح"))
    assert not has_group_cue(fold("وقال اللواء علي مملوك"))  # a rank, not a brigade


# -------------------------------------------------------------------- places
def test_known_place(linker: Linker) -> None:
    (e,) = _link(linker, "سقطت قذائف على مدينة حلب", ("حلب", "LOC"))
    assert e.place is not None
    assert (e.place.admin1, e.place.precision, e.via) == ("Aleppo", 1, "gazetteer")


def test_unknown_village_falls_back_to_the_governorate_named_after_it(linker: Linker) -> None:
    raw = "قصفت طائرات النظام قرية خربة الزيتونة الصغيرة في ريف إدلب الجنوبي"
    (e,) = _link(linker, raw, ("خربة الزيتونة الصغيرة", "LOC"))
    assert e.place is not None
    assert (e.place.admin1, e.place.precision, e.via) == ("Idlib", 2, "parent")
    assert e.place.text == fold("خربة الزيتونة الصغيرة")  # the place names the village span
    assert e.confidence < CONFIDENCE["gazetteer"]


def test_unknown_place_with_the_region_elsewhere_in_the_sentence(linker: Linker) -> None:
    raw = "وسقطت قذائف على تلة المشرفة الشرقية، وقال ناشطون في حماة إن القصف مستمر"
    (e,) = _link(linker, raw, ("تلة المشرفة الشرقية", "LOC"))
    assert e.place is not None
    assert (e.place.admin1, e.place.precision, e.via) == ("Hama", 3, "region")


def test_unknown_place_alone_links_to_nothing(linker: Linker) -> None:
    (e,) = _link(linker, "وسقطت قذائف على تلة المشرفة الشرقية", ("تلة المشرفة الشرقية", "LOC"))
    assert e.place is None and e.confidence == 0.0


def test_to_dict_gives_raw_offsets(linker: Linker) -> None:
    raw = "قصفت الطائرات قريةَ خربة الزيتونة في ريفِ إدلب"
    doc = Document.from_raw("t", raw)
    (e,) = linker.link(doc, [_span(doc, "خربة الزيتونة", "LOC")])
    d = e.to_dict(doc)
    assert raw[d["start"]:d["end"]] == d["text"] == "خربة الزيتونة"
    assert raw[d["place"]["start"]:d["place"]["end"]] == d["place"]["text"]
    assert d["place"]["admin1"] == "Idlib" and d["via"] == "parent"


# ---------------------------------------------------------------- confidence
def test_confidence_orders_the_rules(linker: Linker) -> None:
    raw = ("قال وزير الخارجية الروسي سيرغي لافروف. وقال وزير الخارجية الروسي ألكسندر فيدوروف. "
           "وصرح علي الخالدي، وزير الخارجية الإيراني. أعلن لواء صقور الجبل السيطرة على التلة. "
           "وقال قائد اللواء حسن الحمادي إن مقاتليه صدوا الهجوم")
    lex, title, appos, group, anaphor = _link(
        linker, raw, ("سيرغي لافروف", "PERS"), ("ألكسندر فيدوروف", "PERS"), ("علي الخالدي", "PERS"),
        ("لواء صقور الجبل", "ORG"), ("حسن الحمادي", "PERS"))
    vias = [x.via for x in (lex, title, appos, anaphor, group)]
    assert vias == ["lexicon", "title", "apposition", "anaphor", "derived"]
    assert lex.confidence > title.confidence > appos.confidence > anaphor.confidence > group.confidence > 0
    places = _link(linker, "سقطت قذائف على مدينة حلب وعلى خربة الزيتونة في ريف إدلب",
                   ("حلب", "LOC"), ("خربة الزيتونة", "LOC"))
    assert places[0].confidence > places[1].confidence > CONFIDENCE["region"] > 0
    assert all(0.0 <= c <= 1.0 for c in CONFIDENCE.values())
