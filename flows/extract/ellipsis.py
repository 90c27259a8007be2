"""Amounts that leave what they measure to another amount: a running total ("bringing the
tally to 10,450"), a conversion in brackets ("$200bn (£155bn)", "50 hectares (124 acres)"), an
ellipsis ("67 imported cases, up from 47 the day before"; "and another 4,000 on the way") and a
sentence of estimates after the sentence that counted ("Estimates ranged from 100,000 to
200,000").
"""

from __future__ import annotations

import re
from dataclasses import replace

from flows.annotate import Quantity
from flows.extract.descriptions import PLACE_AT_END
from flows.extract.measures import Measured
from flows.extract.noun_phrases import FUNCTION_WORDS


def converts(s: str, quantities: tuple[Quantity, ...], i: int, before: Measured | None) -> bool:
    """Whether amount i of sentence `s`, a sum or a measure, stands in brackets after the amount
    before it, which measured `before`, as its conversion: "$200bn (£155bn)", "€1bn (£890m,
    $1.2bn)", "50 hectares (124 acres)"."""
    q = quantities[i]
    if not (i and before and (q.currency or q.measure_unit)):
        return False
    left = quantities[i - 1].end
    return (
        _CONVERTED.fullmatch(s, left, q.start) is not None
        or _NEXT_CONVERSION.fullmatch(s, left, q.start) is not None
        and s.rfind("(", 0, q.start) > s.rfind(")", 0, q.start)
    )


def borrowed(
    s: str,
    quantities: tuple[Quantity, ...],
    i: int,
    measured: Measured | None,
    here: list[Measured],
    before: Measured | None,
    last: Measured | None,
) -> Measured | None:
    """What amount i of sentence `s` measures, given what it `measured` on its own, what the
    sentence measured so far (`here`, `before`: the amount just before) and what the sentence
    before measured last (`last`)."""
    q = quantities[i]
    if _RUNNING_TOTAL.search(s, 0, q.start) and (here or last):
        return _total_of(here[-1] if here else last)  # "This brings the total to 31,960."
    if before and converts(s, quantities, i, before):
        return replace(before, unit=q.currency or q.measure_unit)  # "$200bn (£155bn)"
    listed = before or (here[-1] if here else None)  # "one permanent resident" made no row
    if (
        measured
        and listed
        and measured.family == listed.family == "people"
        and measured.metric == "count" != listed.metric
        and _LISTED_AFTER.fullmatch(s, quantities[i - 1].end, q.start)
        and _item_ends(s, q, measured.measure)
    ):  # "Police arrested 20 protesters, five journalists and two lawyers": all detained
        return replace(measured, metric=listed.metric)
    if (
        measured
        and listed
        and measured.metric == "rate"
        and listed.metric == "change"
        and q.unit == quantities[i - 1].unit
        and _PAIRED.fullmatch(s, quantities[i - 1].end, q.start)
    ):  # "down 49.9% and 61.9% respectively", "Italy down -85%, France -72%": changes too
        return replace(measured, metric="change", measure=measured.measure or listed.measure)
    if measured is None and _TALLY_OF.search(s, max(0, q.start - 30), q.start):
        prior = [m for m in (*here, last) if m and _same_kind(q, m)]
        if prior:  # "the country's recorded tally of 237,365"
            return _total_of(prior[-1])
    if (
        (measured is None or measured.measure is None and measured.family in ("money", "rate"))
        and here
        and (before or not _JOINED.fullmatch(s, quantities[i - 1].end, q.start))
        and _elliptic(s, quantities, i)
    ):
        # not joined to an amount that measured nothing: "seven men between the ages of 40
        # and 50"; with the item's own place: "39 people from the Philippines, two from
        # New Zealand"
        return _placed_anew(here[-1], s, q)
    if measured is None and last and _same_kind(q, last) and _ESTIMATES.match(s, 0, q.start):
        return last
    return measured


#: the place an item of a list names right after its amount (a day or a month is no place)
_OWN_PLACE = re.compile(r"\s+((?:in|from|at)\s+(?:the\s+)?([A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*)")


_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|to)\s+")


def _placed_anew(measured: Measured, s: str, q: Quantity) -> Measured:
    """What an elliptic amount measures: the measure before it, in its own place if it names
    one ("two from New Zealand" counts people from New Zealand, not from the Philippines)."""
    own = _OWN_PLACE.match(s, q.end)
    if own is None or not measured.measure or own.group(2).rstrip(".").lower() in FUNCTION_WORDS:
        return measured  # "(up from four) on Monday", "(three) in June": times, not places
    place = own.group(1)
    place = place[:-1] if place.endswith(".") and place.count(".") == 1 else place  # "Australia."
    return replace(measured, measure=PLACE_AT_END.sub("", measured.measure) + " " + place)


#: a running total of what the sentence counted just before: "bringing the tally to 10,450"
_RUNNING_TOTAL = re.compile(
    r"\b(?:bringing|taking|raising|pushing|lifting|brought|took|raised|pushed|brings|takes|"
    r"raises|pushes|lifts)\s+(?:the|its|their|his|her|[A-Z][\w.-]*['’]s?)\s+(?:\w+\s+){0,2}"
    r"(?:tally|total|toll|count|number|caseload)\s+to\s+$",
    re.IGNORECASE,
)


#: the next item of a list of groups: "20 protesters, five journalists and two lawyers", with no
#: verb of its own in between
_LISTED_AFTER = re.compile(
    r"(?:(?!\b(?:is|are|was|were|has|have|had|will|would|said|says|who|which|that|[a-z]+ed)\b)"
    r"[^,;.()])*?(?:,\s*(?:and\s+)?|\s+(?:and|or)\s+)"
)
#: the words between two amounts of one series: "49.9% and (61.9%)", "-85%, France (-72%)"
_PAIRED = re.compile(
    r"(?:\s+(?:in|at|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?"  # "32% in the UK and 18%"
    r"\s*(?:,\s*(?:and\s+)?(?:[A-Z][\w-]*\s+)?|(?:and|or)\s+(?:[A-Z][\w-]*\s+)?)[-–−]?"
)
_ITEM_END = re.compile(r"\s*(?:[,;.)]|(?:and|or)\b|$)")


def _item_ends(s: str, q: Quantity, measure: str | None) -> bool:
    """Whether the amount at `q` and its counted words end a list item: "(two) lawyers," and not
    "(one billion) are locked in their homes"."""
    at = s.find(measure, q.end, q.end + 3 + len(measure)) if measure else -1
    return at != -1 and _ITEM_END.match(s, at + len(measure)) is not None


#: a total named by its noun: "the country's recorded tally of 237,365"
_TALLY_OF = re.compile(
    r"\b(?:the|its|their|[A-Za-z]+['’]s?)\s+(?:\w+\s+)?(?:tally|toll|total|caseload)\s+of\s+$",
    re.IGNORECASE,
)


def _total_of(measured: Measured) -> Measured:
    """What a running total counts: the total of what the sentence counted before it."""
    measure = re.sub(r"^(?:new|more|further|additional)\s+", "", measured.measure or "")
    return replace(measured, measure=f"total {measure}".strip())


def _same_kind(q: Quantity, measured: Measured) -> bool:
    """Whether an amount can measure what `measured` measured: a share a rate, a sum of money
    one in its currency, a count a count."""
    if q.currency or measured.family == "money":
        return q.currency == measured.unit
    return (q.unit in ("percent", "points")) == (measured.family == "rate")


#: a sentence that only sizes what the one before counted: "Estimates ranged from ... to ..."
_ESTIMATES = re.compile(
    r"\W*(?:(?:but|and|other|some|independent|official|unofficial|the)\s+)*estimates?\s+"
    r"(?:\w+\s+){0,3}?(?:ranged?|varied|vary|put\s+it|were|was|are|is)\b",
    re.IGNORECASE,
)

#: an amount that leaves out what it counts because the one before said it: "up from 47",
#: "and another 4,000 on the way", "37 votes to Helsinki's 26", "two from Australia", "12 new
#: patients, including nine in Seoul", "of whom eight are in intensive care", "254,684 cars, a
#: fall of 203,370 compared with March 2019"
_ELLIPSIS_BEFORE = re.compile(
    r"(?:\b(?:from|to|another|and|or|versus|vs\.?|against|with|than|including|of\s+(?:whom|which|them)"
    r"|among\s+them|(?:a|an)\s+(?:fall|drop|decline|decrease|rise|increase|jump|gain|loss)\s+of)"
    r"\s+(?:just\s+|only\s+|a\s+)?"
    r"|['’]s\s+|s['’]\s+|,\s+)$",
    re.IGNORECASE,
)

_ELLIPSIS_AFTER = re.compile(
    r"\s+(?:the\s+(?:day|week|month|year)\s+before|a\s+(?:day|week|month|year)\s+(?:earlier|ago)|"
    r"(?:on|in|from|at|compared|against|and|or|are|were|is|was|remain(?:s|ed)?)\b|earlier"
    r"|previously|before|respectively|[,.;)]|$)",
    re.IGNORECASE,
)


def _elliptic(s: str, quantities: tuple[Quantity, ...], i: int) -> bool:
    """Whether amount i counts what the amount before it counted, left unsaid ("up from 47 the
    day before"): a bare number of the same kind after a word of comparison or coordination."""
    q, prior = quantities[i], quantities[i - 1]
    return (
        q.unit == prior.unit
        and q.currency == prior.currency
        and _ELLIPSIS_BEFORE.search(s, max(prior.end, q.start - 30), q.start) is not None
        and _ELLIPSIS_AFTER.match(s, q.end) is not None
    )


#: the next of several conversions in one bracket: "500,000 rupees ($6,626; £5,582)"
_NEXT_CONVERSION = re.compile(r"\s*[,;]\s*")
_CONVERTED = re.compile(r"\s*\(\s*(?:about|around|roughly|some|approximately|or\s+)?\s*")
