"""Is it an event? Whether a trigger reports a specific occurrence.

A trigger word is only a candidate: it may name a kind of event ("fear of deportation", "calls
for cooperation"), a habit ("he has frequently criticized"), a word in another sense ("an
arresting panorama", "a striking resemblance"), or a piece of a proper name ("the Organization
for Security and Co-operation in Europe"). `not_an_occurrence` says which, or None when the
clause reports something that happened (or is planned, threatened, denied: modality is decided
apart, by `flows.extract.triggers.modality_of`).

A noun trigger ("the protests", "talks", "a crackdown") reports an occurrence only when the
clause anchors it: a verb that makes it happen ("held talks", "staged a rally", "the protest
took place"), its day or place ("Sunday's march", "protests in Minsk", "talks between A and
B"), or its size ("a rally of 10,000"). `recalled` says whether a mention refers back to an
earlier event ("since the protests began", "had been detained"): a recap, not news.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from flows.extract.triggers import TriggerHit, event_name

_DETERMINER = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|his|her|their|our|of|new|mass|recent|further"
    r"|brutal|violent|bloody|post-election|largest|huge|massive|\w+['’]s?)\s+(?:[\w-]+\s+)?$",
    re.I,
)
_IRREGULAR_PAST = frozenset(
    {"met", "held", "took", "went", "gave", "broke", "began", "sought", "fled", "shot", "hit",
     "withdrew", "struck", "spoke", "sent", "cut", "led", "put", "made", "won", "told", "said",
     "threw", "beat", "seized", "drove", "ran", "fought", "stood", "came", "flew", "rose", "fell"}
)  # fmt: skip
_AUXILIARY = re.compile(r"\b(?:will|would|shall|to|be|been|being|is|are|am)\s+$", re.I)
_NOUN_WORDS = frozenset(
    {"torture", "violence", "brutality", "sanctions", "summit", "talks", "meeting", "visit",
     "assistance", "aid", "support", "crackdown", "clampdown", "allegations", "concern",
     "criticism", "curfew", "curfews", "embargo", "vigil", "vigils", "meetings", "summits",
     "walkout", "walkouts", "riots"}
)  # fmt: skip
_COPULAS = frozenset({"was", "were", "is", "are", "been", "be", "being"})
#: a word after which the trigger is a verb ("will visit", "to march", "they protest"), perhaps
#: with an adverb between ("will also sanction", "to swiftly condemn").
_VERB_BEFORE = re.compile(
    r"\b(?:will|would|to|can|could|may|might|must|shall|should|did|does|do|they|we|I|you|he"
    r"|she|not|n't)\s+(?:(?:also|not|never|now|then|soon|still|just|even|\w+ly)\s+)?$"
)
_NOUN_ENDINGS = (
    "tion", "tions", "ure", "ence", "ests", "ies", "ches", "ikes", "ions", "down", "downs",
)  # fmt: skip
#: a verb before a noun trigger that makes the event happen ("held talks", "staged a rally").
_MAKES_IT_HAPPEN = re.compile(
    r"\b(?:h[eo]ld(?:s|ing)?|stag(?:e|es|ed|ing)|join(?:s|ed|ing)?|attend(?:s|ed|ing)?|led"
    r"|lead(?:s|ing)?|organi[sz](?:e|es|ed|ing)|launch(?:es|ed|ing)?|beg[au]n|start(?:s|ed|ing)?"
    r"|mount(?:s|ed|ing)?|end(?:s|ed|ing)?|broke up|dispers(?:e|ed|ing)|impos(?:e|es|ed|ing)"
    r"|announc(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|order(?:s|ed|ing)?|introduc(?:e|es|ed|ing)"
    r"|sign(?:s|ed|ing)?|reach(?:es|ed|ing)?|conduct(?:s|ed|ing)?|carr(?:y|ies|ied) out"
    r"|made|mak(?:e|es|ing)|issu(?:e|es|ed|ing)|dr[ae]w|drawn|drawing|spark(?:s|ed|ing)?"
    r"|trigger(?:s|ed|ing)?|prompt(?:s|ed|ing)?|witness(?:es|ed|ing)?"
    r"|saw|see|sees|seen|call(?:s|ed)? off|cancel(?:l?ed|s)?|resum(?:e|es|ed|ing)"
    r"|extend(?:s|ed|ing)?|lift(?:s|ed|ing)?|eas(?:e|es|ed|ing)|relax(?:es|ed|ing)?"
    r"|suspend(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|unveil(?:s|ed|ing)?"
    r"|pledg(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|sen[dt]|deliver(?:s|ed|ing)?|receiv(?:e|es|ed|ing)"
    r"|offer(?:s|ed|ing)?|gave|voic(?:e|es|ed|ing)|express(?:es|ed|ing)?"
    r"|rejected|turned down|granted|host(?:s|ed|ing)?|convened?|chair(?:s|ed|ing)?"
    r"|took part in|taking part in|tak(?:e|es) part in|participat(?:e|es|ed|ing) in"
    r"|came under|continued|turned|confirm(?:s|ed|ing)?|report(?:s|ed|ing)?)\s+(?:[\w'’-]+\s+){0,4}$",
    re.I,
)
#: words after a noun trigger that tell it happened ("the rally took place", "talks ended").
_HAPPENED_AFTER = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,10}?(?:took place|(?:was|were|had been|has been|have been) "
    r"(?:held|staged|called|organi[sz]ed|attended|dispersed|broken up|imposed|announced|lifted"
    r"|signed|reached|launched|introduced|extended|declared|carried out)|began|begun|erupted"
    r"|broke out|went ahead|ended|turned (?:violent|deadly)|continued|drew|attracted|swept"
    r"|spread|left \w+ (?:dead|injured)|killed|came|resumed|failed|collapsed|lasted|saw"
    r"|(?:has|have) seen)\b",
    re.I,
)
#: the event's own place or parties right after the noun ("protests in Minsk", "talks with X").
_ANCHORED_AFTER = re.compile(
    r"^(?:[\w'’-]+\s+){0,2}?(?:in|at|outside|near|across|on|between|with|of|by|against|from)"
    r"\s+(?:the\s+)?(?:[A-Z]|\d)",
)
_SIZED = re.compile(
    r"(?:\d[\d,.]*|\b(?:dozens|hundreds|thousands|tens of thousands|two|three|four|five|six"
    r"|seven|eight|nine|ten|several|a series of|a wave of|days of|nights of|weeks of))"
    r"(?:-strong)?\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: a noun after "fear of", "risk of", "calls for": the event is what might happen, not news.
_NOT_YET = re.compile(
    r"\b(?:fears?|risk|threat|danger|prospect|possibility|chance|hope|hopes|need|calls?"
    r"|demands?|wish|idea|face|faces|facing|avoid|prevent|without|no|any)\s+(?:of\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
_HABIT = re.compile(
    r"\b(?:often|frequently|usually|regularly|routinely|always|typically|habitually|repeatedly"
    r"|sometimes|rarely|seldom|traditionally|every (?:day|week|month|year|time)"
    r"|each (?:day|week|month|year)|annually|tend(?:s|ed)? to|used to|can|cannot"
    r"|(?:is|are) allowed to|(?:the )?(?:power|right|authority|ability) to"
    r"|look(?:s|ed|ing)? forward to|(?:is|are|was|were) poised to)\b",
    re.I,
)
#: an -ing word between a determiner and a noun is an adjective ("an arresting panorama"),
#: unless the noun is who does it ("the striking workers").
_ADJECTIVE_ING = re.compile(
    r"\b(?:a|an|the|this|that|its|his|her|their|most|more|very|so|quite|particularly|less"
    r"|another|such|one)\s+$",
    re.I,
)
_WHO_DOES_IT = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:workers|miners|employees|staff|nurses|doctors|teachers|drivers"
    r"|students|protesters|demonstrators|crowds?|people|pilots|unions?|dockers|journalists"
    r"|farmers|men|women|residents|citizens|opposition)\b",
    re.I,
)
_RECALLED = re.compile(
    r"\b(?:since|ever since|in the wake of)\s+(?:[\w'’-]+\s+){0,4}$|\bhad(?: been)?\s+(?:[\w-]+\s+)?$",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|added|announced|confirmed|stated|reported|claimed|explained)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
#: the time of an event told before: "around the same time", "at the time", "back then" (not
#: "at the same time", which news uses for "meanwhile")
_THEN = re.compile(
    r"\b(?:(?:around|about)\s+the\s+same\s+time|at\s+(?:the|that)\s+time(?!\s+of\s+writing)"
    r"|back\s+then|in\s+those\s+days)\b"
    r"|^[^.,;]{0,25}?\s(?:at\s+the\s+time|back\s+then)\b(?!\s+of\s+writing)",
    re.I,
)
#: what happened once before: "initially agreed", "had originally planned"
_ONCE = re.compile(r"\b(?:initially|originally|previously|formerly|once)\s+(?:[\w-]+\s+)?$", re.I)
#: an event named to date another by: "before George Floyd's killing", "after the arrest of"
_TIME_REFERENCE = re.compile(
    r"\b(?:before|after|following|until|prior to)\s+(?:the\s+|a\s+|his\s+|her\s+"
    r"|their\s+|its\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:[\w-]+['’]s?\s+)?(?:[\w-]+\s+)?$"
)
_PERFECT = re.compile(r"\b(?:has|have)(?: been)?\s+(?:[\w-]+\s+)?$", re.I)
#: a definite noun that is the subject of its clause ("The strike has hindered ...").
_SUBJECT_BEFORE = re.compile(r"(?:^|[,;:]\s*)(?:The|the|This|this)\s+(?:[\w-]+\s+)?$")
_SUBJECT_AFTER = re.compile(
    r"^\s+(?:(?:has|have|had|was|were|is|are|will|would|also|then|quickly)\s+)*"
    r"(?:has|have|had|was|were|[a-z]+ed|began|came|drew|saw|left|took|went|ran|broke|spread)\b"
)
#: its size right after the noun ("the walkout by about 16,000 interns", "a rally of 5,000").
_SIZED_AFTER = re.compile(
    r"^\s+(?:by|of|involving)\s+(?:about|around|some|nearly|almost|more than|over|up to|at least"
    r"|tens of|hundreds of|thousands of|dozens of)?\s*(?:\d|thousands|hundreds|dozens|tens)",
    re.I,
)
_CLAUSE = re.compile(r"[;:—–]|, (?:which|who|where|but|and|while|as)\b|\bbut\b|\bwhile\b")


def not_an_occurrence(
    sentence: str, hit: TriggerHit, dates: Callable[[], Sequence[tuple[int, int]]] = tuple
) -> str | None:
    """Why the trigger at `hit` reports no specific occurrence ("name", "adjective",
    "habit", "kind"), or None when it does; `dates()` gives the spans of the sentence's dates
    (asked for only when a noun trigger needs them: resolving dates costs)."""
    words = sentence[hit.start : hit.end]
    left = _clause_before(sentence, hit.start)
    if _in_name(sentence, hit) and event_name(sentence, hit.start, hit.end) is None:
        return "name"
    adjective = words.lower().endswith("ing") and " " not in words
    after = sentence[hit.end :]
    if adjective and _ADJECTIVE_ING.search(left) and re.match(r"\s+[a-z]", after):
        return None if _WHO_DOES_IT.match(after) else "adjective"
    if _HABIT.search(left[-60:]) or _HABIT.match(sentence[hit.end : hit.end + 20].lstrip()):
        return "habit"
    kind = is_noun_trigger(sentence, hit) and not _anchored(sentence, hit, left)
    near = kind and any(s - 25 <= hit.end and hit.start <= e + 25 for s, e in dates())
    return "kind" if kind and not near else None


def recalled(sentence: str, hit: TriggerHit) -> bool:
    """Whether the mention refers back to an earlier event ("since the protests began", "had
    been detained", "initially agreed", but not "said he had filed"), names one to date
    another by ("two months before George Floyd's killing") or tallies a period ("have been
    arrested since the law came in")."""
    left = _clause_before(sentence, hit.start)[-60:]
    if _ONCE.search(left) or _TIME_REFERENCE.search(left) and is_noun_trigger(sentence, hit):
        return True
    if _THEN.search(_clause_before(sentence, hit.start)) or _THEN.match(sentence, hit.end):
        return True  # "Around the same time, he also praised ...": the time of an earlier event
    tally = _PERFECT.search(left) and re.search(r"\bsince\b", sentence[hit.end : hit.end + 60])
    found = _RECALLED.search(left)
    if found and found.group().startswith("had") and _REPORTED.search(left[: found.start()]):
        return bool(tally)  # "said he had filed": the past of reported speech, not a recap
    return bool(found or tally)


def told_in_the_past(sentence: str, hit: TriggerHit) -> bool:
    """Whether the trigger is a verb in the simple past ("called for", "agreed to"), not one
    with an auxiliary of the future or the passive before it ("will be reimposed")."""
    first = sentence[hit.start : hit.end].split()[0].lower()
    return (first.endswith("ed") or first in _IRREGULAR_PAST) and not _AUXILIARY.search(
        sentence, max(0, hit.start - 20), hit.start
    )


def is_noun_trigger(text: str, hit: TriggerHit) -> bool:
    """A trigger that names an event ("a crackdown", "the protests") rather than tells it."""
    words = text[hit.start : hit.end].lower().split()
    word = words[-1]
    before = text[max(0, hit.start - 60) : hit.start]  # the patterns look back a few words
    if (
        _VERB_BEFORE.search(before)
        or hit.entry.id == "reject_recognition"
        or words[0] in _COPULAS  # "reports ... were baseless": a predicate
        or any(w.endswith(("ed", "ing")) or w in _IRREGULAR_PAST for w in words[:2])
    ):
        return False
    return word.endswith(_NOUN_ENDINGS) or word in _NOUN_WORDS or bool(_DETERMINER.search(before))


def _anchored(sentence: str, hit: TriggerHit, left: str) -> bool:
    """Whether a noun trigger's clause makes it one occurrence (see the module docstring)."""
    right = sentence[hit.end : hit.end + 80]
    if _NOT_YET.search(left[-40:]):
        return False
    return bool(
        _MAKES_IT_HAPPEN.search(left[-60:])
        or _HAPPENED_AFTER.match(right)
        or _ANCHORED_AFTER.match(right.lstrip(" ,"))
        or _SIZED.search(left[-40:])
        or _SIZED_AFTER.match(sentence[hit.end :])
        or _SUBJECT_BEFORE.search(left)
        and _SUBJECT_AFTER.match(sentence[hit.end :])
        or re.search(r"['’]s\s+(?:[\w-]+\s+)?$", left[-30:])
        and re.search(r"\b(?:[A-Z][a-z]+day|yesterday|today|\d)", left[-30:])
    )


def _in_name(sentence: str, hit: TriggerHit) -> bool:
    """A capitalised trigger inside a run of capitalised words ("Security and Co-operation in
    Europe"), not at the sentence's start."""
    words = sentence[hit.start : hit.end]
    if not words[:1].isupper() or hit.start == 0 or words.isupper():
        return False
    before = re.search(
        r"([A-Z][\w-]*)\s+(?:(?:and|of|for|in|on|the|&)\s+)?$", sentence[: hit.start]
    )
    after = re.match(r"\s+(?:(?:and|of|for|in|on|the|&)\s+)*([A-Z][\w-]*)", sentence[hit.end :])
    return bool(before and not _sentence_start(sentence, before.start()) or after)


def _sentence_start(sentence: str, pos: int) -> bool:
    return not sentence[:pos].strip(" \"'“‘(")


def _clause_before(sentence: str, pos: int) -> str:
    """The words of the trigger's clause before it."""
    left = sentence[max(0, pos - 120) : pos]
    cut = list(_CLAUSE.finditer(left))
    return left[cut[-1].end() :] if cut else left
