"""Event mentions: PLOVER type and mode, modality, actors, place and date of each reported event.

A keyword index (word beginnings listed with each trigger) finds candidate sentences and the
triggers worth trying there; only those patterns run. Dates come from flows.annotate.temporal, resolved
as `flows.ingest.pubdate` says, as the statistics' are: against the publication date, else the latest
date the article reports. When a sentence has no date for its event, `event_date` is that
article date with `date_precision` "week" and `date_source` "publication" (the event was
reported that week, not necessarily on that day); with no article date at all it is null with precision "unknown" and `date_source` "none". An event the text dates to a day
after publication has not happened: an "asserted" one becomes "planned".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from flows.annotate import (
    EntityIndex,
    EntityMention,
    Sentence,
    TimeExpression,
    dating_expression,
    find_entities,
    find_places,
    find_time_expressions,
    resolution_anchor,
    time_expressions,
)
from flows.extract.quotes import char_before, extract_quotes
from flows.extract.statistics import sentences_of
from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation
from flows.model import Article, stable_id

#: metric of a statistics claim -> (event type, mention column prefix) it sizes.
QUANTITY_LINKS = {
    "participants": ("PROTEST", "participants"),
    "detained": ("COERCE", "detained"),
    "killed": ("ASSAULT", "killed"),
}
#: the article's country must be named this many times more often than the next one.
HOME_MARGIN = 1.5
#: street-level events that happen where the article is set when the sentence names no place.
LOCAL_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT"})
_ACTOR_TYPES = frozenset({"person", "organization", "group", "country"})
_NOT_ACTOR_ROLES = frozenset({"media", "civilians"})
_WORD = re.compile(r"[a-z]+")
_EVENT_NAME = re.compile(
    r"(?:(?!(?:In|On|Since|Until|By|From|Last|Next|Early|Late|Mid|This|That|Each|Every|Since)\b)"
    r"[A-Z][a-z]+ )*(?:March|Rally|Strike|Summit|Protest|Parade|Walk|Chain|Revolution|Uprising)"
    r"(?: (?:of|for|to|against|in) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)*)*"
)
#: an expression this close to the trigger ("died on Monday") dates it whatever else is said.
ADJACENT = 4
#: a noun trigger takes a date only from this many characters away (or a "took place" verb).
NOUN_DATE_REACH = 30
_ATTRIBUTIVE_DATE = re.compile(
    r"^[’']?s?\s*(?:\w+\s+){0,2}(?:presidential\s+|parliamentary\s+|general\s+)?"
    r"(?:elections?|votes?|polls?|ballots?|re-?elections?|referendums?)\b",
    re.I,
)
_HAPPENED = re.compile(
    r"\b(?:took place|(?:was|were) held|began|begun|started|erupted|broke out|went ahead|came"
    r"|(?:was|were) staged|continued|ended|kicked off)\b",
    re.I,
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|of|new|mass|recent|further"
    r"|brutal|violent|bloody|post-election|largest|huge|massive|\w+['’]s?)\s+(?:[\w-]+\s+)?$",
    re.I,
)
_NOUN_TRIGGERS = frozenset(
    {"torture", "violence", "brutality", "sanctions", "summit", "talks", "meeting", "visit",
     "assistance", "aid", "support", "crackdown", "clampdown", "allegations", "concern"}
)  # fmt: skip
_DATE_BREAK = re.compile(
    r";|\bwhile\b|\bwhereas\b|, (?:which|who|whose|where)\b|\bsince\b|\bafter\b|\bbefore\b"
    r"|\bfollowing\b",
    re.I,
)
_OWN_PREPOSITION = re.compile(r"\b(?:since|after|before|following|until)\s*$", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that|since|after|when|where|while|whose)\b", re.I)
_CONCURRENT_BEFORE = re.compile(
    r"\b(?:amid|during)\s+(?!(?:\w+\s+)*?(?:recent|previous|earlier|last)\b)(?:\w+\s+){0,2}$", re.I
)
_IRREGULAR_PAST = frozenset(
    {"met", "held", "took", "went", "gave", "broke", "began", "sought", "fled", "shot", "hit",
     "withdrew", "struck", "spoke", "sent", "cut", "led", "put", "made", "won", "told", "said",
     "threw", "beat", "seized", "drove", "ran", "fought", "stood", "came", "flew", "rose", "fell"}
)  # fmt: skip
_CLAUSE_BREAK = re.compile(r";|—|–|\bbut\b|\bwhile\b|\bwhereas\b|, (?:which|who|where|after|as)\b")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\s+(?:\w+ly\s+)?$")
_BY = re.compile(r"^\s*by\s+")
_PREP_BEFORE = re.compile(
    r"\b(?:of|against|with|to|for|from|on|by|about|over|at|into|toward|towards|than)\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?$"
)
_PRONOUN_BEFORE = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,3}$", re.I)


class TriggerEntry(LexiconEntry):
    """One event_triggers.json entry: a PLOVER type and mode with its trigger patterns."""

    id: str
    type: str
    mode: str | None = None
    patterns: list[str]
    keywords: list[str]
    context: str | None = None
    exclude: str | None = None
    cased: bool = False
    requires: str | None = None


class ModalityEntry(LexiconEntry):
    """One event_modality.json entry: a cue before or after the trigger."""

    modality: str
    side: str
    pattern: str
    for_types: list[str] | None = None


@dataclass(frozen=True)
class _Trigger:
    entry: TriggerEntry
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    exclude: re.Pattern[str] | None


@dataclass(frozen=True)
class _Rules:
    triggers: tuple[_Trigger, ...]
    by_keyword: dict[str, tuple[int, ...]]
    keyword_lengths: tuple[int, ...]
    keyword_words: re.Pattern[str]
    modality: tuple[tuple[ModalityEntry, re.Pattern[str]], ...]


@dataclass(frozen=True)
class ArticleEvents:
    """What one article yields: event mentions, quotes and entity mentions (rows as dicts)."""

    mentions: list[dict]
    quotes: list[dict]
    entity_mentions: list[dict]


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in a sentence: its lexicon entry and [start, end) in the sentence."""

    entry: TriggerEntry
    start: int
    end: int


@cache
def rules() -> _Rules:
    """Compiled trigger and modality rules (built once per process)."""
    triggers = []
    for e in load_lexicon("event_triggers", TriggerEntry).entries:
        flags = 0 if e.cased else re.I
        alt = "|".join(f"(?:{p})" for p in e.patterns)
        triggers.append(
            _Trigger(
                e,
                re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags),
                re.compile(e.context, re.I) if e.context else None,
                re.compile(e.exclude, re.I) if e.exclude else None,
            )
        )
    by_keyword: dict[str, list[int]] = {}
    for i, t in enumerate(triggers):
        for k in t.entry.keywords:
            by_keyword.setdefault(k.lower(), []).append(i)
    modality = tuple(
        (m, re.compile(m.pattern, re.I))
        for m in load_lexicon("event_modality", ModalityEntry).entries
    )
    lengths = tuple(sorted({len(k) for k in by_keyword}))
    index = {k: tuple(v) for k, v in by_keyword.items()}
    # The words (runs of a-z) of a lowercased sentence that begin with a keyword.
    letters = trie_alternation(k for k in index if _WORD.fullmatch(k))
    keyword_words = re.compile(rf"(?<![a-z]){letters}[a-z]*")
    return _Rules(tuple(triggers), index, lengths, keyword_words, modality)


def candidate_triggers(sentence: str) -> list[int]:
    """Indexes of the trigger entries whose keywords begin a word of the sentence (cheap)."""
    words = set(rules().keyword_words.findall(sentence.lower()))
    return sorted(set().union(*map(_word_triggers, words)))


@lru_cache(maxsize=200_000)
def _word_triggers(word: str) -> tuple[int, ...]:
    r = rules()
    hits: set[int] = set()
    for n in r.keyword_lengths:
        if n > len(word):
            break
        hits.update(r.by_keyword.get(word[:n], ()))
    return tuple(sorted(hits))


def find_triggers(sentence: str, only: list[int] | None = None) -> list[TriggerHit]:
    """Every trigger in a sentence, exclusions and context applied, sorted by position."""
    hits: list[TriggerHit] = []
    triggers = rules().triggers
    for i in candidate_triggers(sentence) if only is None else only:
        t = triggers[i]
        for m in t.pattern.finditer(sentence):
            if t.context and not t.context.search(sentence):
                break
            if m.group() == "March" and _event_name(sentence, m.start(), m.end()) is None:
                continue  # the month, unless a named march ("March for Freedom", "Peace March")
            if not (t.exclude and _excluded(t.exclude, sentence, m.start(), m.end())):
                hits.append(TriggerHit(t.entry, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -h.end, h.entry.type))
    return _drop_descriptive(sentence, hits)


def _excluded(exclude: re.Pattern[str], sentence: str, start: int, end: int) -> bool:
    """True when an exclude match overlaps the trigger (looking 40 characters either side)."""
    lo = max(0, start - 40)
    for m in exclude.finditer(sentence[lo : end + 40]):
        if m.start() + lo < end and m.end() + lo > start:
            return True
    return False


def _drop_descriptive(sentence: str, hits: list[TriggerHit]) -> list[TriggerHit]:
    """Drop a demand or condemnation that only describes a protest ("protesters ... demanding")."""
    if not any(h.entry.type == "PROTEST" for h in hits):
        return hits
    return [
        h
        for h in hits
        if not (
            h.entry.type in ("REQUEST", "ACCUSE")
            and re.match(r"\w+ing\b", sentence[h.start : h.end + 1])
        )
    ]


def modality_of(sentence: str, hit: TriggerHit) -> str:
    """asserted, planned, threatened, hypothetical or negated, from cues around the trigger."""
    left = sentence[max(0, hit.start - 90) : hit.start]
    cut = list(_CLAUSE_BREAK.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    right = sentence[hit.end : hit.end + 60]
    for entry, pattern in rules().modality:
        if entry.for_types and hit.entry.type not in entry.for_types:
            continue
        if pattern.search(left if entry.side == "before" else right):
            return entry.modality
    return "asserted"


def extract_article_events(article: Article, claims: list[dict]) -> ArticleEvents:
    """Event mentions, quotes and entity mentions of one article; claims size the events."""
    text = article.text
    entities = find_entities(text)
    index = EntityIndex(entities)
    mentions: list[dict] = []
    quoted = _quoted_spans(text)
    home = _home_place(entities, text)
    previous: list[dict] = []
    for sentence in sentences_of(text):
        only = candidate_triggers(sentence.text)
        if not only or _not_reporting(sentence.text):
            previous = []
            continue
        by_type: dict[str, list[dict]] = {}
        inside = index.within(sentence.start, sentence.end)
        for hit in find_triggers(sentence.text, only):
            if not _in_spans(quoted, sentence.start + hit.start):
                m = _mention(article, sentence, hit, inside, index, home)
                if _has_participants(m, hit.entry):
                    by_type.setdefault(hit.entry.type, []).append(m)
        found = [
            min(ms, key=lambda m: (m["date_source"] != "text", m["_pos"]))
            for ms in by_type.values()
        ]
        _inherit_date(found, previous, sentence, index, article.published_date)
        mentions += found
        previous = found
    _link_quantities(mentions, claims)
    for m in mentions:
        del m["_pos"]
    return ArticleEvents(
        mentions=mentions,
        quotes=extract_quotes(article, entities),
        entity_mentions=[e.as_row() for e in entities],
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


def _inherit_date(
    found: list[dict],
    previous: list[dict],
    sentence: Sentence,
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
    if find_time_expressions(sentence.text, None):
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
        if m["date_source"] == "publication" and not (
            m["modality"] == "asserted" and _after_publication(dated[0], published)
        ):
            m.update(
                event_date=dated[0]["event_date"],
                date_precision="day",
                date_text=dated[0]["date_text"],
                date_source="context",
            )


def _home_place(entities: list[EntityMention], text: str) -> EntityMention | None:
    """Where an article is set: the country named clearly most (HOME_MARGIN times the next;
    demonyms and cities count for their country), and in it the city named most; the country
    itself when none of its cities is named; None when either choice is a tie."""
    votes: dict[str, int] = {}
    for e in entities:
        if e.country_code and e.type in ("place", "country"):
            votes[e.country_code] = votes.get(e.country_code, 0) + 1
    for pm in find_places(text):
        if pm.demonym and pm.place.country_code:
            votes[pm.place.country_code] = votes.get(pm.place.country_code, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] < HOME_MARGIN * ranked[1][1]):
        return None
    code = ranked[0][0]
    cities: dict[str, list[EntityMention]] = {}
    for e in entities:
        if e.type == "place" and e.role == "city" and e.country_code == code:
            cities.setdefault(e.name, []).append(e)
    counts = sorted((-len(v), n) for n, v in cities.items())
    if counts and (len(counts) == 1 or counts[0][0] < counts[1][0]):
        return cities[counts[0][1]][0]
    if counts:
        return None
    return next((e for e in entities if e.type == "country" and e.country_code == code), None)


def _not_reporting(sentence: str) -> bool:
    """Headings, questions and title-case lines: no event is reported there."""
    words = sentence.split()
    if len(words) < 5 or sentence.rstrip().endswith(("?", ":")):
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= 0.7 * len(words) and not sentence.rstrip().endswith(".")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of direct speech: quotes of four words or more that open a sentence or follow a
    colon or comma. Scare quotes, names and quoted phrases inside a reported sentence
    ("the ministers “expressed their deep concern ...”") stay searchable."""
    spans = []
    for m in re.finditer(r"“[^“”]*”|\"[^\"\n]*\"", text):
        opens = char_before(text, m.start()) in ("", *"\n.:,?!—–-")
        if opens and len(m.group().split()) >= 4:
            spans.append((m.start(), m.end()))
    return spans


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of the spans (sorted, not overlapping)."""
    i = bisect_right(spans, (pos, float("inf")))
    return i > 0 and pos < spans[i - 1][1]


def _mention(
    article: Article,
    sentence: Sentence,
    hit: TriggerHit,
    inside: list[EntityMention],
    index: EntityIndex,
    home: EntityMention | None,
) -> dict:
    """The event mention row of a trigger; `inside` are the entities within its sentence."""
    modality = modality_of(sentence.text, hit)
    actor1, actor2 = _actors(sentence, hit, inside, index)
    place = _location(sentence, inside)
    if place is None and home is not None and hit.entry.type in LOCAL_TYPES:
        place = _Located(home.name, home.country_code, home.place)
    when = _date(sentence.text, hit, article, modality)
    if modality == "asserted" and _after_publication(when, article.published_date):
        modality = "planned"
    return {
        "mention_id": stable_id(article.article_id, sentence.start, sentence.end, hit.entry.type),
        "article_id": article.article_id,
        "source_file": article.source_file,
        "event_type": hit.entry.type,
        "event_mode": hit.entry.mode,
        "modality": modality,
        **when,
        "actor1": actor1,
        "actor2": actor2,
        "location": place.name if place else None,
        "country_code": place.country_code if place else None,
        "latitude": place.place.latitude if place and place.place else None,
        "longitude": place.place.longitude if place and place.place else None,
        "trigger": sentence.text[hit.start : hit.end],
        "event_name": _event_name(sentence.text, hit.start, hit.end),
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "claim_ids": None,
        "_pos": hit.start,
        **{
            f"{k}_{b}": None
            for k in ("participants", "detained", "killed")
            for b in ("low", "high")
        },
    }


def _event_name(text: str, start: int, end: int) -> str | None:
    """A proper name of the event at [start, end) ("March for Freedom", "Sparkly March")."""
    for m in _EVENT_NAME.finditer(text):
        if m.start() <= start < m.end() or m.start() < end <= m.end():
            name = m.group()
            if " " in name and not re.match(r"(?:March|Summit) \d", name):
                return name
    return None


def _after_publication(when: dict, published: date | None) -> bool:
    """Whether the event's date (a day, or the start of its week, month or year) is after
    publication, so it has not happened yet."""
    return (
        published is not None and when["event_date"] is not None and when["event_date"] > published
    )


def _date(text: str, hit: TriggerHit, article: Article, modality: str) -> dict:
    """event_date, date_precision, date_text and date_source of a trigger."""
    found = _dating_expression(text, hit, article)
    anchor = resolution_anchor(article)
    if found is None or found.value is None:
        reported = anchor
        return {
            "event_date": reported,
            "date_precision": "week" if reported else "unknown",
            "date_text": None,
            "date_source": "publication" if reported else "none",
        }
    value = found.value
    if modality == "planned" and anchor and value < anchor and found.kind == "weekday":
        value = value + timedelta(days=7)
    return {
        "event_date": value,
        "date_precision": found.precision,
        "date_text": found.text,
        "date_source": "text",
    }


def _dating_expression(text: str, hit: TriggerHit, article: Article) -> TimeExpression | None:
    """The time expression that dates this trigger, or None.

    Expressions that name another thing ("the August 9 election", "Sunday's march" for any
    trigger but the march) are blanked out first. A noun trigger ("a crackdown", "the
    protests") takes a date only from nearby words or when the sentence says the event took
    place then: otherwise the date belongs to the sentence's verb, not to the noun.
    """
    masked = text
    exprs = time_expressions(article, text)
    for e in exprs:
        if e.value is not None and (
            0 <= e.start - hit.end <= ADJACENT or 0 <= hit.start - e.end <= ADJACENT
        ):
            return e
    for e in exprs:
        after = text[e.end : e.end + 60]
        possessive = after.startswith(("’s", "'s")) and not (0 <= hit.start - e.end <= 25)
        if possessive or _ATTRIBUTIVE_DATE.match(after):
            masked = masked[: e.start] + " " * (e.end - e.start) + masked[e.end :]
    found = dating_expression(article, masked, hit.start, hit.end)
    if found is None or found.value is None:
        return None
    found = TimeExpression(
        found.start,
        found.end,
        text[found.start : found.end],
        found.value,
        found.precision,
        found.kind,
    )
    lo, hi = (found.end, hit.start) if found.end <= hit.start else (hit.end, found.start)
    between = text[lo:hi]
    if found.start >= hit.end:
        between = _OWN_PREPOSITION.sub("", between)
    if _DATE_BREAK.search(between):
        return None
    if not _is_noun_trigger(text, hit) or hi - lo <= NOUN_DATE_REACH:
        return found
    if _CONCURRENT_BEFORE.search(text[: hit.start]):
        return found
    happened = _HAPPENED.search(between)
    if happened and not _RELATIVE.search(between[: happened.start()]):
        return found
    return None


def _is_noun_trigger(text: str, hit: TriggerHit) -> bool:
    """A trigger that names an event ("a crackdown", "the protests") rather than tells it."""
    words = text[hit.start : hit.end].lower().split()
    word = words[-1]
    if hit.entry.id == "reject_recognition" or any(
        w.endswith(("ed", "ing")) or w in _IRREGULAR_PAST for w in words[:2]
    ):
        return False
    return (
        bool(_DETERMINER_BEFORE.search(text[: hit.start]))
        or word.endswith(
            ("tion", "tions", "ure", "ence", "ests", "ies", "ches", "ikes", "ions", "down", "downs")
        )
        or word in _NOUN_TRIGGERS
    )


def _actors(
    sentence: Sentence, hit: TriggerHit, inside: list[EntityMention], index: EntityIndex
) -> tuple[str | None, str | None]:
    """Who acts and on whom: the nearest actor before the trigger and the first after it."""
    t0, t1 = sentence.start + hit.start, sentence.start + hit.end
    street = hit.entry.type in LOCAL_TYPES
    actors = [
        e
        for e in inside
        if e.type in _ACTOR_TYPES
        and (e.role not in _NOT_ACTOR_ROLES or street and e.role == "civilians")
    ]
    text = sentence.text
    before = [
        e
        for e in actors
        if e.end <= t0 and not _after_break(text, e.end - sentence.start, hit.start)
    ]
    subject = next(
        (e for e in reversed(before) if not _PREP_BEFORE.search(text[: e.start - sentence.start])),
        None,
    )
    after = [e for e in actors if e.start >= t1 and e.start - t1 < 80]
    after = [e for e in after if not _after_break(text, hit.end, e.start - sentence.start)]
    by = next((e for e in after if _BY.match(text[hit.end : e.start - sentence.start])), None)
    obj = next((e for e in after if e is not by), None)
    passive = by is not None or _PASSIVE.search(text[: hit.start]) is not None
    if subject is None:
        subject = _pronoun_subject(text, hit, sentence.start, index)
    if passive:
        return (by.name if by else None), (subject.name if subject else None)
    return (subject.name if subject else None), (obj.name if obj else None)


def _after_break(text: str, start: int, end: int) -> bool:
    return start < end and _CLAUSE_BREAK.search(text[start:end]) is not None


def _pronoun_subject(
    text: str, hit: TriggerHit, offset: int, index: EntityIndex
) -> EntityMention | None:
    """ "she urged ..." -> the last person named before the sentence."""
    m = _PRONOUN_BEFORE.search(text[max(0, hit.start - 40) : hit.start])
    return index.last_person(m.group(1).lower(), offset + hit.start) if m else None


@dataclass(frozen=True)
class _Located:
    name: str
    country_code: str | None
    place: object | None


_LOC_PREP = re.compile(
    r"(?:\b(?:in|at|near|outside|across|around|through|throughout|inside|within|into)"
    r"(?: the)?(?: streets of| centre of| center of| city of| (?:\w+ )?capital)?"
    r"|capital|streets)\s+$",
    re.I,
)


_ACTOR_PREP = re.compile(
    r"\b(?:on|against|with|to|by|for|and|between|toward|towards|from|of)\s+$", re.I
)


def _location(sentence: Sentence, inside: list[EntityMention]) -> _Located | None:
    """A city or region named in the sentence, else a country after "in"/"across" and the like."""
    cities = [
        e
        for e in inside
        if e.type == "place"
        and not sentence.text[e.end - sentence.start :].startswith(("’s", "'s"))
    ]
    if cities:
        e = next(
            (c for c in cities if _LOC_PREP.search(sentence.text[: c.start - sentence.start])),
            cities[0],
        )
        return _Located(e.name, e.country_code, e.place)
    for e in inside:
        if e.type == "country" and _LOC_PREP.search(sentence.text[: e.start - sentence.start]):
            return _Located(e.name, e.country_code, e.place)
    return None


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
