"""Infer an article's publication date from its own text, without inventing precision.

Evidence is the explicit dates of the body ("on August 15", "on 21 January", "Friday (March 20)",
"on March 10, 2020") and, apart, the dates of its photo captions. Each body date is classified:
- dateline: the date of a dateline opening the body ("WASHINGTON, March 3 (Reuters) -"), or
  of the article's own date line ("16 August 2020", "Updated 1:02 PM ET, Sun August 16, 2020");
- paired: written together with its weekday ("Friday (March 20)", "Friday, March 20");
- anchor: an adverbial date, "on <date>";
- anything else ("the August 9 election", "since August 9") names a background event.
A date whose clause speaks of the future ("planned a strike on August 17", "will meet on ...")
is dropped: the publication date is not in the future of the reported events.
A caption's date is its photo's: the first "on <date>" or full date of the caption (background
dates follow it in wire captions). No caption counts when any caption of the article marks a
file or archive photo ("File photo", "(FILES)", "archive", "Courtesy ... Library"), nor one
older than the latest year the body reports (else the corpus year).
The rule, in order:
0. a dateline date is the publication date;
1. paired dates exist: the latest paired date. Its year is the one in which the weekday agrees
   (the document's year first, then the corpus year, then the nearest year that agrees);
2. the body gives no such date: the latest news-caption date whose weekday the body names for
   a past event ("on Saturday", "Saturday's march", "late Saturday" in a past-tense sentence),
   a wire photo of the reported day (`published_date_text` "caption: September 19, 2020;
   body: on Saturday");
3. otherwise unknown, and `published_date_text` records the latest anchor, paired or news-caption
   date ("latest reported date 2020-08-15: August 15"), else the latest background date ("latest
   background date 2020-08-09: August 9"), if any. It is not the publication date: the former
   rule "no weekday named: the latest `on <date>`" was, on news2020 (real dates), within 1 day
   for 0 of 60 articles, within 3 days for 5, within 7 for 16, a median 12 days early (wire
   style names the days of the past week by weekday and older days by date), so it is off.
A date earlier than a year the text reports as past ("in 2019") is discarded: an article is
not published before the events it reports.
A date without a year takes the year of the document (the most common year among its full
dates, captions other than file photos included), else the corpus year (`assemble_corpus`).
The extractors resolve dates against the publication date, else the latest reported date
(`flows.annotate.anchor`).
Measured against real publication dates (within a day): datelines 17,288 of the 17,350
Reuters-21578 dates they give; paired dates 448 of 519 news2020 articles (490 within 3 days);
captions 3 of the 5 news2020 articles where rule 2 applies (4 within 3 days, all within 5).
The fallback anchor is weak evidence: for undated news2020 articles the latest reported date was
a median 11 days before publication (within 3 days for 34 of 222, after it for 22), and their
past weekdays resolved against it gave the true day for 29 of 197. On the seeds it keeps the
events' main-event recall (0.82) and lifts statistics' as_of_date accuracy from 0.80 to 0.95.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from flows.annotate import latest_date_text

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
# Where a _DATE match can start: a weekday's or month's initial, or a digit.
_DATE_START = re.compile("[" + "".join(sorted({n[0] for n in (*MONTHS, *WEEKDAYS)})) + r"\d]")
_WD_INITIALS = "".join(sorted({w[0] for w in WEEKDAYS}))
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")  # no date with a year without one
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Za-z .'-]{1,30}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*")
_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?[-–—]")
_ON_BEFORE = re.compile(r"\b(?:on|On|dated|Dated)\s+$")
_FUTURE = re.compile(
    r"\b(?:will|shall|plans?|planned|planning|scheduled|due|expected|set to|to be held|"
    r"is to|are to|next|upcoming|ahead of|until|deadline|would|slated|premieres?|to begin)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d$£€.,:/-])(?:19|20)\d\d(?![\d%,.:/-]\d|\d)")
_YEAR_START = re.compile("[12]")
_FILE_PHOTO = re.compile(
    r"(?i)\bfile (?:photo|picture|image|pic)s?\b|\(FILES?\)|^\s*FILE\b|\barchiv(?:e|al)\b"
    r"|\bcourtesy\b|\bhistoric(?:al)? (?:photo|picture|image)"
)
_PAST_WEEKDAY = re.compile(  # the lookahead (what a match opens with) halves search time
    rf"(?=[elo{_WD_INITIALS}])\b(?:(?:on|late|early|last)\s+(?P<wd1>{_WD})\b(?!\s*,?\s*\(?(?:{_MON}|\d))"
    rf"|(?P<wd2>{_WD})(?:’s|'s|\s+(?:morning|afternoon|evening|night))\b)"
)
_PROSPECTIVE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|appeal(?:s|ed|ing)?|push(?:es|ed|ing)?)\s+for\b|\bto\s+[a-z]+\s+$"
)
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|told|took|held|saw|came|went|began|met|led|fled|won|lost|"
    r"gave|made|left|spoke|fought|broke|sent|ran|shot|hit|stood|set|[a-z]+ed)\b"
)
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
    captions: tuple[DateMention, ...]
    past_weekdays: tuple[tuple[int, str], ...]
    doc_year: int | None
    latest_past_year: int | None


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in `text`, classified as paired, anchor or other."""
    out = []
    for m in _matches(_DATE, _DATE_START, text):
        mention = _mention(text, m)
        if mention is not None:
            out.append(mention)
    return out


def _matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where `starts` finds a character that can open a match
    (three to six times faster for patterns whose opening sre cannot use to skip ahead)."""
    pos = 0
    while (start := starts.search(text, pos)) is not None:
        m = pattern.match(text, start.start())
        if m is None:
            pos = start.start() + 1
        else:
            yield m
            pos = m.end()


def _calendar(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a date match, or None when it is not a real date."""
    if m.group("iso"):
        try:
            d = date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
        return d.month, d.day, d.year
    month = MONTHS[m.group("m1") or m.group("m2")]
    day = int(m.group("d1") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else None
    if not 1 <= day <= 31 or not _valid(year or 2000, month, day):
        return None
    return month, day, year


def _mention(text: str, m: re.Match[str]) -> DateMention | None:
    """One date match as a DateMention, or None when it is not a real date."""
    found = _calendar(m)
    if found is None:
        return None
    month, day, year = found
    if m.group("iso"):
        return DateMention(month, day, year, None, "anchor", False, m.group(), m.start())
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
            if not _YEAR_HINT.search(line) or _FILE_PHOTO.search(line):
                continue
            found = (_calendar(m) for m in _matches(_DATE, _DATE_START, line))
            votes.update(c[2] for c in found if c is not None and c[2] is not None)
    return votes


def top_year(votes: Counter[int]) -> int | None:
    """The most common year, the latest on ties; None without votes."""
    if not votes:
        return None
    return max(votes, key=lambda y: (votes[y], y))


def pubdate_evidence(
    body: str, doc_year: int | None, date_lines: Sequence[str] = (), captions: Sequence[str] = ()
) -> PubdateEvidence:
    """The date evidence of one article: its body, date lines and (apart) its news captions."""
    stamped = [
        replace(d, role="dateline", future=False, text=line)
        for line in date_lines
        for d in find_dates(line)
    ]
    mentions = tuple(stamped) + tuple(d for d in find_dates(body) if not d.future)
    past_years = [
        int(m.group())
        for m in _matches(_YEAR, _YEAR_START, body)
        if not _in_future_clause(body, m.start(), m.end())
    ]
    return PubdateEvidence(
        mentions,
        _photo_dates(captions),
        past_weekdays(body),
        doc_year,
        max(past_years, default=None),
    )


def _photo_dates(captions: Sequence[str]) -> tuple[DateMention, ...]:
    """The dates news captions give their photos: in each, the first "on <date>" or full date
    (background dates follow the photo's in wire captions). None when any caption marks a file
    or archive photo: a credit line split from its caption can carry the mark for both."""
    if any(_FILE_PHOTO.search(line) for line in captions):
        return ()
    found = []
    for line in captions:
        dates = [d for d in find_dates(line) if d.role != "other" or d.year is not None]
        found += dates[:1]
    return tuple(found)


def past_weekdays(body: str) -> tuple[tuple[int, str], ...]:
    """The weekdays the body names for past events ("on Saturday", "Saturday's march"): in a
    past-tense sentence, not in a future clause nor called for ("called for marches on Sunday",
    "urged people to rally on Sunday")."""
    out = []
    for m in _PAST_WEEKDAY.finditer(body):
        lo, hi = _sentence_around(body, m.start(), m.end())
        before = body[max(lo, m.start() - 60) : m.start()]
        if (
            _in_future_clause(body, m.start(), m.end())
            or _PROSPECTIVE.search(before)
            or not _PAST_CUE.search(body[lo:hi])
        ):
            continue
        out.append((WEEKDAYS.index(m.group("wd1") or m.group("wd2")), m.group()))
    return tuple(out)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end]."""
    cut = list(_SENTENCE_START.finditer(text, max(0, start - 300), start))
    lo = cut[-1].end() if cut else max(0, start - 300)
    stop = _SENTENCE_START.search(text, end, end + 300)
    return lo, stop.start() if stop else min(len(text), end + 300)


def needs_corpus_year(evidence: PubdateEvidence) -> bool:
    """Whether the evidence cannot be resolved without the corpus year."""
    return evidence.doc_year is None and any(
        m.year is None for m in evidence.mentions + evidence.captions
    )


def infer_pubdate(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The publication date and its words; when unknown, None and the latest reported date."""
    found = resolve_pubdate(evidence, corpus_year)
    if found[0] is not None:
        return found
    captions = [(d, f"caption: {m.text}") for d, m in _news_caption_dates(evidence, corpus_year)]
    news = _latest([m for m in evidence.mentions if m.role != "other"], evidence, corpus_year)
    latest = max(captions + ([news] if news else []), default=None)
    if latest is not None:
        return None, latest_date_text("reported", *latest)
    background = _latest(evidence.mentions, evidence, corpus_year)
    if background is not None:
        return None, latest_date_text("background", *background)
    return None, None


def resolve_pubdate(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The publication date and the words it came from, or (None, None)."""
    best = _latest(_usable(evidence), evidence, corpus_year)
    if best is not None:
        return best
    return _caption_date(evidence, corpus_year)


def _latest(
    mentions: Iterable[DateMention], evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date, str] | None:
    """The latest of the mentions that resolves and is not before a year reported as past."""
    years = [y for y in (evidence.doc_year, corpus_year) if y is not None]
    best: tuple[date, str] | None = None
    for mention in mentions:
        resolved = _resolve_mention(mention, years)
        if resolved is None or (evidence.latest_past_year or 0) > resolved.year:
            continue
        if best is None or resolved > best[0]:
            best = (resolved, mention.text)
    return best


def _caption_date(
    evidence: PubdateEvidence, corpus_year: int | None
) -> tuple[date | None, str | None]:
    """The latest news-caption date whose weekday the body names for a past event, else none.

    A caption older than the body's latest year, or than the corpus year when the body names
    none, shows an archive photo and does not count.
    """
    said: dict[int, str] = {}
    for weekday, words in evidence.past_weekdays:
        said.setdefault(weekday, words)
    best: tuple[date, str] | None = None
    for resolved, mention in _news_caption_dates(evidence, corpus_year):
        if resolved.weekday() in said and (best is None or resolved > best[0]):
            best = (resolved, f"caption: {mention.text}; body: {said[resolved.weekday()]}")
    return best if best is not None else (None, None)


def _news_caption_dates(
    evidence: PubdateEvidence, corpus_year: int | None
) -> list[tuple[date, DateMention]]:
    """The resolved caption dates not older than the body's latest year (else the corpus's)."""
    oldest = evidence.latest_past_year or corpus_year or evidence.doc_year or 0
    years = [y for y in (evidence.doc_year, corpus_year) if y is not None]
    out = []
    for mention in evidence.captions:
        resolved = _resolve_mention(mention, years)
        if resolved is not None and resolved.year >= oldest:
            out.append((resolved, mention))
    return out


def _usable(evidence: PubdateEvidence) -> list[DateMention]:
    """The mentions that date the article: a dateline, else the dates paired with their weekday."""
    dateline = [m for m in evidence.mentions if m.role == "dateline"]
    return dateline or [m for m in evidence.mentions if m.role == "paired"]


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
