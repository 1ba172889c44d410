"""The whole rasid exception tree.

* RasidError
  + ConfigError      bad setting or config value (names the key)
  + DataFileError    missing or malformed package data (names path and line)
  + InputError       an article that cannot be read (the batch skips it)
  + PipelineError    a component failed on a document
  + StorageError     the database refused or failed
"""

from __future__ import annotations

__all__ = ["RasidError", "ConfigError", "DataFileError", "InputError", "PipelineError", "StorageError"]


class RasidError(Exception):
    """Base class of every error rasid raises on purpose."""


class ConfigError(RasidError):
    """A setting or configuration value is wrong."""


class DataFileError(RasidError):
    """A lexicon, gazetteer or model file is missing or malformed."""


class InputError(RasidError):
    """An input article or file cannot be read."""


class PipelineError(RasidError):
    """A pipeline component failed on a document."""


class StorageError(RasidError):
    """The store failed."""
