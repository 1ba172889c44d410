"""``rasid ner`` (tag tokens or articles with entities) and ``rasid train-ner``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from rasid.errors import RasidError

if TYPE_CHECKING:
    from rasid.ner.crf import Tagger

__all__ = ["register", "ner_conll", "ner_articles", "CONLL_SUFFIXES"]

logger = logging.getLogger(__name__)

CONLL_SUFFIXES = (".conll", ".conllu", ".bio", ".iob", ".tsv")


def _tagger(model: Path | None, propagate: bool) -> Tagger:
    from rasid.ner.crf import Tagger

    return Tagger(model, propagate=propagate) if model or not propagate else Tagger.default()


def ner_conll(src: Path, dst: Path, *, model: Path | None = None, propagate: bool = True) -> int:
    """Tag a CoNLL token file; returns the number of tokens written."""
    from rasid.ner.conll import tag_file

    tagger = _tagger(model, propagate)
    return tag_file(src, dst, tagger.tag_document)


def ner_articles(
    paths: Iterable[str], out: TextIO, *, model: Path | None = None, propagate: bool = True
) -> tuple[int, int, list[str]]:
    """Write the entity spans of articles as JSONL ``{"doc","start","end","text","label"}``.

    Each record also carries its link: ``code``, ``place``, ``confidence``, ``via``
    (see :mod:`rasid.ner.link`). Offsets index the raw article text. Returns ``(documents, entities, failures)``.
    """
    from rasid.io.read import ReadError, read_paths
    from rasid.ner.link import link_entities

    tagger = _tagger(model, propagate)
    n_docs = n_ents = 0
    failed: list[str] = []
    for doc in read_paths(paths):
        if isinstance(doc, ReadError):
            failed.append(str(doc))
            continue
        n_docs += 1
        ents = tagger.entities(doc)
        for e, le in zip(ents, link_entities(doc, ents), strict=True):  # + code/place/confidence (ner.link)
            rec = {"doc": doc.id, "start": e.start, "end": e.end, "text": e.text, "label": e.label}
            rec.update({k: v for k, v in le.to_dict(doc).items() if k in ("code", "place", "confidence", "via")})
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n_ents += 1
    return n_docs, n_ents, failed


def register(app: typer.Typer) -> None:
    """Add the ``ner`` and ``train-ner`` commands to ``app``."""

    @app.command("ner")
    def ner_cmd(
        paths: list[str] = typer.Argument(
            ..., help="A CoNLL token file (.conll: one token per line, blank line between sentences), "
            "or article files/folders (.txt, .jsonl, .html, .zip) or - for stdin."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
        conll: bool = typer.Option(False, "--conll", help="Treat the input as a CoNLL token file."),
        model: Path | None = typer.Option(None, "--model", help="CRF model file (default: the shipped one)."),
        no_propagate: bool = typer.Option(
            False, "--no-propagate", help="Do not propagate names to their other mentions."),
    ) -> None:
        """Tag named entities (PERS, LOC, ORG, MISC).

        A CoNLL input gives `token TAG` lines in ANERcorp's B-/I- scheme, with the
        input's blank lines. Articles give JSONL entity spans with character
        offsets into the raw text.
        """
        try:
            is_conll = conll or (len(paths) == 1 and Path(paths[0]).suffix.lower() in CONLL_SUFFIXES)
            if is_conll:
                if len(paths) != 1 or paths[0] == "-":
                    raise typer.BadParameter("CoNLL mode takes exactly one file", param_hint="PATHS")
                dst = output or Path("/dev/stdout")
                n = ner_conll(Path(paths[0]), dst, model=model, propagate=not no_propagate)
                typer.echo(f"rasid: {n} tokens tagged", err=True)
                return
            if output:
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8") as out:
                    docs, ents, failed = ner_articles(paths, out, model=model, propagate=not no_propagate)
            else:
                docs, ents, failed = ner_articles(paths, sys.stdout, model=model, propagate=not no_propagate)
        except RasidError as e:
            typer.echo(f"rasid: {e}", err=True)
            raise typer.Exit(1) from e
        for reason in failed:
            typer.echo(f"rasid: skipped {reason}", err=True)
        typer.echo(f"rasid: {docs} documents, {ents} entities", err=True)
        if failed:
            raise typer.Exit(1)

    @app.command("train-ner")
    def train_ner_cmd(
        train_file: Path = typer.Option(
            Path("../shared/data/ner/ANERcorp_train.txt"), "--train",
            help="CoNLL training file (token TAG lines)."),
        corpus: Path | None = typer.Option(
            None, "--corpus",
            help="Unlabelled corpus folder (SaudiNewsNet zips or .txt files): train in two stages, with a "
            "corpus prior (off by default: no gain in cross-validation next to the document features)."),
        no_corpus: bool = typer.Option(False, "--no-corpus", help="Train in one stage (the default)."),
        model: Path | None = typer.Option(
            None, "--model", help="Where the model goes (default: the package's data/models/ner.crfsuite)."),
        lists: Path | None = typer.Option(
            None, "--lists", help="Where train_entities.tsv and corpus_prior.tsv go (default: data/ner/)."),
        max_iterations: int = typer.Option(200, "--max-iterations", min=1, help="L-BFGS iterations."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Train on the first N sentences only."),
    ) -> None:
        """Train the CRF entity tagger (deterministic: same data, same model)."""
        from importlib import resources

        from rasid.ner.train import TrainConfig, train

        data = Path(str(resources.files("rasid") / "data"))
        if not train_file.is_file():
            raise typer.BadParameter(f"'{train_file}' not found", param_hint="--train")
        use_corpus = None if no_corpus or corpus is None else corpus
        if use_corpus is not None and not use_corpus.exists():
            raise typer.BadParameter(f"'{use_corpus}' not found (or pass --no-corpus)", param_hint="--corpus")
        try:
            dt = train(
                train_file,
                model or data / "models" / "ner.crfsuite",
                lists or data / "ner",
                config=TrainConfig(max_iterations=max_iterations),
                corpus=use_corpus,
                limit=limit,
            )
        except RasidError as e:
            typer.echo(f"rasid: {e}", err=True)
            raise typer.Exit(1) from e
        typer.echo(f"rasid: model trained in {dt:.0f}s", err=True)
