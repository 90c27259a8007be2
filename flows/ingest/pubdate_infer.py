"""Decide an article's publication day, else the range its text allows, from its date evidence
(the date mentions `flows.ingest.pubdate` finds, declared here).

The evidence (`flows.ingest.pubdate.pubdate_evidence`) and the rules, with their measured
figures, are described in `flows.ingest.pubdate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from flows.annotate import latest_date_text

#: a weekday the body reports up to this many days after a news photo's date is the reported
#: day (AFP: a photo of Saturday's march above "on Sunday" Sunday's story)
CAPTION_WEEKDAY_DAYS = 3
#: the reported day (a bracketed paired date, "on Friday (March 20)", or a caption's weekday) is
#: the publication day or up to this many days before it
REPORTED_DAY_RANGE = 1


Role = Literal["dateline", "relative", "paired", "anchor", "other"]


@dataclass(frozen=True)
class DateMention:
    """An explicit calendar date in a text."""

    month: int
    day: int
    year: int | None
    weekday: int | None
    role: Role
    future: bool
    text: str
    start: int
    bracketed: bool = False  # "Friday (March 20)": the wire style of the publication's week
    days_before: int = 0  # a relative mention: 0 for "today (...)", 1 for "yesterday (...)"


@dataclass(frozen=True)
class PubdateEvidence:
    """What the text of one article says about its publication date (year may be pending)."""

    mentions: tuple[DateMention, ...]
    captions: tuple[DateMention, ...]
    past_weekdays: tuple[tuple[int, str], ...]
    doc_year: int | None
    latest_past_year: int | None


@dataclass(frozen=True)
class Publication:
    """What the text says about the publication date: the day (`low == high == day`), else the
    range that holds it (`day` None), else nothing; `text` is the words it came from, or for an
    unknown day the latest date the text reports (`latest_date_text`)."""

    day: date | None
    low: date | None
    high: date | None
    text: str | None


def needs_corpus_year(evidence: PubdateEvidence) -> bool:
    """Whether the evidence cannot be resolved without the corpus year."""
    return evidence.doc_year is None and any(
        m.year is None for m in evidence.mentions + evidence.captions
    )


def infer_publication(evidence: PubdateEvidence, corpus_year: int | None) -> Publication:
    """The publication day, else the range the text allows, with the words they came from.

    In order: a dateline date; a date said to be today or yesterday ("today (March 20)") give
    the day. Else the reported day d, the later of the latest bracketed paired date and a news
    photo's date moved to the latest weekday the body reports for a past event up to
    `CAPTION_WEEKDAY_DAYS` after it, gives the range d..d+`REPORTED_DAY_RANGE`. Else nothing,
    with the latest reported (else background) date in `text`.
    """
    dateline = _latest(
        [m for m in evidence.mentions if m.role == "dateline"], evidence, corpus_year
    )
    if dateline is not None:
        return Publication(dateline[0], dateline[0], dateline[0], dateline[1])
    relative = _latest_relative(evidence, corpus_year)
    if relative is not None:
        return Publication(relative[0], relative[0], relative[0], relative[1])
    paired = _latest(
        [m for m in evidence.mentions if m.role == "paired" and m.bracketed], evidence, corpus_year
    )
    caption = _caption_date(evidence, corpus_year)
    reported = max([found for found in (paired, caption) if found is not None], default=None)
    if reported is None:
        return Publication(None, None, None, _latest_text(evidence, corpus_year))
    text = _latest_text(evidence, corpus_year)
    if reported is caption or text is None:
        text = latest_date_text("reported", *reported)
    return Publication(None, reported[0], reported[0] + timedelta(REPORTED_DAY_RANGE), text)


def infer_pubdate(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The publication day and its words; when unknown, None and the latest reported date."""
    found = infer_publication(evidence, corpus_year)
    return found.day, found.text


def resolve_pubdate(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The publication day and the words it came from, or (None, None)."""
    found = infer_publication(evidence, corpus_year)
    return (found.day, found.text) if found.day is not None else (None, None)


def _latest_text(evidence: PubdateEvidence, corpus_year: int | None) -> str | None:
    """How an undated article records the latest date it reports, else its latest background
    date (`flows.annotate.anchor` resolves its relative dates against the former)."""
    captions = [(d, f"caption: {m.text}") for d, m in _news_caption_dates(evidence, corpus_year)]
    news = _latest([m for m in evidence.mentions if m.role != "other"], evidence, corpus_year)
    latest = max(captions + ([news] if news else []), default=None)
    if latest is not None:
        return latest_date_text("reported", *latest)
    background = _latest(evidence.mentions, evidence, corpus_year)
    if background is not None:
        return latest_date_text("background", *background)
    return None


def _latest_relative(evidence: PubdateEvidence, corpus_year: int | None) -> tuple[date, str] | None:
    """The latest publication day given by "today (<date>)" or "yesterday (<date>)"."""
    years = _years(evidence, corpus_year)
    best: tuple[date, str] | None = None
    for mention in evidence.mentions:
        if mention.role != "relative":
            continue
        resolved = _resolve_mention(mention, years)
        if resolved is None or (evidence.latest_past_year or 0) > resolved.year:
            continue
        day = resolved + timedelta(mention.days_before)
        if best is None or day > best[0]:
            kind = "yesterday" if mention.days_before else "today"
            best = (day, f"{kind}: {mention.text.strip('() ')}")
    return best


def _latest(
    mentions: Iterable[DateMention], evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date, str] | None:
    """The latest of the mentions that resolves and is not before a year reported as past."""
    years = _years(evidence, corpus_year)
    best: tuple[date, str] | None = None
    for mention in mentions:
        resolved = _resolve_mention(mention, years)
        if resolved is None or (evidence.latest_past_year or 0) > resolved.year:
            continue
        if best is None or resolved > best[0]:
            best = (resolved, mention.text)
    return best


def _caption_date(evidence: PubdateEvidence, corpus_year: int | None) -> tuple[date, str] | None:
    """The latest day a past weekday of the body names, from the newest news photo's date to
    `CAPTION_WEEKDAY_DAYS` after it; None without one.

    A caption older than the body's latest year, or than the corpus year when the body names
    none, shows an archive photo and does not count.
    """
    photos = _news_caption_dates(evidence, corpus_year)
    newest = max((resolved for resolved, _ in photos), default=None)
    best: tuple[date, str] | None = None
    for resolved, mention in photos:
        if resolved != newest:  # the article is not older than its newest photo
            continue
        for weekday, words in evidence.past_weekdays:
            if words.lower().startswith("last"):  # "last Tuesday": a week before, not the day
                continue
            ahead = (weekday - resolved.weekday()) % 7
            day = resolved + timedelta(ahead)
            if ahead <= CAPTION_WEEKDAY_DAYS and (best is None or day > best[0]):
                best = (day, f"caption: {mention.text}; body: {words}")
    return best


def _news_caption_dates(
    evidence: PubdateEvidence, corpus_year: int | None
) -> list[tuple[date, DateMention]]:
    """The resolved caption dates not older than the body's latest year (else the corpus's)."""
    oldest = evidence.latest_past_year or corpus_year or evidence.doc_year or 0
    years = _years(evidence, corpus_year)
    out = []
    for mention in evidence.captions:
        resolved = _resolve_mention(mention, years)
        if resolved is not None and resolved.year >= oldest:
            out.append((resolved, mention))
    return out


def _years(evidence: PubdateEvidence, corpus_year: int | None) -> list[int]:
    """The years a date without one may take, in order: the document's, then the corpus's."""
    return [y for y in (evidence.doc_year, corpus_year) if y is not None]


def _resolve_mention(mention: DateMention, years: list[int]) -> date | None:
    """The date of a mention: its own year, else the first of `years` (then the year before or
    after the last) where it falls on its weekday. A weekday that fits none of them is a slip
    ("Thursday (April 17)" in 2020) and the mention dates nothing: the nearest year that fits
    is five years off."""
    if mention.year is not None:
        candidates = [mention.year]
    elif years:
        candidates = [*years, years[-1] - 1, years[-1] + 1]
    else:
        return None
    for y in candidates:
        try:
            d = date(y, mention.month, mention.day)
        except ValueError:
            continue
        if mention.weekday is None or d.weekday() == mention.weekday:
            return d
    return None
