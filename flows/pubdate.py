"""Infer an article's publication date from its own text, without inventing precision.

Evidence is the explicit dates of the body ("on August 15", "on 21 January", "Friday (March 20)",
"on March 10, 2020"); captions never count (a caption's date is the photo's, and "File photo"
captions can be years old). Each date is classified:
- dateline: the date of a dateline opening the body ("WASHINGTON, March 3 (Reuters) -"), or
  of the article's own date line ("16 August 2020", "Updated 1:02 PM ET, Sun August 16, 2020");
- paired: written together with its weekday ("Friday (March 20)", "Friday, March 20");
- anchor: an adverbial date, "on <date>";
- anything else ("the August 9 election", "since August 9", "between August 28 and 31") only
  names a background event and is not evidence.
A date whose clause speaks of the future ("planned a strike on August 17", "will meet on
...", "is due on ...") is dropped: the publication date is not in the future of the reported
events.
The rule, in order:
0. a dateline date is the publication date;
1. paired dates exist: the latest paired date. Its year is the one in which the weekday agrees
   (the document's year first, then the corpus year, then the nearest year that agrees);
2. the text names no weekday at all: the latest anchor date (outlets that write every day
   as a date report the news day as the latest date);
3. otherwise unknown. Wire style names days of the past week by weekday and older days by date,
   so unpaired dates next to weekday mentions are older than the news week and do not date
   the article.
A date earlier than a year the text reports as past ("in 2019") is discarded: an article is
not published before the events it reports.
A date without a year takes the year of the document (the most common year among its full
dates, captions other than file photos included), else the corpus year (`assemble_corpus`);
a paired date takes the first of those, or of the years nearest them, in which its weekday
agrees.
`published_date_text` holds the words used.
Measured against real publication dates (within a day): datelines 17,288 of the 17,350
Reuters-21578 dates they give; paired dates 443 of 495 Straits Times dates (news2020). Rule 2
is weak there: 0 of 71 news2020 articles (mostly features, as news copy names weekdays), the
latest anchor being days to weeks before publication; read it as "published on or after".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for m in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_DATE = re.compile(
    rf"(?:(?P<wd1>{_WD}),?\s+\(?)?"
    rf"(?:(?P<m1>{_MON})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MON})\b\.?)"
    rf"(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?\)?"
    rf"(?:\)?\s*\((?P<wd2>{_WD})\))?"
    rf"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
)
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Za-z .'-]{1,30}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?[-–—]")
_ON_BEFORE = re.compile(r"\b(?:on|On|dated|Dated)\s+$")
_WEEKDAY = re.compile(rf"\b(?:{_WD})(?:s|’s|'s)?\b")
_FUTURE = re.compile(
    r"\b(?:will|shall|plans?|planned|planning|scheduled|due|expected|set to|to be held|"
    r"is to|are to|next|upcoming|ahead of|until|deadline|would|slated|premieres?|to begin)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d$£€.,:/-])(?:19|20)\d\d(?![\d%,.:/-]\d|\d)")
_FILE_PHOTO = re.compile(r"(?i)\bfile (?:photo|picture|image)\b|\(FILES?\)")
_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-Z\"“‘'(])|\n")

Role = Literal["dateline", "paired", "anchor", "other"]


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


@dataclass(frozen=True)
class PubdateEvidence:
    """What the text of one article says about its publication date (year may be pending)."""

    mentions: tuple[DateMention, ...]
    names_weekday: bool
    doc_year: int | None
    latest_past_year: int | None


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in `text`, classified as paired, anchor or other."""
    out = []
    for m in _DATE.finditer(text):
        mention = _mention(text, m)
        if mention is not None:
            out.append(mention)
    return out


def _mention(text: str, m: re.Match[str]) -> DateMention | None:
    """One date match as a DateMention, or None when it is not a real date."""
    if m.group("iso"):
        try:
            d = date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
        return DateMention(d.month, d.day, d.year, None, "anchor", False, m.group(), m.start())
    month = MONTHS[m.group("m1") or m.group("m2")]
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else None
    if not 1 <= day <= 31 or not _valid(year or 2000, month, day):
        return None
    wd_name = m.group("wd1") or m.group("wd2")
    weekday = WEEKDAYS.index(wd_name) if wd_name else None
    before = text[max(0, m.start() - 12) : m.start()]
    role: Role = (
        "dateline"
        if m.start() <= 60
        and _DATELINE_BEFORE.fullmatch(text[: m.start()])
        and _DATELINE_AFTER.match(text, m.end())
        else "paired"
        if weekday is not None
        else "anchor"
        if _ON_BEFORE.search(before)
        else "other"
    )
    return DateMention(
        month,
        day,
        year,
        weekday,
        role,
        role != "dateline" and _in_future_clause(text, m.start(), m.end()),
        m.group(),
        m.start(),
    )


def _valid(year: int, month: int, day: int) -> bool:
    """Whether the calendar has that day."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _in_future_clause(text: str, start: int, end: int) -> bool:
    """Whether the clause around a date speaks of the future."""
    left = text[max(0, start - 80) : start]
    cut = list(_SENTENCE_START.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    right = text[end : end + 40]
    stop = _SENTENCE_START.search(right)
    if stop:
        right = right[: stop.start()]
    return bool(_FUTURE.search(left) or re.match(r"\W*(?:is|are|will|would)\b", right))


def year_votes(texts: Iterable[str]) -> Counter[int]:
    """Years of the full dates (with a year) in the texts; file-photo captions do not vote."""
    votes: Counter[int] = Counter()
    for text in texts:
        for line in text.split("\n"):
            if _FILE_PHOTO.search(line):
                continue
            votes.update(d.year for d in find_dates(line) if d.year is not None)
    return votes


def top_year(votes: Counter[int]) -> int | None:
    """The most common year, the latest on ties; None without votes."""
    if not votes:
        return None
    return max(votes, key=lambda y: (votes[y], y))


def pubdate_evidence(
    body: str, doc_year: int | None, date_lines: Sequence[str] = ()
) -> PubdateEvidence:
    """The date evidence of one article body and its date lines (captions never count)."""
    stamped = [
        replace(d, role="dateline", future=False, text=line)
        for line in date_lines
        for d in find_dates(line)
    ]
    mentions = tuple(stamped) + tuple(
        d for d in find_dates(body) if not d.future and d.role != "other"
    )
    names_weekday = bool(_WEEKDAY.search(body))
    past_years = [
        int(m.group())
        for m in _YEAR.finditer(body)
        if not _in_future_clause(body, m.start(), m.end())
    ]
    return PubdateEvidence(mentions, names_weekday, doc_year, max(past_years, default=None))


def needs_corpus_year(evidence: PubdateEvidence) -> bool:
    """Whether the evidence cannot be resolved without the corpus year."""
    return evidence.doc_year is None and any(m.year is None for m in _usable(evidence))


def resolve_pubdate(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The publication date and the words it came from, or (None, None)."""
    years = [y for y in (evidence.doc_year, corpus_year) if y is not None]
    best: tuple[date, str] | None = None
    for mention in _usable(evidence):
        resolved = _resolve_mention(mention, years)
        if resolved is None or (evidence.latest_past_year or 0) > resolved.year:
            continue
        if best is None or resolved > best[0]:
            best = (resolved, mention.text)
    return best if best is not None else (None, None)


def _usable(evidence: PubdateEvidence) -> list[DateMention]:
    """The mentions the rule uses: a dateline; else paired ones; else anchors without weekdays."""
    dateline = [m for m in evidence.mentions if m.role == "dateline"]
    if dateline:
        return dateline
    paired = [m for m in evidence.mentions if m.role == "paired"]
    if paired:
        return paired
    if evidence.names_weekday:
        return []
    return [m for m in evidence.mentions if m.role == "anchor"]


def _resolve_mention(mention: DateMention, years: list[int]) -> date | None:
    """The date of a mention: its own year, else the first of `years` (then neighbours) that fits its weekday."""
    if mention.year is not None:
        candidates = [mention.year]
    elif years:
        candidates = years + [years[-1] + k * s for k in range(1, 7) for s in (-1, 1)]
    else:
        return None
    for y in candidates:
        if not _valid(y, mention.month, mention.day):
            continue
        d = date(y, mention.month, mention.day)
        if mention.weekday is None or d.weekday() == mention.weekday:
            return d
    return None
