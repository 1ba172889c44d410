"""Report sources: named bodies near attribution cues, and parties claiming their own action."""

from __future__ import annotations

import pytest

from rasid.events.sources import SourceLexicon, actor_source_code, document_sources, find_source
from rasid.resolve.actors import ActorLexicon
from rasid.text.normalize import fold


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def src(s: str, lex: ActorLexicon) -> str | None:
    t = fold(s)
    m = find_source(t, 0, len(t), actors=lex)
    if m is not None:
        assert t[m.start:m.end] == m.text
    return None if m is None else m.code


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("وقال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في غارات على دوما", "SOHR"),
        ("قتل سبعة أشخاص في قصف على حلب، بحسب المرصد", "SOHR"),
        ("وأفاد ناشطون بأن الطيران المروحي ألقى براميل متفجرة", "activists"),
        ("ذكرت مصادر محلية أن اشتباكات عنيفة دارت في محيط المطار", "activists"),
        ("وأعلن اتحاد تنسيقيات الثورة أن سيارة مفخخة انفجرت", "activists"),
        ("وقالت وكالة الأنباء السورية الرسمية (سانا) إن الجيش استعاد السيطرة", "SANA"),
        ("ونقلت وكالة رويترز عن شهود أن", "media"),
        ("وقال مصدر عسكري إن وحدات الجيش دمرت أوكارا للإرهابيين", "military-source"),
        ("أعلنت وزارة الدفاع الروسية أن طائراتها نفذت 20 طلعة", "RUS-MOD"),
        ("وأعلن الجيش التركي أن طائراته قصفت مواقع لتنظيم داعش", "TUR-MIL"),
        ("وقال التحالف الدولي في بيان إنه نفذ 14 غارة", "COALITION"),
        ("وأكدت مصادر في المعارضة أن الثوار صدوا الهجوم", "opposition"),
        ("وأفادت وكالة فارس الإيرانية بأن", "IRN-media"),
        ("وثقت الشبكة السورية لحقوق الإنسان مقتل 50 مدنيا", "SNHR"),
    ],
)
def test_sources(lex: ActorLexicon, sentence: str, code: str) -> None:
    assert src(sentence, lex) == code


def test_no_source(lex: ActorLexicon) -> None:
    assert src("قصفت الطائرات الحربية مدينة حلب", lex) is None
    # a weak alias needs a cue: "المرصد" alone names a building here
    assert src("دمرت الغارة المرصد الفلكي", lex) is None


def test_interviewer_is_not_the_source(lex: ActorLexicon) -> None:
    assert src("وقال قائد ميداني لـ«رويترز» إن الهجوم فشل", lex) == "opposition"


def test_span_limits(lex: ActorLexicon) -> None:
    t = fold("قتل عشرة مدنيين في إدلب. وقال المرصد إن القصف استمر")
    cut = t.index(".") + 1
    assert find_source(t, 0, cut, actors=lex) is None
    m = find_source(t, cut, len(t), actors=lex)
    assert m is not None and m.code == "SOHR" and m.cue_start is not None and m.cue_start > cut


def test_actor_source_codes() -> None:
    assert actor_source_code("SYR-REB") == "opposition"
    assert actor_source_code("SYR-MIL") == "military-source"
    assert actor_source_code("YPG") == "YPG"


def test_document_sources(lex: ActorLexicon) -> None:
    t = fold("غارات على الرقة\nوقال المرصد إن 13 عنصرا من داعش قتلوا\nوذكرت سانا أن الجيش تقدم")
    assert [m.code for m in document_sources(t, actors=lex)] == ["SOHR", "SANA"]


def test_custom_lexicon() -> None:
    lx = SourceLexicon.from_text("مرصد الحقيقة\tTRUTH\tsource\nروى\t@v\tcue\n")
    t = fold("وروى مرصد الحقيقة أن القصف طال المدينة")
    m = find_source(t, 0, len(t), lexicon=lx)
    assert m is not None and m.code == "TRUTH"


def test_claims_can_be_turned_off(lex: ActorLexicon) -> None:
    t = fold("وقال الرئيس التركي إن بلاده لن تسمح بقيام دولة كردية")
    assert find_source(t, 0, len(t), actors=lex).code == "TUR-GOV"  # type: ignore[union-attr]
    assert find_source(t, 0, len(t), actors=lex, claims=False) is None
    t = fold("وأفادت وكالة فارس بأن ظريف التقى دي ميستورا")
    assert find_source(t, 0, len(t), actors=lex, claims=False).code == "IRN-media"  # type: ignore[union-attr]
