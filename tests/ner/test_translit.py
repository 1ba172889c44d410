"""The foreign-spelling score (rasid.ner.translit) and its features, on words written for these tests."""

from __future__ import annotations

import pytest

from rasid.ner.features import Featurizer, Resources
from rasid.ner.translit import TranslitModel, grams, train_weights


def test_grams_mark_word_edges() -> None:
    g = grams("روما")
    assert "^ر" in g and "ما$" in g and "^روم" in g
    assert len(g) == 5 + 4 + 3  # 2-, 3- and 4-letter grams of "^روما$"


def test_weights_favour_grams_of_the_foreign_side() -> None:
    foreign = ["لندن", "برلين", "مدريد", "فيينا", "ميلانو", "تورينو", "باريس", "لشبونة"]
    native = ["الحكومة", "المجلس", "قتلى", "مسلحين", "يقاتلون", "مستشفى", "مقاتلة", "الشرطة"]
    m = TranslitModel(train_weights(foreign, native))
    assert m.score("فيرونا") > 0 > m.score("المستشفى")
    assert m.score("مقاتلين") < m.score("ساندرينو")


@pytest.fixture(scope="module")
def shipped() -> Featurizer:
    return Featurizer(Resources.load())


@pytest.mark.parametrize("word", ["شوارزنيغر", "كوفاليوف", "بريتوريا", "فولفسبورغ"])
def test_shipped_model_flags_transliterated_names(shipped: Featurizer, word: str) -> None:
    own = shipped.sentence(["وصل", word, "أمس"])[1]
    assert any(f.startswith("fx=") for f in own), own
    # the neighbours see it too
    assert any(f.startswith("-1:fx=") for f in shipped.sentence(["وصل", word, "أمس"])[2])


@pytest.mark.parametrize("word", ["المستشفيات", "مقاتلين", "والحكومة", "يستهدفون", "محافظة"])
def test_shipped_model_leaves_arabic_words_alone(shipped: Featurizer, word: str) -> None:
    assert not any(f.startswith("fx=") for f in shipped.sentence([word])[0])


def test_no_model_no_feature() -> None:
    assert not any(f.startswith("fx=") for f in Featurizer(Resources.empty()).sentence(["شوارزنيغر"])[0])
