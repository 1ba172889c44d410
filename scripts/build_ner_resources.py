"""Build the data files of the NER tagger into ``src/rasid/data/ner/``.

Run from the repository root (it reads the shared data folder beside it)::

    python scripts/build_ner_resources.py            # gazetteers + word clusters
    python scripts/build_ner_resources.py --no-clusters

What it writes (all keys are folded with :func:`rasid.text.normalize.fold`):

* ``places_admin.txt``: Syrian governorates, districts and sub-districts
  (Open-Syria, CC BY 4.0) and the Arabic names of GeoNames cities500 places in
  Syria and its neighbours (CC BY 4.0), one name per line.
* ``places_village.txt``: Syrian localities from Who's On First (CC BY 4.0 / CC0).
* ``clusters.tsv``: ``word<TAB>c64<TAB>c256<TAB>c1024`` distributional word
  classes: k-means over SVD-reduced PPMI context vectors counted on the
  SaudiNewsNet corpus (CC BY-NC-SA 4.0) plus the text of the ANERcorp train
  split (no tags used).

The hand-written lists (``countries.txt``, ``person_first.txt``,
``person_known.txt``, ``cues.tsv``, ``orgs.txt``) are edited by hand and not
touched by this script. ``train_entities.tsv`` and ``corpus_prior.tsv`` are
written by ``rasid train-ner`` together with the model.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import logging
import re
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE

logger = logging.getLogger("build_ner_resources")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "rasid" / "data" / "ner"

csv.field_size_limit(sys.maxsize)


_SELF_NFKC = re.compile(
    "["
    + "".join(chr(o) for o in range(0xFB50, 0xFEFD) if unicodedata.normalize("NFKC", chr(o)) == chr(o))
    + "]"
)


def _fold(s: str) -> str:
    """:func:`fold` that first drops presentation-form code points NFKC leaves unchanged."""
    return fold(_SELF_NFKC.sub(" ", s))


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split("|") if n.strip()]


def build_places() -> None:
    """Write the admin/city and village gazetteers."""
    admin: set[str] = set()
    with open(SHARED / "gazetteer" / "syria_admin1-3_ar.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for n in [row["name_ar"], *_names(row["aliases_ar"])]:
                for prefix in ("محافظة ", "منطقة ", "مركز ", "ناحية "):
                    if n.startswith(prefix):
                        n = n[len(prefix):]
                admin.add(fold(n))
    with open(SHARED / "gazetteer" / "geonames_cities500_SY_neighbours.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for n in _names(row["names_ar"]):
                admin.add(fold(n))
    village: set[str] = set()
    with open(SHARED / "gazetteer" / "villages" / "syria_villages_wof_ar.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for n in [row["name_ar"], *_names(row["aliases_ar"])]:
                village.add(fold(n))
    admin = {n for n in admin if len(n) >= 2 and TOKEN_RE.fullmatch(n.split()[0] or "x")}
    village = {n for n in village if len(n) >= 2} - admin
    (OUT / "places_admin.txt").write_text("\n".join(sorted(admin)) + "\n", encoding="utf-8")
    (OUT / "places_village.txt").write_text("\n".join(sorted(village)) + "\n", encoding="utf-8")
    logger.info("places: %d admin/city names, %d village names", len(admin), len(village))


def _corpus_sentences(*, with_train: bool = True) -> list[list[str]]:
    sents: list[list[str]] = []
    for p in sorted(glob.glob(str(SHARED / "corpus" / "saudinewsnet" / "*.zip"))):
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    for line in (art.get("title") or "", art.get("content") or ""):
                        for para in _fold(line).split("\n"):
                            toks = TOKEN_RE.findall(para)
                            if toks:
                                sents.append(toks)
    if not with_train:
        return sents
    cur: list[str] = []
    with open(SHARED / "ner" / "ANERcorp_train.txt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if cur:
                    sents.append(cur)
                cur = []
            else:
                cur.append(fold(parts[0]))
    if cur:
        sents.append(cur)
    return sents


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    """Spherical k-means; returns the cluster id of each row."""
    centers = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        labels = np.concatenate(
            [np.argmax(x[i : i + 8192] @ centers.T, axis=1) for i in range(0, len(x), 8192)]
        )
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) + 1e-9)
            else:
                centers[c] = x[rng.integers(len(x))]
    return labels


def build_clusters(
    vocab_size: int = 40_000,
    n_ctx: int = 1500,
    dim: int = 120,
    seed: int = 13,
    out: Path | None = None,
    ks: tuple[int, ...] = (64, 256, 1024),
) -> None:
    """Write ``clusters.tsv``: three granularities of distributional word classes."""
    t0 = time.time()
    sents = _corpus_sentences()
    counts: Counter[str] = Counter()
    for s in sents:
        counts.update(s)
    logger.info("corpus: %d sentences, %d tokens, %d types (%.0fs)",
                len(sents), sum(counts.values()), len(counts), time.time() - t0)
    words = [w for w, c in counts.most_common(vocab_size) if c >= 3]
    wid = {w: i for i, w in enumerate(words)}
    ctx = {w: i for i, w in enumerate(words[:n_ctx])}
    unk = -1
    # context features: left word (0..n_ctx-1), right word (n_ctx..2n_ctx-1), plus 2-left/2-right
    n_feat = 4 * n_ctx
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for s in sents:
        ids = np.array([wid.get(w, unk) for w in s], dtype=np.int64)
        cids = np.array([ctx.get(w, unk) for w in s], dtype=np.int64)
        n = len(ids)
        if n < 2:
            continue
        for off, base in ((-1, 0), (1, n_ctx), (-2, 2 * n_ctx), (2, 3 * n_ctx)):
            if off < 0:
                t, c = ids[-off:], cids[: n + off]
            else:
                t, c = ids[: n - off], cids[off:]
            m = (t >= 0) & (c >= 0)
            rows.append(t[m])
            cols.append(c[m] + base)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    mat = np.bincount(r * n_feat + c, minlength=len(words) * n_feat).astype(np.float32)
    mat = mat.reshape(len(words), n_feat)
    del r, c, rows, cols
    logger.info("co-occurrence matrix %s (%.0fs)", mat.shape, time.time() - t0)
    total = mat.sum()
    pw = mat.sum(axis=1, keepdims=True)
    pc = mat.sum(axis=0, keepdims=True) ** 0.75
    pc = pc / pc.sum() * total
    pmi = mat
    pmi *= total
    pmi /= pw + 1e-9
    pmi /= pc + 1e-9
    pmi += 1e-12
    np.log(pmi, out=pmi)
    np.maximum(pmi, 0, out=pmi)
    rng = np.random.default_rng(seed)
    # randomized SVD
    omega = rng.standard_normal((n_feat, dim + 20)).astype(np.float32)
    y = pmi @ omega
    for _ in range(2):
        y = pmi @ (pmi.T @ y)
        y, _ = np.linalg.qr(y)
    q, _ = np.linalg.qr(y)
    b = q.T @ pmi
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    emb = (q @ ub[:, :dim]) * np.sqrt(s[:dim])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    logger.info("svd done (%.0fs)", time.time() - t0)
    levels = []
    for k in ks:
        levels.append(_kmeans(emb.astype(np.float32), k, rng))
        logger.info("k-means k=%d done (%.0fs)", k, time.time() - t0)
    with open(out or OUT / "clusters.tsv", "w", encoding="utf-8") as f:
        for i, w in enumerate(words):
            if "\t" in w or not w.strip():
                continue
            f.write(w + "".join(f"\t{lv[i]}" for lv in levels) + "\n")
    logger.info("clusters: %d words (%.0fs)", len(words), time.time() - t0)


def main() -> None:
    """Build every derived NER resource."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-clusters", action="store_true", help="skip the (slow) word clusters")
    ap.add_argument("--only-clusters", action="store_true", help="build only the word clusters")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.only_clusters:
        build_places()
    if not args.no_clusters:
        build_clusters()


if __name__ == "__main__":
    main()
