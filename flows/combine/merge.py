"""Merge event mentions across articles and outlets into one row per real-world event.

Mentions are clustered by `flows.combine.mention_clusters`, and `event_id` is the hash of the
cluster's sorted mention ids. Most mentions have no compatible candidate at all: they become
one-mention events column-wise, so the per-mention Python work covers only the mentions that
may merge.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from flows.combine.mention_clusters import (
    clusters,
    is_country,
    is_text_dated,
    linked_mentions,
    name_key,
)
from flows.model import stable_id

_MODALITY_RANK = {"asserted": 0, "planned": 1, "threatened": 2, "hypothetical": 3, "negated": 4}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_SIZES = ("participants", "detained", "killed")
_SIZE_COLUMNS = tuple(f"{size}_{bound}" for size in _SIZES for bound in ("low", "high"))

MENTION_COLUMNS = [
    "mention_id", "event_id", "article_id", "source_file", "event_type", "event_mode", "modality",
    "event_date", "date_low", "date_high", "date_precision", "date_text", "date_source",
    "background", "actor1", "actor2", "location",
    "country_code", "latitude", "longitude", "event_name", "trigger", "evidence", "char_start",
    "char_end", "claim_ids", "participants_low", "participants_high", "detained_low",
    "detained_high", "killed_low", "killed_high",
]  # fmt: skip

#: the columns clustering and the events rows read (the rest pass through to event_mentions).
_MERGE_COLUMNS = [
    "mention_id", "article_id", "event_type", "event_mode", "modality", "event_date",
    "date_low", "date_high", "date_precision", "date_source", "background", "actor1", "actor2",
    "location", "country_code", "latitude", "longitude", "event_name", "dated_article",
    *_SIZE_COLUMNS,
]  # fmt: skip


def merge_events(
    mentions: pl.DataFrame, articles: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event_mentions with event_id filled, events): one events row per real-world event."""
    schema = _mention_schema()
    has_range = "published_date_low" in articles.columns
    dates = articles.select(
        "article_id",
        "published_date",
        # an article with a publication date or range dates its weekdays; the latest date it
        # reports does not reliably: its mentions do not merge with other articles'
        (
            pl.col("published_date").is_not_null()
            | (pl.col("published_date_low").is_not_null() if has_range else pl.lit(False))
        ).alias("dated_article"),
    ).unique("article_id", keep="last")
    ordered = (
        mentions.sort("mention_id", maintain_order=True)
        .select(
            (pl.col(c) if c in mentions.columns else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in schema.items()
        )
        .with_columns(pl.col("background").fill_null(False))
        .join(dates, on="article_id", how="left", maintain_order="left")
    )
    names = pl.Series([name_key(n) for n in ordered["event_name"].to_list()], dtype=pl.String)
    linked = linked_mentions(ordered.with_columns(name_key=names))
    merging = ordered.filter(linked)
    published = dict(
        zip(merging["article_id"].to_list(), merging["published_date"].to_list(), strict=True)
    )
    rows = merging.select(_MERGE_COLUMNS).to_dicts()
    for r, key in zip(rows, names.filter(linked).to_list(), strict=True):
        r["name_key"] = key
    events = []
    event_of: dict[str, str] = {}
    for members in clusters(rows).values():
        single = len(members) == 1
        event = _single_event(members[0], published) if single else _event(members, published)
        events.append(event)
        for m in members:
            event_of[m["mention_id"]] = event["event_id"]
    event_ids = [event_of.get(m) or stable_id(m) for m in ordered["mention_id"].to_list()]
    ordered = ordered.with_columns(event_id=pl.Series(event_ids, dtype=pl.String))
    event_schema = _event_schema()
    out_events = pl.concat(
        [
            pl.DataFrame({c: [e[c] for e in events] for c in event_schema}, schema=event_schema),
            _single_events(ordered.filter(~linked)).select(list(event_schema)),
        ]
    ).sort("event_date", "event_type", "event_id", nulls_last=True)
    return ordered.select(list(schema)).sort("article_id", "char_start", "event_type"), out_events


def _single_events(mentions: pl.DataFrame) -> pl.DataFrame:
    """The events rows of one-mention events (`_single_event` over mentions with the
    published_date of their article)."""

    def given(c: str) -> pl.Expr:
        """The column, with '' as null."""
        return pl.when(pl.col(c) != "").then(c)

    located = pl.col("location").is_not_null() & (pl.col("location") != "")
    return mentions.select(
        "event_id",
        "event_type",
        given("event_mode"),
        "modality",
        "event_date",
        "date_low",
        "date_high",
        "date_precision",
        "date_source",
        "background",
        pl.when(located).then("location").alias("location"),
        pl.when(located).then("country_code").otherwise(given("country_code")),
        pl.when(located).then("latitude").alias("latitude"),
        pl.when(located).then("longitude").alias("longitude"),
        given("actor1"),
        given("actor2"),
        given("event_name"),
        pl.lit(1, pl.Int64).alias("n_mentions"),
        pl.lit(1, pl.Int64).alias("n_articles"),
        *_SIZE_COLUMNS,
        pl.col("published_date").alias("first_reported"),
        pl.col("published_date").alias("last_reported"),
    )


def _event(members: list[dict], published: dict[str, date | None]) -> dict:
    """The events row of one cluster."""
    ids = sorted(m["mention_id"] for m in members)
    best = min(
        members,
        key=lambda m: (
            not is_text_dated(m),
            _PRECISION_RANK.get(m["date_precision"], 9),
            _MODALITY_RANK[m["modality"]],
            m["mention_id"],
        ),
    )
    best_text_dated, precision = is_text_dated(best), best["date_precision"]
    dates = _count(
        [
            m["event_date"]
            for m in members
            if is_text_dated(m) == best_text_dated and m["date_precision"] == precision
        ]
    )
    event_date = _most_common(dates, prefer=best["event_date"])
    place = _best_place(members)
    pubs = sorted(d for d in (published.get(m["article_id"]) for m in members) if d is not None)
    row = {
        "event_id": stable_id(*ids),
        "event_type": members[0]["event_type"],
        "event_mode": _mode([m["event_mode"] for m in members]),
        "modality": min((m["modality"] for m in members), key=lambda x: _MODALITY_RANK[x]),
        "event_date": event_date,
        **_range(members, best, event_date),
        "date_precision": best["date_precision"],
        "date_source": best.get("date_source"),
        "background": all(m["background"] for m in members),
        "location": place["location"] if place else None,
        "country_code": place["country_code"]
        if place
        else _mode([m["country_code"] for m in members]),
        "latitude": place["latitude"] if place else None,
        "longitude": place["longitude"] if place else None,
        "actor1": _mode([m["actor1"] for m in members]),
        "actor2": _mode([m["actor2"] for m in members]),
        "event_name": _mode([m["event_name"] for m in members]),
        "n_mentions": len(members),
        "n_articles": len({m["article_id"] for m in members}),
        "first_reported": pubs[0] if pubs else None,
        "last_reported": pubs[-1] if pubs else None,
    }
    for size in _SIZES:
        lows = [m[f"{size}_low"] for m in members if m.get(f"{size}_low") is not None]
        highs = [m[f"{size}_high"] for m in members if m.get(f"{size}_high") is not None]
        row[f"{size}_low"] = float(min(lows)) if lows else None
        row[f"{size}_high"] = float(max(highs)) if highs else None
    return row


def _range(members: list[dict], best: dict, event_date: date | None) -> dict:
    """date_low and date_high of an event: the days every member's range allows (when they
    hold its date), else the range of the member its date comes from."""
    if event_date is not None and best["date_precision"] == "day":
        return {"date_low": event_date, "date_high": event_date}
    lows = [m["date_low"] for m in members if m["date_low"] is not None]
    highs = [m["date_high"] for m in members if m["date_high"] is not None]
    if lows and highs and max(lows) <= min(highs):
        low, high = max(lows), min(highs)
        if event_date is None or low <= event_date <= high:
            return {"date_low": low, "date_high": high}
    return {"date_low": best["date_low"], "date_high": best["date_high"]}


def _single_event(m: dict, published: dict[str, date | None]) -> dict:
    """The events row of a one-mention cluster: `_event`'s row without its tallies."""
    located = bool(m["location"])
    published_date = published.get(m["article_id"])
    row = {
        "event_id": stable_id(m["mention_id"]),
        "event_type": m["event_type"],
        "event_mode": m["event_mode"] or None,
        "modality": m["modality"],
        "event_date": m["event_date"],
        "date_low": m["date_low"],
        "date_high": m["date_high"],
        "date_precision": m["date_precision"],
        "date_source": m.get("date_source"),
        "background": m["background"],
        "location": m["location"] if located else None,
        "country_code": m["country_code"] if located else m["country_code"] or None,
        "latitude": m["latitude"] if located else None,
        "longitude": m["longitude"] if located else None,
        "actor1": m["actor1"] or None,
        "actor2": m["actor2"] or None,
        "event_name": m.get("event_name") or None,
        "n_mentions": 1,
        "n_articles": 1,
        "first_reported": published_date,
        "last_reported": published_date,
    }
    for column in _SIZE_COLUMNS:
        value = m.get(column)
        row[column] = None if value is None else float(value)
    return row


def _best_place(members: list[dict]) -> dict | None:
    """The most often named city or region, else the most often named country."""
    located = [m for m in members if m["location"]]
    if not located:
        return None
    cities = [m for m in located if not is_country(m["location"])]
    pool = cities or located
    name = _mode([m["location"] for m in pool])
    return next(m for m in pool if m["location"] == name)


def _mode(values: list[str | None]) -> str | None:
    """The most frequent non-empty value (the smallest among equals), or None."""
    counts = _count([v for v in values if v])
    return _most_common(counts) if counts else None


def _count(values: list) -> dict:
    """Occurrences of each value (a plain dict: Counter's set-up costs more than these few)."""
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _most_common(counts: dict, prefer: object = None) -> object:
    """The most frequent key: `prefer` when it is among the most frequent, else the smallest."""
    if len(counts) == 1:
        return next(iter(counts))
    top = max(counts.values())
    tied = sorted(k for k, n in counts.items() if n == top)
    return prefer if prefer in tied else tied[0]


def _mention_schema() -> dict[str, pl.DataType]:
    """The columns and dtypes of event_mentions rows."""
    strings = {c: pl.String for c in MENTION_COLUMNS}
    ints = {"char_start": pl.Int64, "char_end": pl.Int64}
    floats = {c: pl.Float64 for c in MENTION_COLUMNS if c.endswith(("_low", "_high", "itude"))}
    dates = {"event_date": pl.Date, "date_low": pl.Date, "date_high": pl.Date}
    return {**strings, **ints, **floats, **dates, "background": pl.Boolean}


def _event_schema() -> dict[str, pl.DataType]:
    """The columns and dtypes of events rows."""
    cols = [
        "event_id", "event_type", "event_mode", "modality", "event_date", "date_low", "date_high",
        "date_precision", "date_source", "background", "location", "country_code", "latitude", "longitude", "actor1", "actor2",
        "event_name", "n_mentions", "n_articles", "participants_low", "participants_high",
        "detained_low", "detained_high", "killed_low", "killed_high", "first_reported",
        "last_reported",
    ]  # fmt: skip
    schema: dict[str, pl.DataType] = {c: pl.String for c in cols}
    schema.update({c: pl.Float64 for c in cols if c.endswith(("_low", "_high", "itude"))})
    schema.update({"n_mentions": pl.Int64, "n_articles": pl.Int64})
    schema.update({"event_date": pl.Date, "first_reported": pl.Date, "last_reported": pl.Date})
    schema.update({"date_low": pl.Date, "date_high": pl.Date, "background": pl.Boolean})
    return schema
