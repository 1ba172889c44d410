"""Build rasid's gazetteer package data from the shared source files.

Reads (relative to the repository root) ``../shared/data/gazetteer/``:

* ``syria_admin1-3_ar.tsv``: 14 governorates, 62 districts, 272 sub-districts (Open-Syria, CC BY 4.0)
* ``geonames_cities500_SY_neighbours.tsv``: towns of Syria and its neighbours (GeoNames, CC BY 4.0)
* ``villages/syria_villages_wof_ar.tsv``: 9,840 Syrian localities (Who's On First / GeoNames)

and the news corpus ``../shared/data/corpus/saudinewsnet/*.zip`` (word statistics only).

Writes ``src/rasid/data/gazetteer/places.tsv.gz`` and ``common_words.tsv``. The
hand-curated ``countries.tsv``, ``regions.tsv`` and ``aliases.tsv`` beside them are
read, not written.

Usage::

    python scripts/build_gazetteer.py [--shared PATH] [--no-corpus]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import logging
import math
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from rasid.resolve.geonames import SY_ADMIN1
from rasid.resolve.places import PLACE_COLUMNS, name_keys, word_key
from rasid.text.normalize import fold

logger = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasid" / "data" / "gazetteer"
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a ]+$")
_NAME_PREFIXES = ("منطقة ", "مركز ", "محافظة ", "مدينة ", "ناحية ")


def clean_names(names: list[str]) -> list[str]:
    """Arabic names usable as keys: Arabic letters only, no 1-letter words, unique."""
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        n = n.strip().rstrip(".\u200e")
        for pre in _NAME_PREFIXES:
            if n.startswith(pre):
                n = n[len(pre):]
        f = fold(n)
        if not f or not _ARABIC_NAME.match(f) or any(len(w) < 2 for w in f.split()):
            continue
        if f in seen:
            continue
        seen.add(f)
        out.append(n)
    return out


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def build_places(shared: Path) -> list[dict[str, str]]:
    gaz = shared / "data" / "gazetteer"
    rows: list[dict[str, str]] = []
    hand = read_tsv_commented(OUT / "countries.tsv")
    country_names = {r["country"]: r["name"] for r in hand if r["kind"] == "country"}
    hand_cities = [r for r in hand if r["kind"] in ("capital", "city")]

    # admin levels (Open-Syria)
    admin = read_tsv(gaz / "syria_admin1-3_ar.tsv")
    gov_name = {r["id"]: r["name_en"] for r in admin if r["admin_level"] == "1"}
    for r in admin:
        level = r["admin_level"]
        admin1 = r["name_en"] if level == "1" else gov_name[r["governorate_id"]]
        names = [r["name_ar"]] + [a for a in r["aliases_ar"].split("|") if a]
        if level != "1":
            names = [n for n in names if not n.startswith("مركز")]
        names = clean_names(names)
        if not names:
            continue
        rows.append({
            "id": r["ocha_pcode"], "name": r["name_en"], "kind": f"admin{level}", "country": "SY",
            "admin1": admin1, "lat": r["lat"], "lon": r["lon"], "population": "0", "feature": f"ADM{level}",
            "names_ar": "|".join(names),
        })

    alias_rows = read_tsv_commented(OUT / "aliases.tsv")
    aliases = {r["id"]: [n for n in r["names_ar"].split("|") if n] for r in alias_rows}
    alias_pop = {r["id"]: r["population"] for r in alias_rows if r.get("population")}

    # towns (GeoNames cities500)
    towns = read_tsv(gaz / "geonames_cities500_SY_neighbours.tsv")
    town_by_gn: dict[str, dict[str, str]] = {}
    dropped_dupes = 0
    for r in towns:
        names = clean_names([n for n in r["names_ar"].split("|") if n] + aliases.get(f"gn:{r['geonameid']}", []))
        if not names:
            continue
        cc = r["countrycode"]
        lat, lon = float(r["lat"]), float(r["lon"])
        folded = {fold(n) for n in names}
        if any(fold(n) in folded and haversine(lat, lon, float(h["lat"]), float(h["lon"])) < 30
               for h in hand_cities for n in h["names_ar"].split("|")):
            dropped_dupes += 1
            continue
        row = {
            "id": f"gn:{r['geonameid']}", "name": r["name"], "kind": "city", "country": cc,
            "admin1": SY_ADMIN1[r["admin1code"]] if cc == "SY" else country_names.get(cc, cc),
            "lat": r["lat"], "lon": r["lon"], "population": r["population"] or "0", "feature": "PPL",
            "names_ar": "|".join(names),
        }
        rows.append(row)
        town_by_gn[r["geonameid"]] = row
    logger.info("towns: %d kept, %d dropped as duplicates of countries.tsv capitals", len(town_by_gn), dropped_dupes)

    # villages (Who's On First)
    vil = read_tsv(gaz / "villages" / "syria_villages_wof_ar.tsv")
    n_v = n_merged = 0
    for r in vil:
        extra = aliases.get(r["source_id"], [])
        names = clean_names([r["name_ar"]] + [a for a in r["aliases_ar"].split("|") if a] + extra)
        if not names:
            continue
        town = town_by_gn.get(r["geonames_id"])
        if town is not None:  # same GeoNames place: keep the cities500 point, add the names
            merged = clean_names(town["names_ar"].split("|") + names)
            town["names_ar"] = "|".join(merged)
            town["feature"] = r["geonames_feature_code"] or town["feature"]
            n_merged += 1
            continue
        if r["possible_duplicate_of"]:
            continue
        rows.append({
            "id": r["source_id"], "name": r["name_en"],
            "kind": "neighbourhood" if r["placetype"] == "neighbourhood" else "village",
            "country": "SY", "admin1": r["admin1"], "lat": r["lat"], "lon": r["lon"],
            "population": alias_pop.get(r["source_id"], "0"),
            "feature": r["geonames_feature_code"], "names_ar": "|".join(names),
        })
        n_v += 1
    logger.info("villages: %d kept, %d merged into towns", n_v, n_merged)

    # districts / sub-districts named after their main town: the town gets their aliases ("كوباني")
    sy_towns = [r for r in rows if r["kind"] == "city" and r["country"] == "SY"]
    n_alias = 0
    for r in rows:
        if r["kind"] not in ("admin2", "admin3"):
            continue
        names = r["names_ar"].split("|")
        first = fold(names[0])
        for t in sy_towns:
            if t["admin1"] == r["admin1"] and first in {fold(n) for n in t["names_ar"].split("|")} and haversine(
                float(t["lat"]), float(t["lon"]), float(r["lat"]), float(r["lon"])
            ) < 30:
                merged = clean_names(t["names_ar"].split("|") + names)
                n_alias += len(merged) - len(t["names_ar"].split("|"))
                t["names_ar"] = "|".join(merged)
                break
    logger.info("towns: %d aliases taken from their districts", n_alias)
    return rows


def read_tsv_commented(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]


def safe_fold(text: str) -> str:
    """``fold`` that survives presentation-form characters NFKC leaves unchanged (e.g. U+FD3E)."""
    try:
        return fold(text)
    except RecursionError:
        bad = {c for c in set(text) if 0xFB50 <= ord(c) <= 0xFEFC and unicodedata.normalize("NFKC", c) == c}
        return fold("".join(" " if c in bad else c for c in text))


def stat_key(token: str) -> str:
    """Corpus key of a word: only the article and clitics *before* the article go."""
    for key, had_al, _bare in word_key(token):
        if had_al:
            return key
    return token


_STRONG_CUES = {
    "مدينه", "بلده", "قريه", "ريف", "حي", "منطقه", "ناحيه", "مخيم", "بلدات", "قري", "قرب", "محيط", "اطراف",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "مدينتي", "بلدتي", "احياء", "مطار",
    "قريتي", "معسكر", "جبهه", "محور", "مدن",
}


def corpus_stats(shared: Path, names: set[str]) -> dict[str, object]:
    """Word statistics of the news corpus.

    Returns document frequencies of word and word-pair keys over all articles
    (``df_all``) and over articles about Syria (``df_sy``), and for place-name
    keys of up to three words their occurrences (``occ``) and occurrences right
    after a place cue such as مدينة/قرية/ريف/قرب (``cued``).
    """
    df_all: Counter[str] = Counter()
    df_sy: Counter[str] = Counter()
    occ: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    n_all = n_sy = 0
    unigrams: set[str] = set()
    word_re = re.compile(r"[^\W\d_]+")
    for zpath in sorted((shared / "data" / "corpus" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for member in z.namelist():
                for art in json.loads(z.read(member)):
                    text = safe_fold((art.get("title") or "") + "\n" + (art.get("content") or ""))
                    toks = word_re.findall(text)
                    words = [stat_key(w) for w in toks]
                    keys = set(words)
                    unigrams.update(keys)
                    keys.update(a + b for a, b in zip(words, words[1:], strict=False))
                    n_all += 1
                    df_all.update(keys)
                    if "سوري" in text:
                        n_sy += 1
                        df_sy.update(keys)
                    for i, w in enumerate(words):
                        k = w
                        for j in range(i, min(i + 3, len(words))):
                            if j > i:
                                k += words[j]
                            if k in names:
                                occ[k] += 1
                                if i > 0 and (
                                    stat_key(toks[i - 1]) in _STRONG_CUES
                                    or (toks[i][0] == "و" and words[i - 1] in names and len(words[i - 1]) > 3)
                                ):
                                    cued[k] += 1  # after a place cue, or "و" + name after another name
    logger.info("corpus: %d articles, %d about Syria", n_all, n_sy)
    return {"df_all": df_all, "df_sy": df_sy, "n_all": n_all, "n_sy": n_sy, "unigrams": unigrams,
            "occ": occ, "cued": cued}


def common_words(
    rows: list[dict[str, str]], shared: Path, *, min_df: int, max_lift: float, min_cued: float, min_df_cued: int
) -> list[tuple[str, int, float, float]]:
    """Place-name keys that are frequent ordinary words in the corpus.

    A key is "common" when it occurs in at least ``min_df`` articles and is not
    concentrated in articles about Syria (its share there is below ``max_lift``
    times the base rate) or it seldom follows a place cue (share of
    occurrences after مدينة/قرية/ريف/قرب ... below ``min_cued``: "بشار",
    "الزيارة", "الشعب"). Frequent words from the corpus that are not yet names
    are listed too, so names added later (GeoNames dumps) get the same check.
    Country, capital, governorate and region entries never need a cue (the
    matcher checks the kind), so their names may be listed without harm.
    """
    names: set[str] = set()
    for r in rows:
        for n in r["names_ar"].split("|"):
            names.update(k for k, _, _ in name_keys(fold(n)))
    st = corpus_stats(shared, names)
    df_all, df_sy, unigrams = st["df_all"], st["df_sy"], st["unigrams"]
    occ, cued = st["occ"], st["cued"]
    base = st["n_sy"] / st["n_all"]
    out: list[tuple[str, int, float, float]] = []
    big: set[str] = set()  # keys of towns of 10,000 people or more: news names them without cues
    for r in rows:
        if int(r["population"] or 0) >= 10000:
            for n in r["names_ar"].split("|"):
                big.update(k for k, _, _ in name_keys(fold(n)))
    for key, df in df_all.items():
        if len(key) < 2 or df < min_df_cued:
            continue
        if df < min_df:
            cue_share = cued[key] / occ[key] if occ[key] else 0.0
            if key in names and key not in big and occ[key] >= min_df_cued and cue_share < min_cued:
                out.append((key, df, round((df_sy[key] / df) / base, 2), round(cue_share, 3)))
            continue
        if key not in names and (df < 4 * min_df or key not in unigrams):
            continue
        lift = (df_sy[key] / df) / base
        cue_share = cued[key] / occ[key] if occ[key] else 0.0
        exempt = key in big and lift >= 7.0  # a town name that news about Syria uses often ("تدمر", "اعزاز")
        if lift < max_lift or (key in names and not exempt and cue_share < min_cued):
            out.append((key, df, round(lift, 2), round(cue_share, 3)))
    out.sort(key=lambda t: (-t[1], t[0]))  # stable across runs (set order is hash-randomised)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--no-corpus", action="store_true", help="keep the existing common_words.tsv")
    ap.add_argument("--min-df", type=int, default=40, help="articles a word must occur in to be common")
    ap.add_argument("--max-lift", type=float, default=2.5, help="Syria concentration below which a word is common")
    ap.add_argument("--min-cued", type=float, default=0.08, help="share of cued uses below which a name is common")
    ap.add_argument("--min-df-cued", type=int, default=5, help="articles a name must occur in for the cue test")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    rows = build_places(args.shared)
    gz = gzip.GzipFile(OUT / "places.tsv.gz", "wb", compresslevel=9, mtime=0)  # mtime=0: same bytes every build
    with io.TextIOWrapper(gz, encoding="utf-8") as fh:
        cols = list(PLACE_COLUMNS[:-1]) + ["feature", "names_ar"]
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c] for c in cols) + "\n")
    logger.info("wrote %s (%d places)", OUT / "places.tsv.gz", len(rows))

    if not args.no_corpus:
        manual = [ln for ln in (OUT / "common_words.tsv").read_text(encoding="utf-8").splitlines()
                  if "\tmanual" in ln] if (OUT / "common_words.tsv").exists() else []
        words = common_words(rows, args.shared, min_df=args.min_df, max_lift=args.max_lift, min_cued=args.min_cued,
                             min_df_cued=args.min_df_cued)
        with (OUT / "common_words.tsv").open("w", encoding="utf-8") as fh:
            fh.write("# Ordinary Arabic words (folded keys, article removed) that are also place names.\n")
            fh.write("# A place whose key is listed needs a cue (مدينة، قرية، ريف ...) or a locative word near\n")
            fh.write("# another place. 'corpus' rows come from scripts/build_gazetteer.py (SaudiNewsNet document\n")
            fh.write("# frequency df, lift = share of Syria articles / base rate, cued = share of uses after a place\n")
            fh.write("# cue); 'manual' rows are kept on rebuild.\n")
            fh.write("key\tdf\tlift\tcued\tsource\n")
            seen = set()
            for ln in manual:
                fh.write(ln + "\n")
                seen.add(ln.split("\t")[0])
            for key, df, lift, cue_share in words:
                if key not in seen:
                    fh.write(f"{key}\t{df}\t{lift}\t{cue_share}\tcorpus\n")
        logger.info("wrote %s (%d corpus words, %d manual)", OUT / "common_words.tsv", len(words), len(manual))
    return 0


if __name__ == "__main__":
    sys.exit(main())
