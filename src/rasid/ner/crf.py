"""The CRF entity tagger: tokens in, ANERcorp tags (PERS LOC ORG MISC) out.

The model ships in ``rasid/data/models/ner.crfsuite``; its lists in
``rasid/data/ner/``. Tagging a document runs in three steps:

1. the CRF tags each sentence, with document features
   (:meth:`rasid.ner.features.Featurizer.document`);
2. optionally (``o_threshold`` > 0, off by default: it did not help in
   cross-validation), tokens the CRF left as ``O`` but whose marginal
   probability of ``O`` is below the threshold get their best entity tag;
3. a name found once is propagated to its other mentions in the same document
   (:meth:`Tagger.tag_document`): a later ``وقال ألونسو`` is tagged when
   ``الإسباني ألونسو`` was.

>>> tagger = Tagger.default()                                       # doctest: +SKIP
>>> tagger.tag_tokens(["قال", "الرئيس", "بشار", "الأسد"])           # doctest: +SKIP
['O', 'O', 'B-PERS', 'I-PERS']
>>> [(e.text, e.label) for e in tagger.entities("وصل الوفد إلى مدينة حلب")]  # doctest: +SKIP
[('حلب', 'LOC')]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from rasid.doc import Document, Span
from rasid.errors import DataFileError
from rasid.ner.conll import tag_spans
from rasid.ner.decode import CrfWeights, Decoder
from rasid.ner.features import Featurizer, Resources
from rasid.text.normalize import fold
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import readings, tokenize

__all__ = ["Tagger", "Entity", "DEFAULT_MODEL"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "ner.crfsuite"
_ENTITY_TAGS = ("B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity mention.

    Attributes:
        start: start offset in the raw text (``Document.raw``).
        end: end offset in the raw text (exclusive).
        text: ``raw[start:end]``.
        label: PERS, LOC, ORG or MISC.
        fstart: start offset in the folded text (``Document.text``).
        fend: end offset in the folded text.
    """

    start: int
    end: int
    text: str
    label: str
    fstart: int
    fend: int


def _model_path() -> Path:
    return Path(str(resources.files("rasid") / "data" / "models" / DEFAULT_MODEL))


class Tagger:
    """A loaded CRF entity tagger.

    Args:
        model_path: CRF model file; the shipped model by default.
        resources_dir: folder of the NER lists; the shipped lists by default.
        o_threshold: relabel an ``O`` token whose marginal P(O) is below this
            (0 turns it off).
        propagate: propagate names to their other mentions in a document.
        fast: decode with :class:`rasid.ner.decode.Decoder` (numpy, same tags)
            instead of python-crfsuite's tagger; the latter is always used when
            ``o_threshold`` > 0 (it needs marginals).

    Raises:
        DataFileError: the model or a list is missing.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        resources_dir: str | Path | None = None,
        res: Resources | None = None,
        o_threshold: float = 0.0,
        propagate: bool = True,
        fast: bool = True,
    ) -> None:
        path = Path(model_path) if model_path else _model_path()
        if not path.is_file():
            raise DataFileError(f"NER model '{path}' not found: run `rasid train-ner` to build it")
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))
        self.fx = Featurizer(res if res is not None else Resources.load(resources_dir))
        self.o_threshold = o_threshold
        self.propagate = propagate
        self.labels = list(self._crf.labels())
        self._dec = Decoder(CrfWeights.read(path), self.fx) if fast else None

    @classmethod
    def default(cls) -> Tagger:
        """The shipped tagger, loaded once per process."""
        return _default_tagger()

    # -- token level -----------------------------------------------------------
    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """ANERcorp tags (``B-PERS``, ``I-LOC``, ``O`` ...) for one sentence's tokens."""
        if not tokens:
            return []
        if self._dec is not None and self.o_threshold <= 0:
            return self._dec.tag_document([tokens])[0]
        return self._decode(self.fx.document([tokens])[0])

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for the sentences of one document (document features, name propagation)."""
        if self._dec is not None and self.o_threshold <= 0:
            out = self._dec.tag_document(sentences)
        else:
            out = [self._decode(f) if f else [] for f in self.fx.document(sentences)]
        if self.propagate:
            feats = self.fx._feats  # cached per token: the folded form is already there
            out = propagate_names(sentences, out, folded=[[feats(t).folded for t in s] for s in sentences])
        return out

    def _decode(self, xseq: list[list[str]]) -> list[str]:
        crf = self._crf
        crf.set(xseq)
        tags = list(crf.tag())
        thr = self.o_threshold
        if thr > 0:
            ents = [t for t in _ENTITY_TAGS if t in self.labels]
            for i, t in enumerate(tags):
                if t == "O" and crf.marginal("O", i) < thr:
                    tags[i] = max(ents, key=lambda y: crf.marginal(y, i))
            tags = _repair(tags)
        return tags

    # -- text level --------------------------------------------------------------
    def entities(self, doc_or_text: Document | str) -> list[Entity]:
        """Entity mentions of a document or a raw text, with raw and folded offsets."""
        doc = doc_or_text if isinstance(doc_or_text, Document) else Document.from_raw("", doc_or_text)
        if not doc.text and doc.raw:
            doc = Document.from_raw(doc.id, doc.raw)
        sents = doc.sents or split_sentences(doc.text)
        toks_by_sent = [tokenize(doc.text[s.start : s.end]) for s in sents]
        tags = self.tag_document([[t.text for t in ts] for ts in toks_by_sent])
        out: list[Entity] = []
        for s, ts, tg in zip(sents, toks_by_sent, tags, strict=True):
            for a, b, label in tag_spans(tg):
                fs, fe = s.start + ts[a].start, s.start + ts[b - 1].end
                rs, re_ = doc.raw_span(fs, fe)
                out.append(Entity(rs, re_, doc.raw[rs:re_], label, fs, fe))
        return out

    def annotate(self, doc: Document) -> Document:
        """Append the entities of ``doc`` to ``doc.ents`` (folded-text spans) and return it."""
        doc.ents.extend(Span(e.fstart, e.fend, e.label) for e in self.entities(doc))
        return doc


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger:
    return Tagger()


def _repair(tags: list[str]) -> list[str]:
    """Make ``I-X`` that follows neither ``B-X`` nor ``I-X`` a ``B-X``."""
    out = list(tags)
    for i, t in enumerate(out):
        if t.startswith("I-"):
            prev = out[i - 1] if i else "O"
            if prev == "O" or prev[2:] != t[2:]:
                out[i] = "B-" + t[2:]
    return out


def propagate_names(
    sentences: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    *,
    min_len: int = 3,
    folded: Sequence[Sequence[str]] | None = None,
) -> list[list[str]]:
    """Tag untagged mentions of names that were tagged elsewhere in the same document.

    A name is a tagged span of at most four words, all (folded) of ``min_len``
    letters or more. A mention may carry
    attached clitics on its first word (و ب ل ك ال). When a name was tagged with
    several types, the most frequent one wins.

    Args:
        sentences: the tokens of each sentence of one document.
        tags: the CRF's tags for them.
        min_len: shortest word a propagated name may have.
        folded: the folded tokens, when the caller has them.
    """
    out = [list(t) for t in tags]
    if folded is None:
        folded = [[fold(x) for x in toks] for toks in sentences]
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    for fs, tg in zip(folded, out, strict=True):
        for a, b, label in tag_spans(tg):
            key = tuple(fs[a:b])
            if all(len(k) >= min_len for k in key) and b - a <= 4:
                d = counts.setdefault(key, {})
                d[label] = d.get(label, 0) + 1
    if not counts:
        return out
    names = {k: max(d.items(), key=lambda kv: kv[1])[0] for k, d in counts.items()}
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for k in names:
        firsts.setdefault(k[0], []).append(k)
    for v in firsts.values():
        v.sort(key=len, reverse=True)
    for fs, tg in zip(folded, out, strict=True):
        i = 0
        n_tok = len(fs)
        while i < n_tok:
            if tg[i] != "O":
                i += 1
                continue
            heads = readings(fs[i], suffixes=False) if len(fs[i]) > 2 else (fs[i],)
            hit: tuple[str, ...] | None = None
            for h in heads:
                for k in firsts.get(h, ()):
                    n = len(k)
                    if tuple(fs[i + 1 : i + n]) == k[1:] and all(t == "O" for t in tg[i : i + n]):
                        hit = k
                        break
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            label = names[hit]
            tg[i] = "B-" + label
            for j in range(i + 1, i + len(hit)):
                tg[j] = "I-" + label
            i += len(hit)
    return out
