"""Actor lexicon: aliases, clitics, titles with nationalities, blockers, user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.errors import DataFileError
from rasid.resolve.actors import ActorEntry, ActorLexicon, armed_code, read_lexicon_file
from rasid.text.normalize import fold


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def codes(lex: ActorLexicon, s: str) -> list[str]:
    return [m.code for m in lex.find(fold(s))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("شنت قوات الأسد هجوما على مواقع الجيش السوري الحر", ["SYR-MIL", "SYR-REB"]),
        ("ألقى الطيران الحربي السوري براميل متفجرة", ["SYR-MIL"]),
        ("وقصفت طائرات النظام مدينة دوما", ["SYR-MIL"]),
        ("اشتبكت الفرقة الرابعة والحرس الجمهوري مع الثوار", ["SYR-MIL", "SYR-MIL", "SYR-REB"]),
        ("هاجم مقاتلو تنظيم الدولة الإسلامية بلدة مارع", ["ISIS"]),
        ("انسحبت جبهة النصرة من مواقعها لصالح حركة أحرار الشام", ["NUSRA", "AHRAR-SHAM"]),
        ("وسيطرت وحدات حماية الشعب الكردية على تل أبيض", ["YPG"]),
        ("قتل عشرة من عناصر حزب الله اللبناني", ["HEZBOLLAH"]),
        ("قتل 20 مدنيا بينهم أطفال", ["CIV", "CIV"]),
        ("استهدفت طائرات التحالف الدولي بقيادة الولايات المتحدة مواقع", ["COALITION"]),
        ("دعا مجلس الأمن الدولي إلى وقف إطلاق النار", ["IGO-UN"]),
    ],
)
def test_aliases(lex: ActorLexicon, sentence: str, expected: list[str]) -> None:
    assert codes(lex, sentence) == expected


def test_clitics_on_first_word(lex: ActorLexicon) -> None:
    ms = lex.find(fold("تصدى الأهالي ولتنظيم داعش وقتل ثلاثة بالطيران الروسي"))
    assert [(m.text, m.code) for m in ms][1:] == [("ولتنظيم داعش", "ISIS"), ("بالطيران الروسي", "RUS-MIL")]


def test_offsets_index_the_folded_text(lex: ActorLexicon) -> None:
    text = fold("وأعلنت وزارة الدفاع التركية أن المقاتلات التركية قصفت مواقع لداعش")
    for m in lex.find(text):
        assert text[m.start:m.end] == m.text
    ms = lex.find(text, start=text.index("المقاتلات"))
    assert [m.code for m in ms] == ["TUR-MIL", "ISIS"]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("وزير الخارجية الروسي سيرغي لافروف", "RUS-GOV"),
        ("الرئيس التركي", "TUR-GOV"),
        ("المتحدث باسم البنتاغون", "USA-MIL"),
        ("وزير الدفاع الأمريكي", "USA-GOV"),
        ("الجيش التركي", "TUR-MIL"),
        ("طائرات روسية", "RUS-MIL"),
        ("المبعوث الأممي ستيفان دي ميستورا", "IGO-UN"),
        ("الأمين العام لحزب الله", "HEZBOLLAH"),
        ("قائد فيلق القدس", "IRN-MIL"),
        ("وزير الخارجية السوري وليد المعلم", "SYR-GOV"),
        ("السفير الإيراني", "IRN-GOV"),
    ],
)
def test_titles_and_nationalities(lex: ActorLexicon, phrase: str, code: str) -> None:
    ms = lex.find(fold(phrase))
    assert len(ms) == 1, ms
    assert ms[0].code == code
    assert ms[0].text == fold(phrase)


def test_person_alone(lex: ActorLexicon) -> None:
    assert codes(lex, "وصرح لافروف بأن") == ["RUS-GOV"]
    assert codes(lex, "واستقبل أردوغان نظيره") == ["TUR-GOV"]


def test_longest_match_wins(lex: ActorLexicon) -> None:
    # الجيش السوري الحر (rebels) is not الجيش السوري (army) + الحر
    assert codes(lex, "قال الجيش السوري الحر") == ["SYR-REB"]


def test_coordination_is_not_a_construct(lex: ActorLexicon) -> None:
    assert codes(lex, "اشتباكات بين قوات النظام والفصائل المعارضة") == ["SYR-MIL", "SYR-REB"]


def test_false_friends(lex: ActorLexicon) -> None:
    # الدولة alone is not ISIS; النظام العالمي is not the regime; an adjective is not a country
    assert codes(lex, "تعمل الدولة على إصلاح النظام العالمي") == []
    assert codes(lex, "الأزمة السورية والشعب السوري") == []
    assert codes(lex, "قال الأمير تركي الفيصل") == []


def test_weak_aliases_are_marked(lex: ActorLexicon) -> None:
    ms = lex.find(fold("قصف النظام مدينة داريا"))
    assert [(m.code, m.weak) for m in ms] == [("SYR-GOV", True)]
    assert armed_code(ms[0].code) == "SYR-MIL"
    assert not lex.find(fold("قصف النظام السوري"))[0].weak


def test_resolve_phrase(lex: ActorLexicon) -> None:
    assert lex.resolve("الطائرات الحربية الروسية") == "RUS-MIL"
    assert lex.resolve("سوق شعبي") is None


def test_user_actor_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.tsv"
    f.write_text(
        "# my actors\nلواء صقور الجبل\tSYR-REB\tactor\nجيش المهاجرين والأنصار\tJMA\tactor\n"
        "الحزب\tBAATH\tactor\tweak\n",
        encoding="utf-8",
    )
    lex = ActorLexicon.default(extra_files=[f])
    assert codes(lex, "هاجم لواء صقور الجبل وجيش المهاجرين والأنصار") == ["SYR-REB", "JMA"]
    assert codes(lex, "قال الحزب") == ["BAATH"]  # user entries replace package ones
    assert codes(ActorLexicon.default(), "قال الحزب") == ["HEZBOLLAH"]


def test_bad_user_file(tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("لواء بلا رمز\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 1"):
        ActorLexicon.default(extra_files=[f])
    f.write_text("لواء\tX\tgroup\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="kind"):
        read_lexicon_file(f)


def test_from_entries_and_blockers() -> None:
    lex = ActorLexicon.from_entries([
        ActorEntry(fold("الجيش"), "*-MIL", "actor"),
        ActorEntry(fold("الجيش الإلكتروني"), "-", "actor"),
    ])
    assert codes(lex, "الجيش الأردني") == ["JOR-MIL"]
    assert codes(lex, "الجيش الإلكتروني الأردني") == []


def test_package_lexicon_is_clean() -> None:
    from importlib import resources

    for name in ("actors.tsv", "persons.tsv"):
        text = (resources.files("rasid") / "data" / "lexicons" / name).read_text(encoding="utf-8")
        entries = read_lexicon_file(name, text)
        assert len(entries) > 100
        assert all(e.code == "-" or e.code.startswith("*-") or e.code.replace("-", "").isalnum() for e in entries)


def test_repeated_lookups_of_a_span_are_equal_and_independent(lex: ActorLexicon) -> None:
    text = fold("وقال الجيش التركي إن طائراته قصفت مواقع لتنظيم داعش")
    first = lex.find(text, 0, len(text))
    first.clear()  # a caller's changes do not reach the next caller
    again = lex.find(text, 0, len(text))
    assert [m.code for m in again] == ["TUR-MIL", "ISIS"]
    assert lex.find(text, 0, len(text)) == again


def test_may_start(lex: ActorLexicon) -> None:
    assert lex.may_start(fold("لتنظيم"))
    assert lex.may_start(fold("الجيش"))
    assert not lex.may_start(fold("مواقع"))
