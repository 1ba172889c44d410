"""Time incident refresh and API answers over a filled store.

Usage::

    rasid ingest ../shared/data/corpus/saudinewsnet/2015-07-22.zip \\
        ../shared/data/corpus/saudinewsnet/2015-07-23.zip --db sqlite:////tmp/bench.db -w 2
    python bench/store_api.py sqlite:////tmp/bench.db
"""

from __future__ import annotations

import sys
import time
import warnings

from fastapi.testclient import TestClient

from rasid.config import Settings
from rasid.store import init_db, refresh_incidents, session_factory
from rasid.web.app import create_app

URLS = [
    "/api/incidents?limit=500", "/api/incidents?q=الرقه", "/api/incidents?admin1=Idlib&limit=500",
    "/api/incidents/timeline", "/api/events?limit=500", "/api/incidents/100",
    "/api/export?format=jsonl&what=incidents", "/api/export?format=acled-csv",
]


def main(url: str) -> None:
    warnings.simplefilter("ignore")
    engine = init_db(url)
    with session_factory(engine)() as session:
        t = time.perf_counter()
        n = refresh_incidents(session)
        print(f"refresh_incidents: {n} incidents in {time.perf_counter() - t:.2f} s")
    client = TestClient(create_app(Settings(db_url=url)))
    for u in URLS:
        client.get(u)  # warm
        t = time.perf_counter()
        r = client.get(u)
        print(f"{u:45s} {r.status_code} {len(r.content):>9d} B {(time.perf_counter() - t) * 1000:7.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:///rasid.db")
