"""What a level, a sum or a rate before its amount is of: the noun before "of", "at", a
copula or a level verb ("a turnout of 60%", "unemployment at 8.4%", "the deficit hit a record
$412bn"), a named body's own figure ("Apple reported revenue of $59.7bn": Apple's revenue), or
the whole subject when a phrase of whose or of what is part of it ("the median annual salary
for a graduate was £34,000").
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.annotate.numbers import CHANGE_VERBS
from flows.extract.clauses import without_asides
from flows.extract.noun_phrases import FUNCTION_WORDS


def before_of(s: str, q: Quantity) -> str | None:
    """The noun before the amount: "a turnout of 60%", "unemployment at 8.4%", "cost £5m",
    "his fortune was put at $200bn", "the deficit hit a record $412bn"; a named body's own
    figure with its name ("Apple reported revenue of $59.7bn": Apple's revenue)."""
    own = _OWN_FIGURE.search(s, max(0, q.start - 120), q.start)
    name = [w for w in own.group(1).split() if w.lower() not in FUNCTION_WORDS] if own else []
    if own and name:  # not "(on) Thursday": FUNCTION_WORDS holds the days and months
        return f"{' '.join(name)}'s {own.group(2)}"
    if (
        (set_to := _SET_TO.search(s, max(0, q.start - 120), q.start))
        and set_to.group("what").split()[0] not in FUNCTION_WORDS
        and all(
            w.lower() not in FUNCTION_WORDS or w.lower() in _IN_AN_OBJECT
            for w in set_to.group("what").split()
        )
    ):
        return set_to.group("what")  # "has lowered the salary threshold under its ... to £26,500"
    s = without_asides(s[: q.start]) + s[q.start :]  # "The July borrowing figure - ... - was"
    m = _BEFORE_AMOUNT.search(s, max(0, q.start - 120), q.start)
    if not m or _NO_NOUN_END.search(m.group(1)):
        return None  # "the islands can (cost)", "analysts see the firm being (worth)"
    if (m.group("link").lower() not in _NOT_A_SUBJECT or m.group("be")) and (
        whole := _noun_phrase_before(s, m.end(1))
    ):
        return whole  # "the median annual salary for a graduate (was £34,000)"
    words = [
        w
        for w in m.group(1).split()
        if w.lower() not in FUNCTION_WORDS | _BETWEEN_SUBJECT_AND_LINK and not _LEVEL.fullmatch(w)
    ]
    owner = words[-3:-2] if len(words) > 2 and _OWNER_WORD.fullmatch(words[-3]) else []
    return " ".join(owner + words[-2:]) or None


#: the last word before a link that is no noun: a modal, a pronoun, a participle, an adverb
_NO_NOUN_END = re.compile(
    r"\b(?:it|they|he|she|we|this|that|out|being|rising|increasing|growing|likely|compared|"
    r"expected|and|or)$",
    re.IGNORECASE,
)
#: words between a subject and its link that are no part of it: modals and adverbs ("the
#: schools can (cost)", "reportedly"), pronouns, and the "cent" of an amount before it
_BETWEEN_SUBJECT_AND_LINK = frozenset(
    {"can", "could", "may", "might", "will", "would", "should", "must", "reportedly", "usually",
     "currently", "slightly", "similarly", "also", "still", "it", "they", "cent", "percent"}
)  # fmt: skip
#: links after which the words before an amount are no subject of it: "a salary of", "a fee of"
_NOT_A_SUBJECT = frozenset({"of", "at", "to", "worth", "cost", "costs", "costing"})
_WORD_OR_MARK = re.compile(r"[A-Za-z0-9][\w'’&-]*|[^\w\s]")
#: the words that join a noun to the phrase that says whose or of what it is
_JOINS = frozenset({"of", "for", "in", "among", "at", "on", "per"})
_DETERMINERS_ALL = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})


def _noun_phrase_before(s: str, end: int) -> str | None:
    """The subject noun phrase ending at `end` when a phrase of whose or of what is part of it
    ("the employment rate for graduates in the UK", "the median annual salary for a graduate"):
    from an article or the start of its clause, nine words at most; else None."""
    tokens = _WORD_OR_MARK.findall(s, max(0, end - 120), end)
    words: list[str] = []
    opened = len(tokens) < 10 or end <= 120  # the sentence starts within reach
    for i in range(len(tokens) - 1, -1, -1):
        token, lowered = tokens[i], tokens[i].lower()
        before = tokens[i - 1].lower() if i else ""
        if not token[0].isalpha():
            opened = True  # a stop, or a number: "(A pack of) 50 in Hong Kong" is cut
            break
        if lowered not in _JOINS | _DETERMINERS_ALL and (
            lowered in FUNCTION_WORDS
            or (lowered.endswith("ed") and before not in _DETERMINERS_ALL)
            or _LEVEL.fullmatch(lowered)
        ):
            opened = False
            break
        words.insert(0, token)
    else:
        opened = opened or not tokens
    if not opened:  # a verb before it: the phrase starts at its article ("bringing the total ...")
        first = next((i for i, w in enumerate(words) if w.lower() in _DETERMINERS_ALL), None)
        words = words[first:] if first is not None else []
    while words and words[0].lower() in _JOINS | _DETERMINERS_ALL:
        words.pop(0)
    inner = [w for w in words[1:-1] if w.lower() in _JOINS]
    return " ".join(words) if inner and len(words) <= 9 else None


#: a level someone set or moved to the amount: "lowered the salary threshold under its proposed
#: immigration system to (£26,500)", "raised its minimum wage to ($15)"
_SET_TO = re.compile(
    r"\b(?:lowered|raised|cut|increased|reduced|slashed|boosted|trimmed|hiked|lifted|set|"
    r"capped|fixed|pegged)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?P<what>[a-z][\w'’-]*(?:\s+[\w'’-]+){0,6}?)\s+(?:to|at)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|just\s+|a\s+record\s+)?$"
)
_IN_AN_OBJECT = frozenset({"of", "for", "under", "in", "on", "its", "their", "the", "a", "an"})
#: a named body giving its own figure: "Apple reported revenue of", "Disney posted a loss of"
_OWN_FIGURE = re.compile(
    r"((?-i:[A-Z])[\w&.'’-]*(?:\s+(?-i:[A-Z])[\w&.'’-]*){0,3})\s+(?:reported|posted|recorded|"
    r"announced|booked|registered|made|earned|generated|logged)\s+(?:an?\s+|the\s+|its\s+)?"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+(?:of|worth)\s+"
    r"(?:about\s+|around\s+|nearly\s+|some\s+|more\s+than\s+|over\s+|almost\s+|just\s+)*$",
    re.IGNORECASE,
)


#: a verb saying an amount is a new level ("revenue rose to $59.7bn"), and a named owner
_LEVEL = re.compile(rf"(?:{CHANGE_VERBS}|compared|back|versus)", re.IGNORECASE)
_OWNER_WORD = re.compile(r"[A-Z][\w.&-]*['’]s")


_BEFORE_AMOUNT = re.compile(
    r"([A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2})\s+"
    r"(?P<be>(?:was|is|were|are|has\s+been|had\s+been)\s+)?"
    r"(?:(?:estimated|expected|thought|said|likely|set)\s+to\s+be\s+)?"  # "is estimated to be worth"
    r"(?:(?:put|estimated|valued|set|pegged|priced)\s+)?"
    r"(?P<link>of|at|to|was|is|were|are|stood\s+at|reached|hit|rose\s+to|fell\s+to|totalled|"
    r"totaled|worth|cost|costs|costing)\s+(?:an?\s+(?:record|new|high|low)\s+)?"
    r"[\"“‘']?(?:about\s+|around\s+|nearly\s+|some\s+|more\s+than\s+|over\s+|almost\s+|just\s+"
    r"|as\s+much\s+as\s+|up\s+to\s+|at\s+least\s+|roughly\s+|less\s+than\s+)?$"
)
