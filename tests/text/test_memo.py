from __future__ import annotations

from rasid.text.memo import TextMemo
from rasid.text.normalize import fold, normalize
from rasid.text.tokenize import TOKEN_RE, bases, readings, token_spans


def test_memo_keeps_only_the_current_text() -> None:
    memo = TextMemo()
    first = fold("قصفت الطائرات مدينة حلب")
    memo.table(first)[(0, 4)] = "x"
    assert memo.table(first) == {(0, 4): "x"}
    second = fold("اشتباكات في ريف إدلب")
    assert memo.table(second) == {}
    assert memo.table(first) == {}  # the first text's table is gone
    memo.table(second)[(1, 2)] = 1
    memo.clear()
    assert memo.table(second) == {}


def test_token_spans_are_the_token_regex_matches() -> None:
    text = fold("وقال المرصد، في بيان: قتل 12 مدنياً «بقصف» على دوما.")
    spans = token_spans(text, 5, len(text))
    assert spans == tuple((m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, 5, len(text)))
    assert token_spans(text, 5, len(text)) is spans  # computed once per span
    assert token_spans(text) == tuple((m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text))


def test_readings_are_bases_without_a_copy() -> None:
    w = fold("وبالمدينة")
    assert list(readings(w)) == bases(w)
    assert list(readings(w, suffixes=False)) == bases(w, suffixes=False)
    assert readings(w) is readings(w)


def test_normalize_offsets_with_diacritics_and_tatweel() -> None:
    raw = "قُتِلَ ثلاثـــة مدنيين\u200f في حلب"
    text, offsets = normalize(raw)
    assert text == "قتل ثلاثه مدنيين في حلب"
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(raw)
    assert all(fold(raw[offsets[i]]) == text[i] for i in range(len(text)))
    long_raw = raw * 30  # long texts take the str.replace path
    long_text, long_offsets = normalize(long_raw)
    assert long_text == text * 30
    assert all(fold(long_raw[long_offsets[i]]) == long_text[i] for i in range(len(long_text)))


def test_normalize_presentation_forms_still_expand() -> None:
    text, offsets = normalize("\ufefb" + "قصف" * 100)  # lam-alef ligature
    assert text.startswith("لا")
    assert offsets[:3] == [0, 0, 1]
