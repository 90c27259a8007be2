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
from flows.annotate.gazetteer import PlaceMention
from flows.annotate.numbers import CHANGE_VERBS
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun, predicate_at
from flows.extract.vocabulary import DEMONYM

#: the most words a description adds, and how far past the amount its noun may end
MAX_WORDS = 8
_REACH = 40

_RELATIVE = re.compile(r"\s+(who|that)\s+(?!(?:is|was|are|were|has|had|have)\s*[,.]|\d)")
_PASSIVE = re.compile(r"\s+(?:(?:have|has|had)\s+been|were|was|are|is|being)(?=\s+[a-z]+ed\s)")
_PARTICIPLE = re.compile(
    r"\s+((?!(?:compared|based|followed|adjusted|expected|estimated|needed|required|scheduled|"
    r"planned|used|owned|aged|need|speed|feed)\s)[a-z]{2,}ed|held|built|sent|paid|spent|lost|"
    r"sold|caught|left|found|brought|kept|hit|struck|shot|taken|given|seen|known|driven|stolen|"
    r"born|drawn|thrown|flown|written|done|made)"
    r"\s+(to|with|in|by|from|at|on|for|over|after|during|under|across|through|into|against|"
    r"as|off|out\s+of|due\s+to)\s+"
)
_PLACE = re.compile(r"\s+(in|across|from)\s+(?=(?:the\s+)?[A-Z])")
_RIGHT_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:of\s+(?:the\s+)?)?")
_OWNER = re.compile(
    r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s\s+(?:(?:estimated|total|annual|own|entire|"
    r"current|latest|reported|roughly|about|some|nearly|almost|around)\s+)?$"
)
_STOP = re.compile(
    r"[,.;:()\[\]\"“”—–!?$€£¥]|\s-\s|--|(?<![\w-])\d|\b(?:and|or|but|while|whereas|although|"
    r"because|as|when|after|before|since|if|than|that|which|who|said|says|according)\b",
)
#: a finite verb ends the phrase of a participle or a place: "cases in the US rose by"
_VERB = re.compile(
    rf"\b(?:is|was|were|are|has|have|had|will|would|can|could|may|might|should|must|did|does|"
    rf"do|to\s+[a-z]+e\b|stood|stands|remained|remains|reached|topped|exceeded|totalled|totaled|"
    rf"numbered|{CHANGE_VERBS})\b|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)\b[a-z]{{3,}}ed\b"
)
_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sept?|oct|nov|dec|yesterday|today|tonight|"
    r"week|weeks|weekend|month|months|year|years|day|days|hours?|quarter|morning|afternoon|"
    r"evening|night|period|past|last|since|earlier|later|this|ago|recently|previous|recent|coming|"
    r"\d{4}s?)",
    re.IGNORECASE,
)
_UP_TO_AMOUNT = re.compile(r"(?:\s+[a-z]+){0,3}\s*")
_SPEECH = re.compile(r"(?:say|says|said|saying|told|tell)\b")
_OWN_VERB = re.compile(r"(?:(?:has|have|had|is|are|was|were|been|be|being|not|also|still)\s+)*\S+")
_AMOUNT_NEXT = re.compile(r"\s+(?:[a-z]+\s+){0,2}\d")
#: the prepositions that open a phrase of time ("of" does not: "in a matter of hours")
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "within", "over", "during", "by", "from", "after", "before",
     "until", "through", "throughout", "since"}
)  # fmt: skip
_PEOPLE_NOUNS = frozenset({"people", "children", "men", "women", "persons", "adults"})
_PEOPLE_TAIL = frozenset({"he", "she", "they", "it", "we", "you", "i"})


def described(s: str, q: Quantity, measure: str | None) -> str | None:
    """`measure` read on with what the sentence says of its noun right after the amount `q`, and
    with the capitalised owner before the amount; unchanged when it stands elsewhere."""
    if not measure:
        return measure
    at = s.find(measure, q.end, q.end + _REACH + len(measure))
    if at == -1:  # "the number of people who have died from the virus, 10"
        at = s.rfind(measure, max(0, q.start - 120), q.start)
        tail = description(s[: q.start], at + len(measure)) if at != -1 else None
        if tail is None or _UP_TO_AMOUNT.fullmatch(s, s.find(tail, at) + len(tail), q.start):
            return measure  # "claims that have topped (one million)" says what the amount did
        return f"{measure} {tail}"
    gap = _RIGHT_AFTER.fullmatch(s, q.end, at)
    if gap is None:
        return measure  # "$3 in his pocket was pulled over": the pocket was not
    share = "share of " if q.unit == "percent" and "of" in gap.group(0).split() else ""
    end = at + len(measure)
    said = predicate_at(s, end) if _people(measure) else None
    tail = description(s, end) or (None if said and _SPEECH.match(said) else said)
    owner = _OWNER.search(s, max(0, q.start - 60), q.start)
    lead = f"{owner.group(1)}'s " if owner and owner.group(1).lower() not in FUNCTION_WORDS else ""
    return f"{share}{lead}{measure}{' ' + tail if tail else ''}"


def placed(measure: str | None, s: str, q: Quantity, places: Sequence[PlaceMention]) -> str | None:
    """`measure` of the amount `q` with the one place its sentence `s` names where things
    happen, in a locative phrase ("in the UK, around 1,400 owners") or as its opening subject
    ("Singapore reported 42 new cases"): "new cases in Singapore"; unchanged when it names it
    already, or none or two, or a list. A place after the amount is its own only within its
    clause ("43 beds nationwide, including nine in Seoul")."""
    where = [(p.place.name, _placed_as(s, q, p)) for p in places if not p.demonym]
    where = sorted({(name, words) for name, words in where if words})
    if not measure or len({name for name, _ in where}) != 1:
        return measure
    names = {where[0][0]} | {words.removeprefix("the ") for _, words in where}
    if any(w.lower() in measure.lower() for w in names):
        return measure  # "in the US" names the United States already
    return f"{measure} in {where[0][1]}"


def _placed_as(s: str, q: Quantity, p: PlaceMention) -> str | None:
    """The words naming place mention `p` (of sentence `s`, offsets in the article) when it says
    where the amount `q` happened; None when it is part of a name ("Air India", "Lloyd's of
    London") or stands in a later clause."""
    at = s.find(p.text)
    if at == -1 or _NAME_GOES_ON.match(s, at + len(p.text)) or _LISTED.match(s, at + len(p.text)):
        return None  # part of a name, or the first of a list ("in Beijing, Shanghai and ...")
    if at > q.end and _CLAUSE_BREAK.search(s, q.end, at):
        return None
    the = "the " if s[max(0, at - 4) : at].lower() == "the " else ""
    before = s[: at - len(the)]
    opening = not before.strip(" -–—\"“‘'(")
    if _LOCATIVE.search(before) or (opening and _VERB_NEXT.match(s, at + len(p.text))):
        return the + p.text
    return None


_VERB_NEXT = re.compile(r"\s+(?:has|have|had|is|was|reported|recorded|[a-z]+ed)\b")
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
    when: "40 cases announced on Wednesday are linked to clusters"), or a capitalised place;
    None when none follows."""
    if m := _RELATIVE.match(s, pos):  # not "viruses that cause (it)", "claims that topped 1m"
        verb = _OWN_VERB.match(s, m.end())  # the clause's own verb, then the sentence's
        tail = _phrase(f"{m.group(1)} ", s, m.end(), _VERB, verb.end() if verb else m.end())
        if tail is None or len(tail.split()) < 3:
            return None
        said = tail.removeprefix(f"{m.group(1)} ")
        return None if _AMOUNT_NEXT.match(s, s.find(said, m.end()) + len(said)) else tail
    passive = _PASSIVE.match(s, pos)
    if m := _PARTICIPLE.match(s, passive.end() if passive else pos):
        if tail := _phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), _VERB):
            return tail
        later = None if passive else _PASSIVE.search(s, m.end(), _end_of(s, m.end()))
        if later is None or not all(
            _TIME.fullmatch(w) or w.lower() in FUNCTION_WORDS
            for w in s[m.end() : later.start()].split()
        ):
            return None
        m = _PARTICIPLE.match(s, later.end())
        return _phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), _VERB) if m else None
    if m := _PLACE.match(s, pos):
        return _phrase(f"{m.group(1)} ", s, m.end(), _VERB, capitals=True)
    return None


def _end_of(s: str, pos: int) -> int:
    """Where the phrase from `pos` stops."""
    stop = _STOP.search(s, pos, pos + 80)
    return stop.start() if stop else min(len(s), pos + 80)


def _phrase(
    lead: str,
    s: str,
    pos: int,
    verb: re.Pattern[str] | None = None,
    verb_from: int | None = None,
    capitals: bool = False,
) -> str | None:
    """`lead` and the words from `pos` up to a stop, a time or a `verb` (from `verb_from` on),
    MAX_WORDS at most (and only names, with `capitals`), without trailing function words; None
    when none is left."""
    end = _end_of(s, pos)
    if verb and (finite := verb.search(s, verb_from or pos, end)):
        end = finite.start()
    words: list[str] = []
    for word in s[pos:end].split()[:MAX_WORDS]:
        if _TIME.fullmatch(word):  # "killed in the blast [on Sunday]", "died [in ... hours]"
            cut = [i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS]
            if cut:
                words = words[: cut[-1]]
            elif words and words[-1].lower() in FUNCTION_WORDS:
                words = []  # the time is the lead's own phrase: "died in a matter of hours"
            break  # else it only says when: "agreed by EU ministers [earlier this month]"
        if (
            capitals
            and not word[0].isupper()
            and word not in ("the", "of", "and")
            and not (words and DEMONYM.fullmatch(words[-1]))  # "in British hospitals"
        ):
            break
        words.append(word)
    while words and (words[-1].lower() in FUNCTION_WORDS or words[-1].lower() in _PEOPLE_TAIL):
        words.pop()
    return lead + " ".join(words) if words else None
