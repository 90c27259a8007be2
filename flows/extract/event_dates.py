"""The date of an event mention: the time expression of its sentence that dates its trigger, as
the article's reading resolved it against the one anchor (`flows.annotate.reading`).

When a sentence has no date for its event, `event_date` is the anchor with `date_precision`
"week" and `date_source` "publication" (the event was reported that week, not necessarily on
that day); with no anchor at all it is null with precision "unknown" and `date_source` "none".
An event the text dates to a day after publication has not happened: an "asserted" one becomes
"planned". A sentence that goes on about the same person keeps the day of the one before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from flows.annotate import EntityIndex, ReadSentence, TimeExpression
from flows.extract.event_anchors import relative_to_event
from flows.extract.occurrence import is_noun_trigger
from flows.extract.triggers import TriggerHit, find_triggers

#: an expression this close to the trigger ("died on Monday") dates it whatever else is said.
ADJACENT = 4
#: the date sources of a mention its own words do not date (a recap's `background` aside).
UNDATED = ("publication", "none")
#: an undated asserted report happened within this many days before publication.
UNDATED_WINDOW_DAYS = 6
#: a noun trigger takes a date only from this many characters away (or a "took place" verb).
NOUN_DATE_REACH = 30
_ATTRIBUTIVE_DATE = re.compile(
    r"^[’']?s?\s*(?:\w+\s+){0,2}(?:presidential\s+|parliamentary\s+|general\s+)?"
    r"(?:elections?|votes?|polls?|ballots?|re-?elections?|referendums?)\b",
    re.I,
)
#: a year inside a noun phrase names a thing of that year ("new 1987 economic aid", "its 2019
#: report", "the 1973 War Powers Act"), not when the sentence's event happened.
_YEAR_IN_NOUN_PHRASE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|your|new|this|that|fiscal|financial)|\w['’]s?)\s+$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s+[A-Za-z][a-z-]+\b")
#: the clauses a date opening the sentence reaches across, by its precision: a "while" clause
#: at any precision; at a month or a year also what came just before or after ("In 1989, a
#: shooting left 14 women dead after the killer ... opened fire").
_FRONTED_CROSSES = {
    "day": ("while",),
    "week": ("while",),
    "month": ("while", "after", "before", "following"),
    "year": ("while", "after", "before", "following"),
}
_FRONTED = re.compile(
    r"\W*(?:(?:but|and|so|then|yet|also)\s+)?(?:(?:in|on|at|by|during)\s+)?$", re.I
)
#: a verb between a date and a noun trigger after it takes the date for itself ("on Wednesday
#: confirmed the death"), unless it is the verb that makes the noun happen ("held a summit").
_VERB_BETWEEN = re.compile(
    r"\b(?!(?:held|staged|launched|organi[sz]ed|convened|called|mounted|started|prepared|planned"
    r"|joined|attended|organized)\b)(?:[a-z]{3,}ed|said|says|gave|met|won)\b"
)
#: the prepositional phrases of a noun trigger between it and a date after them
_ITS_PHRASES = re.compile(
    r"\s*(?:with|in|at|between|among|on|over|near|inside|outside)\s[^,;:()]{0,60}", re.I
)
_VERB_OR_AUX = re.compile(
    r"\b(?:is|was|were|are|be|been|will|would|has|have|had|said|says|[a-z]{3,}ed)\b", re.I
)
_HAPPENED = re.compile(
    r"\b(?:took place|(?:was|were) held|began|begun|started|erupted|broke out|went ahead|came"
    r"|(?:was|were) staged|continued|ended|kicked off)\b",
    re.I,
)

_DATE_BREAK = re.compile(
    r";|\bwhile\b|\bwhereas\b|, (?:which|who|whose|where)\b|\bsince\b|\bafter\b|\bbefore\b"
    r"|\bfollowing\b",
    re.I,
)
_RELATIVE_OPEN = re.compile(r", (?:which|who|whose|where)\b[^,]*$")
_OWN_PREPOSITION = re.compile(r"\b(?:since|after|before|following|until)\s*$", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that|since|after|when|where|while|whose)\b", re.I)
_CONCURRENT_BEFORE = re.compile(
    r"\b(?:amid|during)\s+(?!(?:\w+\s+)*?(?:recent|previous|earlier|last)\b)(?:\w+\s+){0,2}$", re.I
)


def inherit_date(
    found: list[dict],
    previous: list[dict],
    sentence: ReadSentence,
    index: EntityIndex,
    published: date | None,
) -> None:
    """An undated sentence that goes on about the same named person as the sentence just
    before it keeps that sentence's day ("As the unrest continued on Saturday,
    Lukashenko sought help ... Lukashenko said Putin had promised ..."), unless the mention
    is asserted and that day is after publication: what has happened cannot take the day of
    what is still to come ("will meet next Wednesday ... Abe met Reagan during his visit")."""
    dated = [p for p in previous if p["date_source"] == "text" and p["date_precision"] == "day"]
    if not dated:
        return
    if sentence.times:
        return
    before = {
        e.name
        for e in index.starting_in(dated[0]["char_start"], dated[0]["char_end"])
        if e.type == "person"
    }
    here = {e.name for e in index.starting_in(sentence.start, sentence.end) if e.type == "person"}
    if not before & here:
        return
    for m in found:
        if m["date_source"] in UNDATED and not (
            m["modality"] == "asserted" and after_publication(dated[0], published)
        ):
            day = dated[0]["event_date"]
            m.update(
                event_date=day,
                date_low=day,
                date_high=day,
                date_precision="day",
                date_text=dated[0]["date_text"],
                date_source="context",
            )


#: a sentence that opens by counting from the day the story last gave: "Three days later",
#: "The next day", "A week later", "Hours later" (the same day), "Two days earlier"
_OFFSET = re.compile(
    r"^\W*(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<unit>days?|weeks?)\s+(?P<dir>later|afterwards|after|earlier|before)"
    r"|(?:the\s+)?(?:next|following)\s+(?P<next>day|morning|afternoon|evening|night|week)"
    r"|(?:hours|minutes|moments)\s+(?:later|afterwards|earlier)"
    r"|(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day)\b",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def counted_day(
    sentences: Sequence[ReadSentence], i: int, depth: int = 0
) -> tuple[date | None, str | None]:
    """The day sentence i counts to from the day the sentence before it gave ("Police arrested
    20 protesters on Sunday. Three days later, ..."), and the words it counts with; (None,
    None) when it opens with no count, or the sentence before gives no one day. The sentence
    before may itself count from the one before it, three deep at most. Only a sentence that
    opens with a count has the times of the one before it read."""
    m = _OFFSET.match(sentences[i].text)
    if m is None or i == 0 or depth > 2:
        return None, None
    days = {e.value for e in sentences[i - 1].times if e.value and e.precision == "day"}
    before = days.pop() if len(days) == 1 else None
    if before is None and not days:
        before = counted_day(sentences, i - 1, depth + 1)[0]
    if before is None:
        return None, None
    if m.group("n"):
        n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").lower()]
        step = n * (7 if m.group("unit").lower().startswith("week") else 1)
        back = m.group("dir").lower() in ("earlier", "before")
        return before + timedelta(days=-step if back else step), m.group().strip(" ,")
    step = 1 if m.group("next") else 0  # "the following week" starts the day after
    return before + timedelta(days=step), m.group().strip(" ,")


def offset_date(
    found: list[dict], day: date | None, words: str | None, published: date | None
) -> None:
    """The undated mentions of a sentence that counts from the story's last day ("Three days
    later, the opposition leader was detained") take the day it counts to; not an asserted
    event after publication, nor a week ("The following week"), which is a range."""
    if day is None or words is None:
        return
    week = re.search(r"week", words, re.IGNORECASE) and not re.match(r"\W*\w+\s+weeks?", words)
    for m in found:
        if m["date_source"] not in UNDATED or m["background"]:
            continue
        if m["modality"] == "asserted" and published is not None and day > published:
            continue
        high = day + timedelta(days=6) if week else day
        m.update(
            event_date=day,
            date_low=day,
            date_high=min(high, published) if published and m["modality"] == "asserted" else high,
            date_precision="week" if week else "day",
            date_text=words,
            date_source="text",
        )


def carry_dates(mentions: list[dict]) -> None:
    """An asserted report in a sentence with no date of its own takes the day that an earlier
    sentence gives the same kind of event (same type and mode: "Police detained 40 people on
    Sunday ... Those detained included ..."), when the sentences before it give it one day."""
    days: dict[tuple[str, str | None], set] = {}
    for m in sorted(mentions, key=lambda m: m["char_start"]):
        day_dated = m["date_source"] == "text" and m["date_precision"] == "day"
        if day_dated and not m["background"] and m["modality"] == "asserted":
            days.setdefault((m["event_type"], m["event_mode"]), set()).add(m["event_date"])
        found = days.get((m["event_type"], m["event_mode"]), ())
        undated = m["date_source"] in UNDATED and not m["_dated"]
        if undated and m["modality"] == "asserted" and len(found) == 1:
            (day,) = found
            if m["date_low"] is None or m["date_low"] <= day <= m["date_high"]:
                m.update(event_date=day, date_low=day, date_high=day, date_precision="day")
                m.update(date_source="coreference")


def after_publication(when: dict, published: date | None) -> bool:
    """Whether the event's date (a day, or the start of its week, month or year) is after
    publication, so it has not happened yet."""
    return published is not None and when["date_low"] is not None and when["date_low"] > published


def event_date(
    sentence: ReadSentence,
    hit: TriggerHit,
    anchor: date | None,
    modality: str,
    background: bool,
    latest: date | None = None,
    weak: bool = False,
    days: dict[str, date] | None = None,
) -> dict:
    """event_date, date_low, date_high, date_precision, date_text and date_source of a
    trigger; `anchor` is the day the article's dates resolve against, `latest` the last day
    it can have been published on (the anchor when not given), `background` whether the
    mention recalls an earlier event. With a `weak` anchor (only the latest date the article
    reports, no publication date or range) an undated report stays undated: that date is a
    median 11 days before publication on news2020, so the week up to it would mislead. `days`
    are the days the article gives kinds of event ("the August 9 election"), which date "the
    day after the vote" (`flows.extract.event_anchors`)."""
    latest = latest or anchor
    found = _dating_expression(sentence, hit)
    if found is None or found.value is None:
        counted = relative_to_event(sentence, hit.start, hit.end, days)
        if counted is None:
            return undated(None if weak else latest, modality, background)
        day, words = counted
        return {
            "event_date": day,
            "date_low": day,
            "date_high": day,
            "date_precision": "day",
            "date_text": words,
            "date_source": "text",
        }
    value = found.value
    if modality == "planned" and anchor and value < anchor and found.kind == "weekday":
        value = value + timedelta(days=7)
    low, high = value, _period_end(value, found.precision)
    if modality == "asserted" and latest is not None and low <= latest < high:
        high = latest  # what happened is over by the day it is reported
    return {
        "event_date": value,
        "date_low": low,
        "date_high": high,
        "date_precision": found.precision,
        "date_text": found.text,
        "date_source": "text",
    }


def undated(latest: date | None, modality: str, background: bool) -> dict:
    """The date fields of a mention whose text gives no date: an asserted report happened in
    the week up to `latest` (the last day the article can have been published on:
    `publication`), a recalled one at some time before it (`background`); what is planned or
    threatened, or an article without a date, has none."""
    low = high = None
    precision, source = "unknown", "none"
    if latest is not None and modality == "asserted":
        high, source = latest, "background" if background else "publication"
        if not background:
            low, precision = latest - timedelta(days=UNDATED_WINDOW_DAYS), "week"
    return {
        "event_date": None,
        "date_low": low,
        "date_high": high,
        "date_precision": precision,
        "date_text": None,
        "date_source": source,
    }


def _period_end(value: date, precision: str) -> date:
    """The last day of the week, month or year that starts at `value`."""
    if precision == "week":
        return value + timedelta(days=6)
    if precision == "month":
        following = date(value.year + value.month // 12, value.month % 12 + 1, 1)
        return following - timedelta(days=1)
    if precision == "year":
        return date(value.year, 12, 31)
    return value


def in_relative_clause(text: str, start: int, trigger: int) -> bool:
    """Whether a date at `start` sits in a relative clause that closes before the trigger
    ("Ukraine, which saw its leader toppled in 2014, has offered refuge")."""
    opened = _RELATIVE_OPEN.search(text, max(0, start - 120), start)
    return opened is not None and "," in text[start:trigger]


def _fronted(text: str, e: TimeExpression) -> bool:
    """Whether the expression opens its sentence before a comma ("Last month, while touring
    Jilin, Xi spoke to farmers"): it dates the main clause across the clauses of
    `_FRONTED_CROSSES`."""
    return _FRONTED.match(text[: e.start]) is not None and text[e.end :].lstrip().startswith(",")


def _attributive_year(text: str, e: TimeExpression) -> bool:
    """Whether a bare year stands inside a noun phrase ("new 1987 economic aid")."""
    return (
        e.text.isdigit()
        and _YEAR_IN_NOUN_PHRASE.search(text, max(0, e.start - 20), e.start) is not None
        and _NOUN_AFTER.match(text, e.end) is not None
    )


#: an event noun a trigger is about: "against the crackdown", "over the killing"
#: an event noun the bare date right after it belongs to, when it follows the trigger:
#: "welcoming Gorbachev's offer Saturday" is not dated Saturday ("arrested the leader of the
#: protest on Monday" is, with its preposition)
_EVENT_NOUN_BEFORE = re.compile(
    r"\b(?:offer|proposal|decision|announcement|statement|speech|remarks|election|vote|ruling"
    r"|verdict|attack|strike|visit|summit|meeting|talks|resignation|arrest|protest|rally)\s+$",
    re.I,
)
_ABOUT_EVENT = re.compile(
    r"\b(?:against|over|about|after|following|since|for)\s+(?:the\s+|a\s+|an\s+)?"
)


def _past_of_object(between: str, found: TimeExpression, sentence: ReadSentence) -> bool:
    """Whether a date after a trigger dates the event it is about instead: the words between
    hold another trigger after "against", "over", "after"... and the date lies in a year before
    the article's ("protested against the crackdown ... 31 years ago")."""
    year = sentence.anchor.day.year if sentence.anchor.day else None
    if year is None or found.value is None or found.value.year >= year:
        return False
    return any(_ABOUT_EVENT.search(between, 0, h.start) for h in find_triggers(between))


def _dating_expression(sentence: ReadSentence, hit: TriggerHit) -> TimeExpression | None:
    """The time expression that dates this trigger, or None.

    Expressions that name another thing ("the August 9 election", "Sunday's march" for any
    trigger but the march), and "now", which says a state holds, not when it began, are
    blanked out first. A noun trigger ("a crackdown", "the protests") takes a date that opens
    the sentence, or one from nearby words with no verb between, or when the sentence says the
    event took place then: otherwise the date belongs to the sentence's verb, not to the noun.
    A date of an earlier year after an event the trigger is about is that event's.
    """
    text = sentence.text
    exprs = sentence.dates()
    for e in exprs:
        owner = text.startswith(("’s", "'s"), e.end)  # "endorsed Monday's attack": the attack's
        after = 0 <= e.start - hit.end <= ADJACENT and not owner
        before = 0 <= hit.start - e.end <= ADJACENT
        before = before and not in_relative_clause(text, e.start, hit.start)
        if e.value is not None and e.kind != "present" and (after or before):
            return e
    hidden = set()
    for e in exprs:
        after = text[e.end : e.end + 60]
        possessive = after.startswith(("’s", "'s")) and not (0 <= hit.start - e.end <= 25)
        named = _EVENT_NOUN_BEFORE.search(
            text, hit.end, e.start
        )  # "welcoming (his offer) Saturday"
        if (
            possessive
            or named
            or _ATTRIBUTIVE_DATE.match(after)
            or e.kind == "present"
            or _attributive_year(text, e)
            and not 0 <= hit.start - e.end <= 30
        ):
            hidden.add((e.start, e.end))
    found = sentence.dating(hit.start, hit.end, hidden)
    if found is None or found.value is None:
        return None
    lo, hi = (found.end, hit.start) if found.end <= hit.start else (hit.end, found.start)
    between = text[lo:hi]
    if found.end <= hit.start and in_relative_clause(text, found.start, hit.start):
        return None
    if found.start >= hit.end:
        if _past_of_object(between, found, sentence):  # "protest against the crackdown ... 31
            return None  # years ago": the crackdown's date
        between = _OWN_PREPOSITION.sub("", between)
    fronted = found.end <= hit.start and _fronted(text, found)
    crossed = _FRONTED_CROSSES[found.precision] if fronted else ()
    if any(b.group().lower() not in crossed for b in _DATE_BREAK.finditer(between)):
        return None
    if not is_noun_trigger(text, hit) or fronted:
        return found
    if found.end <= hit.start and _VERB_BETWEEN.search(between):
        return None  # "on Tuesday backed Reagan's strike": the day of the backing
    if hi - lo <= NOUN_DATE_REACH:
        return found
    if (
        found.start >= hit.end
        and _ITS_PHRASES.fullmatch(between)
        and not _VERB_OR_AUX.search(between)
    ):
        return found  # "talks with the Soviet Union in Geneva tomorrow": the talks' day
    if _CONCURRENT_BEFORE.search(text[: hit.start]):
        return found
    happened = _HAPPENED.search(between)
    if happened and not _RELATIVE.search(between[: happened.start()]):
        return found
    return None
