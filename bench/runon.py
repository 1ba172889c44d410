"""Extraction time of run-on sentences: not a test.

A "sentence" of N comma-joined clauses (an article without full stops, a list
page) must cost about N times one clause, not N². Prints CPU seconds per size
and the ratio to the smallest size; a linear pipeline keeps time/N flat.

Usage (from the repository root)::

    python bench/runon.py                 # 100, 200, 400, 800 clauses
    python bench/runon.py --sizes 50,500
"""

from __future__ import annotations

import argparse
import time

from rasid.doc import Document
from rasid.pipeline import Pipeline

CLAUSE = "وقصفت قوات النظام بلدة كفرنبل في ريف إدلب وقتل {n} مدنيين"


def main() -> None:
    """Time the default pipeline on run-on sentences of growing length."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,200,400,800")
    args = ap.parse_args()
    pipe = Pipeline.default()
    pipe(Document.from_raw("warm", "عنوان\n" + CLAUSE.format(n=3) + "."))
    base = None
    for n in (int(x) for x in args.sizes.split(",")):
        raw = "عنوان\n" + "، ".join(CLAUSE.format(n=i % 9 + 2) for i in range(n)) + "."
        t = time.process_time()
        doc = pipe(Document.from_raw("x", raw))
        dt = time.process_time() - t
        per = dt / n * 1000
        base = base or per
        print(f"{n:5d} clauses  {dt:7.2f} s CPU  {per:6.2f} ms/clause  x{per / base:4.1f} per clause  "
              f"{len(doc.events)} events")


if __name__ == "__main__":
    main()
