"""A resolved date expression (`TimeExpression`), how a resolver makes one over a group of the
pattern's match, and the calendar steps the resolvers take.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


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


def monday_of(d: date) -> date:
    """The Monday of d's ISO week."""
    return d - timedelta(days=d.weekday())


def add_months(d: date, n: int) -> date:
    """First day of the month n months after d's month."""
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]):
        return None
    return date(y, m, d)


def group_expression(
    m: re.Match[str], group: str, value: date | None, precision: str, kind: str
) -> TimeExpression:
    """A TimeExpression over the span of one group of the match."""
    s, e = m.span(group)
    if value is None:
        precision = "unknown"
    return TimeExpression(s, e, m.string[s:e], value, precision, kind)
