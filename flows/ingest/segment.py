"""Split the text of one file into articles: headline, clean body paragraphs, captions apart.

The file is read as lines; blank lines only count as gaps. Hard-wrapped text (at least five
lines, none longer than `WRAP_MAX`, most nearly as long as the longest, and most running on
into the next line mid-sentence) is first rejoined: a line continues the previous one unless
it is blank, indented, a bullet, or the previous line ended a sentence well short of the wrap
width. Separator lines ("* * *", "-----",
"Document 3 of 25", "End of Document") are read as a wide gap. Each line is classified:
- chrome (lexicons/chrome.json, comma-separated tag lines, "Home ... <headline>" breadcrumbs)
  is dropped;
- captions and credits (caption markers, photo credits, wire-photo captions dated
  "on September 13, 2020." that sit right under a headline, between wide gaps or next to a
  credit, and the unpunctuated line after a bare "Image copyright" credit) are kept apart;
  but an article whose only text is dated lines taken for captions by where they sit, with no
  credit or other caption in it, is a brief, and they are its body ("Police detained 40 people
  in Minsk on Sunday, 9 August 2020, ..." alone in a file, or under a headline, is no caption);
- a line that is only a date ("16 August 2020", "Updated 1:02 PM ET, Sun August 16, 2020")
  is the article's date line, kept apart for the publication date;
- section heads (dash- or quote-wrapped short lines, all-caps lines of up to three words) and
  bullet lists are body;
- a short line without terminal punctuation is a headline candidate.
The first candidate (or section-like line) before any body is the headline of the first
article. Later, a candidate starts a new article only when it is not followed by a bullet list
and scores at least `HEADLINE_SCORE` on: title case, all-caps excluded (+2), five or more words
(+1), three or fewer (-2), a caption right below (+1), a date line right below (+2), a wider gap
above than between paragraphs (+3), a dateline opening the next paragraph (+3). Short lines
ending in "?" or "!" are candidates too; the score keeps in-article questions ("What is
happening politically?") out. An article needs at least one body line.

Text of any shape costs time in proportion to its length: a headline is cut to
`MAX_HEADLINE_CHARS` and an article's body to `MAX_ARTICLE_CHARS` (at a word break, "…" marking
the cut; body lines past the cut are dropped until the next article starts).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from flows.ingest.chrome import MAX_FURNITURE_CHARS, is_breadcrumb, line_kind, strip_chrome_prefix

Kind = Literal[
    "chrome",
    "caption",
    "credit",
    "wire_caption",  # a line with a wire-photo date, until its neighbours settle what it is
    "dated_caption",  # a wire_caption taken for a caption by where it sits, no credit beside it
    "date_line",
    "section",
    "bullet",
    "short",
    "body",
]

HEADLINE_SCORE = 4
MAX_HEADLINE_WORDS = 25
#: headlines run to about 150 characters; a longer one (a whole line of text without spaces, a
#: sidecar's runaway title) is cut here, as every page and table that shows it would repeat it
MAX_HEADLINE_CHARS = 300
#: the longest news features run to about 60,000 characters; past this a "body" is a dump (a
#: book, a file without line breaks) whose every extra character costs extraction time
MAX_ARTICLE_CHARS = 100_000
WRAP_MAX = 100
SEPARATOR_GAP = 3

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WIRE_DATE = re.compile(  # the lookahead (a month's initial or a digit) triples search speed
    rf"(?=[ADFJMNOS\d])(?:\b{_MONTH} \d{{1,2}}, (?:19|20)\d\d\b|\b\d{{1,2}} {_MONTH} (?:19|20)\d\d\b)"
)
_DATE_LINE = re.compile(
    r"(?i:(?:(?:first |last )?(?:published|updated|posted)|date[d]?)\s*:?\s*(?:on\s+)?)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?,?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?\.?"
)
_TERMINAL = re.compile(r"[.!?;:,…]$")
_CLOSERS = "\"'”’)]»"
_BULLET = re.compile(r"^(?:[•·▪◦*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_DASH_WRAPPED = re.compile(r"^[-–—]\s*.{1,80}?\s*[-–—]$")
_QUOTE_WRAPPED = re.compile(r"^[\"'‘“].{1,80}[\"'’”]$")
_DATELINE = re.compile(
    r"^(?:\((?:CNN|AP|AFP|Reuters|REUTERS|Bloomberg|BBC)\)|"
    r"[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z .]{2,30})?\s*(?:\([A-Za-z .]{2,20}\))?\s*[-–—]\s)"
)
_LEADS = ("short", "section")
_CAPTIONS = ("caption", "credit", "dated_caption")
_SEPARATOR = re.compile(
    r"(?:[*\-_=~#•·—–]\s*){3,}|(?i:(?:document|article|story|item) \d+ of \d+|end of (?:document|article|story))"
)
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "over",
        "per",
        "than",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)


@dataclass
class Line:
    """One non-blank line of the file with its layout and class."""

    text: str
    gap_before: int
    gap_after: int
    kind: Kind


@dataclass
class Segment:
    """One article found in a file."""

    headline: str | None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    chars: int = 0  # the body's length so far, with a paragraph break after each line

    @property
    def text(self) -> str:
        """The clean body: paragraphs separated by blank lines."""
        return "\n\n".join(self.body)


def segment_text(text: str) -> list[Segment]:
    """The articles in `text`, in file order; articles without body text are dropped."""
    lines = classify_lines(text)
    return [s for s in _split(lines) if s.body]


def classify_lines(text: str) -> list[Line]:
    """Every non-blank line with its gaps and its class."""
    raw = unwrap(text.split("\n"))
    lines: list[Line] = []
    gap = 99
    for row in raw:
        stripped = row.strip()
        if not stripped or _SEPARATOR.fullmatch(stripped):
            gap += 1 if not stripped else SEPARATOR_GAP
            continue
        if lines:
            lines[-1].gap_after = gap
        lines.append(Line(strip_chrome_prefix(stripped), gap, 99, "body"))
        gap = 0
    for i, line in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else None
        line.kind = "chrome" if is_breadcrumb(line.text, nxt) else _own_kind(line.text)
    _resolve_context(lines)
    return lines


def unwrap(rows: list[str]) -> list[str]:
    """Rejoin hard-wrapped paragraphs (fixed-width wire copy) into single lines."""
    lengths = [len(r.rstrip()) for r in rows if r.strip()]
    if len(lengths) < 5 or max(lengths) > WRAP_MAX:
        return rows
    width = max(lengths)
    if sum(n >= 0.75 * width for n in lengths) < 0.5 * len(lengths):
        return rows
    continued = sum(
        1
        for row, after in zip(rows, rows[1:], strict=False)
        if row.strip()
        and after.strip()
        and not after[:1].isspace()
        and not _TERMINAL.search(row.rstrip().rstrip(_CLOSERS))
    )
    if continued < 0.5 * len(lengths):
        return rows
    # Each output line as the rows joined into it, joined once at the end: adding every row to
    # a growing string would cost the square of a paragraph's length.
    out: list[list[str]] = []
    joinable = False
    for row in rows:
        fresh = not row.strip() or row[:1].isspace() or _BULLET.match(row.strip())
        if out and joinable and not fresh:
            out[-1].append(row.strip())
            last = " " + row.strip()  # how the line now ends: a space, then this row
        else:
            out.append([row])
            last = row.rstrip()
        joinable = bool(last) and not (
            _TERMINAL.search(last.rstrip(_CLOSERS)) and len(row.rstrip()) < 0.75 * width
        )
    return [" ".join([parts[0].rstrip(), *parts[1:]]) if parts[1:] else parts[0] for parts in out]


def _own_kind(text: str) -> Kind:
    """The class of a line judged on its own."""
    if _DATE_LINE.fullmatch(text):
        return "date_line"
    kind = line_kind(text)
    if kind == "chrome":
        return "chrome"
    if kind == "credit_only":
        return "credit"
    if kind == "caption":
        return "caption"
    if _BULLET.match(text):
        return "section" if _DASH_WRAPPED.match(text) else "bullet"
    if _DASH_WRAPPED.match(text) or (_QUOTE_WRAPPED.match(text) and len(text.split()) <= 10):
        return "section"
    if len(text) <= MAX_FURNITURE_CHARS and _has_wire_date(text):
        return "wire_caption"
    if _TERMINAL.search(text.rstrip(_CLOSERS).rstrip("?!")):
        return "body"
    n_words = len(text.split(None, MAX_HEADLINE_WORDS))  # words, counted up to one past the limit
    if n_words > MAX_HEADLINE_WORDS:
        return "body"
    letters = [c for c in text if c.isalpha()] if n_words <= 3 else []
    return "section" if len(letters) > 3 and all(c.isupper() for c in letters) else "short"


def _has_wire_date(text: str) -> bool:
    """Whether `text` holds a wire-photo date; most lines, lacking a "19" or "20" (every such
    date has its year), are answered without the slower regex search."""
    return ("19" in text or "20" in text) and _WIRE_DATE.search(text) is not None


def _resolve_context(lines: list[Line]) -> None:
    """Settle the classes that depend on neighbours (captions under credits and headlines)."""
    for line, prev, nxt in _with_neighbours(lines):
        if line.kind == "wire_caption":
            under_headline = prev is not None and prev.kind in ("short", "date_line")
            isolated = line.gap_before >= 2 and line.gap_after >= 2
            beside_credit = (
                prev is not None and prev.kind in _CAPTIONS and line.gap_before == 0
            ) or (nxt is not None and nxt.kind in ("caption", "credit") and line.gap_after == 0)
            if beside_credit:
                line.kind = "caption"
            elif under_headline or isolated:
                line.kind = "dated_caption"
            else:
                line.kind = "body"
        elif (
            line.kind in ("short", "section", "body")
            and prev is not None
            and prev.kind == "credit"
            and not _TERMINAL.search(line.text.rstrip(_CLOSERS))
            and not (nxt is not None and nxt.kind in ("caption", "credit"))
        ):
            line.kind = "caption"


def _with_neighbours(lines: list[Line]) -> Iterator[tuple[Line, Line | None, Line | None]]:
    """Each line with the nearest lines before and after it that are not chrome (the one
    before as it is when the line comes up, so after any change made to it)."""
    after: list[Line | None] = [None] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        nxt = lines[i + 1]
        after[i] = nxt if nxt.kind != "chrome" else after[i + 1]
    before = None
    for line, nxt in zip(lines, after, strict=True):
        yield line, before, nxt
        if line.kind != "chrome":
            before = line


def _split(lines: list[Line]) -> list[Segment]:
    """Group classified lines into articles (a date line just above a headline goes with it)."""
    usual_gap = _usual_gap(lines)
    segments: list[Segment] = []
    current = Segment(None)
    dated = 0  # how many of the current article's captions are dated captions
    dates: list[Line] = []
    content = [line for line in lines if line.kind != "chrome"]
    for i, line in enumerate(content):
        nxt = content[i + 1] if i + 1 < len(content) else None
        if line.kind == "date_line":
            dates.append(line)
            continue
        opens = _opens_article(nxt)
        if opens and not current.body and current.headline is None and line.kind in _LEADS:
            current.headline = shorten(line.text, MAX_HEADLINE_CHARS)
        elif (
            opens
            and line.kind == "short"
            and current.body
            and headline_score(_above_dates(line, dates), nxt, usual_gap) >= HEADLINE_SCORE
        ):
            segments.append(_brief(current, dated))
            current, dated = Segment(shorten(line.text, MAX_HEADLINE_CHARS)), 0
        elif line.kind in _CAPTIONS:
            dated += line.kind == "dated_caption"
            current.captions.append(line.text)
        else:
            _add_body(current, line.text)
        current.date_lines += [d.text for d in dates]
        dates = []
    current.date_lines += [d.text for d in dates]
    segments.append(_brief(current, dated))
    return segments


def _add_body(segment: Segment, text: str) -> None:
    """Append a body line; the one that would take the body past MAX_ARTICLE_CHARS is cut there,
    and the lines after it are dropped."""
    room = MAX_ARTICLE_CHARS - segment.chars
    if len(text) <= room:
        segment.body.append(text)
        segment.chars += len(text) + len("\n\n")
    elif room > 0:
        segment.body.append(shorten(text, room))
        segment.chars = MAX_ARTICLE_CHARS


def _brief(segment: Segment, dated: int) -> Segment:
    """The segment, its captions made its body when it has none and they are all dated ones
    (`dated` counts those): a credit or a marked caption among them shows they are captions."""
    if segment.body or not dated or dated < len(segment.captions):
        return segment
    for caption in segment.captions:
        _add_body(segment, caption)
    segment.captions = []
    return segment


def shorten(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else cut to `limit` with "…" marking the cut:
    at its last word break, or mid-word when that break would lose more than half."""
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - 1)]
    words = head.rsplit(None, 1)
    if len(words) == 2 and len(words[0]) > limit // 2:
        head = words[0]
    return head.rstrip() + "…"


def _above_dates(line: Line, dates: list[Line]) -> Line:
    """The line with the gap above the date lines that directly precede it."""
    if not dates or line.gap_before > 1:
        return line
    return Line(line.text, max(line.gap_before, dates[0].gap_before), line.gap_after, line.kind)


def _opens_article(nxt: Line | None) -> bool:
    """Whether the line after a headline candidate can start an article."""
    return nxt is not None and nxt.kind != "bullet"


def _usual_gap(lines: list[Line]) -> int:
    """The typical number of blank lines between body paragraphs."""
    gaps = [line.gap_before for line in lines if line.kind == "body" and line.gap_before < 99]
    return int(statistics.median(gaps)) if gaps else 1


def headline_score(line: Line, nxt: Line | None, usual_gap: int) -> int:
    """How strongly a short line mid-file looks like the headline of a new article."""
    words = _WORD.findall(line.text)
    score = 0
    if len(words) >= 3 and title_case_ratio(words) >= 0.6 and not line.text.isupper():
        score += 2
    if len(words) >= 5:
        score += 1
    elif len(words) <= 3:
        score -= 2
    if nxt is not None and nxt.kind in _CAPTIONS:
        score += 1
    if nxt is not None and nxt.kind == "date_line":
        score += 2
    if line.gap_before > usual_gap:
        score += 3
    if nxt is not None and nxt.kind == "body" and _DATELINE.match(nxt.text):
        score += 3
    return score


def title_case_ratio(words: list[str]) -> float:
    """Share of the words (beyond minor words) that start with a capital or a digit."""
    major = [w for w in words if w.lower() not in _MINOR]
    if not major:
        return 0.0
    return sum(1 for w in major if w[0].isupper() or w[0].isdigit()) / len(major)
