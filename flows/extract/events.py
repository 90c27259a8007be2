"""Event mentions: PLOVER type and mode, modality, actors, place and date of each reported event.

Each sentence of the article's reading (`flows.annotate.reading`) that reports something is
searched for triggers (`flows.extract.triggers`), except inside direct speech; a trigger that
reports no specific occurrence (a word sense, a kind of event, a habit, a name:
`flows.extract.occurrence`) is no mention. A mention's actors and place come from
`flows.extract.participants` (the place where the article is set when its sentence names none),
its date or date range from `flows.extract.event_dates`, and its size from the statistics claims
of its sentence.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date

from flows.annotate import EntityMention, Reading, ReadSentence, country, in_gallery_caption
from flows.extract.event_anchors import event_days
from flows.extract.event_dates import (
    after_publication,
    carry_dates,
    counted_day,
    event_date,
    in_relative_clause,
    inherit_date,
    offset_date,
    undated,
)
from flows.extract.occurrence import not_an_occurrence, recalled, told_in_the_past
from flows.extract.participants import LOCAL_TYPES, Located, actors, home_place, location
from flows.extract.triggers import (
    TriggerEntry,
    TriggerHit,
    candidate_triggers,
    event_name,
    find_triggers,
    modality_of,
)
from flows.model import stable_id

#: a mention dated this many days before its article's anchor recalls an earlier event.
RECENT_DAYS = 14
_YEAR = re.compile(r"\b(?:in|since|of|from|by|until)\s+((?:19|20)\d\d)\b", re.I)
_PAST = re.compile(
    r"\b(?:(?:years|decades|months) ago|at the time|back in|in the past|previously|formerly"
    r"|last year|a year ago|over the (?:past |last )?(?:decades|years|centuries)"
    r"|for (?:decades|years|generations)|in (?:recent|past|previous|earlier) (?:years|decades))\b",
    re.I,
)
#: the words before a past time that make it the time of what an event is about
_OF_AN_OBJECT = re.compile(
    r"\b(?:against|over|marking|mark|commemorat\w*|anniversary)\b[^.;]*$", re.I
)
#: a video's running time closes the line that links to it.
_VIDEO_LENGTH = re.compile(r"\b\d{1,2}:\d\d\s*$")
#: metric of a statistics claim -> (event type, mention column prefix) it sizes.
#: a sentence that speaks of the whole country: the event is not in the article's city
_NATIONWIDE = re.compile(
    r"\b(?:nationwide|nationally|across the (?:country|nation)|throughout the country"
    r"|around the country|all over the country)\b",
    re.I,
)
QUANTITY_LINKS = {
    "participants": ("PROTEST", "participants"),
    "detained": ("COERCE", "detained"),
    "killed": ("ASSAULT", "killed"),
}


def extract_events(reading: Reading, claims: list[dict]) -> list[dict]:
    """Event mention rows of one article; its statistics `claims` size the events."""
    article, index = reading.article, reading.index
    mentions: list[dict] = []
    quoted = [(q.start, q.end) for q in reading.quotations if q.direct]
    home = home_place(reading.entities, reading.places, article.text)
    days = event_days(reading)
    previous: list[dict] = []
    before = ""  # the sentence before, which may tell of the past ("In 1966, ...")
    for i, sentence in enumerate(reading.sentences):
        only = candidate_triggers(sentence.text)
        before, text = sentence.text, before
        past = functools.partial(_tells_of_the_past, text, reading.anchor.day)
        if not only or _not_reporting(sentence.text):
            previous = []
            continue
        by_type: dict[str, list[dict]] = {}
        inside = index.within(sentence.start, sentence.end)
        dates = _date_spans(sentence)
        for hit in find_triggers(sentence.text, only):
            if not _in_spans(quoted, sentence.start + hit.start) and not not_an_occurrence(
                sentence.text, hit, dates
            ):
                m = _mention(reading, sentence, hit, inside, home, days, past)
                if _has_participants(m, hit.entry):
                    by_type.setdefault(hit.entry.type, []).append(m)
        found = [
            min(ms, key=lambda m: (m["date_source"] != "text", m["_pos"]))
            for ms in by_type.values()
        ]
        inherit_date(found, previous, sentence, index, article.published_date)
        offset_date(found, *counted_day(reading.sentences, i), article.published_date)
        mentions += found
        previous = found
    carry_dates(mentions)
    _link_quantities(mentions, claims)
    for m in mentions:
        del m["_pos"], m["_dated"]
    return mentions


def _date_spans(sentence: ReadSentence) -> Callable[[], list[tuple[int, int]]]:
    """The spans of the sentence's dates, resolved when first asked for."""
    return lambda: [(e.start, e.end) for e in sentence.dates()]


def _recalls_the_past(sentence: ReadSentence, hit: TriggerHit, anchor: date | None) -> bool:
    """Whether the words around the trigger tell of the past (`_tells_of_the_past`): "In 2019
    the company investigated claims that workers had been beaten". A year in a relative clause
    before the trigger is another clause's ("Police, who were praised in 2019, detained ...")."""
    text = sentence.text
    lo, hi = max(0, hit.start - 120), hit.end + 60
    if _PAST.search(text, lo, hi):
        return True
    return anchor is not None and any(
        int(m.group(1)) < anchor.year
        and not (m.end() <= hit.start and in_relative_clause(text, m.start(), hit.start))
        for m in _YEAR.finditer(text, lo, hi)
    )


def _tells_of_the_past(text: str, anchor: date | None) -> bool:
    """Whether words tell of the past: a year before the anchor's ("In 1966, a family of four
    ...") or "years ago", "at the time", "last year"; not a year in a relative clause ("The
    suspect, who obtained refugee status in 2017, was not known to police"), nor one of what a
    current event is against or marks ("to protest against the crackdown ... 31 years ago")."""
    if any(
        not _OF_AN_OBJECT.search(text, max(0, m.start() - 120), m.start())
        for m in _PAST.finditer(text)
    ):
        return True
    return anchor is not None and any(
        int(m.group(1)) < anchor.year
        and not in_relative_clause(text, m.start(), len(text))
        and not _OF_AN_OBJECT.search(text, max(0, m.start() - 120), m.start())
        for m in _YEAR.finditer(text)
    )


def _has_participants(mention: dict, entry: TriggerEntry) -> bool:
    """An event has someone acting or acted on (the one its trigger `requires`, if any);
    street events may instead have a place, named events their name."""
    if entry.requires == "both":
        return mention["actor1"] is not None and mention["actor2"] is not None
    if entry.requires:
        return mention[entry.requires] is not None
    if mention["actor1"] or mention["actor2"] or mention["event_name"]:
        return True
    return mention["event_type"] in LOCAL_TYPES and mention["location"] is not None


def _not_reporting(sentence: str) -> bool:
    """Headings, questions, title-case lines, gallery captions ("... Hide Caption 3 of 12") and
    video links ("US Marine found guilty of killing transgender woman 00:51"): no event is
    reported there."""
    if in_gallery_caption(sentence) or _VIDEO_LENGTH.search(sentence, max(0, len(sentence) - 12)):
        return True
    words = sentence.split()
    end = sentence.rstrip()[-1:]
    if len(words) < 5 or end in ("?", ":"):
        return True
    return end != "." and sum(1 for w in words if w[:1].isupper()) >= 0.7 * len(words)


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of the spans (sorted, not overlapping)."""
    i = bisect_right(spans, (pos, float("inf")))
    return i > 0 and pos < spans[i - 1][1]


def _actor_country(
    actor: str | None, hit: TriggerHit, inside: list[EntityMention], home: EntityMention | None
) -> Located | None:
    """Where a country or a national body that acts says or decides something the sentence
    places nowhere: its country ("Fiji today welcomed the ending of a trade ban"); street
    events happen where the story is."""
    if actor is None or hit.entry.type in LOCAL_TYPES:
        return None
    named = next((e for e in inside if e.name == actor and e.country_code), None)
    if named is None or named.type not in ("country", "organization"):
        return None
    if home is not None and home.country_code == named.country_code:
        return None  # the story's own place in that country says more: "Beijing"
    nation = country(named.country_code)
    return Located(nation.name, nation.country_code, nation) if nation else None


def _mention(
    reading: Reading,
    sentence: ReadSentence,
    hit: TriggerHit,
    inside: list[EntityMention],
    home: EntityMention | None,
    days: dict[str, date],
    past: Callable[[], bool] = bool,
) -> dict:
    """The event mention row of a trigger; `inside` are the entities within its sentence,
    `days` the days the article gives kinds of event (`flows.extract.event_anchors`), `past()`
    whether the sentence before told of the past: an undated sentence goes on with it."""
    article = reading.article
    modality = modality_of(sentence.text, hit)
    actor1, actor2 = actors(sentence, hit, inside, reading.index)
    place = location(sentence, inside) or _actor_country(actor1, hit, inside, home)
    if place is None and home is not None:
        place = Located(home.name, home.country_code, home.place)
        if _NATIONWIDE.search(sentence.text) and (nation := country(home.country_code)):
            place = Located(nation.name, nation.country_code, nation)  # "nationwide protests"
    anchor = reading.anchor.day
    back = (
        recalled(sentence.text, hit)
        or _recalls_the_past(sentence, hit, anchor)
        or not sentence.times
        and past()
    )
    latest = article.published_date_high or anchor
    weak = reading.anchor.source != "publication date" and article.published_date_high is None
    when = event_date(sentence, hit, anchor, modality, back, latest, weak, days)
    if modality == "asserted" and after_publication(when, article.published_date):
        if told_in_the_past(sentence.text, hit):  # "called for ... aid through 1992": the aid's
            when = undated(None if weak else latest, modality, back)
        else:
            modality = "planned"
    told = when["date_high"] is not None and when["date_source"] == "text"
    if anchor is None:  # a year is history in news; without an anchor nothing else says when
        back = back or told and when["date_precision"] == "year"
    else:
        back = back or told and (anchor - when["date_high"]).days > RECENT_DAYS
    return {
        "mention_id": stable_id(article.article_id, sentence.start, sentence.end, hit.entry.type),
        "article_id": article.article_id,
        "source_file": article.source_file,
        "event_type": hit.entry.type,
        "event_mode": hit.entry.mode,
        "modality": modality,
        **when,
        "background": back,
        "actor1": actor1,
        "actor2": actor2,
        "location": place.name if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.place.latitude if place and place.place else None,
        "longitude": place.place.longitude if place and place.place else None,
        "trigger": sentence.text[hit.start : hit.end],
        "event_name": event_name(sentence.text, hit.start, hit.end),
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "claim_ids": None,
        "_pos": hit.start,
        "_dated": bool(sentence.times),
        **{
            f"{k}_{b}": None
            for k in ("participants", "detained", "killed")
            for b in ("low", "high")
        },
    }


def _link_quantities(mentions: list[dict], claims: list[dict]) -> None:
    """Attach participants, detained and killed claims to the event mention of their sentence."""
    by_sentence: dict[int, list[dict]] = {}  # the mentions of each sentence, by its start
    for m in mentions:
        by_sentence.setdefault(m["char_start"], []).append(m)
    starts = sorted(by_sentence)
    for claim in sorted(claims, key=lambda c: (c.get("char_start", 0), c.get("claim_id", ""))):
        link = QUANTITY_LINKS.get(claim.get("metric", ""))
        if link is None:
            continue
        etype, prefix = link
        pos = claim["char_start"]
        i = bisect_right(starts, pos)  # sentences do not overlap: only the last to start by pos
        target = next(
            (
                m
                for m in (by_sentence[starts[i - 1]] if i else ())
                if m["event_type"] == etype
                and pos < m["char_end"]
                and (etype != "COERCE" or m["event_mode"] == "arrest")
            ),
            None,
        )
        if target is None:
            continue
        low, high = claim.get("value_low"), claim.get("value_high")
        high = high if high is not None else low
        old_low, old_high = target[f"{prefix}_low"], target[f"{prefix}_high"]
        target[f"{prefix}_low"] = low if old_low is None else min(old_low, low)
        target[f"{prefix}_high"] = high if old_high is None else max(old_high, high)
        ids = [i for i in (target["claim_ids"] or "").split("|") if i]
        target["claim_ids"] = "|".join(sorted({*ids, claim["claim_id"]}))
