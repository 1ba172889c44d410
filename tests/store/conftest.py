"""Store fixtures: a migrated database per test, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def load_samples():  # type: ignore[no-untyped-def]
    """The shared sample module (tests/store/samples.py), loaded by path."""
    if "rasid_test_samples" in sys.modules:
        return sys.modules["rasid_test_samples"]
    spec = importlib.util.spec_from_file_location("rasid_test_samples", HERE / "samples.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["rasid_test_samples"] = mod
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


@pytest.fixture(scope="session")
def samples():  # type: ignore[no-untyped-def]
    return load_samples()


@pytest.fixture(scope="session")
def pg_base_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped at the end of the run."""
    url = os.environ.get("RASID_TEST_PG_URL")
    if not url:
        pytest.skip("RASID_TEST_PG_URL not set")
    from sqlalchemy import create_engine, text

    from rasid.store.session import normalize_url

    schema = f"rasid_store_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalize_url(url))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as e:  # noqa: BLE001 - unreachable server: skip, do not fail
        pytest.skip(f"PostgreSQL not reachable: {e}")
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with nothing in it (tables dropped at start on PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasid.db'}"
        return
    url = request.getfixturevalue("pg_base_url")
    from sqlalchemy import text

    from rasid.store.models import Base
    from rasid.store.session import make_engine

    eng = make_engine(url)
    Base.metadata.drop_all(eng)
    with eng.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    eng.dispose()
    yield url


@pytest.fixture
def session(db_url: str):  # type: ignore[no-untyped-def]
    from rasid.store import init_db, session_factory

    engine = init_db(db_url)
    with session_factory(engine)() as s:
        yield s
    engine.dispose()
