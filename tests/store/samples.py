"""Hand-built articles and event records for the store, web and export tests.

Loaded by path from the test folders (``load_samples()``), so no package import
is needed. Evidence offsets are found in the raw text, as the extractor gives them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rasid.doc import Document
from rasid.records import Event, Fatalities, Location

RAQQA = dict(text="مدينة الرقة", name="Ar Raqqah", admin1="Raqqa", lat=35.95, lon=39.01, precision=1, country="SY")
ALEPPO = dict(text="حلب", name="Aleppo", admin1="Aleppo", lat=36.2, lon=37.16, precision=1, country="SY")
IDLIB = dict(text="ريف إدلب الجنوبي", name="Idlib", admin1="Idlib", lat=35.93, lon=36.63, precision=2, country="SY")

XSS_TITLE = "<script>alert(1)</script> اشتباكات في ريف إدلب"
XSS_BODY = ("<img src=x onerror=alert(2)> دارت اشتباكات عنيفة بين الفصائل المقاتلة وقوات النظام "
            "في ريف إدلب الجنوبي، وسط قصف مدفعي متبادل، بحسب ناشطين.")

ARTICLES: list[dict[str, Any]] = [
    {"id": "raqqa-sohr", "date": "2016-06-14", "title": "غارات على الرقة",
     "text": "غارات على الرقة\nقتل 13 عنصراً من تنظيم داعش وعشرة مدنيين على الأقل في غارات جوية استهدفت "
             "الثلاثاء مدينة الرقة، بحسب ما أفاد المرصد السوري لحقوق الإنسان.",
     "events": [dict(type="air_strike", evidence="قتل 13 عنصراً من تنظيم داعش وعشرة مدنيين على الأقل في غارات "
                     "جوية استهدفت الثلاثاء مدينة الرقة", trigger="غارات جوية", actor1="UNK-MIL", actor2="ISIS",
                     location=RAQQA, fatalities=dict(total=23, civilians=10, combatants=13,
                                                     text="13 عنصراً من تنظيم داعش وعشرة مدنيين"),
                     source="SOHR", date_text="الثلاثاء", event_date="2016-06-14")]},
    {"id": "raqqa-activists", "date": "2016-06-14", "title": "قتلى بغارات على الرقه",
     "text": "قتلى بغارات على الرقه\nأفاد ناشطون بمقتل عشرين شخصاً بينهم مدنيون جراء غارات للطيران الحربي "
             "على أحياء في مدينة الرقة يوم الثلاثاء.",
     "events": [dict(type="air_strike", evidence="مقتل عشرين شخصاً بينهم مدنيون جراء غارات للطيران الحربي على "
                     "أحياء في مدينة الرقة", trigger="غارات", actor1="UNK-MIL", location=RAQQA,
                     fatalities=dict(total=20, text="عشرين شخصاً"), source="activists",
                     date_text="يوم الثلاثاء", event_date="2016-06-14")]},
    {"id": "aleppo-mortar", "date": "2016-06-15", "title": "قذائف على حي الشيخ مقصود",
     "text": "قذائف على حي الشيخ مقصود\nقصفت قوات النظام بقذائف الهاون حي الشيخ مقصود في مدينة حلب، ما أدى "
             "إلى مقتل ثلاثة مدنيين وإصابة آخرين، وفق الشبكة السورية لحقوق الإنسان.",
     "events": [dict(type="shelling", evidence="قصفت قوات النظام بقذائف الهاون حي الشيخ مقصود في مدينة حلب، ما "
                     "أدى إلى مقتل ثلاثة مدنيين", trigger="قصفت", actor1="SYR-MIL", actor2="CIV",
                     location=ALEPPO, fatalities=dict(total=3, civilians=3, text="ثلاثة مدنيين"),
                     source="SNHR")]},
    {"id": "idlib-xss", "date": "2016-06-16", "title": XSS_TITLE, "text": XSS_TITLE + "\n" + XSS_BODY,
     "events": [dict(type="armed_clash", evidence="دارت اشتباكات عنيفة بين الفصائل المقاتلة وقوات النظام في "
                     "ريف إدلب الجنوبي", trigger="اشتباكات", actor1="SYR-REB", actor2="SYR-MIL",
                     location=IDLIB, source="activists")]},
    {"id": "geneva-talks", "date": "2016-06-17", "title": "دي ميستورا يلتقي وفد المعارضة",
     "text": "دي ميستورا يلتقي وفد المعارضة\nالتقى المبعوث الأممي إلى سوريا ستافان دي ميستورا وفد الهيئة العليا "
             "للمفاوضات في جنيف، وبحث معه استئناف المحادثات.",
     "events": [dict(type="consult", evidence="التقى المبعوث الأممي إلى سوريا ستافان دي ميستورا وفد الهيئة العليا "
                     "للمفاوضات في جنيف", trigger="التقى", actor1="IGO-UN", actor2="SYR-OPP")]},
]


def make_event(doc_id: str, raw: str, spec: dict[str, Any]) -> Event:
    """An Event whose offsets point at its evidence and trigger in ``raw``."""
    start = raw.index(spec["evidence"])
    tstart = raw.index(spec["trigger"], start)
    return Event(
        doc=doc_id, type=spec["type"], evidence=spec["evidence"], start=start, end=start + len(spec["evidence"]),
        trigger=spec["trigger"], trigger_start=tstart, trigger_end=tstart + len(spec["trigger"]),
        actor1=spec.get("actor1"), actor2=spec.get("actor2"),
        location=Location(**spec["location"]) if spec.get("location") else None,
        fatalities=Fatalities(**spec["fatalities"]) if spec.get("fatalities") else None,
        source=spec.get("source"), date_text=spec.get("date_text"), event_date=spec.get("event_date"),
    )


def make_document(art: dict[str, Any]) -> Document:
    """A processed Document with hand-made events (no extractor involved)."""
    doc = Document.from_raw(art["id"], art["text"], title=art.get("title"), date=art.get("date"),
                            meta={"outlet": "test", "url": f"https://example.org/{art['id']}"})
    doc.events = [make_event(doc.id, doc.raw, e) for e in art.get("events", [])]
    return doc


def documents() -> list[Document]:
    """All sample documents, freshly built."""
    return [make_document(a) for a in ARTICLES]


def simple_incidents(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A stand-in incident builder: same type, same place, same day = one incident."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        loc = ev.get("location") or {}
        groups[(ev["type"], loc.get("name"), ev.get("event_date") or ev.get("doc_date"))].append(ev)
    out = []
    for n, ((typ, _, day), evs) in enumerate(sorted(groups.items(), key=lambda kv: str(kv[0])), 1):
        totals = {e.get("source") or "?": (e.get("fatalities") or {}).get("total") for e in evs}
        nums = [v for v in totals.values() if v is not None]
        out.append({
            "id": f"I{n}", "type": typ, "location": evs[0].get("location"),
            "fatalities": {"min": min(nums) if nums else None, "max": max(nums) if nums else None,
                           "by_source": totals, "conservative": min(nums) if nums else None},
            "date_start": day, "date_end": day,
            "reports": [{"doc": e["doc"], "type": e["type"], "start": e["start"], "end": e["end"],
                         "evidence": e["evidence"], "source": e.get("source"), "event_key": e.get("event_key")}
                        for e in evs],
        })
    return out
