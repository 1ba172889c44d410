"""Shared fixtures: the shared data folder beside the repo, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
NEWS = SHARED / "data" / "news"


@pytest.fixture(scope="session")
def news_dir() -> Path:
    """The 40 dev articles with gold records (skips when ../shared is absent)."""
    if not (NEWS / "gold.jsonl").exists():
        pytest.skip("../shared/data/news not available")
    return NEWS
