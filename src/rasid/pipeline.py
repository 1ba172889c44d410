"""The pipeline: named components run in order over one :class:`Document`.

``Pipeline.pipe`` is the only loop over articles: the CLI, the store's ingest
and the Dask runner all call it. A component is a callable
``Document -> Document``. A component that fails on a document does not stop
the batch: the error is logged with the document id, kept in
``doc.user["error"]``, and the next document goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasid.doc import Document
from rasid.text.sentences import split_sentences

__all__ = ["Pipeline", "Component", "sentencizer"]

logger = logging.getLogger(__name__)

Component = Callable[[Document], Document]


def sentencizer(doc: Document) -> Document:
    """Set ``doc.sents`` from the folded text."""
    doc.sents = split_sentences(doc.text)
    return doc


@dataclass
class Pipeline:
    """Ordered, named components.

    >>> nlp = Pipeline.default()
    >>> doc = nlp(Document.from_raw("x", "قصفت طائرات حربية مدينة حلب"))  # doctest: +SKIP
    """

    components: list[tuple[str, Component]] = field(default_factory=list)

    @classmethod
    def default(cls, *, quotes: bool = False, entities: bool = False) -> Pipeline:
        """The standard pipeline: sentences → events (→ entities, quotes)."""
        from rasid.events.extract import EventExtractor

        comps: list[tuple[str, Component]] = [("sentencizer", sentencizer)]
        if entities:
            from rasid.ner.component import EntityRecognizer

            comps.append(("ner", EntityRecognizer.default()))
        comps.append(("events", EventExtractor.default()))
        if quotes:
            from rasid.events.quotes import QuoteFinder

            comps.append(("quotes", QuoteFinder.default()))
        return cls(comps)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.components]

    def __call__(self, doc: Document) -> Document:
        """Run every component on one document (errors propagate)."""
        for _, comp in self.components:
            doc = comp(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run the pipeline over a stream, in order; a failing document keeps its error."""
        for doc in docs:
            try:
                yield self(doc)
            except Exception as e:  # one broken document must not stop a batch
                logger.warning("document %s failed: %s: %s", doc.id, type(e).__name__, e)
                doc.events = []
                doc.quotes = []
                doc.user["error"] = f"{type(e).__name__}: {e}"
                yield doc
