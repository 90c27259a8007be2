"""Shared fixtures: offline Prefect settings, one Prefect test server, and a small valid release."""

from __future__ import annotations

import os
from datetime import date

import polars as pl
import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@pytest.fixture(scope="session")
def prefect_server():
    """One real Prefect test server (SQLite, loopback) for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


ARTICLE_TEXT = (
    "Riot police on Saturday detained more than 200 people in Minsk, the interior ministry said. "
    '"We will not stop," said one protester.'
)


def make_tables() -> dict[str, pl.DataFrame]:
    """A small set of tables that passes every contract: one document, article, claim, event."""
    from flows.model import stable_id

    doc_id, art_id = stable_id("a.txt", "x"), stable_id("article")
    claim_start = ARTICLE_TEXT.index("more than 200")
    sentence_end = ARTICLE_TEXT.index("said.") + len("said.")
    quote_start = ARTICLE_TEXT.index("We will")
    event_id, mention_id = stable_id("event"), stable_id("mention")
    claim_id = stable_id("claim")
    return {
        "documents": pl.DataFrame(
            {
                "document_id": [doc_id],
                "source_file": ["a.txt"],
                "sha256": ["0" * 64],
                "bytes": [len(ARTICLE_TEXT)],
                "encoding": ["utf-8"],
                "mojibake_repaired": [False],
                "status": ["ok"],
                "reject_reason": [None],
                "n_articles": [1],
                "outlet": [None],
                "url": [None],
            }
        ),
        "articles": pl.DataFrame(
            {
                "article_id": [art_id],
                "document_id": [doc_id],
                "source_file": ["a.txt"],
                "position": [0],
                "headline": ['=HYPERLINK("x") Police detain protesters'],
                "text": [ARTICLE_TEXT],
                "captions": [None],
                "published_date": [date(2020, 9, 14)],
                "published_date_source": ["inferred"],
                "published_date_text": ["September 14, 2020"],
                "published_date_low": [date(2020, 9, 14)],
                "published_date_high": [date(2020, 9, 14)],
                "duplicate_group": [None],
                "word_count": [len(ARTICLE_TEXT.split())],
                "outlet": [None],
            }
        ),
        "statistics": pl.DataFrame(
            {
                "claim_id": [claim_id],
                "article_id": [art_id],
                "source_file": ["a.txt"],
                "metric": ["detained"],
                "family": ["people"],
                "measure": ["protesters"],
                "subject": ["people"],
                "value": [200.0],
                "value_low": [200.0],
                "value_high": [None],
                "unit": ["person"],
                "qualifier": ["at_least"],
                "modality": ["reported"],
                "quantity_text": ["more than 200"],
                "attributed_to": ["the interior ministry"],
                "converted_from": [None],
                "as_of_date": [date(2020, 9, 12)],
                "date_precision": ["day"],
                "date_text": ["on Saturday"],
                "as_of_source": ["sentence"],
                "evidence": [ARTICLE_TEXT[:sentence_end]],
                "char_start": [claim_start],
                "char_end": [claim_start + len("more than 200")],
            }
        ),
        "statistics_consensus": pl.DataFrame(
            {
                "consensus_id": [stable_id("consensus")],
                "metric": ["detained"],
                "measure": [None],
                "subject": ["people"],
                "as_of_date": [date(2020, 9, 12)],
                "unit": ["person"],
                "n_claims": [1],
                "n_sources": [1],
                "value_min": [200.0],
                "value_max": [200.0],
                "value_median": [200.0],
                "disagree": [False],
                "claim_ids": [claim_id],
            }
        ),
        "event_mentions": pl.DataFrame(
            {
                "mention_id": [mention_id],
                "event_id": [event_id],
                "article_id": [art_id],
                "source_file": ["a.txt"],
                "event_type": ["COERCE"],
                "event_mode": ["arrest"],
                "modality": ["asserted"],
                "event_date": [date(2020, 9, 12)],
                "date_low": [date(2020, 9, 12)],
                "date_high": [date(2020, 9, 12)],
                "date_precision": ["day"],
                "date_text": ["on Saturday"],
                "background": [False],
                "actor1": ["riot police"],
                "actor2": ["people"],
                "location": ["Minsk"],
                "country_code": ["BLR"],
                "latitude": [53.9],
                "longitude": [27.57],
                "evidence": [ARTICLE_TEXT[:sentence_end]],
                "char_start": [0],
                "char_end": [sentence_end],
            }
        ),
        "events": pl.DataFrame(
            {
                "event_id": [event_id],
                "event_type": ["COERCE"],
                "event_mode": ["arrest"],
                "modality": ["asserted"],
                "event_date": [date(2020, 9, 12)],
                "date_low": [date(2020, 9, 12)],
                "date_high": [date(2020, 9, 12)],
                "date_precision": ["day"],
                "background": [False],
                "location": ["Minsk"],
                "country_code": ["BLR"],
                "actor1": ["riot police"],
                "actor2": ["people"],
                "n_mentions": [1],
                "n_articles": [1],
                "participants_low": [None],
                "participants_high": [None],
                "detained_low": [200.0],
                "detained_high": [None],
                "killed_low": [None],
                "killed_high": [None],
                "first_reported": [date(2020, 9, 14)],
            }
        ),
        "entities": pl.DataFrame(
            {
                "entity_id": ["minsk"],
                "name": ["Minsk"],
                "type": ["place"],
                "aliases": [None],
                "country_code": ["BLR"],
                "n_mentions": [1],
            }
        ),
        "quotes": pl.DataFrame(
            {
                "quote_id": [stable_id("quote")],
                "article_id": [art_id],
                "speaker": ["one protester"],
                "quote": ["We will not stop,"],
                "date": [date(2020, 9, 14)],
                "char_start": [quote_start],
                "char_end": [quote_start + len("We will not stop,")],
            }
        ),
    }


def complete(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Add any column a model has that the frames lack, as nulls (models may grow columns)."""
    from schemas import TABLES
    from schemas.export import polars_schema

    out = {}
    for name, frame in tables.items():
        schema = polars_schema(TABLES[name][0])
        missing = [
            pl.lit(None, dtype=t).alias(c) for c, t in schema.items() if c not in frame.columns
        ]
        out[name] = frame.with_columns(missing) if missing else frame
    return out


@pytest.fixture
def tables() -> dict[str, pl.DataFrame]:
    """A fresh copy of the small valid table set."""
    return complete(make_tables())
