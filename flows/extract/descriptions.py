"""What the sentence says of a counted noun right after it, so that a measure reads alone:
"people who have died from the virus", "deaths tied to Covid-19", "people killed in the
blast" (the auxiliary of a passive dropped), "cases in New York City"; the owner a
capitalised possessive names before the amount ("Virgin Atlantic's £1.2bn rescue plan"); a
share of a group as a share ("40% of voters"); and the one place the sentence names.
A time ("reported on Wednesday") says when, which `as_of_date` holds, not what.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.annotate import Quantity
from flows.annotate.gazetteer import PlaceMention, lookup
from flows.extract.changes import CHANGE_NOUNS
from flows.extract.deeds import done_to
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun, predicate_at
from flows.extract.phrases import FINITE, TIME, end_of, phrase

#: how far past the amount a counted noun may end
_REACH = 40

_RELATIVE = re.compile(r"\s+(who|that)\s+(?!(?:is|was|are|were|has|had|have)\s*[,.]|\d)")
_PASSIVE = re.compile(r"\s+(?:(?:have|has|had)\s+been|were|was|are|is|being)(?=\s+[a-z]+ed\s)")
_PARTICIPLE = re.compile(
    r"\s+((?:(?!(?:compared|based|followed|adjusted|expected|estimated|needed|required|"
    r"scheduled|planned|used|owned|aged|need|speed|feed)\s)[a-z]{2,}ed|held|built|sent|paid|"
    r"spent|lost|sold|caught|left|found|brought|kept|hit|struck|shot|taken|given|seen|known|"
    r"driven|stolen|born|drawn|thrown|flown|written|done|made)"
    r"(?:\s+(?:home|back|away|abroad|overseas))?)"  # "doctors sent home from medical missions"
    r"\s+(to|with|in|by|from|at|on|for|over|after|during|under|across|through|into|against|"
    r"as|off|out\s+of|due\s+to)\s+"
)
_PLACE = re.compile(r"\s+(in|across|from|outside|beyond)\s+(?=(?:the\s+)?[A-Z])")
_RIGHT_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:of\s+(?:(?:the|our|your|my|their|its|his|her)\s+)?)?"
)
_OWNER = re.compile(
    r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s\s+(?:(?:estimated|total|annual|own|entire|"
    r"current|latest|reported|roughly|about|some|nearly|almost|around)\s+)?$"
)
#: the owner of what an amount counts, as the subject of a verb of having right before it:
#: "The union has 290,000 members", "the church, which has over 4,000 members"
_HAS = re.compile(
    r"(?<![\w-])((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*|[Tt]he\s+[a-z]+)"
    r"(?:,\s+(?:which|who)\s+|\s+)(?:(?:now|also|still|already)\s+)?"
    r"(?:has|have|had|owns|owned|operates|operated|runs)\s+$"
)
#: subjects that own no measure: pronouns, sentence openers and places ("the country has")
_NOT_AN_OWNER = frozenset({"It", "That", "This", "There", "Here", "What", "Who", "Let"})
_NOT_AN_OWNER_OF = _NOT_AN_OWNER | frozenset(
    {"He", "She", "They", "We", "I", "You", "Which", "The", "It's", "Each", "Every", "All",
     "Some", "Many", "Most"}
)  # fmt: skip
_NOT_A_HEAD = frozenset(
    {"first", "second", "third", "last", "other", "former", "latter", "same", "rest", "next",
     "new", "one", "two", "three", "four", "five"}
)  # fmt: skip
#: the kinds of place a measure may say instead of the place's name ("in the state")
_KINDS_OF_PLACE = frozenset(
    {"country", "state", "city", "nation", "region", "province", "island", "territory",
     "world", "area"}
)  # fmt: skip
_PLACE_NOUNS = _KINDS_OF_PLACE | {"county", "town", "district", "capital"}
#: a tail that describes the noun before it, whatever verb follows ("patients in critical
#: condition (has surged to)"), unlike one that says what the amount did ("claims that (have
#: topped)", "sales plunged by a record (8.7%)")
_OF_THE_NOUN = re.compile(r"(?:in|with|on|under|among|without|across|at|from|outside)\s")
_VERB_NEXT = re.compile(
    r"\s+(?:has|have|had|is|are|was|were|stood|stands|rose|climbed|reached|remained|remains|hit"
    r"|fell|dropped|jumped|surged)\b"
)
#: a place said by its kind at the end of a measure: "(new cases) in the state", "in the
#: South-east Asian (nation)", which the place's name replaces
_KIND_OF_PLACE = re.compile(
    rf"\s+(?:in|across|throughout)\s+the\s+(?:[\w-]+\s+){{0,3}}?(?:{'|'.join(sorted(_KINDS_OF_PLACE))}"
    r"|[A-Z][\w-]*(?:an|ese|ish))$"
)
_UP_TO_AMOUNT = re.compile(r"(?:\s+[a-z]+){0,3}\s*")
_SPEECH = re.compile(r"(?:say|says|said|saying|told|tell)\b")
_OWN_VERB = re.compile(r"(?:(?:has|have|had|is|are|was|were|been|be|being|not|also|still)\s+)*\S+")
_AMOUNT_NEXT = re.compile(r"\s+(?:[a-z]+\s+){0,2}\d")
_ELSEWHERE = re.compile(
    r"\b(?:worldwide|globally|global|world|international|abroad|overseas)\b", re.I
)
#: the words that say a figure is the world's: "registered globally", "around the world"
_WORLDWIDE = re.compile(
    r"\b(?:worldwide|globally|(?:around|across)\s+the\s+(?:world|globe))\b", re.I
)
_PEOPLE_NOUNS = frozenset({"people", "children", "men", "women", "persons", "adults"})
#: nouns of a change or a part, which say of what only with the phrase after them
_CHANGE_NOUNS = CHANGE_NOUNS | {"cuts", "loss", "discount", "premium", "stake", "boost", "slide"}
_CHANGE_OF = re.compile(r"\s+(to|in|on|from|of|for|across)\s+")
_NEXT_WORD = re.compile(r"\s*([\w’'-]+)")
_SHARE_AFTER = re.compile(
    r"\s+of\s+(?!the\s+total\b)(?:(?:the|all|their|its|our|his|her)\s+)?", re.IGNORECASE
)
_SHARE_OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+)?(?:total\s+)?number\b", re.IGNORECASE)
_NUMBER_OF = re.compile(r"^(?:the\s+)?(?:total\s+)?number\s+(?:of\s+)?", re.IGNORECASE)
#: a capitalised owner right before a measure that stands before its amount ("Spain's")
_OWNED = re.compile(
    r"(?<![\w-])([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+((?:[\w-]+\s+){0,2}?)$"
)
_FEW = frozenset({"several", "few", "many", "couple", "some", "recent", "first", "final"})
_NOT_IN_MEASURE = r"(?!(?:the|a|an|by|in|at|on|to|for|from|with|out)\b)[A-Za-z][\w'’-]*"
#: a measure that is only its counted noun phrase, which a verb before the amount may describe
_BARE = re.compile(rf"{_NOT_IN_MEASURE}(?:\s+{_NOT_IN_MEASURE})*")


def described(s: str, q: Quantity, measure: str | None) -> str | None:
    """`measure` read on with what the sentence says of its noun right after the amount `q`, and
    with the owner before the amount (capitalised, or one that has it: `_owner_having`);
    unchanged when it stands elsewhere."""
    if not measure or says_when(measure):
        return None  # "(25 per cent) several weeks (ago)", "(by 20%) last week": a time
    if (
        (bare := _NUMBER_OF.sub("", measure))
        and bare != measure
        and s.find(bare) != -1
        and not _SHARE_OF_NUMBER.match(s, q.end)  # "1% of the total number of students"
    ):
        measure = bare  # "(the) number (of) deaths (has doubled)": the deaths
    at = s.find(measure, q.end, q.end + _REACH + len(measure))
    after = _SHARE_AFTER.match(s, q.end) if at == -1 and q.unit == "percent" else None
    if after and s.startswith(measure.split()[0], after.end()):
        return f"share of {measure}"  # "27 per cent of Indian women (were) married"
    if at == -1:  # "the number of people who have died from the virus, 10"
        at = s.rfind(measure, max(0, q.start - 120), q.start)
        owned = _OWNED.search(s, max(0, at - 80), at) if at > 0 else None
        if (
            owned
            and owned.group(1).split()[0] not in _NOT_AN_OWNER
            and not TIME.fullmatch(owned.group(1).split()[-1])  # not "Monday's 48 new cases"
            and not any(
                w.lower() in FUNCTION_WORDS or w[0].isdigit() for w in owned.group(2).split()
            )
        ):  # "Spain's coronavirus (death toll) rose"
            owner = re.sub(r"^The\s", "the ", owned.group(1))
            measure = f"{owner}'s {owned.group(2)}{measure}"
            at = owned.start(1)
        tail = description(s[: q.start], at + len(measure)) if at != -1 else None
        gap = s.find(tail, at) + len(tail) if tail else -1
        if (
            tail is None
            or _UP_TO_AMOUNT.fullmatch(s, gap, q.start)
            and not _OF_THE_NOUN.match(tail)
            and not _VERB_NEXT.match(s, gap)
        ):
            # "claims that have topped (one million)" says what the amount did; "a discount of
            # 54 per cent from the last traded price" what a change is of, after the amount
            of = _change_of(s, q.end) if measure.lower() in _CHANGE_NOUNS else None
            return f"{measure} {of}" if of else measure
        return f"{measure} {tail}"
    gap = _RIGHT_AFTER.fullmatch(s, q.end, at)
    if gap is None:
        return measure  # "$3 in his pocket was pulled over": the pocket was not
    share = "share of " if q.unit == "percent" and "of" in gap.group(0).split() else ""
    end = at + len(measure)
    said = predicate_at(s, end) if _people(measure) else None
    deed = (
        done_to(s, q, end)
        if q.unit != "money" and _BARE.fullmatch(measure) and not measure.endswith("ed")
        else None
    )
    where = description(s, end)
    if deed and where and (_PLACE.match(s, end) or _STATE.match(s, end)):
        where = None  # the deed holds the place: "plans to hire 5,000 staff in Manchester"
    tail = (
        where
        or (None if said and _SPEECH.match(said) else said)
        or deed
        or (_change_of(s, end) if measure.lower() in _CHANGE_NOUNS else None)
        or ((m := _OUTCOME_AFTER.match(s, end)) and m.group(1))
    )
    owner = _OWNER.search(s, max(0, q.start - 60), q.start)
    name = owner.group(1) if owner else _owner_having(s, q)
    lead = "" if not name or name.lower() in FUNCTION_WORDS else f"{name}'s "
    if not owner and name and name.endswith("s"):
        lead = f"{name}' "  # "Wharf Hotels' properties"
    return f"{share}{lead}{measure}{' ' + tail if tail else ''}"


#: what happened to the things counted, in a participle right after their noun and before no
#: object: "20.5 million jobs lost in April", "3,000 homes destroyed"
_OUTCOME_AFTER = re.compile(
    r"\s+(lost|cut|created|added|shed|killed|injured|wounded|infected|evacuated|displaced|"
    r"arrested|detained|destroyed|damaged|affected|sold|furloughed|rescued|stranded)"
    r"(?=\s+(?:in|on|at|by|during|since|across|so\s+far|last|this)\b|\s*[,.;)]|$)"
)


def _owner_having(s: str, q: Quantity) -> str | None:
    """The subject that has, owns or runs what the amount counts ("The union has 290,000
    members"), when it is a name or "the" and a noun, and no place: a place's counts are placed
    in it instead; nor a share owned ("Delta, which owns 49% of Virgin Atlantic")."""
    has = _HAS.search(s, max(0, q.start - 80), q.start) if q.unit != "percent" else None
    if has is None:
        return None
    name = re.sub(r"^The\s", "the ", has.group(1))
    words = name.split()
    if words[0] in _NOT_AN_OWNER_OF or words[-1].lower() in _PLACE_NOUNS:
        return None
    if len(words) == 1 and not s[: has.start(1)].strip(' "“') and has.group().endswith("have "):
        return None  # "Classes have around 40 students": a plural noun opening the sentence
    if words[0] == "the" and (words[1] in _NOT_A_HEAD or words[1].endswith("est")):
        return None  # "the first has 18 cases", "the largest has 38 seats": of something else
    if lookup(re.sub(r"^the\s", "", name)) is not None:
        return None
    return name


def _change_of(s: str, pos: int) -> str | None:
    """What a change noun ending (or its amount standing) at `pos` is of: "(a 10% cut) to its US
    aviation workforce", "(a discount of 54 per cent) from the last traded price"; not a time."""
    m = _CHANGE_OF.match(s, pos)
    tail = phrase(f"{m.group(1)} ", s, m.end(), FINITE) if m else None
    if tail is None or any(TIME.fullmatch(w) for w in tail.split()) or len(tail.split()) < 3:
        return None
    cut = _NEXT_WORD.match(s, m.start() + len(tail) + 1)  # where the phrase was cut
    if cut and (TIME.fullmatch(cut.group(1)) or cut.group(1)[0].isdigit()):
        return None  # "(a loss) for the second (quarter)", "(on its roughly) 13% (stake)"
    return tail


def says_when(words: str) -> bool:
    """Whether words are only times and function words ("several weeks", "the first")."""
    return all(
        TIME.fullmatch(w) or w.lower() in FUNCTION_WORDS or w.lower() in _FEW for w in words.split()
    )


#: the place a measure ends with: "people from the Philippines"
PLACE_AT_END = re.compile(r"\s+(?:in|from|at)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$")


def _ends_on_a_place(measure: str, places: Sequence[PlaceMention]) -> bool:
    """Whether a measure ends on one of the sentence's places: "people in Michigan"."""
    end = PLACE_AT_END.search(measure)
    return end is not None and any(p.text == end.group(1) for p in places if not p.demonym)


def placed(
    measure: str | None,
    s: str,
    q: Quantity,
    places: Sequence[PlaceMention],
    home: str | None = None,
) -> str | None:
    """`measure` of the amount `q` with the one place its sentence `s` names where things
    happen, in a locative phrase ("in the UK, around 1,400 owners") or as its opening subject
    ("Singapore reported 42 new cases"): "new cases in Singapore"; unchanged when it names it
    already, or none or two, or a list. A place after the amount is its own only within its
    clause ("43 beds nationwide, including nine in Seoul"). A sentence that names no place takes
    `home`, the one country its article names, unless it speaks of the world ("worldwide")."""
    where = [(p.place.name, _placed_as(s, q, p)) for p in places if not p.demonym]
    where = sorted({(name, words) for name, words in where if words})
    world = _WORLDWIDE.search(s)
    if measure and not places and world and not _ELSEWHERE.search(measure):
        return f"{measure} worldwide"  # "a million cases have been registered globally"
    if measure and home and not places and not _ELSEWHERE.search(s):
        if home.lower() in measure.lower():
            return measure
        return f"{_KIND_OF_PLACE.sub('', measure)} in {home}"
    if not measure or len({name for name, _ in where}) != 1 or _ends_on_a_place(measure, places):
        return measure  # none, two, or its own already: "(thousands) in Michigan"
    names = {where[0][0]} | {words.removeprefix("the ") for _, words in where}
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", measure, re.I) for w in names):
        return measure  # "in the US" names the United States already ("coronavirus" does not)
    return f"{_KIND_OF_PLACE.sub('', measure)} in {where[0][1]}"


def only_country(places: Sequence[PlaceMention]) -> str | None:
    """The one country an article names, in its words ("the UK", "South Korea"), when every
    place it names lies in it; None when it names two, or names its country only by a city."""
    codes = {p.place.country_code for p in places if p.place.country_code}
    named = [p.text for p in places if p.place.kind == "country" and not p.demonym]
    if len(codes) != 1 or not named:
        return None
    return _as_named(max(sorted(set(named)), key=named.count))


def per_period(s: str, q: Quantity, measure: str | None) -> str | None:
    """`measure` with the period it is counted per, when the words after the amount say one:
    "40,000 cases per day" -> "cases per day", "$500 a month" -> "... a month"."""
    m = _PER_PERIOD.match(s, q.end)
    if not measure or m is None or m.group(1).lower() in measure.lower() or q.unit == "measure":
        return measure  # "2,193.2 miles per hour" is a speed, in its unit
    return f"{measure} {m.group(1)}"


#: a period an amount is counted per, before the end of its clause, another amount or "and": not
#: "a day earlier", nor a duration ("for an hour")
_PER_PERIOD = re.compile(
    r"(?:(?!\band\b|\bfor\b|\d)[^,;.()]){0,40}?"
    r"\b((?:per|a|an|each|every)\s+(?:day|week|month|year|hour))\b"
    r"(?!\s+(?:earlier|later|before|after|ago|on|or\s+two|and))",
    re.IGNORECASE,
)


def referred_place(s: str, start: int, places: Sequence[PlaceMention]) -> tuple[str, str] | None:
    """The place a sentence at `start` of its article refers to as "the country", "the state"
    or "the city" ("The country has reported only five confirmed cases"): the last place of that
    kind the article named before it, in its words, and the word the sentence used; None when it
    names none so."""
    m = _REFERRED.search(s)
    if m is None:
        return None
    kinds = _REFERRED_KINDS[m.group(1).lower()]
    said = start + m.start()  # the last such place before the words, in this sentence or before
    before = [p for p in places if p.start < said and p.place.kind in kinds and not p.demonym]
    return (_as_named(before[-1].text), m.group(1).lower()) if before else None


def owned_by_name(measure: str | None, referred: tuple[str, str] | None) -> str | None:
    """`measure` with "the country's" written as the place it refers to ("the country's pig
    population" -> "China's pig population")."""
    if not measure or referred is None:
        return measure
    name, word = referred
    return re.sub(rf"\b(?:[Tt]he\s+)?{word}['’]s\b", f"{name}'s", measure)


def _as_named(words: str) -> str:
    """A place's name as a phrase reads it: "the UK", "the United States", "South Korea"."""
    plural = words.isupper() or words.startswith("United ") or words.endswith(_PLURAL_ENDS)
    return f"the {words}" if plural else words


#: the ends of the names of places read with "the": "the Philippines", "the Netherlands"
_PLURAL_ENDS = ("ines", "lands", "amas", "ives", "oros", "elles", "Islands", "Emirates")


#: a place referred to by its kind, as a subject or an owner: "The country has", "the state's"
_REFERRED = re.compile(
    r"\b[Tt]he\s+(country|nation|kingdom|state|province|region|city|capital)(?=['’]s\b|\s+(?:has|"
    r"had|have|is|was|recorded|reported|confirmed|saw|registered|logged|now|also|still|currently)\b)"
)
_REFERRED_KINDS = {
    "country": ("country",),
    "nation": ("country",),
    "kingdom": ("country",),
    "state": ("region",),
    "province": ("region",),
    "region": ("region",),
    "city": ("city",),
    "capital": ("city",),
}


def _placed_as(s: str, q: Quantity, p: PlaceMention) -> str | None:
    """The words naming place mention `p` (of sentence `s`, offsets in the article) when it says
    where the amount `q` happened; None when it is part of a name ("Air India", "Lloyd's of
    London") or stands in a later clause, unless that clause's subject is what a phrase with the
    amount describes ("with 18,002 deaths, the US has ...")."""
    at = s.find(p.text)
    if at == -1 or _NAME_GOES_ON.match(s, at + len(p.text)) or _LISTED.match(s, at + len(p.text)):
        return None  # part of a name, or the first of a list ("in Beijing, Shanghai and ...")
    the = "the " if s[max(0, at - 4) : at].lower() == "the " else ""
    if (
        at > q.end
        and _WITH_BEFORE.search(s, max(0, q.start - 30), q.start)
        and _ONE_COMMA.fullmatch(s, q.end, at)
        and _MAIN_VERB_NEXT.match(s, at + len(p.text))
    ):
        return the + p.text  # "with 18,002 deaths, the US has the second highest toll"
    if at > q.end and _CLAUSE_BREAK.search(s, q.end, at):
        return None
    before = s[: at - len(the)]
    opening = not before.strip(" -–—\"“‘'(") or (
        _OPENING_PHRASE.fullmatch(before) is not None and _VERB_WORD.search(before) is None
    )  # "Brazil has reported", "As of April 6, Brazil has reported"
    if _LOCATIVE.search(before) or (opening and _VERB_NEXT.match(s, at + len(p.text))):
        return the + p.text
    return None


#: a short opening phrase before a sentence's subject: "As of April 6, ", "On Monday, "
_OPENING_PHRASE = re.compile(r"[^,;:]{1,40},\s*")
_VERB_WORD = re.compile(r"\b(?:said|says|say|told|reported|[a-z]+ed)\b")
_VERB_NEXT = re.compile(
    r"\s+(?!(?:stated|claimed|warned|argued|insisted|urged|asked|accused|pledged|promised|vowed|"
    r"demanded|denied|rejected|critici[sz]ed|blamed|called|offered)\b|(?:announced|agreed|decided)"
    r"\s+(?:that|to)\b)"
    r"(?:has|have|had|is|was|reported|recorded|[a-z]+ed)\b"
)  # a place that does (not says) something: "Singapore reported", not "Germany announced that"
_WITH_BEFORE = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_MAIN_VERB_NEXT = re.compile(
    r"\s+(?:has|have|had|is|was|are|were|reported|recorded|saw|registered|remains|now)\b"
)
_ONE_COMMA = re.compile(r"[^,;:()—–]*,\s*(?:the\s+)?")
_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:—–(]|\s-\s")
_LISTED = re.compile(
    r",\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s*(?:,|and\b|or\b)|\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
)
_LOCATIVE = re.compile(r"\b(?:in|across|throughout|inside)\s+$", re.IGNORECASE)
#: a place that a capitalised word or a possessive follows is part of a name or owns a thing
_NAME_GOES_ON = re.compile(r"\s+[A-Z]|['’]s\b|\s+(?:tons?|dollars?)\b")


def _people(measure: str) -> bool:
    """Whether a measure ends in a noun of people ("people", "residents")."""
    last = measure.split()[-1].lower()
    return last in _PEOPLE_NOUNS or is_people_noun(last)


def description(s: str, pos: int) -> str | None:
    """What the words from `pos` say of the noun that ends there: a restrictive relative clause,
    a participle and its phrase (past a passive auxiliary, and past a participle that only says
    when: "40 cases announced on Wednesday are linked to clusters"), a capitalised place, or
    the state it is in ("patients in critical condition"); None when none follows."""
    if m := _RELATIVE.match(s, pos):  # not "viruses that cause (it)", "claims that topped 1m"
        verb = _OWN_VERB.match(s, m.end())  # the clause's own verb, then the sentence's
        tail = phrase(f"{m.group(1)} ", s, m.end(), FINITE, verb.end() if verb else m.end())
        if tail is None or len(tail.split()) < 3:
            return None
        said = tail.removeprefix(f"{m.group(1)} ")
        return None if _AMOUNT_NEXT.match(s, s.find(said, m.end()) + len(said)) else tail
    passive = _PASSIVE.match(s, pos)
    if m := _PARTICIPLE.match(s, passive.end() if passive else pos):
        if tail := phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), FINITE):
            return tail
        later = None if passive else _PASSIVE.search(s, m.end(), end_of(s, m.end()))
        if later is None or not all(
            TIME.fullmatch(w) or w.lower() in FUNCTION_WORDS
            for w in s[m.end() : later.start()].split()
        ):
            return None
        m = _PARTICIPLE.match(s, later.end())
        return phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), FINITE) if m else None
    if m := _PLACE.match(s, pos):
        return phrase(f"{m.group(1)} ", s, m.end(), FINITE, capitals=True)
    if (m := _STATE.match(s, pos)) and (tail := phrase(f"{m.group(1)} ", s, m.end(), FINITE)):
        words = tail.split()
        end = s.find(" ".join(words[1:]), m.end()) + len(" ".join(words[1:]))
        whole = _STATE_END.match(s, end)  # the phrase ends its noun phrase: not "in the fourth"
        asked = any(w.lower() in ("whether", "if", "how", "what", "why") for w in words)
        return tail if whole and not asked and len(words) <= _STATE_WORDS else None
    return None


#: the state or kind a counted noun is in, in a phrase of lowercase words: "patients in critical
#: condition", "senators in self-quarantine or isolation", "people with disabilities"; not a
#: total, a time or an amount ("in total", "in the past week", "with 20 more")
_STATE = re.compile(
    r"\s+(in|with(?!\s+(?:a|an|the|more|some)\s)|on|under|among|without)\s+(?!(?:total|all|turn|fact|particular|general|"
    r"addition|response|part|person|time|order|case|return|a\s+row|just|only|the\s+past|"
    r"recent|the\s+last|the\s+first|the\s+next|the\s+same)\b)(?=(?:the\s+|a\s+|an\s+)?[a-z])"
    r"(?!\S*\d)"
)
_STATE_WORDS = 6
#: what may follow a whole phrase of state: a stop, a verb or a clause
_STATE_END = re.compile(
    r"\s*(?:[,.;:)!?\-–—]|$|(?:were|was|are|is|have|has|had|who|which|that|will|would|could|"
    r"and|but|remain|remained|remains|died|tested|died)\b)"
)
