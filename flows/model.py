"""The records passed between pipeline stages, and how their ids are made."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


def stable_id(*parts: object) -> str:
    """16 hex digits of the SHA-256 of the parts: the same content gives the same id on every run."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One article as the extractors see it (a row of the `articles` table)."""

    article_id: str
    document_id: str
    source_file: str
    position: int
    headline: str | None
    text: str
    captions: str | None
    published_date: date | None
    published_date_source: str
    published_date_text: str | None
    outlet: str | None = None
    published_date_low: date | None = None  # the range the text allows; the day when known
    published_date_high: date | None = None
