"""Actor and source matching over the SaudiNewsNet corpus: frequent aliases, speed, gold coverage.

Usage (from the repository root)::

    python bench/actors.py                 # 2,000 articles, top 12 aliases per code
    python bench/actors.py --articles 500 --top 20 --code SYR-GOV

Prints, per actor code, the most frequent matched texts (so false positives
show), the same for sources, then the throughput of ``ActorLexicon.find`` +
``find_source`` per sentence, and a coverage check against
``../shared/data/news/gold.jsonl``: the share of gold actor1/actor2 codes that
appear among the actor mentions of the gold evidence's sentence, and the share
of gold sources that ``find_source`` returns for it. The coverage is a check
only; entries are never copied from gold sentences.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
import zipfile
from pathlib import Path

from rasid.events.sources import find_source
from rasid.resolve.actors import ActorLexicon, armed_code
from rasid.text.normalize import fold
from rasid.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"


def corpus(n: int) -> list[str]:
    """``n`` article texts spread over the corpus zips (every k-th article of each zip)."""
    zips = sorted((SHARED / "corpus" / "saudinewsnet").glob("*.zip"))
    per = max(1, n // max(1, len(zips)) + 1)
    out: list[str] = []
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                items = json.loads(zf.read(name))
                step = max(1, len(items) // per)
                out.extend((a.get("title") or "") + "\n" + (a.get("content") or "") for a in items[::step][:per])
    return out[:n]


def frequent(texts: list[str], lex: ActorLexicon, top: int, only: str | None) -> None:
    by_code: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_src: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    weak = collections.Counter[str]()
    n_sent = 0
    t_find = 0.0
    t0 = time.perf_counter()
    for raw in texts:
        text = fold(raw)
        for s in split_sentences(text):
            n_sent += 1
            t1 = time.perf_counter()
            ms = lex.find(text, s.start, s.end)
            src = find_source(text, s.start, s.end, actors=lex)
            t_find += time.perf_counter() - t1
            for m in ms:
                by_code[m.code][m.text] += 1
                if m.weak:
                    weak[m.code] += 1
            if src is not None:
                by_src[src.code][src.text] += 1
    wall = time.perf_counter() - t0
    total = sum(sum(c.values()) for c in by_code.values())
    print(f"# actor mentions: {total} in {n_sent} sentences of {len(texts)} articles")
    for code, c in sorted(by_code.items(), key=lambda kv: -sum(kv[1].values())):
        if only and code != only:
            continue
        n = sum(c.values())
        items = ", ".join(f"{t} {k}" for t, k in c.most_common(top))
        print(f"{code:14s} {n:6d} (weak {weak[code]:5d})  {items}")
    print("\n# sources")
    for code, c in sorted(by_src.items(), key=lambda kv: -sum(kv[1].values())):
        items = ", ".join(f"{t} {k}" for t, k in c.most_common(top))
        print(f"{code:16s} {sum(c.values()):6d}  {items}")
    # second pass: caches warm, as in a long pipeline run
    folded = [(t, split_sentences(t)) for t in map(fold, texts)]
    t1 = time.perf_counter()
    for text, sents in folded:
        for s in sents:
            lex.find(text, s.start, s.end)
    t_actors = time.perf_counter() - t1
    t1 = time.perf_counter()
    for text, sents in folded:
        for s in sents:
            find_source(text, s.start, s.end, actors=lex)
    t_src = time.perf_counter() - t1
    print(f"\n# speed, first pass (cold caches): find + find_source {1000 * t_find / max(1, n_sent):.3f} ms/sentence, "
          f"{len(texts) / t_find:.0f} articles/s; with folding and splitting {len(texts) / wall:.0f} articles/s")
    print(f"# speed, warm: ActorLexicon.find {1000 * t_actors / max(1, n_sent):.3f} ms/sentence, "
          f"find_source {1000 * t_src / max(1, n_sent):.3f} ms/sentence, together "
          f"{len(texts) / (t_actors + t_src):.0f} articles/s")


def coverage(lex: ActorLexicon) -> None:
    gold_path = SHARED / "news" / "gold.jsonl"
    if not gold_path.exists():
        print("gold not found:", gold_path, file=sys.stderr)
        return
    docs: dict[str, str] = {}
    hit = tot = hit_armed = 0
    src_hit = src_tot = src_any = 0
    missed = collections.Counter[str]()
    for line in gold_path.open(encoding="utf-8"):
        r = json.loads(line)
        d = r["doc"]
        if d not in docs:
            docs[d] = fold((SHARED / "news" / f"{d}.txt").read_text(encoding="utf-8"))
        text = docs[d]
        ev = fold(r["evidence"])
        i = text.find(ev)
        if i < 0:
            continue
        sent = next((s for s in split_sentences(text) if s.start <= i < s.end), None)
        s, e = (sent.start, sent.end) if sent else (i, i + len(ev))
        codes = {m.code for m in lex.find(text, s, e)}
        armed = codes | {armed_code(c) for c in codes}
        for k in ("actor1", "actor2"):
            c = r.get(k)
            if not c:
                continue
            tot += 1
            hit += c in codes
            hit_armed += c in armed
            if c not in armed:
                missed[c] += 1
        if r.get("source"):
            src_tot += 1
            m = find_source(text, s, e, actors=lex)
            src_any += m is not None
            src_hit += m is not None and m.code == r["source"]
    print(f"\n# gold coverage ({tot} actor slots): code among the sentence's mentions {hit / tot:.1%}, "
          f"allowing GOV->MIL / OPP->REB {hit_armed / tot:.1%}")
    print("  missed codes:", ", ".join(f"{c} {n}" for c, n in missed.most_common(15)))
    print(f"# gold sources ({src_tot} sourced records): find_source in the same sentence exact {src_hit / src_tot:.1%}, "
          f"any source found {src_any / src_tot:.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--code", default=None, help="only print this actor code")
    args = ap.parse_args()
    lex = ActorLexicon.default()
    texts = corpus(args.articles)
    lex.find(fold("تنظيم داعش"))  # warm up
    frequent(texts, lex, args.top, args.code)
    coverage(lex)


if __name__ == "__main__":
    main()
