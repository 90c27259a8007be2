"""Contracts of the `event_mentions`, `events`, `entities` and `quotes` tables."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas._common import DATE_PRECISION, ENTITY_TYPES, ID, MODALITIES, PLOVER_TYPES

ISO3 = r"^[A-Z]{3}$"
DATE_SOURCES = ["text", "context", "coreference", "publication", "background", "none"]


def _date_in_range() -> pl.Expr:
    """Whether a row's day lies in its range and the range is not reversed (nulls pass)."""
    low, high, day = pl.col("date_low"), pl.col("date_high"), pl.col("event_date")
    return (
        (low <= high).fill_null(True) & (low <= day).fill_null(True) & (day <= high).fill_null(True)
    )


class EventMentions(pa.DataFrameModel):
    """One row per event reported in one article."""

    mention_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id: hash of article id, span and type."
    )
    event_id: str = pa.Field(
        str_matches=ID, description="The merged real-world event (events.event_id)."
    )
    article_id: str = pa.Field(str_matches=ID, description="The article the mention is in.")
    source_file: str = pa.Field(description="Path of the file relative to the seeds folder.")
    event_type: str = pa.Field(isin=PLOVER_TYPES, description="PLOVER 2.0 event type.")
    event_mode: str = pa.Field(
        nullable=True, description="PLOVER mode (e.g. arrest, censor, demo, strike)."
    )
    modality: str = pa.Field(
        isin=MODALITIES, description="asserted, planned, threatened, hypothetical or negated."
    )
    event_date: date = pa.Field(nullable=True, description="When the event happened.")
    date_precision: str = pa.Field(isin=DATE_PRECISION, description="Precision of event_date.")
    date_text: str = pa.Field(nullable=True, description="The words event_date was resolved from.")
    date_low: date = pa.Field(
        nullable=True,
        description="First day the event can have happened on (the day itself, or the start of its week, month or year, or of the week before publication for an undated report).",
    )
    date_high: date = pa.Field(
        nullable=True,
        description="Last day it can have happened on; for an asserted event no later than the article's anchor (its publication date).",
    )
    date_source: str = pa.Field(
        nullable=True,
        isin=DATE_SOURCES,
        description="The rule that dated it: `text` (the sentence's words), `context` (the day of the sentence just before, about the same person), `coreference` (the day the article gives the same kind of event), `publication` (undated report: the week up to publication, event_date null), `background` (an undated recap of an earlier event: before publication) or `none`.",
    )
    background: bool = pa.Field(
        description="Recalls an earlier event (a recap: 'since the protests began', 'had been detained', or dated over two weeks before the article).",
    )
    actor1: str = pa.Field(nullable=True, description="Who acts (entity name).")
    actor2: str = pa.Field(nullable=True, description="On whom (entity name).")
    location: str = pa.Field(nullable=True, description="Where (gazetteer name).")
    country_code: str = pa.Field(
        nullable=True, str_matches=ISO3, description="ISO 3166-1 alpha-3 of the location."
    )
    latitude: pl.Float64 = pa.Field(
        nullable=True, ge=-90, le=90, description="Latitude of the location."
    )
    longitude: pl.Float64 = pa.Field(
        nullable=True, ge=-180, le=180, description="Longitude of the location."
    )
    event_name: str = pa.Field(
        nullable=True,
        description='Proper name of the event when the text gives one ("March for Freedom").',
    )
    trigger: str = pa.Field(nullable=True, description="The words that signal the event.")
    evidence: str = pa.Field(description="The sentence the event is in.")
    char_start: pl.Int64 = pa.Field(
        ge=0, description="Start of the evidence sentence in articles.text."
    )
    char_end: pl.Int64 = pa.Field(
        ge=1, description="End (exclusive) of the evidence sentence in articles.text."
    )
    claim_ids: str = pa.Field(
        nullable=True,
        description="Statistics claims sizing this mention, `|`-separated claim_id values.",
    )
    participants_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Participants claimed in this sentence (low)."
    )
    participants_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Participants claimed in this sentence (high)."
    )
    detained_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Detentions claimed in this sentence (low)."
    )
    detained_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Detentions claimed in this sentence (high)."
    )
    killed_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Deaths claimed in this sentence (low)."
    )
    killed_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Deaths claimed in this sentence (high)."
    )

    @pa.dataframe_check(error="date_low <= event_date <= date_high, where given")
    def date_in_range(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(_date_in_range())

    class Config:
        strict = True
        coerce = False


class Events(pa.DataFrameModel):
    """One row per real-world event, merged across articles and outlets."""

    event_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id of the merged event."
    )
    event_type: str = pa.Field(isin=PLOVER_TYPES, description="PLOVER 2.0 event type.")
    event_mode: str = pa.Field(nullable=True, description="PLOVER mode.")
    modality: str = pa.Field(isin=MODALITIES, description="Strongest modality among the mentions.")
    event_date: date = pa.Field(nullable=True, description="When the event happened.")
    date_precision: str = pa.Field(isin=DATE_PRECISION, description="Precision of event_date.")
    date_low: date = pa.Field(nullable=True, description="First day it can have happened on.")
    date_high: date = pa.Field(nullable=True, description="Last day it can have happened on.")
    date_source: str = pa.Field(
        nullable=True,
        isin=DATE_SOURCES,
        description="The rule that dated it, as in event_mentions.",
    )
    background: bool = pa.Field(description="Every mention of it is a recap of an earlier event.")
    location: str = pa.Field(nullable=True, description="Where.")
    country_code: str = pa.Field(nullable=True, str_matches=ISO3, description="ISO 3166-1 alpha-3.")
    latitude: pl.Float64 = pa.Field(
        nullable=True, ge=-90, le=90, description="Latitude of the location."
    )
    longitude: pl.Float64 = pa.Field(
        nullable=True, ge=-180, le=180, description="Longitude of the location."
    )
    actor1: str = pa.Field(nullable=True, description="Who acts.")
    actor2: str = pa.Field(nullable=True, description="On whom.")
    event_name: str = pa.Field(
        nullable=True, description="Proper name of the event, when reported with one."
    )
    n_mentions: pl.Int64 = pa.Field(ge=1, description="Mentions merged into the event.")
    n_articles: pl.Int64 = pa.Field(ge=1, description="Distinct articles reporting it.")
    participants_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Lowest participant count reported."
    )
    participants_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Highest participant count reported."
    )
    detained_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Lowest detention count reported."
    )
    detained_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Highest detention count reported."
    )
    killed_low: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Lowest death toll reported."
    )
    killed_high: pl.Float64 = pa.Field(
        nullable=True, ge=0, description="Highest death toll reported."
    )
    first_reported: date = pa.Field(
        nullable=True, description="Earliest publication date among the reporting articles."
    )
    last_reported: date = pa.Field(
        nullable=True, description="Latest publication date among the reporting articles."
    )

    @pa.dataframe_check(error="n_articles <= n_mentions")
    def articles_le_mentions(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_articles") <= pl.col("n_mentions"))

    @pa.dataframe_check(error="date_low <= event_date <= date_high, where given")
    def date_in_range(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(_date_in_range())

    class Config:
        strict = True
        coerce = False


class Entities(pa.DataFrameModel):
    """Actors and places mentioned in the articles."""

    entity_id: str = pa.Field(
        unique=True, description="Lexicon id, or a stable hash for names the lexicon does not know."
    )
    name: str = pa.Field(description="Canonical name.")
    type: str = pa.Field(
        isin=ENTITY_TYPES, description="person, organization, country, place or group."
    )
    aliases: str = pa.Field(
        nullable=True, description="Other spellings seen or known, `|`-separated."
    )
    country_code: str = pa.Field(nullable=True, str_matches=ISO3, description="ISO 3166-1 alpha-3.")
    n_mentions: pl.Int64 = pa.Field(ge=1, description="Mentions across all articles.")

    class Config:
        strict = True
        coerce = False


class Quotes(pa.DataFrameModel):
    """Direct quotes with their speaker."""

    quote_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id: hash of article id and span."
    )
    article_id: str = pa.Field(str_matches=ID, description="The article the quote is in.")
    speaker: str = pa.Field(
        nullable=True, description="Who said it, resolved to an entity name where possible."
    )
    quote: str = pa.Field(str_length={"min_value": 1}, description="The quoted words.")
    date: date = pa.Field(
        nullable=True,
        description="When it was said; the publication date when the text does not say.",
    )
    char_start: pl.Int64 = pa.Field(ge=0, description="Start of the quote in articles.text.")
    char_end: pl.Int64 = pa.Field(
        ge=1, description="End (exclusive) of the quote in articles.text."
    )

    class Config:
        strict = True
        coerce = False
