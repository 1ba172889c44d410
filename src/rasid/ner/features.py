"""Token features for the CRF entity tagger.

Each token of a sentence becomes a list of string features (value 1). They
come from rasid's text layer and from the lists in ``rasid/data/ner/``:

* the folded word, its clitic-stripped readings (:func:`rasid.text.tokenize.bases`),
  prefixes and suffixes, length and shape (digits, Latin, punctuation);
* distributional word classes (``clusters.tsv``) at three granularities;
* membership in hand-written lists: given names, public figures' family names,
  cue words (``مدينة``, ``الرئيس``, ``تنظيم`` ... in ``cues.tsv``);
* multi-word gazetteer matches (places, countries, organisations, and entity
  names seen in training), marked ``B``/``I`` over the matched tokens;
* a lexical prior: how often the word was inside an entity of each type in
  training text (built across folds when training, so it is honest);
* a corpus prior: the share of entity tags the word got when a first model
  tagged unlabelled news (``corpus_prior.tsv``, see :mod:`rasid.ner.train`);
* the same features of the neighbouring words (±2) and word bigrams;
* the words of a short quotation (``«...»`` or ``"..."``, 1-6 words);
* document features (:meth:`Featurizer.document`): the context evidence of all
  mentions of the same word in the document.

Per-word features are cached, so a word seen once costs a dict lookup.
:meth:`Featurizer.document_parts` gives the same features in parts (per-word,
sentence-level, document-level) for the fast decoder (:mod:`rasid.ner.decode`),
which sums each word's weights once instead of matching its strings at every
mention.

>>> fx = Featurizer(Resources.empty())
>>> "w=مدينه" in fx.sentence(["مدينة", "حلب"])[0]
True
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from rasid.errors import DataFileError
from rasid.ner.translit import TranslitModel
from rasid.text.normalize import fold
from rasid.text.tokenize import readings

__all__ = ["Resources", "Featurizer", "ENTITY_TYPES", "lexical_prior", "entity_phrases"]

logger = logging.getLogger(__name__)

V = TypeVar("V")

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
_GAZ_FILES = {
    "adm": "places_admin.txt",
    "vil": "places_village.txt",
    "cty": "countries.txt",
    "org": "orgs.txt",
}
_OPTIONAL_GAZ_FILES = {"wld": "places_world.txt"}  # built by scripts/build_ner_resources.py
_MAX_PHRASE = 5


def _data_dir() -> Traversable:
    return resources.files("rasid") / "data" / "ner"


def _lines(path: Traversable | Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, FileNotFoundError) as e:
        raise DataFileError(f"NER resource '{path}' cannot be read: {e}") from e
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _two_columns(path: Traversable | Path, value: Callable[[str], V]) -> dict[str, V]:
    """``key<TAB>value`` lines as a dict (other lines are skipped)."""
    out: dict[str, V] = {}
    for ln in _lines(path):
        parts = ln.split("\t")
        if len(parts) == 2:
            out[parts[0]] = value(parts[1])
    return out


def _class_table(path: Traversable | Path, prefixes: Sequence[str], *, min_columns: int) -> dict[str, tuple[str, ...]]:
    """``word<TAB>id<TAB>id...`` lines as word -> its class features (``c1=12`` ...), one string per feature."""
    out: dict[str, tuple[str, ...]] = {}
    feats: dict[str, str] = {}
    for ln in _lines(path):
        parts = ln.split("\t")
        if len(parts) >= min_columns:
            out[parts[0]] = tuple(feats.setdefault(f, f) for f in (prefixes[i] + c for i, c in enumerate(parts[1:])))
    return out


@dataclass(slots=True)
class Resources:
    """Lists and tables the featurizer reads; all keys are folded.

    Attributes:
        phrases: gazetteer name -> set of folded phrases (words joined by one space).
        first_names: given names.
        known: family names of well-known figures.
        cues: cue word -> cue type (LOC, PERS, ORG, V).
        clusters: word -> the features of its word classes, coarse to fine (``("c1=12", "c2=140",
            "c3=907")``, then any further granularities).
        prior: word -> feature value of the lexical prior (e.g. ``PERS>50``).
        cprior: word -> feature value of the corpus prior.
        translit: the foreign-spelling model (``translit.tsv``, see :mod:`rasid.ner.translit`).
        eclasses: word -> the features of its multilingual-E5 vector's classes (``e5_classes.tsv``),
            coarse to fine: ``("e1=12", "e2=140", ...)``.
    """

    phrases: dict[str, frozenset[str]] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    cues: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prior: dict[str, str] = field(default_factory=dict)
    cprior: dict[str, str] = field(default_factory=dict)
    translit: TranslitModel = field(default_factory=lambda: TranslitModel({}))
    eclasses: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Resources:
        """Resources with every list empty (for tests and ablations)."""
        return cls()

    @classmethod
    def load(cls, directory: str | Path | None = None, *, clusters: bool = True) -> Resources:
        """Load the lists shipped in ``rasid/data/ner`` (or ``directory``).

        Args:
            directory: folder holding the lists; the package data by default.
            clusters: also load ``clusters.tsv``.

        Raises:
            DataFileError: a list is missing or malformed.
        """
        d: Traversable | Path = Path(directory) if directory else _data_dir()
        res = cls()
        res.phrases = {
            name: frozenset(fold(x) for x in _lines(d / fname)) for name, fname in _GAZ_FILES.items()
        }
        for name, fname in _OPTIONAL_GAZ_FILES.items():
            if (d / fname).is_file():
                res.phrases[name] = frozenset(fold(x) for x in _lines(d / fname))
        res.first_names = frozenset(fold(x) for x in _lines(d / "person_first.txt"))
        res.known = frozenset(fold(x) for x in _lines(d / "person_known.txt"))
        cues: dict[str, str] = {}
        for i, ln in enumerate(_lines(d / "cues.tsv"), 1):
            parts = ln.split("\t")
            if len(parts) != 2:
                raise DataFileError(f"cues.tsv line {i}: expected 2 tab-separated columns")
            cues.setdefault(fold(parts[1]), parts[0])
        res.cues = cues
        if clusters:
            res.clusters = _class_table(d / "clusters.tsv", _CL, min_columns=4)
            ec = d / "e5_classes.tsv"
            if ec.is_file():
                res.eclasses = _class_table(ec, _EC, min_columns=2)
        cp = d / "corpus_prior.tsv"
        if cp.is_file():
            res.cprior = _two_columns(cp, str)
        tr = d / "translit.tsv"
        if tr.is_file():
            tw = d / "translit_words.tsv"
            known = _two_columns(tw, int) if tw.is_file() else {}
            res.translit = TranslitModel(_two_columns(tr, float), known)
        ents = d / "train_entities.tsv"
        if ents.is_file():
            by_type: dict[str, set[str]] = {}
            for ln in _lines(ents):
                parts = ln.split("\t")
                if len(parts) == 2:
                    by_type.setdefault(parts[0], set()).add(parts[1])
                elif len(parts) == 3 and parts[0] == "PRIOR":
                    res.prior[parts[1]] = parts[2]

            for t, s in by_type.items():
                res.phrases["tr" + t] = frozenset(s)

        return res

    def with_training(self, phrases: dict[str, set[str]], prior: dict[str, str]) -> Resources:
        """A copy whose train-derived gazetteers and prior are replaced by the given ones."""
        base = {k: v for k, v in self.phrases.items() if not k.startswith("tr")}
        base.update({"tr" + t: frozenset(s) for t, s in phrases.items()})
        return Resources(
            base, self.first_names, self.known, self.cues, self.clusters, dict(prior), self.cprior,
            self.translit, self.eclasses,
        )


def entity_phrases(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, set[str]]:
    """Folded entity strings by type from tagged sentences (for the train gazetteer)."""
    from rasid.ner.conll import tag_spans

    out: dict[str, set[str]] = {t: set() for t in ENTITY_TYPES}
    for toks, tags in sentences:
        for s, e, t in tag_spans(tags):
            if e - s <= _MAX_PHRASE:
                out.setdefault(t, set()).add(" ".join(fold(x) for x in toks[s:e]))
    return out


def lexical_prior(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]], *, min_count: int = 2
) -> dict[str, str]:
    """Word -> ``TYPE>NN`` prior: the share of the word's occurrences inside a TYPE entity.

    Only words seen ``min_count`` times or more and inside an entity at least
    once get a value; the share is bucketed (``>20``, ``>50``, ``>80``).
    """
    total: dict[str, int] = {}
    inside: dict[str, dict[str, int]] = {}
    for toks, tags in sentences:
        for tok, tag in zip(toks, tags, strict=True):
            w = fold(tok)
            total[w] = total.get(w, 0) + 1
            if tag != "O":
                d = inside.setdefault(w, {})
                t = tag.split("-", 1)[-1]
                d[t] = d.get(t, 0) + 1
    out: dict[str, str] = {}
    for w, d in inside.items():
        n = total[w]
        if n < min_count:
            continue
        t, c = max(d.items(), key=lambda kv: kv[1])
        share = c / n
        if share > 0.8:
            out[w] = f"{t}>80"
        elif share > 0.5:
            out[w] = f"{t}>50"
        elif share > 0.2:
            out[w] = f"{t}>20"
    return out


@dataclass(slots=True)
class WordFeatures:
    """The features one word contributes, whatever its context.

    Attributes:
        folded: the folded word.
        own: its own features (window offset 0).
        near: what its neighbours at offsets ±1 see (to be prefixed ``-1:``/``1:``).
        far: what the words at offsets ±2 see.
        extra: the features of ``near`` that are not in ``own`` (none, or the ``bl=`` base).
        agg: ``(offset, features)``: what document features collect of this word
            when it is at that offset from a mention (see ``_AGG``); offsets
            with nothing to collect are left out.
        key: the word's document key (its clitic-stripped form), ``None`` for short
            words, non-words and cue words.
        gheads: the readings of the word that may start a gazetteer match.
    """

    folded: str
    own: tuple[str, ...]
    near: tuple[str, ...]
    far: tuple[str, ...]
    extra: tuple[str, ...]
    agg: tuple[tuple[int, tuple[str, ...]], ...]
    key: str | None
    gheads: tuple[str, ...]


def _shape(w: str) -> str:
    if w.isalpha():
        return "L" if w.isascii() else "A"
    if w.isdigit():
        return "D"
    if w.isascii() and w.isalpha():
        return "L"
    if not any(c.isalnum() for c in w):
        return "P"
    if any(c.isdigit() for c in w):
        return "DX"
    return "A"


class Featurizer:
    """Turns token lists into CRF feature lists (one list of strings per token).

    Args:
        res: the lists and tables to read.
        window: how many neighbours on each side contribute features.
        aggregate: add document features (:meth:`document`).
        quotes: mark the words inside quotation marks (``q``, ``q[``, ``q]`` and the
            quote's length): names of papers, films, parties are often quoted.
    """

    def __init__(
        self,
        res: Resources,
        *,
        window: int = 2,
        aggregate: bool = True,
        quotes: bool = True,
    ) -> None:
        self.res = res
        self.window = window
        self.aggregate = aggregate
        self.quotes = quotes
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._wf: dict[str, WordFeatures] = {}
        starts: dict[str, set[int]] = {}
        index: dict[str, list[str]] = {}
        for name, s in sorted(res.phrases.items()):
            for p in s:
                index.setdefault(p, []).append(name)
                if " " in p:
                    words = p.split(" ")
                    if len(words) <= _MAX_PHRASE:
                        starts.setdefault(words[0], set()).add(len(words))
        self._index = {p: tuple(v) for p, v in index.items()}
        # first word of a multi-word entry -> the entries' lengths in words, longest first
        self._starts = {w: tuple(sorted(ns, reverse=True)) for w, ns in starts.items()}

    # -- per-word features -------------------------------------------------
    def _feats(self, tok: str) -> WordFeatures:
        """A word's own features and what its neighbours see of it (cached per token)."""
        r = self._wf.get(tok)
        if r is not None:
            return r
        res = self.res
        w = fold(tok)
        bs = readings(w, suffixes=False) if len(w) > 2 else (w,)
        last = bs[-1]
        lex = "w=" + w
        f0 = [lex, "p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
              "sh=" + _shape(w), "p1=" + w[:1], "p4=" + w[:4], "s4=" + w[-4:], "bp2=" + last[:2],
              "bs3=" + last[-3:], _LEN[min(len(w), 8)]]
        bl = "bl=" + last
        if len(bs) > 1:
            f0.append("b1=" + bs[1])
            f0.append(bl)
            f0.append("bs2=" + last[-2:])
            extra: list[str] = []
        else:
            extra = [bl]  # neighbours see the base even when the word has no clitic
        if w.startswith("ال"):
            f0.append("al")
        clusters = res.clusters
        cl = clusters.get(w)
        via = ""
        if cl is None:
            for b in bs[1:]:
                cl = clusters.get(b)
                if cl is not None:
                    via = "b"
                    break
        cl_feats: tuple[str, ...] | list[str]
        if cl is None:
            f0.append("oov")
            cl_feats = ()
        else:
            cl_feats = ["b" + f for f in cl] if via else cl
            f0.extend(cl_feats)
        ecl: tuple[str, ...] = ()
        if res.eclasses:
            eclasses = res.eclasses
            for x in bs:
                ec = eclasses.get(x)
                if ec is not None:
                    ecl = ec
                    f0.extend(ec)
                    break
        flags: list[str] = []
        names: list[str] = []
        if not res.first_names.isdisjoint(bs):
            names.append("fn")
        if not res.known.isdisjoint(bs):
            names.append("kn")
        flags.extend(names)
        cue = ""
        cues = res.cues
        for b in bs:
            c = cues.get(b)
            if c:
                cue = "cue=" + c
                flags.append(cue)
                break
        priors: list[str] = []
        pr = res.prior.get(w) or res.prior.get(last)
        if pr:
            priors.append("lp=" + pr)
        cp = res.cprior.get(w)
        if cp:
            priors.append("cp=" + cp)
        flags.extend(priors)
        if res.translit and w.isalpha() and len(w) >= 3:
            k = res.translit.level(w, bs)
            if k:
                flags.append(_FX[k])
        f0.extend(flags)
        near = [lex, bl, *cl_feats[1:3], *ecl[:2], *flags]
        cue_flags = [cue] if cue else []
        far = [lex, *cl_feats[1:2], *cue_flags]
        # the part of each offset's features that document features collect (see _AGG)
        win = self.window
        agg: list[tuple[int, tuple[str, ...]]] = []
        if priors:
            agg.append((0, tuple(priors)))
        if win >= 1:
            agg.append((-1, tuple(["-1:" + f for f in (lex, *names, *cue_flags)])))
            agg.append((1, tuple(["1:" + f for f in (lex, *names)] + (["1:cue=V"] if cue == "cue=V" else []))))
        if win >= 2 and cue:
            agg.append((-2, ("-2:" + cue,)))
        starts, index = self._starts, self._index
        gheads = tuple([h for h in bs if h in starts or h in index]) if index else ()
        # the key document features gather mentions by: the clitic-stripped form
        key = last if len(w) >= 3 and not cue and w.isalpha() else None
        # tuples of strings only: the garbage collector stops tracking them, which matters
        # with hundreds of thousands of cached words
        r = WordFeatures(w, tuple(f0), tuple(near), tuple(far), tuple(extra), tuple(agg), key, gheads)
        if len(self._wf) < 500_000:
            self._wf[tok] = r
        return r

    def _word(self, tok: str) -> tuple[list[str], ...]:
        """A word's features as seen from each window offset (``-1:w=...``), offset 0 its own."""
        r = self._cache.get(tok)
        if r is not None:
            return r
        wf = self._feats(tok)
        out: list[list[str]] = []
        for off in range(-self.window, self.window + 1):
            if off == 0:
                out.append(list(wf.own))
            else:
                pre = f"{off}:"
                out.append([pre + f for f in (wf.near if off in (-1, 1) else wf.far)])
        r = tuple(out)
        if len(self._cache) < 500_000:
            self._cache[tok] = r
        return r

    # -- gazetteer matches ---------------------------------------------------
    def _gazetteer(self, folded: list[str], gheads: list[tuple[str, ...]]) -> list[Sequence[str]]:
        """Gazetteer marks of each token, from every clitic reading of the token that starts a match.

        Each reading is looked up, not only the first that matches: "لحماس" may be a
        training-list entry as it stands and an organisation once ل is stripped.
        Tokens without marks share one empty tuple (most tokens have none).
        """
        n = len(folded)
        none: tuple[str, ...] = ()
        marks: list[Sequence[str]] = [none] * n
        index = self._index
        if not index:
            return marks
        starts = self._starts
        got: dict[int, list[str]] = {}
        for i in range(n):
            for h in gheads[i]:
                for length in starts.get(h, _NO_LENGTHS):
                    if length <= n - i:
                        hits = index.get(h + " " + " ".join(folded[i + 1 : i + length]), none)
                        if hits:
                            for name in hits:
                                got.setdefault(i, []).append("g" + name + "=B")
                                for j in range(i + 1, i + length):
                                    got.setdefault(j, []).append("g" + name + "=I")
                            break
                for name in index.get(h, none):
                    got.setdefault(i, []).append("g" + name + "=U")
        for i, m in got.items():
            # two readings, or two overlapping matches, may give the same mark
            marks[i] = list(dict.fromkeys(m)) if len(m) > 1 else m
        return marks

    # -- sentence --------------------------------------------------------------
    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for the tokens of one sentence."""
        _, extras, _ = self._parts(tokens)
        return _assemble([self._word(t) for t in tokens], extras, None, self.window)

    def _parts(
        self, tokens: Sequence[str]
    ) -> tuple[list[WordFeatures], list[list[str]], list[Sequence[str]]]:
        """The features of a sentence, in parts.

        Returns:
            ``(words, extras, gaz)``: each token's :class:`WordFeatures` (the
            per-word features, :meth:`_word` prefixes them by offset), each token's other features
            (sentence edges, gazetteer marks of the token and its neighbours,
            word bigrams) and each token's gazetteer marks.
        """
        n = len(tokens)
        cached, feats = self._wf.get, self._feats
        words = [cached(t) or feats(t) for t in tokens]
        win = self.window
        folded = [w.folded for w in words]
        gaz = self._gazetteer(folded, [w.gheads for w in words])
        quoted = _quotes(folded) if self.quotes and ('"' in folded or "«" in folded) else None
        extras: list[list[str]] = []
        for i in range(n):
            f: list[str] = []
            if quoted is not None and quoted[i]:
                f.extend(quoted[i])
            if win:
                if i == 0:
                    f.append("-1:BOS")
                if i == n - 1:
                    f.append("1:EOS")
            f.extend(gaz[i])
            if i > 0:
                f.append("bg-=" + folded[i - 1] + "|" + folded[i])
                for g in gaz[i - 1]:
                    f.append("-1:" + g)
            if i + 1 < n:
                f.append("bg+=" + folded[i] + "|" + folded[i + 1])
                for g in gaz[i + 1]:
                    f.append("1:" + g)
            extras.append(f)
        return words, extras, gaz

    # -- document --------------------------------------------------------------
    def document(self, sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for the sentences of one document.

        On top of :meth:`sentence`, every word (by its clitic-stripped form)
        gets the context evidence of all its mentions in the document, prefixed
        ``d:``: cue words and names next to any mention, gazetteer matches and
        priors of any mention. A name after ``الرئيس`` in one sentence thus
        helps its bare mention in another.
        """
        win = self.window
        out: list[list[list[str]]] = []
        lists: dict[int, list[str]] = {}  # one sorted list per shared bag
        for toks, (_, extras, bags) in zip(sentences, self.document_parts(sentences), strict=True):
            docs: list[list[str]] | None = None
            if bags is not None:
                docs = []
                for bag in bags:
                    d = lists.get(id(bag))
                    if d is None:
                        d = lists[id(bag)] = ["d:" + x for x in sorted(bag)]
                    docs.append(d)
            out.append(_assemble([self._word(t) for t in toks], extras, docs, win))
        return out

    def document_parts(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[WordFeatures], list[list[str]], list[set[str]] | None]]:
        """The features of a document's sentences, in parts (what :meth:`document` joins).

        Returns:
            For each sentence ``(words, extras, docs)``: the per-word features and
            the other features of :meth:`_parts`, and each token's document
            features without their ``d:`` prefix (``None`` without them).
            Tokens with the same document key share one set object.
        """
        parts = [self._parts(s) for s in sentences]
        if not self.aggregate:
            return [(w, x, None) for w, x, _ in parts]
        info: dict[str, set[str]] = {}
        all_keys: list[list[str | None]] = []
        for words, _, gaz in parts:
            keys = [w.key for w in words]
            all_keys.append(keys)
            n = len(words)
            bags: list[set[str] | None] = []
            for key in keys:
                if key is None:
                    bags.append(None)
                    continue
                bag = info.get(key)
                if bag is None:
                    bag = info[key] = set()
                bags.append(bag)
            for j, w in enumerate(words):
                # word j, seen from the token ``off`` places before it
                for off, feats in w.agg:
                    i = j - off
                    if 0 <= i < n:
                        b = bags[i]
                        if b is not None:
                            b.update(feats)
            for b, g in zip(bags, gaz, strict=True):
                if b is not None and g:
                    b.update(g)  # this token's gazetteer matches
        none: set[str] = set()
        return [
            (w, x, [info[k] if k is not None else none for k in keys])
            for (w, x, _), keys in zip(parts, all_keys, strict=True)
        ]


def _quotes(folded: Sequence[str]) -> list[tuple[str, ...]]:
    """Quote features of each token: inside a «...» or "..." quote of the sentence (1-6 words)."""
    out: list[tuple[str, ...]] = [()] * len(folded)
    start = -1
    closer = ""
    for i, w in enumerate(folded):
        if start < 0:
            if w == "«" or w == '"':
                start, closer = i, "»" if w == "«" else '"'
        elif w == closer:
            n = i - start - 1
            if 1 <= n <= 6:
                ql = "ql=" + str(min(n, 4))
                for j in range(start + 1, i):
                    out[j] = ("q", ql)
                out[start + 1] += ("q[",)
                out[i - 1] += ("q]",)
            start = -1
        elif w == "«" and closer == "»":
            start = i  # an unclosed quote: start again
    return out


def _assemble(
    words: Sequence[tuple[list[str], ...]],
    extras: Sequence[list[str]],
    docs: Sequence[list[str]] | None,
    win: int,
) -> list[list[str]]:
    """Join the parts of a sentence's features into one list per token."""
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        f = ["bias"]
        for j in range(max(0, i - win), min(n, i + win + 1)):
            f.extend(words[j][j - i + win])
        f.extend(extras[i])
        if docs is not None:
            f.extend(docs[i])
        out.append(f)
    return out


_LEN = ["len=" + str(i) for i in range(9)]
_NO_LENGTHS: tuple[int, ...] = ()
_FX = ("", "fx=1", "fx=2", "fx=3")  # foreign-looking spelling, by rasid.ner.translit.bucket
_CL = [f"c{i}=" for i in range(1, 10)]
_EC = [f"e{i}=" for i in range(1, 10)]
# The features document features collect, by prefix: WordFeatures.agg holds them for the per-word
# features, Featurizer.document_parts adds the token's gazetteer marks ("g...").
_AGG = ("-1:cue=", "-2:cue=", "1:cue=V", "-1:fn", "1:fn", "-1:kn", "1:kn", "g", "lp=", "cp=", "-1:w=", "1:w=")
