"""End-to-end extraction on sentences written for the tests."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.events.extract import EventExtractor


@pytest.fixture(scope="module")
def ex() -> EventExtractor:
    return EventExtractor.default()


def run(ex: EventExtractor, raw: str) -> Document:
    doc = Document.from_raw("t", raw, date="2016-03-01")
    ex(doc)
    for e in doc.events:
        assert doc.raw[e.start:e.end] == e.evidence
        assert doc.raw[e.trigger_start:e.trigger_end] == e.trigger
        assert e.start <= e.trigger_start and e.trigger_end <= e.end
    return doc


def test_two_types_in_one_sentence(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nشنت الطائرات الحربية غارات على بلدة كفرنبل، وقصفت المدفعية أطراف مدينة حماة.")
    assert {e.type for e in doc.events} == {"air_strike", "shelling"}


def test_one_record_per_clause_and_type(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nقصفت قوات النظام بالصواريخ والقذائف حي جوبر في دمشق.")
    assert [e.type for e in doc.events] == ["shelling"]


def test_actor_roles_and_casualties(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nقتل 7 مدنيين بينهم طفلان في غارات شنها طيران النظام على مدينة دوما.")
    [e] = [e for e in doc.events if e.type == "air_strike"]
    assert e.actor1 == "SYR-MIL"
    assert e.actor2 == "CIV"
    assert e.fatalities is not None and e.fatalities.total == 7 and e.fatalities.civilians == 7


def test_clash_between_parties(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nاندلعت اشتباكات عنيفة بين تنظيم داعش ووحدات حماية الشعب الكردية في ريف الحسكة.")
    [e] = doc.events
    assert e.type == "armed_clash" and e.actor1 == "ISIS" and e.actor2 == "YPG"


def test_territory_by_side(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nسيطرت قوات النظام على بلدة مورك بعد معارك عنيفة.")
    assert "territory_gain_govt" in {e.type for e in doc.events}
    doc = run(ex, "عنوان\nسيطرت فصائل المعارضة على بلدة مورك.")
    assert "territory_gain_nonstate" in {e.type for e in doc.events}


def test_planned_visit(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nقال مكتب الأمم المتحدة إن المبعوث الأممي سيزور دمشق الأسبوع المقبل.")
    [e] = [e for e in doc.events if e.type == "consult"]
    assert e.modality == "planned" and e.actor1 == "IGO-UN"


def test_suicide_versus_remote(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nفجر انتحاري نفسه عند حاجز للجيش في حمص.\nانفجرت عبوة ناسفة بسيارة عسكرية في درعا.")
    assert [e.type for e in doc.events] == ["suicide_bomb", "remote_explosive"]


def test_no_events_in_sport_and_business(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nسجل المهاجم هدفين في المباراة بعد هجوم سريع.\nوقعت الشركة اتفاقا لتوريد القمح.")
    assert doc.events == []


def test_source_from_attribution(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقال المرصد السوري لحقوق الإنسان إن الطائرات الروسية قصفت مدينة إدلب.")
    [e] = doc.events
    assert e.type == "air_strike" and e.source == "SOHR" and e.actor1 == "RUS-MIL"


def test_killing_without_attack_type_between_fighters(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nقتل 12 عنصرا من تنظيم داعش في ريف حلب.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    doc = run(ex, "عنوان\nتوفي رجل في حادث سير.")
    assert doc.events == []


def test_oil_barrels_and_civil_air_crashes_are_not_attacks(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nبلغ إنتاج الشركة 12 مليون برميل يوميا في حقول الدمام.\n"
                  "تحطمت طائرة ركاب قرب مطار أثينا بسبب عطل فني.")
    assert doc.events == []


def test_barrel_bombs_default_to_the_syrian_air_force(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nألقت مروحيات براميل متفجرة على أحياء مدينة داريا.")
    [e] = doc.events
    assert e.type == "air_strike" and e.actor1 == "SYR-MIL"


def test_resultative_clause_gives_its_toll_to_the_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nقصفت الطائرات الحربية بلدة كفرنبل، وأسفر القصف عن مقتل ستة مدنيين.")
    [e] = doc.events
    assert e.type == "air_strike"
    assert e.fatalities is not None and e.fatalities.total == 6


def test_place_name_is_not_a_party_to_a_fight(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nدارت اشتباكات عنيفة في سوريا بين قوات النظام وفصائل المعارضة.")
    [e] = doc.events
    assert (e.actor1, e.actor2) == ("SYR-MIL", "SYR-REB")


def test_casualty_clause_goes_to_the_attack_before_it(ex: EventExtractor) -> None:
    raw = ("عنوان\nقصفت طائرات النظام بلدة كفرنبل في ريف إدلب، مما أدى إلى مقتل ثلاثة مدنيين، "
           "وسط اشتباكات بين الفصائل وقوات النظام في محيط البلدة.")
    air = [e for e in run(ex, raw).events if e.type == "air_strike"]
    assert air and air[0].fatalities is not None and air[0].fatalities.total == 3


def test_air_strike_actor_is_an_air_force(ex: EventExtractor) -> None:
    raw = "عنوان\nقتل خمسة عناصر من تنظيم داعش في غارة جوية على مدينة الرقة."
    air = [e for e in run(ex, raw).events if e.type == "air_strike"]
    assert air and air[0].actor1 == "UNK-MIL" and air[0].actor2 == "ISIS"


def test_war_toll_is_no_event(ex: EventExtractor) -> None:
    raw = "عنوان\nوتشهد سوريا منذ آذار 2011 نزاعا داميا تسبب بمقتل أكثر من 240 ألف شخص."
    assert not run(ex, raw).events


def test_suicide_driver_of_a_car_bomb(ex: EventExtractor) -> None:
    raw = "عنوان\nفجر انتحاري نفسه في سيارة مفخخة عند حاجز للقوات الكردية في مدينة القامشلي."
    types = {e.type for e in run(ex, raw).events}
    assert "suicide_bomb" in types and "remote_explosive" not in types


def test_attack_told_across_a_comma_is_one_event(ex: EventExtractor) -> None:
    raw = "عنوان\nأمطرت الفصائل المقاتلة المعارضة، بلدتي الفوعة وكفريا بمئات القذائف الصاروخية."
    assert len([e for e in run(ex, raw).events if e.type == "shelling"]) == 1


def test_two_towns_named_again_keep_their_place(ex: EventExtractor) -> None:
    raw = ("عنوان\nقصفت الفصائل بلدة نبل في ريف حلب الشمالي بالقذائف.\n"
           "وسقطت أكثر من مئة قذيفة على البلدة الواقعة في محافظة حلب.")
    evs = [e for e in run(ex, raw).events if e.type == "shelling"]
    assert len(evs) == 2 and evs[1].location is not None and evs[1].location.precision == 1


def test_air_and_artillery_bombardment_is_two_events(ex: EventExtractor) -> None:
    raw = "عنوان\nوردت القوات النظامية بشن حملة من القصف الجوي والمدفعي على قرى ريف درعا الشرقي."
    types = {e.type for e in run(ex, raw).events}
    assert {"air_strike", "shelling"} <= types


def test_gain_with_subject_and_time_before_ala(ex: EventExtractor) -> None:
    raw = "عنوان\nسيطرت فصائل المعارضة المنضوية في غرفة عمليات جيش الفتح، أمس، على قرية القرقور في ريف حماة."
    assert any(e.type == "territory_gain_nonstate" for e in run(ex, raw).events)


def test_conditional_gain_is_hypothetical(ex: EventExtractor) -> None:
    raw = "عنوان\nوإذا سيطرت فصائل المعارضة على مدينة درعا فإن ذلك سيغير موازين القوى."
    gains = [e for e in run(ex, raw).events if e.type.startswith("territory")]
    assert gains and gains[0].modality == "hypothetical"


def test_initiative_or_truce_named_is_no_interaction(ex: EventExtractor) -> None:
    raw = "عنوان\nوقال وزير الخارجية السوري إن دمشق تدعم المبادرة الروسية وتريد الهدنة في حلب."
    types = {e.type for e in run(ex, raw).events}
    assert "request" not in types and "agree" not in types


def test_meeting_referred_back_is_no_new_event(ex: EventExtractor) -> None:
    raw = ("عنوان\nالتقى المبعوث الأممي وزير الخارجية الإيراني في طهران.\n"
           "وخلال اللقاء، أكد الوزير ضرورة الحل السياسي.")
    assert len([e for e in run(ex, raw).events if e.type == "consult"]) == 1


def test_state_named_by_its_capital_denies(ex: EventExtractor) -> None:
    raw = "عنوان\nولطالما نفت أنقرة قطعيا هذه الاتهامات."
    types = [e.type for e in run(ex, raw).events]
    assert types == ["reject"]


def test_demanded_execution_is_no_attack(ex: EventExtractor) -> None:
    raw = "عنوان\nودعا المعتصمون في ساحة المدينة إلى إعدام الضابط المتهم بقتل المدنيين."
    assert not any(e.type == "attack_on_civilians" for e in run(ex, raw).events)


def test_the_attack_in_a_bombing_story_is_the_bombing(ex: EventExtractor) -> None:
    raw = ("عنوان\nفجر انتحاري نفسه وسط تجمع للشباب في مدينة سوروتش فقتل 30 شخصا.\n"
           "وقد استهدف الهجوم حشدا من الشباب المؤيدين للأكراد في المدينة "
           "التي دمرت في معارك ضارية استمرت أربعة أشهر.")
    types = [e.type for e in run(ex, raw).events]
    assert types.count("suicide_bomb") == 2


def test_battle_in_a_relative_clause_is_background(ex: EventExtractor) -> None:
    raw = "عنوان\nوعاد السكان إلى مدينة عين العرب التي دمرت في معارك ضارية استمرت أربعة أشهر."
    assert not any(e.type == "armed_clash" for e in run(ex, raw).events)


def test_protesters_call_on_the_government(ex: EventExtractor) -> None:
    raw = "عنوان\nودعا المعتصمون في اللاذقية الحكومة السورية إلى محاكمة الجاني."
    req = [e for e in run(ex, raw).events if e.type == "request"]
    assert req and req[0].actor1 == "CIV"


def test_fighting_alongside_is_a_deployment_but_not_a_description(ex: EventExtractor) -> None:
    told = run(ex, "عنوان\nويقاتل إلى جانب قوات النظام مئة عنصر من حزب الله في ريف حماة.").events
    described = run(ex, "عنوان\nويشن الجيش السوري وفصائل تقاتل إلى جانبه حملة ضد تنظيم داعش "
                        "في ريف حلب.").events
    assert any(e.type == "deployment" for e in told)
    assert not any(e.type == "deployment" for e in described)


def test_group_statement_is_an_opposition_source(ex: EventExtractor) -> None:
    raw = "عنوان\nوأعلن جيش الفتح في بيان نشره على حسابه على تويتر بدء معركة لتحرير بلدة الفوعة في ريف إدلب."
    evs = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert evs and evs[0].source == "opposition"


def test_front_opened_and_siege_tightened_are_fighting(ex: EventExtractor) -> None:
    raw = ("عنوان\nالمعارضة تشعل 4 جبهات متزامنة في ريف حماة.\n"
           "وقالت وحدات حماية الشعب إنها ضيقت الخناق على تنظيم داعش في حي النشوة بالحسكة.")
    assert len([e for e in run(ex, raw).events if e.type == "armed_clash"]) == 2


def test_unnamed_raids_in_an_air_force_story_are_its_raids(ex: EventExtractor) -> None:
    raw = ("عنوان\nشنت طائرات التحالف الدولي غارات على مواقع تنظيم داعش في مدينة الرقة.\n"
           "وقال المرصد إن الغارات استهدفت مقرات التنظيم في ريف الرقة الشمالي.")
    air = [e for e in run(ex, raw).events if e.type == "air_strike"]
    assert len(air) == 2 and {e.actor1 for e in air} == {"COALITION"}


def test_suicide_bomber_is_an_armed_group_not_the_state_that_answered(ex: EventExtractor) -> None:
    raw = ("عنوان\nشن سلاح الجو التركي غارات على مواقع لتنظيم داعش بعد أربعة أيام على هجوم انتحاري "
           "نسبته الحكومة إلى التنظيم في مدينة سروج.")
    sb = [e for e in run(ex, raw).events if e.type == "suicide_bomb"]
    assert sb and sb[0].actor1 == "ISIS"


def test_both_sides_dead_in_one_clash_are_added(ex: EventExtractor) -> None:
    raw = ("عنوان\nوقال ناشط إن الاشتباكات بين الطرفين في ريف حماة أسفرت عن سقوط 20 قتيلا "
           "في صفوف القوات النظامية، "
           "في حين سقط ثمانية قتلى من المعارضة.")
    ac = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert ac and ac[0].fatalities is not None and ac[0].fatalities.total == 28


def test_blame_with_the_accused_between(ex: EventExtractor) -> None:
    raw = "عنوان\nوقال المبعوث الأممي إن الأمم المتحدة تحمل النظام السوري المسؤولية عن عرقلة الحل."
    assert any(e.type == "accuse" for e in run(ex, raw).events)


def test_control_belongs_to_the_dative_party(ex: EventExtractor) -> None:
    raw = "عنوان\nوأفاد ناشطون عن سيطرة شبه كاملة للقوات الكردية على مدينة الحسكة."
    gains = [e for e in run(ex, raw).events if e.type.startswith("territory")]
    assert gains and gains[0].type == "territory_gain_nonstate" and gains[0].actor1 == "YPG"


def test_tag_line_is_no_report(ex: EventExtractor) -> None:
    raw = "عنوان\nقصفت طائرات حربية مدينة الرقة.\nسمات تركيا داعش سلاح الجو سوريا قصف"
    assert len(run(ex, raw).events) == 1


def test_targeting_forces_is_a_clash_and_the_attack_aiming_is_no_new_event(ex: EventExtractor) -> None:
    clash = run(ex, "عنوان\nوقال القائد إن مقاتليه استهدفوا قوات النظام المنتشرة في محيط التلة "
                    "بالصواريخ والأسلحة الخفيفة.")
    assert [e.type for e in clash.events] == ["armed_clash"]
    aim = run(ex, "عنوان\nشن تنظيم داعش هجوما على مدينة الحسكة.\nواستهدف الهجوم السيطرة على عاصمة المحافظة.")
    assert len(aim.events) == 1


def test_headline_speaker_before_a_colon_is_the_source(ex: EventExtractor) -> None:
    raw = "المعارضة السورية: النظام استهدف بلدتين في إدلب بـ1400 قذيفة\nنص الخبر."
    evs = run(ex, raw).events
    assert evs and evs[0].source == "opposition"


def test_protesters_blocking_a_road_protest(ex: EventExtractor) -> None:
    raw = "عنوان\nوأضاف المرصد أن المتظاهرين أقدموا على قطع الطريق الواصل إلى مطار دمشق الدولي."
    assert any(e.type == "protest" for e in run(ex, raw).events)
    water = run(ex, "عنوان\nودعا الدفاع المدني المواطنين إلى عدم الاقتراب من تجمعات المياه.").events
    assert not any(e.type == "protest" for e in water)


def test_withdrawal_beside_a_gain_is_its_own_event(ex: EventExtractor) -> None:
    raw = "عنوان\nأفاد المرصد بسيطرة قوات النظام على سهل الزبداني مشيرا إلى انسحاب المقاتلين منه جراء القصف."
    types = {e.type for e in run(ex, raw).events}
    assert "deployment" in types and "territory_gain_govt" in types


def test_attempted_advance_is_fighting_even_toward_unknown_villages(ex: EventExtractor) -> None:
    raw = 'عنوان\nوذكر القائد أن قوات النظام حاولت قبل يومين التقدم نحو قرى "بيت فارس" و"بين حلبية".'
    assert any(e.type == "armed_clash" for e in run(ex, raw).events)


def test_shots_at_one_man_are_an_attack_on_civilians(ex: EventExtractor) -> None:
    raw = "عنوان\nوأقدم مسلح على إطلاق النار من مسدسه على صاحب المحل أمام أولاده في مدينة حمص."
    types = [e.type for e in run(ex, raw).events]
    assert "attack_on_civilians" in types and "armed_clash" not in types


def test_shots_at_posts_are_a_clash(ex: EventExtractor) -> None:
    raw = "عنوان\nوردت القوات على الفور بفتح النار على المواقع التي يسيطر عليها التنظيم قرب مدينة منبج."
    types = [e.type for e in run(ex, raw).events]
    assert "attack_on_civilians" not in types


def test_hell_cannon_shells_are_the_oppositions(ex: EventExtractor) -> None:
    raw = "عنوان\nوأكد المرصد مقتل ثلاثة أشخاص جراء سقوط قذائف محلية الصنع على بلدة نبل في ريف حلب."
    [e] = [e for e in run(ex, raw).events if e.type == "shelling"]
    assert e.actor1 == "SYR-REB"


def test_shells_fired_by_a_named_party(ex: EventExtractor) -> None:
    raw = "عنوان\nأصيب خمسة مواطنين جراء سقوط قذائف أطلقتها قوات النظام على مناطق في مدينة دوما."
    [e] = [e for e in run(ex, raw).events if e.type == "shelling"]
    assert e.actor1 == "SYR-MIL"


def test_count_before_a_breakdown_aside_goes_to_the_strike(ex: EventExtractor) -> None:
    raw = "عنوان\nولقي خمسة مدنيين، بينهم ثلاثة أطفال، مصرعهم في قصف لطائرات النظام على مدينة دوما."
    [e] = [e for e in run(ex, raw).events if e.type == "air_strike"]
    assert e.fatalities is not None and e.fatalities.total == 5


def test_the_party_repelled_attacked(ex: EventExtractor) -> None:
    raw = "عنوان\nوأحبطت فصائل المعارضة محاولة تقدم نفذتها قوات النظام باتجاه بلدة كفرنبودة في ريف حماة."
    [e] = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert (e.actor1, e.actor2) == ("SYR-MIL", "SYR-REB")


def test_a_party_that_repels_unnamed_attacks_is_the_target(ex: EventExtractor) -> None:
    raw = "عنوان\nوقال ناشطون إن الفصائل صدت جميع الهجمات على بلدة اللطامنة في ريف حماة."
    [e] = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert (e.actor1, e.actor2) == ("SYR-MIL", "SYR-REB")


def test_the_party_that_tried_to_enter_attacked(ex: EventExtractor) -> None:
    raw = ("عنوان\nوأشار المرصد إلى اشتباكات عنيفة في محيط البلدة حاول خلالها مقاتلون من الفصائل "
           "اقتحام مواقع قوات النظام.")
    [e] = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert e.actor1 == "SYR-REB"


def test_an_attacker_given_as_alternatives_is_unknown(ex: EventExtractor) -> None:
    raw = ("عنوان\nوقال المرصد إنه لم يعرف ما إذا كان الهجوم الجوي على بلدة الشدادي نفذه الجيش السوري "
           "أو التحالف الذي تقوده الولايات المتحدة.")
    [e] = [e for e in run(ex, raw).events if e.type == "air_strike"]
    assert e.actor1 == "UNK-MIL"


def test_undated_article_a_clause_naming_a_year_is_background(ex: EventExtractor) -> None:
    raw = ("عنوان\nقتل خمسة مقاتلين في اشتباكات مع قوات النظام في حي جوبر أمس.\n"
           "وبدأت المعارك في حلب في صيف 2012، وانقسمت المدينة منذ ذلك الحين.")
    doc = Document.from_raw("t", raw)
    ex(doc)
    clashes = [e for e in doc.events if e.type == "armed_clash"]
    assert len(clashes) == 1 and "جوبر" in clashes[0].evidence


def test_a_group_with_no_aircraft_shells(ex: EventExtractor) -> None:
    raw = ("عنوان\nشنت الطائرات الحربية غارات على ريف إدلب.\n"
           "فيما قصف تنظيم داعش مناطق في حي الجورة بمدينة دير الزور.")
    types = [e.type for e in run(ex, raw).events]
    assert "shelling" in types


def test_a_tunnel_blown_up_is_no_bombing(ex: EventExtractor) -> None:
    raw = ("عنوان\nانفجرت سيارة مفخخة في مدينة إعزاز.\n"
           "ووصف ناشطون الوضع بأنه غير مطمئن بعد إقدام حزب الله على تفجير آخر نفق يربط المدينة بمحيطها.")
    bombings = [e for e in run(ex, raw).events if e.type in ("remote_explosive", "suicide_bomb")]
    assert bombings and all("نفق" not in e.evidence for e in bombings)


def test_lam_with_a_present_verb_tells_what_followed(ex: EventExtractor) -> None:
    raw = ("عنوان\nوشنت الفصائل هجوما على مواقع قوات النظام في ريف حماة، "
           "لتسيطر المعارضة على التل وقرية قرقور بعد ساعتين من بدء المعركة.")
    types = [e.type for e in run(ex, raw).events]
    assert "territory_gain_nonstate" in types


def test_posts_taken_need_no_known_place(ex: EventExtractor) -> None:
    raw = "عنوان\nوتمكن الثوار من تحرير عدد من الحواجز التابعة لقوات النظام خلال الساعات الأولى للمعركة."
    types = [e.type for e in run(ex, raw).events]
    assert "territory_gain_nonstate" in types


def test_gains_in_a_relative_clause_or_since_a_date_are_background(ex: EventExtractor) -> None:
    raw = ("عنوان\nويسعى الجيش لاستعادة الأراضي التي انتزعها المقاتلون في ريف إدلب.\n"
           "وتمكن مقاتلو هذه الفصائل منذ نهاية تموز من التقدم من إدلب باتجاه سهل الغاب.")
    types = [e.type for e in run(ex, raw).events]
    assert not any(t.startswith("territory") for t in types)


def test_aircraft_that_killed_is_an_air_strike(ex: EventExtractor) -> None:
    raw = "عنوان\nأفاد المرصد بأن طائرات التحالف الدولي قتلت 40 من عناصر تنظيم داعش في ريف الرقة خلال شهر."
    types = [e.type for e in run(ex, raw).events]
    assert "air_strike" in types and "armed_clash" not in types


def test_a_withdrawal_someone_would_be_forced_to_is_no_movement(ex: EventExtractor) -> None:
    raw = "عنوان\nوقال المحلل إن النظام سيكون مضطرا إلى سحب قواته من مواقع كثيرة في ريف حماة."
    assert not any(e.type == "deployment" for e in run(ex, raw).events)


def test_a_depot_blast_is_no_suicide_bombing(ex: EventExtractor) -> None:
    raw = ("عنوان\nفجر انتحاري نفسه وسط حشد في مدينة سوروتش.\n"
           "فيما قتل عنصران من القوات الكردية في تفجير مستودع للذخيرة داخل مدينة كوباني.")
    events = run(ex, raw).events
    assert [e.type for e in events if "مستودع" in e.evidence] == ["remote_explosive"]


def test_storm_troops_entering_is_a_fight(ex: EventExtractor) -> None:
    raw = "عنوان\nوتبع ذلك دخول انغماسيين من جيش الفتح إلى عمق مناطق تواجد قوات النظام في ريف حماة."
    types = [e.type for e in run(ex, raw).events]
    assert "armed_clash" in types and "suicide_bomb" not in types


def test_fighters_killed_during_their_attempted_attack_attacked(ex: EventExtractor) -> None:
    raw = "عنوان\nقتل 25 مقاتلا من المعارضة السورية خلال محاولة هجوم فاشلة على قاعدة عسكرية في ريف حلب."
    [e] = [e for e in run(ex, raw).events if e.type == "armed_clash"]
    assert e.actor1 == "SYR-REB"


def test_attack_attributed_by_the_government_is_an_accusation(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقع هجوم انتحاري في مدينة كيليس نسبته الحكومة التركية إلى تنظيم داعش.")
    assert "accuse" in {e.type for e in doc.events}


def test_present_mediate_verb_is_no_meeting(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nيظهر في الصورة الرئيس الأمريكي وهو يتوسط وزيري الخارجية والدفاع.")
    assert "consult" not in {e.type for e in doc.events}


def test_an_ongoing_attempt_to_advance_is_no_event(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nويحاول تنظيم داعش التقدم للسيطرة على قرى في ريف حلب الشمالي.")
    assert not [e for e in doc.events if e.type in ("armed_clash", "territory_gain_nonstate")]


def test_shells_on_loyalist_towns_with_no_shooter_named_are_the_opposition_s(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nتساقط مئات القذائف على بلدات علوية في ريف حماة الغربي.")
    assert [(e.type, e.actor1) for e in doc.events] == [("shelling", "SYR-REB")]


def test_fleeing_from_bombardment_and_stopping_it_are_no_attacks(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nيشار إلى أن الآلاف من سكان مخيم درعا قد فروا من القصف إلى الأردن.")
    assert not [e for e in doc.events if e.type in ("shelling", "air_strike")]
    doc = run(ex, "عنوان\nودعت الشبكة مجلس الأمن إلى الضغط على النظام بوقف عمليات القصف على حلب.")
    assert not [e for e in doc.events if e.type in ("shelling", "air_strike")]


def test_arms_a_party_would_use_are_no_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقال القائد إن النظام لن يكون بمقدوره استخدام الصواريخ والمدفعية الثقيلة في المدينة.")
    assert not [e for e in doc.events if e.type == "shelling"]


def test_the_campaign_an_action_belongs_to_and_a_summary_of_days_are_no_new_clash(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nسيطرت فصائل المعارضة على حاجز في درعا، ضمن معركة عاصفة الجنوب.")
    assert [e.type for e in doc.events] == ["territory_gain_nonstate"]
    doc = run(ex, "عنوان\nوقال إن المدينة صمدت على مدى 130 يوما من المعارك.")
    assert not [e for e in doc.events if e.type == "armed_clash"]


def test_the_reporter_s_seat_is_not_where_it_happened(ex: EventExtractor) -> None:
    doc = run(ex, "سقوط مقاتلة في أريحا\nوأضاف المرصد ومقره بريطانيا أن معظم القتلى مدنيون كانوا على الأرض وقت سقوط الطائرة.")
    assert all(e.location is None or e.location.country != "GB" for e in doc.events)


def test_conjunction_opens_a_new_clause(ex: EventExtractor) -> None:
    # no comma between the raid and the reply: "وأن" / "فيما" open a clause of their own
    doc = run(ex, "عنوان\nوذكر ناشطون أن الطيران الحربي قصف أحياء في مدينة درعا وأن مقاتلي المعارضة ردوا "
                  "بإطلاق الصواريخ على بلدة إزرع.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "shelling"]
    [s] = [e for e in doc.events if e.type == "shelling"]
    assert s.actor1 == "SYR-REB"
    doc = run(ex, "عنوان\nاستمرت الاشتباكات في حي جوبر بدمشق فيما ألقت المروحيات براميل متفجرة على مدينة داريا.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "armed_clash"]
    doc = run(ex, "عنوان\nوشن مقاتلو المعارضة هجوما على بلدة مورك لكن الجيش رد بقصف جوي عنيف على البلدة.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "armed_clash"]
    # "ردا على" names the attack the first one answered
    doc = run(ex, "عنوان\nوقال الجيش إن الغارات جاءت ردا على هجوم شنه مسلحون على حاجز للجيش قرب الحدود.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "armed_clash"]


def test_coordinated_attack_has_its_own_type_cues(ex: EventExtractor) -> None:
    # the aircraft word belongs to the first attack; "وقصف لقوات النظام" is ground fire
    doc = run(ex, "عنوان\nشهدت أحياء مدينة حمص قصفا جويا على حي الوعر وقصف لقوات النظام على أطرافه.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "shelling"]


def test_coordinated_targeting_noun_is_a_new_attack(ex: EventExtractor) -> None:
    # "، واستهداف مواقع ..." lists a second action, unlike "، استهدفت مناطق" describing the raid
    doc = run(ex, "عنوان\nشهدت أطراف مدينة إدلب غارات جوية على الأحياء السكنية، واستهداف تمركزات لقوات النظام "
                  "من قبل مقاتلي الفصائل.")
    assert sorted(e.type for e in doc.events) == ["air_strike", "armed_clash"]
    doc = run(ex, "عنوان\nشنت الطائرات الحربية غارات على ريف إدلب، استهدفت مناطق في بلدة سراقب.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_strikes_after_an_air_force_raid_are_air_strikes(ex: EventExtractor) -> None:
    # "الضربات" alone needs aircraft; once the article has told the coalition's raids it means them
    body = "وقال بيان للجيش إن الضربات دمرت مواقع للتنظيم قرب مدينة الرقة."
    doc = run(ex, "عنوان\nشنت طائرات التحالف الدولي غارات على مدينة الموصل.\n" + body)
    assert [e.type for e in doc.events] == ["air_strike", "air_strike"]
    assert doc.events[1].actor1 == "COALITION"
    doc = run(ex, "عنوان\nاشتبكت فصائل المعارضة مع قوات النظام في مدينة درعا.\n" + body)
    assert [e.type for e in doc.events] == ["armed_clash"]


def test_aircraft_or_shell_that_hit_something(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوذكر ناشطون أن طائرات حربية أصابت شاحنة تقل مسلحين قرب بلدة تل أبيض.")
    assert [e.type for e in doc.events] == ["air_strike"]
    doc = run(ex, "عنوان\nوقال مصدر إن قذيفة هاون أصابت مدرسة في حي باب توما بدمشق.")
    assert [e.type for e in doc.events] == ["shelling"]
    # no weapon as its subject: "أصاب" is no attack
    doc = run(ex, "عنوان\nوقال المسؤول إن الركود أصاب الأسواق في مدينة حلب بعد أشهر من القتال.")
    assert not [e for e in doc.events if e.type in ("air_strike", "shelling")]


def test_attack_named_by_its_weapon(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nشنت الفصائل هجوما صاروخيا على مطار حماة العسكري صباح اليوم.")
    assert [e.type for e in doc.events] == ["shelling"]
    doc = run(ex, "عنوان\nتعرضت قاعدة عسكرية قرب مدينة دير الزور لهجوم بطائرات مسيرة.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_run_in_sub_heading_is_its_own_sentence(ex: EventExtractor) -> None:
    # a page that lost the line break after a sub-heading: "معارك درعا وفي درعا، ..."
    raw = ("عنوان\nقتل مدنيون في غارات على ريف إدلب. معارك درعا وفي مدينة درعا، تواصلت الاشتباكات بين "
           "فصائل المعارضة وقوات النظام في حي المنشية.")
    doc = run(ex, raw)
    clashes = [e for e in doc.events if e.type == "armed_clash"]
    assert [e.evidence for e in clashes][0] == "معارك درعا"
    assert len(clashes) == 2
    # a sentence that goes on after its subject is no heading
    doc = run(ex, "عنوان\nوقال المرصد من جهته إن اشتباكات عنيفة دارت في مدينة درعا بين الفصائل وقوات النظام.")
    assert len(doc.events) == 1


def test_targeting_typed_by_its_object_not_its_subject(ex: EventExtractor) -> None:
    # the fighters named after the verb are its subject; what they hit decides the type
    doc = run(ex, "عنوان\nواستهدف مقاتلو التنظيم أحياء سكنية في مدينة الحسكة.")
    assert [e.type for e in doc.events] == ["shelling"]
    doc = run(ex, "عنوان\nواستهدفت عناصر من المعارضة مواقع لقوات النظام في ريف حماة.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    doc = run(ex, "عنوان\nوقالت الفصائل إنهم استهدفوا قوات النظام في بلدة مورك.")
    assert [e.type for e in doc.events] == ["armed_clash"]


def test_toll_told_place_by_place(ex: EventExtractor) -> None:
    raw = ("عنوان\nشن الطيران الحربي غارات على قرى جبل الزاوية، مخلفا ثلاثة قتلى بقرية كنصفرة، "
           "وخمسة قتلى بقرية البارة، إضافة لقتيلين بقرية سرجة.")
    doc = run(ex, raw)
    assert [e.type for e in doc.events] == ["air_strike"] * 3
    assert [e.fatalities.total if e.fatalities else None for e in doc.events] == [3, 5, 2]
    # one toll after the attack is the attack's own
    doc = run(ex, "عنوان\nشن الطيران الحربي غارات على بلدة كنصفرة، مخلفا ثلاثة قتلى.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_arms_a_party_uses_are_no_attack(ex: EventExtractor) -> None:
    # "ويستخدم" with its clitic, the arms listed several words after it
    doc = run(ex, "عنوان\nويستخدم التنظيم إلى جانب ذلك مدافع الهاون وصواريخ محلية الصنع.")
    assert not doc.events
    doc = run(ex, "عنوان\nواستخدمت قوات النظام المدفعية في قصف بلدة كفرزيتا بريف حماة.")
    assert [e.type for e in doc.events] == ["shelling"]


def test_assessment_of_attacks_is_no_report(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقال قائد عسكري إن الغارات على مدينة الرقة ستضعف قدرة التنظيم على الحركة.")
    assert not doc.events
    doc = run(ex, "عنوان\nوقال محلل إن الضربات لا توقف تقدم التنظيم نحو مدينة تدمر.")
    assert not [e for e in doc.events if e.type == "air_strike"]
    # "لا تزال" tells a fight still going on
    doc = run(ex, "عنوان\nوقال ناشطون إن الاشتباكات لا تزال مستمرة بين الفصائل وقوات النظام في حي جوبر.")
    assert [e.type for e in doc.events] == ["armed_clash"]


def test_attack_permitted_or_feared_is_no_report(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقال مسؤول إن الأردن سمح لطائرات التحالف باستخدام قاعدة جوية في شمال البلاد، "
                  "في شن غارات على مواقع التنظيم في سوريا.")
    assert not [e for e in doc.events if e.type == "air_strike"]
    doc = run(ex, "عنوان\nويتخوف سكان مدينة السلمية، بحسب ناشطين، من تقدم تنظيم داعش نحو المدينة.")
    assert not [e for e in doc.events if e.type.startswith("territory")]


def test_fighting_before_a_gain(ex: EventExtractor) -> None:
    # in the gain's own clause the fighting is part of it
    doc = run(ex, "عنوان\nسيطرت فصائل المعارضة على بلدة مورك بعد معارك عنيفة مع قوات النظام.")
    assert [e.type for e in doc.events] == ["territory_gain_nonstate"]
    # told in a clause of its own, it is reported too
    doc = run(ex, "عنوان\nسيطرت فصائل المعارضة على بلدة مورك، بعد معارك عنيفة خاضها مقاتلوها مع قوات النظام.")
    assert sorted(e.type for e in doc.events) == ["armed_clash", "territory_gain_nonstate"]


def test_battle_start_as_a_time_anchor(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nودخلت الفصائل قرية الزيارة بعد ثلاث ساعات من إعلان بدء المعركة.")
    assert "armed_clash" not in [e.type for e in doc.events]
    doc = run(ex, "عنوان\nوأعلنت فصائل المعارضة بدء معركة لتحرير مدينة درعا من قوات النظام.")
    assert [e.type for e in doc.events] == ["armed_clash"]


def test_subjected_to_an_attack_after_a_long_subject(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوتعرضت فجر اليوم الثلاثاء أحياء عدة في مدينة دوما بالغوطة الشرقية لريف دمشق، "
                  "لقصف عنيف من قبل قوات النظام.")
    assert [e.type for e in doc.events] == ["shelling"]


def test_weapon_after_an_aside_belongs_to_the_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوأمطرت فصائل معارضة، بينها جبهة النصرة، بلدتي نبل والزهراء بالقذائف الصاروخية.")
    [e] = doc.events
    assert e.type == "shelling" and e.trigger == "وأمطرت" and e.evidence.endswith("الصاروخية.")


def test_run_on_report_verb_opens_a_clause(ex: EventExtractor) -> None:
    # a missing full stop before "وقال المرصد": two attacks, not one
    doc = run(ex, "عنوان\nوقصفت فصائل المعارضة مواقع للجيش في بلدة مورك أمس وقال المرصد إن الفصائل قصفت "
                  "كذلك قرية الفوعة بنحو مئة قذيفة.")
    assert [e.type for e in doc.events] == ["shelling", "shelling"]


def test_effort_or_plan_is_no_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nواتفق الجانبان على تكثيف جهود التصدي لتنظيم داعش في شمال سوريا.")
    assert "armed_clash" not in [e.type for e in doc.events]


def test_destroying_armour_is_fighting(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nودمر مقاتلو المعارضة أربع دبابات لقوات النظام على أطراف بلدة مورك.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    # what a raid destroyed is the raid's result
    doc = run(ex, "عنوان\nوشنت طائرات التحالف غارات على مواقع التنظيم أدت إلى تدمير آليات ومدافع.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_attack_being_prepared_is_planned(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوتستعد فصائل المعارضة لاقتحام مدينة إدلب من ثلاثة محاور.")
    assert [(e.type, e.modality) for e in doc.events] == [("armed_clash", "planned")]
    # a bare aim is still no event
    doc = run(ex, "عنوان\nوحشدت الفصائل مقاتليها على أطراف مدينة إدلب لاقتحامها.")
    assert "armed_clash" not in [e.type for e in doc.events]


def test_opening_fire_with_words_between(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوكان مسلحون فتحوا صباح الأحد النار على دورية للجيش قرب مدينة الرمادي.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    doc = run(ex, "عنوان\nوفتحت المروحيات نيران رشاشاتها على الأحياء الشرقية لمدينة حلب.")
    assert [e.type for e in doc.events] == ["air_strike"]
    # "فتح" with no fire is no shooting
    doc = run(ex, "عنوان\nوفتحت السلطات معبر باب الهوى أمام الشاحنات قرب مدينة إدلب.")
    assert not doc.events


def test_the_attack_named_with_its_perpetrator(ex: EventExtractor) -> None:
    # "منفذ الهجوم الانتحاري … الذي أوقع 20 قتيلا": the bombing is reported with its toll
    doc = run(ex, "عنوان\nوقالت الشرطة إن منفذ الهجوم الانتحاري الذي أوقع 20 قتيلا في مدينة القامشلي شاب في "
                  "العشرين.")
    assert [e.type for e in doc.events] == ["suicide_bomb"]


def test_offensive_launched_in_an_article_about_a_bombing(ex: EventExtractor) -> None:
    raw = ("عنوان\nقتل عشرة أشخاص في تفجير سيارة مفخخة في مدينة القامشلي.\n"
           "وردت فصائل المعارضة ببدء الهجوم على بلدة خان طومان جنوب حلب.")
    doc = run(ex, raw)
    assert [e.type for e in doc.events] == ["remote_explosive", "armed_clash"]


def test_advance_toward_a_place_is_fighting(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوتقدمت فصائل المعارضة باتجاه مطار أبو الظهور العسكري في ريف إدلب.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    doc = run(ex, "عنوان\nوتقدمت فصائل المعارضة في بلدة مورك بريف حماة الشمالي.")
    assert [e.type for e in doc.events] == ["territory_gain_nonstate"]


def test_run_in_heading_takes_the_place_of_its_report(ex: EventExtractor) -> None:
    raw = ("عنوان\nقتل مدنيون في غارات على مدينة إدلب. قصف مستشفى الشفاء وفي مدينة منبج، قال ناشطون إن "
           "الطائرات قصفت مستشفى الشفاء.")
    doc = run(ex, raw)
    [h] = [e for e in doc.events if e.evidence == "قصف مستشفى الشفاء"]
    assert h.location is not None and h.location.name == "Manbij"


def test_relative_clause_under_attack_is_a_second_event(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nأعلنت الفصائل بدء معارك بريف حماة نصرة لمدينة داريا التي تتعرض لقصف عنيف من قوات النظام.")
    assert sorted(e.type for e in doc.events) == ["armed_clash", "shelling"]
    [c] = [e for e in doc.events if e.type == "armed_clash"]
    # the town the battle is fought for is not where it is fought
    assert c.location is not None and c.location.name != "Darayya"


def test_means_of_a_fight_is_no_second_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوتمكنت الفصائل من صد تقدم قوات النظام نحو بلدة مورك، عبر استهدافها بالصواريخ الموجهة.")
    assert [e.type for e in doc.events] == ["armed_clash"]
    # explosions caused by a raid are still the raid
    doc = run(ex, "عنوان\nوهزت انفجارات قوية ريف دير الزور جراء استهداف طائرات التحالف مواقع التنظيم.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_sites_of_the_clashes_are_no_new_clash(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوشن الطيران الحربي غارات على مواقع الاشتباكات في محيط مدينة الحسكة.")
    assert [e.type for e in doc.events] == ["air_strike"]


def test_booby_trapped_car_synonym(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقالت الشرطة إن سيارة ملغومة انفجرت قرب حاجز للجيش في مدينة الرمادي.")
    assert [e.type for e in doc.events] == ["remote_explosive"]


def test_airbase_the_jets_flew_from_is_not_the_place_hit(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوقصفت الطائرات التركية مواقع للتنظيم قرب مدينة جرابلس قبل أن تعود إلى قاعدة ديار بكر.")
    [e] = doc.events
    assert e.location is not None and e.location.name != "Diyarbakır"


def test_each_event_of_a_clause_takes_its_own_place(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nمعارك عنيفة في داريا واعتصام في اللاذقية")
    places = {e.type: e.location.name if e.location else None for e in doc.events}
    assert places == {"armed_clash": "Dārayyā", "protest": "Latakia"}


def test_headline_fight_takes_the_articles_main_attacker(ex: EventExtractor) -> None:
    raw = ("معارك عنيفة في ريف حماة\nشنت فصائل المعارضة هجوما على مواقع قوات النظام في بلدة مورك. "
           "وقصفت فصائل المعارضة حاجزا لقوات النظام في بلدة كفرزيتا.")
    doc = run(ex, raw)
    assert doc.events[0].evidence == "معارك عنيفة في ريف حماة"
    assert doc.events[0].actor1 == "SYR-REB"


def test_gunshots_and_bullets_are_shootings(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوأصيب مدنيان بأعيرة نارية أطلقها عناصر من الشرطة قرب مدينة القامشلي.")
    assert [e.type for e in doc.events] == ["attack_on_civilians"]
    doc = run(ex, "عنوان\nوقتل مدني برصاص قناص في حي صلاح الدين بمدينة حلب.")
    assert [e.type for e in doc.events] == ["attack_on_civilians"]


def test_celebratory_gunfire_is_no_attack(ex: EventExtractor) -> None:
    doc = run(ex, "عنوان\nوحذرت الشرطة من إطلاق الأعيرة النارية في حفلات الزواج في مدينة جازان.")
    assert not [e for e in doc.events if e.type in ("armed_clash", "attack_on_civilians")]


def test_article_from_another_country_does_not_match_syrian_hamlets(ex: EventExtractor) -> None:
    # البريقة is a district of Aden; the gazetteer knows only Syrian hamlets of that name
    raw = ("عنوان\nقصفت طائرات التحالف مواقع الحوثيين في مدينة عدن. وقصفت الطائرات مواقع في مدينة تعز. "
           "وقصفت المدفعية مواقع في مأرب. وقتل خمسة مسلحين في قصف على منطقة البريقة.")
    doc = run(ex, raw)
    assert [e.location.country for e in doc.events if e.location] == ["YE"] * 4
    # in a report from Syria the Syrian places are found as before
    doc = run(ex, "عنوان\nقصفت قوات النظام قرية كفرنبل في ريف إدلب.")
    assert doc.events and doc.events[0].location.country == "SY"


def test_generic_parties_take_the_country_of_the_report(ex: EventExtractor) -> None:
    raw = ("عنوان\nشنت طائرات التحالف غارات على مواقع الحوثيين في مدينة عدن ومدينة تعز. "
           "وقصف الثوار مواقع الحوثيين في مأرب بالمدفعية.")
    doc = run(ex, raw)
    codes = {c for e in doc.events for c in (e.actor1, e.actor2)}
    assert "YEM-REB" in codes and not any(c and c.startswith("SYR") for c in codes)
    # a Syrian report keeps Syria's codes
    doc = run(ex, "عنوان\nوسيطرت فصائل المعارضة على مواقع في ريف إدلب بعد اشتباكات مع قوات النظام.")
    assert any(e.actor1 == "SYR-REB" for e in doc.events)
