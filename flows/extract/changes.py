"""What rose or fell by an amount, in the article's words: whether an amount is a change ("rose
3%", "fell by a third", "25% lower than") and what changed (the words before the verb of
change, "Tiffany's sales dropped 20%"; the object of a planned one, "to reduce output by about
10%"; what is higher or lower, "UK online sales in July were 50% higher").
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.annotate.numbers import CHANGE_VERBS
from flows.extract.clauses import PHRASE_STOP, TOKEN, clause_start, without_asides
from flows.extract.noun_phrases import FUNCTION_WORDS
from flows.extract.phrases import TIME

#: "up" as a change, not in "make up": "(prices were) up 5%", not "make up 16.6%"
_UP = r"(?<!make\s)(?<!makes\s)(?<!made\s)(?<!making\s)up"
#: the nouns of a rise or fall after an amount: "an 80% reduction"
CHANGE_NOUNS = frozenset(
    {"rise", "fall", "drop", "jump", "increase", "decrease", "gain", "decline", "slump",
     "reduction", "cut", "contraction", "expansion", "surge", "plunge", "dip", "hike"}
)  # fmt: skip
#: how markets and gaps move, beside the rises and falls of every kind: "bounced back by 14%"
_MARKET_VERBS = r"(?:rallied|bounced|advanced|retreated|widened|narrowed)(?:\s+back)?"
_CHANGE_BEFORE = re.compile(
    rf"\b(?:{_MARKET_VERBS}|rose|risen|rising|rises|fell|fallen|falling|falls|increased?|"
    r"increases|increasing|decreased?|decreasing|jumped|jumps|dropped|drops|climbed|climbs|grew|grown|grows|shrank|"
    rf"shrunk|contracted|expanded|cut|raised|lowered|{_UP}|down|slipped|slid|surged|soared|plunged|"
    r"plummeted|tumbled|declined|declines|gained|gains|lost|losing|rebounded|slumped|eased|"
    r"increase|decrease|rise|fall|drop|jump|gain|decline|growth|slump|cut|shrink|shrinks|grow|"
    r"expand|contract)\s+(?:by\s+|of\s+|just\s+|only\s+|another\s+|a\s+further\s+|"
    r"(?:an?\s+)?(?:annual|annualised|annualized|year-on-year|yearly|monthly|record)\s+)*(?:about\s+|"
    r"around\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|over\s+|as\s+much\s+as\s+)?$",
    re.IGNORECASE,
)

_CHANGE_AFTER = re.compile(
    r"\s+(?:lower|higher|more|less|cheaper|dearer|up|down|above|below|"
    + "|".join(sorted(CHANGE_NOUNS))
    + r")\b",
    re.IGNORECASE,
)

_AUXILIARY = frozenset({"have", "has", "had", "was", "were", "is", "are", "also", "has been", "to"})

CHANGE_VERB = re.compile(
    rf"\b(?:{CHANGE_VERBS}|{_MARKET_VERBS}|to\s+(?:contract|expand|grow|shrink|rise|fall|drop|decline|reduce|cut|"
    r"raise|lower|boost|increase|decrease|slash|trim))\b",
    re.IGNORECASE,
)


#: verbs that change something they name, and what they change by the amount: "cut its
#: workforce by", "cutting infections by"
_TRANSITIVE = re.compile(
    r"cut|cuts|cutting|reduced?|reduces|reducing|raised?|raises|raising|lower(?:s|ed|ing)?|"
    r"boost(?:s|ed|ing)?|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|increased?|increases|"
    r"increasing|decreased?|decreases|decreasing|double[sd]?|doubling|halve[sd]?|halving|"
    r"shav(?:e|es|ed|ing)",
    re.IGNORECASE,
)
_MOVED_BY = re.compile(
    rf"\b(?:{_TRANSITIVE.pattern})\s+(?:its\s+|their\s+|the\s+|his\s+|her\s+)?"
    r"((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+by\s+(?:about\s+|around\s+|some\s+|nearly\s+|"
    r"more\s+than\s+|over\s+|up\s+to\s+|almost\s+|as\s+much\s+as\s+)?$",
    re.IGNORECASE,
)


#: a verb of change, its object and a percentage with no "by": "reduced the fatality rate 85%"
_MOVED_PERCENT = re.compile(
    rf"\b(?:{_TRANSITIVE.pattern})\s+(?:its\s+|their\s+|the\s+|his\s+|her\s+)?"
    r"((?:[a-z][\w-]*\s+){0,2}(?!(?:to|at|of|from|by|in|on|for|and|or)\s)[a-z][\w-]*)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|more\s+than\s+|over\s+|almost\s+)?$",
    re.IGNORECASE,
)


def _moved_percent(before: str, q: Quantity) -> re.Match | None:
    """`_MOVED_PERCENT` before a percentage, when no word of its object is a function word."""
    m = _MOVED_PERCENT.search(before) if q.unit == "percent" else None
    return m if m and not any(w in FUNCTION_WORDS for w in m.group(1).lower().split()) else None


def is_change(s: str, q: Quantity) -> bool:
    """A rise or fall: "rose 3%", "fell by 40% and 47%", "down -85%", "25% lower than", "by
    85 per cent" after a verb earlier in the clause."""
    before = s[_clause_start(s, q.start) : q.start]
    return bool(
        _CHANGE_BEFORE.search(before)
        or _CHANGE_AFTER.match(s, q.end)
        or CHANGE_VERB.search(before)
        and re.search(r"\bby\s+(?:\S+\s+){0,3}$", before)
        or re.search(rf"\b(?:down|{_UP})\s+-?$", before)
        or _MOVED_BY.search(before)
        or _moved_percent(before, q)
    )


def changed(s: str, q: Quantity) -> str | None:
    """What rose or fell: the words before the verb of change ("Tiffany's sales dropped 20%",
    "oil stockpiles have risen 3%", "the economy to contract by 4 per cent"), or before the
    relative pronoun that opens the clause ("the alcohol industry which grew by 32.7%")."""
    s = without_asides(s[: q.start]) + s[q.start :]  # "Trips to Gotland - a ... - dropped by"
    start = _clause_start(s, q.start)
    clause = s[start : q.start]
    if moved := _moved_percent(clause, q):
        return moved.group(1)  # "cut its workforce 10%"
    # the last verb of change: "sales rose and (profits) fell"
    verb = _last(CHANGE_VERB, clause) or _CHANGE_BEFORE.search(clause)
    if verb is None:
        moved = _MOVED_BY.search(clause)  # "cutting infections by more than 70%"
        return moved.group(1) if moved else None
    done_to = _OBJECT_BY.fullmatch(clause, verb.end())
    if done_to and (
        verb.group(0).lower().startswith("to") or _TRANSITIVE.fullmatch(verb.group(0))
    ):  # "to reduce output by about 10%", "cut its workforce by 10%"
        return done_to.group(1)
    before = clause[: verb.start()]
    after_comma = TOKEN.findall(before[before.rfind(",") + 1 :]) if "," in before else []
    if any(w.lower() not in _NOT_A_SUBJECT for w in after_comma) and (
        after_comma[0].lower() not in _RELATIVE_WORDS  # "Tesla, whose shares have soared,"
    ):
        before = before[before.rfind(",") + 1 :]  # "After the announcement on Wednesday, shares"
    before = _ASIDE.sub(" ", before)  # "Tesla shares, for example, tumbled"
    words = _WORD_OR_AMOUNT.findall(before)  # an amount is no part of what changed
    while words and words[-1].lower() in _BEFORE_THE_VERB:
        words.pop()  # "the economy is expected (to contract)"
    words = _without_time(words)  # "Exports in March (fell)", "Retail sales last month (rose)"
    while words and words[-1].lower() in _BEFORE_THE_VERB:
        words.pop()
    if not words and _RELATIVE_BEFORE.search(s, 0, start + 1):
        words = TOKEN.findall(s[max(0, start - 60) : start])[:-1]  # the antecedent's words
    while words and (
        words[-1].lower() in _ADVERBS
        or words[-1].lower().endswith("ly")
        or words[-1].lower() in _BEFORE_THE_VERB
    ):
        words.pop()  # "The June contract, however, only dropped", "stock has already soared"
    picked: list[str] = []
    content = 0
    before_and: list[str] | None = None  # what was picked before a coordination was taken
    for i in range(len(words) - 1, -1, -1):
        word, low = words[i], words[i].lower()
        prev = words[i - 1].lower() if i > 0 else ""
        joined = prev not in FUNCTION_WORDS and prev not in _NO_HEAD
        if before_and is not None and _verb_like(low):
            picked = before_and  # "the firm cut jobs and (sales)": a clause, not a coordination
            break
        if (
            picked and low in ("and", "or") and before_and is None and joined
            and not _verb_like(prev) and len(picked) < 7
        ):  # fmt: skip
            before_and = list(picked)  # "Petrol and diesel cars", "buyers and larger fleets"
            picked.insert(0, word)
            content -= 1  # one more content word for the other conjunct
            continue
        if picked and low in _JOINS and joined and len(picked) < 7 + (before_and is not None):
            picked.insert(0, word)  # "(the) price of oil", "trips from Stockholm to Gotland"
            continue
        if picked and low in _DETERMINERS and prev in _JOINS:
            picked.insert(0, word)  # "sales at (the) retailer"
            continue
        if low[0].isdigit() and prev[:1].isalpha() and words[i - 1][0].isupper():
            picked.insert(0, word)  # "the FTSE 100", "the S&P 500"
            continue
        if low in FUNCTION_WORDS or low in _NO_HEAD or low[0].isdigit():
            break
        if content >= 4 and not (
            content < 6 and (_head_joined(words, i) or picked[0].lower() in _JOINS)
        ):
            break  # four words of what changed, unless its head is two words on
        picked.insert(0, word)
        content += 1
    while picked and picked[0].lower() in _JOINS | _DETERMINERS | {"and", "or"}:
        picked.pop(0)
    return _NUMBER_OF.sub("", " ".join(picked)) or None  # "(the number of) recovered patients"


def _without_time(words: list[str]) -> list[str]:
    """`words` without the longest phrase of time that ends them and leaves a word before it."""
    for k in range(1, len(words)):
        tail = [w.lower() for w in words[k:]]
        if (
            tail[0] in _TIME_OPENERS
            and all(TIME.fullmatch(w) or w in FUNCTION_WORDS or w in _ORDINALS for w in tail)
            and any(TIME.fullmatch(w) and w not in _TIME_OPENERS for w in tail)
        ):
            return words[:k]
    return words


#: the words that open a phrase of time after a subject, and the ordinals inside one
_TIME_OPENERS = frozenset({"in", "during", "on", "over", "for", "since", "through", "last", "this"})
_ORDINALS = frozenset({"first", "second", "third", "fourth", "same", "latest"})


def _head_joined(words: list[str], i: int) -> bool:
    """Whether word i is joined to a head just before it: "Shares in (online) travel agency"."""
    return (
        i >= 2 and words[i - 1].lower() in _JOINS
        and words[i - 2].lower() not in FUNCTION_WORDS | _NO_HEAD
        and not _verb_like(words[i - 2].lower())
    )  # fmt: skip


def _last(pattern: re.Pattern[str], text: str) -> re.Match | None:
    """The last match of `pattern` in `text`."""
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _verb_like(word: str) -> bool:
    """Whether a word of the subject's left is rather a verb: "rose", "said", "reported"."""
    return bool(
        CHANGE_VERB.fullmatch(word) or word in _NO_HEAD or word.endswith("ed")
        or word in _AMOUNT_WORDS
    )  # fmt: skip


#: the words an amount ends with, after which "and" opens another clause: "fell 98.1 per cent and"
_AMOUNT_WORDS = frozenset({"cent", "percent", "points", "million", "billion", "trillion", "bn"})


#: the words that join a noun to what it is of, at or from: "the price of oil", "sales at the
#: retailer", "Britain's death toll from the coronavirus", "trips from Stockholm to Gotland"
_JOINS = frozenset({"of", "at", "from", "to", "in", "on", "for", "among"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
_NUMBER_OF = re.compile(r"^(?:total\s+)?number\s+of\s+", re.I)
_ASIDE = re.compile(
    r",\s*(?:for example|for instance|however|in fact|meanwhile),?"
    r"|,\s*(?:whose|who|which)\b[^,]{1,60},",  # "Tesla, whose shares have soared this year,"
    re.I,
)
#: a word, or an amount that stops the subject: "(The group carried 102,122) tonnes of cargo"
_WORD_OR_AMOUNT = re.compile(r"[A-Za-z][\w'’&-]*|\d[\d,.]*\w*")
#: verbs that end the subject of a change from the left: "(Analysts expect) demand for oil"
_NO_HEAD = frozenset(
    {"said", "says", "say", "told", "expect", "expects", "expected", "show", "shows", "showed",
     "found", "reported", "estimate", "estimated", "noted", "added", "warned", "predicted",
     "forecast", "suggest", "suggests", "suggested", "believe", "believes", "think", "thinks",
     "seen", "saw", "see", "sees", "estimates", "predicts", "forecasts", "warns"}
)  # fmt: skip


#: the object of a change and its size: "(to reduce) output by", "(to cut) its costs by"
_OBJECT_BY = re.compile(
    r"\s+(?:its\s+|their\s+|the\s+)?((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+by\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|up\s+to\s+|a\s+further\s+|another\s+)?"
)

_EXPECTED = frozenset(
    {"expected", "projected", "forecast", "predicted", "likely", "set", "due", "poised", "will",
     "would", "could", "may", "might", "be", "planning", "plans", "planned", "aims", "aiming",
     "intends", "wants", "going", "seeking", "trying"}
)  # fmt: skip
#: the words between what changed and the verb of change: "the economy is expected (to contract)"
_BEFORE_THE_VERB = _AUXILIARY | _EXPECTED
_COMPARED = re.compile(
    r"((?:[\w'’&.-]+\s+){1,6}?)(?:were|was|is|are|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|just\s+)?$"
)
_COMPARATIVE_AFTER = re.compile(r"\s+(?:higher|lower|more|less|cheaper|dearer|above|below)\b")


def compared(s: str, q: Quantity) -> str | None:
    """What is higher or lower by the amount: "UK online sales in July were 50% higher than"."""
    if not _COMPARATIVE_AFTER.match(s, q.end):
        return None
    m = _COMPARED.search(s, _clause_start(s, q.start), q.start)
    if m is None:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words) or None


_ADVERBS = frozenset(
    {"only", "however", "also", "just", "still", "already", "further", "even", "meanwhile"}
)
_NOT_A_SUBJECT = FUNCTION_WORDS | _ADVERBS | _BEFORE_THE_VERB
_RELATIVE_BEFORE = re.compile(r"\b(?:which|who|that)\s*$")
_RELATIVE_WORDS = frozenset({"whose", "who", "which", "that"})


def _clause_start(s: str, pos: int) -> int:
    return clause_start(s, pos, PHRASE_STOP)
