"""Five-fold cross-validation of the entity tagger on the ANERcorp train split.

How the tagger's features and settings are chosen (the test split is never used
for that). The train file is cut into five contiguous blocks; each block is
tagged, with name propagation over 20-sentence groups as the tagger runs, by a
model trained on the other four with train-derived lists from those only
(:func:`rasid.ner.train.featurize_crossfold`). The five blocks' predictions are
pooled and scored at the entity level (CoNLL convention: exact span and type)::

    python bench/ner_cv.py                     # shipped lists and settings, 2 processes
    python bench/ner_cv.py --resources DIR     # another folder of lists (a variant)
    python bench/ner_cv.py --c2 0.4 --blocks 3 4
    python bench/ner_cv.py --min-freq 2         # drop features seen once

About 3.5 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rasid.ner.conll import evaluate, read_conll
from rasid.ner.features import Resources
from rasid.ner.train import TrainConfig, tag_held_out

ROOT = Path(__file__).resolve().parents[1]

TRAIN = ROOT / ".." / "shared" / "data" / "ner" / "ANERcorp_train.txt"


def run_block(k: int, train: str, resources: str | None, cfg: TrainConfig, work: str) -> tuple[list, list]:
    """Gold and predicted (propagated) tags of block ``k``, tagged by a model trained on the others."""
    base = Resources.load(resources).with_training({}, {})
    base.cprior = {}
    gold, _, prop = tag_held_out(read_conll(train), k, base, config=cfg, work_dir=work)
    return gold, prop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", default=str(TRAIN))
    ap.add_argument("--resources", default=None, help="folder of lists (default: the package's)")
    ap.add_argument("--blocks", type=int, nargs="*", default=[0, 1, 2, 3, 4])
    ap.add_argument("--c1", type=float, default=TrainConfig().c1)
    ap.add_argument("--c2", type=float, default=TrainConfig().c2)
    ap.add_argument("--min-freq", type=int, default=TrainConfig().min_freq,
                    help="drop features seen fewer times in training")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    cfg = TrainConfig(c1=args.c1, c2=args.c2, min_freq=args.min_freq)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as work, ProcessPoolExecutor(args.jobs) as pool:
        futures = {k: pool.submit(run_block, k, args.train, args.resources, cfg, work) for k in args.blocks}
        results = {k: f.result() for k, f in futures.items()}
    gold = [g for k in args.blocks for g in results[k][0]]
    pred = [p for k in args.blocks for p in results[k][1]]
    sc = evaluate(gold, pred)
    per_block = {k: round(evaluate(*results[k]).f1, 4) for k in args.blocks}
    print(f"cross-validation, blocks {args.blocks}, c1 {cfg.c1}, c2 {cfg.c2}, min_freq {cfg.min_freq}: "
          f"pooled entity P {sc.precision:.4f}  R {sc.recall:.4f}  F1 {sc.f1:.4f}")
    for t, v in sorted(sc.per_type.items()):
        print(f"  {t:5} P {v[0]:.4f}  R {v[1]:.4f}  F1 {v[2]:.4f}  (gold {v[3]})")
    print(f"per block F1: {per_block}  ({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
