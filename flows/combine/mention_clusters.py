"""Which event mentions are one real-world event: the rule for two mentions, and the clusters.

Mentions of different articles are one event only at a known place (or for a statement by the
same actor, or under one event name), at day or week precision, and when both articles have a
publication date or range: weekdays resolved against the latest date an article reports were
the true day for 29 of 197 news2020 articles, and such dates merged unrelated events.

Mentions are compared only inside blocks (same event type; text-dated mentions in a sliding
date window, publication-dated ones within their article), so the work grows with the number
of mentions per type and week, not with the corpus squared. Clusters are found with a
union-find over compatible pairs visited in mention-id order: the result does not depend on row
order. Most mentions have no compatible candidate at all: the same rule over joins
(`linked_mentions`) finds them before any pair is visited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from flows.annotate import country_names

#: the date sources that are words of the article (the rest: publication week, background).
TEXT_DATED = ("text", "context", "coreference")
#: text-dated mentions of these precisions may merge when their dates are this many days apart.
WINDOW_DAYS = {"day": 0, "week": 3, "month": 15, "year": 183}
#: the precisions at which mentions of different articles may be one event.
CROSS_ARTICLE_PRECISION = ("day", "week")
#: named events ("March for Freedom") may merge across this many days (planned vs held).
NAMED_WINDOW_DAYS = 7
#: text-dated mentions further apart than this are never compared.
_SPAN = max(WINDOW_DAYS["month"], NAMED_WINDOW_DAYS)
#: types whose events are told apart by who acts (statements, meetings, measures).
ACTOR_BOUND_TYPES = frozenset(
    {"CONSULT", "SUPPORT", "AID", "ACCUSE", "REJECT", "REQUEST", "SANCTION", "AGREE",
     "THREATEN", "CONCEDE", "COOPERATE", "RETREAT", "MOBILIZE"}
)  # fmt: skip
_NAME_STOP = frozenset({"the", "of", "for", "to", "against", "in", "a"})


def linked_mentions(keys: pl.DataFrame) -> pl.Series:
    """Which mentions have a compatible candidate pair (`_candidate_pairs`, `compatible`),
    found with joins: the others are one-mention events and need no clustering."""
    fact = pl.col("modality").is_in(["asserted", "planned"])
    countries = [p for p in keys["location"].unique().to_list() if p and is_country(p)]
    keys = keys.select(
        pl.int_range(pl.len()).alias("i"),
        "event_type", "event_mode", "event_date", "date_low", "date_high", "date_precision",
        "article_id", "location", "country_code", "actor1", "name_key",
        pl.col("dated_article").fill_null(False),
        pl.when(fact).then(pl.lit("asserted")).otherwise("modality").alias("modality_class"),
        pl.col("date_source").is_in(TEXT_DATED).fill_null(False).alias("text_dated"),
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
            _join(undated, dated.drop("span"), [*block, "article_id"]),
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
        """The column holds a value other than ''."""
        return pl.col(c).is_not_null() & (pl.col(c) != "")

    def same(c: str) -> pl.Expr:
        """The column equals its pair's (None equals None)."""
        return pl.col(c).eq_missing(pl.col(f"{c}_b"))

    modes_fit = ~(given("event_mode") & given("event_mode_b") & ~same("event_mode"))
    named = pl.col("name_key").is_not_null() & pl.col("name_key_b").is_not_null()
    same_name = pl.col("name_key").is_not_null() & same("name_key")
    window = pl.col("date_precision").replace_strict(WINDOW_DAYS, default=0)
    same_article = same("article_id")
    text_dated = pl.col("text_dated") & pl.col("text_dated_b")
    dates_fit = (
        pl.when(text_dated & same_name)
        .then(days <= NAMED_WINDOW_DAYS)
        .when(text_dated)
        .then(
            same("date_precision")
            & (days <= window)
            & (same_article | pl.col("date_precision").is_in(CROSS_ARTICLE_PRECISION))
        )
        .otherwise(
            same_name
            | (~pl.col("text_dated") & ~pl.col("text_dated_b") & same_article & same("name_key"))
            | (same_article & _holds_day(undated_left=True) & ~pl.col("text_dated"))
            | (same_article & _holds_day(undated_left=False) & ~pl.col("text_dated_b"))
        )
    )
    places_fit = (
        (~given("location") | ~given("location_b"))
        & (
            same_article
            | same_name
            | pl.col("event_type").is_in(ACTOR_BOUND_TYPES) & given("actor1") & same("actor1")
        )
        | given("location") & same("location")
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
    dated_articles = same_article | same_name | pl.col("dated_article") & pl.col("dated_article_b")
    return (
        modes_fit
        & ~(named & ~same("name_key"))
        & dates_fit
        & places_fit
        & actors_fit
        & dated_articles
    )


def _holds_day(undated_left: bool) -> pl.Expr:
    """`_holds` over joined pairs: the undated side's range holds the other's day, and its
    name is none or the other's."""
    u, d = ("", "_b") if undated_left else ("_b", "")
    day = pl.col(f"event_date{d}")
    return (
        pl.col(f"text_dated{d}")
        & (pl.col(f"date_precision{d}") == "day")
        & (pl.col(f"date_low{u}") <= day).fill_null(False)
        & (day <= pl.col(f"date_high{u}")).fill_null(False)
        & (
            pl.col(f"name_key{u}").is_null()
            | pl.col(f"name_key{u}").eq_missing(pl.col(f"name_key{d}"))
        )
    )


def name_key(name: str | None) -> str | None:
    """ "The March of Freedom" and "March for Freedom" -> "freedom march"."""
    if not name:
        return None
    words = sorted({w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _NAME_STOP})
    return " ".join(words) or None


def _candidate_pairs(rows: list[dict]) -> Iterable[tuple[dict, dict]]:
    """Pairs worth comparing: same type in a date window; undated mentions with the others of
    their own article, or with any mention of the same event name."""
    by_type: dict[str, list[dict]] = {}
    for r in rows:
        by_type.setdefault(r["event_type"], []).append(r)
    for _, group in sorted(by_type.items()):
        dated = sorted(
            (r for r in group if r["event_date"] is not None and is_text_dated(r)),
            key=lambda r: (r["event_date"], r["mention_id"]),
        )
        for i, a in enumerate(dated):
            for b in dated[i + 1 :]:
                if (b["event_date"] - a["event_date"]).days > _SPAN:
                    break
                yield a, b
        undated = [r for r in group if not is_text_dated(r)]
        by_article: dict[str, list[dict]] = {}
        for r in undated:
            by_article.setdefault(r["article_id"], []).append(r)
        for _, same in sorted(by_article.items()):
            for i, a in enumerate(same):
                for b in same[i + 1 :]:
                    yield a, b
        for b in dated:
            yield from ((a, b) for a in by_article.get(b["article_id"], ()))
        by_name: dict[str, list[dict]] = {}
        for r in group:
            if r["name_key"]:
                by_name.setdefault(r["name_key"], []).append(r)
        for _, named in sorted(by_name.items()):
            for a in named:
                if not is_text_dated(a):
                    yield from (
                        (a, b) for b in named if b is not a and b["article_id"] != a["article_id"]
                    )


def compatible(a: dict, b: dict) -> bool:
    """True when two mentions can be the same real-world event."""
    if a["event_type"] != b["event_type"]:
        return False
    same_name = bool(a["name_key"]) and a["name_key"] == b["name_key"]
    dated = a["dated_article"] and b["dated_article"]
    if a["article_id"] != b["article_id"] and not (dated or same_name):
        return False  # the latest date an article reports dates its weekdays unreliably
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


def is_text_dated(r: dict) -> bool:
    """Whether a mention is dated by words (its sentence's or the one before), not by publication."""
    return r.get("date_source") in TEXT_DATED


def _dates_fit(a: dict, b: dict) -> bool:
    """Text dates within the window of their precision (across articles only a day or a week);
    an undated mention fits another undated one of its article with the same name, a day-dated
    one of its article that its range holds (the lead's "on Sunday" and a later "the
    arrests"), or a mention of the same named event anywhere."""
    if not is_text_dated(a) or not is_text_dated(b):
        if a["name_key"] and a["name_key"] == b["name_key"]:
            return True
        if a["article_id"] != b["article_id"]:
            return False
        if is_text_dated(a) or is_text_dated(b):
            day, other = (a, b) if is_text_dated(a) else (b, a)
            return _holds(other, day) and other["name_key"] in (None, day["name_key"])
        return a["name_key"] == b["name_key"]
    da, db = a["event_date"], b["event_date"]
    days = abs((da - db).days)
    if a["name_key"] and a["name_key"] == b["name_key"]:
        return days <= NAMED_WINDOW_DAYS
    pa, pb = a["date_precision"], b["date_precision"]
    if pa != pb or (a["article_id"] != b["article_id"] and pa not in CROSS_ARTICLE_PRECISION):
        return False
    return days <= WINDOW_DAYS.get(pa, 0)


def _holds(undated: dict, dated: dict) -> bool:
    """Whether an undated mention's range holds a day-dated mention's day."""
    low, high = undated["date_low"], undated["date_high"]
    day = dated["event_date"]
    return dated["date_precision"] == "day" and low is not None and low <= day <= high


def _places_fit(a: dict, b: dict) -> bool:
    """The same place, or a country and a place of the same country; a place may be unknown
    within an article, for the same named event, or for a statement by the same actor."""
    la, lb = a["location"], b["location"]
    if not la or not lb:
        same_name = bool(a["name_key"] and a["name_key"] == b["name_key"])
        same_actor = a["event_type"] in ACTOR_BOUND_TYPES and _actors_known_same(a, b)
        return a["article_id"] == b["article_id"] or same_name or same_actor
    if la == lb:
        return True
    ca, cb = a["country_code"], b["country_code"]
    a_country = is_country(la)
    b_country = is_country(lb)
    return (a_country or b_country) and ca is not None and ca == cb


def is_country(name: str) -> bool:
    """Whether a place name is the name of a country."""
    return name in country_names()


def _actors_known_same(a: dict, b: dict) -> bool:
    """Both first actors known and the same."""
    return bool(a["actor1"]) and a["actor1"] == b["actor1"]


def _actors_fit(a: dict, b: dict) -> bool:
    """Either first actor unknown, or the same one."""
    x, y = a["actor1"], b["actor1"]
    return not x or not y or x == y


def clusters(rows: list[dict]) -> dict[str, list[dict]]:
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
