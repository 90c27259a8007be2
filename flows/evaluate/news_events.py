"""Score the event extractor on general news: eval/gold/events_news.jsonl.

The gold lists, for 119 dated articles of ../shared/corpora (eval/gold/events_news_articles.json
names them, with their split), every PLOVER event an analyst would list: its acceptable types,
the day it happened (`date`, or null with the range `date_low`..`date_high` the text allows),
place, actors, modality, and a verbatim piece of every sentence that reports it (`evidence`).
`optional` marks background, minor and unrealised events, so that extra correct rows are not
errors. The articles are read at run time from the corpora and ingested as `chronicle run` reads
a file with a publication-date sidecar (`flows.evaluate.corpus_files`).

Scores per split (`dev` may be tuned on; `test` is never read while writing rules):
- `real`: asserted mentions whose sentence reports a gold event (any of its evidence), over all
  asserted mentions; `typed` also asks for an acceptable type;
- `date_right`: of the asserted mentions matched to a gold event with a type, the share whose
  day is the gold day, or whose range (`date_low`..`date_high`, at most a week) holds it (for a
  gold range: lies inside it, or holds it within a week);
- `place_right`: of those with a gold place, the share whose place is it (or in its country,
  when the gold names a country);
- `main_found`: required gold events with a mention of an acceptable type, not negated, in an
  evidence sentence, with the date right; `main_found_placed` also asks for the place where the
  gold names one (GOLD.md's scoring);
- `events_per_article`: distinct asserted events of an article (mentions after merging) over
  the gold's asserted events, summed over articles;
- `missed` (dev only): the required events not found.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from flows.annotate import lookup
from flows.evaluate.corpus_files import listed_articles
from flows.evaluate.events import run_extractor
from flows.model import Article

GOLD = "events_news.jsonl"
ARTICLES = "events_news_articles.json"
#: a range wider than this does not say the day.
MAX_RANGE_DAYS = 7


def evaluate_news_events(gold_dir: Path, corpora: Path) -> dict:
    """The scores per split; {} when the corpora are absent."""
    listed = json.loads((gold_dir / ARTICLES).read_text(encoding="utf-8"))["articles"]
    if not all((corpora / a["corpus"] / "articles.jsonl").is_file() for a in listed):
        return {}
    lines = [json.loads(x) for x in (gold_dir / GOLD).read_text("utf-8").splitlines() if x]
    gold = [_parsed(g) for g in lines if not g.get("article")]
    articles = listed_articles(listed, corpora)
    report = {}
    for split in ("dev", "test"):
        ids = {a["id"] for a in listed if a["split"] == split}
        report[split] = score(
            [g for g in gold if g["id"] in ids],
            [a for i in sorted(ids) for a in articles.get(i, ())],
        )
    del report["test"]["missed"]  # the test part's misses are not read while writing rules
    return report


def _parsed(g: dict) -> dict:
    """A gold line with its dates parsed and its evidence with whitespace collapsed."""
    days = {
        k: date.fromisoformat(g[k]) if g.get(k) else None for k in ("date", "date_low", "date_high")
    }
    return {**g, **days, "evidence": [_flat(e) for e in g["evidence"]]}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def mentions_of(articles: list[Article]) -> pl.DataFrame:
    """The event_mentions rows of the articles, with event ids, as the pipeline builds them."""
    return run_extractor(articles)[0] if articles else pl.DataFrame()


def score(gold: list[dict], articles: list[Article]) -> dict:
    """The scores of one split (see the module docstring)."""
    doc_of = {a.article_id: _doc_id(a) for a in articles}
    mentions = mentions_of(articles)
    rows = mentions.to_dicts() if mentions.height else []
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(g["id"], []).append(g)
    asserted = [m for m in rows if m["modality"] == "asserted"]
    real = typed = dated = date_right = located = place_right = 0
    for m in asserted:
        told = [g for g in by_doc.get(doc_of[m["article_id"]], ()) if _reports(m, g)]
        real += bool(told)
        fits = [g for g in told if m["event_type"] in g["types"]]
        typed += bool(fits)
        with_day = [g for g in fits if g["date"] or g["date_low"]]
        if with_day:
            dated += 1
            date_right += any(date_fits(m, g) for g in with_day)
        placed = [g for g in fits if g.get("where")]
        if placed:
            located += 1
            place_right += any(place_fits(m, g["where"]) for g in placed)
    required = [g for g in gold if not g["optional"] and (g["date"] or g["date_low"])]
    found = [g for g in required if any(_finds(m, g, doc_of) for m in rows)]
    placed_found = [
        g
        for g in found
        if not g.get("where")
        or any(_finds(m, g, doc_of) and place_fits(m, g["where"]) for m in rows)
    ]
    gold_events = sum(1 for g in gold if g["modality"] == "asserted")
    events = len({(m["article_id"], m["event_id"]) for m in asserted})
    return {
        "articles": len(articles),
        "asserted_mentions": len(asserted),
        "real": _ratio(real, len(asserted)),
        "typed": _ratio(typed, len(asserted)),
        "date_right": _ratio(date_right, dated),
        "place_right": _ratio(place_right, located),
        "main_found": _ratio(len(found), len(required)),
        "main_found_placed": _ratio(len(placed_found), len(required)),
        "n_main": len(required),
        "events_per_article": _ratio(events, gold_events),
        "missed": [
            f"{g['id']} {g['types'][0]} {g['date'] or g['date_low']}: {g['what']}"
            for g in required
            if g not in found
        ],
    }


def date_fits(m: dict, g: dict) -> bool:
    """Whether a mention's date is the gold day, or its range (a week at most) holds it; for a
    gold range, whether the mention's range lies inside it, or holds it within a week."""
    low, high = m["date_low"], m["date_high"]
    if low is None or high is None:
        return False
    narrow = high - low <= timedelta(days=MAX_RANGE_DAYS)
    if g["date"] is not None:
        return narrow and low <= g["date"] <= high
    inside = g["date_low"] <= low and high <= g["date_high"]
    return inside or narrow and low <= g["date_low"] and g["date_high"] <= high


def place_fits(m: dict, where: str) -> bool:
    """Whether a mention's place is the gold's: the same name, or the same country when
    either is a country (the gold names the place as the text does)."""
    if not m["location"]:
        return False
    if m["location"].lower() == where.lower():
        return True
    place = lookup(where)
    if place is None or m["country_code"] is None or place.country_code != m["country_code"]:
        return False
    return place.kind == "country" or m["location"] == place.name or lookup(m["location"]) is None


def _reports(m: dict, g: dict) -> bool:
    """Whether the mention's sentence is one that reports the gold event."""
    sentence = _flat(m["evidence"])
    return any(e in sentence or sentence in e for e in g["evidence"])


def _finds(m: dict, g: dict, doc_of: dict[str, str]) -> bool:
    return (
        doc_of[m["article_id"]] == g["id"]
        and m["modality"] != "negated"
        and m["event_type"] in g["types"]
        and _reports(m, g)
        and date_fits(m, g)
    )


def _doc_id(article: Article) -> str:
    return Path(article.source_file).stem


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None
