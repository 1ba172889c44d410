"""Casualty phrases → totals, civilians, children, combatants."""

from __future__ import annotations

from rasid.events.fatalities import find_fatalities
from rasid.text.normalize import fold


def fat(s: str) -> tuple[int | None, int | None, int | None, int | None] | None:
    t = fold(s)
    f = find_fatalities(t)
    return None if f is None else (f.total, f.civilians, f.children, f.combatants)


def test_mixed_victims_add_up() -> None:
    assert fat("أسفر القصف عن مقتل 9 عناصر من الجيش وسبعة مدنيين") == (16, 7, None, 9)


def test_children_are_civilians() -> None:
    assert fat("قتل 4 أطفال في الغارة") == (4, 4, 4, None)


def test_number_before_passive_verb() -> None:
    assert fat("ستة مدنيين على الأقل قتلوا في القصف") == (6, 6, None, None)


def test_wounded_are_not_fatalities() -> None:
    assert fat("أصيب 12 شخصا بجروح في الانفجار") is None
    assert fat("قتل 3 أشخاص وجرح 20 آخرون") == (3, None, None, None)


def test_breakdown_is_not_added() -> None:
    assert fat("قتل 25 مدنيا بينهم 6 أطفال") == (25, 25, 6, None)


def test_vague_counts_keep_text() -> None:
    t = fold("أدت الغارات إلى سقوط عشرات القتلى")
    f = find_fatalities(t)
    assert f is not None and f.total is None and "عشرات" in t[f.start:f.end]


def test_dual_noun() -> None:
    assert fat("أدى القصف إلى مقتل طفلين") == (2, 2, 2, None)


def test_shell_counts_are_not_deaths() -> None:
    assert fat("سقطت 200 قذيفة على البلدة ما أدى إلى مقتل ثلاثة أشخاص")[0] == 3  # type: ignore[index]


def test_material_damage_only_is_zero() -> None:
    assert fat("اقتصرت الأضرار على الماديات") == (0, 0, None, None)


def test_single_leader_killed() -> None:
    assert fat("أعلنت الوزارة أن الغارة أدت إلى مقتل قائد الكتيبة")[0] == 1  # type: ignore[index]


def test_vague_wounded_after_a_single_death() -> None:
    assert fat("ما تسبب بمقتل مواطن والعديد من الجرحى")[0] == 1  # type: ignore[index]


def test_later_single_victim_is_added() -> None:
    assert fat("قتل 20 مدنيا وجرح العشرات إضافة إلى مقتل مقاتل من الفصائل")[0] == 21  # type: ignore[index]


def test_unit_name_is_no_death() -> None:
    assert find_fatalities(fold("انفجرت سيارة قرب مقر لواء شهداء بدر في البلدة")) is None


def test_year_is_no_count() -> None:
    f = find_fatalities(fold("القائد الذي قتل في مارس 2014 في المعارك"))
    assert f is not None and f.total is None


def test_definite_single_victim() -> None:
    assert fat("يؤكد مقتل المتطرف في غارة جوية")[0] == 1  # type: ignore[index]


def test_a_breakdown_aside_adds_no_victim() -> None:
    assert fat("وأكد ناشطون أن أربعة مدنيين، بينهم امرأة، قتلوا في القصف")[0] == 4


def test_out_of_a_whole_gives_the_total() -> None:
    assert fat("وثقت الشبكة مقتل 12 طفلا، 9 منهم في إدلب، من أصل 40 شخصا قتلوا في الغارات")[0] == 40


def test_a_crowd_protesting_a_killing_is_not_dead() -> None:
    got = fat("تجمع نحو 500 شخص في ساحة البلدة احتجاجا على مقتل أحد أبنائها")
    assert got is None or got[0] != 500


def test_a_dual_before_its_killing_word() -> None:
    got = fat("وأن عنصرين من وحدات الحماية قضوا خلاله فيما أصيب آخرون بجراح")
    assert got is not None and got[0] == 2


def test_the_speaker_before_an_that_clause_is_no_victim() -> None:
    assert fat("قال مسؤول في الشرطة إن 20 شخصا قتلوا في الانفجار")[0] == 20


def test_a_single_leader_listed_after_a_partitive_count() -> None:
    assert fat("مقتل 7 من عناصر قوات النظام والمسلحين الموالين لها وقيادي في حزب الله")[0] == 8


def test_a_named_victim_with_his_title_counts_one() -> None:
    assert fat("أكد المرصد مقتل أبو أحمد الحلبي قائد لواء في الفصائل")[0] == 1
    assert fat("مقتل المدنيين على يد قائد الميليشيا")[0] is None


def test_a_group_listed_by_its_members() -> None:
    assert fat("ما أدى لمقتل طاقم طبي مؤلف من رجلين وامرأة")[0] == 3
    assert fat("مقتل عائلة مكونة من خمسة أشخاص")[0] == 5
    assert fat("مقتل رجلين في القصف")[0] == 2


def test_a_victim_by_rank_after_the_killer() -> None:
    assert fat("احتجاجا على قتل سليمان الأسد للعقيد حسان الشيخ عند دوار الأزهري")[0] == 1


def test_a_victim_after_a_pronoun_that_points_to_the_attack() -> None:
    # "قتل فيه ضابط": killed in it (the attack just named), one officer
    assert fat("هجوم على نقطة للجيش قرب الحدود قتل فيه ضابط")[0] == 1
    assert fat("انفجار عبوة قتل خلالها جندي وأصيب آخرون")[0] == 1
