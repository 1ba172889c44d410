"""Place finding and resolution against the bundled gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.errors import DataFileError
from rasid.resolve.geonames import arabic_names, read_geonames
from rasid.resolve.places import Gazetteer, Place, PlaceMention, word_key
from rasid.text.normalize import fold

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def find(gaz: Gazetteer, sentence: str) -> list[PlaceMention]:
    return gaz.find(fold(sentence))


def names(gaz: Gazetteer, sentence: str) -> list[str]:
    return [m.places[0].name for m in find(gaz, sentence)]


def test_default_is_cached_and_large(gaz: Gazetteer) -> None:
    assert Gazetteer.default() is gaz
    assert len(gaz) > 10000


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("شنت الطائرات غارات على مواقع بالرقة", "Ar Raqqah"),
        ("تجددت الاشتباكات في إدلب وحلب", "Aleppo"),
        ("وصل الموفد الدولي لدمشق أمس", "Damascus"),
        ("وسقطت قذائف على البو كمال", "Ālbū Kamāl"),
        ("وسقطت قذائف على البوكمال", "Ālbū Kamāl"),
        ("قتل مدنيون في دير الزور", "Deir ez-Zor"),
        ("تقدمت الفصائل نحو جسر الشغور", "Jisr ash Shughūr"),
        ("اشتباكات عنيفة في محيط رأس العين", "Ra’s al ‘Ayn"),
        ("سيطرت الوحدات الكردية على تل أبيض", "Tall Abyaḑ"),
    ],
)
def test_clitics_spacing_and_multiword_names(gaz: Gazetteer, sentence: str, expected: str) -> None:
    assert expected in names(gaz, sentence)


def test_conjunction_clitic_is_not_part_of_a_word_with_article(gaz: Gazetteer) -> None:
    # "ورقة" (a sheet of paper) is not "الرقة"
    assert names(gaz, "سلم الوزير ورقة إلى نظيره") == []


def test_countryside_with_direction_is_one_mention_precision_2(gaz: Gazetteer) -> None:
    text = fold("قصفت الطائرات ريف حماة الشمالي")
    [m] = gaz.find(text)
    assert m.text == fold("ريف حماة الشمالي")
    assert m.cue == "ريف" and m.direction == "شمالي"
    assert m.precision == 2
    loc = gaz.resolve(m)
    assert loc is not None
    assert (loc.admin1, loc.precision, loc.gid) == ("Hama", 2, "SY05")


def test_governorate_cue_gives_precision_3(gaz: Gazetteer) -> None:
    [m] = find(gaz, "نزح آلاف المدنيين في محافظة إدلب")
    loc = gaz.resolve(m)
    assert loc is not None
    assert (loc.name, loc.precision, loc.gid) == ("Idlib", 3, "SY07")


def test_city_alone_and_with_cue_is_the_geonames_point(gaz: Gazetteer) -> None:
    for sentence in ("سقطت قذائف على حلب", "سقطت قذائف على مدينة حلب"):
        [m] = find(gaz, sentence)
        loc = gaz.resolve(m)
        assert loc is not None
        assert (loc.name, loc.precision, loc.gid) == ("Aleppo", 1, "gn:170063")


def test_near_a_city_is_precision_2(gaz: Gazetteer) -> None:
    [m] = find(gaz, "انفجرت سيارة مفخخة قرب مدينة الحسكة")
    assert m.text == fold("قرب مدينة الحسكة")
    loc = gaz.resolve(m)
    assert loc is not None
    assert (loc.admin1, loc.precision) == ("Al-Hasakah", 2)
    assert loc.lat == pytest.approx(36.50237)


def test_region_and_country(gaz: Gazetteer) -> None:
    found = {m.places[0].name: m.precision for m in find(gaz, "تصاعد القتال في الشمال السوري بدعم من تركيا")}
    assert found == {"Northern Syria": 3, "Turkey": 4}


def test_quarter_named_by_adjective_resolves_to_the_city(gaz: Gazetteer) -> None:
    loc = gaz.best_location(fold("سقطت قذائف هاون على حي جوبر الدمشقي"))
    assert loc is not None
    assert (loc.name, loc.admin1, loc.precision) == ("Damascus", "Damascus", 2)


def test_ambiguous_village_resolved_by_nearby_governorate(gaz: Gazetteer) -> None:
    # عطشان is a village in Hama and another in Hasakah
    hama = gaz.best_location(fold("قصف مدفعي على قرية عطشان في ريف حماة الشرقي"))
    hasakah = gaz.best_location(fold("قصف مدفعي على قرية عطشان قرب مدينة الحسكة"))
    assert hama is not None and hasakah is not None
    assert hama.admin1 == "Hama" and hama.precision == 1
    assert hasakah.admin1 == "Al-Hasakah" and hasakah.precision == 1


@pytest.mark.parametrize(
    ("sentence", "name", "admin1", "precision"),
    [
        ("معارك عنيفة في حي جوبر شرق دمشق", "Damascus", "Damascus", 2),  # جوبر we know is in Homs
        ("سقطت قذائف على بلدة الحارة بريف درعا", "Al Harah", "Daraa", 1),  # three places named الحارة
        ("غارات على حي الميدان بدمشق", "Damascus", "Damascus", 2),  # الميدان is also an ordinary word
    ],
)
def test_place_named_with_where_it_lies(gaz: Gazetteer, sentence: str, name: str, admin1: str, precision: int) -> None:
    loc = gaz.best_location(fold(sentence))
    assert loc is not None
    assert (loc.name, loc.admin1, loc.precision) == (name, admin1, precision)
    [first] = [m for m in find(gaz, sentence)][:1]
    resolved = gaz.resolve(first, find(gaz, sentence))
    assert resolved is not None and resolved.admin1 == admin1


def test_unknown_village_falls_back_to_named_governorate(gaz: Gazetteer) -> None:
    loc = gaz.best_location(fold("اشتباكات في قرية زقزقانيه في ريف إدلب الجنوبي"))
    assert loc is not None
    assert (loc.admin1, loc.precision) == ("Idlib", 2)


@pytest.mark.parametrize(
    "sentence",
    [
        "الشعب السوري يريد السلام والحرية",
        "وقالت وزارة الخارجية إن الزيارة كانت ناجحة",
        "رفض الرئيس باراك أوباما مطالب الكونغرس",
        "تشهد الأسواق زيادة في الطلب",
    ],
)
def test_common_words_that_are_village_names_need_a_cue(gaz: Gazetteer, sentence: str) -> None:
    assert [m for m in find(gaz, sentence) if m.places[0].kind not in ("country", "capital")] == []


def test_common_word_village_with_cue_is_found(gaz: Gazetteer) -> None:
    [m] = find(gaz, "تقدمت قوات النظام إلى قرية الزيارة في سهل الغاب")[:1]
    assert m.places[0].admin1 == "Hama" and m.cue == "قريه"


def test_syria_prefered_and_foreign_capitals(gaz: Gazetteer) -> None:
    found = {m.places[0].name: m.places[0].country for m in find(gaz, "زار وزير الخارجية طهران ثم موسكو")}
    assert found == {"Tehran": "IR", "Moscow": "RU"}


def test_country_adjective_picks_the_foreign_town(gaz: Gazetteer) -> None:
    # سروج is a Turkish town and two Syrian villages; "التركية" settles it
    loc = gaz.best_location(fold("قتل 32 شخصا في تفجير انتحاري في بلدة سروج التركية"))
    assert loc is not None
    assert (loc.name, loc.country, loc.precision) == ("Suruç", "TR", 1)
    # a gentilic adjective on its own is not a place ("القدود الحلبية")
    assert find(gaz, "استمع الجمهور إلى القدود الحلبية") == []


def test_mentions_do_not_overlap_and_offsets_index_the_text(gaz: Gazetteer) -> None:
    text = fold("غارات على ريف دمشق الغربي والزبداني ومضايا وسهل الغاب")
    ms = gaz.find(text)
    assert [m.places[0].name for m in ms] == ["Rif Dimashq", "Az Zabadānī", "Maḑāyā", "Al-Ghab Plain"]
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start
    for m in ms:
        assert text[m.start:m.end] == m.text


def test_find_respects_the_slice(gaz: Gazetteer) -> None:
    text = fold("قصف على حلب. واشتباكات في حمص")
    cut = text.index(".")
    assert [m.places[0].name for m in gaz.find(text, cut)] == ["Homs"]
    assert [m.places[0].name for m in gaz.find(text, 0, cut)] == ["Aleppo"]


def test_word_key_readings() -> None:
    assert ("رقه", True, 0) in word_key("بالرقه")
    assert ("حلب", False, 1) in word_key("وحلب")
    assert ("دمشق", False, 2) in word_key("لدمشق")


def test_geonames_dump_adds_arabic_named_places(gaz: Gazetteer) -> None:
    rows = list(read_geonames(FIXTURES / "geonames_sample.txt", country_names={"TR": "Turkey"}))
    ids = {p.id for p, _ in rows}
    assert "gn:9100005" not in ids  # a stream, not a place
    assert "gn:9100006" not in ids  # no Arabic name
    village = next(p for p, _ in rows if p.id == "gn:9100001")
    assert (village.admin1, village.kind, village.country) == ("Hama", "village", "SY")
    town = next(p for p, _ in rows if p.id == "gn:9100004")
    assert town.admin1 == "Turkey"
    assert arabic_names("Khirbat al Wardah,خربة الوردة,خربه الورده") == ["خربة الوردة", "خربه الورده"]

    g = Gazetteer.load()  # a fresh instance: the cached default stays as bundled
    assert g.best_location(fold("قصف قرية تل عثمان")) is None or g.best_location(
        fold("قصف قرية تل عثمان")
    ).name != "Tall `Uthman"
    added = g.load_geonames(str(FIXTURES / "geonames_sample.txt"))
    assert added == 4
    loc = g.best_location(fold("قصفت المدفعية قرية تل عثمان"))
    assert loc is not None
    assert (loc.name, loc.admin1, loc.gid, loc.precision) == ("Tall `Uthman", "Hama", "gn:9100001", 1)
    assert "Tall `Uthman" not in [p.name for p in gaz.lookup("تل عثمان")]


def test_geonames_bad_file_raises(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tx\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        list(read_geonames(bad))
    with pytest.raises(DataFileError):
        list(read_geonames(tmp_path / "missing.txt"))


def test_in_memory_gazetteer() -> None:
    p = Place("x:1", "Kafr Test", "كفر تست", "village", "SY", "Idlib", 35.0, 36.0)
    g = Gazetteer.from_places([(p, ["كفر تست"])])
    [m] = g.find(fold("قصف على بلدة كفرتست"))
    assert m.places == [p] and m.cue == "بلده"


def test_many_sentences_run(gaz: Gazetteer) -> None:
    # a sanity check that a few thousand sentences go through (no timing asserted)
    text = fold("قصفت الطائرات الحربية مدينة الرقة وريف حلب الشمالي وقرى في سهل الغاب بعشرات الغارات")
    total = sum(len(gaz.find(text)) for _ in range(3000))
    assert total == 3 * 3000


def test_repeated_finds_of_a_span_are_equal(gaz: Gazetteer) -> None:
    text = fold("قصفت الطائرات بلدة كفرنبل في ريف إدلب الجنوبي")
    first = gaz.find(text, 0, len(text))
    first.clear()
    again = gaz.find(text, 0, len(text))
    assert [m.places[0].name for m in again][-1] == "Idlib"
    assert gaz.find(text, 0, len(text)) == again


def test_added_place_is_found_in_a_text_already_searched() -> None:
    p = Place("x:1", "Kafr Test", "كفر تست", "village", "SY", "Idlib", 35.0, 36.0)
    g = Gazetteer.from_places([(p, ["كفر تست"])])
    text = fold("قصف على قرية تل تجريب قرب كفر تست")
    assert [m.places[0].name for m in g.find(text)] == ["Kafr Test"]
    g.add(Place("x:2", "Tal Tajrib", "تل تجريب", "village", "SY", "Idlib", 35.1, 36.1), ["تل تجريب"])
    assert [m.places[0].name for m in g.find(text)] == ["Tal Tajrib", "Kafr Test"]


def test_governorate_cue_never_names_a_hamlet(gaz: Gazetteer) -> None:
    # أبين is a Yemeni governorate; the gazetteer only knows Syrian hamlets called Ibbin
    assert find(gaz, "تقدمت القوات في محافظة أبين") == []
    assert names(gaz, "في محافظة حلب") == ["Aleppo"]
