"""Shares written in words, as percentages: "a third of", "two-thirds of", "four in 10", "nine
out of ten", "fell by a quarter". A fraction that names part of a period ("the first half of
2005") and "300 in 2004" (an amount and a year) are no shares.
"""

from __future__ import annotations

import re

from flows.annotate.number_words import ATOM, UNITS, LowerCasePattern, parse_amount

_SHARE_FRACTIONS = {
    "half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5, "sixth": 1 / 6,
    "tenth": 1 / 10,
}  # fmt: skip
#: every share starts with a digit or one of these letters: testing that first is cheap
_SHARE_FIRST = "".join(
    sorted({w[0].lower() for w in (*UNITS, "a", "an", *_SHARE_FRACTIONS)} | set("0123456789"))
)
_SHARE = LowerCasePattern(
    rf"(?=[{_SHARE_FIRST}])(?<![\w-])(?<!\d[,.])(?:(?P<num>{ATOM}|\d+)[\s-]+(?:in|out[\s-]+of)[\s-]+"
    rf"(?P<den>\d{{1,3}}(?:,\d{{3}})+|(?!1[89]\d\d\b|20\d\d\b)\d+|{ATOM}|a\s+hundred)"
    rf"(?![\w-])(?!\s*(?:%|per\s*cent|million|billion|days|weeks|months|years))"
    rf"|(?:(?P<count>a|an|one|two|three|four|{ATOM})[\s-]+)?"
    rf"(?P<fraction>half|thirds?|quarters?|fifths?|sixths?|tenths?)"
    rf"(?:\s+of(?![\w-])(?!\s+an?\s+(?:million|billion))|(?<=than\shalf)(?![\w-])"
    rf"|(?P<bare>(?![\w-]))))"
)
#: a fraction that names a part of a period or a place, not a share: "the first half of 2005",
#: "the fourth quarter", "half of this year", "in some quarters".
_PERIOD_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|final|latter|former|next|previous|past|opening|"
    r"closing|early|late|some|other|this|that|each|every|the|its|their)\s+$",
    re.IGNORECASE,
)
_PERIOD_AFTER = re.compile(
    r"\s*(?:the\s+|this\s+|last\s+|next\s+|that\s+)?(?:(?:fiscal|financial|calendar)\s+)?"
    r"(?:year|decade|century|season|month|quarter|term|\d{4})\b",
    re.IGNORECASE,
)


#: a fraction with no "of" after it is a share only as the size of a change: "fell by a third"
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)


#: what any share needs, looked for in the lowered text first (most texts hold no share)
_RATIO_HINT = re.compile(rf"(?:in|out[ -]of)[ -]+(?:\d|a hundred|(?:{ATOM})\b)")
_FRACTION_HINTS = ("half", "third", "quarter", "fifth", "sixth", "tenth")


def _may_hold_a_share(lowered: str) -> bool:
    """Whether a lowered text may hold a share in words; a cheap test before the full pattern."""
    return any(w in lowered for w in _FRACTION_HINTS) or bool(_RATIO_HINT.search(lowered))


def _is_period(text: str, m: re.Match[str]) -> bool:
    """Whether a fraction in words is a part of a period ("the first half of 2005")."""
    if m.group("den") or m.group("count"):
        return False
    return bool(
        _PERIOD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        or _PERIOD_AFTER.match(text, m.end())
    )


def _more_than_whole(m: re.Match[str]) -> bool:
    """Whether "N in M" has more parts than the whole, so it is an amount and a place or time
    ("300 in 2004" is no share)."""
    return bool(m.group("den")) and parse_amount(m.group("num")) > parse_amount(m.group("den"))


def find_shares(text: str, lowered: str) -> list[tuple[int, int, float]]:
    """The span and percentage of every share in words in `text` (`lowered` is its lower-case
    copy): (start, end, percent)."""
    if not _may_hold_a_share(lowered):
        return []
    return [
        _share(m)
        for m in _SHARE.finditer(text, lowered)
        if not _is_period(text, m)
        and not _more_than_whole(m)
        and (m.group("bare") is None or _BY_BEFORE.search(text, max(0, m.start() - 8), m.start()))
    ]


def _share(m: re.Match[str]) -> tuple[int, int, float]:
    """A share written in words ("a third of", "four in 10", "two-thirds of") as a percentage."""
    if m.group("den"):
        return m.start(), m.end(), 100 * parse_amount(m.group("num")) / parse_amount(m.group("den"))
    word = (m.group("count") or "a").lower()
    count = 1.0 if word in ("a", "an") else parse_amount(word)
    fraction = _SHARE_FRACTIONS[m.group("fraction").lower().rstrip("s")]
    return m.start(), m.end("fraction"), 100 * count * fraction
