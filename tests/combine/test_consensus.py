"""Consensus rows: grouping by metric, subject and date; sources; the disagreement flag."""

from __future__ import annotations

from datetime import date

import polars as pl

from flows.annotate import annotate
from flows.combine.consensus import build_consensus, disagree
from flows.extract.statistics import extract_statistics
from flows.model import Article, stable_id
from schemas import TABLES
from schemas.export import polars_schema

STATS, CONSENSUS = TABLES["statistics"][0], TABLES["statistics_consensus"][0]


def _article(name: str, text: str, outlet: str | None = None) -> Article:
    return Article(
        stable_id(name),
        stable_id(name),
        name,
        0,
        None,
        text,
        None,
        date(2020, 8, 20),
        "metadata",
        None,
        outlet,
    )


def _tables(*articles: Article) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows = [r for a in articles for r in extract_statistics(annotate(a))]
    stats = pl.DataFrame(rows, schema=polars_schema(STATS), orient="row")
    frame = pl.DataFrame(
        [
            {"article_id": a.article_id, "source_file": a.source_file, "outlet": a.outlet}
            for a in articles
        ]
    )
    return stats, frame


# Real sentences from three seed articles.
A = _article(
    "a.txt",
    "Belarus' Ministry of Internal Affairs said about 7,000 protesters had been detained in different cities since August 9.",
    "AFP",
)
B = _article(
    "b.txt",
    "Some 6,700 people were arrested in the wake of the election, and many have spoken of torture.",
)
C = _article(
    "c.txt",
    "Lukashenko’s notorious security services violently broke up peaceful protests after the vote, arresting nearly 7,000 people in a clampdown.",
    "AFP",
)
V1 = _article(
    "v1.txt",
    "The Central Election Commission said Lukashenko, who has been in power since 1994, won 80.1% of the vote and the main opposition candidate Svetlana Tikhanovskaya 10.12%. But Ms Tikhanovskaya insists that where the votes were correctly counted, she garnered support ranging from 60% to 70%.",
)
V2 = _article(
    "v2.txt",
    "In particular, 80.1% of voters supported incumbent President Alexander Lukashenko, 10.1% voted for Svetlana Tikhanovskaya.",
)


def test_detained_counts_group_and_disagree():
    stats, articles = _tables(A, B, C)
    out = build_consensus(stats, articles)
    CONSENSUS.validate(out)
    row = out.row(0, named=True)
    assert out.height == 1
    assert (row["metric"], row["subject"], row["n_claims"], row["n_sources"]) == (
        "detained",
        None,
        3,
        3,
    )
    assert (row["value_min"], row["value_median"], row["value_max"]) == (6700, 7000, 7000)
    assert row["disagree"] is True
    assert sorted(row["claim_ids"].split("|")) == sorted(stats["claim_id"])


def test_a_conversion_in_brackets_is_no_second_claim():
    sums = _article("m.txt", "Air France-KLM has secured at least €9bn (£7.9bn; $9.7bn) in aid.")
    stats, articles = _tables(sums)
    assert stats["converted_from"].to_list() == [None, *[stats["claim_id"][0]] * 2]
    out = build_consensus(stats, articles)
    assert (out.height, out["unit"].to_list(), out["n_claims"].to_list()) == (1, ["EUR"], [1])


def test_vote_shares_group_by_candidate_surname():
    stats, articles = _tables(V1, V2)
    out = build_consensus(stats, articles)
    CONSENSUS.validate(out)
    by_subject = {r["subject"]: r for r in out.iter_rows(named=True)}
    assert set(by_subject) == {"Alexander Lukashenko", "Svetlana Tikhanovskaya"}
    lukashenko, tikhanovskaya = (
        by_subject["Alexander Lukashenko"],
        by_subject["Svetlana Tikhanovskaya"],
    )
    assert (lukashenko["n_claims"], lukashenko["disagree"]) == (2, False)
    assert (tikhanovskaya["n_claims"], tikhanovskaya["disagree"]) == (3, True)
    assert tikhanovskaya["value_max"] == 65.0


def test_disagreement_is_about_intervals():
    def claim(low, high):
        return {"value_low": low, "value_high": high}

    assert not disagree([claim(2000, None), claim(7000, 7000)])  # "thousands" and "7,000"
    assert disagree([claim(7000, None), claim(6700, 6700)])  # "more than 7,000" and "6,700"
    assert not disagree([claim(15, 20), claim(20, 20)])
    assert disagree([claim(10.1, 10.1), claim(10.12, 10.12)])


def test_deterministic_and_empty():
    stats, articles = _tables(A, B, C, V1, V2)
    first = build_consensus(stats, articles)
    assert first.equals(build_consensus(stats.reverse(), articles))
    empty = build_consensus(stats.clear(), articles)
    assert empty.is_empty() and empty.columns == first.columns
