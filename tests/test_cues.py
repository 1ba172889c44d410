"""The cue-word lists file (rasid/data/lexicons/cues.tsv) and its reader."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

import rasid
from rasid.errors import DataFileError
from rasid.events import cues
from rasid.events.cues import CUES_FILE, cue_alternation, cue_names, cue_phrases, cue_words
from rasid.text.normalize import fold

_SRC = Path(rasid.__file__).parent
_CALL = re.compile(r"\b(cue_words|cue_phrases|cue_alternation)\(\"([^\"]+)\"\)")


def _calls() -> list[tuple[str, str]]:
    """(function, list name) of every call with a literal name in rasid's code."""
    return [m.groups() for p in sorted(_SRC.rglob("*.py")) for m in _CALL.finditer(p.read_text(encoding="utf-8"))]


def test_file_ships_with_the_package() -> None:
    assert (resources.files("rasid") / "data" / "lexicons" / CUES_FILE).is_file()


def test_every_name_in_code_is_in_the_file_and_every_list_is_used() -> None:
    used = {name for _, name in _calls()}
    assert len(used) > 100
    assert used - cue_names() == set()
    assert cue_names() - used == set()


def test_lists_are_folded_non_empty_sets_without_repeats() -> None:
    for name in cue_names():
        words = cue_words(name)
        assert words, name
        assert all(w and w == fold(w) for w in words), name
        items = cue_phrases(name)
        assert len(items) == len(set(items)), f"{name} repeats an item"


def test_phrases_keep_spelling_order_and_spaces() -> None:
    assert cue_phrases("remote_re")[:3] == ("مفخخة", "عبوة ناسفة", "عبوات ناسفة")
    assert cue_phrases("tag_line")[0] == "سمات "  # a trailing underscore keeps the space
    assert fold("أطلق") not in cue_words("air")
    assert fold("الطائرات") in cue_words("air")


def test_alternation_lists_hold_no_regex_metacharacters() -> None:
    for name in {n for f, n in _calls() if f == "cue_alternation"}:
        for w in cue_phrases(name):
            assert not set(w) & set(".^$*+?{}[]\\|()"), (name, w)
        assert cue_alternation(name) == "|".join(fold(w) for w in cue_phrases(name))


def test_unknown_name_raises_key_error_naming_list_and_file() -> None:
    for get in (cue_words, cue_phrases, cue_alternation):
        with pytest.raises(KeyError, match=r"no_such_list.*cues\.tsv"):
            get("no_such_list")


def test_malformed_row_names_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cues, "_package_text", lambda name: "# header\nair جوي\n")
    cues._table.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"cues\.tsv line 2"):
            cues._table()
    finally:
        cues._table.cache_clear()
