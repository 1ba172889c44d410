"""Training the CRF entity tagger on ANERcorp (or any CoNLL file in its scheme).

Training features that come from the training data itself (the gazetteer of
entity strings seen in training, and the lexical prior) are built *across
folds*: the sentences of fold *i* get lists built from the other folds only.
Otherwise every training entity would match its own entry and the model would
learn to trust the list blindly. At tagging time the lists built from the whole
training file are used (``train_entities.tsv``, written next to the model's
other resources).

Training is deterministic: fixed fold order, L-BFGS (no random sampling), so the
same data and settings give the same model.

>>> # python -m rasid train-ner --train ../shared/data/ner/ANERcorp_train.txt
"""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from rasid.ner.conll import Sentence, evaluate, read_conll
from rasid.ner.crf import propagate_names
from rasid.ner.decode import CrfWeights, Decoder
from rasid.ner.features import Featurizer, Resources, entity_phrases, lexical_prior
from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE

__all__ = [
    "TrainConfig",
    "train",
    "featurize_crossfold",
    "cross_validate",
    "tag_held_out",
    "held_out_split",
    "write_train_lists",
    "read_corpus",
    "corpus_prior",
]

logger = logging.getLogger(__name__)

DOC_SENTENCES = 20
"""Consecutive sentences treated as one document when the corpus marks none."""


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """CRF training settings.

    Attributes:
        c1: L1 penalty (sparsity).
        c2: L2 penalty.
        max_iterations: L-BFGS iteration cap.
        folds: number of folds for the train-derived lists.
        min_freq: drop features seen fewer times than this.
    """

    c1: float = 0.05
    c2: float = 0.2
    max_iterations: int = 200
    folds: int = 5
    min_freq: int = 1


def _pairs(sents: Sequence[Sentence]) -> list[tuple[list[str], list[str]]]:
    return [(s.tokens, s.tags or ["O"] * len(s.tokens)) for s in sents]


def _chunks(n: int, k: int) -> list[range]:
    bounds = [round(i * n / k) for i in range(k + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(k)]


def featurize_crossfold(
    sents: Sequence[Sentence], base: Resources, folds: int
) -> list[list[list[str]]]:
    """Features of every sentence, train-derived lists built from the other folds.

    Args:
        sents: tagged sentences, in corpus order (folds are contiguous blocks,
            so an article's repeated names stay in one fold).
        base: the external lists (places, names, cues, clusters).
        folds: number of folds.
    """
    pairs = _pairs(sents)
    out: list[list[list[str]]] = [[] for _ in sents]
    for block in _chunks(len(pairs), folds):
        others = [p for i, p in enumerate(pairs) if i not in block]
        res = base.with_training(entity_phrases(others), lexical_prior(others))
        fx = Featurizer(res)
        idx = list(block)
        for g in range(0, len(idx), DOC_SENTENCES):
            group = idx[g : g + DOC_SENTENCES]
            for i, f in zip(group, fx.document([pairs[i][0] for i in group]), strict=True):
                out[i] = f
    return out


def _fit(
    xs: Sequence[list[list[str]]], ys: Sequence[Sequence[str]], model_path: Path, cfg: TrainConfig
) -> None:
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, list(y))
    trainer.set_params(
        {
            "c1": cfg.c1,
            "c2": cfg.c2,
            "max_iterations": cfg.max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": cfg.min_freq,
        }
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))


def write_train_lists(sents: Sequence[Sentence], path: Path) -> None:
    """Write the entity strings and lexical prior of the whole training set."""
    pairs = _pairs(sents)
    phrases = entity_phrases(pairs)
    prior = lexical_prior(pairs)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived from the ANERcorp train split (CC BY-SA 4.0): entity strings and word priors.\n")
        for t in sorted(phrases):
            for p in sorted(phrases[t]):
                f.write(f"{t}\t{p}\n")
        for w in sorted(prior):
            f.write(f"PRIOR\t{w}\t{prior[w]}\n")


def _safe_fold(s: str) -> str:
    # rasid.text.normalize.fold recurses without end on presentation-form code
    # points that NFKC leaves unchanged (e.g. U+FD3E); drop those first.
    return fold(_SELF_NFKC.sub(" ", s))


_SELF_NFKC = re.compile(
    "["
    + "".join(chr(o) for o in range(0xFB50, 0xFEFD) if unicodedata.normalize("NFKC", chr(o)) == chr(o))
    + "]"
)


def read_corpus(path: str | Path, *, every: int = 1, max_tokens: int = 300) -> Iterator[list[str]]:
    """Token lists (folded) of the paragraphs of an unlabelled corpus.

    Args:
        path: a folder of ``.zip`` files holding JSON lists of articles with a
            ``content`` (and ``title``) key, as SaudiNewsNet ships, or of ``.txt`` files.
        every: keep every ``every``-th paragraph.
        max_tokens: cut longer paragraphs.
    """
    n = 0
    root = Path(path)
    for p in sorted(root.iterdir()) if root.is_dir() else [root]:
        texts: list[str] = []
        if p.suffix == ".zip":
            with zipfile.ZipFile(p) as z:
                for name in sorted(z.namelist()):
                    for art in json.loads(z.read(name)):
                        texts.append(art.get("title") or "")
                        texts.append(art.get("content") or "")
        elif p.suffix == ".txt":
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
        for text in texts:
            for para in _safe_fold(text).split("\n"):
                toks = TOKEN_RE.findall(para)
                if toks:
                    if n % every == 0:
                        yield toks[:max_tokens]
                    n += 1


def corpus_prior(model_path: Path, res: Resources, corpus: Iterable[Sequence[str]]) -> dict[str, str]:
    """Tag an unlabelled corpus and return each word's share of entity tags.

    A word seen 3 times or more whose occurrences were inside an entity of one
    type more than 20% of the time gets ``TYPE>20``, ``TYPE>50`` or ``TYPE>80``.
    """
    dec = Decoder(CrfWeights.read(model_path), Featurizer(res))
    total: dict[str, int] = {}
    inside: dict[str, dict[str, int]] = {}
    n_tok = 0
    for toks in corpus:
        tags = dec.tag_document([toks])[0]
        n_tok += len(tags)
        for w, t in zip(toks, tags, strict=True):
            total[w] = total.get(w, 0) + 1
            if t != "O":
                d = inside.setdefault(w, {})
                d[t[2:]] = d.get(t[2:], 0) + 1
    out: dict[str, str] = {}
    for w, d in inside.items():
        n = total[w]
        if n < 3 or "\t" in w:
            continue
        t, k = max(sorted(d.items()), key=lambda kv: kv[1])
        share = k / n
        bucket = "80" if share > 0.8 else "50" if share > 0.5 else "20" if share > 0.2 else ""
        if bucket:
            out[w] = f"{t}>{bucket}"
    logger.info("corpus prior: %d tokens tagged, %d words", n_tok, len(out))
    return out


def _write_prior(path: Path, prior: dict[str, str], note: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {note}\n")
        for w in sorted(prior):
            f.write(f"{w}\t{prior[w]}\n")


def train(
    train_path: str | Path,
    model_path: str | Path,
    lists_dir: str | Path,
    *,
    config: TrainConfig | None = None,
    corpus: str | Path | None = None,
    corpus_every: int = 6,
    resources_dir: str | Path | None = None,
    limit: int | None = None,
) -> float:
    """Train the tagger and write the model and the train-derived lists.

    With ``corpus``, training runs in two stages: a first model tags the
    unlabelled corpus, the share of entity tags each word got there becomes a
    feature (``corpus_prior.tsv``), and the final model is trained with it.

    Args:
        train_path: CoNLL training file (``token TAG`` lines).
        model_path: where the CRF model goes.
        lists_dir: where ``train_entities.tsv`` and ``corpus_prior.tsv`` go.
        config: training settings.
        corpus: folder of unlabelled text (see :func:`read_corpus`), optional.
        corpus_every: tag every n-th paragraph of the corpus.
        resources_dir: folder of the external lists (package data by default).
        limit: train on the first ``limit`` sentences only (tests, quick runs).

    Returns:
        Training time in seconds.
    """
    cfg = config or TrainConfig()
    t0 = time.perf_counter()
    model_path, lists_dir = Path(model_path), Path(lists_dir)
    lists_dir.mkdir(parents=True, exist_ok=True)
    sents = read_conll(train_path)
    if limit is not None:
        sents = sents[:limit]
    base = Resources.load(resources_dir).with_training({}, {})
    base.cprior = {}
    ys = [s.tags or ["O"] * len(s.tokens) for s in sents]
    xs = featurize_crossfold(sents, base, cfg.folds)
    logger.info("features for %d sentences in %.1fs", len(sents), time.perf_counter() - t0)
    prior: dict[str, str] = {}
    if corpus is not None:
        stage_a = model_path.with_suffix(".stage1.tmp")
        _fit(xs, ys, stage_a, cfg)
        logger.info("stage 1 model trained (%.1fs)", time.perf_counter() - t0)
        pairs = _pairs(sents)
        full = base.with_training(entity_phrases(pairs), lexical_prior(pairs))
        full.cprior = {}
        prior = corpus_prior(stage_a, full, read_corpus(corpus, every=corpus_every))
        stage_a.unlink()
        base.cprior = prior
        xs = featurize_crossfold(sents, base, cfg.folds)
        logger.info("stage 2 features (%.1fs)", time.perf_counter() - t0)
    _fit(xs, ys, model_path, cfg)
    write_train_lists(sents, lists_dir / "train_entities.tsv")
    _write_prior(
        lists_dir / "corpus_prior.tsv",
        prior,
        "Share of entity tags per word in the unlabelled corpus, as tagged by the stage-1 model"
        + (" (SaudiNewsNet, CC BY-NC-SA 4.0)." if prior else " (none: trained without a corpus)."),
    )
    dt = time.perf_counter() - t0
    logger.info("trained on %d sentences in %.1fs -> %s", len(sents), dt, model_path)
    return dt


def held_out_split(
    sents: Sequence[Sentence], k: int, base: Resources, *, folds: int = 5, list_folds: int = 5
) -> tuple[list[Sentence], list[Sentence], list[list[list[str]]], Featurizer]:
    """Block ``k`` of ``folds`` contiguous blocks held out, the others ready to train on.

    Returns:
        ``(held, rest, xs, fx)``: the held-out sentences, the training sentences, the
        training features (train-derived lists across ``list_folds`` folds, see
        :func:`featurize_crossfold`) and a featurizer for the held-out block whose
        train-derived lists come from ``rest`` only.
    """
    block = _chunks(len(sents), folds)[k]
    held = [sents[i] for i in block]
    rest = [s for i, s in enumerate(sents) if i not in block]
    xs = featurize_crossfold(rest, base, list_folds)
    pr = _pairs(rest)
    return held, rest, xs, Featurizer(base.with_training(entity_phrases(pr), lexical_prior(pr)))


def tag_held_out(
    sents: Sequence[Sentence],
    k: int,
    base: Resources,
    *,
    config: TrainConfig | None = None,
    folds: int = 5,
    work_dir: str | Path = "/tmp",
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Tag block ``k`` of ``folds`` contiguous blocks with a model trained on the others.

    The model's train-derived lists come from the other blocks only.

    Returns:
        ``(gold, crf, propagated)`` tags of the held-out sentences: the CRF's, and
        after name propagation over each 20-sentence group, as the tagger runs.
    """
    cfg = config or TrainConfig()
    held, rest, xs, fx = held_out_split(sents, k, base, folds=folds, list_folds=cfg.folds)
    path = Path(work_dir) / f"ner_cv_{k}.crfsuite"
    _fit(xs, [s.tags or [] for s in rest], path, cfg)
    dec = Decoder(CrfWeights.read(path), fx)
    pred: list[list[str]] = []
    prop: list[list[str]] = []
    for g in range(0, len(held), DOC_SENTENCES):
        toks = [s.tokens for s in held[g : g + DOC_SENTENCES]]
        tags = dec.tag_document(toks)
        pred.extend(tags)
        prop.extend(propagate_names(toks, tags))
    return [s.tags or [] for s in held], pred, prop


def cross_validate(
    train_path: str | Path,
    *,
    config: TrainConfig | None = None,
    folds: int = 5,
    use: Sequence[int] = (4,),
    work_dir: str | Path = "/tmp",
    resources_dir: str | Path | None = None,
    propagate: bool = True,
) -> list[float]:
    """Entity F1 of held-out blocks of the training file (for choosing features).

    Each held-out block is tagged by a model trained on the other blocks, with
    train-derived lists from those blocks only (:func:`tag_held_out`).
    ``python bench/ner_cv.py`` pools all five blocks.

    Args:
        train_path: the training file; nothing else is read.
        config: training settings.
        folds: number of contiguous blocks.
        use: which blocks to hold out (each costs one training run).
        work_dir: where temporary models go.
        resources_dir: folder of the external lists (package data by default).
        propagate: score after name propagation over each 20-sentence group, as
            the tagger runs (both scores are logged).
    """
    sents = read_conll(train_path)
    base = Resources.load(resources_dir).with_training({}, {})
    base.cprior = {}
    scores: list[float] = []
    for k in use:
        gold, pred, prop = tag_held_out(sents, k, base, config=config, folds=folds, work_dir=work_dir)
        for name, got in (("CRF", pred), ("CRF + propagation", prop)):
            sc = evaluate(gold, got)
            logger.info("cv block %d, %s: P %.3f R %.3f F1 %.3f %s", k, name, sc.precision, sc.recall, sc.f1,
                        {t: round(v[2], 3) for t, v in sc.per_type.items()})
        scores.append(evaluate(gold, prop if propagate else pred).f1)
    return scores
