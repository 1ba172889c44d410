"""Report sources: named bodies near attribution cues, and parties claiming their own action."""

from __future__ import annotations

import pytest

from rasid.events.sources import (
    SourceLexicon,
    actor_source_code,
    document_sources,
    find_source,
    find_sources,
    governing_source,
)
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


# ------------------------------------------------------------------ attribution scope

def test_name_inside_the_reported_clause_is_no_source(lex: ActorLexicon) -> None:
    # the speaker of "وأضاف" is someone named before; المعارضة is what he talks about
    assert src("وأضاف أن فصائل المعارضة قصفت مواقع للجيش في ريف حماة", lex) is None
    assert src("وقالت مصادر المعارضة إن الطيران قصف البلدة", lex) == "opposition"


def test_every_attribution_of_a_sentence_in_order(lex: ActorLexicon) -> None:
    t = fold("قال المرصد إن غارات استهدفت أريحا، فيما أفاد ناشطون بأن قوات النظام قصفت سراقب")
    found = find_sources(t, 0, len(t), actors=lex)
    assert [m.code for m in found] == ["SOHR", "activists"]
    assert governing_source(found, t.index("غارات")).code == "SOHR"
    assert governing_source(found, t.index("قصفت")).code == "activists"
    # an event told before any attribution rests on the first one after it
    t2 = fold("قتل خمسة مدنيين بقصف على دوما، وفق ناشطين")
    assert governing_source(find_sources(t2, 0, len(t2), actors=lex), 0).code == "activists"


def test_dative_is_no_speaker_but_a_statement_by_is(lex: ActorLexicon) -> None:
    assert src("وأكدت الشرطة أن القتيل ينتمي لتنظيم داعش", lex) != "ISIS"
    assert src("وجاء ذلك في بيان لجيش الإسلام نشر على موقعه", lex) == "opposition"


def test_moving_troops_is_no_relay(lex: ActorLexicon) -> None:
    # "نقلت دبابات" carries tanks; only "نقلت ... عن" relays a report
    assert src("ونقلت قوات النظام دبابات إلى محيط المدينة مع تقدم فصائل المعارضة", lex) is None
    assert src("ونقلت وكالة رويترز عن مصادر المعارضة أن الهجوم بدأ", lex) == "opposition"


def test_outlet_name_without_cue_yields_to_a_cued_source(lex: ActorLexicon) -> None:
    t = fold("وأفاد ناشطون بأن غارة أصابت مشفى أورينت في كفرنبل")
    assert [m.code for m in find_sources(t, 0, len(t), actors=lex)] == ["activists"]


def test_subject_before_its_verb_in_a_headline(lex: ActorLexicon) -> None:
    assert src("حزب الله يؤكد مقتل ثلاثة من عناصره في القلمون", lex) == "HEZBOLLAH"


def test_speaker_affiliation_by_apposition(lex: ActorLexicon) -> None:
    assert src("وقال أبو محمد الحلبي، القيادي في جيش الإسلام، إن مقاتليه صدوا الهجوم", lex) == "opposition"
    # the affiliation must come before the reported clause
    assert src("وقال أبو محمد، أمس، إن جيش الإسلام صد الهجوم", lex) is None


def test_defence_ministry_speaks_for_its_government() -> None:
    assert actor_source_code("USA-MIL", fold("وزارة الدفاع الأمريكية")) == "USA-GOV"
    assert actor_source_code("TUR-MIL", fold("الجيش التركي")) == "TUR-MIL"
    assert actor_source_code("RUS-MIL", fold("وزارة الدفاع الروسية")) == "RUS-MOD"


# ------------------------------------------------------------------ in the extractor

@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from rasid.events.extract import EventExtractor

    return EventExtractor.default()


def _sources(extractor, raw: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    from rasid.doc import Document

    doc = extractor(Document.from_raw("t", raw))
    return [(e.trigger, e.source) for e in doc.events]


def test_country_before_a_headline_colon_is_the_topic(extractor) -> None:  # type: ignore[no-untyped-def]
    got = _sources(extractor, "العراق: مقتل خمسة في قصف على الموصل\nوقصفت الطائرات أحياء في المدينة أمس.")
    assert got and all(s is None for _, s in got)
    got = _sources(extractor, "المرصد السوري: مقتل خمسة في غارة على دوما\nوقصفت الطائرات أحياء في دوما أمس.")
    assert got[0][1] == "SOHR"
    assert got[-1][1] is None  # a headline's source does not carry into the body


def test_later_mention_of_a_named_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    raw = ("عنوان\nوقال مدير المرصد السوري رامي عبد الرحمن إن المعارك مستمرة في ريف إدلب. "
           "وأفاد ناشطون بأن الطيران ألقى براميل على سراقب. "
           "ووفق عبد الرحمن، قصفت قوات النظام بلدة بنش بالمدفعية.")
    got = dict(_sources(extractor, raw))
    assert got["قصفت"] == "SOHR"


def test_group_named_again_by_its_head_noun(extractor) -> None:  # type: ignore[no-untyped-def]
    raw = ("عنوان\nتفاوضت حركة أحرار الشام مع وفد إيراني في إسطنبول. "
           "وأفاد ناشطون بأن الطيران قصف الزبداني. "
           "وأعلنت الحركة في بيان سيطرتها على قرية قرب الفوعة.")
    got = _sources(extractor, raw)
    assert [s for t, s in got if "سيطرت" in t] == ["opposition"]


def test_statement_word_must_be_a_whole_word(extractor) -> None:  # type: ignore[no-untyped-def]
    # "بيانون" is a village: no statement, so the army shelling it claims nothing
    got = _sources(extractor, "عنوان\nوقصفت قوات النظام بالمدفعية بلدات حيان وبيانون وماير.")
    assert got and all(s is None for _, s in got)
    got = _sources(extractor, "عنوان\nوأضاف البيان أن طائرات التحالف قصفت مواقع لتنظيم داعش قرب الرقة.")
    assert any(s == "COALITION" for _, s in got)


def test_conjoined_headline_subject(lex: ActorLexicon) -> None:
    assert src("قتلى في قصف على حلب.. والبنتاغون يؤكد مقتل قيادي بغارة", lex) == "USA-GOV"


def test_country_as_speaker_only_right_after_its_verb(lex: ActorLexicon) -> None:
    assert src("وأعلنت تركيا أن طائراتها قصفت مواقع للتنظيم", lex) == "TUR-GOV"
    # "تبني شؤون العراق": a verbal noun and its genitive, no statement by Iraq
    assert src("دعا رجل الدين الأمم المتحدة إلى تبني شؤون العراق بالكامل", lex) is None
