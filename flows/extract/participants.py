"""Who and where of an event mention: the actors before and after its trigger, the place its
sentence names, and the place the article is set in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flows.annotate import EntityIndex, EntityMention, PlaceMention, Sentence, country, lookup
from flows.annotate.gazetteer import is_capital
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun, is_plural
from flows.extract.occurrence import is_noun_trigger
from flows.extract.triggers import CLAUSE_BREAK, TriggerHit
from flows.extract.vocabulary import vocabulary

#: a dateline: a place in capitals (perhaps with its country: "ROMANS-SUR-ISÈRE, FRANCE")
#: before the agency in brackets or a dash.
_DATELINE = re.compile(
    r"\s*([A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,30}?)(?:,\s*([A-Z][A-Z .'’-]{1,30}?))?\s*"
    r"(?:\([A-Za-z][^)]{1,40}\)\s*)?[-–—]\s"
)
#: the article's country must be named this many times more often than the next one.
HOME_MARGIN = 1.5
#: street-level events that happen where the article is set when the sentence names no place.
LOCAL_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT"})
_ACTOR_TYPES = frozenset({"person", "organization", "group", "country"})
_NOT_ACTOR_ROLES = frozenset({"media", "civilians"})
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|got|get)\s+"
    r"(?:(?:\w+ly|also|then|later|not|never|since|just|once|first)\s+)*$"
)
_BY = re.compile(r"^\s*by\s+")
_PREP_BEFORE = re.compile(
    r"\b(?:of|against|with|to|for|from|on|by|about|over|at|into|toward|towards|than)\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?$"
)
#: "of" after a collective, a quantity or a head heads no prepositional phrase: "a group of
#: doctors demanded", "hundreds of students marched", "the head of the opposition urged" are
#: done by the doctors, the students and the opposition.
_COLLECTIVE_OF = re.compile(
    r"\b(?:groups?|team|delegation|coalition|association|body|crowd|number|hundreds|thousands"
    r"|dozens|scores|millions|tens|majority|some|many|most|all|several|members|representatives"
    r"|leaders?|heads?|chiefs?|spokes(?:man|woman|person)|alliance|union|federation|network)"
    r"\s+of\s+(?:the\s+)?$",
    re.I,
)
#: a word that is no part of a described subject ("a woman was murdered": the woman).
_NOT_AUX = r"(?!(?:was|were|is|are|be|been|being|has|have|had|who|which|that|did|does|do|not)\b)"
#: the subject a clause names without an entity, right before its verb: a name the lexicon
#: does not know ("H&M apologised", "In a statement, Unilever admitted") or a description ("the
#: retail chain won"), perhaps with an apposition ("Unilever, the consumer goods company, ...").
_UNNAMED_SUBJECT = re.compile(
    r"(?:^|[;:]\s*|,\s+|\b(?:and|but|that|as|after|when|while|because)\s+)"
    r"(?:(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][\w&'’.-]*){0,4})"
    rf"|(?:[Tt]he|[Aa]n?)\s+(?P<described>(?:{_NOT_AUX}[a-z][\w’'-]*\s+){{0,3}}{_NOT_AUX}[a-z][\w-]+)"
    r"|(?P<counted>(?i:(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+)?(?:\d[\d,]*|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|"
    rf"several))\s+(?:of\s+)?(?:{_NOT_AUX}[a-z][\w-]*\s+){{0,2}}{_NOT_AUX}[a-z][\w-]*))"
    r"(?:,\s+[^,]{2,80},|,)?"
    r"(?:\s+(?:(?:late|early)\s+)?on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"  # "on Tuesday"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+\([^()]{1,20}\))?)?"
    r"\s+(?:(?:has|have|had|was|were|is|are|been|being|also|later|then|reportedly|already|now"
    r"|since|formally|publicly)\s+)*$"
)
#: ordinals and numbers that count what a description is about, not who acted
_COUNTED_ONLY = frozenset(
    {"first", "second", "third", "last", "latest", "other", "two", "three", "four", "five",
     "six", "seven", "eight", "nine", "ten", "most", "least", "best", "worst"}
)  # fmt: skip
#: meetings and calls of people no entity names are private ("Julia spoke to the technician").
_NAMED_ONLY = frozenset({"CONSULT"})
#: words that open a clause but name no one.
_NOT_SUBJECT_WORDS = frozenset({
    "The", "A", "An", "It", "It’s", "It's", "This", "That", "These", "Those", "There", "Here",
    "He", "She", "They", "We", "I", "You", "But", "And", "Yet", "So", "Meanwhile", "However",
    "Also", "Then", "Now", "Still", "Instead", "Later", "Earlier", "Last", "Next", "On", "In",
    "At", "By", "For", "From", "After", "Before", "When", "While", "As", "If", "Since",
    "Although", "Though", "All", "One", "Others", "Some", "Many", "Most", "Both", "Each",
    "Several", "Few",
})  # fmt: skip
#: an aside between dashes ("the prime ministers of three Baltic republics – Latvia, Lithuania
#: and Estonia – expressed ..."): neither a clause break nor the subject.
_APPOSITION = re.compile(r"\s[–—]\s[^–—;]{1,80}?\s[–—]\s")
#: the kinds of event a name's possessive undergoes ("Floyd's killing") rather than does.
_DONE_TO = frozenset({"COERCE", "ASSAULT"})
_OWNS = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}")
_PRONOUN_BEFORE = re.compile(r"\b(he|she)\s+(?:\w+\s+){0,3}$", re.I)
#: "He" or "She" opening a sentence is the subject of the verbs it joins with "and" ("He added
#: ... and urged the public ...").
_SENTENCE_PRONOUN = re.compile(r"\W*(He|She)\s[^;:,]*\band\s+(?:\w+ly\s+)?$")
#: a relative clause about the name right before it, up to its verb: "(protesters), who (had)"
_WHO_BEFORE = re.compile(r",\s+who\s+(?:(?:had|have|has|then|later|also|\w+ly)\s+)*$")
#: a name that is not the head of its noun phrase: "(investors) in Australia"
_HEADED = re.compile(r"\b(?:in|of|at|from|for|with|on|by)\s+(?:the\s+)?$")
#: a trigger that is itself passive ("been charged on ...").
_PASSIVE_TRIGGER = re.compile(r"(?:was|were|been|being)\s+\w+(?:ed|en)\b", re.I)


def home_place(
    entities: list[EntityMention], places: Sequence[PlaceMention], text: str
) -> EntityMention | None:
    """Where an article is set: the one place of its dateline ("OSLO (REUTERS) -"), else the
    country named clearly most (HOME_MARGIN times the next; demonyms and cities count for their
    country), and in it the city named most; the country itself when none of its cities is
    named; None when either choice is a tie."""
    dateline = _dateline(text)
    if dateline is not None:
        return dateline
    votes: dict[str, int] = {}
    for e in entities:
        if e.country_code and e.type in ("place", "country"):
            votes[e.country_code] = votes.get(e.country_code, 0) + 1
    for pm in places:
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
    nation = next((e for e in entities if e.type == "country" and e.country_code == code), None)
    if counts and (len(counts) == 1 or counts[0][0] < counts[1][0]):
        city = cities[counts[0][1]][0]  # a city named once is the scene only as the capital
        capital = city.place is not None and is_capital(city.place)
        return city if counts[0][0] <= -2 or capital or nation is None else nation
    return None if counts else nation  # a tie between cities names no scene


def _dateline(text: str) -> EntityMention | None:
    """The place of the dateline that opens an article ("JOHOR BARU (THE STAR) -", "SEOUL -"),
    when the gazetteer knows it, else its country ("ROMANS-SUR-ISÈRE, FRANCE (AFP) -"); none for
    two places ("BEIJING/SEOUL")."""
    m = _DATELINE.match(text)
    place = lookup(m.group(1).title()) if m else None
    if place is None and m and m.group(2):  # a town the gazetteer does not know, in its country
        place = lookup(m.group(2).title())
    if place is None:
        return None
    kind = "country" if place.kind == "country" else "place"
    return EntityMention(
        m.start(1), m.end(1), m.group(1), f"dateline_{place.name}", place.name, kind,
        place.country_code, place.kind, place,
    )  # fmt: skip


def actors(
    sentence: Sentence, hit: TriggerHit, inside: list[EntityMention], index: EntityIndex
) -> tuple[str | None, str | None]:
    """Who acts and on whom: the nearest actor before the trigger and the first after it."""
    t0, t1 = sentence.start + hit.start, sentence.start + hit.end
    street = hit.entry.type in LOCAL_TYPES
    candidates = [
        e
        for e in inside
        if e.type in _ACTOR_TYPES
        and (e.role not in _NOT_ACTOR_ROLES or street and e.role == "civilians")
    ]
    text = sentence.text
    asides = [(m.start(), m.end()) for m in _APPOSITION.finditer(text, 0, hit.start)]
    before = [
        e
        for e in candidates
        if e.end <= t0
        and not _after_break(text, e.end - sentence.start, hit.start)
        and not any(a <= e.start - sentence.start < b for a, b in asides)
    ]
    subject = next(
        (e for e in reversed(before) if _heads_subject(text, e.start - sentence.start)), None
    )
    after = [e for e in candidates if e.start >= t1 and e.start - t1 < 80]
    after = [e for e in after if not _after_break(text, hit.end, e.start - sentence.start)]
    by = next((e for e in after if _BY.match(text[hit.end : e.start - sentence.start])), None)
    obj = next((e for e in after if e is not by), None)
    progressive = text[hit.start : hit.end].split()[0].lower().endswith("ing")  # "are appealing"
    passive = (
        by is not None
        or not progressive
        and _PASSIVE.search(text[: hit.start]) is not None
        or _PASSIVE_TRIGGER.match(text, hit.start) is not None
    )
    who = _WHO_BEFORE.search(text, 0, hit.start) if subject is None else None
    if who and not text[hit.start : hit.end].lower().startswith("die"):
        subject = next(  # "protesters, who clashed with police": the one the clause is about
            (
                e
                for e in candidates
                if e.end - sentence.start == who.start()
                and not _HEADED.search(text, 0, e.start - sentence.start)  # "investors in"
            ),
            None,
        )
    if subject is None:
        subject = _pronoun_subject(text, hit, sentence.start, index)
    named = subject.name if subject else None
    if named is None and not before and hit.entry.type not in _NAMED_ONLY:
        named = None if is_noun_trigger(text, hit) else _unnamed_subject(text[: hit.start])
    if passive or subject is not None and _suffered(text, subject.end - sentence.start, hit):
        return (by.name if by else None), named
    return named, (obj.name if obj else None)


def _suffered(text: str, end: int, hit: TriggerHit) -> bool:
    """Whether the name ending at `end` owns a noun of what was done to it ("Floyd's killing",
    "Navalny's arrest"): the one acted on, not the actor."""
    return (
        hit.entry.type in _DONE_TO
        and _OWNS.fullmatch(text, end, hit.start) is not None
        and is_noun_trigger(text, hit)
    )


def _unnamed_subject(before: str) -> str | None:
    """The subject right before a verb trigger that no entity names (`_UNNAMED_SUBJECT`)."""
    m = _UNNAMED_SUBJECT.search(before, max(0, len(before) - 160))
    if m is None:
        return None
    if m.group("counted"):  # "Three men were charged": a count of people, not of things
        head = m.group("counted").split()[-1].lower()
        people = is_plural(head) and vocabulary().subjects.fullmatch(head) or is_people_noun(head)
        return m.group("counted") if people else None
    if m.group("described"):
        words = m.group("described").split()
        if FUNCTION_WORDS.intersection(words) or _COUNTED_ONLY.intersection(words):
            return None  # "the first (stabbing)", "the other nine (murders)": no one
        return m.group("described")
    first = re.sub(r"['’]s$", "", m.group("name").split()[0])
    return None if first in _NOT_SUBJECT_WORDS else m.group("name")


def _heads_subject(text: str, start: int) -> bool:
    """Whether the entity at `start` may be a subject: no preposition before it, or only the
    "of" of a collective ("a group of doctors")."""
    head = text[:start]
    return not _PREP_BEFORE.search(head) or _COLLECTIVE_OF.search(head) is not None


def _after_break(text: str, start: int, end: int) -> bool:
    """Whether a clause ends between `start` and `end`; an aside between dashes does not end one."""
    return start < end and CLAUSE_BREAK.search(_APPOSITION.sub(" ", text[start:end])) is not None


def _pronoun_subject(
    text: str, hit: TriggerHit, offset: int, index: EntityIndex
) -> EntityMention | None:
    """ "she urged ..." -> the last person named before the sentence."""
    m = _PRONOUN_BEFORE.search(text[max(0, hit.start - 40) : hit.start])
    m = m or _SENTENCE_PRONOUN.match(text[: hit.start])
    return index.last_person(m.group(1).lower(), offset + hit.start) if m else None


@dataclass(frozen=True)
class Located:
    """Where an event happened: a name, its country and its gazetteer entry when it has one."""

    name: str
    country_code: str | None
    place: object | None


#: a city that acts is its government ("Beijing imposed", "Moscow said"), not a place.
_ACTS = re.compile(r"\s+(?:has|have|had|is|was|will|would|said|says|\w+ed)\b")
_LOC_PREP = re.compile(
    r"(?:\b(?:in|at|near|outside|across|around|through|throughout|inside|within|into)"
    r"(?: the)?(?: streets of| centre of| center of| city of| (?:\w+ )?capital)?"
    r"|capital|streets)\s+$",
    re.I,
)


def location(sentence: Sentence, inside: list[EntityMention]) -> Located | None:
    """A city or region named in the sentence (after "in", "at" and the like, else one that is
    not the subject of a verb: "Beijing imposed" names its government), else a country after
    "in"/"across"; neither a dateline's city nor a region of no one country ("Europe")."""
    text = sentence.text
    cities = [
        e
        for e in inside
        if e.type == "place"
        and e.country_code is not None
        and not e.alias.isupper()  # a dateline ("SEOUL (Reuters) -") says where it was written
        and not text[e.end - sentence.start :].startswith(("’s", "'s"))
    ]
    if _listed(text, sentence.start, cities):  # "in five counties - Fresno, Madera, ..."
        nation = country(cities[0].country_code)
        if nation is not None:
            return Located(nation.name, nation.country_code, nation)
    if cities:
        e = next(
            (c for c in cities if _LOC_PREP.search(text[: c.start - sentence.start])),
            next((c for c in cities if not _ACTS.match(text[c.end - sentence.start :])), None),
        )
        if e is not None:
            return Located(e.name, e.country_code, e.place)
    if (seat := _SEAT.search(text)) and (city := lookup(_SEATS[seat.group(1)])):
        return Located(city.name, city.country_code, city)
    for e in inside:
        if e.type == "country" and _LOC_PREP.search(sentence.text[: e.start - sentence.start]):
            return Located(e.name, e.country_code, e.place)
    return None


#: this many places of one country one after another are a list: the event is in the country
_LIST = 3
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|,\s+and|,\s+or)\s*")


def _listed(text: str, offset: int, places: list[EntityMention]) -> bool:
    """Whether `_LIST` places of one country follow one another in a list ("Fresno, Madera and
    Mariposa"), not merely in one sentence ("in Palermo on the island of Sicily")."""
    if len({p.country_code for p in places}) != 1:
        return False
    run = 1
    for a, b in zip(places, places[1:], strict=False):
        run = run + 1 if _LIST_JOIN.fullmatch(text, a.end - offset, b.start - offset) else 1
        if run >= _LIST:
            return True
    return False


#: the seats of power that place what happens in them: "in remarks at the White House"
_SEATS = {
    "White House": "Washington", "Oval Office": "Washington", "Capitol Hill": "Washington",
    "Kremlin": "Moscow", "Downing Street": "London", "Elysee": "Paris", "Élysée": "Paris",
    "Zhongnanhai": "Beijing", "Blue House": "Seoul",
}  # fmt: skip
_SEAT = re.compile(r"\b(?:at|in|inside|outside|on|from)\s+(?:the\s+)?(" + "|".join(_SEATS) + r")\b")
