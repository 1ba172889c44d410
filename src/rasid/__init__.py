"""rasid (راصد): Arabic conflict news in, sourced and geocoded event records out.

>>> import rasid
>>> nlp = rasid.Pipeline.default()                                  # doctest: +SKIP
>>> doc = nlp(rasid.Document.from_raw("x", "قصفت طائرات النظام مدينة إدلب"))  # doctest: +SKIP
>>> [e.type for e in doc.events]                                    # doctest: +SKIP
['air_strike']
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from rasid.doc import Document, Span
from rasid.errors import ConfigError, DataFileError, InputError, PipelineError, RasidError, StorageError
from rasid.pipeline import Pipeline
from rasid.records import Event, Fatalities, Location, Quote

try:
    __version__ = version("rasid")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ConfigError",
    "DataFileError",
    "Document",
    "Event",
    "Fatalities",
    "InputError",
    "Location",
    "Pipeline",
    "PipelineError",
    "Quote",
    "RasidError",
    "Span",
    "StorageError",
]
