"""How much a word looks like a foreign name written in Arabic letters.

Foreign persons, companies and clubs (ألونسو، موتورولا، بنفيكا) are the names
the tagger misses most: no list holds them and they often stand bare after a
verb. Their spelling gives them away: long vowels written out (و، ي، ا) where
Arabic morphology puts none, غ for g, endings such as ـوف، ـسكي، ـيو. A
character n-gram model learnt at build time scores that
(``scripts/build_ner_resources.py``): foreign place names from GeoNames' Arabic
names of cities outside the Arabic- and Persian-script world against the
frequent words of Arabic news. The score is the mean log-ratio of the word's
2- to 4-letter grams (word edges marked), positive for foreign-looking words.

>>> m = TranslitModel({"^ب": 1.0, "با": 0.5})
>>> m.score("با")  # grams ^ب با ا$ ^با با$ ^با$, the unknown ones 0: (1.0 + 0.5) / 6
0.25
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import repeat

__all__ = ["TranslitModel", "grams", "train_weights", "bucket"]

_NS = (2, 3, 4)


def grams(word: str) -> list[str]:
    """The 2- to 4-letter grams of ``word`` with its edges marked ``^`` and ``$``.

    >>> grams("حلب")[:4]
    ['^ح', 'حل', 'لب', 'ب$']
    """
    s = "^" + word + "$"
    return [s[c] for c in _cuts(len(s))]


@lru_cache(maxsize=64)
def _cuts(m: int) -> tuple[slice, ...]:
    """The slices that cut a marked word of ``m`` letters into its grams, in :func:`grams` order."""
    return tuple(slice(i, i + n) for n in _NS for i in range(m - n + 1))


def train_weights(foreign: Iterable[str], native: Iterable[str], *, smooth: float = 0.5) -> dict[str, float]:
    """Per-gram log-ratios of document frequency in ``foreign`` vs ``native`` words.

    Each word counts once per gram (a set), as in a Bernoulli naive Bayes.
    """
    fw, nw = list(dict.fromkeys(foreign)), list(dict.fromkeys(native))
    cf: dict[str, int] = {}
    cn: dict[str, int] = {}
    for words, counts in ((fw, cf), (nw, cn)):
        for w in words:
            for g in set(grams(w)):
                counts[g] = counts.get(g, 0) + 1
    pf, pn = len(fw) + 1, len(nw) + 1
    return {
        g: math.log((cf.get(g, 0) + smooth) / pf) - math.log((cn.get(g, 0) + smooth) / pn)
        for g in sorted(set(cf) | set(cn))
    }


def bucket(score: float) -> int:
    """The feature level of a score: 0 (looks Arabic), 1 ([0, 0.5)), 2 ([0.5, 1)), 3 (>= 1)."""
    return 0 if score < 0.0 else 1 if score < 0.5 else 2 if score < 1.0 else 3


class TranslitModel:
    """Scores words by their gram log-ratios (see the module docstring).

    Args:
        weights: gram -> log-ratio; unknown grams count 0.
        known: folded word -> its level (:func:`bucket` of the best score of its
            clitic readings), precomputed for frequent words so that tagging new
            text scores only the rarer ones (``translit_words.tsv``).
    """

    def __init__(self, weights: Mapping[str, float], known: Mapping[str, int] | None = None) -> None:
        self.weights = dict(weights)
        self.known = dict(known or {})
        self._cache: dict[str, float] = {}

    def level(self, word: str, readings: Iterable[str]) -> int:
        """The level of ``word``: :func:`bucket` of the best score among its ``readings``."""
        k = self.known.get(word)
        if k is None:
            k = bucket(max(self.score(r) for r in readings))
        return k

    def __bool__(self) -> bool:
        return bool(self.weights)

    def score(self, word: str) -> float:
        """Mean log-ratio of the word's grams; > 0 looks foreign, < 0 looks Arabic."""
        r = self._cache.get(word)
        if r is None:
            cuts = _cuts(len(word) + 2)
            marked = "^" + word + "$"
            r = sum(map(self.weights.get, map(marked.__getitem__, cuts), repeat(0.0))) / len(cuts)
            if len(self._cache) < 500_000:
                self._cache[word] = r
        return r
