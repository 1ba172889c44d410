"""Trigger lexicon: families, clitics, phrases, article handling."""

from __future__ import annotations

import pytest

from rasid.errors import DataFileError
from rasid.events.triggers import TriggerLexicon
from rasid.text.normalize import fold


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.default()


def types(lex: TriggerLexicon, s: str) -> list[tuple[str, str]]:
    return [(t.type, t.text) for t in lex.find(fold(s))]


def test_verb_conjugations_and_clitics(lex: TriggerLexicon) -> None:
    assert types(lex, "وقصفوا مواقع الجيش") == [("shelling", "وقصفوا")]
    assert types(lex, "بالاشتباكات العنيفة") == [("armed_clash", "بالاشتباكات")]
    assert ("air_strike", "غاراتها") in types(lex, "واصلت الطائرات غاراتها")


def test_phrases_win_over_single_words(lex: TriggerLexicon) -> None:
    assert types(lex, "انفجرت سيارة مفخخة قرب السوق")[-1] == ("remote_explosive", "سياره مفخخه")
    assert types(lex, "فجر انتحاري حزاما ناسفا")[-1] == ("suicide_bomb", "حزاما ناسفا")
    assert types(lex, "تمكنت الفصائل من إسقاط طائرة حربية") == [("aircraft_downed", "اسقاط طايره")]


def test_air_strike_phrase(lex: TriggerLexicon) -> None:
    assert types(lex, "قصفت الطائرات الحربية البلدة")[0] == ("air_strike", "قصفت الطايرات")


def test_noal_blocks_dawn(lex: TriggerLexicon) -> None:
    assert types(lex, "عند الفجر وصل الوفد") == []


def test_interaction_families(lex: TriggerLexicon) -> None:
    got = {t for t, _ in types(lex, "التقى الوزير نظيره وندد بالهجوم ودعا إلى هدنة ثم وافق عليها")}
    assert {"consult", "accuse", "request", "agree"} <= got


def test_positions_index_the_text(lex: TriggerLexicon) -> None:
    t = fold("وشنت طائرات التحالف غارات على الرقة")
    for trig in lex.find(t):
        assert t[trig.start:trig.end] == trig.text


def test_malformed_line_names_the_line() -> None:
    with pytest.raises(DataFileError, match="line 2"):
        TriggerLexicon.from_lines(["# header", "قصف\tshelling"])
    with pytest.raises(DataFileError, match="unknown flag"):
        TriggerLexicon.from_lines(["قصف\tshelling\tقصف\tbogus"])


def test_alternatives_expand() -> None:
    lex = TriggerLexicon.from_lines(["{قصف|قصفت} {جوي|الجوي}\tair_strike\tقصف جوي\t"])
    assert len(lex.entries) == 4
