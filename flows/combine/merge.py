"""Merge event mentions across articles and outlets into one row per real-world event.

Mentions are compared only inside blocks (same event type; text-dated mentions in a sliding
date window, publication-dated ones within their article), so the work grows with the number
of mentions per type and week, not with the corpus squared. Clusters are found with a
union-find over compatible pairs visited in mention-id order: the result does not depend on row
order, and `event_id` is the hash of the cluster's sorted mention ids. Most mentions have no
compatible candidate at all: joins find them, and they become one-mention events column-wise,
so the per-mention Python work covers only the mentions that may merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import polars as pl

from flows.annotate import country_names
from flows.model import stable_id

#: text-dated mentions of these precisions may merge when their dates are this many days apart.
WINDOW_DAYS = {"day": 0, "week": 3, "month": 15, "year": 183}
#: named events ("March for Freedom") may merge across this many days (planned vs held).
NAMED_WINDOW_DAYS = 7
#: text-dated mentions further apart than this are never compared.
_SPAN = max(WINDOW_DAYS["month"], NAMED_WINDOW_DAYS)
#: types whose events are told apart by who acts (statements, meetings, measures).
ACTOR_BOUND_TYPES = frozenset(
    {"CONSULT", "SUPPORT", "AID", "ACCUSE", "REJECT", "REQUEST", "SANCTION", "AGREE",
     "THREATEN", "CONCEDE", "COOPERATE", "RETREAT", "MOBILIZE"}
)  # fmt: skip
_MODALITY_RANK = {"asserted": 0, "planned": 1, "threatened": 2, "hypothetical": 3, "negated": 4}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_NAME_STOP = frozenset({"the", "of", "for", "to", "against", "in", "a"})
_SIZES = ("participants", "detained", "killed")
_SIZE_COLUMNS = tuple(f"{size}_{bound}" for size in _SIZES for bound in ("low", "high"))

MENTION_COLUMNS = [
    "mention_id", "event_id", "article_id", "source_file", "event_type", "event_mode", "modality",
    "event_date", "date_precision", "date_text", "date_source", "actor1", "actor2", "location",
    "country_code", "latitude", "longitude", "event_name", "trigger", "evidence", "char_start",
    "char_end", "claim_ids", "participants_low", "participants_high", "detained_low",
    "detained_high", "killed_low", "killed_high",
]  # fmt: skip

#: the columns clustering and the events rows read (the rest pass through to event_mentions).
_MERGE_COLUMNS = [
    "mention_id", "article_id", "event_type", "event_mode", "modality", "event_date",
    "date_precision", "date_source", "actor1", "actor2", "location", "country_code", "latitude",
    "longitude", "event_name", *_SIZE_COLUMNS,
]  # fmt: skip


def merge_events(
    mentions: pl.DataFrame, articles: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event_mentions with event_id filled, events): one events row per real-world event."""
    schema = _mention_schema()
    dates = articles.select("article_id", "published_date").unique("article_id", keep="last")
    ordered = (
        mentions.sort("mention_id", maintain_order=True)
        .select(
            (pl.col(c) if c in mentions.columns else pl.lit(None)).cast(dtype).alias(c)
            for c, dtype in schema.items()
        )
        .join(dates, on="article_id", how="left", maintain_order="left")
    )
    names = pl.Series([name_key(n) for n in ordered["event_name"].to_list()], dtype=pl.String)
    linked = _linked(ordered.with_columns(name_key=names))
    merging = ordered.filter(linked)
    published = dict(
        zip(merging["article_id"].to_list(), merging["published_date"].to_list(), strict=True)
    )
    rows = merging.select(_MERGE_COLUMNS).to_dicts()
    for r, key in zip(rows, names.filter(linked).to_list(), strict=True):
        r["name_key"] = key
    events = []
    event_of: dict[str, str] = {}
    for members in _cluster(rows).values():
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


def _linked(keys: pl.DataFrame) -> pl.Series:
    """Which mentions have a compatible candidate pair (`_candidate_pairs`, `compatible`),
    found with joins: the others are one-mention events and need no clustering."""
    fact = pl.col("modality").is_in(["asserted", "planned"])
    countries = [p for p in keys["location"].unique().to_list() if p and _is_country(p)]
    keys = keys.select(
        pl.int_range(pl.len()).alias("i"),
        "event_type", "event_mode", "event_date", "date_precision", "article_id", "location",
        "country_code", "actor1", "name_key",
        pl.when(fact).then(pl.lit("asserted")).otherwise("modality").alias("modality_class"),
        pl.col("date_source").is_in(["text", "context"]).fill_null(False).alias("text_dated"),
        pl.col("location").is_in(countries).fill_null(False).alias("is_country"),
    )  # fmt: skip
    block = ["event_type", "modality_class"]
    text_dated = pl.col("text_dated")
    lazy = keys.lazy()
    dated = lazy.filter(text_dated & pl.col("event_date").is_not_null()).with_columns(
        span=pl.col("event_date").cast(pl.Int32) // (_SPAN + 1)
    )
    undated = lazy.filter(~text_dated)
    named = lazy.filter(pl.col("name_key").is_not_null())
    days = (pl.col("event_date") - pl.col("event_date_b")).dt.total_days().abs()
    earlier = pl.col("i") < pl.col("i_b")
    # Text dates of one precision at most _SPAN days apart fall in the same or consecutive spans
    # of _SPAN + 1 days; of different precisions, they fit only under one event name. Undated
    # mentions fit others of their article only under the same name (or none).
    later = pl.concat([dated, dated.with_columns(span=pl.col("span") - 1)])
    before = (pl.col("event_date") < pl.col("event_date_b")) | (
        (pl.col("event_date") == pl.col("event_date_b")) & earlier
    )
    dated_named = dated.filter(pl.col("name_key").is_not_null())
    pairs = pl.concat(
        [
            _join(dated, later, [*block, "date_precision", "span"])
            .filter(before, days <= _SPAN)
            .drop("span", "span_b"),
            _join(dated_named, dated_named, [*block, "name_key"])
            .filter(earlier, days <= _SPAN)
            .drop("span", "span_b"),
            _join(undated, undated, [*block, "article_id", "name_key"]).filter(earlier),
            _join(named.filter(~text_dated), named, [*block, "name_key"]).filter(
                pl.col("article_id") != pl.col("article_id_b")
            ),
        ]
    ).filter(_compatible(days))
    found = pairs.select(pl.concat([pl.col("i"), pl.col("i_b")]).unique()).collect(
        engine="in-memory"
    )
    return keys["i"].is_in(found["i"].implode())


def _join(left: pl.LazyFrame, right: pl.LazyFrame, on: list[str]) -> pl.LazyFrame:
    """Pairs of rows equal on `on` (None equals None, as in Python), the right one's columns
    suffixed _b."""
    pairs = left.join(right, on=on, suffix="_b", nulls_equal=True)
    columns = left.collect_schema().names()
    suffixed = (pl.col(c if c in on else f"{c}_b").alias(f"{c}_b") for c in columns)
    return pairs.select(*columns, *suffixed)


def _compatible(days: pl.Expr) -> pl.Expr:
    """`compatible` over joined pairs of the same type and modality class."""

    def given(c: str) -> pl.Expr:
        return pl.col(c).is_not_null() & (pl.col(c) != "")

    def same(c: str) -> pl.Expr:
        return pl.col(c).eq_missing(pl.col(f"{c}_b"))

    modes_fit = ~(given("event_mode") & given("event_mode_b") & ~same("event_mode"))
    named = pl.col("name_key").is_not_null() & pl.col("name_key_b").is_not_null()
    same_name = pl.col("name_key").is_not_null() & same("name_key")
    window = pl.col("date_precision").replace_strict(WINDOW_DAYS, default=0)
    text_dated = pl.col("text_dated") & pl.col("text_dated_b")
    dates_fit = (
        pl.when(text_dated & same_name)
        .then(days <= NAMED_WINDOW_DAYS)
        .when(text_dated)
        .then(same("date_precision") & (days <= window))
        .otherwise(
            same_name
            | (
                ~pl.col("text_dated")
                & ~pl.col("text_dated_b")
                & same("article_id")
                & same("name_key")
                & same("location")
            )
        )
    )
    places_fit = (
        ~given("location")
        | ~given("location_b")
        | same("location")
        | (
            (pl.col("is_country") | pl.col("is_country_b"))
            & pl.col("country_code").is_not_null()
            & same("country_code")
        )
    )
    actors_fit = (
        ~pl.col("event_type").is_in(ACTOR_BOUND_TYPES)
        | ~given("actor1")
        | ~given("actor1_b")
        | same("actor1")
    )
    return modes_fit & ~(named & ~same("name_key")) & dates_fit & places_fit & actors_fit


def _single_events(mentions: pl.DataFrame) -> pl.DataFrame:
    """The events rows of one-mention events (`_single_event` over mentions with the
    published_date of their article)."""

    def given(c: str) -> pl.Expr:
        return pl.when(pl.col(c) != "").then(c)

    located = pl.col("location").is_not_null() & (pl.col("location") != "")
    return mentions.select(
        "event_id",
        "event_type",
        given("event_mode"),
        "modality",
        "event_date",
        "date_precision",
        "date_source",
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


def name_key(name: str | None) -> str | None:
    """ "The March of Freedom" and "March for Freedom" -> "freedom march"."""
    if not name:
        return None
    words = sorted({w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _NAME_STOP})
    return " ".join(words) or None


def _candidate_pairs(rows: list[dict]) -> Iterable[tuple[dict, dict]]:
    """Pairs worth comparing: same type in a date window; undated mentions with those of their
    own article, or with any mention of the same event name."""
    by_type: dict[str, list[dict]] = {}
    for r in rows:
        by_type.setdefault(r["event_type"], []).append(r)
    for _, group in sorted(by_type.items()):
        dated = sorted(
            (r for r in group if r["event_date"] is not None and _text_dated(r)),
            key=lambda r: (r["event_date"], r["mention_id"]),
        )
        for i, a in enumerate(dated):
            for b in dated[i + 1 :]:
                if (b["event_date"] - a["event_date"]).days > _SPAN:
                    break
                yield a, b
        undated = [r for r in group if not _text_dated(r)]
        by_article: dict[str, list[dict]] = {}
        for r in undated:
            by_article.setdefault(r["article_id"], []).append(r)
        for _, same in sorted(by_article.items()):
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    yield a, b
        by_name: dict[str, list[dict]] = {}
        for r in group:
            if r["name_key"]:
                by_name.setdefault(r["name_key"], []).append(r)
        for _, named in sorted(by_name.items()):
            for a in named:
                if not _text_dated(a):
                    yield from (
                        (a, b) for b in named if b is not a and b["article_id"] != a["article_id"]
                    )


def compatible(a: dict, b: dict) -> bool:
    """True when two mentions can be the same real-world event."""
    if a["event_type"] != b["event_type"]:
        return False
    if a["event_mode"] and b["event_mode"] and a["event_mode"] != b["event_mode"]:
        return False
    if not _modalities_fit(a["modality"], b["modality"]):
        return False
    if a["name_key"] and b["name_key"] and a["name_key"] != b["name_key"]:
        return False
    if not _dates_fit(a, b):
        return False
    if not _places_fit(a, b):
        return False
    return a["event_type"] not in ACTOR_BOUND_TYPES or _actors_fit(a, b)


def _modalities_fit(x: str, y: str) -> bool:
    """Asserted and planned reports of one event merge; negated and conditional stay apart."""
    fact = {"asserted", "planned"}
    return x == y or (x in fact and y in fact)


def _text_dated(r: dict) -> bool:
    return r.get("date_source") in ("text", "context")


def _dates_fit(a: dict, b: dict) -> bool:
    """Text dates within the window of their precision; an undated mention fits another of its
    article with the same name and place, or a mention of the same named event anywhere."""
    if not _text_dated(a) or not _text_dated(b):
        if a["name_key"] and a["name_key"] == b["name_key"]:
            return True
        return (
            not _text_dated(a)
            and not _text_dated(b)
            and a["article_id"] == b["article_id"]
            and a["name_key"] == b["name_key"]
            and a["location"] == b["location"]
        )
    da, db = a["event_date"], b["event_date"]
    days = abs((da - db).days)
    if a["name_key"] and a["name_key"] == b["name_key"]:
        return days <= NAMED_WINDOW_DAYS
    pa, pb = a["date_precision"], b["date_precision"]
    if pa != pb:
        return False
    return days <= WINDOW_DAYS.get(pa, 0)


def _places_fit(a: dict, b: dict) -> bool:
    la, lb = a["location"], b["location"]
    if not la or not lb or la == lb:
        return True
    ca, cb = a["country_code"], b["country_code"]
    a_country = _is_country(la)
    b_country = _is_country(lb)
    return (a_country or b_country) and ca is not None and ca == cb


def _is_country(name: str) -> bool:
    return name in country_names()


def _actors_fit(a: dict, b: dict) -> bool:
    x, y = a["actor1"], b["actor1"]
    return not x or not y or x == y


def _cluster(rows: list[dict]) -> dict[str, list[dict]]:
    """Complete-linkage clusters: two clusters join only when every cross pair is compatible."""
    pairs = [(a, b) for a, b in _candidate_pairs(rows) if compatible(a, b)]
    pairs.sort(key=_pair_strength)
    root = {r["mention_id"]: r["mention_id"] for r in rows}
    members = {r["mention_id"]: [r] for r in rows}
    for a, b in pairs:
        ra, rb = root[a["mention_id"]], root[b["mention_id"]]
        if ra == rb or not all(compatible(x, y) for x in members[ra] for y in members[rb]):
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        for m in members.pop(gone):
            root[m["mention_id"]] = keep
            members[keep].append(m)
    return members


def _pair_strength(pair: tuple[dict, dict]) -> tuple:
    """Strongest evidence first: same event name, same place, closest dates."""
    a, b = pair
    same_name = a["name_key"] is not None and a["name_key"] == b["name_key"]
    same_place = a["location"] is not None and a["location"] == b["location"]
    days = (
        abs((a["event_date"] - b["event_date"]).days) if a["event_date"] and b["event_date"] else 99
    )
    return (not same_name, not same_place, days, a["mention_id"], b["mention_id"])


def _event(members: list[dict], published: dict[str, date | None]) -> dict:
    """The events row of one cluster."""
    ids = sorted(m["mention_id"] for m in members)
    best = min(
        members,
        key=lambda m: (
            not _text_dated(m),
            _PRECISION_RANK.get(m["date_precision"], 9),
            _MODALITY_RANK[m["modality"]],
            m["mention_id"],
        ),
    )
    best_text_dated, precision = _text_dated(best), best["date_precision"]
    dates = _count(
        [
            m["event_date"]
            for m in members
            if _text_dated(m) == best_text_dated and m["date_precision"] == precision
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
        "date_precision": best["date_precision"],
        "date_source": best.get("date_source"),
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
        "date_precision": m["date_precision"],
        "date_source": m.get("date_source"),
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
    cities = [m for m in located if not _is_country(m["location"])]
    pool = cities or located
    name = _mode([m["location"] for m in pool])
    return next(m for m in pool if m["location"] == name)


def _mode(values: list[str | None]) -> str | None:
    counts = _count([v for v in values if v])
    return _most_common(counts) if counts else None


def _count(values: list) -> dict:
    """Occurrences of each value (a plain dict: Counter's set-up costs more than these few)."""
    counts: dict = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def _most_common(counts: dict, prefer: object = None) -> object:
    if len(counts) == 1:
        return next(iter(counts))
    top = max(counts.values())
    tied = sorted(k for k, n in counts.items() if n == top)
    return prefer if prefer in tied else tied[0]


def _mention_schema() -> dict[str, pl.DataType]:
    strings = {c: pl.String for c in MENTION_COLUMNS}
    ints = {"char_start": pl.Int64, "char_end": pl.Int64}
    floats = {c: pl.Float64 for c in MENTION_COLUMNS if c.endswith(("_low", "_high", "itude"))}
    return {**strings, **ints, **floats, "event_date": pl.Date}


def _event_schema() -> dict[str, pl.DataType]:
    cols = [
        "event_id", "event_type", "event_mode", "modality", "event_date", "date_precision",
        "date_source", "location", "country_code", "latitude", "longitude", "actor1", "actor2",
        "event_name", "n_mentions", "n_articles", "participants_low", "participants_high",
        "detained_low", "detained_high", "killed_low", "killed_high", "first_reported",
        "last_reported",
    ]  # fmt: skip
    schema: dict[str, pl.DataType] = {c: pl.String for c in cols}
    schema.update({c: pl.Float64 for c in cols if c.endswith(("_low", "_high", "itude"))})
    schema.update({"n_mentions": pl.Int64, "n_articles": pl.Int64})
    schema.update({"event_date": pl.Date, "first_reported": pl.Date, "last_reported": pl.Date})
    return schema
