"""Extract: statistics, event mentions, quotes and entity mentions of one article at a time.

`extract_article` is the stage's one entry: it reads the article once (`flows.annotate.annotate`)
and hands that reading to each extractor, none of which imports another. `extracted_frames`
types the rows. Extraction is cached per article, keyed by the code this package imports
(`flows.runtime.fingerprint`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from flows.annotate import ENTITY_COLUMNS, annotate
from flows.extract.events import extract_events
from flows.extract.quotes import extract_quotes
from flows.extract.statistics import extract_statistics, is_generic_subject
from flows.model import Article
from schemas import TABLES
from schemas.export import polars_schema

__all__ = [
    "EXTRACTED_FRAMES",
    "Extracted",
    "extract_article",
    "extract_each",
    "extract_events",
    "extract_quotes",
    "extract_statistics",
    "extracted_frames",
    "is_generic_subject",
]


@dataclass
class Extracted:
    """Rows extracted from a batch of articles, before the corpus-level steps."""

    statistics: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    entity_mentions: list[dict] = field(default_factory=list)

    def extend(self, other: Extracted) -> None:
        """Append another batch's rows."""
        self.statistics += other.statistics
        self.mentions += other.mentions
        self.quotes += other.quotes
        self.entity_mentions += other.entity_mentions


def extract_article(article: Article) -> Extracted:
    """Statistics, event mentions, quotes and entity mentions of one article."""
    reading = annotate(article)
    claims = extract_statistics(reading)
    mentions = extract_events(reading, claims)
    entities = [e.as_row() for e in reading.entities]
    return Extracted(claims, mentions, extract_quotes(reading), entities)


def extract_each(articles: Iterable[Article]) -> list[Extracted]:
    """One Extracted per article of a batch, in order (the unit the cache stores)."""
    return [extract_article(a) for a in articles]


#: the frames of extracted rows, and the Extracted field each one is made from
EXTRACTED_FRAMES = {
    "statistics": "statistics",
    "event_mentions": "mentions",
    "quotes": "quotes",
    "entity_mentions": "entity_mentions",
}


@functools.cache
def _schema(name: str) -> dict[str, pl.DataType]:
    if name == "entity_mentions":
        return dict.fromkeys(ENTITY_COLUMNS, pl.String())
    return polars_schema(TABLES[name][0])


def extracted_frames(
    parts: Sequence[Extracted], keys: Sequence[str] | None = None
) -> dict[str, pl.DataFrame]:
    """The rows of extracted parts as typed frames, by table; with `keys` (one per part) each
    row also carries its part's key in a `_key` column."""
    frames = {}
    for name, attr in EXTRACTED_FRAMES.items():
        rows = [row for part in parts for row in getattr(part, attr)]
        schema = _schema(name)
        columns = {c: [row.get(c) for row in rows] for c in schema}
        frame = pl.DataFrame(columns, schema=schema, strict=False)
        if keys is not None:
            tags = [key for part, key in zip(parts, keys, strict=True) for _ in getattr(part, attr)]
            frame = frame.with_columns(pl.Series("_key", tags, dtype=pl.String))
        frames[name] = frame
    return frames
