"""Score publication dates inferred from text against true dates: news2020's and the seeds'.

news2020 (../shared/corpora/news2020_bbc_cnn_st, read at run time, never copied) gives each
article's true publication `date`. Every article with one is written to a temporary folder as
headline and body only (no sidecar: the date is hidden) and ingested as `chronicle run` reads a
seeds folder; its inferred day or range is then compared with the true date. Articles split by
a stable hash of their id (`split_of`): rules may be tuned on `dev`, `test` is only reported.
The seeds (seeds/) have no sidecars, hence no true dates: their report counts days and ranges.

Per split: `articles`; `days` (articles given a day) and `coverage` (days / articles); `exact`
and `within_1` (share of the days right to the day, within one day); `ranges` (articles given a
range but no day), `range_holds` (share of the ranges that hold the true date) and
`range_days` (their median width in days); `undated` (neither).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
from datetime import date
from pathlib import Path

import polars as pl

from flows.evaluate.corpus_files import write_document
from flows.ingest.corpus import load_corpus

NEWS2020 = "news2020_bbc_cnn_st"


def split_of(article_id: str) -> str:
    """`dev` or `test`, by the last hex digit of the sha256 of the id (about 11 in 16 dev)."""
    return "dev" if hashlib.sha256(article_id.encode("utf-8")).hexdigest()[-1] < "b" else "test"


def evaluate_pubdates(corpora: Path, seeds: Path | None = None) -> dict:
    """The scores per split of news2020 (and of `seeds` when given); {} without the corpus."""
    path = corpora / NEWS2020 / "articles.jsonl"
    if not path.is_file():
        return {}
    truth: dict[str, date] = {}
    with tempfile.TemporaryDirectory(prefix="chronicle-pubdates-") as tmp:
        folder = Path(tmp)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if not doc.get("date") or not (doc.get("text") or "").strip():
                    continue
                truth[doc["id"]] = date.fromisoformat(doc["date"][:10])
                write_document(doc, folder, metadata=False)
        articles = load_corpus(folder)[1]
    articles = articles.with_columns(
        pl.col("source_file").str.replace(r"\.txt$", "").alias("doc_id")
    ).filter(pl.col("position") == 0)  # a file that splits in two is dated by its first part
    report = {}
    for split in ("dev", "test"):
        rows = articles.filter(
            pl.col("doc_id").map_elements(split_of, return_dtype=pl.String) == split
        )
        report[split] = score(rows, truth)
    if seeds is not None and seeds.is_dir():
        report["seeds"] = score(load_corpus(seeds)[1], {})
    return report


def score(articles: pl.DataFrame, truth: dict[str, date]) -> dict:
    """The scores of one set of articles (`doc_id` keys `truth`; without it, counts only)."""
    days = exact = near = ranges = holds = 0
    widths = []
    has_range = "published_date_low" in articles.columns
    for row in articles.iter_rows(named=True):
        true = truth.get(row.get("doc_id") or "")
        if row["published_date"] is not None:
            days += 1
            if true is not None:
                gap = abs((row["published_date"] - true).days)
                exact += gap == 0
                near += gap <= 1
        elif has_range and row["published_date_low"] is not None:
            ranges += 1
            widths.append((row["published_date_high"] - row["published_date_low"]).days + 1)
            if true is not None:
                holds += row["published_date_low"] <= true <= row["published_date_high"]
    n = articles.height
    out: dict[str, object] = {"articles": n, "days": days, "coverage": _ratio(days, n)}
    if truth:
        out.update(exact=_ratio(exact, days), within_1=_ratio(near, days))
    out.update(ranges=ranges, range_days=statistics.median(widths) if widths else None)
    if truth:
        out["range_holds"] = _ratio(holds, ranges)
    out["undated"] = n - days - ranges
    return out


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None
