"""The examples in the package's docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib
import logging
import pkgutil

import pytest

import rasid

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(rasid.__path__, "rasid.")
    if ".migrations" not in m.name and not m.name.endswith("__main__")  # env.py runs inside Alembic
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    # log lines are not part of an example's output (another test may have sent logs to stdout)
    logging.disable(logging.CRITICAL)
    try:
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    finally:
        logging.disable(logging.NOTSET)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
