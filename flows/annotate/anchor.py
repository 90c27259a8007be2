"""The one day an article's relative dates resolve against, and where that day comes from.

The anchor is the publication date, else the latest date the article reports, which ingest
records in `published_date_text` (`latest_date_text`) as evidence, not as the publication date.
With only a background date, explicit year-less dates take its year (`Anchor.year_end`) and
relative ones stay unresolved. Every extractor dates through the expressions of one reading
resolved against this anchor (`flows.annotate.reading`), so a number and the event it sizes put
"on Saturday" on the same day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from flows.model import Article

_LATEST_DAY = re.compile(r"latest reported date (\d{4}-\d\d-\d\d):(.*)", re.S)
_LATEST_YEAR = re.compile(r"latest (?:reported|background) date (\d{4})-")


@dataclass(frozen=True)
class Anchor:
    """The day relative dates resolve against (`day`), its provenance, whether a photo caption
    gave that latest reported date, and for an article with only a background date the 31
    December its explicit year-less dates resolve against."""

    day: date | None
    source: Literal["publication date", "latest reported date", "none"]
    year_end: date | None = None
    captioned: bool = False


def latest_date_text(kind: Literal["reported", "background"], day: date, words: str) -> str:
    """How an undated article's `published_date_text` records the latest date it reports."""
    return f"latest {kind} date {day.isoformat()}: {words}"


def anchor_of(article: Article) -> Anchor:
    """The article's resolution anchor: its publication date, else its latest reported date
    (evidence, not a date: see the module docstring), else none, with a background year."""
    if article.published_date is not None:
        return Anchor(article.published_date, "publication date")
    latest = _LATEST_DAY.match(article.published_date_text or "")
    if latest:
        captioned = "caption:" in latest.group(2)
        return Anchor(date.fromisoformat(latest.group(1)), "latest reported date", None, captioned)
    year = _LATEST_YEAR.match(article.published_date_text or "")
    return Anchor(None, "none", date(int(year.group(1)), 12, 31) if year else None)
