"""The tense of the clause around a date expression (future, past or unknown), read from the
marker nearest it, and the bounds of the sentence it sits in.
"""

from __future__ import annotations

import re
from functools import cache

from flows.annotate.temporal_pattern import temporal_words

# A sentence boundary: terminal punctuation then a capital, not after an initial or "Mr".
SENTENCE_END = re.compile(
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
    words = [f for f in temporal_words().future if f[0].isalpha()]
    clitics = [f for f in temporal_words().future if not f[0].isalpha()]
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in words)
    tails = "|".join(re.escape(f) for f in clitics)
    soon = r"next(?=\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter|[A-Z][a-z]+day))"
    return re.compile(
        r"(?:(?<!\w)(?:" + alts + "|" + soon + ")|" + tails + r")(?!\w)", re.IGNORECASE
    )


def sentence_bounds(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The [start, end) of the sentence around a span (looking at most `reach` chars each way)."""
    lo = max(0, start - reach)
    cuts = list(SENTENCE_END.finditer(text, lo, start))
    s = cuts[-1].end() if cuts else lo
    m = SENTENCE_END.search(text, end, min(len(text), end + reach))
    return s, m.start() if m else min(len(text), end + reach)


def clause_tense(text: str, start: int, end: int) -> int:
    """FUTURE, PAST or UNKNOWN for the clause around [start, end): the nearest marker wins."""
    s, e = sentence_bounds(text, start, end)
    left, right = text[s:start], text[end:e]
    left = left[left.rfind(":") + 1 :]  # a colon closes the clause that introduces it
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


def is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around [start, end) speaks of the future."""
    return clause_tense(text, start, end) == FUTURE


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
