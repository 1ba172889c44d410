from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.text.normalize import fold, normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("قُتِلَ", "قتل"),                      # diacritics
        ("الرقّة", "الرقه"),                   # shadda, ta marbuta
        ("إدلب", "ادلب"),                      # hamza under alef
        ("أكثر من ١٥٠ قتيلاً", "اكثر من 150 قتيلا"),  # Arabic-Indic digits, tanwin
        ("۳۰ مدنيا", "30 مدنيا"),               # Persian digits
        ("مستشفى", "مستشفي"),                  # alef maqsura
        ("الطـــائرات", "الطايرات"),            # tatweel (and ئ → ي)
        ("حلب\u200f", "حلب"),                  # bidi mark
        ("رئيس", "رييس"),                      # hamza on ya
        ("ﻻ", "لا"),                           # presentation-form ligature
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded
    text, offsets = normalize(raw)
    assert text == folded
    assert len(offsets) == len(text) + 1


def test_offsets_map_back_to_raw() -> None:
    raw = "قَصَفَتْ طائراتُ النظامِ مدينةَ إدلب\u200f أمسِ، وقُتل ٣ مدنيين."
    doc = Document.from_raw("t", raw)
    for word in ("قصفت", "ادلب", "3 مدنيين", "امس"):
        i = doc.text.index(word)
        s, e = doc.raw_span(i, i + len(word))
        assert fold(raw[s:e]) == word
        assert not raw[s:e].startswith(" ") and not raw[s:e].endswith(" ")


def test_offsets_identity_when_nothing_dropped() -> None:
    text, offsets = normalize("غارات على حلب")
    assert offsets == list(range(len(text) + 1))


def test_every_presentation_form_folds_without_error() -> None:
    for cp in list(range(0xFB50, 0xFEFD)) + list(range(0xFF01, 0xFF5F)):
        text, offsets = normalize("ا" + chr(cp) + "ب")
        assert len(offsets) == len(text) + 1
        assert text.startswith("ا") and text.endswith("ب")
