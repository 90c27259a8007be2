"""Find date expressions in news text and resolve them against an anchor day: the finder, which
hands each match of the pattern to its resolver, and the ranking that picks the expression
dating a span of a sentence. An article's sentences are read once (`flows.annotate.reading`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from flows.annotate.temporal_explicit import (
    resolve_day_month,
    resolve_month,
    resolve_ordinal_day,
    resolve_slash,
    resolve_year,
)
from flows.annotate.temporal_expression import TimeExpression, group_expression, safe_date
from flows.annotate.temporal_pattern import candidate_pattern, may_hold_date, temporal_words
from flows.annotate.temporal_relative import (
    resolve_ago,
    resolve_days_later,
    resolve_quarter,
    resolve_relative_day,
    resolve_season,
    resolve_unit,
    resolve_weekday,
)


def find_time_expressions(text: str, anchor: date | None) -> list[TimeExpression]:
    """All date expressions in text, resolved against `anchor` (None leaves relative ones
    unresolved), sorted by start."""
    if not may_hold_date(text):
        return []
    out: list[TimeExpression] = []
    for m in candidate_pattern().finditer(text):
        expr = _resolve(text, m, anchor, out)
        if expr is not None:
            out.extend(expr)
    return _merge_weekday_dates(text, out)


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


def _resolve(
    text: str, m: re.Match[str], anchor: date | None, earlier: list[TimeExpression]
) -> list[TimeExpression] | None:
    """Turn one regex match into zero, one or two resolved expressions."""
    g = m.group
    w = temporal_words()
    if g("iso"):
        d = safe_date(int(g("iy")), int(g("im")), int(g("id")))
        return [group_expression(m, "iso", d, "day", "explicit")] if d else None
    if g("slash"):
        return resolve_slash(m, anchor)
    if g("dmy"):
        month = w.months[g("dmonth").rstrip(".").lower()]
        start = _range_start(text, m.start("dmy"), earlier)
        return resolve_day_month(m, "dmy", int(g("dday")), month, g("dyear"), anchor, start)
    if g("mdy"):
        return resolve_month(text, m, anchor, _range_start(text, m.start("mdy"), earlier))
    if g("ordday"):
        return resolve_ordinal_day(text, m, anchor)
    if g("wdx"):
        return resolve_weekday(text, m, anchor)
    if g("rel"):
        day = resolve_relative_day(text, m, anchor, earlier)
        return [day] if day else None
    if g("later"):
        return resolve_days_later(text, m, anchor, earlier)
    if g("unitx"):
        return resolve_unit(text, m, anchor)
    if g("ago"):
        return resolve_ago(m, anchor)
    if g("qx"):
        return resolve_quarter(text, m, anchor)
    if g("sx"):
        return resolve_season(text, m, anchor)
    if g("present"):
        return [group_expression(m, "present", anchor, "day", "present")]
    if g("yx"):
        return resolve_year(text, m)
    return None


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|through|until|till|and)\s*$", re.IGNORECASE)


def _range_start(text: str, pos: int, earlier: list[TimeExpression]) -> date | None:
    """The date opening a range that the expression at pos closes ("from March to June")."""
    if not earlier:
        return None
    prev = earlier[-1]
    if prev.value is None or prev.kind not in ("explicit", "month") or pos - prev.end > 12:
        return None
    return prev.value if _RANGE_JOIN.match(text, prev.end, pos) else None


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


def date_for_span(
    text: str, start: int, end: int, exprs: Sequence[TimeExpression]
) -> TimeExpression | None:
    """Of `exprs` (the expressions of sentence `text`), the one dating the words at [start, end):
    the nearest in the clause.

    Ranked by: resolved before unresolved ("now" last); fewest clause breaks in between (a
    sentence-opening "On Saturday," governs the main clause); dates of the event before dates of
    a statement ("said on Monday") or of a period's start ("since August 9"); then distance.
    """
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
