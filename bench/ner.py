"""Benchmark the NER tagger on the ANERcorp test split.

Run from the repository root::

    python bench/ner.py            # the shipped model
    python bench/ner.py --train    # train first (rasid train-ner settings), then score
    python bench/ner.py --speed-only   # time tagging only: no score, the test split stays unused

Prints entity-level micro precision/recall/F1 (CoNLL convention: exact span
and type), per-type scores, tagging speed on one core, model size and, with
``--train``, training time. Sentences are tagged in groups of 20 (the window
names are propagated over), as ``rasid ner FILE.conll`` does.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from rasid.ner.conll import evaluate, read_conll
from rasid.ner.crf import Tagger, _model_path
from rasid.ner.train import train

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"


def main() -> None:
    """Score the tagger on the test split."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", action="store_true", help="train a model first (into a temporary folder)")
    ap.add_argument("--corpus", action="store_true",
                    help="with --train: two stages, with a corpus prior from SaudiNewsNet")
    ap.add_argument("--test", default=str(SHARED / "ner" / "ANERcorp_test.txt"))
    ap.add_argument("--no-propagate", action="store_true")
    ap.add_argument("--speed-only", action="store_true",
                    help="time tagging without scoring (the test split's tags are not compared)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    train_s = None
    model = _model_path()
    lists_dir = None
    if args.train:
        tmp = Path(tempfile.mkdtemp(prefix="rasid-ner-"))
        model, lists_dir = tmp / "ner.crfsuite", tmp / "lists"
        # the external lists come from the package; the train-derived ones go to tmp
        train_s = train(
            SHARED / "ner" / "ANERcorp_train.txt",
            model,
            lists_dir,
            corpus=SHARED / "corpus" / "saudinewsnet" if args.corpus else None,
        )
        pkg = Path(str(_model_path().parent.parent / "ner"))
        for f in pkg.iterdir():
            if f.name not in ("train_entities.tsv", "corpus_prior.tsv"):
                (lists_dir / f.name).write_bytes(f.read_bytes())

    tagger = Tagger(model, resources_dir=lists_dir, propagate=not args.no_propagate)
    gold = read_conll(args.test)
    n_tok = sum(len(s.tokens) for s in gold)
    t0, c0 = time.perf_counter(), time.process_time()
    pred: list[list[str]] = []
    for i in range(0, len(gold), 20):
        pred.extend(tagger.tag_document([s.tokens for s in gold[i : i + 20]]))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    # a second pass with warm per-word caches: the steady-state speed
    t1 = time.process_time()
    for i in range(0, len(gold), 20):
        tagger.tag_document([s.tokens for s in gold[i : i + 20]])
    cpu_warm = time.process_time() - t1
    print(f"test split: {len(gold)} sentences, {n_tok} tokens")
    if not args.speed_only:
        sc = evaluate([s.tags or [] for s in gold], pred)
        print(f"entity micro  P {sc.precision:.4f}  R {sc.recall:.4f}  F1 {sc.f1:.4f}")
        for t, (p, r, f, n) in sc.per_type.items():
            print(f"  {t:5s} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  (gold {n})")
    print(f"tagging: {n_tok / cpu:,.0f} tokens/s per CPU second cold, {n_tok / cpu_warm:,.0f} warm "
          f"({n_tok / wall:,.0f} tokens/s wall, one process)")
    print(f"model size: {model.stat().st_size / 1e6:.2f} MB ({model})")
    if train_s is not None:
        print(f"training time: {train_s:.0f} s")


if __name__ == "__main__":
    main()
