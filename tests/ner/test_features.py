"""Features of the CRF entity tagger, on sentences written for these tests."""

from __future__ import annotations

import pytest

from rasid.ner.features import Featurizer, Resources, entity_phrases, lexical_prior


@pytest.fixture(scope="module")
def shipped() -> Featurizer:
    return Featurizer(Resources.load())


def _small() -> Featurizer:
    res = Resources(
        phrases={"adm": frozenset({"دير الزور", "حلب"}), "org": frozenset({"الامم المتحده"})},
        first_names=frozenset({"محمد"}),
        cues={"مدينه": "LOC", "الرييس": "PERS", "تنظيم": "ORG"},
    )
    return Featurizer(res)


def test_word_form_is_folded_and_clitics_stripped() -> None:
    feats = _small().sentence(["وبمدينة", "حلب"])
    f0 = feats[0]
    assert "w=وبمدينه" in f0  # folded: ة -> ه
    assert "bl=مدينه" in f0  # و + ب stripped
    assert "cue=LOC" in f0  # the cue is found on the stripped form
    assert "-1:cue=LOC" in feats[1]  # and seen by the next word


def test_multiword_gazetteer_marks_begin_and_inside() -> None:
    feats = _small().sentence(["قصف", "مدينة", "دير", "الزور", "اليوم"])
    assert "gadm=B" in feats[2]
    assert "gadm=I" in feats[3]
    assert not any(f.startswith("gadm") for f in feats[4])
    assert "1:gadm=B" in feats[1]  # the neighbour's match is a feature too


def test_gazetteer_matches_after_a_clitic() -> None:
    feats = _small().sentence(["وقالت", "للأمم", "المتحدة"])
    # لل + noun = ل + ال + noun: للامم -> الامم
    assert "gorg=B" in feats[1]
    assert "gorg=I" in feats[2]


def test_given_name_and_title_cue() -> None:
    feats = _small().sentence(["قال", "الرئيس", "محمد", "مرسي"])
    assert "fn" in feats[2]
    assert "-1:cue=PERS" in feats[2]
    assert "-2:BOS" not in feats[0] and "-1:BOS" in feats[0]
    assert "1:EOS" in feats[3]


def test_shipped_lists_know_syrian_places_and_word_classes(shipped: Featurizer) -> None:
    feats = shipped.sentence(["سيطر", "تنظيم", "الدولة", "على", "مدينة", "تدمر"])
    assert "cue=ORG" in feats[1]
    assert any(f.startswith("gadm=") for f in feats[5])  # تدمر is in the admin/city list
    assert any(f.startswith("c3=") for f in feats[3])  # على has a word class


def test_train_lists_from_tagged_sentences() -> None:
    sents = [
        (["زار", "بان", "كي", "مون", "دمشق"], ["O", "B-PERS", "I-PERS", "I-PERS", "B-LOC"]),
        (["وصل", "إلى", "دمشق"], ["O", "O", "B-LOC"]),
        (["دمشق", "مدينة"], ["B-LOC", "O"]),
    ]
    phrases = entity_phrases(sents)
    assert "بان كي مون" in phrases["PERS"]
    assert phrases["LOC"] == {"دمشق"}
    prior = lexical_prior(sents)
    assert prior["دمشق"] == "LOC>80"
    assert "وصل" not in prior


def test_document_features_share_context_across_mentions() -> None:
    fx = _small()
    feats = fx.document([["قال", "الرئيس", "شيراك", "كلاما"], ["وأضاف", "شيراك", "أن"]])
    # the bare mention in sentence 2 learns that another mention follows a title
    assert "d:-1:cue=PERS" in feats[1][1]
    assert "d:-1:cue=PERS" in feats[0][2]
    # short words and cue words get no document features
    assert not any(f.startswith("d:") for f in feats[1][2])
    assert not any(f.startswith("d:") for f in feats[0][1])
    # a sentence alone is the same as a one-sentence document without the d: part
    plain = fx.sentence(["وأضاف", "شيراك", "أن"])
    assert [[f for f in t if not f.startswith("d:")] for t in feats[1]] == plain


def test_short_quotes_are_marked_and_long_ones_are_not() -> None:
    fx = _small()
    feats = fx.sentence(["نشرت", "صحيفة", "«", "الحياة", "اللندنية", "»", "تقريرا", "عن", '"', "حزب", "الله", '"'])
    assert {"q", "q[", "ql=2"} <= set(feats[3]) and "q]" not in feats[3]
    assert {"q", "q]", "ql=2"} <= set(feats[4]) and "q[" not in feats[4]
    assert "q" not in feats[1] and "q" not in feats[6]  # outside the quotes
    assert {"q", "q[", "ql=2"} <= set(feats[9]) and "q]" in feats[10]  # straight quotes too
    quoted_sentence = ["قال", '"', "إن", "القوات", "لن", "تنسحب", "من", "المدينة", "قبل", "نهاية", "العام", '"']
    assert not any("q" in f for f in fx.sentence(quoted_sentence))
    assert "q" not in Featurizer(fx.res, quotes=False).sentence(["«", "الحياة", "»"])[1]
    # an opening mark that is never closed marks nothing; a later closed quote still counts
    unclosed = fx.sentence(["قالت", "«", "مصادر", "إن", "«", "الجزيرة", "»", "بثت"])
    assert "q" not in unclosed[2] and {"q", "q[", "q]", "ql=1"} <= set(unclosed[5])


def test_word_features_are_shared_by_the_string_and_parts_views() -> None:
    fx = _small()
    doc = [["قال", "الرئيس", "محمد", "في", "حلب"], ["وأضاف", "محمد", "أن", "دير", "الزور", "آمنة"]]
    words, extras, bags = fx.document_parts(doc)[1]
    assert words[1].folded == "محمد" and "fn" in words[1].own
    assert words[0].key is not None and words[0].key != words[0].folded  # وأضاف -> أضاف
    assert bags is not None and "-1:cue=PERS" in bags[1]  # from the mention in sentence 1
    assert "gadm=B" in extras[3] and "1:gadm=I" in extras[3]
    strings = fx.document(doc)[1]
    assert "-1:w=محمد" in strings[2] and "d:-1:cue=PERS" in strings[1]


def test_shipped_lists_know_world_towns_and_e5_word_classes(shipped: Featurizer) -> None:
    feats = shipped.sentence(["زار", "الوفد", "مدينة", "أوساكا", "اليابانية"])
    assert "gwld=U" in feats[3]  # GeoNames' Arabic name of Osaka, from places_world.txt
    assert any(f.startswith("e1=") for f in feats[1])  # الوفد has E5 word classes
    assert any(f.startswith("-1:e1=") for f in feats[2])  # and its neighbour sees them


def test_e5_classes_fall_back_to_the_clitic_stripped_word() -> None:
    res = Resources(eclasses={"الحكومه": ("e1=3", "e2=17")})
    f0 = Featurizer(res).sentence(["والحكومة"])[0]
    assert "e1=3" in f0 and "e2=17" in f0


def test_every_clitic_reading_is_looked_up_in_the_gazetteers() -> None:
    res = Resources(phrases={"org": frozenset({"حماس"}), "trORG": frozenset({"لحماس"})})
    f = Featurizer(res).sentence(["رئيس", "المكتب", "السياسي", "لحماس"])[3]
    assert "gtrORG=U" in f  # the word as it stands
    assert "gorg=U" in f  # and without its ل
