"""Web fixtures: an app over a SQLite store filled with the hand-made sample articles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "store" / "samples.py"
TOKEN = "s3cret-token"


def load_samples():  # type: ignore[no-untyped-def]
    """tests/store/samples.py, loaded by path (shared with the store tests)."""
    if "rasid_test_samples" not in sys.modules:
        spec = importlib.util.spec_from_file_location("rasid_test_samples", SAMPLES)
        mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["rasid_test_samples"] = mod
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return sys.modules["rasid_test_samples"]


def fill_db(url: str) -> None:
    """Migrate ``url`` and store the sample documents and their incidents."""
    from rasid.store import init_db, ingest_document, refresh_incidents, session_factory

    samples = load_samples()
    engine = init_db(url)
    with session_factory(engine)() as session:
        for doc in samples.documents():
            assert ingest_document(session, doc).status == "added"
        refresh_incidents(session, builder=samples.simple_incidents)
    engine.dispose()


@pytest.fixture(scope="session")
def samples():  # type: ignore[no-untyped-def]
    return load_samples()


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'rasid.db'}"
    fill_db(url)
    return url
