"""The JSON API through FastAPI's TestClient: reads, filters, pages, token, bad parameters."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rasid.config import Settings
from rasid.doc import Document
from rasid.pipeline import Pipeline, sentencizer
from rasid.records import Event
from rasid.web.app import create_app

TOKEN = "s3cret-token"  # the same as conftest's ``token`` fixture


def _stub_extractor(doc: Document) -> Document:
    """Marks the first 'قصف' clause as shelling: stands in for the real extractor."""
    i = doc.raw.find("قصف")
    if i >= 0:
        end = doc.raw.find("،", i)
        end = end if end > 0 else len(doc.raw)
        doc.events = [Event(doc=doc.id, type="shelling", evidence=doc.raw[i:end], start=i, end=end,
                            trigger="قصف", trigger_start=i, trigger_end=i + 3, actor1="SYR-MIL")]
    return doc


@pytest.fixture(scope="module")
def client(filled_db: str, samples, token: str) -> TestClient:  # type: ignore[no-untyped-def]
    assert token == TOKEN
    app = create_app(Settings(db_url=filled_db, token=TOKEN),
                     pipeline=Pipeline([("sentencizer", sentencizer), ("stub", _stub_extractor)]),
                     incident_builder=samples.simple_incidents)
    with TestClient(app) as c:
        yield c


def test_listings_filter_and_page(client: TestClient) -> None:
    r = client.get("/api/incidents")
    assert r.status_code == 200 and r.json()["total"] == 4
    r = client.get("/api/incidents", params={"admin1": "Ar-Raqqa"}).json()
    assert r["total"] == 1 and r["items"][0]["fatalities"]["by_source"] == {"SOHR": 23, "activists": 20}
    assert client.get("/api/incidents", params={"q": "الرقه"}).json()["total"] == 1
    assert client.get("/api/events", params={"type": "air_strike,shelling"}).json()["total"] == 3
    assert client.get("/api/events", params={"actor": "SYR-MIL"}).json()["total"] == 2
    assert client.get("/api/events", params={"bbox": "36,35,37.5,36.5"}).json()["total"] == 2
    assert client.get("/api/events", params={"date_from": "2016-06-16"}).json()["total"] == 2
    p1 = client.get("/api/events", params={"limit": 2, "offset": 0}).json()
    p3 = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert p1["total"] == p3["total"] == 5 and len(p1["items"]) == 2 and len(p3["items"]) == 1
    assert not {e["id"] for e in p1["items"]} & {e["id"] for e in p3["items"]}
    days = client.get("/api/incidents/timeline").json()
    assert [d["date"] for d in days] == ["2016-06-14", "2016-06-15", "2016-06-16", "2016-06-17"]


@pytest.mark.parametrize("path,params", [
    ("/api/events", {"bbox": "1,2,3"}),
    ("/api/events", {"bbox": "a,b,c,d"}),
    ("/api/events", {"bbox": "40,30,35,37"}),  # min > max
    ("/api/incidents", {"date_from": "14/06/2016"}),
    ("/api/incidents", {"date_from": "2016-06-20", "date_to": "2016-06-01"}),
    ("/api/incidents", {"type": "bombardment"}),
    ("/api/incidents", {"limit": 0}),
    ("/api/incidents", {"limit": 100000}),
    ("/api/events", {"offset": -1}),
    ("/api/incidents/abc", {}),
    ("/api/export", {"format": "pdf"}),
    ("/api/export", {}),
    ("/api/events", {"bbox": "nan,1,2,3"}),
    ("/api/incidents/99999999999999999999", {}),
])
def test_bad_parameters_are_4xx(client: TestClient, path: str, params: dict) -> None:
    r = client.get(path, params=params)
    assert 400 <= r.status_code < 500, r.text
    assert "detail" in r.json()


def test_odd_text_is_not_an_error(client: TestClient) -> None:
    for q in ("\x00", "%", "_", "'; DROP TABLE events; --", "ـــ", " "):
        r = client.get("/api/incidents", params={"q": q})
        assert r.status_code == 200, q
    assert client.get("/api/documents", params={"q": "\x00الرقة"}).json()["total"] == 2
    assert client.get("/api/events").json()["total"] == 5  # nothing dropped


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/api/incidents/9999").status_code == 404
    assert client.get("/api/documents/9999").status_code == 404
    assert client.get("/api/events/9999").status_code == 404


def test_incident_detail_highlight_is_escaped(client: TestClient) -> None:
    inc = client.get("/api/incidents", params={"admin1": "Idleb"}).json()["items"][0]
    detail = client.get(f"/api/incidents/{inc['id']}").json()
    rep = detail["reports"][0]
    assert rep["text"][rep["start"]:rep["end"]] == rep["evidence"]
    assert "<script>" in rep["text"]  # the raw text is returned as is, for textContent
    h = rep["highlight"]
    assert "<script>" not in h and "<img" not in h
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h and "&lt;img src=x onerror=alert(2)&gt;" in h
    assert h.count("<mark>") == 1 and f"<mark>{rep['evidence']}</mark>" in h


def test_documents(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert page["total"] == 5 and len(page["items"]) == 2
    doc = client.get(f"/api/documents/{page['items'][0]['id']}").json()
    assert doc["events"] and all(doc["text"][e["start"]:e["end"]] == e["evidence"] for e in doc["events"])


def test_exports_over_http(client: TestClient) -> None:
    r = client.get("/api/export", params={"format": "jsonl", "what": "incidents", "admin1": "Ar-Raqqa"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == 1 and len(lines[0]["reports"]) == 2
    r = client.get("/api/export", params={"format": "acled-csv"})
    assert r.text.splitlines()[0].startswith("event_id_cnty,") and len(r.text.splitlines()) == 6
    assert client.get("/api/export", params={"format": "plover-json", "what": "incidents"}).status_code == 400
    assert client.get("/openapi.json").json()["paths"]["/api/incidents"]


ARTICLE = {"id": "hama-new", "title": "قصف على ريف حماة", "date": "2016-06-20",
           "text": "قصف الطيران الحربي بلدة كفرزيتا في ريف حماة الشمالي، دون ورود أنباء عن إصابات."}


def test_post_requires_token(client: TestClient) -> None:
    assert client.post("/api/documents", json=ARTICLE).status_code == 401
    assert client.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert client.post("/api/documents", json=ARTICLE, headers={"X-Rasid-Token": "nope"}).status_code == 403
    r = client.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "added" and body["events"] == 1 and body["incidents"] == 5
    again = client.post("/api/documents", json=ARTICLE, headers={"X-Rasid-Token": TOKEN})
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    doc = client.get(f"/api/documents/{body['document_id']}").json()
    assert doc["text"].startswith("قصف على ريف حماة\n") and doc["events"][0]["type"] == "shelling"
    bad = client.post("/api/documents", json={**ARTICLE, "date": "20 June"}, headers={"X-Rasid-Token": TOKEN})
    assert bad.status_code == 422


def test_writes_disabled_without_server_token(filled_db: str) -> None:
    with TestClient(create_app(Settings(db_url=filled_db))) as c:
        assert c.post("/api/documents", json=ARTICLE, headers={"X-Rasid-Token": "x"}).status_code == 403
        assert c.get("/api/incidents").status_code == 200  # reading needs no token
