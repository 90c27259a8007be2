"""The date a statistic refers to (`as_of_date`) and the rule that gave it (`as_of_source`).

A vote share is as of the election day when the article dates the election; any other amount
takes the date expression nearest it in its sentence, else the one day the sentence before
gives an event it sizes ("The march took place on August 16."), else the date the sentence
before opens with for a figure told in the simple past ("In 2018, the employment rate was 88%.
The median salary was £34,000": 9 of 11 news2020 rows it dated were right), else the
publication date (precision week). Counts "since" a date are cumulative and get no date from
it; a figure for a period is as of the period's last day (GOLD.md). An article without a
publication date gives its figures no fallback, no weekday or "yesterday" and no date from the
sentence before unless a photo caption dated it: the latest date its body reports, which the
other extractors count from, was a plan or an earlier event in 7 of 9 such rows of two read
samples of news2020.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from flows.annotate import Quantity, Reading, ReadSentence, TimeExpression


def as_of(
    when: tuple[TimeExpression, str] | None, modality: str, reading: Reading
) -> tuple[TimeExpression | None, str]:
    """The date an amount refers to and the rule that gave it: the text's, unless it lies
    after publication for a reported figure (it then dates something else); else the anchor."""
    anchor = reading.anchor
    published = reading.article.published_date or (anchor.day if anchor.captioned else None)
    if (
        when is not None
        and published is None
        and (when[0].kind in _RELATIVE_KINDS or when[1] == _FRAMED)
    ):
        when = None  # "on Thursday" counted from a date the article reports is a guess
    if when is not None:
        expr, source = when
        source = "previous_sentence" if source == _FRAMED else source
        reported = modality == "reported"
        if not (reported and expr.value and published and expr.value > published):
            end = period_end(expr)
            if reported and published and end.value and end.value > published:
                end = replace(end, value=published)  # "this week": as far as it has gone
            return end, source
    day = published  # an undated article's latest reported date may be a plan or the past
    if day is None:
        return None, "none"
    return TimeExpression(0, 0, "", day, "week", "anchor"), "anchor"


#: a date the sentence before opens with, framing a figure told in the past ("In 2018, ...");
#: in an undated article its year may be a guess
_FRAMED = "framed"
#: expressions resolved against the anchor rather than read from the text alone
_RELATIVE_KINDS = frozenset({"relative", "weekday", "present"})


def period_end(expr: TimeExpression) -> TimeExpression:
    """A figure for a period is as of its last day: "in 2003" -> 31 December 2003, "in the
    second quarter" -> 30 June, "last week" -> its Sunday (GOLD.md's convention)."""
    if expr.value is None or expr.precision not in ("week", "month", "year"):
        return expr
    start = expr.value
    if expr.precision == "week":
        end = start + timedelta(days=6)
    elif expr.precision == "year":
        end = date(start.year, 12, 31)
    else:
        months = 3 if expr.kind in ("quarter", "season") else 1
        first = date(
            start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1
        )
        end = first - timedelta(days=1)
    return TimeExpression(expr.start, expr.end, expr.text, end, expr.precision, expr.kind)


# --- dates --------------------------------------------------------------------------------

_ELECTION = r"(?:re-)?elections?|polls?|vote|ballot|referendum"
_ELECTION_AFTER_DATE = re.compile(
    rf"^,?\s*(?:(?:disputed|contested|presidential|parliamentary|general|legislative|local|"
    rf"regional|national|snap|runoff|run-off)\s+){{0,2}}(?:{_ELECTION})\b",
    re.IGNORECASE,
)
_ELECTION_BEFORE_DATE = re.compile(
    rf"\b(?:{_ELECTION})\s+(?:was\s+|were\s+)?(?:held\s+)?(?:on|of)\s+$", re.IGNORECASE
)
_ELECTION_WORD = re.compile(rf"\b(?:{_ELECTION})\b", re.IGNORECASE)


def election_date(reading: Reading) -> TimeExpression | None:
    """The day of the election the article is about, when it names one ("the August 9 election")."""
    for sentence in reading.sentences:
        s = sentence.text
        if not _ELECTION_WORD.search(s):
            continue
        for e in sentence.dates():
            if e.precision != "day":
                continue
            if _ELECTION_AFTER_DATE.match(s[e.end :]) or _ELECTION_BEFORE_DATE.search(s[: e.start]):
                return e
    return None


def date_near(
    sentence: ReadSentence, q: Quantity, previous: ReadSentence | None
) -> tuple[TimeExpression, str] | None:
    """The date nearest the number in its sentence, else the one day the sentence before names,
    else the date it opens with for a figure told in the past; with the rule that found it."""
    e = sentence.dating(q.start, q.end, _dating_others(sentence, q))
    if e is None:
        if previous is None:
            return None
        days = [d for d in previous.dates() if d.precision == "day"]
        if len(days) == 1 and _HAPPENED.search(previous.text) is not None:
            return days[0], "previous_sentence"
        frame = _opening_time(previous)
        told_past = _PAST_FIGURE.search(sentence.text) and not _NOT_PAST.search(sentence.text)
        return (frame, _FRAMED) if frame and told_past else None
    if e.value is None or _SINCE.search(sentence.text, max(0, e.start - 50), e.start):
        return None  # "since March", "since the outbreak began in January": a start, no date
    return _whole_period(sentence, e), "sentence"


def _dating_others(sentence: ReadSentence, q: Quantity) -> list[tuple[int, int]]:
    """The spans of the sentence's time expressions that date something else than the amount
    `q`: a possessive one that owns a noun ("86 per cent of last year's levels"), unless it
    stands right before the amount ("Monday's 1,200 cases") or after a preposition of time
    ("during Saturday's negotiations"); one after a base the amount is compared with ("70 new
    cases, compared with eight a day earlier"); for a base with a time of its own, any before
    it ("six cases on Monday, up from four on Sunday"); and the start of what the amount counts
    ("the death toll from the fires that began in August jumped to 25")."""
    s = sentence.text
    bases = [b for b in sentence.quantities if b.start >= q.end and _BASE.search(s, q.end, b.start)]
    own = any(q.end <= e.start <= q.end + 60 for e in sentence.times)
    a_base = own and _BASE_OF.search(s, max(0, q.start - 40), q.start) is not None
    return [
        (e.start, e.end)
        for e in sentence.times
        if (a_base and e.end <= q.start)  # the base's own time follows it
        or (
            s.startswith(("'s", "’s"), e.end)
            and not 0 <= q.start - e.end <= 3
            and not _WHEN.search(s, max(0, e.start - 12), e.start)
        )
        or any(
            b.end <= e.start <= b.end + 3 or _TIME_PREPOSITION.fullmatch(s, b.end, e.start)
            for b in bases
        )  # "£26.7bn, down from a revised £29.5bn in June": June is the base's
        or (e.end <= q.start and _BEGAN.search(s, max(0, e.start - 60), e.start))
        or (e.end <= q.start and _OPENING_PARTICIPLE.match(s) and "," in s[e.end : q.start])
    ]


#: a sentence that opens on a participle about its subject: "Originally built in 1938 to house
#: workers, Wolfsburg has produced ...": its time is the subject's, not the figure's
_OPENING_PARTICIPLE = re.compile(
    r"\W*(?:\w+ly\s+)?(?:built|founded|born|established|launched|created|formed|opened|set\s+up|"
    r"started|begun|made|known|named|introduced|designed|released)\s+(?:in|on|as|by)\b",
    re.IGNORECASE,
)


_BEGAN = re.compile(
    r"\b(?:that|which|who)\s+(?:first\s+)?(?:began|started|erupted|broke\s+out|emerged|"
    r"was\s+founded|opened|launched)\s+(?:in|on|at|during)\s+(?:early\s+|late\s+|mid-)?$",
    re.IGNORECASE,
)
_WHEN = re.compile(r"\b(?:during|on|at|in|by|after|before|until|since|from)\s+$", re.IGNORECASE)
#: the words before a base a figure is compared with: "compared with", "up from", "than"
_BASE = re.compile(r"\b(?:compared\s+(?:with|to)|from|against|versus|than)\s+(?:\S+\s+){0,4}$")

_TIME_PREPOSITION = re.compile(r"\s+(?:in|on|at|during)\s+")
#: the words right before an amount that is the base of a change: "up from (the) four", "compared
#: with 18"
_BASE_OF = re.compile(
    r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to))\s+(?:the\s+)?(?:\S+\s+){0,2}$"
)

_SINCE = re.compile(
    r"\bsince\s+(?:[^\s,;.]+\s+){0,5}?"
    r"(?:(?:[^\s,;.]+\s+){0,3}(?:began|started|erupted|emerged|broke\s+out)\s+(?:[^\s,;.]+\s+){0,3}in\s+)?$"
)

#: the part of a year a figure covers: "the first six months of 2005" ends in June
_PART_OF_YEAR = re.compile(
    r"\b(?P<part>first\s+(?:quarter|three\s+months)|(?:first|opening)\s+(?:half|six\s+months)|"
    r"second\s+quarter|first\s+nine\s+months|third\s+quarter)\s+of\s+(?:the\s+year\s+)?$",
    re.IGNORECASE,
)
_PART_LAST_MONTH = {"first": 3, "three": 3, "half": 6, "six": 6, "second": 6, "nine": 9, "third": 9}
#: the words that join the ends of a span: "between Feb 7 and March 25", "from May to July"
_SPAN_TO = re.compile(r"\s*(and|to|until|till|through|-|–)\s*")
_BETWEEN = re.compile(r"\b(?:between|from)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
#: the later end of a span of years: "between 2001 and 2003", "2001-2003", "from 2001 to 2003"
_YEAR_SPAN_END = re.compile(r"\s*(?:-|–|to|and|until)\s*(?P<year>(?:19|20)\d\d)\b")


def _whole_period(sentence: ReadSentence, e: TimeExpression) -> TimeExpression:
    """The period an expression stands for in its sentence: the span it opens ("between Feb 7
    and March 25": March 25; "between 2001 and 2003": 2003), or a part of its year ("the first
    half of 2005": June); else `e`."""
    if e.value is None:
        return e
    joined = _SPAN_TO.match(sentence.text, e.end)
    later = next((d for d in sentence.dates() if joined and d.start == joined.end()), None)
    if (
        later is not None
        and later.value
        and later.value > e.value
        and (joined.group(1) != "and" or _BETWEEN.search(sentence.text, 0, e.start))
    ):
        return later
    if e.precision != "year":
        return e
    part = _PART_OF_YEAR.search(sentence.text, max(0, e.start - 40), e.start)
    if part:
        words = part.group("part").lower().split()
        month = _PART_LAST_MONTH.get(words[1], _PART_LAST_MONTH.get(words[0], 12))
        return replace(e, value=date(e.value.year, month, 1), precision="month")
    span = _YEAR_SPAN_END.match(sentence.text, e.end)
    if span and int(span.group("year")) > e.value.year:
        return replace(e, value=date(int(span.group("year")), 1, 1))
    return e


# The sentence before dates an event the next one sizes ("The march took place on August 16.")
_HAPPENED = re.compile(
    r"\b(?:was|were)\s+(?:held|staged|organi[sz]ed)\b|\btook\s+place\b|\bhappened\b|\boccurred\b"
)


def _opening_time(sentence: ReadSentence) -> TimeExpression | None:
    """The date a sentence opens with, which frames the sentences after it ("In 2018, ...",
    "On Monday, ..."); None for a start ("Since March, ...") or a date that opens nothing."""
    dates = sentence.dates()
    if not dates or not _OPENER.fullmatch(sentence.text[: dates[0].start]):
        return None
    return _whole_period(sentence, dates[0])


#: the words a sentence may open with before its framing date
_OPENER = re.compile(
    r"\W*(?:(?:in|on|during|by\s+the\s+end\s+of|at\s+the\s+end\s+of)\s+)?", re.IGNORECASE
)
#: a figure told in the simple past ("The median salary was £34,000")
_PAST_FIGURE = re.compile(r"\b(?:was|were|had|rose|fell|grew|dropped|reached|totalled|totaled)\b")
#: ... and not as it stands now, nor reported or quoted, nor counted from another day ("is",
#: "has", "now", "said", "since", "a month later", "following the elections")
_NOT_PAST = re.compile(
    r"\b(?:is|are|has|have|now|currently|still|so\s+far|to\s+date|will|would|said|says|wrote"
    r"|since|later|earlier|after|following)\b|^\W*[\"“‘']",
    re.IGNORECASE,
)
