"""Merging event mentions across articles and outlets into one row per real-world event."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.combine.mention_clusters import (
    _candidate_pairs,
    clusters,
    compatible,
    linked_mentions,
    name_key,
)
from flows.combine.merge import _event, _event_schema, _single_event, merge_events
from flows.evaluate.events import run_extractor
from flows.ingest.corpus import articles_from_frame, load_corpus
from flows.model import stable_id
from schemas.events import EventMentions, Events

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _mention(article: str, event_type: str = "PROTEST", **kw) -> dict:
    row = {
        "article_id": stable_id(article),
        "source_file": f"{article}.txt",
        "event_type": event_type,
        "event_mode": "demo" if event_type == "PROTEST" else "arrest",
        "modality": "asserted",
        "event_date": date(2020, 8, 16),
        "date_precision": "day",
        "date_text": "Sunday",
        "date_source": "text",
        "actor1": "protesters",
        "actor2": None,
        "location": "Minsk",
        "country_code": "BLR",
        "latitude": 53.9,
        "longitude": 27.57,
        "event_name": None,
        "trigger": "rallied",
        "evidence": "Protesters rallied in Minsk on Sunday.",
        "char_start": 0,
        "char_end": 38,
        "claim_ids": None,
        **{
            f"{k}_{b}": None
            for k in ("participants", "detained", "killed")
            for b in ("low", "high")
        },
    }
    row.update(kw)
    day = row["event_date"] if row["date_source"] in ("text", "context") else None
    row.setdefault("date_low", day)
    row.setdefault("date_high", day)
    row.setdefault("background", False)
    row.setdefault("dated_article", True)
    row["mention_id"] = stable_id(article, row["char_start"], row["event_type"], row["event_name"])
    return row


def _articles(*names: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [stable_id(n) for n in names],
            "published_date": [date(2020, 8, 15 + i) for i in range(len(names))],
        }
    )


def _merge(rows: list[dict], *names: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    mentions, events = merge_events(pl.DataFrame(rows), _articles(*names))
    EventMentions.validate(mentions)
    Events.validate(events)
    return mentions, events


def test_reports_of_other_articles_merge_only_at_a_known_place_and_day_or_week():
    """Two articles' reports of a protest on the same day without a place, or in the same
    month, may be two protests: they stay apart; within one article they are one."""
    placeless = [_mention(n, location=None, country_code=None) for n in ("a", "b")]
    assert _merge(placeless, "a", "b")[1].height == 2
    monthly = [_mention(n, event_date=date(2020, 8, 1), date_precision="month") for n in ("a", "b")]
    assert _merge(monthly, "a", "b")[1].height == 2
    one_article = [
        _mention("a", location=None, country_code=None),
        _mention("a", char_start=500, char_end=560),
    ]
    assert _merge(one_article, "a")[1].height == 1


def test_an_undated_report_joins_the_dated_one_of_its_article_its_week_holds():
    """The lead's "on Sunday" and a later undated "the arrests" of one article are one event."""
    dated = _mention("a", "COERCE")
    undated = _mention(
        "a",
        "COERCE",
        char_start=300,
        event_date=None,
        date_low=date(2020, 8, 11),
        date_high=date(2020, 8, 17),
        date_precision="week",
        date_source="publication",
    )
    assert _merge([dated, undated], "a")[1].height == 1
    elsewhere = {**undated, "date_low": date(2020, 8, 18), "date_high": date(2020, 8, 24)}
    assert _merge([dated, elsewhere], "a")[1].height == 2


def test_an_article_without_a_publication_date_merges_with_no_other():
    rows = [_mention("a"), _mention("b")]
    articles = pl.DataFrame(
        {
            "article_id": [stable_id("a"), stable_id("b")],
            "published_date": [date(2020, 8, 17), None],
        },
        schema={"article_id": pl.String, "published_date": pl.Date},
    )
    assert merge_events(pl.DataFrame(rows), articles)[1].height == 2
    named = [_mention(n, event_name="March for Freedom") for n in ("a", "b")]
    assert merge_events(pl.DataFrame(named), articles)[1].height == 1


def test_reports_of_one_march_in_several_outlets_merge_with_merged_sizes():
    rows = [
        _mention("a", modality="planned", event_name="March for Freedom"),
        _mention(
            "b",
            event_name="The March of Freedom",
            participants_low=200000.0,
            participants_high=None,
        ),
        _mention("c", participants_low=100000.0, participants_high=100000.0),
    ]
    mentions, events = _merge(rows, "a", "b", "c")
    assert events.height == 1
    e = events.row(0, named=True)
    assert (e["n_mentions"], e["n_articles"], e["modality"]) == (3, 3, "asserted")
    assert (e["participants_low"], e["participants_high"]) == (100000.0, 100000.0)
    assert (e["first_reported"], e["last_reported"]) == (date(2020, 8, 15), date(2020, 8, 17))
    assert e["location"] == "Minsk"
    assert mentions["event_id"].n_unique() == 1


def test_different_events_on_the_same_day_and_city_stay_apart():
    rows = [
        _mention("a", event_name="Sparkly March"),
        _mention("b", event_name="Peace March"),
        _mention("c", event_mode="strike"),
        _mention("d", modality="negated"),
        _mention("e", location="Vilnius", country_code="LTU"),
    ]
    _, events = _merge(rows, "a", "b", "c", "d", "e")
    assert events.height == 5


def test_statements_by_different_actors_stay_apart():
    rows = [
        _mention(
            "a", "REJECT", event_mode="nonrecognition", actor1="European Union", location=None
        ),
        _mention("b", "REJECT", event_mode="nonrecognition", actor1="United States", location=None),
        _mention(
            "c", "REJECT", event_mode="nonrecognition", actor1="European Union", location=None
        ),
    ]
    _, events = _merge(rows, "a", "b", "c")
    assert sorted(events["n_mentions"].to_list()) == [1, 2]


def test_dates_must_agree_at_their_precision():
    rows = [
        _mention("a"),
        _mention("b", event_date=date(2020, 8, 17)),
        _mention("c", event_date=date(2020, 8, 10), date_precision="week", date_text="last week"),
    ]
    _, events = _merge(rows, "a", "b", "c")
    assert events.height == 3


def test_merging_is_deterministic_whatever_the_row_order():
    rows = [_mention(n, event_date=date(2020, 8, 16 + (i % 3))) for i, n in enumerate("abcdefgh")]
    first = _merge(rows, *"abcdefgh")
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    second = _merge(shuffled, *"abcdefgh")
    assert first[0].equals(second[0]) and first[1].equals(second[1])
    assert sorted(first[1]["n_mentions"].to_list()) == [2, 3, 3]


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"location": None, "latitude": None, "longitude": None},
        {"location": "", "country_code": ""},
        {"location": "Belarus"},
        {"event_mode": "", "actor1": None, "actor2": "police", "event_name": "March for Freedom"},
        {"participants_low": 5, "participants_high": 7.5, "killed_low": 0},
        {"date_source": "published", "event_date": None, "date_precision": "unknown"},
        {"article_id": "not-in-articles", "modality": "negated"},
    ],
)
def test_a_one_mention_event_is_the_row_the_general_tally_gives(kw):
    mention = _mention("a", **kw)
    mention["name_key"] = name_key(mention["event_name"])
    published = {stable_id("a"): date(2020, 8, 15)}
    assert _single_event(mention, published) == _event([mention], published)
    del mention["name_key"]
    _, events = merge_events(pl.DataFrame([mention]), _articles("a"))
    assert events.to_dicts() == [_single_event(mention, published)]


def _random_mentions(seed: int, n: int) -> list[dict]:
    """Mentions drawn from few values of every field, so that many pairs are candidates."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        source = rng.choice(["text", "context", "publication", "none"])
        rows.append(
            _mention(
                rng.choice("abcdef"),
                rng.choice(["PROTEST", "COERCE", "REJECT"]),
                char_start=i,
                event_mode=rng.choice(["demo", "strike", "", None]),
                modality=rng.choice(["asserted", "planned", "negated", "hypothetical"]),
                event_date=None
                if source in ("none", "publication")
                else date(2020, 8, rng.randint(1, 31)),
                date_low=date(2020, 8, 10) if source == "publication" else None,
                date_high=date(2020, 8, 16) if source == "publication" else None,
                date_precision={"publication": "week", "none": "unknown"}.get(
                    source, rng.choice(["day", "week", "month", "year"])
                ),
                date_source=source,
                location=rng.choice(["Minsk", "Hrodna", "Belarus", "Vilnius", "", None]),
                country_code=rng.choice(["BLR", "LTU", None]),
                actor1=rng.choice(["protesters", "police", "", None]),
                event_name=rng.choice([None, None, "March for Freedom", "Peace March", ""]),
                participants_low=rng.choice([None, 100.0, 5000.0]),
            )
        )
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_merging_equals_clustering_every_mention(seed):
    """Only mentions with a compatible candidate pair are clustered; the rest are one-mention
    events: the same events as clustering all mentions."""
    rows = _random_mentions(seed, 120)
    mentions, events = _merge(rows, *"abcdef")
    keyed = sorted(
        ({**r, "name_key": name_key(r["event_name"])} for r in rows), key=lambda r: r["mention_id"]
    )
    published = dict(_articles(*"abcdef").iter_rows())
    expected = [
        _single_event(m[0], published) if len(m) == 1 else _event(m, published)
        for m in clusters(keyed).values()
    ]
    schema = _event_schema()
    expected_events = pl.DataFrame(
        {c: [e[c] for e in expected] for c in schema}, schema=schema
    ).sort("event_date", "event_type", "event_id", nulls_last=True)
    assert events.equals(expected_events)
    assert mentions["event_id"].is_in(events["event_id"].implode()).all()


@pytest.mark.parametrize("seed", range(6))
def test_linked_mentions_are_those_of_compatible_candidate_pairs(seed):
    rows = sorted(_random_mentions(seed, 150), key=lambda r: r["mention_id"])
    for r in rows:
        r["name_key"] = name_key(r["event_name"])
    expected = {
        m["mention_id"] for a, b in _candidate_pairs(rows) if compatible(a, b) for m in (a, b)
    }
    frame = pl.DataFrame(rows).with_columns(pl.col("event_date").cast(pl.Date))
    linked = frame.filter(linked_mentions(frame))["mention_id"].to_list()
    assert set(linked) == expected


def test_event_names_compare_without_function_words():
    assert name_key("The March of Freedom") == name_key("March for Freedom") == "freedom march"
    assert name_key("Sparkly March") != name_key("Peace March")


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not available")
def test_seeds_merge_the_march_for_freedom_across_articles():
    _, frame = load_corpus(SEEDS)
    _, events = run_extractor(articles_from_frame(frame))
    march = events.filter(
        (pl.col("event_name").str.contains("Freedom")) & (pl.col("event_date") == date(2020, 8, 16))
    )
    assert march.height == 1
    row = march.row(0, named=True)
    assert row["n_articles"] >= 4
    assert (row["location"], row["event_type"], row["modality"]) == ("Minsk", "PROTEST", "asserted")
    assert row["participants_low"] >= 100000
