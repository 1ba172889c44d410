"""Engines, sessions and schema migrations.

Opening a store runs ``alembic upgrade head``:

>>> engine = init_db("sqlite:///rasid.db")      # doctest: +SKIP
>>> Session = session_factory(engine)            # doctest: +SKIP
>>> with Session() as session: ...               # doctest: +SKIP
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from rasid.errors import ConfigError, StorageError

__all__ = ["normalize_url", "make_engine", "session_factory", "init_db", "MIGRATIONS"]

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalize_url(url: str) -> str:
    """Use the psycopg 3 driver for ``postgresql://`` / ``postgres://`` URLs.

    >>> normalize_url("postgresql://u:p@h/db")
    'postgresql+psycopg://u:p@h/db'
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str, **kw: object) -> Engine:
    """An engine for ``url`` (SQLite file, or PostgreSQL through psycopg 3).

    Raises:
        ConfigError: the URL is not a SQLAlchemy URL.
    """
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except Exception as e:  # sqlalchemy.exc.ArgumentError
        raise ConfigError(f"RASID_DB_URL: not a database URL: {url!r}") from e
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        kw.setdefault("connect_args", {"check_same_thread": False})
        engine = create_engine(parsed, **kw)  # type: ignore[arg-type]
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kw.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kw)  # type: ignore[arg-type]


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine``; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def init_db(url: str | Engine) -> Engine:
    """Create or upgrade the schema (``alembic upgrade head``) and return the engine.

    Uses the migrations packaged in ``rasid/store/migrations``; no ``alembic.ini``
    is needed. Safe to call on an up-to-date database.

    Raises:
        StorageError: the database cannot be reached or migrated.
    """
    engine = url if isinstance(url, Engine) else make_engine(url)
    alembic_log = logging.getLogger("alembic")
    level = alembic_log.level
    alembic_log.setLevel(max(logging.WARNING, level))  # its per-step INFO lines are noise here
    try:
        from alembic import command

        cfg = _alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as e:
        raise StorageError(f"cannot migrate {engine.url.render_as_string(hide_password=True)}: {e}") from e
    finally:
        alembic_log.setLevel(level)
    logger.debug("schema at head on %s", engine.url.render_as_string(hide_password=True))
    return engine
