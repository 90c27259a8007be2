"""Put the claims about the same quantity side by side: one row per metric, subject and date.

Claims group by metric, unit, subject and as_of_date (null dates group together); under a
family's catch-all metric (`count`, `money`, `rate`, `change`) also by what they measure, so
"200 homes" and "300 flights" never meet. Amounts in different currencies have different units
and are never combined; an amount that only converts another in brackets (`converted_from`)
is left out, so a sum counts once. Subjects that
name nobody in particular ("people", "protesters", none) group as null; candidates group by
surname, so "Lukashenko" and "Alexander Lukashenko" are one subject. A source is the claim's
`attributed_to` when given, else the article's outlet, else its source file. Each claim is the
interval [value_low, value_high] (value_high null = unbounded); the group disagrees when the
intervals have no value in common (6,700 vs 7,000; 10.1% vs 10.12%; 10.12% vs 60-70%).
"""

from __future__ import annotations

import statistics as stats
from collections import Counter, defaultdict

import polars as pl

from flows.extract import is_generic_subject
from flows.model import stable_id
from schemas import TABLES
from schemas.export import empty_frame, polars_schema

_MODEL = TABLES["statistics_consensus"][0]


def build_consensus(statistics: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """The `statistics_consensus` table of a `statistics` table (deterministic)."""
    if statistics.is_empty():
        return empty_frame(_MODEL)
    outlets = _article_sources(articles, statistics["article_id"])
    groups: dict[tuple, list[dict]] = defaultdict(list)
    given = statistics.filter(pl.col("converted_from").is_null())
    for claim in given.sort("claim_id").iter_rows(named=True):
        groups[_group_key(claim)].append(claim)
    rows = [_consensus_row(key, claims, outlets) for key, claims in groups.items()]
    rows.sort(
        key=lambda r: (
            r["metric"], r["subject"] or "", str(r["as_of_date"]), r["unit"], r["measure"] or ""
        )
    )  # fmt: skip
    return pl.DataFrame(rows, schema=polars_schema(_MODEL), orient="row")


def _article_sources(articles: pl.DataFrame, article_ids: pl.Series) -> dict[str, str]:
    """article_id -> its outlet, or its source file when the outlet is unknown (of the articles
    `article_ids` names)."""
    if articles.is_empty():
        return {}
    outlet = (
        pl.col("outlet").fill_null(pl.col("source_file"))
        if "outlet" in articles.columns
        else pl.col("source_file")
    )
    frame = articles.filter(pl.col("article_id").is_in(article_ids.implode())).select(
        "article_id", outlet.alias("source")
    )
    return dict(zip(frame["article_id"].to_list(), frame["source"].to_list(), strict=True))


#: metrics that name no quantity of their own: their claims group by `measure` too
CATCH_ALL = frozenset({"count", "money", "rate", "change"})


def _group_key(claim: dict) -> tuple:
    subject = claim["subject"]
    if claim["metric"] == "vote_share":
        subject_key = subject.split()[-1].lower() if subject else None
    else:
        subject_key = None if is_generic_subject(subject) else subject.lower()
    measure = (claim["measure"] or "").lower() if claim["metric"] in CATCH_ALL else None
    return claim["metric"], claim["unit"], subject_key, claim["as_of_date"], measure


def source_of(claim: dict, outlets: dict[str, str]) -> str:
    """Who a claim comes from: its attribution, else its article's outlet or file."""
    if claim["attributed_to"]:
        words = claim["attributed_to"].lower().split()
        return " ".join(words[1:] if words[0] in ("the", "a", "an") and len(words) > 1 else words)
    return outlets.get(claim["article_id"]) or claim["source_file"]


def disagree(claims: list[dict]) -> bool:
    """True when no single value lies within every claim's [value_low, value_high]."""
    highest_low = max(c["value_low"] for c in claims)
    highs = [c["value_high"] for c in claims if c["value_high"] is not None]
    return bool(highs) and highest_low > min(highs) + 1e-9


def _consensus_row(key: tuple, claims: list[dict], outlets: dict[str, str]) -> dict:
    metric, unit, subject_key, as_of, measure = key
    values = [c["value"] for c in claims]
    subject = None
    if subject_key is not None:
        names = Counter(c["subject"] for c in claims if c["subject"])
        subject = sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    return {
        "consensus_id": stable_id(
            metric, unit, subject_key, as_of, *([measure] if measure else [])
        ),
        "metric": metric,
        "measure": measure or None,
        "subject": subject,
        "as_of_date": as_of,
        "unit": unit,
        "n_claims": len(claims),
        "n_sources": len({source_of(c, outlets) for c in claims}),
        "value_min": float(min(values)),
        "value_max": float(max(values)),
        "value_median": float(stats.median(values)),
        "disagree": disagree(claims),
        "claim_ids": "|".join(c["claim_id"] for c in claims),
    }
