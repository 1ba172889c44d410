"""Place names in folded Arabic text -> gazetteer entries, points and precision.

The gazetteer is package data (``rasid/data/gazetteer/``): Syrian governorates,
districts and sub-districts (Open-Syria/OCHA), towns (GeoNames cities500 for
Syria and its neighbours), villages (Who's On First), and hand-curated
countries, capitals and regions. ``scripts/build_gazetteer.py`` builds it.

Matching works on word keys: a word loses its clitics (و ف ب ل ك, ``لل``) and
its article (``ال``), and a multi-word name is the concatenation of its word
keys, so "بالرقة", "دير الزور", "ديرالزور" and "البو كمال" all find their
entry. Each text token is looked up once in a first-word table; no regex per
entry. Names that are also frequent ordinary words (``common_words.tsv``, found
in a news corpus) need a cue (مدينة، قرية، ريف ...) or a locative preposition
next to another place.

>>> from rasid.text.normalize import fold
>>> gaz = Gazetteer.default()
>>> [m.places[0].name for m in gaz.find(fold("قصف على ريف حماة الشمالي وبالرقة"))]
['Hama', 'Ar Raqqah']
"""

from __future__ import annotations

import gzip
import io
import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasid.errors import DataFileError
from rasid.records import Location
from rasid.text.memo import TextMemo
from rasid.text.normalize import fold
from rasid.text.tokenize import token_spans

__all__ = ["Place", "PlaceMention", "Gazetteer", "word_key", "name_keys"]

logger = logging.getLogger(__name__)

_WORD_RE = re.compile(r"[^\W\d_]+")
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064a ]+$")

# Cue words (folded). Type cues name what kind of place follows; proximity cues
# say the event is near or in part of it.
_TYPE_CUES = {
    "مدينه": "city", "بلده": "town", "قريه": "village", "حي": "quarter", "مخيم": "camp",
    "منطقه": "area", "ناحيه": "area", "محافظه": "governorate", "ريف": "countryside",
    "ارياف": "countryside", "مطار": "airport", "قري": "countryside", "بلدات": "countryside", "مدن": "city",
    "احياء": "quarters", "ضاحيه": "quarter", "بلدتي": "town", "قريتي": "village", "مدينتي": "city", "معبر": "crossing",
    "سجن": "facility", "قاعده": "facility", "بادية": "countryside", "باديه": "countryside",
}
_PROX_CUES = {
    "قرب", "محيط", "اطراف", "ضواحي", "مشارف", "تخوم", "شمال", "جنوب", "شرق", "غرب", "شمالي",
    "جنوبي", "شرقي", "غربي", "مدخل", "جوار", "قربه",
}
_DIR_ADJ = {
    "شمالي", "جنوبي", "شرقي", "غربي", "شماليه", "جنوبيه", "شرقيه", "غربيه", "اوسط", "اوسطى", "شمالى",
}
# After a proximity cue, these glue words may come before the name: "بالقرب من", "شمال شرق".
_GLUE = {"من", "ل"}
_LOCATIVE = {"في", "من", "الي", "علي", "عن", "قرب", "داخل", "نحو", "باتجاه", "حتي", "بين"}

_KIND_BASE = {
    "country": 9.0, "admin1": 5.0, "region": 4.0, "capital": 2.0, "city": 1.0,
    "admin2": 0.3, "admin3": 0.2, "village": 0.0, "neighbourhood": 0.0,
}
_FEATURE_BONUS = {"PPLC": 2.0, "PPLA": 1.5, "PPLA2": 1.2, "PPLA3": 1.0, "PPL": 0.5, "PPLL": 0.2, "PPLQ": -1.0}
_COUNTRY_BONUS = {"SY": 5.0}
_NOT_NAMES = set(_TYPE_CUES) | _PROX_CUES | _DIR_ADJ
_CONTEXT_MAX = 40  # place mentions around a mention that resolve it
_CONTEXT_ADMIN1 = 6.0  # governorate named nearby: beats feature/kind, not a 10x population gap
_CONTEXT_COUNTRY = 3.5
_CONTEXT_NEAR = 2.0  # within 30 km of an unambiguous place named nearby (half within 60 km)
_NAMED_KINDS = {"country", "capital", "admin1", "region"}  # never need a cue
_VERY_COMMON_DF = 300  # corpus articles: such words need قرية/بلدة before them
_LINK_WORDS = {
    "في", "قرب", "من", "داخل", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "الواقعه",
    "الواقع", "التابعه", "التابع", "ل", "لمدينه", "لبلده", "بمدينه", "بمنطقه", "بريف", "بمحافظه",
}
_UNKNOWN_CUED = frozenset(("quarter", "camp", "airport", "facility", "village", "town", "area"))
_SHORT_KEY = 3  # keys this short must be written exactly (no bare-clitic stripping)
_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str
    """Gazetteer id: ``gn:<geonameid>``, ``wof:<id>``, an OCHA p-code (``SY08``), ``cc:XX`` ..."""
    name: str
    """English / gazetteer spelling (GeoNames or Open-Syria)."""
    name_ar: str
    """First Arabic name, as the source writes it."""
    kind: str
    """country, capital, region, admin1, admin2, admin3, city, village or neighbourhood."""
    country: str
    """ISO 3166 alpha-2 code."""
    admin1: str | None
    """Governorate (Open-Syria spelling) for Syria; the country's English name elsewhere."""
    lat: float | None
    lon: float | None
    population: int = 0
    feature: str = ""
    """GeoNames feature code when known (PPL, PPLA2, PPLQ ...)."""
    precision: int = 0
    """Fixed precision of the entry itself (regions), 0 when it follows from the kind."""


@dataclass(slots=True)
class PlaceMention:
    """A place named in folded text, cues included."""

    start: int
    """Start offset in the folded text that was searched."""
    end: int
    text: str
    """``text[start:end]`` of the searched text (folded)."""
    places: list[Place]
    """Candidates, best first (without context)."""
    precision: int
    """1 the place itself, 2 part of / near it, 3 governorate or region, 4 country."""
    cue: str | None = None
    """The cue word before the name, folded (مدينه، ريف، قرب ...), if any."""
    core_start: int = 0
    """Offsets of the name itself, without cues."""
    core_end: int = 0
    direction: str | None = None
    """A direction adjective after the name ("الشمالي"), if any."""
    near: bool = False
    """A proximity or countryside cue ("قرب", "ريف", "شمال") is part of the mention."""
    keys: tuple[str, ...] = field(default=(), repr=False)
    parent: PlaceMention | None = field(default=None, repr=False, compare=False)
    """The mention right after this one that says where it lies ("X في ريف إدلب", "حي X بحلب")."""


@lru_cache(maxsize=300_000)
def word_key(token: str) -> tuple[tuple[str, bool, int], ...]:
    """Readings of one folded word: ``(key, had_article, bare_clitic)``, longest first.

    ``key`` has clitics and the article removed; ``had_article`` says the reading
    carried ``ال`` (or ``لل``); ``bare_clitic`` says what was stripped without an
    article following it: 0 nothing, 1 a conjunction (و ف: "وحلب"), 2 a
    preposition (ب ل ك: "بحلب").

    >>> word_key("بالرقه")[-1]
    ('رقه', True, 0)
    """
    out: list[tuple[str, bool, int]] = []
    seen: set[str] = set()

    def add(stem: str, clitic: int) -> None:
        if stem.startswith("ال") and len(stem) > 3:
            item = (stem[2:], True, 0)
        else:
            item = (stem, False, clitic)
        if len(item[0]) >= 2 and item[0] not in seen:
            seen.add(item[0])
            out.append(item)

    add(token, 0)
    stems = [token]
    if len(token) > 3 and token[0] in "وف":
        stems.append(token[1:])
        add(token[1:], 1)
    for s in list(stems):
        if len(s) > 3 and s[0] in "بلك":
            if s.startswith("لل") and len(s) > 4:
                add("ال" + s[2:], 2)
            else:
                add(s[1:], 2)
    return tuple(out)


def _plain_key(word: str) -> str:
    """Key of a word inside a name (article dropped, no clitics)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def name_keys(name: str) -> tuple[tuple[str, int, bool], ...]:
    """Index keys of a folded name: ``(joined_key, n_words, has_article)``.

    Multi-word names get the word-by-word key ("دير الزور" -> "ديرزور", 2 words)
    and the key of the name written without spaces ("ديرالزور", 1 word).
    """
    words = _WORD_RE.findall(name)
    if not words:
        return ()
    has_al = words[0].startswith("ال")
    keys = [("".join(_plain_key(w) for w in words), len(words), has_al)]
    if len(words) > 1:
        keys.append((_plain_key("".join(words)), 1, has_al))
    return tuple(keys)


# Heads of compound place names that writers sometimes split or join
# ("البوكمال"/"البو كمال", "كفرنبل"/"كفر نبل"); they get a split-key entry.
_COMPOUND_HEADS = (
    "ابو", "بو", "ام", "عين", "تل", "كفر", "دير", "بيت", "راس", "جسر", "خربه", "بني", "عبد",
    "بير", "جبل", "قصر", "مرج", "نبي", "شيخ", "دار", "باب", "حمام", "قلعه", "معره", "خان", "سيدي",
    "وادي", "سوق", "جب", "تلل",
)


class Gazetteer:
    """Place lookup and resolution over an in-memory gazetteer.

    Build it with :meth:`default` (package data, cached) or :meth:`from_places`
    (tests, custom data). :meth:`find` scans folded text; :meth:`resolve` picks
    one candidate of a mention using the other mentions as context.
    """

    def __init__(
        self, places: Iterable[tuple[Place, Sequence[str]]], common_words: Iterable[str] | Mapping[str, int] = ()
    ) -> None:
        """Index places.

        Args:
            places: ``(place, arabic_names)`` pairs; names in natural or folded Arabic.
            common_words: folded keys of ordinary words that need a cue to count as
                places, or a mapping key -> corpus document frequency (very
                frequent words need a settlement cue: قرية، بلدة).
        """
        self.places: list[Place] = []
        self._index: dict[str, list[tuple[int, bool]]] = {}
        self._first: dict[str, int] = {}
        self._base: list[float] = []
        self._by_admin1: dict[str, Place] = {}
        self._by_country: dict[str, Place] = {}
        if isinstance(common_words, Mapping):
            self.common: dict[str, int] = dict(common_words)
        else:
            self.common = {w: 0 for w in common_words}
        self.nisba: dict[str, tuple[str, bool]] = {}
        """Folded gentilic adjective -> (place id, part-of flag)."""
        self._by_id: dict[str, Place] = {}
        self._well_known: list[bool] = []
        self._starts: dict[str, bool] = {}
        """Folded word -> whether one of its readings starts an indexed name (cache of ``_first``)."""
        self._skip: dict[str, bool] = {}
        """Folded word -> whether no mention can start at it (see :meth:`_inert`)."""
        self._memo = TextMemo()  # find() results of the current text, by span
        for place, names in places:
            self.add(place, names)

    # ------------------------------------------------------------------ build
    def add(self, place: Place, names: Sequence[str]) -> bool:
        """Add one place under its Arabic names; returns False when no usable name."""
        idx = len(self.places)
        usable = False
        self._starts.clear()  # the index changes: what a word may start, what a text holds
        self._skip.clear()
        self._memo.clear()
        for raw_name in names:
            name = fold(raw_name).strip()
            if not name or not _ARABIC_NAME_RE.match(name):
                continue
            for key, n_words, has_al in name_keys(name):
                if len(key) < 2:
                    continue
                lst = self._index.setdefault(key, [])
                if (idx, has_al) not in lst:
                    lst.append((idx, has_al))
                usable = True
                words = _WORD_RE.findall(name)
                first = _plain_key(words[0]) if n_words > 1 else key
                if self._first.get(first, 0) < n_words:
                    self._first[first] = n_words
                if n_words == 1:
                    for head in _COMPOUND_HEADS:
                        if key.startswith(head) and len(key) - len(head) >= 3:
                            if self._first.get(head, 0) < 2:
                                self._first[head] = 2
                            break
        if not usable:
            return False
        self.places.append(place)
        self._well_known.append(
            place.kind in _NAMED_KINDS or place.population >= 500000
            or (place.country == "SY" and place.population >= 10000)
        )
        self._by_id.setdefault(place.id, place)
        self._base.append(self._base_score(place))
        if place.kind == "admin1" and place.admin1:
            self._by_admin1.setdefault(place.admin1, place)
        if place.kind == "country":
            self._by_country.setdefault(place.country, place)
        return True

    @staticmethod
    def _base_score(p: Place) -> float:
        s = _KIND_BASE.get(p.kind, 0.0)
        if p.kind in ("city", "capital", "village", "neighbourhood"):
            s += math.log10(p.population + 1)
            s += _FEATURE_BONUS.get(p.feature, 0.0)
            if p.population >= 20000:
                s += 1.5  # a well-known town beats a village that shares one of its aliases
        if p.kind != "country":
            s += _COUNTRY_BONUS.get(p.country, 0.0)
        return s

    @classmethod
    def from_places(cls, places: Iterable[tuple[Place, Sequence[str]]], common_words: Iterable[str] = ()) -> Gazetteer:
        """A gazetteer over the given places (for tests and custom data)."""
        return cls(places, common_words)

    @classmethod
    def load(cls) -> Gazetteer:
        """Load the bundled gazetteer from package data (a fresh instance)."""
        places = list(_read_places("places.tsv.gz"))
        places += _read_places("countries.tsv")
        places += _read_places("regions.tsv")
        gaz = cls(places, _read_common_words("common_words.tsv"))
        gaz.nisba = _read_nisba()
        return gaz

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer, loaded once per process."""
        return _default()

    def load_geonames(self, path: str) -> int:
        """Extend the gazetteer with a GeoNames dump (``SY.txt``, ``allCountries.txt``).

        Only rows with Arabic-script alternate names are added.

        Returns:
            How many places were added.
        """
        from rasid.resolve.geonames import read_geonames

        known = {p.id for p in self.places}
        country_names = {p.country: p.name for p in self.places if p.kind == "country"}
        n = 0
        for place, names in read_geonames(path, country_names=country_names):
            if place.id in known:
                continue
            if self.add(place, names):
                known.add(place.id)
                n += 1
        logger.info("gazetteer: %d places added from %s", n, path)
        return n

    # ------------------------------------------------------------------ find
    def _tokens(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The ``_WORD_RE`` words of the span: the letter tokens of the shared sentence tokens."""
        return [t for t in token_spans(text, start, end) if _letter(t[2][0])]

    def _may_start(self, word: str) -> bool:
        """Whether a reading of ``word`` starts an indexed name (cached per word)."""
        r = self._starts.get(word)
        if r is None:
            first = self._first
            r = False
            for key, _al, _bare in word_key(word):
                if key in first:
                    r = True
                    break
            if len(self._starts) > 500_000:
                self._starts.clear()
            self._starts[word] = r
        return r

    def _inert(self, word: str) -> bool:
        """Whether no mention can start at ``word``: no name starts with it and it is no cue of
        :meth:`_cued_unknown` (cached per word; most words of a text)."""
        r = self._skip.get(word)
        if r is None:
            r = not self._may_start(word) and _TYPE_CUES.get(_bare_word(word)) not in _UNKNOWN_CUED
            if len(self._skip) > 500_000:
                self._skip.clear()
            self._skip[word] = r
        return r

    def _match_at(self, text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, str, list[int], int] | None:
        """Longest name starting at token i: (n_tokens, key, place indexes, bare_clitic)."""
        if not self._may_start(toks[i][2]):
            return None  # most words: no reading is the first word of a name
        best: tuple[int, str, list[int], int] | None = None
        adjective = toks[i][2] in self.nisba  # "الحلبيه" is an adjective, not the village of that name
        readings = word_key(toks[i][2])
        whole_common = bool(readings) and readings[0][0] in self.common  # "وزاره" is a word: do not read it as و + زاره
        for key, had_al, bare in readings:
            if bare and whole_common:
                continue
            single_ok = key not in _NOT_NAMES
            maxw = self._first.get(key)
            if not maxw:
                continue
            joined = key
            for k in range(1, maxw + 1):
                if k > 1:
                    j = i + k - 1
                    if j >= len(toks):
                        break
                    gap = text[toks[j - 1][1]:toks[j][0]]
                    if gap.strip(" -") or len(gap) > 2:
                        break
                    joined += _plain_key(toks[j][2])
                hits = self._index.get(joined)
                if not hits or (k == 1 and not single_ok):
                    continue
                ok = []
                for idx, name_al in hits:
                    if bare and name_al:
                        continue  # "ورقه" is not "الرقه"; "بحلب" is "حلب"
                    if bare and not self._well_known[idx] and (bare == 2 or len(joined) <= _SHORT_KEY):
                        continue  # "باردو", "بجروح": a bare preposition only before well-known places
                    if not had_al and not bare and name_al and len(joined) < 5 and k == 1:
                        continue  # bare "رقه" is a word, not Raqqa
                    if had_al and not name_al and (len(joined) < 4 or self.places[idx].kind in _NAMED_KINDS):
                        continue  # "السوريه" is an adjective, not "سورية"; "القرقور" is "قرقور"
                    if adjective and k == 1 and self.places[idx].kind not in _NAMED_KINDS:
                        continue  # but "السعوديه" is also the country
                    if idx not in ok:
                        ok.append(idx)
                if ok and (best is None or k > best[0]):
                    best = (k, joined, ok, bare)
        return best

    @staticmethod
    def _bare_word(tok: str) -> str:
        """A cue word without its leading clitics and article ("وبريف" -> "ريف")."""
        return _bare_word(tok)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """All place mentions in ``text[start:end]`` (folded text), left to right.

        Mentions do not overlap; the longest name wins. A cue before the name
        (مدينة، ريف، محافظة، قرب، شمال ...) and a direction adjective after it
        ("الشمالي") are part of the mention and set its precision.
        """
        end = len(text) if end is None else end
        table = self._memo.table(text)  # the extractor looks a sentence up more than once
        found = table.get((start, end))
        if found is None:
            found = table[(start, end)] = tuple(self._find(text, start, end))
        return list(found)

    def _find(self, text: str, start: int, end: int) -> list[PlaceMention]:
        toks = self._tokens(text, start, end)
        n = len(toks)
        mentions: list[PlaceMention] = []
        pending: list[PlaceMention] = []
        i = lo = 0
        skip = self._skip
        while i < n:
            w = toks[i][2]
            inert = skip.get(w)
            if inert or (inert is None and self._inert(w)):
                i += 1
                continue
            made = self._mention_at(text, toks, i, lo)
            if made is None:
                made = self._cued_unknown(text, toks, i, lo)
                if made is None:
                    i += 1
                    continue
            mention, next_i, common_ok = made
            i = next_i
            if common_ok is not None:
                lo = next_i
            if common_ok is None:
                continue  # an ordinary word with no sign of being a place
            if not common_ok:
                pending.append(mention)
            mentions.append(mention)
        for m in mentions:
            m.parent = self._linked_parent(text, m, mentions)
        if pending:
            anchors = [
                m for m in mentions
                if all(m is not p for p in pending) and m.places[0].country == "SY" and m.places[0].kind != "country"
            ]
            drop = [m for m in pending if not any(abs(a.start - m.start) < 120 for a in anchors)]
            if drop:
                mentions = [m for m in mentions if all(m is not d for d in drop)]
                for m in mentions:
                    m.parent = self._linked_parent(text, m, mentions)
        return mentions

    def _mention_at(
        self, text: str, toks: list[tuple[int, int, str]], i: int, lo: int = 0
    ) -> tuple[PlaceMention, int, bool | None] | None:
        """The mention whose name starts at token i.

        Returns ``(mention, next token, common_ok)`` where ``common_ok`` is True
        for a name that needs no support, False for an ordinary word written
        after a locative word (kept only near another Syrian place), None for an
        ordinary word that is dropped; None when no name starts at i.
        """
        m = self._match_at(text, toks, i)
        if m is None:
            return None
        k, key, idxs, bare = m
        ti, tj = i, i + k
        cue, cstart_tok, near = self._cue_before(text, toks, ti, lo)
        direction, dend_tok = self._dir_after(text, toks, tj)
        last = dend_tok if direction else tj
        places = self._rank([self.places[x] for x in idxs], [self._base[x] for x in idxs], cue)
        if _TYPE_CUES.get(cue or "") == "governorate" and all(p.kind in ("village", "neighbourhood") for p in places):
            return None  # "محافظة أبين" (Yemen) is no Syrian hamlet called Ibbin
        nis = self._nisba(text, toks, last)
        if nis is not None:
            target, part = nis
            preferred = self._prefer(places, target)
            if preferred is None:
                return None  # "الشعب السوري": no candidate lies in the adjective's country
            places = preferred
            last += 1
            if part:
                near = True
        mstart = toks[cstart_tok][0] if cue else toks[ti][0]
        mend = toks[last - 1][1]
        mention = PlaceMention(
            start=mstart, end=mend, text=text[mstart:mend], places=places, precision=1,
            cue=cue, core_start=toks[ti][0], core_end=toks[tj - 1][1], direction=direction, near=near,
            keys=(key,),
        )
        mention.precision = self.precision_of(mention, places[0])
        common_ok: bool | None = True
        named = [p for p in places if p.kind in _NAMED_KINDS]
        if key in self.common and named:
            # "مالي" the country, not a village; "حماه" the governorate or its big city
            mention.places = [p for p in places if p.kind in _NAMED_KINDS or p.population >= 100000]
            mention.precision = self.precision_of(mention, mention.places[0])
        elif key in self.common and not (nis is not None and nis[1]):
            very = self.common[key] >= _VERY_COMMON_DF
            big = [p for p in places if p.population >= 10000]
            if cue is not None and big:
                mention.places = big  # "مدينة جدة"
                mention.precision = self.precision_of(mention, big[0])
            elif cue is not None and not very:
                pass
            elif cue is not None and _TYPE_CUES.get(cue) in ("village", "town"):
                pass  # "قرية الزيارة"
            else:
                prev = toks[ti - 1][2] if ti > 0 else ""
                listed = ti == lo and ti > 0 and toks[ti][2][:1] == "و"  # "الزبداني ومضايا"
                weak = prev in ("في", "قرب") or toks[ti][2].startswith("ب") or listed
                common_ok = False if weak and not very else None
        return mention, last, common_ok

    def _cued_unknown(
        self, text: str, toks: list[tuple[int, int, str]], i: int, lo: int = 0
    ) -> tuple[PlaceMention, int, bool | None] | None:
        """"حي X الدمشقي", "قرية X في ريف إدلب": a cue, an unknown name, then a known place.

        The mention spans from the cue to the known place, which it resolves to
        with precision 2.
        """
        cue = self._bare_word(toks[i][2])
        if _TYPE_CUES.get(cue) not in _UNKNOWN_CUED:
            return None
        n = len(toks)
        for j in range(i + 2, min(i + 5, n)):
            gap = text[toks[j - 1][1]:toks[j][0]]
            if gap.strip(" ") or len(gap) > 2:
                return None
            known = self._match_at(text, toks, j - 1) if j - 1 > i else None
            if known is not None and (known[1] not in self.common or _TYPE_CUES[cue] in ("village", "town")):
                return None  # "قرية عطشان في ...", "بلدة الحارة بريف درعا": the name itself is known
            nis = self._nisba(text, toks, j)
            if nis is not None and nis[1]:
                target = self._by_id.get(nis[0])
                if target is None:
                    return None
                s, e = toks[i][0], toks[j][1]
                m = PlaceMention(s, e, text[s:e], [target], 2, cue, toks[j][0], e, near=True, keys=())
                return m, j + 1, True
            inner = None
            if toks[j][2] in ("في", "قرب", "داخل"):
                for k in range(j + 1, min(j + 4, n)):
                    inner = self._mention_at(text, toks, k, j + 1)
                    if inner is not None or self._bare_word(toks[k][2]) not in _TYPE_CUES:
                        break
            elif toks[j][2].startswith("ب"):
                for k in range(j, min(j + 3, n)):
                    inner = self._mention_at(text, toks, k, j)
                    if inner is not None or self._bare_word(toks[k][2]) not in _TYPE_CUES:
                        break
            if inner is not None or toks[j][2] in ("في", "قرب", "داخل"):
                if inner is None or inner[2] is None:
                    return None
                im, nxt, ok = inner
                s = toks[i][0]
                m = PlaceMention(
                    s, im.end, text[s:im.end], im.places, 2, cue, im.core_start, im.core_end,
                    direction=im.direction, near=True, keys=im.keys,
                )
                return m, nxt, ok
        return None

    def _nisba(self, text: str, toks: list[tuple[int, int, str]], j: int) -> tuple[str, bool] | None:
        """A gentilic adjective at token j ("الدمشقي", "التركية"): (place id, part-of)."""
        if j >= len(toks) or j == 0:
            return None
        gap = text[toks[j - 1][1]:toks[j][0]]
        if gap.strip(" ") or len(gap) > 2:
            return None
        return self.nisba.get(toks[j][2])

    def _prefer(self, places: list[Place], target_id: str) -> list[Place] | None:
        """Re-rank candidates so those inside the adjective's place come first.

        None when the adjective names a country none of the candidates is in.
        """
        target = self._by_id.get(target_id)
        if target is None:
            return places
        if target.kind == "country":
            inside = [p for p in places if p.country == target.country and p.kind != "country"]
        else:
            inside = [p for p in places if p.admin1 == target.admin1 and p.country == target.country]
        if not inside:
            return [target] if target.kind != "country" else None
        return inside + [p for p in places if p not in inside]

    def _cue_before(
        self, text: str, toks: list[tuple[int, int, str]], ti: int, lo: int = 0
    ) -> tuple[str | None, int, bool]:
        """Cue words right before token ti: (cue, first cue token, near).

        ``cue`` is the type cue nearest the name (مدينه in "قرب مدينة"), else the
        proximity cue; ``near`` says the chain holds a proximity or countryside cue.
        """
        j = ti - 1
        cues: list[str] = []
        first = ti
        while j >= lo and len(cues) < 4:
            gap = text[toks[j][1]:toks[j + 1][0]]
            if gap.strip(" ") or len(gap) > 2:
                break
            w = self._bare_word(toks[j][2])
            if w in _TYPE_CUES or w in _PROX_CUES:
                cues.append(w)
                first = j
            elif w in _GLUE and j > 0 and self._bare_word(toks[j - 1][2]) in ("قرب", "قربه"):
                first = j
            else:
                break
            j -= 1
        if not cues:
            return None, ti, False
        type_cue = next((c for c in cues if c in _TYPE_CUES), None)
        near = any(
            c in _PROX_CUES or _TYPE_CUES.get(c) in ("countryside", "airport", "facility", "quarters") for c in cues
        )
        return type_cue or cues[0], first, near

    def _dir_after(self, text: str, toks: list[tuple[int, int, str]], tj: int) -> tuple[str | None, int]:
        words: list[str] = []
        j = tj
        while j < len(toks) and len(words) < 2:
            gap = text[toks[j - 1][1]:toks[j][0]]
            if gap.strip(" ") or len(gap) > 2:
                break
            w = toks[j][2]
            if not w.startswith("ال") or _plain_key(w) not in _DIR_ADJ:
                break
            words.append(_plain_key(w))
            j += 1
        if not words:
            return None, tj
        return " ".join(words), j

    @staticmethod
    def _kind_fit(cue: str | None, p: Place) -> int:
        """How well a candidate fits the cue (higher is better)."""
        if cue is None:
            return 0
        kind = _TYPE_CUES.get(cue)
        if kind == "governorate":
            return 2 if p.kind == "admin1" else (1 if p.kind == "region" else 0)
        if kind == "countryside":
            return 2 if p.kind in ("admin1", "region") else 1 if p.kind in ("city", "capital") else 0
        if kind in ("city", "town", "village", "quarter", "quarters", "camp", "airport", "facility"):
            return 1 if p.kind in ("city", "capital", "village", "neighbourhood") else 0
        if kind == "area":
            return 1 if p.kind not in ("country", "admin1") else 0
        return 0 if p.kind == "country" else 1  # proximity cue: a point, not a country

    def _rank(self, places: list[Place], base: list[float], cue: str | None) -> list[Place]:
        order = sorted(
            range(len(places)),
            key=lambda x: (places[x].kind == "country", self._kind_fit(cue, places[x]), base[x]),
            reverse=True,
        )
        return [places[x] for x in order]

    @staticmethod
    def precision_of(mention: PlaceMention, place: Place) -> int:
        """Precision of a mention resolved to ``place``."""
        part = mention.near or mention.direction is not None
        if place.kind == "country":
            return 3 if part else 4
        if place.precision:
            return place.precision
        if place.kind == "admin1":
            return 2 if part else 3
        if part:
            return 2
        if place.kind in ("admin2", "admin3"):
            return 1 if _TYPE_CUES.get(mention.cue or "") == "area" else 2
        return 1

    # --------------------------------------------------------------- resolve
    def _score(self, p: Place, admin1s: set[str], countries: set[str]) -> float:
        s = self._base_score(p)
        if p.admin1 and p.admin1 in admin1s and p.country == "SY":
            s += _CONTEXT_ADMIN1
        if p.country in countries:
            s += _CONTEXT_COUNTRY
        return s

    @staticmethod
    def _context_sets(context: Iterable[PlaceMention]) -> tuple[set[str], set[str]]:
        admin1s: set[str] = set()
        countries: set[str] = set()
        for m in context:
            if not m.places:
                continue
            top = m.places[0]
            kinds = {p.kind for p in m.places}
            if "country" in kinds:
                countries.update(p.country for p in m.places if p.kind == "country")
            if len(m.places) == 1 or "admin1" in kinds or top.kind in ("capital", "region") or top.population >= 20000:
                if top.kind != "country":
                    countries.add(top.country)
                    if top.country == "SY" and top.admin1:
                        admin1s.add(top.admin1)
                for p in m.places:
                    if p.kind == "admin1" and p.admin1:
                        admin1s.add(p.admin1)
        return admin1s, countries

    def choose(self, mention: PlaceMention, context_mentions: Iterable[PlaceMention] = ()) -> Place | None:
        """The best candidate of ``mention`` given the other mentions nearby."""
        if not mention.places:
            return None
        if len(mention.places) == 1:
            return mention.places[0]
        others = [m for m in context_mentions if m is not mention and m.core_start != mention.core_start]
        if len(others) > _CONTEXT_MAX:
            # a run-on "sentence" of hundreds of clauses: the names nearest the mention are its context
            # (keeps resolution linear in the length of the sentence)
            others = sorted(others, key=lambda m: abs(m.core_start - mention.core_start))[:_CONTEXT_MAX]
        admin1s, countries = self._context_sets(others)
        anchors = [
            (m.places[0].lat, m.places[0].lon) for m in others
            if len(m.places) == 1 and m.places[0].country == "SY" and m.places[0].kind not in ("country", "region")
            and m.places[0].lat is not None and m.places[0].lon is not None
        ]
        if not admin1s and not countries and not anchors:
            return mention.places[0]
        cue = mention.cue

        def key(p: Place) -> tuple[int, float]:
            s = self._score(p, admin1s, countries)
            if anchors and p.lat is not None and p.lon is not None:
                d = min(_km(p.lat, p.lon, a, b) for a, b in anchors)
                s += _CONTEXT_NEAR if d <= 30 else _CONTEXT_NEAR / 2 if d <= 60 else 0.0
            return self._kind_fit(cue, p), s

        return max(mention.places, key=key)

    def resolve(self, mention: PlaceMention, context_mentions: Iterable[PlaceMention] = ()) -> Location | None:
        """Pick the candidate of ``mention`` and return it as a :class:`Location`.

        Ambiguous names are settled by the governorates and countries named in
        ``context_mentions`` (other mentions of the sentence or document), then
        by Syria first, population and kind.
        """
        context_mentions = list(context_mentions)
        parent = mention.parent
        place = self.choose(mention, [parent] if parent is not None else context_mentions)
        if place is None:
            return None
        if _TYPE_CUES.get(mention.cue or "") == "governorate" and place.kind in ("village", "neighbourhood"):
            return None  # "محافظة أبين": a governorate we do not know, not a village of that name
        if parent is not None and place.country == "SY" and place.kind not in _NAMED_KINDS:
            outer = self.choose(parent, context_mentions)
            if outer is not None and outer.country == "SY" and self._outside(place, outer, mention):
                # "حي المغاير في حلب", "حوض اليرموك بريف درعا": the X we know lies elsewhere
                return Location(
                    text=mention.text, name=outer.name, admin1=outer.admin1, lat=outer.lat, lon=outer.lon,
                    precision=2, gid=outer.id, country=outer.country, start=mention.start, end=mention.end,
                )
        return self.to_location(mention, place)

    def to_location(self, mention: PlaceMention, place: Place) -> Location:
        """A :class:`Location` for ``mention`` resolved to ``place``."""
        return Location(
            text=mention.text, name=place.name, admin1=place.admin1, lat=place.lat, lon=place.lon,
            precision=self.precision_of(mention, place), gid=place.id, country=place.country,
            start=mention.start, end=mention.end,
        )

    def best_location(
        self, text: str, start: int = 0, end: int | None = None, context: Sequence[PlaceMention] | None = None
    ) -> Location | None:
        """The most specific place of a clause or sentence span.

        Args:
            text: Folded text.
            start: Span start.
            end: Span end (default: end of text).
            context: Mentions found elsewhere in the document, for disambiguation
                and for the fallback below.

        Returns:
            The most specific Syrian place of the span (else the most specific
            other place). When the span names "قرية X"/"بلدة X" with X unknown
            and a governorate is named nearby (span or context), that
            governorate with precision 2. None when there is no place.
        """
        end = len(text) if end is None else end
        mentions = self.find(text, start, end)
        ctx = list(mentions) + list(context or ())
        best: tuple[tuple[int, int, int, int], Location] | None = None
        for m in mentions:
            loc = self.resolve(m, ctx)
            if loc is None:
                continue
            key = (int(loc.precision >= 4), 0 if loc.country == "SY" else 1, loc.precision, m.start)
            if best is None or key < best[0]:
                best = (key, loc)
        unknown = self._unknown_cue(text, start, end, mentions)
        if unknown is not None and (best is None or best[1].precision >= 3):
            admin = self._nearby_admin1(ctx)
            if admin is not None:
                s, e = unknown
                return Location(
                    text=text[s:e], name=admin.name, admin1=admin.admin1, lat=admin.lat, lon=admin.lon,
                    precision=2, gid=admin.id, country=admin.country, start=s, end=e,
                )
        return best[1] if best else None

    def _linked_parent(self, text: str, m: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention | None:
        """The mention that says where ``m`` lies: "X في ريف إدلب", "X بريف درعا", "X شمالي حلب"."""
        for a in mentions:
            if a.start < m.end:
                continue
            gap = text[m.end:a.start]
            if len(gap) > 30:
                return None
            words = _WORD_RE.findall(gap)
            if not words and a.text.startswith("ب"):
                return a
            if words and len(words) <= 3 and all(w in _LINK_WORDS for w in words):
                return a
            if not words and (a.near or a.cue) and a.text.split()[0] in _LINK_WORDS:
                return a
            return None
        return None

    @staticmethod
    def _outside(place: Place, outer: Place, m: PlaceMention) -> bool:
        """``place`` cannot be the thing the text puts inside ``outer``."""
        if outer.kind == "country" or not outer.admin1:
            return place.country != outer.country
        if outer.kind in ("admin1", "region"):
            return place.admin1 != outer.admin1  # "اليرموك بريف درعا" is not the Damascus camp
        if outer.lat is None or place.lat is None or outer.lon is None or place.lon is None:
            return False
        # a quarter lies in its city; "منبج شمال حلب", "السيدة زينب قرب دمشق" lie near it
        limit = 20.0 if _TYPE_CUES.get(m.cue or "") == "quarter" else 100.0
        return _km(place.lat, place.lon, outer.lat, outer.lon) > limit

    def _unknown_cue(self, text: str, start: int, end: int, mentions: list[PlaceMention]) -> tuple[int, int] | None:
        """Span of "قرية X" / "بلدة X" whose X is not a known place."""
        covered = [(m.start, m.end) for m in mentions]
        toks = self._tokens(text, start, end)
        for i, (s, _e, w) in enumerate(toks[:-1]):
            if self._bare_word(w) in ("قريه", "بلده", "مدينه", "حي", "مخيم", "بلدات", "قري"):
                ns, ne, _ = toks[i + 1]
                if any(a <= ns < b for a, b in covered):
                    continue
                return s, ne
        return None

    def _nearby_admin1(self, ctx: Iterable[PlaceMention]) -> Place | None:
        for m in ctx:
            for p in m.places[:1]:
                if p.country == "SY" and p.admin1 and p.kind != "country":
                    return self._by_admin1.get(p.admin1)
        return None

    def admin1_place(self, admin1: str) -> Place | None:
        """The governorate entry of a governorate name ("Hama")."""
        return self._by_admin1.get(admin1)

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a whole name (any spelling), best first; [] when unknown."""
        text = fold(name)
        ms = self.find(text)
        if len(ms) == 1 and ms[0].core_start == len(text) - len(text.lstrip()) and ms[0].end >= len(text.rstrip()):
            return ms[0].places
        for key, _n, _al in name_keys(text):
            hits = self._index.get(key)
            if hits:
                idxs = [i for i, _ in hits]
                return self._rank([self.places[i] for i in idxs], [self._base[i] for i in idxs], None)
        return []

    def __len__(self) -> int:
        return len(self.places)


def _letter(c: str) -> bool:
    """Whether ``c`` is in ``[^\\W\\d_]``: a TOKEN_RE token starting with it is a ``_WORD_RE`` word."""
    return c.isalpha() or (c.isnumeric() and not c.isdecimal())


@lru_cache(maxsize=100_000)
def _bare_word(tok: str) -> str:
    for key, _al, _bare in reversed(word_key(tok)):
        if key in _TYPE_CUES or key in _PROX_CUES or key in _DIR_ADJ:
            return key
    return tok


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer.load()


def _open_data(name: str) -> io.TextIOBase:
    """Open a gazetteer data file of the package (``.gz`` transparently)."""
    ref = resources.files("rasid") / "data" / "gazetteer" / name
    try:
        raw = ref.open("rb")
    except (FileNotFoundError, OSError) as e:
        raise DataFileError(
            f"gazetteer file 'rasid/data/gazetteer/{name}' is missing: run scripts/build_gazetteer.py"
        ) from e
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8")


PLACE_COLUMNS = ("id", "name", "kind", "country", "admin1", "lat", "lon", "population", "names_ar")


def _read_places(name: str) -> list[tuple[Place, list[str]]]:
    """Rows of a gazetteer TSV (header row; ``#`` comment lines) as (place, names)."""
    out: list[tuple[Place, list[str]]] = []
    with _open_data(name) as fh:
        header: list[str] | None = None
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                missing = [c for c in PLACE_COLUMNS if c not in header]
                if missing:
                    raise DataFileError(f"gazetteer '{name}' line {lineno}: missing columns {missing}")
                continue
            row = dict(zip(header, cols, strict=False))
            try:
                place = Place(
                    id=row["id"], name=row["name"], name_ar=row["names_ar"].split("|")[0], kind=row["kind"],
                    country=row["country"], admin1=row["admin1"] or None,
                    lat=float(row["lat"]) if row["lat"] else None, lon=float(row["lon"]) if row["lon"] else None,
                    population=int(row["population"] or 0), feature=row.get("feature", ""),
                    precision=int(row.get("precision") or 0),
                )
            except (KeyError, ValueError) as e:
                raise DataFileError(f"gazetteer '{name}' line {lineno}: {e}") from e
            out.append((place, [n for n in row["names_ar"].split("|") if n]))
    return out


def _read_nisba() -> dict[str, tuple[str, bool]]:
    """Gentilic adjectives: nisba.tsv plus the adj_ar column of countries.tsv."""
    out: dict[str, tuple[str, bool]] = {}
    rows: list[tuple[str, str, bool]] = []
    with _open_data("nisba.tsv") as fh:
        for line in fh:
            if line.startswith(("#", "adj_ar")) or not line.strip():
                continue
            adj, pid, flag = line.rstrip("\n").split("\t")
            rows.append((adj, pid, flag == "1"))
    with _open_data("countries.tsv") as fh:
        header: list[str] | None = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols, strict=False))
            if row.get("kind") == "country" and row.get("adj_ar"):
                rows.append((row["adj_ar"], row["id"], False))
    for adjs, pid, part in rows:
        for adj in adjs.split("|"):
            if adj:
                out[fold(adj)] = (pid, part)
    return out


def _read_common_words(name: str) -> dict[str, int]:
    """The ordinary-word stoplist: folded key -> corpus document frequency."""
    words: dict[str, int] = {}
    with _open_data(name) as fh:
        for line in fh:
            if not line.strip() or line.startswith(("#", "key\t")):
                continue
            cols = line.rstrip("\n").split("\t")
            df = int(cols[1]) if len(cols) > 1 and cols[1].isdigit() else _VERY_COMMON_DF
            words[fold(cols[0].strip()).replace(" ", "")] = df
    return words
