"""Dates as written: ISO and numeric dates, a day and a month, a month, "on the 9th", and years.
A missing year is the one that puts the date nearest the anchor, on the side the clause's tense
points to.
"""

from __future__ import annotations

import re
from datetime import date

from flows.annotate.temporal_expression import (
    TimeExpression,
    add_months,
    group_expression,
    safe_date,
)
from flows.annotate.temporal_pattern import temporal_words
from flows.annotate.temporal_tense import FUTURE, PAST, clause_tense, is_future


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
        if (c := safe_date(y, month, day))
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


def resolve_slash(m: re.Match[str], anchor: date | None) -> list[TimeExpression] | None:
    """'09.08.2020' day first; '8/9/2020' either way: the valid reading nearer publication
    (month first, US style, when there is no anchor or both are as near)."""
    a, b, y = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
    y = y + 2000 if y < 50 else y + 1900 if y < 100 else y
    day_first = safe_date(y, b, a)
    readings = [day_first] if m.group("sep") == "." else [safe_date(y, a, b), day_first]
    valid = [d for d in readings if d is not None]
    if not valid:
        return None
    d = min(valid, key=lambda v: abs((v - anchor).days)) if anchor else valid[0]
    return [group_expression(m, "slash", d, "day", "explicit")]


def _after(start: date, month: int, day: int) -> date | None:
    """The first month/day on or after `start`."""
    d = safe_date(start.year, month, day)
    return d if d is None or d >= start else safe_date(start.year + 1, month, day)


def resolve_day_month(
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
        d = safe_date(int(year), month, day)
        return [group_expression(m, group, d, "day", "explicit")] if d else None
    if safe_date(2000, month, day) is None:
        return None
    if range_start is not None:
        return [group_expression(m, group, _after(range_start, month, day), "day", "explicit")]
    d = (
        _year_for_day(month, day, anchor, clause_tense(m.string, *m.span(group)))
        if anchor
        else None
    )
    return [group_expression(m, group, d, "day", "explicit")]


# "March for Freedom", "March on Washington": a name, unless a month follows ("March to June").
_NAMED = re.compile(
    r"\s+(?:for|against|of|to|on)\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z]"
)


def resolve_month(
    text: str, m: re.Match[str], anchor: date | None, range_start: date | None = None
) -> list[TimeExpression] | None:
    """'Aug. 9', 'August 9, 2020', 'August 2020', 'in August', 'mid-August', 'last July'."""
    g = m.group
    w = temporal_words()
    name = g("mmonth").rstrip(".").lower()
    month = w.months[name]
    year = g("myear")
    if g("myrel") and not year:
        if anchor is None:
            return [group_expression(m, "mdy", None, "unknown", "month")]
        rel_year = g("myrel").split()[-2].lower()
        year = str(anchor.year + {"last": -1, "this": 0, "next": 1}[rel_year])
    if g("mday"):
        return resolve_day_month(m, "mdy", int(g("mday")), month, year, anchor, range_start)
    if year:
        return [group_expression(m, "mdy", date(int(year), month, 1), "month", "month")]
    bare_abbrev = name in w.abbreviations and not g("mmonth").endswith(".")
    if bare_abbrev or not (g("mprep") or g("mmod") or g("mrel")) or _NAMED.match(text, m.end()):
        return None
    if range_start is not None and not g("mrel"):
        return [
            group_expression(
                m, "mdy", _after(range_start.replace(day=1), month, 1), "month", "month"
            )
        ]
    if anchor is None:
        return [group_expression(m, "mdy", None, "unknown", "month")]
    rel = (g("mrel") or "").lower()
    this = date(anchor.year, month, 1)
    if rel == "last" or rel == "past":
        d = this if month < anchor.month else date(anchor.year - 1, month, 1)
    elif rel in ("next", "coming"):
        d = this if month > anchor.month else date(anchor.year + 1, month, 1)
    elif rel == "this":
        d = this
    else:
        d = _year_for_month(month, anchor, clause_tense(text, *m.span("mdy")))
    return [group_expression(m, "mdy", d, "month", "month")]


def resolve_ordinal_day(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """'on the 9th': that day of the publication month, or of the month before if still to come."""
    day = int(m.group("oday"))
    s, e = m.start("oday") - len("the "), m.end("ordday")
    if anchor is None or not 1 <= day <= 31:
        return [TimeExpression(s, e, text[s:e], None, "unknown", "explicit")]
    future = is_future(text, s, e)
    this = safe_date(anchor.year, anchor.month, day)
    prev_month = add_months(anchor, -1)
    next_month = add_months(anchor, 1)
    past = this if this and this <= anchor else safe_date(prev_month.year, prev_month.month, day)
    fut = this if this and this > anchor else safe_date(next_month.year, next_month.month, day)
    d = fut if future and fut else past
    return [TimeExpression(s, e, text[s:e], d, "day" if d else "unknown", "explicit")]


_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|GMT\b|UTC\b|BST\b|[ECMP][SD]T\b|CET\b|hrs\b|hours\b|local\s+time\b)",
    re.IGNORECASE,
)


def resolve_year(text: str, m: re.Match[str]) -> list[TimeExpression] | None:
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
