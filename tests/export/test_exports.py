"""Export formats from hand-made records, and ``rasid export`` over a filled store."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.errors import ConfigError
from rasid.export.formats import export_chunks
from rasid.export.geojson import write_geojson
from rasid.export.jsonl import INCIDENT_KEYS, write_jsonl
from rasid.export.plover_json import plover_record, write_plover_json

SAMPLES = Path(__file__).resolve().parents[1] / "store" / "samples.py"


@pytest.fixture(scope="module")
def samples():  # type: ignore[no-untyped-def]
    if "rasid_test_samples" not in sys.modules:
        spec = importlib.util.spec_from_file_location("rasid_test_samples", SAMPLES)
        mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["rasid_test_samples"] = mod
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return sys.modules["rasid_test_samples"]


@pytest.fixture(scope="module")
def events(samples) -> list[dict]:  # type: ignore[no-untyped-def]
    return [ev.to_dict() for doc in samples.documents() for ev in doc.events]


def test_plover_json(events: list[dict]) -> None:
    out = io.StringIO()
    assert write_plover_json(events, out) == 5
    data = json.loads(out.getvalue())
    assert len(data) == 5
    consult = next(d for d in data if d["rasid_type"] == "consult")
    assert consult["event_type"] == "CONSULT" and consult["actor"] == "IGO-UN" and consult["recipient"] == "SYR-OPP"
    strike = next(d for d in data if d["rasid_type"] == "air_strike")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["plover_event"] == "FIGHT" and strike["mode"] == "aerial"
    assert strike["geolocation"]["lat"] == 35.95 and strike["fatalities"] == 23 and strike["source"] == "SOHR"
    assert strike["text"].startswith("قتل 13 عنصراً")
    assert plover_record({"type": "protest", "doc": "x"})["event_type"] == "Protests"


def test_geojson_points_only_located(events: list[dict]) -> None:
    out = io.StringIO()
    assert write_geojson(events, out) == 4  # the Geneva talks have no place in Syria
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    f = next(f for f in fc["features"] if f["properties"]["type"] == "shelling")
    assert f["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}  # lon, lat
    assert f["properties"]["admin1"] == "Aleppo" and f["properties"]["fatalities"]["civilians"] == 3


def test_incidents_jsonl(samples, events: list[dict]) -> None:  # type: ignore[no-untyped-def]
    incidents = samples.simple_incidents(events)
    out = io.StringIO()
    assert write_jsonl(incidents, out) == 4
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    for inc in lines:
        assert set(INCIDENT_KEYS) <= inc.keys()
        assert {"min", "max", "by_source"} <= inc["fatalities"].keys()
        for rep in inc["reports"]:
            assert {"doc", "type", "start", "end", "evidence", "source"} <= rep.keys()


def test_unknown_or_impossible_formats() -> None:
    with pytest.raises(ConfigError):
        export_chunks("xml", "events", [])
    with pytest.raises(ConfigError):
        export_chunks("plover-json", "incidents", [])


def test_cli_export_from_store(tmp_path: Path, samples) -> None:  # type: ignore[no-untyped-def]
    from rasid.cli.app import app
    from rasid.store import init_db, ingest_document, refresh_incidents, session_factory

    url = f"sqlite:///{tmp_path / 'rasid.db'}"
    engine = init_db(url)
    with session_factory(engine)() as session:
        for doc in samples.documents():
            ingest_document(session, doc)
        refresh_incidents(session, builder=samples.simple_incidents)
    engine.dispose()
    runner = CliRunner()

    out = tmp_path / "incidents.jsonl"
    r = runner.invoke(app, ["export", "--db", url, "--format", "jsonl", "--what", "incidents", "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    raqqa = next(i for i in lines if i["location"]["admin1"] == "Raqqa")
    assert raqqa["fatalities"]["by_source"] == {"SOHR": 23, "activists": 20} and len(raqqa["reports"]) == 2

    out = tmp_path / "events.csv"
    r = runner.invoke(app, ["export", "--db", url, "--format", "acled-csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 5 and {r["event_type"] for r in rows} >= {"Battles", "Explosions/Remote violence"}

    out = tmp_path / "events.geojson"
    assert runner.invoke(app, ["export", "--db", url, "-f", "geojson", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 4

    r = runner.invoke(app, ["export", "--db", url, "-f", "plover-json", "--what", "incidents"])
    assert r.exit_code == 2
