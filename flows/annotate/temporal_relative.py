"""Dates relative to the anchor or to a date just before: weekdays, "yesterday" and "the day
before", "two days later", "last week" and "this weekend", "three years ago", quarters and
seasons.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from flows.annotate.temporal_expression import (
    TimeExpression,
    add_months,
    group_expression,
    monday_of,
)
from flows.annotate.temporal_pattern import temporal_words
from flows.annotate.temporal_tense import SENTENCE_END, is_future

_EVERY = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
# A capitalised word after "the Sunday ...": a title ("the Sunday Times"), unless it is a month.
_NAME_AFTER = re.compile(
    r"\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)[A-Z][a-z]"
)


# "Wednesday's ruling" names an event already known: the most recent such day.
_POSSESSIVE = re.compile(r"['’]s\b")


def resolve_weekday(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """A weekday: the most recent one on or before publication, or on or after it in future context."""
    wd = temporal_words().weekdays[m.group("wday").lower()]
    before = text[max(0, m.start() - 8) : m.start()]
    if _EVERY.search(before) or (_ARTICLE.search(before) and _NAME_AFTER.match(text, m.end())):
        return []
    if anchor is None:
        return [group_expression(m, "wdx", None, "unknown", "weekday")]
    rel = (m.group("wrel") or "").lower()
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if rel in ("next", "coming"):
        d = anchor + timedelta(days=ahead or 7)
    elif rel in ("last", "past"):
        d = anchor - timedelta(days=back or 7)
    elif not _POSSESSIVE.match(text, m.end()) and is_future(text, *m.span("wdx")):
        # The paper's own weekday in future context is that day ("will meet on Friday").
        d = anchor + timedelta(days=ahead)
    else:
        d = anchor - timedelta(days=back)
    return [group_expression(m, "wdx", d, "day", "weekday")]


_WORD_NEXT = re.compile(r"[ \t]+[A-Za-z]")
_DAY_OFFSETS = {
    "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "later today": 0,
}  # fmt: skip
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


def resolve_relative_day(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> TimeExpression | None:
    """yesterday/today/tomorrow from the anchor; 'the day before/after' from a nearby dated day."""
    phrase = " ".join(m.group("rel").lower().split())
    if phrase.split()[0] in ("yesterday", "today", "tomorrow"):
        phrase = _PART_OF_DAY.sub("", phrase)
    if phrase in _DAY_OFFSETS:
        d = anchor + timedelta(days=_DAY_OFFSETS[phrase]) if anchor else None
        return group_expression(m, "rel", d, "day", "relative")
    if phrase == "the day before yesterday":
        return group_expression(
            m, "rel", anchor - timedelta(days=2) if anchor else None, "day", "relative"
        )
    if phrase == "the day after tomorrow":
        return group_expression(
            m, "rel", anchor + timedelta(days=2) if anchor else None, "day", "relative"
        )
    if phrase.endswith(" day") and phrase.startswith(("earlier", "later")):
        # "earlier in the day": the day the text is on, else the day it was reported; opening
        # a sentence, it goes on from the sentence before, which this text may not hold
        ref = _reference_day(text, m.start(), earlier)
        if ref is None and text[: m.start()].strip(" \"“‘'(") == "":
            return group_expression(m, "rel", None, "day", "relative")
        return group_expression(m, "rel", ref or anchor, "day", "relative")
    if phrase.endswith(("before", "after")) and _WORD_NEXT.match(text, m.end()):
        return None  # "the day before the vote": relative to an event, not to a date
    step = -1 if ("before" in phrase or "previous" in phrase) else 1
    ref = _reference_day(text, m.start(), earlier)
    if ref is None:
        ref = anchor if step < 0 else None
    return group_expression(
        m, "rel", ref + timedelta(days=step) if ref else None, "day", "relative"
    )


def resolve_days_later(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> list[TimeExpression] | None:
    """'two days later' / 'a day earlier': counted from a dated day in this or the last sentence.

    Without one, 'N days earlier' counts back from publication and 'N days later' is dropped;
    'two days before the vote' is relative to an event, so it is dropped too.
    """
    if m.group("ld").lower() in ("before", "after") and _WORD_NEXT.match(text, m.end()):
        return None
    word = m.group("ln").lower()
    n = int(word) if word.isdigit() else temporal_words().counts[word]
    step = -n if m.group("ld").lower() in ("earlier", "before") else n
    ref = _reference_day(text, m.start(), earlier)
    if ref is None and step < 0:
        ref = anchor
    if ref is None:
        return None
    return [group_expression(m, "later", ref + timedelta(days=step), "day", "relative")]


def _reference_day(text: str, pos: int, earlier: list[TimeExpression]) -> date | None:
    """The last day-precision date in the same or the previous sentence before pos."""
    for e in reversed(earlier):
        if e.precision != "day" or e.value is None or e.kind == "present":
            continue
        if len(SENTENCE_END.findall(text, e.end, pos)) <= 1:
            return e.value
        return None
    return None


def resolve_unit(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression] | None:
    """'last week', 'this weekend', 'earlier this month', 'next year', 'the past week'."""
    lead = " ".join(m.group("ulead").lower().split())
    unit = m.group("unit").lower()
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if lead.startswith("the ") and re.search(r"\b(?:over|for|throughout|within)\s+$", before):
        return None
    if lead.endswith("following") or (lead.startswith("the ") and lead.endswith("next")):
        return None
    if re.match(r"\s+of\b", text[m.end() :]):
        return None  # "the last week of March" is part of March, not the week before this one
    if anchor is None:
        return [group_expression(m, "unitx", None, "unknown", "relative")]
    step = 0
    if lead.endswith(("last", "past", "previous")):
        step = -1
    elif lead.endswith(("next", "coming")):
        step = 1
    if unit == "year":
        return [group_expression(m, "unitx", date(anchor.year + step, 1, 1), "year", "relative")]
    if unit == "month":
        return [group_expression(m, "unitx", add_months(anchor, step), "month", "relative")]
    if unit == "week":
        # News weeks run Sunday to Saturday: a Sunday paper's "last week" ended the day before.
        monday = monday_of(anchor + timedelta(days=1))
        return [group_expression(m, "unitx", monday + timedelta(weeks=step), "week", "relative")]
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
        week = 1 if is_future(text, *m.span("unitx")) else 0
    return group_expression(
        m, "unitx", monday_of(saturday) + timedelta(weeks=week), "week", "weekend"
    )


def resolve_ago(m: re.Match[str], anchor: date | None) -> list[TimeExpression]:
    """'three years ago', 'a week ago', '10 days ago': the anchor moved back, at the unit's precision."""
    n_word = m.group("agon").lower()
    n = int(n_word) if n_word.isdigit() else temporal_words().counts[n_word]
    unit = m.group("agou").lower()
    if anchor is None:
        return [group_expression(m, "ago", None, "unknown", "relative")]
    if unit == "day":
        return [group_expression(m, "ago", anchor - timedelta(days=n), "day", "relative")]
    if unit == "week":
        return [
            group_expression(m, "ago", monday_of(anchor - timedelta(weeks=n)), "week", "relative")
        ]
    if unit == "month":
        return [group_expression(m, "ago", add_months(anchor, -n), "month", "relative")]
    return [group_expression(m, "ago", date(anchor.year - n, 1, 1), "year", "relative")]


def resolve_quarter(
    text: str, m: re.Match[str], anchor: date | None
) -> list[TimeExpression] | None:
    """A quarter, as the first day of its first month (kind 'quarter', month precision)."""
    rel = (m.group("qrel") or "").lower()
    if rel:
        if anchor is None:
            return [group_expression(m, "qx", None, "unknown", "quarter")]
        cur = add_months(date(anchor.year, 1, 1), 3 * ((anchor.month - 1) // 3))
        step = (
            -1
            if rel in ("last", "past", "previous", "latest")
            else 1
            if rel in ("next", "coming")
            else 0
        )
        if rel == "latest":
            step = -1
        return [group_expression(m, "qx", add_months(cur, 3 * step), "month", "quarter")]
    q = temporal_words().quarters[m.group("qord").lower()]
    year = m.group("qyear") or m.group("qpy")
    if year:
        return [group_expression(m, "qx", date(int(year), 3 * q - 2, 1), "month", "quarter")]
    if (m.group("qpr") or m.group("qof")) and anchor is not None:
        shift = {"last": -1, "this": 0, "next": 1}[(m.group("qpr") or m.group("qof")).lower()]
        return [
            group_expression(m, "qx", date(anchor.year + shift, 3 * q - 2, 1), "month", "quarter")
        ]
    if anchor is None:
        return [group_expression(m, "qx", None, "unknown", "quarter")]
    start = date(anchor.year, 3 * q - 2, 1)
    if start > anchor and not is_future(text, *m.span("qx")):
        start = date(anchor.year - 1, 3 * q - 2, 1)
    return [group_expression(m, "qx", start, "month", "quarter")]


def resolve_season(text: str, m: re.Match[str], anchor: date | None) -> list[TimeExpression] | None:
    """A season, as the first day of its first month (kind 'season', month precision)."""
    name = m.group("season").lower()
    rel = " ".join((m.group("srel") or "").lower().split())
    before = text[max(0, m.start() - 14) : m.start()].lower()
    governed = re.search(r"\b(?:in|during|over|through|since|until|by|of)\s+(?:the\s+)?$", before)
    if not (rel or m.group("syear") or governed) or (
        name == "fall" and not (rel or m.group("syear"))
    ):
        return None
    month = temporal_words().seasons[name]
    if m.group("syear"):
        y = int(m.group("syear"))
        return [group_expression(m, "sx", date(y, month, 1), "month", "season")]
    if anchor is None:
        return [group_expression(m, "sx", None, "unknown", "season")]
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
    elif past == now or not is_future(text, *m.span("sx")):
        d = past
    else:
        d = min(c for c in cands if c > now)
    return [group_expression(m, "sx", d, "month", "season")]


def _season_start(anchor: date) -> date:
    """First day of the season (Mar, Jun, Sep, Dec) the anchor falls in."""
    return add_months(date(anchor.year, anchor.month, 1), -(anchor.month % 3))
