"""Probe: a feature-rich BiLSTM tagger on one held-out fifth of the ANERcorp train split.

Not part of rasid: it measures where a small neural tagger stands against the CRF under the
same conditions (the same fifth held out, the same cross-fold lists, name propagation), to
decide whether that model class is worth building. It needs PyTorch, which rasid does not
depend on, and the E5 word vectors that ``scripts/build_ner_resources.py --e5`` keeps in
``build/ner/e5_vectors.npz``::

    pip install torch==2.13.0                  # the CPU build this machine has on disk
    python bench/ner_nn_probe.py               # block 4, 12 epochs: about 5 minutes on 2 cores
    python bench/ner_nn_probe.py --epochs 25 --ensemble   # + the CRF with the network's scores added

Each token's input: a trained embedding of the folded word (words seen twice or more), the
first 100 principal components of its E5 vector (frozen), a character CNN, and the sum of
trained embeddings of the CRF's non-lexical features (gazetteer marks, list flags, cues,
priors, word classes, document features; train-derived ones built across folds as for the
CRF). A two-layer BiLSTM and a softmax layer; BIO repair and name propagation afterwards.
Entity F1 of the held-out fifth is printed after every epoch.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from rasid.ner.conll import Sentence, evaluate, read_conll
from rasid.ner.crf import _repair, propagate_names
from rasid.ner.features import Featurizer, Resources
from rasid.ner.train import DOC_SENTENCES, held_out_split
from rasid.text.normalize import fold
from rasid.text.tokenize import readings

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / ".." / "shared" / "data" / "ner" / "ANERcorp_train.txt"
VECTORS = ROOT / "build" / "ner" / "e5_vectors.npz"

# CRF features the network sees (by prefix): everything but the word's identity, affixes and bigrams
_KEEP = ("g", "fn", "kn", "cue=", "lp=", "fx=", "e1=", "e2=", "e3=", "c1=", "c2=", "sh=", "al", "q", "len=",
         "-1:g", "1:g", "-1:cue", "1:cue", "-2:cue", "2:cue", "-1:fn", "1:fn", "-1:kn", "1:kn", "d:", "BOS",
         "-1:BOS", "1:EOS", "-1:e", "1:e", "-1:c", "1:c")
_DROP = ("d:-1:w=", "d:1:w=")

Encoded = tuple[list[int], list[int], list[list[int]], list[list[int]], list[int]]


def _flags(feats: list[str]) -> list[str]:
    return [f for f in feats if f.startswith(_KEEP) and not f.startswith(_DROP)]


class Vocab:
    """The network's input vocabularies, built from the training sentences."""

    def __init__(self, sents: list[Sentence], xs: list[list[list[str]]], vectors: Path) -> None:
        counts: dict[str, int] = {}
        for x in xs:
            for f in x:
                for a in _flags(f):
                    counts[a] = counts.get(a, 0) + 1
        self.flags = {a: i + 1 for i, a in enumerate(sorted(a for a, c in counts.items() if c >= 3))}
        z = np.load(vectors)
        v = z["vectors"].astype(np.float32)
        v -= v.mean(axis=0)
        _, _, vt = np.linalg.svd(v[::5], full_matrices=False)
        comp = v @ vt[:100].T
        comp = 0.3 * comp / comp.std(axis=0)
        self.e5 = np.vstack([np.zeros((1, 100), np.float32), comp]).astype(np.float32)
        self.e5_index = {w: i + 1 for i, w in enumerate(z["words"].tolist())}
        wc: dict[str, int] = {}
        for s in sents:
            for t in s.tokens:
                wc[fold(t)] = wc.get(fold(t), 0) + 1
        self.words = {w: i + 2 for i, w in enumerate(sorted(w for w, c in wc.items() if c >= 2))}
        self.chars: dict[str, int] = {}
        for s in sents:
            for t in s.tokens:
                for ch in fold(t):
                    self.chars.setdefault(ch, len(self.chars) + 2)
        self.labels = sorted({t for s in sents for t in s.tags or []})
        self._label_ids = {t: i for i, t in enumerate(self.labels)}

    def _e5_row(self, tok: str) -> int:
        w = fold(tok)
        for b in readings(w, suffixes=False) if len(w) > 2 else (w,):
            i = self.e5_index.get(b)
            if i:
                return i
        return 0

    def encode(self, s: Sentence, x: list[list[str]]) -> Encoded:
        toks = s.tokens
        lid = self._label_ids
        return (
            [self.words.get(fold(t), 1) for t in toks],
            [self._e5_row(t) for t in toks],
            [[self.chars.get(ch, 1) for ch in fold(t)[:20]] or [1] for t in toks],
            [[self.flags[a] for a in _flags(f) if a in self.flags] or [0] for f in x],
            [lid.get(t, 0) for t in (s.tags or ["O"] * len(toks))],
        )


class Net(nn.Module):
    """Word, E5, character and feature inputs → two-layer BiLSTM → label scores."""

    def __init__(self, voc: Vocab, hidden: int) -> None:
        super().__init__()
        self.word = nn.Embedding(len(voc.words) + 2, 100, padding_idx=0)
        self.e5 = nn.Embedding.from_pretrained(torch.tensor(voc.e5), freeze=True)
        self.char = nn.Embedding(len(voc.chars) + 2, 30, padding_idx=0)
        self.cnn = nn.Conv1d(30, 60, 3, padding=1)
        self.flags = nn.EmbeddingBag(len(voc.flags) + 1, 100, mode="sum", padding_idx=0)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(360, hidden, num_layers=2, bidirectional=True, batch_first=True, dropout=0.3)
        self.out = nn.Linear(2 * hidden, len(voc.labels))

    def forward(self, batch: list[Encoded]) -> torch.Tensor:
        n, length = len(batch), max(len(b[0]) for b in batch)
        words = torch.zeros(n, length, dtype=torch.long)
        e5 = torch.zeros(n, length, dtype=torch.long)
        chars: list[list[int]] = []
        flat: list[int] = []
        offsets: list[int] = []
        pos: list[int] = []
        for i, (w, e, c, f, _) in enumerate(batch):
            words[i, : len(w)] = torch.tensor(w)
            e5[i, : len(w)] = torch.tensor(e)
            for j in range(len(w)):
                chars.append(c[j])
                offsets.append(len(flat))
                flat.extend(f[j])
                pos.append(i * length + j)
        cm = torch.zeros(len(chars), max(len(c) for c in chars), dtype=torch.long)
        for k, c in enumerate(chars):
            cm[k, : len(c)] = torch.tensor(c)
        ch = self.cnn(self.char(cm).transpose(1, 2)).max(dim=2).values
        fe = self.flags(torch.tensor(flat), torch.tensor(offsets))
        tok = torch.zeros(n * length, 160)
        tok[pos] = torch.cat([ch, fe], dim=1)
        x = torch.cat([self.word(words), self.e5(e5), tok.view(n, length, -1)], dim=2)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(h))  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--block", type=int, default=4, help="which fifth to hold out (0-4)")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--vectors", type=Path, default=VECTORS)
    ap.add_argument("--save", type=Path, help="write the last epoch's label log-probabilities (.npz) here")
    ap.add_argument("--ensemble", action="store_true",
                    help="after training, also train the CRF on the same four fifths and score the CRF with "
                         "alpha x the network's log-probabilities added to its state scores")
    args = ap.parse_args()
    torch.manual_seed(1)
    random.seed(1)
    torch.set_num_threads(2)
    t0 = time.perf_counter()
    base = Resources.load().with_training({}, {})
    base.cprior = {}
    held, rest, xs_train, fx = held_out_split(read_conll(TRAIN), args.block, base)
    xs_held: list[list[list[str]]] = []
    for g in range(0, len(held), DOC_SENTENCES):
        xs_held.extend(fx.document([s.tokens for s in held[g : g + DOC_SENTENCES]]))
    voc = Vocab(rest, xs_train, args.vectors)
    train = [voc.encode(s, x) for s, x in zip(rest, xs_train, strict=True)]
    test = [voc.encode(s, x) for s, x in zip(held, xs_held, strict=True)]
    net = Net(voc, args.hidden)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=2e-3)
    loss_f = nn.CrossEntropyLoss(ignore_index=-1)
    gold = [s.tags or [] for s in held]
    order = [k for k in range(len(train)) if train[k][0]]
    for epoch in range(args.epochs):
        random.shuffle(order)
        net.train()
        total = 0.0
        for i in range(0, len(order), 32):
            b = [train[k] for k in order[i : i + 32]]
            y = torch.full((len(b), max(len(x[0]) for x in b)), -1, dtype=torch.long)
            for k, x in enumerate(b):
                y[k, : len(x[4])] = torch.tensor(x[4])
            loss = loss_f(net(b).reshape(-1, len(voc.labels)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        net.eval()
        pred: list[list[str]] = []
        logp: list[np.ndarray] = []
        with torch.no_grad():
            for i in range(0, len(test), 64):
                b = test[i : i + 64]
                scores = net([x if x[0] else ([1], [0], [[1]], [[0]], [0]) for x in b]).log_softmax(-1)
                best = scores.argmax(-1)
                for k, x in enumerate(b):
                    pred.append(_repair([voc.labels[j] for j in best[k, : len(x[0])].tolist()]))
                    logp.append(scores[k, : len(x[0])].numpy())
        prop: list[list[str]] = []
        for g in range(0, len(held), DOC_SENTENCES):
            prop.extend(propagate_names([s.tokens for s in held[g : g + DOC_SENTENCES]], pred[g : g + DOC_SENTENCES]))
        sc = evaluate(gold, prop)
        print(f"epoch {epoch}: loss {total:.1f}  block {args.block} F1 {evaluate(gold, pred).f1:.4f}, "
              f"with propagation {sc.f1:.4f} (P {sc.precision:.3f} R {sc.recall:.3f})  "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
    if args.save:
        np.savez(args.save, labels=np.array(voc.labels), logp=np.concatenate(logp))
    if args.ensemble:
        _ensemble(rest, held, xs_train, fx, voc.labels, np.concatenate(logp))


def _ensemble(rest: list[Sentence], held: list[Sentence], xs_train: list[list[list[str]]], fx: Featurizer,
              labels: list[str], logp: np.ndarray) -> None:
    """Score the CRF of the same four fifths alone and with the network's log-probabilities added."""
    import tempfile

    from rasid.ner.decode import CrfWeights, Decoder
    from rasid.ner.train import TrainConfig, _fit

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crf.crfsuite"
        _fit(xs_train, [s.tags or [] for s in rest], path, TrainConfig())
        weights = CrfWeights.read(path)
    extra = logp[:, [labels.index(lab) for lab in weights.labels]]

    class WithNetwork(Decoder):
        """The CRF decoder with ``alpha`` x the network's log-probabilities added to each token's scores."""

        alpha = 0.0
        pos = 0

        def scores(self, sentences):  # type: ignore[no-untyped-def]
            s = super().scores(sentences)
            n = s.shape[0]
            self.pos += n
            return s + self.alpha * extra[self.pos - n : self.pos]

    gold = [s.tags or [] for s in held]
    for alpha in (0.0, 0.25, 0.5, 1.0, 2.0):
        dec = WithNetwork(weights, fx)
        dec.alpha = alpha
        prop: list[list[str]] = []
        for g in range(0, len(held), DOC_SENTENCES):
            toks = [s.tokens for s in held[g : g + DOC_SENTENCES]]
            prop.extend(propagate_names(toks, dec.tag_document(toks)))
        sc = evaluate(gold, prop)
        print(f"CRF + {alpha} x network: F1 {sc.f1:.4f} (P {sc.precision:.3f} R {sc.recall:.3f})", flush=True)


if __name__ == "__main__":
    main()
