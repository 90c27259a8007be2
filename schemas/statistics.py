"""Contracts of the `statistics` and `statistics_consensus` tables."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas._common import (
    AS_OF_SOURCES,
    DATE_PRECISION,
    FAMILIES,
    ID,
    METRICS,
    QUALIFIERS,
    STATISTIC_MODALITIES,
)

UNIT = (
    "`person`, `percent`, `percentage_point`, the ISO 4217 code of a currency (`USD`, `EUR`),"
    ' `times` for a multiple ("tripled", "up to 40 times"), for other counts the counted'
    " noun (`home`, `dose`), or a unit of measure spelled out and singular (`hectare`, `barrel`,"
    " `kilometre per hour`)."
)


class Statistics(pa.DataFrameModel):
    """One row per quantitative claim in an article."""

    claim_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id: hash of article id, span and metric."
    )
    article_id: str = pa.Field(str_matches=ID, description="The article the claim is in.")
    source_file: str = pa.Field(description="Path of the file relative to the seeds folder.")
    metric: str = pa.Field(
        isin=METRICS,
        description=(
            "What is counted: a metric of the `metrics` lexicon, or the family's catch-all"
            " (`count`, `money`, `rate`; `change` for a rise or fall in per cent or points)."
        ),
    )
    family: str = pa.Field(
        isin=FAMILIES,
        description="`people` (a count of people), `money`, `rate` (percentages), `count` (other things).",
    )
    measure: str = pa.Field(
        nullable=True, description="What the number counts or measures, in the article's words."
    )
    subject: str = pa.Field(
        nullable=True,
        description="Whom the number is about: the candidate for vote shares, the group counted otherwise.",
    )
    value: pl.Float64 = pa.Field(
        ge=0,
        description=(
            "Point value: N for exact, approx ('about 7,000': no margin is invented), at_least"
            " ('more than 7,000') and at_most ('up to 300'); the midpoint of a range; the lower"
            " bound of a vague amount (dozens 24, hundreds 200, thousands 2,000, tens of"
            " thousands 20,000, hundreds of thousands 200,000)."
        ),
    )
    value_low: pl.Float64 = pa.Field(
        ge=0, description="Lower bound: N for exact, approx, at_least and vague; 0 for at_most."
    )
    value_high: pl.Float64 = pa.Field(
        ge=0,
        nullable=True,
        description="Upper bound: N for exact, approx and at_most; null (open-ended) for at_least and vague.",
    )
    unit: str = pa.Field(str_length={"min_value": 1}, description=UNIT)
    qualifier: str = pa.Field(
        isin=QUALIFIERS,
        description=(
            "How the number was hedged: exact, approx (about, around, some, nearly, almost),"
            " at_least (more than, over, at least), at_most (up to, fewer than, as many as),"
            " range (between 15 and 20, 60% to 70%), vague (hundreds, tens of thousands)."
        ),
    )
    modality: str = pa.Field(
        isin=STATISTIC_MODALITIES,
        description=(
            "`reported` (a figure counted), `projected` (a forecast), `target` (a plan or goal)"
            " or `hypothetical` (could, would, if)."
        ),
    )
    quantity_text: str = pa.Field(description="The words of the quantity as written.")
    attributed_to: str = pa.Field(
        nullable=True, description="Who gave the number, when the text says so."
    )
    converted_from: str = pa.Field(
        nullable=True,
        str_matches=r"^[0-9a-f]{16}$",
        description=(
            "For an amount that only converts the one before it in brackets, the claim_id of that"
            " amount (\"$200bn (£155bn)\": the pound row's is the dollar row's id); null for an"
            " amount as the source gave it. Drop these rows to count each figure once."
        ),
    )
    as_of_date: date = pa.Field(
        nullable=True, description="The date the number refers to; null when unknown."
    )
    date_precision: str = pa.Field(isin=DATE_PRECISION, description="Precision of as_of_date.")
    date_text: str = pa.Field(nullable=True, description="The words as_of_date was resolved from.")
    as_of_source: str = pa.Field(
        isin=AS_OF_SOURCES,
        description=(
            "Which rule gave as_of_date: `sentence` (a date in the number's sentence),"
            " `previous_sentence` (the one day the sentence before names, for an event it"
            " sizes, or the date it opens with, for a figure told in the past), `election_day`"
            " (vote shares), `anchor` (no date in the text: the week of the publication date)"
            " or `none`."
        ),
    )
    evidence: str = pa.Field(description="The sentence the claim is in.")
    char_start: pl.Int64 = pa.Field(ge=0, description="Start of the quantity in articles.text.")
    char_end: pl.Int64 = pa.Field(
        ge=1, description="End (exclusive) of the quantity in articles.text."
    )

    @pa.dataframe_check(error="value_low <= value <= value_high")
    def bounds_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("value_low") <= pl.col("value"))
            & (pl.col("value_high").is_null() | (pl.col("value") <= pl.col("value_high")))
        )

    @pa.dataframe_check(error="vote shares lie in 0..100")
    def percent_range(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("metric") != "vote_share") | (pl.col("value_high").fill_null(0) <= 100)
        )

    @pa.dataframe_check(error="char_start < char_end")
    def span_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_start") < pl.col("char_end"))

    class Config:
        strict = True
        coerce = False


class StatisticsConsensus(pa.DataFrameModel):
    """One row per (metric, subject, date or period): the claims side by side."""

    consensus_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id: hash of metric, subject and date."
    )
    metric: str = pa.Field(isin=METRICS, description="What is counted.")
    measure: str = pa.Field(
        nullable=True,
        description="For a family's catch-all metric (count, money, rate, change): what is measured, lower-cased; the claims of one row share it.",
    )
    subject: str = pa.Field(nullable=True, description="Whom the number is about.")
    as_of_date: date = pa.Field(
        nullable=True, description="The date the claims refer to; null when unknown."
    )
    unit: str = pa.Field(str_length={"min_value": 1}, description=UNIT)
    n_claims: pl.Int64 = pa.Field(ge=1, description="Number of claims.")
    n_sources: pl.Int64 = pa.Field(
        ge=1, description="Distinct sources (attributions, or outlets when unattributed)."
    )
    value_min: pl.Float64 = pa.Field(ge=0, description="Smallest claimed value.")
    value_max: pl.Float64 = pa.Field(ge=0, description="Largest claimed value.")
    value_median: pl.Float64 = pa.Field(ge=0, description="Median claimed value.")
    disagree: bool = pa.Field(
        description="True when the claims are not consistent with one another."
    )
    claim_ids: str = pa.Field(description="The claims, `|`-separated claim_id values.")

    @pa.dataframe_check(error="value_min <= value_median <= value_max")
    def ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("value_min") <= pl.col("value_median"))
            & (pl.col("value_median") <= pl.col("value_max"))
        )

    class Config:
        strict = True
        coerce = False
