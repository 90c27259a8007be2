"""Contracts of the `documents` and `articles` tables."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas._common import DATE_SOURCE, DOCUMENT_STATUS, ID, SHA256


class Documents(pa.DataFrameModel):
    """One row per input file: processed (`ok`) or rejected with a reason."""

    document_id: str = pa.Field(
        unique=True, str_matches=ID, description="Stable id: hash of the file's bytes and path."
    )
    source_file: str = pa.Field(
        unique=True, description="Path of the file relative to the seeds folder."
    )
    sha256: str = pa.Field(str_matches=SHA256, description="SHA-256 of the file's bytes.")
    bytes: pl.Int64 = pa.Field(ge=0, description="Size of the file in bytes.")
    encoding: str = pa.Field(
        nullable=True, description="Detected text encoding (null when rejected before decoding)."
    )
    mojibake_repaired: bool = pa.Field(description="True when double-encoded text was repaired.")
    status: str = pa.Field(isin=DOCUMENT_STATUS, description="`ok` or `rejected`.")
    reject_reason: str = pa.Field(
        nullable=True, description="Why the file was rejected; null when ok."
    )
    n_articles: pl.Int64 = pa.Field(ge=0, description="Number of articles found in the file.")
    outlet: str = pa.Field(nullable=True, description="Outlet from the sidecar, when given.")
    url: str = pa.Field(nullable=True, description="URL from the sidecar, when given.")

    @pa.dataframe_check(
        error="a rejected document has a reason and no articles; an ok one no reason"
    )
    def rejection_consistent(cls, data) -> pl.LazyFrame:
        rejected = pl.col("status") == "rejected"
        return data.lazyframe.select(
            pl.when(rejected)
            .then(pl.col("reject_reason").is_not_null() & (pl.col("n_articles") == 0))
            .otherwise(pl.col("reject_reason").is_null())
        )

    class Config:
        strict = True
        coerce = False


class Articles(pa.DataFrameModel):
    """One row per article; a file may hold several."""

    article_id: str = pa.Field(
        unique=True,
        str_matches=ID,
        description="Stable id: hash of the source file and the article's text.",
    )
    document_id: str = pa.Field(str_matches=ID, description="The document the article came from.")
    source_file: str = pa.Field(description="Path of the file relative to the seeds folder.")
    position: pl.Int64 = pa.Field(ge=0, description="0-based order of the article in its file.")
    headline: str = pa.Field(nullable=True, description="Headline line, when the article has one.")
    text: str = pa.Field(
        str_length={"min_value": 1},
        description="Clean body text: no site chrome, comment prompts, tag lines or photo captions.",
    )
    captions: str = pa.Field(
        nullable=True,
        description="Photo captions and credits kept apart from the body, one per line.",
    )
    published_date: date = pa.Field(nullable=True, description="Publication date.")
    published_date_source: str = pa.Field(
        isin=DATE_SOURCE,
        description="`metadata` (sidecar), `inferred` (from the text) or `unknown`.",
    )
    published_date_text: str = pa.Field(
        nullable=True,
        description="The words the inferred date came from; for an `unknown` date, the latest "
        "date the text reports (evidence only, not taken as the publication date).",
    )
    published_date_low: date = pa.Field(
        nullable=True,
        description="Earliest publication date the text (or metadata) allows: the day itself "
        "when known; null when nothing is known.",
    )
    published_date_high: date = pa.Field(
        nullable=True,
        description="Latest publication date the text (or metadata) allows: the day itself "
        "when known; null when nothing is known.",
    )
    duplicate_group: str = pa.Field(
        nullable=True,
        description="Shared by near-duplicate articles (rewrites, updated versions); null when unique.",
    )
    word_count: pl.Int64 = pa.Field(ge=1, description="Words in `text`.")
    outlet: str = pa.Field(nullable=True, description="Outlet, from the sidecar when given.")

    @pa.dataframe_check(error="published_date is null exactly when its source is `unknown`")
    def date_source_consistent(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("published_date").is_null() == (pl.col("published_date_source") == "unknown")
        )

    @pa.dataframe_check(error="published_date_low and _high are both set or both null, low <= high")
    def date_range_ordered(cls, data) -> pl.LazyFrame:
        low, high = pl.col("published_date_low"), pl.col("published_date_high")
        return data.lazyframe.select(
            (low.is_null() & high.is_null())
            | (low.is_not_null() & high.is_not_null() & (low <= high))
        )

    @pa.dataframe_check(error="a known publication date is its own range: low == high == the date")
    def date_range_of_the_day(cls, data) -> pl.LazyFrame:
        day = pl.col("published_date")
        return data.lazyframe.select(
            day.is_null()
            | (
                (pl.col("published_date_low") == day) & (pl.col("published_date_high") == day)
            ).fill_null(False)
        )

    @pa.dataframe_check(error="(source_file, position) is unique")
    def position_unique(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.struct("source_file", "position").is_duplicated())

    class Config:
        strict = True
        coerce = False
