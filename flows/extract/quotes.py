"""Quotes table rows: the quotations of an article's reading with their speakers
(`flows.annotate.speakers`), each dated by its attribution clause."""

from __future__ import annotations

from datetime import date

from flows.annotate import Reading
from flows.model import stable_id


def extract_quotes(reading: Reading) -> list[dict]:
    """Quotes table rows of one article."""
    article, text = reading.article, reading.text
    rows = []
    for speech in reading.speeches:
        start, end = speech.quotation.words_start, speech.quotation.words_end
        rows.append(
            {
                "quote_id": stable_id(article.article_id, start, end),
                "article_id": article.article_id,
                "speaker": speech.speaker,
                "quote": text[start:end],
                "date": _quote_date(reading, speech.cue),
                "char_start": start,
                "char_end": end,
            }
        )
    return rows


def _quote_date(reading: Reading, cue: tuple[int, int] | None) -> date | None:
    """A date stated in the attribution clause ("she said on Monday"), as the reading resolved
    it against the article's anchor, like every extractor's dates; else the publication date.
    An undated article's anchor is not a day anyone spoke on: its quotes without a date of
    their own stay undated."""
    published = reading.article.published_date
    if cue is None:
        return published
    found = reading.dating_between(*cue)
    return found.value if found is not None and found.value is not None else published
