"""Deployment settings from ``RASID_*`` environment variables.

There is no module-global instance: callers build one with :func:`get_settings`
(or pass their own :class:`Settings` to ``create_app``), so tests can use theirs.

=================  ======================  ===========================================
env var            field                   meaning
=================  ======================  ===========================================
``RASID_DB_URL``   ``db_url``              SQLAlchemy URL (``sqlite:///rasid.db``)
``RASID_TOKEN``    ``token``               write token for ``POST /api/...``; unset = no writes
``RASID_TILE_URL`` ``tile_url``            optional XYZ tile template for the web map
=================  ======================  ===========================================
"""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Database URL, write token and map tiles."""

    model_config = SettingsConfigDict(
        env_prefix="RASID_",
        env_file=".env",
        env_ignore_empty=True,
        extra="ignore",
    )

    db_url: str = "sqlite:///rasid.db"
    token: SecretStr | None = None
    tile_url: str | None = None
    tile_attribution: str = ""


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with keyword overrides (None values ignored)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
