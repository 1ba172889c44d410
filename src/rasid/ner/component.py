"""The entity pipeline component: tag a whole document, link its entities.

``Pipeline.default(entities=True)`` puts it before the event extractor:

>>> nlp = Pipeline.default(entities=True)                                   # doctest: +SKIP
>>> doc = nlp(Document.from_raw("x", "قال وزير الخارجية الروسي سيرغي لافروف"))  # doctest: +SKIP
>>> [(e.text, e.code) for e in doc.user["entities"]]                        # doctest: +SKIP
[('سيرغي لافروف', 'RUS-GOV')]

It writes ``doc.ents`` (folded spans labelled PERS/LOC/ORG/MISC) and
``doc.user["entities"]`` (:class:`rasid.ner.link.LinkedEntity` records). The
event extractor then takes its fallback actors and places from them instead of
tagging sentences itself (:mod:`rasid.ner.lazy`). Tagging every sentence costs
time (~50k tokens/s); the default pipeline leaves this component out and tags
lazily.
"""

from __future__ import annotations

import logging
from typing import Any

from rasid.doc import Document, Span
from rasid.ner.lazy import add_rule_entities
from rasid.ner.link import LinkedEntity, Linker
from rasid.text.sentences import split_sentences

__all__ = ["EntityRecognizer"]

logger = logging.getLogger(__name__)


class EntityRecognizer:
    """Pipeline component: CRF entities (plus group-name rule spans), linked.

    Args:
        tagger: a :class:`rasid.ner.crf.Tagger`.
        linker: a :class:`rasid.ner.link.Linker`.
        rules: also add armed-group names the CRF missed ("لواء صقور الجبل") as ORG, and split
            an ORG span that runs on into a person's name (see
            :func:`rasid.ner.lazy.add_rule_entities`).
    """

    name = "ner"
    assigns = ("doc.ents", 'doc.user["entities"]')

    def __init__(self, tagger: Any, linker: Linker, *, rules: bool = True) -> None:
        self.tagger = tagger
        self.linker = linker
        self.rules = rules

    @classmethod
    def default(cls) -> EntityRecognizer:
        """The shipped tagger and the default linker.

        Raises:
            DataFileError: the NER model file is missing.
        """
        from rasid.ner.crf import Tagger

        return cls(Tagger.default(), Linker.default())

    def entities(self, doc: Document) -> list[LinkedEntity]:
        """Linked entities of ``doc`` (does not modify it)."""
        if not doc.text and doc.raw:
            doc = Document.from_raw(doc.id, doc.raw)
        sents = doc.sents or split_sentences(doc.text)
        ents: list[Any] = list(self.tagger.entities(doc))
        if self.rules:
            out: list[Any] = []
            for sent in sents:
                inside = [x for x in ents if sent.start <= x.fstart < sent.end]
                out.extend(add_rule_entities(doc.text, inside, sent, self.linker))
            ents = out
        return self.linker.link(doc, ents, sents)

    def __call__(self, doc: Document) -> Document:
        """Tag and link ``doc``: sets ``doc.user["entities"]`` and appends to ``doc.ents``."""
        if not doc.sents:
            doc.sents = split_sentences(doc.text)
        linked = self.entities(doc)
        doc.ents.extend(Span(e.fstart, e.fend, e.label) for e in linked)
        doc.user["entities"] = linked
        return doc
