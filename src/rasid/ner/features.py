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
* document features (:meth:`Featurizer.document`): the context evidence of all
  mentions of the same word in the document.

Per-word features are cached, so a word seen once costs a dict lookup.

>>> fx = Featurizer(Resources.empty())
>>> "w=مدينه" in fx.sentence(["مدينة", "حلب"])[0]
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from rasid.errors import DataFileError
from rasid.text.normalize import fold
from rasid.text.tokenize import bases

__all__ = ["Resources", "Featurizer", "ENTITY_TYPES", "lexical_prior", "entity_phrases"]

logger = logging.getLogger(__name__)

ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
_GAZ_FILES = {
    "adm": "places_admin.txt",
    "vil": "places_village.txt",
    "cty": "countries.txt",
    "org": "orgs.txt",
}
_MAX_PHRASE = 5


def _data_dir() -> Traversable:
    return resources.files("rasid") / "data" / "ner"


def _lines(path: Traversable | Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, FileNotFoundError) as e:
        raise DataFileError(f"NER resource '{path}' cannot be read: {e}") from e
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(slots=True)
class Resources:
    """Lists and tables the featurizer reads; all keys are folded.

    Attributes:
        phrases: gazetteer name -> set of folded phrases (words joined by one space).
        first_names: given names.
        known: family names of well-known figures.
        cues: cue word -> cue type (LOC, PERS, ORG, V).
        clusters: word -> (coarse, medium, fine) word-class ids.
        prior: word -> feature value of the lexical prior (e.g. ``PERS>50``).
        cprior: word -> feature value of the corpus prior.
    """

    phrases: dict[str, frozenset[str]] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    cues: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    prior: dict[str, str] = field(default_factory=dict)
    cprior: dict[str, str] = field(default_factory=dict)

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
            cl: dict[str, tuple[str, str, str]] = {}
            for ln in _lines(d / "clusters.tsv"):
                parts = ln.split("\t")
                if len(parts) == 4:
                    cl[parts[0]] = (parts[1], parts[2], parts[3])
            res.clusters = cl
        cp = d / "corpus_prior.tsv"
        if cp.is_file():
            for ln in _lines(cp):
                parts = ln.split("\t")
                if len(parts) == 2:
                    res.cprior[parts[0]] = parts[1]
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
            base, self.first_names, self.known, self.cues, self.clusters, dict(prior), self.cprior
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


def _shape(w: str) -> str:
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
    """

    def __init__(self, res: Resources, *, window: int = 2, aggregate: bool = True) -> None:
        self.res = res
        self.window = window
        self.aggregate = aggregate
        self._keys: dict[str, str | None] = {}
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._agg: dict[str, tuple[list[str], ...]] = {}
        starts: set[str] = set()
        index: dict[str, list[str]] = {}
        for name, s in sorted(res.phrases.items()):
            for p in s:
                index.setdefault(p, []).append(name)
                if " " in p:
                    starts.add(p.split(" ", 1)[0])
        self._index = {p: tuple(v) for p, v in index.items()}
        self._starts = frozenset(starts)

    # -- per-word features -------------------------------------------------
    def _word(self, tok: str) -> tuple[list[str], ...]:
        r = self._cache.get(tok)
        if r is not None:
            return r
        res = self.res
        w = fold(tok)
        bs = bases(w, suffixes=False) if len(w) > 2 else [w]
        last = bs[-1]
        lex = "w=" + w
        f0 = [lex, "p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:]]
        f0.append("sh=" + _shape(w))
        f0 += ["p1=" + w[:1], "p4=" + w[:4], "s4=" + w[-4:], "bp2=" + last[:2], "bs3=" + last[-3:]]
        f0.append("len=" + str(min(len(w), 8)))
        if len(bs) > 1:
            f0.append("b1=" + bs[1])
            f0.append("bl=" + last)
            f0.append("bs2=" + last[-2:])
        if w.startswith("ال"):
            f0.append("al")
        cl = res.clusters.get(w)
        via = ""
        if cl is None:
            for b in bs[1:]:
                cl = res.clusters.get(b)
                if cl is not None:
                    via = "b"
                    break
        if cl is None:
            f0.append("oov")
            cl_feats: list[str] = []
        else:
            cl_feats = [via + "c1=" + cl[0], via + "c2=" + cl[1], via + "c3=" + cl[2]]
            f0.extend(cl_feats)
        flags: list[str] = []
        if any(b in res.first_names for b in bs):
            flags.append("fn")
        if any(b in res.known for b in bs):
            flags.append("kn")
        for b in bs:
            cue = res.cues.get(b)
            if cue:
                flags.append("cue=" + cue)
                break
        pr = res.prior.get(w) or res.prior.get(last)
        if pr:
            flags.append("lp=" + pr)
        cp = res.cprior.get(w)
        if cp:
            flags.append("cp=" + cp)
        f0.extend(flags)
        near = [lex, "bl=" + last, *cl_feats[1:], *flags]
        far = [lex, *cl_feats[1:2], *[f for f in flags if f.startswith("cue")]]
        out: list[list[str]] = []
        for off in range(-self.window, self.window + 1):
            if off == 0:
                out.append(f0)
            else:
                src = near if abs(off) == 1 else far
                out.append([f"{off}:{f}" for f in src])
        r = tuple(out)
        if len(self._cache) < 500_000:
            self._cache[tok] = r
            # the part of each offset's features that document features collect
            self._agg[tok] = tuple([x for x in fs if x.startswith(_AGG)] for fs in out)
        return r

    # -- gazetteer matches ---------------------------------------------------
    def _gazetteer(self, folded: list[str]) -> list[list[str]]:
        n = len(folded)
        marks: list[list[str]] = [[] for _ in range(n)]
        index = self._index
        if not index:
            return marks
        for i in range(n):
            heads = bases(folded[i], suffixes=False) if len(folded[i]) > 2 else [folded[i]]
            for h in heads:
                found = False
                if h in self._starts:
                    for length in range(min(_MAX_PHRASE, n - i), 1, -1):
                        p = h + " " + " ".join(folded[i + 1 : i + length])
                        hits = index.get(p, ())
                        if hits:
                            for name in hits:
                                marks[i].append("g" + name + "=B")
                                for j in range(i + 1, i + length):
                                    marks[j].append("g" + name + "=I")
                            found = True
                            break
                hits = index.get(h, ())
                for name in hits:
                    marks[i].append("g" + name + "=U")
                if found or hits:
                    break
        return marks

    # -- sentence --------------------------------------------------------------
    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature lists for the tokens of one sentence."""
        return self._sentence(tokens)[0]

    def _sentence(self, tokens: Sequence[str]) -> tuple[list[list[str]], list[list[str]]]:
        """Feature lists of a sentence's tokens, and the gazetteer marks of each token."""
        n = len(tokens)
        words = [self._word(t) for t in tokens]
        folded = [w[self.window][0][2:] for w in words]  # the "w=" feature
        gaz = self._gazetteer(folded)
        win = self.window
        out: list[list[str]] = []
        for i in range(n):
            f = ["bias"]
            for off in range(-win, win + 1):
                j = i + off
                if 0 <= j < n:
                    f.extend(words[j][off + win])
                elif off in (-1, 1):
                    f.append(f"{off}:BOS" if off < 0 else f"{off}:EOS")
            f.extend(gaz[i])
            if i > 0:
                f.append("bg-=" + folded[i - 1] + "|" + folded[i])
                f.extend("-1:" + g for g in gaz[i - 1])
            if i + 1 < n:
                f.append("bg+=" + folded[i] + "|" + folded[i + 1])
                f.extend("1:" + g for g in gaz[i + 1])
            out.append(f)
        return out, gaz

    # -- document --------------------------------------------------------------
    def _key(self, tok: str) -> str | None:
        k = self._keys.get(tok, "")
        if k != "":
            return k
        w = fold(tok)
        key: str | None = None
        if len(w) >= 3 and w.isalpha():
            bs = bases(w, suffixes=False)
            key = None if any(b in self.res.cues for b in bs) else bs[-1]
        if len(self._keys) < 500_000:
            self._keys[tok] = key
        return key

    def _filtered(self, tok: str) -> tuple[list[str], ...]:
        return tuple([x for x in f if x.startswith(_AGG)] for f in self._word(tok))

    def document(self, sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for the sentences of one document.

        On top of :meth:`sentence`, every word (by its clitic-stripped form)
        gets the context evidence of all its mentions in the document, prefixed
        ``d:``: cue words and names next to any mention, gazetteer matches and
        priors of any mention. A name after ``الرئيس`` in one sentence thus
        helps its bare mention in another.
        """
        pairs = [self._sentence(s) for s in sentences]
        feats = [p[0] for p in pairs]
        if not self.aggregate:
            return feats
        info: dict[str, set[str]] = {}
        all_keys: list[list[str | None]] = []
        win = self.window
        for toks, (_, gaz) in zip(sentences, pairs, strict=True):
            keys = [self._key(t) for t in toks]
            all_keys.append(keys)
            n = len(toks)
            aggs = [self._agg.get(t) or self._filtered(t) for t in toks]
            for i, key in enumerate(keys):
                if key is None:
                    continue
                bag = info.setdefault(key, set())
                for j in range(max(0, i - win), min(n, i + win + 1)):
                    bag.update(aggs[j][j - i + win])
                bag.update(gaz[i])  # this token's gazetteer matches
        ext = {k: ["d:" + x for x in sorted(v)] for k, v in info.items()}
        for keys, fs in zip(all_keys, feats, strict=True):
            for key, f in zip(keys, fs, strict=True):
                if key is not None:
                    f.extend(ext[key])
        return feats


_AGG = ("-1:cue=", "-2:cue=", "1:cue=V", "-1:fn", "1:fn", "-1:kn", "1:kn", "g", "lp=", "cp=", "-1:w=", "1:w=")
