"""Dates relative to another event: "the day after the vote", "two weeks after the election".

News dates an occurrence by an earlier one as often as by the calendar. The article names the
earlier one's day somewhere ("the August 9 election", "the vote on August 9"): `event_days`
collects those days by the kind of event (election, summit, attack ...), and `relative_to_event`
resolves an expression of the sentence against them. A kind the article gives two days, or
none, resolves nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from flows.annotate import Reading, ReadSentence

#: kinds of event an article dates and later counts from, by the nouns that name them.
KINDS = {
    "election": r"(?:presidential |parliamentary |general |disputed )?(?:elections?|votes?|polls?|ballots?|re-?elections?)",
    "referendum": r"referendums?",
    "summit": r"summits?",
    "attack": r"(?:attacks?|bombings?|blasts?|explosions?|shootings?|massacres?)",
    "coup": r"coups?",
    "crash": r"crash(?:es)?",
}  # fmt: skip
_KIND = re.compile("|".join(f"(?P<{k}>{p})" for k, p in KINDS.items()), re.I)
_KIND_ON = re.compile(rf"(?:{_KIND.pattern})\s+(?:(?:was\s+)?held\s+)?(?:on|of)\s+$", re.I)
_DIGIT = re.compile(r"\d")
_GAP = re.compile(r"(?:['’]s)?\s+")
_WORD = re.compile(r"[\w-]+\s+")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_RELATIVE = re.compile(
    r"\b(?:the\s+day|(?P<n>a|one|two|three|four|five|six|ten|\d{1,2})\s+(?P<unit>days?|weeks?))"
    r"\s+(?P<dir>after|before)\s+(?:the\s+|this\s+|last\s+|its\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w-]+\s+)?(?P<noun>[\w-]+)",
    re.I,
)
#: words every expression that counts from an event holds (cheap to look for first).
_HINTS = tuple(
    f"{unit} {way}" for unit in ("day", "days", "week", "weeks") for way in ("after", "before")
)
#: the offset, in characters, within which such an expression dates a trigger.
REACH = 80


def event_days(reading: Reading) -> dict[str, date]:
    """The day of each kind of event the article dates exactly once; nothing when no sentence
    counts from an event (most articles: then no sentence's dates are resolved for this)."""
    text = reading.article.text.lower()
    if not any(hint in text for hint in _HINTS):
        return {}
    counted = {
        kind
        for sentence in reading.sentences
        for m in _RELATIVE.finditer(sentence.text)
        if (kind := _kind_of(m.group("noun"))) is not None
    }
    if not counted:
        return {}
    found: dict[str, set[date]] = {}
    for sentence in reading.sentences:
        if not (_KIND.search(sentence.text) and _DIGIT.search(sentence.text)):
            continue
        for e in sentence.dates():
            if e.precision != "day" or e.value is None or e.kind != "explicit":
                continue
            kind = _dated_kind(sentence.text, e.start, e.end)
            if kind in counted:
                found.setdefault(kind, set()).add(e.value)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def relative_to_event(
    sentence: ReadSentence, start: int, end: int, days: dict[str, date]
) -> tuple[date, str] | None:
    """The day and words of an expression near [start, end) that counts from an event the
    article dates ("the day after the vote"), or None."""
    if not days:
        return None
    for m in _RELATIVE.finditer(sentence.text):
        if m.start() - end > REACH or start - m.end() > REACH:
            continue
        kind = _kind_of(m.group("noun"))
        if kind is None or kind not in days:
            continue
        n = 1 if m.group("n") is None else _count(m.group("n"))
        step = _UNITS[(m.group("unit") or "day").lower()]
        offset = timedelta(days=n * step)
        day = days[kind] + offset if m.group("dir").lower() == "after" else days[kind] - offset
        return day, m.group()
    return None


def _dated_kind(text: str, start: int, end: int) -> str | None:
    """The kind of event a date at [start, end) names: the noun right after it (one word may
    come between: "August 9 presidential election"), or before it with "on"."""
    rest = text[end : end + 40]
    gap = _GAP.match(rest)
    pos = gap.end() if gap else len(rest)
    for _ in range(2):
        kind = _KIND.match(rest, pos)
        if kind:
            return kind.lastgroup
        word = _WORD.match(rest, pos)
        if word is None:
            break
        pos = word.end()
    before = _KIND_ON.search(text[max(0, start - 40) : start])
    return before.lastgroup if before else None


def _kind_of(noun: str) -> str | None:
    m = _KIND.fullmatch(noun)
    return m.lastgroup if m else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]
