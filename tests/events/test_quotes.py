"""Quotes: speaker, cue verb and quoted words, all as raw offsets."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.events.quotes import find_quotes
from rasid.records import Quote
from rasid.resolve.actors import ActorLexicon


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def quotes(raw: str, lex: ActorLexicon) -> list[Quote]:
    doc = Document.from_raw("t", raw)
    qs = find_quotes(doc, actors=lex)
    for q in qs:  # every offset points into the raw article
        assert raw[q.start:q.end] == q.quote
        assert raw[q.cue_start:q.cue_end] == q.cue
        if q.speaker is not None:
            assert raw[q.speaker_start:q.speaker_end] == q.speaker
    return qs


def test_inna_clause(lex: ActorLexicon) -> None:
    (q,) = quotes("وقال وزير الخارجية الروسي سيرغي لافروف إن الحل في سوريا سياسي.", lex)
    assert (q.actor, q.cue, q.quote) == ("RUS-GOV", "وقال", "الحل في سوريا سياسي")
    assert q.speaker == "وزير الخارجية الروسي سيرغي لافروف"


def test_guillemets_with_diacritics(lex: ActorLexicon) -> None:
    raw = "وأكّد المتحدث باسم البنتاغون: «لن نرسل قوات برية إلى سوريا»."
    (q,) = quotes(raw, lex)
    assert q.actor == "USA-MIL"
    assert q.cue == "وأكّد"
    assert q.quote == "لن نرسل قوات برية إلى سوريا"


def test_quote_before_verb(lex: ActorLexicon) -> None:
    (q,) = quotes("«سنواصل القتال حتى النهاية»، قال قائد ميداني في جيش الفتح.", lex)
    assert q.quote == "سنواصل القتال حتى النهاية"
    assert q.actor == "SYR-REB"
    assert q.speaker == "قائد ميداني في جيش الفتح"


def test_continuation_keeps_speaker(lex: ActorLexicon) -> None:
    qs = quotes("وقال الرئيس التركي رجب طيب أردوغان إن بلاده لن تقف مكتوفة الأيدي. "
                "وأضاف أن الحرب على داعش مستمرة.", lex)
    assert [q.actor for q in qs] == ["TUR-GOV", "TUR-GOV"]
    assert qs[1].cue == "وأضاف"
    assert qs[1].quote == "الحرب على داعش مستمرة"


def test_unknown_speaker_and_addressee(lex: ActorLexicon) -> None:
    (q,) = quotes("وقال مصدر مطلع لـ«الشرق الأوسط» إن المفاوضات متعثرة.", lex)
    assert q.speaker == "مصدر مطلع"
    assert q.actor is None
    assert q.quote == "المفاوضات متعثرة"


def test_source_as_speaker(lex: ActorLexicon) -> None:
    (q,) = quotes("وأشار المرصد السوري لحقوق الإنسان إلى أن 20 مدنيا قتلوا.", lex)
    assert q.actor == "SOHR"
    assert q.quote == "20 مدنيا قتلوا"


def test_no_quote_without_content(lex: ActorLexicon) -> None:
    assert quotes("وأعلن الجيش عن بدء عملية عسكرية واسعة.", lex) == []


def test_record_dict(lex: ActorLexicon) -> None:
    (q,) = quotes("صرح دي ميستورا بأن الهدنة صامدة.", lex)
    d = q.to_dict()
    assert d["kind"] == "quote" and d["actor"] == "IGO-UN" and d["quote"] == "الهدنة صامدة"


def test_pipeline_component() -> None:
    from rasid.events.quotes import QuoteFinder

    doc = QuoteFinder.default()(Document.from_raw("c", "وقال المرصد إن القصف مستمر. وأضاف أن الطيران لم يغادر الأجواء."))
    assert [(q.actor, q.quote) for q in doc.quotes] == [("SOHR", "القصف مستمر"), ("SOHR", "الطيران لم يغادر الأجواء")]
