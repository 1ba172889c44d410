"""Typed output records: events, their locations and casualty figures, quotes.

``to_dict`` gives exactly the fields of ``spec/events.md`` (plus rasid's
extras: character offsets, ISO dates, argument text); ``from_dict`` reads them
back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

__all__ = [
    "EVENT_TYPES", "VIOLENCE_TYPES", "INTERACTION_TYPES", "MODALITIES",
    "Location", "Fatalities", "Event", "Quote",
]

VIOLENCE_TYPES = (
    "armed_clash", "territory_gain_govt", "territory_gain_nonstate", "air_strike",
    "shelling", "suicide_bomb", "remote_explosive", "chemical_weapon",
    "attack_on_civilians", "abduction", "aircraft_downed", "weapons_seized",
    "deployment", "protest", "riot",
)
INTERACTION_TYPES = ("consult", "request", "reject", "threaten", "accuse", "support", "agree", "aid")
EVENT_TYPES = VIOLENCE_TYPES + INTERACTION_TYPES
MODALITIES = ("asserted", "planned", "hypothetical", "negated")
Modality = Literal["asserted", "planned", "hypothetical", "negated"]


@dataclass(slots=True)
class Location:
    """Where an event happened, resolved against the gazetteer."""

    text: str
    name: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 1
    gid: str | None = None
    country: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Location | None:
        if not d:
            return None
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(slots=True)
class Fatalities:
    """Casualty figures for one event as the text gives them (None = not stated)."""

    total: int | None = None
    civilians: int | None = None
    children: int | None = None
    combatants: int | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Fatalities | None:
        if not d:
            return None
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass(slots=True)
class Event:
    """One event mention: the spec's record plus offsets into the raw article.

    ``start``/``end`` are raw offsets of ``evidence``; ``trigger_start`` and
    ``trigger_end`` of ``trigger``.
    """

    doc: str
    type: str
    evidence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    modality: Modality = "asserted"
    actor1: str | None = None
    actor2: str | None = None
    location: Location | None = None
    fatalities: Fatalities | None = None
    source: str | None = None
    date_text: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    source_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc": self.doc, "type": self.type, "modality": self.modality,
            "evidence": self.evidence, "trigger": self.trigger,
            "start": self.start, "end": self.end,
            "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
            "actor1": self.actor1, "actor2": self.actor2,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities.to_dict() if self.fatalities else None,
            "source": self.source, "date_text": self.date_text,
            "event_date": self.event_date, "time_precision": self.time_precision,
            "actor1_text": self.actor1_text, "actor2_text": self.actor2_text,
            "source_text": self.source_text,
        }
        if self.extra:
            d.update(self.extra)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        names = {f.name for f in fields(cls)} - {"location", "fatalities", "extra"}
        kw = {k: d[k] for k in names if k in d}
        ev = cls(**kw)
        ev.location = Location.from_dict(d.get("location"))
        ev.fatalities = Fatalities.from_dict(d.get("fatalities"))
        return ev


@dataclass(slots=True)
class Quote:
    """Who said what: a reported statement with its speaker and cue verb."""

    doc: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    actor: str | None
    cue: str
    cue_start: int
    cue_end: int
    quote: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = "quote"
        return d
