"""The temporal lexicon and the one pattern built from it that finds every candidate date
expression, with the cheap test that tells a text holding none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
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
def temporal_words() -> _Words:
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
def candidate_pattern() -> re.Pattern[str]:
    """The one compiled pattern that finds every candidate date expression."""
    w = temporal_words()
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
        + r"|the\s+next\s+day|the\s+following\s+day|the\s+day\s+after"
        + r"|(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day)\b))",
        r"(?P<later>(?i:\b(?P<ln>" + count + r")\s+days?\s+(?P<ld>later|earlier|after|before)\b))",
        r"(?P<qx>(?i:\b(?:the\s+)?(?:(?P<qpy>\d{4})\s+|(?P<qpr>this|last|next)\s+year['’]s\s+)?"
        + r"(?:(?P<qrel>last|latest|current|past|previous|this|next|coming)\s+"
        + r"|(?P<qord>"
        + qord
        + r")[\s-]+(?:fiscal[\s-]+)?)quarter\b)(?:(?i:\s+of\s+)(?:(?P<qyear>\d{4})|(?P<qof>(?i:last|this|next))\s+year\b))?)",
        r"(?P<unitx>(?i:\b(?P<ulead>(?:the\s+)?end\s+of\s+the(?=\s+(?:week|month|year)\b)"
        + r"|(?:(?:the\s+)?end\s+of\s+)?(?:(?:earlier|later)\s+this|(?:the\s+)?(?:last|past|previous"
        + r"|this|next|coming|current|following)|this\s+past)|the(?=\s+weekend))\s+"
        + r"(?:(?P<fiscal>fiscal|calendar)\s+)?"
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


# Every alternative of candidate_pattern() holds a digit or one of these words (as written or in
# any case): a text with neither has no expression, and testing that is much cheaper than the
# pattern.
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
    w = temporal_words()
    return (*_ANCHOR_WORDS, *(x.lower() for x in (*w.months, *w.weekdays, *w.seasons)))


def may_hold_date(text: str) -> bool:
    """False only when `text` cannot hold a date expression (no digit, no anchor word)."""
    if _DIGIT.search(text):
        return True
    folded = text.translate(_CASELESS_ASCII).lower()
    return any(word in folded for word in _anchors())
