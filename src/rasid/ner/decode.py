"""Viterbi decoding of a CRFsuite model in numpy, straight from the model's weights.

python-crfsuite spends nearly all of its tagging time turning Python feature
strings into its own item structures, once per token and feature. A word's
features at a given window offset are the same wherever it occurs, so this
decoder sums their weights once per word (a 9-label row per offset) and keeps
the rows; a token's state score is then the sum of its window's rows plus its
few sentence- and document-level features. Sentences of one document are
decoded together, one numpy step per position.

The weights are read from the model file itself (CRFsuite's ``lCRF``/``FOMC``
format: a feature table of ``(type, source, target, weight)`` records and two
CQDB string tables for labels and attributes), so the decoder and
:class:`pycrfsuite.Tagger` give the same tags (``tests/ner/test_decode.py``).

>>> w = CrfWeights.read("src/rasid/data/models/ner.crfsuite")  # doctest: +SKIP
>>> w.labels[:2]                                                # doctest: +SKIP
['O', 'B-ORG']
"""

from __future__ import annotations

import struct
from itertools import repeat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasid.errors import DataFileError
from rasid.ner.features import Featurizer, WordFeatures

__all__ = ["CrfWeights", "Decoder"]

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])


def _cqdb_strings(buf: bytes, base: int) -> list[str]:
    """The strings of a CQDB table, by id (CRFsuite's label and attribute dictionaries)."""
    chunk, _size, _flag, _order, n, bwd = struct.unpack_from("<4s5I", buf, base)
    if chunk != b"CQDB":
        raise ValueError("no CQDB chunk")
    offsets = struct.unpack_from(f"<{n}I", buf, base + bwd)
    out = [""] * n
    for off in offsets:
        i, ksize = struct.unpack_from("<II", buf, base + off)
        out[i] = buf[base + off + 8 : base + off + 8 + ksize - 1].decode("utf-8")
    return out


@dataclass(slots=True)
class CrfWeights:
    """The weights of a first-order CRFsuite model.

    Attributes:
        labels: label names by id (the model's order).
        attrs: attribute (feature string) -> row of ``state``.
        state: ``(n_attributes + 1, n_labels)`` state weights; the last row is
            zeros (the row of unknown attributes).
        trans: ``(n_labels, n_labels)`` transition weights, ``[from, to]``.
    """

    labels: list[str]
    attrs: dict[str, int]
    state: np.ndarray
    trans: np.ndarray

    @classmethod
    def read(cls, path: str | Path) -> CrfWeights:
        """Read a model file written by ``pycrfsuite.Trainer``.

        Raises:
            DataFileError: the file is missing or not a CRFsuite 1st-order model.
        """
        try:
            buf = Path(path).read_bytes()
        except OSError as e:
            raise DataFileError(f"NER model '{path}' cannot be read: {e}") from e
        try:
            magic, _size, kind, _ver, _nf, n_labels, n_attrs, off_feat, off_labels, off_attrs, _, _ = (
                struct.unpack_from("<4sI4sI8I", buf, 0)
            )
            if magic != b"lCRF" or kind != b"FOMC":
                raise ValueError("not a CRFsuite 1st-order model")
            chunk, _csize, n_feat = struct.unpack_from("<4sII", buf, off_feat)
            if chunk != b"FEAT":
                raise ValueError("no feature chunk")
            feats = np.frombuffer(buf, dtype=_FEATURE, count=n_feat, offset=off_feat + 12)
            labels = _cqdb_strings(buf, off_labels)
            names = _cqdb_strings(buf, off_attrs)
        except (struct.error, ValueError, UnicodeDecodeError) as e:
            raise DataFileError(f"NER model '{path}' is not a readable CRFsuite model: {e}") from e
        if len(labels) != n_labels or len(names) != n_attrs:
            raise DataFileError(f"NER model '{path}': label or attribute table does not match its header")
        state = np.zeros((n_attrs + 1, n_labels))
        trans = np.zeros((n_labels, n_labels))
        st = feats[feats["type"] == 0]
        state[st["src"], st["dst"]] = st["w"]
        tr = feats[feats["type"] == 1]
        trans[tr["src"], tr["dst"]] = tr["w"]
        return cls(labels, {a: i for i, a in enumerate(names)}, state, trans)


class Decoder:
    """Tags documents with a CRFsuite model and the featurizer it was trained with.

    Args:
        weights: the model's weights.
        fx: the featurizer (the same lists as at training time).
        cache_words: how many words' summed weight rows to keep.
    """

    def __init__(self, weights: CrfWeights, fx: Featurizer, *, cache_words: int = 300_000) -> None:
        self.w = weights
        self.fx = fx
        self.cache_words = cache_words
        self._rows: dict[str, np.ndarray] = {}
        self._zero = len(weights.attrs)
        # document features by their name without the "d:" prefix
        self._dattrs = {a[2:]: i for a, i in weights.attrs.items() if a.startswith("d:")}
        self._bias = weights.state[weights.attrs["bias"]] if "bias" in weights.attrs else None
        self._build_word_table()

    def _build_word_table(self) -> None:
        """Weights of each per-word feature at every window offset: ``w=X`` and ``-1:w=X`` ...

        A word's features at offset ``k`` (``near``/``far``) are a subset of its
        own features, and the model only has weights for the (offset, feature)
        pairs the featurizer makes; so summing all offsets' weights of each own
        feature gives the word's rows. The one feature neighbours see that is not
        among the word's own (``bl=``, when the word has no clitic) has a second
        table without its offset-0 weight.
        """
        win = self.fx.window
        n_lab = len(self.w.labels)
        base_of: dict[str, int] = {}
        b_idx: list[int] = []
        o_idx: list[int] = []
        a_idx: list[int] = []
        for a, i in self.w.attrs.items():
            off, base = 0, a
            head, sep, rest = a.partition(":")
            if sep and head.lstrip("-").isdigit():
                off, base = int(head), rest
            if abs(off) > win:
                continue
            k = base_of.setdefault(base, len(base_of))
            b_idx.append(k)
            o_idx.append(off + win)
            a_idx.append(i)
        table = np.zeros((len(base_of), 2 * win + 1, n_lab))
        table[b_idx, o_idx] = self.w.state[a_idx]
        # most features only have a weight at offset 0 (affixes, shape ...): those get one row
        # (in _wone), the others one row per offset (in _wmany)
        multi = np.delete(table, win, axis=1).any(axis=(1, 2))
        m_ids = np.flatnonzero(multi)
        s_ids = np.flatnonzero(~multi)
        code = np.empty(len(base_of), dtype=np.int64)
        code[s_ids] = np.arange(len(s_ids))
        code[m_ids] = ~np.arange(len(m_ids))
        codes = code.tolist()
        # feature -> its row: >= 0 in the one-row table, < 0 (~row) in the one-row-per-offset one
        self._wall = {b: codes[k] for b, k in base_of.items()}
        self._wone = np.vstack([table[s_ids, win], np.zeros((1, n_lab))])
        self._z1 = len(s_ids)
        # the "bl=" rows again, without offset 0, for words that see it only as neighbours
        bl = [(b, k) for b, k in base_of.items() if b.startswith("bl=")]
        extra = table[[k for _, k in bl]]
        extra[:, win] = 0.0
        n_m = len(m_ids)
        self._wextra = {b: n_m + 1 + j for j, (b, _) in enumerate(bl)}
        self._wmany = np.concatenate([table[m_ids], np.zeros((1, 2 * win + 1, n_lab)), extra])
        self._zm = n_m

    def _word_rows(self, words: Sequence[WordFeatures]) -> np.ndarray:
        """Summed weights ``(len(words), 2 * window + 1, n_labels)`` of each word at each offset."""
        g, gx = self._wall.get, self._wextra.get
        z1, zm = self._z1, self._zm
        one: list[int] = []
        many: list[int] = []
        s1: list[int] = []
        sm: list[int] = []
        for wf in words:
            s1.append(len(one))
            one.append(z1)  # a zero row keeps every group non-empty
            sm.append(len(many))
            many.append(zm)
            for c in map(g, wf.own):
                if c is not None:
                    if c >= 0:
                        one.append(c)
                    else:
                        many.append(~c)
            if wf.extra:
                many.extend([c for c in map(gx, wf.extra) if c is not None])
        rows = np.add.reduceat(self._wmany[many], sm, axis=0)
        rows[:, self.fx.window] += np.add.reduceat(self._wone[one], s1, axis=0)
        return rows  # type: ignore[no-any-return]

    def _group_sums(self, groups: Sequence[Iterable[str]], table: dict[str, int] | None = None) -> np.ndarray:
        """The summed state weights of each group of feature strings, one row per group."""
        get = (self.w.attrs if table is None else table).get
        z = self._zero
        zs = repeat(z)
        flat: list[int] = []
        starts: list[int] = []
        for g in groups:
            starts.append(len(flat))
            flat.append(z)  # a zero row keeps every group non-empty
            flat.extend(map(get, g, zs))
        return np.add.reduceat(self.w.state[flat], starts, axis=0)  # type: ignore[no-any-return]

    def scores(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """State scores ``(n_tokens, n_labels)`` of a document's tokens, in order."""
        parts = self.fx.document_parts(sentences)
        win = self.fx.window
        n_lab = len(self.w.labels)
        rows = self._rows
        new: dict[str, WordFeatures] = {}
        for toks, (words, _, _) in zip(sentences, parts, strict=True):
            for t, wf in zip(toks, words, strict=True):
                if t not in rows and t not in new:
                    new[t] = wf
        local: dict[str, np.ndarray] = {}
        if new:
            sums = self._word_rows(list(new.values()))
            room = self.cache_words - len(rows)
            for k, (t, r) in enumerate(zip(new, sums, strict=True)):
                if k < room:
                    rows[t] = r
                else:
                    local[t] = r
        toks_all = [t for toks in sentences for t in toks]
        if not toks_all:
            return np.zeros((0, n_lab))
        blocks_a = np.stack([rows[t] if t in rows else local[t] for t in toks_all])  # (N, 2w+1, L)
        lens = [len(s) for s in sentences]
        pos = np.concatenate([np.arange(n) for n in lens])
        slen = np.repeat(lens, lens)
        s = blocks_a[:, win].copy()
        for off in range(1, win + 1):
            # the word ``off`` places to the right, seen from here (its block at offset +off)
            ok = (pos[:-off] + off < slen[:-off])[:, None]
            s[:-off] += np.where(ok, blocks_a[off:, win + off], 0.0)
            # the word ``off`` places to the left
            ok = (pos[off:] >= off)[:, None]
            s[off:] += np.where(ok, blocks_a[:-off, win - off], 0.0)
        if self._bias is not None:
            s += self._bias
        s += self._group_sums([x for _, extras, _ in parts for x in extras])
        # document features: one sum per shared bag
        lists: list[set[str]] = []
        seen: dict[int, int] = {}
        idx: list[int] = []
        for words, _, docs in parts:
            if docs is None:
                idx.extend([0] * len(words))
                continue
            for d in docs:
                if not d:
                    idx.append(0)
                    continue
                k = seen.get(id(d))
                if k is None:
                    k = seen[id(d)] = len(lists) + 1
                    lists.append(d)
                idx.append(k)
        if lists:
            dv = np.vstack([np.zeros((1, n_lab)), self._group_sums(lists, self._dattrs)])
            s += dv[idx]
        return s

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Viterbi tags of each sentence of one document."""
        lens = [len(s) for s in sentences]
        if not any(lens):
            return [[] for _ in sentences]
        s = self.scores(sentences)
        n_lab = len(self.w.labels)
        m, tmax = len(lens), max(lens)
        # longest sentences first: at position t the sentences still running are a prefix
        order = sorted(range(m), key=lambda k: -lens[k])
        slen = [lens[k] for k in order]
        active = [0] * (tmax + 1)  # active[t]: how many sentences are longer than t
        k = m
        for t in range(tmax + 1):
            while k and slen[k - 1] <= t:
                k -= 1
            active[t] = k
        starts = np.cumsum([0, *lens]).tolist()
        pad = np.zeros((m, tmax, n_lab))
        for r, k in enumerate(order):
            pad[r, : lens[k]] = s[starts[k] : starts[k + 1]]
        trans = self.w.trans
        delta = pad[:, 0].copy()
        back = np.zeros((m, tmax, n_lab), dtype=np.intp)
        for t in range(1, tmax):
            a = active[t]
            cand = delta[:a, :, None] + trans  # [sentence, previous label, label]
            back[:a, t] = cand.argmax(axis=1)  # the first best previous label, as CRFsuite picks it
            delta[:a] = cand.max(axis=1) + pad[:a, t]
        # back-tracking, all sentences at once; a sentence joins at its last position
        cur = delta.argmax(axis=1)
        ys = np.zeros((m, tmax), dtype=np.intp)
        for t in range(tmax - 1, -1, -1):
            a = active[t]
            ys[:a, t] = cur[:a]
            if t:
                cur[:a] = back[np.arange(a), t, cur[:a]]
        names = self.w.labels
        out: list[list[str]] = [[] for _ in range(m)]
        for r, row in enumerate(ys.tolist()):
            k = order[r]
            out[k] = [names[y] for y in row[: lens[k]]]
        return out
