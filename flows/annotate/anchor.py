"""The one day an article's relative dates resolve against, and its time expressions resolved
against it: every extractor dates through `time_expressions` and `dating_expression`, so a
number and the event it sizes put "on Saturday" on the same day.

The anchor is the publication date, else the latest date the article reports, which ingest
records in `published_date_text` (`latest_date_text`) as evidence, not as the publication date.
With only a background date, explicit year-less dates take its year (`year_end`) and relative
ones stay unresolved.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from flows.annotate.temporal import date_for_span, find_time_expressions
from flows.annotate.temporal_expression import TimeExpression
from flows.model import Article

_LATEST_DAY = re.compile(r"latest reported date (\d{4}-\d\d-\d\d):")
_LATEST_YEAR = re.compile(r"latest (?:reported|background) date (\d{4})-")


def latest_date_text(kind: Literal["reported", "background"], day: date, words: str) -> str:
    """How an undated article's `published_date_text` records the latest date it reports."""
    return f"latest {kind} date {day.isoformat()}: {words}"


def resolution_anchor(article: Article) -> date | None:
    """The day an article's relative dates ("on Saturday") resolve against: its publication date,
    else its latest reported date (evidence, not a date: see the module docstring)."""
    if article.published_date is not None:
        return article.published_date
    latest = _LATEST_DAY.match(article.published_date_text or "")
    return date.fromisoformat(latest.group(1)) if latest else None


def year_end(article: Article) -> date | None:
    """31 December of the year of an article without an anchor but with a background date
    ("the August 9 election"): its explicit year-less dates resolve against it."""
    if resolution_anchor(article) is not None:
        return None
    latest = _LATEST_YEAR.match(article.published_date_text or "")
    return date(int(latest.group(1)), 12, 31) if latest else None


def time_expressions(article: Article, text: str) -> list[TimeExpression]:
    """The resolved date expressions of a sentence of the article, in text order."""
    found = [e for e in find_time_expressions(text, resolution_anchor(article)) if e.value]
    fallback = year_end(article)
    if fallback is not None:
        found += [
            e for e in find_time_expressions(text, fallback) if e.kind == "explicit" and e.value
        ]
    return sorted(found, key=lambda e: e.start)


def dating_expression(article: Article, text: str, start: int, end: int) -> TimeExpression | None:
    """`flows.annotate.temporal.date_for_span` of a span of the article, with its explicit-date year."""
    found = date_for_span(text, start, end, resolution_anchor(article))
    fallback = year_end(article)
    if found is not None and found.value is None and found.kind == "explicit" and fallback:
        return date_for_span(text, start, end, fallback)
    return found
