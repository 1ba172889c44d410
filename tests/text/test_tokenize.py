from __future__ import annotations

from rasid.text.normalize import fold
from rasid.text.tokenize import bases, key, tokenize


def test_tokens_have_offsets() -> None:
    text = fold("وقصفت الطائرات، أمس، بلدة كفرنبل بـ 12 صاروخاً.")
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "12" in [t.text for t in toks]
    assert "،" in [t.text for t in toks]


def test_clitics_are_stripped_longest_first() -> None:
    b = bases(fold("وبالرقة"))
    assert b[0] == "وبالرقه"
    assert "الرقه" in b and "رقه" in b
    assert b.index("الرقه") < b.index("رقه")


def test_lil_article_contraction() -> None:
    assert "المعارضه" in bases(fold("للمعارضة"))


def test_names_stay_whole_first() -> None:
    # a lexicon looks readings up in order, so the whole name is found first
    assert bases(fold("لافروف"))[0] == "لافروف"
    assert bases(fold("البوكمال"))[0] == "البوكمال"


def test_pronoun_suffix() -> None:
    assert "قوات" in bases(fold("قواتها"))


def test_key_drops_article_and_spaces() -> None:
    assert key("البو كمال") == key("البوكمال") == "بوكمال"
