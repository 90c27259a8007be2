"""Find date expressions in news text and resolve them against the publication date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Literal

from flows.lexicons import LexiconEntry, load_lexicon

Category = Literal[
    "month", "month_abbreviation", "weekday", "season", "quarter_ordinal", "count", "future_marker"
]


class TemporalWord(LexiconEntry):
    """One word of the temporal lexicon: a month, weekday, season, count or future marker."""

    word: str
    category: Category
    value: int


@dataclass(frozen=True)
class TimeExpression:
    """A date expression: its span in the text, resolved value, precision and kind.

    `value` is the day, or the first day of the week (Monday), month or year; quarters and
    seasons have kind "quarter"/"season", month precision and the first day of their first
    month; "now"/"currently" have kind "present" and the anchor day. `precision` is one of
    day, week, month, year, unknown (then `value` is None).
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: str
    kind: str


@dataclass(frozen=True)
class _Words:
    """The lexicon split by category."""

    months: dict[str, int]
    abbreviations: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, int]
    quarters: dict[str, int]
    counts: dict[str, int]
    future: tuple[str, ...]


@cache
def _words() -> _Words:
    """Load the temporal lexicon once."""
    entries = load_lexicon("temporal", TemporalWord).entries
    by: dict[str, dict[str, int]] = {}
    for e in entries:
        by.setdefault(e.category, {})[e.word] = e.value
    months = {**by["month"], **by["month_abbreviation"]}
    return _Words(
        months=months,
        abbreviations=frozenset(by["month_abbreviation"]),
        weekdays=by["weekday"],
        seasons=by["season"],
        quarters=by["quarter_ordinal"],
        counts=by["count"],
        future=tuple(sorted(by["future_marker"], key=len, reverse=True)),
    )


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first, of capitalised and upper-case forms."""
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def _ialt(words: list[str]) -> str:
    """A case-insensitive regex alternation, longest first."""
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_PREP = r"(?i:\b(?P<{g}>in|since|until|till|by|during|through|throughout|from|before|after|of|to|between|and|or|around|on|for|as\s+of)\s+)?"
_MOD = r"(?i:\b(?P<{g}>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)(?:[\s-]+|(?<=mid)-?))?"
_ORD = r"(?:st|nd|rd|th)?"


@cache
def _pattern() -> re.Pattern[str]:
    """The one compiled pattern that finds every candidate date expression."""
    w = _words()
    full = [m for m in w.months if m not in w.abbreviations]
    month = "(?:" + _alt(full) + "|" + _alt(sorted(w.abbreviations)) + r"\.?)"
    weekday = _alt(list(w.weekdays))
    season = _ialt(list(w.seasons))
    qord = _ialt(list(w.quarters))
    count = _ialt(list(w.counts)) + r"|\d{1,2}"
    parts = [
        r"(?P<iso>(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-]))",
        r"(?P<slash>(?<![\d/.])(?P<sa>\d{1,2})(?P<sep>[/.])(?P<sb>\d{1,2})(?P=sep)"
        + r"(?P<sy>\d{4}|(?<=/)\d{2})(?![\d/]|\.\d))",
        _PREP.format(g="dprep")
        + r"(?P<dmy>(?i:the\s+)?(?<![\d,.$£€])(?P<dday>\d{1,2})"
        + _ORD
        + r"\s+(?i:of\s+)?(?P<dmonth>"
        + month
        + r")(?:,?\s+(?P<dyear>\d{4})(?!\d))?)",
        _PREP.format(g="mprep")
        + r"(?P<mdy>"
        + _MOD.format(g="mmod")
        + r"(?i:\b(?P<mrel>last|this|next|past|coming)\s+)?"
        + r"(?<![\w])(?P<mmonth>"
        + month
        + r")(?:\s*(?P<mday>\d{1,2})"
        + _ORD
        + r"(?![\d:.,]\d|\s*(?:%|percent|per\s+cent)))?(?:(?:,\s*|\s+)(?i:of\s+)?(?P<myear>\d{4})(?!\d|,\d))?(?P<myrel>(?i:\s+(?:of\s+)?(?:last|this|next)\s+year\b))?(?!\w))",
        r"(?P<ordday>(?i:\bon\s+the\s+)(?P<oday>\d{1,2})(?:st|nd|rd|th)\b)",
        r"(?P<wdx>(?i:\b(?:(?P<wrel>last|this|next|coming|past)\s+)?(?:(?:early|late)\s+)?)"
        + r"(?<![\w])(?P<wday>"
        + weekday
        + r")(?![\w])(?i:\s+(?:morning|afternoon|evening|night|overnight)\b)?)",
        r"(?P<rel>(?i:\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        + r"|(?:yesterday|today|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|tonight"
        + r"|last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today"
        + r"|the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)"
        + r"|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after)\b))",
        r"(?P<later>(?i:\b(?P<ln>" + count + r")\s+days?\s+(?P<ld>later|earlier|after|before)\b))",
        r"(?P<qx>(?i:\b(?:the\s+)?(?:(?P<qpy>\d{4})\s+|(?P<qpr>this|last|next)\s+year['’]s\s+)?"
        + r"(?:(?P<qrel>last|latest|current|past|previous|this|next|coming)\s+"
        + r"|(?P<qord>"
        + qord
        + r")[\s-]+(?:fiscal[\s-]+)?)quarter\b)(?:(?i:\s+of\s+)(?:(?P<qyear>\d{4})|(?P<qof>(?i:last|this|next))\s+year\b))?)",
        r"(?P<unitx>(?i:\b(?P<ulead>(?:earlier|later)\s+this|(?:the\s+)?(?:last|past|previous|this|next"
        + r"|coming|current|following)|this\s+past|the(?=\s+weekend))\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
        + r"(?P<unit>weekend|week|month|year)\b))",
        r"(?P<ago>(?i:\b(?P<agon>" + count + r")\s+(?P<agou>day|week|month|year)s?\s+ago\b))",
        r"(?P<sx>(?i:\b(?P<srel>(?:(?:early|late|mid)[\s-]+)?(?:(?:last|this|next|past|coming)\s+)?)"
        + r"(?P<season>"
        + season
        + r")\b)(?:(?i:\s+of)?\s+(?P<syear>\d{4})(?!\d|,\d))?)",
        r"(?P<present>(?i:\b(?:now|currently|nowadays|at\s+present)\b))",
        r"(?P<yx>(?i:\b(?P<ymod>early|mid|late|the\s+end\s+of|fiscal|calendar)(?:[\s-]+|(?<=mid)-))?"
        + r"(?P<year>1[6-9]\d\d|20\d\d)(?:[-–/](?P<year2>\d{4}|\d{2}))?(?![\w%]|[.,]\d|[-–]\w))",
    ]
    # Every expression starts a word: testing that first skips mid-word positions cheaply.
    return re.compile(r"\b(?=\w)(?:" + "|".join(parts) + ")")


# A sentence boundary: terminal punctuation then a capital, not after an initial or "Mr".
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[a-z])(?<!\bMrs)(?<!\bMr|\bMs|\bDr|\bSt|\bNo)(?<!\bGen|\bSen|\bRep|\bGov)"
    + r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n"
)
_PAST_WORD = re.compile(
    r"(?<!\bbe\s)(?<!been\s)(?<!being\s)(?<!\bto\s)\b(?:said|says|was|were|had|did|told|ago"
    + r"|last|yesterday|[a-z]{2,}ed|[a-z]+ought|[a-z]*came|went|began|won|lost|made|took|gave|met"
    + r"|held|left|fled|ran|saw|got|fell|rose|sent|spent|paid|led|kept|struck|broke|shot|stood"
    + r"|caught|brought|found|fought|wrote|spoke|grew|knew|threw|drew|flew|withdrew|felt|heard"
    + r"|meant|sold|built|lent|chose|froze|stole|woke|rode|drove|ate|sat|understood|swore|tore"
    + r"|wore|shook|forsook|mistook|hid|fed|bled|slept|swept|wept|dealt|knelt|bent|sang|rang|drank"
    + r"|sank|swam|spun|stuck|hung|clung|swung|sprang|forgot|lit|arose|awoke|overtook|undertook)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"said|says|told|announced|added|stated|reported|noted|wrote|confirmed|declared",
    re.IGNORECASE,
)
# A reporting verb governs a date after it unless a reported clause starts in between.
_REPORTED_CLAUSE = re.compile(r"\bthat\b|(?:\S+\s+){6}")
FUTURE, UNKNOWN, PAST = 1, 0, -1


@cache
def _future_re() -> re.Pattern[str]:
    """Phrases that put an expression in the future (from the lexicon), plus 'next'."""
    words = [f for f in _words().future if f[0].isalpha()]
    clitics = [f for f in _words().future if not f[0].isalpha()]
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in words)
    tails = "|".join(re.escape(f) for f in clitics)
    soon = r"next(?=\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter|[A-Z][a-z]+day))"
    return re.compile(
        r"(?:(?<!\w)(?:" + alts + "|" + soon + ")|" + tails + r")(?!\w)", re.IGNORECASE
    )


def sentence_bounds(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The [start, end) of the sentence around a span (looking at most `reach` chars each way)."""
    lo = max(0, start - reach)
    cuts = list(_SENTENCE_END.finditer(text, lo, start))
    s = cuts[-1].end() if cuts else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    return s, m.start() if m else min(len(text), end + reach)


def _tense(text: str, start: int, end: int) -> int:
    """FUTURE, PAST or UNKNOWN for the clause around [start, end): the nearest marker wins."""
    s, e = sentence_bounds(text, start, end)
    left, right = text[s:start], text[end:e]
    left_clause = left[max(left.rfind(","), left.rfind(";")) + 1 :]
    comma = [i for i in (right.find(","), right.find(";")) if i >= 0]
    right_clause = right[: min(comma)] if comma else right
    for region, from_right in (
        (left_clause, True),
        (right_clause, False),
        (left, True),
        (right, False),
    ):
        verdict = _nearest_tense(region, from_right)
        if verdict != UNKNOWN:
            return verdict
    return UNKNOWN


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around [start, end) speaks of the future."""
    return _tense(text, start, end) == FUTURE


def _nearest_tense(region: str, from_right: bool) -> int:
    """The tense of the marker nearest the expression's side of the region, or UNKNOWN.

    Before the expression, a reporting verb counts only when it governs the date directly
    ("said on Monday"), not when the date sits in what was reported ("said it will ... by June").
    """
    fut = [(m.end() if from_right else -m.start(), 1) for m in _future_re().finditer(region)]
    past = [
        (m.end() if from_right else -m.start(), 0)
        for m in _PAST_WORD.finditer(region)
        if not (
            from_right
            and _REPORTING.fullmatch(m.group())
            and _REPORTED_CLAUSE.search(region, m.end())
        )
    ]
    marks = fut + past
    if not marks:
        return UNKNOWN
    return FUTURE if max(marks)[1] else PAST


def _monday(d: date) -> date:
    """The Monday of d's ISO week."""
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    """First day of the month n months after d's month."""
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return date(y, m, d)


def _pick(past: date | None, future: date | None, anchor: date, tense: int) -> date | None:
    """Choose between the candidate before and after the anchor like a news reader.

    Past tense takes the earlier reading unless the later one is 8 times closer (a day
    "September 12" four days ahead beats one almost a year back); no tense marker, twice.
    """
    if past is None or future is None:
        return past or future
    if tense == FUTURE:
        return future
    if tense == PAST:
        return future if (future - anchor).days * 8 < (anchor - past).days else past
    # No tense marker: the earlier reading unless the later one is much closer to publication.
    return future if (future - anchor).days * 2 < (anchor - past).days else past


def _year_for_day(month: int, day: int, anchor: date, tense: int) -> date | None:
    """The month/day whose year puts it nearest the anchor, preferring the tense's side."""
    cands = [
        c
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := _safe_date(y, month, day))
    ]
    past = max((c for c in cands if c <= anchor), default=None)
    future = min((c for c in cands if c > anchor), default=None)
    return _pick(past, future, anchor, tense)


def _year_for_month(month: int, anchor: date, tense: int) -> date:
    """The first day of the named month in the year that puts it nearest the anchor."""
    this = date(anchor.year, month, 1)
    if month == anchor.month:
        return this
    past = this if month < anchor.month else date(anchor.year - 1, month, 1)
    future = this if month > anchor.month else date(anchor.year + 1, month, 1)
    return _pick(past, future, date(anchor.year, anchor.month, 1), tense) or this


def find_time_expressions(text: str, anchor: date | None) -> list[TimeExpression]:
    """All date expressions in text, resolved against anchor (the publication date), sorted by start."""
    return list(_find_time_expressions(text, anchor))


def forget_memo() -> None:
    """Empty the memo of `find_time_expressions`, so the next call on any text is a cold one."""
    _find_time_expressions.cache_clear()


# Every alternative of _pattern() holds a digit or one of these words (as written or in any
# case): a text with neither has no expression, and testing that is much cheaper than the pattern.
_ANCHOR_WORDS = (
    "day", "night", "tomorrow", "morning", "afternoon", "evening", "week", "month", "year",
    "quarter", "ago", "now", "currently", "present",
)  # fmt: skip
_DIGIT = re.compile(r"\d")
# The characters other than A-Z that match a-z when case is ignored, and the letter they match.
_CASELESS_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@cache
def _anchors() -> tuple[str, ...]:
    """_ANCHOR_WORDS and the lexicon's months, weekdays and seasons, lowercased."""
    w = _words()
    return (*_ANCHOR_WORDS, *(x.lower() for x in (*w.months, *w.weekdays, *w.seasons)))


def _may_hold_date(text: str) -> bool:
    """False only when `text` cannot hold a date expression (no digit, no anchor word)."""
    if _DIGIT.search(text):
        return True
    folded = text.translate(_CASELESS_ASCII).lower()
    return any(word in folded for word in _anchors())


@lru_cache(maxsize=512)
def _find_time_expressions(text: str, anchor: date | None) -> tuple[TimeExpression, ...]:
    # Extractors ask again for the same sentence (once per trigger or number in it): memoised.
    if not _may_hold_date(text):
        return ()
    out: list[TimeExpression] = []
    for m in _pattern().finditer(text):
        expr = _resolve(text, m, anchor, out)
        if expr is not None:
            out.extend(expr)
    return tuple(_merge_weekday_dates(text, out))


def _merge_weekday_dates(text: str, exprs: list[TimeExpression]) -> list[TimeExpression]:
    """'Tuesday, Aug. 9' is one expression: keep the explicit date, widen its span."""
    merged: list[TimeExpression] = []
    for e in exprs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == "weekday"
            and e.kind == "explicit"
            and e.precision == "day"
            and re.fullmatch(r",?\s?\(?", text[prev.end : e.start])
        ):
            # "Thursday (Aug 20)": the closing bracket belongs to the expression too.
            end = (
                e.end + 1
                if "(" in text[prev.end : e.start] and text[e.end : e.end + 1] == ")"
                else e.end
            )
            merged[-1] = TimeExpression(
                prev.start, end, text[prev.start : end], e.value, "day", "explicit"
            )
            continue
        merged.append(e)
    return merged


def _expr(
    m: re.Match[str], group: str, value: date | None, precision: str, kind: str
) -> TimeExpression:
    """A TimeExpression over the span of one group of the match."""
    s, e = m.span(group)
    if value is None:
        precision = "unknown"
    return TimeExpression(s, e, m.string[s:e], value, precision, kind)


def _resolve(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> list[TimeExpression] | None:
    """Turn one regex match into zero, one or two resolved expressions."""
    g = m.group
    w = _words()
    if g("iso"):
        d = _safe_date(int(g("iy")), int(g("im")), int(g("id")))
        return [_expr(m, "iso", d, "day", "explicit")] if d else None
    if g("slash"):
        return _resolve_slash(m, anchor)
    if g("dmy"):
        month = w.months[g("dmonth").rstrip(".").lower()]
        start = _range_start(text, m.start("dmy"), earlier)
        return _day_month(m, "dmy", int(g("dday")), month, g("dyear"), anchor, start)
    if g("mdy"):
        return _resolve_month(text, m, anchor, _range_start(text, m.start("mdy"), earlier))
    if g("ordday"):
        return _resolve_ordinal_day(text, m, anchor)
    if g("wdx"):
        return _resolve_weekday(text, m, anchor)
    if g("rel"):
        day = _resolve_relative_day(text, m, anchor, earlier)
        return [day] if day else None
    if g("later"):
        return _resolve_days_later(text, m, anchor, earlier)
    if g("unitx"):
        return _resolve_unit(text, m, anchor)
    if g("ago"):
        return _resolve_ago(m, anchor)
    if g("qx"):
        return _resolve_quarter(text, m, anchor)
    if g("sx"):
        return _resolve_season(text, m, anchor)
    if g("present"):
        return [_expr(m, "present", anchor, "day", "present")]
    if g("yx"):
        return _resolve_year(text, m)
    return None


def _resolve_slash(m: re.Match[str], anchor: date | None) -> list[TimeExpression] | None:
    """'09.08.2020' day first; '8/9/2020' either way: the valid reading nearer publication
    (month first, US style, when there is no anchor or both are as near)."""
    a, b, y = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
    y = y + 2000 if y < 50 else y + 1900 if y < 100 else y
    day_first = _safe_date(y, b, a)
    readings = [day_first] if m.group("sep") == "." else [_safe_date(y, a, b), day_first]
    valid = [d for d in readings if d is not None]
    if not valid:
        return None
    d = min(valid, key=lambda v: abs((v - anchor).days)) if anchor else valid[0]
    return [_expr(m, "slash", d, "day", "explicit")]


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|through|until|till|and)\s*$", re.IGNORECASE)


def _range_start(text: str, pos: int, earlier: list[TimeExpression]) -> date | None:
    """The date opening a range that the expression at pos closes ("from March to June")."""
    if not earlier:
        return None
    prev = earlier[-1]
    if prev.value is None or prev.kind not in ("explicit", "month") or pos - prev.end > 12:
        return None
    return prev.value if _RANGE_JOIN.match(text, prev.end, pos) else None


def _after(start: date, month: int, day: int) -> date | None:
    """The first month/day on or after `start`."""
    d = _safe_date(start.year, month, day)
    return d if d is None or d >= start else _safe_date(start.year + 1, month, day)


def _day_month(
    m: re.Match[str],
    group: str,
    day: int,
    month: int,
    year: str | None,
    anchor: date | None,
    range_start: date | None = None,
) -> list[TimeExpression] | None:
    """A day and month, with the year given or taken nearest the anchor."""
    if year:
        d = _safe_date(int(year), month, day)
        return [_expr(m, group, d, "day", "explicit")] if d else None
    if _safe_date(2000, month, day) is None:
        return None
    if range_start is not None:
        return [_expr(m, group, _after(range_start, month, day), "day", "explicit")]
    d = _year_for_day(month, day, anchor, _tense(m.string, *m.span(group))) if anchor else None
    return [_expr(m, group, d, "day", "explicit")]


# "March for Freedom", "March on Washington": a name, unless a month follows ("March to June").
_NAMED = re.compile(
    r"\s+(?:for|against|of|to|on)\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]"
)


def _resolve_month(
    text: str, m: re.Match[str], anchor: date | None, range_start: date | None = None
) -> list[TimeExpression] | None:
    """'Aug. 9', 'August 9, 2020', 'August 2020', 'in August', 'mid-August', 'last July'."""
    g = m.group
    w = _words()
    name = g("mmonth").rstrip(".").lower()
    month = w.months[name]
    year = g("myear")
    if g("myrel") and not year:
        if anchor is None:
            return [_expr(m, "mdy", None, "unknown", "month")]
        rel_year = g("myrel").split()[-2].lower()
        year = str(anchor.year + {"last": -1, "this": 0, "next": 1}[rel_year])
    if g("mday"):
        return _day_month(m, "mdy", int(g("mday")), month, year, anchor, range_start)
    if year:
        return [_expr(m, "mdy", date(int(year), month, 1), "month", "month")]
    bare_abbrev = name in w.abbreviations and not g("mmonth").endswith(".")
    if bare_abbrev or not (g("mprep") or g("mmod") or g("mrel")) or _NAMED.match(text, m.end()):
        return None
    if range_start is not None and not g("mrel"):
        return [_expr(m, "mdy", _after(range_start.replace(day=1), month, 1), "month", "month")]
    if anchor is None:
        return [_expr(m, "mdy", None, "unknown", "month")]
    rel = (g("mrel") or "").lower()
    this = date(anchor.year, month, 1)
    if rel == "last" or rel == "past":
        d = this if month < anchor.month else date(anchor.year - 1, month, 1)
    elif rel in ("next", "coming"):
        d = this if month > anchor.month else date(anchor.year + 1, month, 1)
    elif rel == "this":
        d = this
    else:
        d = _year_for_month(month, anchor, _tense(text, *m.span("mdy")))
    return [_expr(m, "mdy", d, "month", "month")]


def _resolve_ordinal_day(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """'on the 9th': that day of the publication month, or of the month before if still to come."""
    day = int(m.group("oday"))
    s, e = m.start("oday") - len("the "), m.end("ordday")
    if anchor is None or not 1 <= day <= 31:
        return [TimeExpression(s, e, text[s:e], None, "unknown", "explicit")]
    future = _is_future(text, s, e)
    this = _safe_date(anchor.year, anchor.month, day)
    prev_month = _add_months(anchor, -1)
    next_month = _add_months(anchor, 1)
    past = this if this and this <= anchor else _safe_date(prev_month.year, prev_month.month, day)
    fut = this if this and this > anchor else _safe_date(next_month.year, next_month.month, day)
    d = fut if future and fut else past
    return [TimeExpression(s, e, text[s:e], d, "day" if d else "unknown", "explicit")]


_EVERY = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
# A capitalised word after "the Sunday ...": a title ("the Sunday Times"), unless it is a month.
_NAME_AFTER = re.compile(
    r"\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][a-z]"
)


# "Wednesday's ruling" names an event already known: the most recent such day.
_POSSESSIVE = re.compile(r"['’]s\b")


def _resolve_weekday(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """A weekday: the most recent one on or before publication, or on or after it in future context."""
    wd = _words().weekdays[m.group("wday").lower()]
    before = text[max(0, m.start() - 8) : m.start()]
    if _EVERY.search(before) or (_ARTICLE.search(before) and _NAME_AFTER.match(text, m.end())):
        return []
    if anchor is None:
        return [_expr(m, "wdx", None, "unknown", "weekday")]
    rel = (m.group("wrel") or "").lower()
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if rel in ("next", "coming"):
        d = anchor + timedelta(days=ahead or 7)
    elif rel in ("last", "past"):
        d = anchor - timedelta(days=back or 7)
    elif not _POSSESSIVE.match(text, m.end()) and _is_future(text, *m.span("wdx")):
        # The paper's own weekday in future context is that day ("will meet on Friday").
        d = anchor + timedelta(days=ahead)
    else:
        d = anchor - timedelta(days=back)
    return [_expr(m, "wdx", d, "day", "weekday")]


_WORD_NEXT = re.compile(r"[ \t]+[A-Za-z]")
_DAY_OFFSETS = {
    "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "later today": 0,
}  # fmt: skip
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


def _resolve_relative_day(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> TimeExpression | None:
    """yesterday/today/tomorrow from the anchor; 'the day before/after' from a nearby dated day."""
    phrase = " ".join(m.group("rel").lower().split())
    if phrase.split()[0] in ("yesterday", "today", "tomorrow"):
        phrase = _PART_OF_DAY.sub("", phrase)
    if phrase in _DAY_OFFSETS:
        d = anchor + timedelta(days=_DAY_OFFSETS[phrase]) if anchor else None
        return _expr(m, "rel", d, "day", "relative")
    if phrase == "the day before yesterday":
        return _expr(m, "rel", anchor - timedelta(days=2) if anchor else None, "day", "relative")
    if phrase == "the day after tomorrow":
        return _expr(m, "rel", anchor + timedelta(days=2) if anchor else None, "day", "relative")
    if phrase.endswith(("before", "after")) and _WORD_NEXT.match(text, m.end()):
        return None  # "the day before the vote": relative to an event, not to a date
    step = -1 if ("before" in phrase or "previous" in phrase) else 1
    ref = _reference_day(text, m.start(), earlier)
    if ref is None:
        ref = anchor if step < 0 else None
    return _expr(m, "rel", ref + timedelta(days=step) if ref else None, "day", "relative")


def _resolve_days_later(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> list[TimeExpression] | None:
    """'two days later' / 'a day earlier': counted from a dated day in this or the last sentence.

    Without one, 'N days earlier' counts back from publication and 'N days later' is dropped;
    'two days before the vote' is relative to an event, so it is dropped too.
    """
    if m.group("ld").lower() in ("before", "after") and _WORD_NEXT.match(text, m.end()):
        return None
    word = m.group("ln").lower()
    n = int(word) if word.isdigit() else _words().counts[word]
    step = -n if m.group("ld").lower() in ("earlier", "before") else n
    ref = _reference_day(text, m.start(), earlier)
    if ref is None and step < 0:
        ref = anchor
    if ref is None:
        return None
    return [_expr(m, "later", ref + timedelta(days=step), "day", "relative")]


def _reference_day(text: str, pos: int, earlier: list[TimeExpression]) -> date | None:
    """The last day-precision date in the same or the previous sentence before pos."""
    for e in reversed(earlier):
        if e.precision != "day" or e.value is None or e.kind == "present":
            continue
        if len(_SENTENCE_END.findall(text, e.end, pos)) <= 1:
            return e.value
        return None
    return None


def _resolve_unit(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression] | None:
    """'last week', 'this weekend', 'earlier this month', 'next year', 'the past week'."""
    lead = " ".join(m.group("ulead").lower().split())
    unit = m.group("unit").lower()
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if lead.startswith("the ") and re.search(r"\b(?:over|for|throughout|within)\s+$", before):
        return None
    if lead.endswith("following") or (lead.startswith("the ") and lead.endswith("next")):
        return None
    if anchor is None:
        return [_expr(m, "unitx", None, "unknown", "relative")]
    step = 0
    if lead.endswith(("last", "past", "previous")):
        step = -1
    elif lead.endswith(("next", "coming")):
        step = 1
    if unit == "year":
        return [_expr(m, "unitx", date(anchor.year + step, 1, 1), "year", "relative")]
    if unit == "month":
        return [_expr(m, "unitx", _add_months(anchor, step), "month", "relative")]
    if unit == "week":
        # News weeks run Sunday to Saturday: a Sunday paper's "last week" ended the day before.
        monday = _monday(anchor + timedelta(days=1))
        return [_expr(m, "unitx", monday + timedelta(weeks=step), "week", "relative")]
    return [_resolve_weekend(text, m, anchor, lead, step)]


def _resolve_weekend(
    text: str, m: re.Match[str], anchor: date, lead: str, step: int
) -> TimeExpression:
    """A weekend as the week it falls in: the last one, the coming one, or this one by tense."""
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    in_weekend = anchor.weekday() >= 5
    if step < 0 or "past" in lead:
        week = -1 if in_weekend else 0
    elif step > 0:
        week = 1
    elif in_weekend:
        week = 0
    else:
        week = 1 if _is_future(text, *m.span("unitx")) else 0
    return _expr(m, "unitx", _monday(saturday) + timedelta(weeks=week), "week", "weekend")


def _resolve_ago(m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """'three years ago', 'a week ago', '10 days ago': the anchor moved back, at the unit's precision."""
    n_word = m.group("agon").lower()
    n = int(n_word) if n_word.isdigit() else _words().counts[n_word]
    unit = m.group("agou").lower()
    if anchor is None:
        return [_expr(m, "ago", None, "unknown", "relative")]
    if unit == "day":
        return [_expr(m, "ago", anchor - timedelta(days=n), "day", "relative")]
    if unit == "week":
        return [_expr(m, "ago", _monday(anchor - timedelta(weeks=n)), "week", "relative")]
    if unit == "month":
        return [_expr(m, "ago", _add_months(anchor, -n), "month", "relative")]
    return [_expr(m, "ago", date(anchor.year - n, 1, 1), "year", "relative")]


def _resolve_quarter(
    text: str, m: re.Match[str], anchor: date | None
) -> list[TimeExpression] | None:
    """A quarter, as the first day of its first month (kind 'quarter', month precision)."""
    rel = (m.group("qrel") or "").lower()
    if rel:
        if anchor is None:
            return [_expr(m, "qx", None, "unknown", "quarter")]
        cur = _add_months(date(anchor.year, 1, 1), 3 * ((anchor.month - 1) // 3))
        step = (
            -1
            if rel in ("last", "past", "previous", "latest")
            else 1
            if rel in ("next", "coming")
            else 0
        )
        if rel == "latest":
            step = -1
        return [_expr(m, "qx", _add_months(cur, 3 * step), "month", "quarter")]
    q = _words().quarters[m.group("qord").lower()]
    year = m.group("qyear") or m.group("qpy")
    if year:
        return [_expr(m, "qx", date(int(year), 3 * q - 2, 1), "month", "quarter")]
    if (m.group("qpr") or m.group("qof")) and anchor is not None:
        shift = {"last": -1, "this": 0, "next": 1}[(m.group("qpr") or m.group("qof")).lower()]
        return [_expr(m, "qx", date(anchor.year + shift, 3 * q - 2, 1), "month", "quarter")]
    if anchor is None:
        return [_expr(m, "qx", None, "unknown", "quarter")]
    start = date(anchor.year, 3 * q - 2, 1)
    if start > anchor and not _is_future(text, *m.span("qx")):
        start = date(anchor.year - 1, 3 * q - 2, 1)
    return [_expr(m, "qx", start, "month", "quarter")]


def _resolve_season(
    text: str, m: re.Match[str], anchor: date | None
) -> list[TimeExpression] | None:
    """A season, as the first day of its first month (kind 'season', month precision)."""
    name = m.group("season").lower()
    rel = " ".join((m.group("srel") or "").lower().split())
    before = text[max(0, m.start() - 14) : m.start()].lower()
    governed = re.search(r"\b(?:in|during|over|through|since|until|by|of)\s+(?:the\s+)?$", before)
    if not (rel or m.group("syear") or governed) or (
        name == "fall" and not (rel or m.group("syear"))
    ):
        return None
    month = _words().seasons[name]
    if m.group("syear"):
        y = int(m.group("syear"))
        return [_expr(m, "sx", date(y, month, 1), "month", "season")]
    if anchor is None:
        return [_expr(m, "sx", None, "unknown", "season")]
    now = _season_start(anchor)
    cands = [
        date(y, month, 1) for y in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
    ]
    past = max(c for c in cands if c <= now)
    if rel.endswith(("last", "past")):
        d = max(c for c in cands if c < now)
    elif rel.endswith(("next", "coming")):
        d = min(c for c in cands if c > now)
    elif rel.endswith("this"):
        d = now if now.month == month else date(anchor.year, month, 1)
    elif past == now or not _is_future(text, *m.span("sx")):
        d = past
    else:
        d = min(c for c in cands if c > now)
    return [_expr(m, "sx", d, "month", "season")]


def _season_start(anchor: date) -> date:
    """First day of the season (Mar, Jun, Sep, Dec) the anchor falls in."""
    return _add_months(date(anchor.year, anchor.month, 1), -(anchor.month % 3))


_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|GMT\b|UTC\b|BST\b|[ECMP][SD]T\b|CET\b|hrs\b|hours\b|local\s+time\b)",
    re.IGNORECASE,
)


def _resolve_year(text: str, m: re.Match[str]) -> list[TimeExpression] | None:
    """A year, or two for a range ('2009-2010', '1957-58'); never a count or an amount."""
    s = m.start("year")
    prev = text[s - 1] if s > 0 else " "
    if prev in "$£€#.,/" or prev.isalnum() or (prev in "-–" and not m.group("ymod")):
        return None
    if _NOT_A_YEAR_AFTER.match(text, m.end()):
        return None
    y = int(m.group("year"))
    span_start = m.start("yx") if m.group("ymod") else s
    first = TimeExpression(
        span_start, m.end("year"), text[span_start : m.end("year")], date(y, 1, 1), "year", "year"
    )
    y2 = m.group("year2")
    if not y2:
        return [first]
    y2v = int(y2) if len(y2) == 4 else (y // 100) * 100 + int(y2)
    if not y < y2v <= y + 100:
        return None
    second = TimeExpression(m.end("year") + 1, m.end("year2"), y2, date(y2v, 1, 1), "year", "year")
    return [first, second]


_CLAUSE_BREAK = re.compile(
    r";|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bbefore\b|\bsince\b|\bwhen\b"
)


# Words before/after a date that make it the date of a statement or of a period's start,
# not of the event itself: "said on Monday", "Monday announced", "since August 9".
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|say|told|tells|announced|reported|added|stated|wrote|tweeted|confirmed"
    r"|declared)\s+(?:\w+\s+){0,2}(?:on\s+)?$|\b(?:since|from)\s+(?:early\s+|late\s+)?$",
    re.IGNORECASE,
)
_REPORTED_AFTER = re.compile(
    r"^,?\s*(?:\w+\s+){0,1}(?:said|says|told|announced|reported|added|stated|wrote|tweeted"
    r"|confirmed|declared)\b",
    re.IGNORECASE,
)
_INTRO = re.compile(r"^\W*(?:\w+\s+){0,2}$")


def date_for_span(text: str, start: int, end: int, anchor: date | None) -> TimeExpression | None:
    """The expression dating the words at [start, end) of sentence `text`: nearest in the clause.

    Ranked by: resolved before unresolved ("now" last); fewest clause breaks in between (a
    sentence-opening "On Saturday," governs the main clause); dates of the event before dates of
    a statement ("said on Monday") or of a period's start ("since August 9"); then distance.
    """
    exprs = find_time_expressions(text, anchor)
    if not exprs:
        return None

    def cost(e: TimeExpression) -> tuple[int, int, int, int]:
        """Lower is better: (unresolved or 'now', clause breaks, statement date, distance)."""
        lo, hi = (e.end, start) if e.end <= start else (end, e.start)
        gap = max(0, hi - lo)
        between = text[lo:hi] if hi > lo else ""
        breaks = len(_CLAUSE_BREAK.findall(between))
        intro = (
            e.end <= start
            and re.match(r"\s*,", text[e.end :]) is not None
            and _INTRO.match(text[: e.start]) is not None
        )
        aside = bool(
            _REPORTED_BEFORE.search(text[max(0, e.start - 40) : e.start])
            or _REPORTED_AFTER.match(text[e.end : e.end + 30])
        )
        unresolved = e.value is None
        weak = e.kind == "present"
        return (unresolved + weak, breaks - intro, aside, gap)

    return min(exprs, key=lambda e: (cost(e), e.start))
