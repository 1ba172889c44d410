"""Actor roles: agents, targets, coordination, defaults."""

from __future__ import annotations

import pytest

from rasid.events.arguments import assign_roles, default_actor1, default_actor2, side_of
from rasid.resolve.actors import ActorLexicon
from rasid.text.normalize import fold


@pytest.fixture(scope="module")
def actors() -> ActorLexicon:
    return ActorLexicon.default()


def roles(actors: ActorLexicon, sentence: str, trigger: str, *, violence: bool = True) -> tuple[str | None, str | None]:
    t = fold(sentence)
    w = fold(trigger)
    i = t.find(w)
    assert i >= 0
    r = assign_roles(t, i, i + len(w), (0, len(t)), (0, len(t)), actors.find(t), violence=violence)
    return r.actor1, r.actor2


def test_subject_after_verb_and_target_after_preposition(actors: ActorLexicon) -> None:
    assert roles(actors, "قصفت قوات النظام مواقع لتنظيم داعش في دير الزور", "قصفت") == ("SYR-MIL", "ISIS")


def test_subject_before_verb(actors: ActorLexicon) -> None:
    assert roles(actors, "وحدات حماية الشعب الكردية تهاجم مواقع داعش", "تهاجم") == ("YPG", "ISIS")


def test_between_x_and_y(actors: ActorLexicon) -> None:
    got = roles(actors, "اشتباكات عنيفة بين جبهة النصرة وقوات النظام في ريف إدلب", "اشتباكات")
    assert got == ("NUSRA", "SYR-MIL")


def test_first_of_coordinated_agents(actors: ActorLexicon) -> None:
    a1, _ = roles(actors, "وكانت قوات النظام وحزب الله قد شنت هجوما على البلدة", "هجوما")
    assert a1 == "SYR-MIL"


def test_victims_are_not_agents(actors: ActorLexicon) -> None:
    a1, a2 = roles(actors, "قتل عشرة عناصر من تنظيم داعش في غارة جوية", "غارة")
    assert a1 != "ISIS" and a2 == "ISIS"


def test_interaction_keeps_political_codes(actors: ActorLexicon) -> None:
    a1, a2 = roles(actors, "التقى وزير الخارجية الروسي نظيره الإيراني في موسكو", "التقى", violence=False)
    assert a1 == "RUS-GOV"


def test_defaults() -> None:
    assert default_actor1("air_strike", "برميل متفجر", "", (0, 0)) == "SYR-MIL"
    assert default_actor1("air_strike", "غارة", "", (0, 0)) == "UNK-MIL"
    assert default_actor1("protest", "تظاهر", "", (0, 0)) == "CIV"
    assert default_actor2("armed_clash", "SYR-MIL", [], civilians=False) == "SYR-REB"
    assert default_actor2("air_strike", "COALITION", [], civilians=False) == "ISIS"
    assert default_actor2("shelling", "SYR-REB", [], civilians=True) == "CIV"
    assert side_of("HEZBOLLAH") == "govt" and side_of("NUSRA") == "rebel"


def test_fire_origin_names_the_shooter() -> None:
    text = fold("سقطت قذائف على حي باب توما، مصدرها مواقع الفصائل في حي جوبر")
    ms = ActorLexicon.default().find(text)
    trig = text.index(fold("قذائف"))
    r = assign_roles(text, trig, trig + 5, (0, len(text)), (0, len(text)), ms, violence=True)
    assert r.actor1 == "SYR-REB"


def test_fighters_killed_in_clashes_with_another_party_are_the_target() -> None:
    text = fold("ثمانية عناصر من حزب الله قتلوا خلال المواجهات الدائرة مع المعارضة")
    ms = ActorLexicon.default().find(text)
    trig = text.index(fold("المواجهات"))
    r = assign_roles(text, trig, trig + 9, (0, len(text)), (0, len(text)), ms, violence=True)
    assert r.actor2 == "HEZBOLLAH"


def test_international_body_is_no_default_target() -> None:
    text = fold("قال المبعوث الأممي إن الجيش السوري ألقى براميل متفجرة على الزبداني")
    ms = ActorLexicon.default().find(text)
    assert default_actor2("air_strike", "SYR-MIL", ms, civilians=False) != "IGO-UN"


def test_fighters_counted_far_before_their_killing_word_are_the_target(actors: ActorLexicon) -> None:
    got = roles(actors, "وأكدت مصادر أن «ستة عناصر من حزب الله بينهم قائد ميداني من بلدة القصير قتلوا "
                        "خلال المواجهات الدائرة مع المعارضة", "المواجهات")
    assert got == ("SYR-REB", "HEZBOLLAH")


def test_origin_of_fire_a_few_words_after_masdar(actors: ActorLexicon) -> None:
    a1, _ = roles(actors, "وأوضح أن مصدر القذائف الصاروخية مواقع الفصائل المقاتلة في حي جوبر", "القذائف")
    assert a1 == "SYR-REB"


def test_dative_party_inside_the_trigger_is_no_agent(actors: ActorLexicon) -> None:
    a1, _ = roles(actors, "وأعلن مسؤول أن تركيا سمحت للولايات المتحدة باستخدام قاعدة انجرليك",
                  "سمحت للولايات",
                  violence=False)
    assert a1 == "TUR-GOV"


def test_syrian_forces_lead_a_pair_with_an_ally(actors: ActorLexicon) -> None:
    a1, _ = roles(actors, "وأفاد المرصد بسيطرة قوات حزب الله والنظام على سهل البلدة", "بسيطرة")
    assert a1 == "SYR-MIL"


def test_a_verb_with_its_plural_subject_takes_an_object(actors: ActorLexicon) -> None:
    _, a2 = roles(actors, "وقال القائد إنهم استهدفوا قوات النظام المنتشرة في محيط التلة بالصواريخ",
                  "استهدفوا")
    assert a2 == "SYR-MIL"


def test_an_alliance_of_fighters_is_no_dative_target(actors: ActorLexicon) -> None:
    a1, a2 = roles(actors, "أطلق تحالفان لمقاتلي المعارضة هجمات ضد قوات النظام في ريف المدينة", "هجمات")
    assert (a1, a2) == ("SYR-REB", "SYR-MIL")


def test_fighting_between_the_two_sides_named_before(actors: ActorLexicon) -> None:
    got = roles(actors, "وتمكنت الفصائل المقاتلة من تدمير دبابة لقوات النظام خلال اشتباكات بين الطرفين "
                        "في ريف حلب",
                "اشتباكات")
    assert got == ("SYR-REB", "SYR-MIL")


def test_a_party_after_an_attack_noun_with_lam_is_not_its_target(actors: ActorLexicon) -> None:
    t = fold("وقتل خمسة مدنيين في قصف عنيف لقوات النظام على حي جوبر")
    i = t.index(fold("قصف"))
    r = assign_roles(t, i, i + 3, (0, len(t)), (0, len(t)), actors.find(t), violence=True, verb_like=False)
    assert r.actor2 != "SYR-MIL"


def test_member_listed_after_its_group_does_not_act(actors: ActorLexicon) -> None:
    a1, _ = roles(actors, "هاجمت فصائل معارضة، بينها جبهة النصرة، مواقع قوات النظام في ريف حماة", "هاجمت")
    assert a1 == "SYR-REB"


def test_opposition_fighter_named_by_participle(actors: ActorLexicon) -> None:
    assert [m.code for m in actors.find(fold("مقتل 25 مقاتلاً معارضاً في حلب"))] == ["SYR-REB"]
