"""What an amount that no people metric claims is: a rate, a sum of money or a count of things.

Percentages and percentage points take the nearest rate metric named within a dozen words
(turnout, inflation, growth...), else `change` after a verb of change ("rose 3%", "fell by a
third") or `rate`. Amounts of money take the nearest money metric's word (aid, fine, cost...),
else `money`; their unit is the currency. Any other count keeps its counted noun phrase
("200 homes", "3 million doses of vaccine"): family `people` when the noun names people, else
`count` with the noun as its unit (from THINGS_MIN up, or at any size for the incidents and
records the lexicon lists; people from PEOPLE_MIN). `measure` is always what is counted, in
the article's words (`flows.extract.noun_phrases`). Limits ("gatherings of more than six
people"), denominators and counts per head are no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flows.annotate import Quantity
from flows.extract.changes import CHANGE_VERB, changed, compared, is_change
from flows.extract.clauses import PHRASE_STOP, TOKEN, clause_end, clause_start
from flows.extract.deeds import done_to
from flows.extract.descriptions import description, says_when
from flows.extract.noun_phrases import (
    FUNCTION_WORDS,
    amount_at,
    counted_phrase,
    head_noun,
    is_people_noun,
    listed_phrase,
    number_of,
    predicate_at,
    with_predicate,
)
from flows.extract.subjects import before_of
from flows.extract.vocabulary import DEMONYM, Vocabulary, lexicon_matches, singular

#: how far (in words) a rate's or a sum's metric word may stand from the amount.
WINDOW = 12

#: a count no metric names is data from these sizes on: the general-news gold wants "seven
#: children" and "two attackers", but "two crashes" and "three reasons" are narrative.
PEOPLE_MIN = 2

THINGS_MIN = 10

#: a small count after a definite determiner refers back to things, it does not count them
_DEFINITE = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|both|all|between)\s+$", re.IGNORECASE
)


def _named_before(s: str, q: Quantity) -> bool:
    """Whether the amount follows a definite determiner: "the two countries", "its three sites"."""
    return _DEFINITE.search(s, max(0, q.start - 12), q.start) is not None


@dataclass(frozen=True)
class Measured:
    """The metric, family, unit and measure of an amount, and whom it is about."""

    metric: str
    family: str
    unit: str
    measure: str | None
    subject: str | None = None


#: a number that is a limit, not a count: "gatherings of more than six people", "capped at 30",
#: "a limit of 50"; a denominator or a rate per head: "per 100,000", "57 deaths per 100,000".
_LIMIT_BEFORE = re.compile(
    r"\b(?:(?:limit|cap|ceiling|maximum|threshold)\s+of|(?:limited|capped|restricted)\s+(?:to|at)"
    r"(?:\s+a\s+maximum\s+of)?|(?:illegal|banned|prohibited)\s+for|per|(?:for|in)\s+every)\s+$",
    re.IGNORECASE,
)

_GATHERING_OF = re.compile(
    r"\b(?:gatherings?|groups?|meetings?|events?|parties|weddings?|funerals?)\s+(?:of|for)\s+$",
    re.I,
)
#: what a bounded number of people may do: "no more than two people can be in the same space";
#: not what may happen to them ("up to 9,100 jobs can be lost" is a projection)
_ALLOWED_AFTER = re.compile(
    r"(?:\s+[a-z]+){1,2}\s+(?:(?:can|may|must|should|will)(?!\s+be\s+(?!allowed|permitted|in\b)"
    r"[a-z]+)|are\s+(?:allowed|permitted))\b"
)

_PER_HEAD_AFTER = re.compile(
    r"(?:\s+[a-zA-Z-]+){0,2}?\s+(?:per|for\s+every|in\s+every)\s+(?:\d[\d,]*|capita|head|"
    r"hundred|thousand|million)\b",
    re.IGNORECASE,
)


def is_limit_or_rate(s: str, q: Quantity) -> bool:
    """Whether the amount at `q` is a limit ("gatherings of more than six people", "capped at
    30"), a denominator ("per 100,000") or a count per head ("57 fatalities per 100,000")."""
    before = s[max(0, q.start - 60) : q.start]
    if _LIMIT_BEFORE.search(before):
        return True
    if q.unit != "count":
        return False
    bounded = q.qualifier in ("at_least", "at_most") and _GATHERING_OF.search(before)
    allowed = q.qualifier == "at_most" and _ALLOWED_AFTER.match(s, q.end)
    return bool(bounded or allowed or _PER_HEAD_AFTER.match(s, q.end))


def measure_other(s: str, q: Quantity, vocab: Vocabulary) -> Measured | None:
    """The rate, sum of money, measure or count the amount at `q` of sentence `s` is, or None
    when it is no data."""
    if q.unit in ("percent", "points"):
        unit = "percent" if q.unit == "percent" else "percentage_point"
        metric, word = _nearest(s, q, vocab, "rate", exclude=("vote_share",))
        if metric is None:
            metric = "change" if is_change(s, q) else "rate"
        if word is not None:  # a named rate: "inflation", unless it says of what or who did
            measure = _phrase_after(s, q, "of") or (
                rate_measure(s, q) if predicate_at(s, q.end) else None
            )
            if measure is None and CHANGE_VERB.search(word):  # "Singapore's economy (shrank)"
                measure = changed(s, q)
            measure = measure or word
        elif metric == "change":  # "a 66.3 per cent rise in food preparations", "sales fell 3%"
            measure = (
                _phrase_after(s, q, _CHANGE_NOUN)
                or (_CUT_BEFORE.search(s, 0, q.start) and _phrase_after(s, q, "of"))
                or changed(s, q)
                or compared(s, q)
                or rate_measure(s, q)
            )
        else:
            measure = rate_measure(s, q)
        return Measured(metric, "rate", unit, measure)
    if q.unit == "times":  # "profits tripled", "rose almost threefold", "four times more"
        verb = q.text.endswith("ed")
        clause = s[_clause_start(s, q.start) : q.start]
        grew = verb or CHANGE_VERB.search(clause) or _RISE_AFTER.match(s, q.end)
        subject = [w for w in clause.split()[-4:] if w.lower() not in FUNCTION_WORDS]
        measure = (" ".join(subject) if verb else None) or changed(s, q) or rate_measure(s, q)
        return Measured("change" if grew else "rate", "rate", "times", measure or None)
    if q.unit == "money" and q.currency:
        metric, word = _nearest(s, q, vocab, "money")
        measure = _phrase_after(s, q, r"in|of|for|on|worth\s+of")
        if measure and (
            (head_noun(measure) or "").lower() in vocab.uncounted or _PERIOD.search(measure)
        ):
            measure = None  # "$412bn in the 12 months to September": a period, not a measure
        after = counted_phrase(s, q)  # "a $500bn fund", not "paid out €30bn worldwide"
        after = None if after and _NOT_A_NOUN_END.search(after) else after
        if after and (done := _done_with(s, q.end)):  # "$455bn invested in climate measures"
            after = done
        moved = changed(s, q) if not (measure or after) and is_change(s, q) else None
        asked = _ASKED_FOR.search(s, max(0, q.start - 40), q.start)
        measure = measure or after or moved or (asked and asked.group(1)) or before_of(s, q)
        return Measured(metric or "money", "money", q.currency, _spent(s, q, measure) or word)
    if q.unit == "measure" and q.measure_unit:  # "about 50 hectares of their land"
        after = counted_phrase(s, q)
        after = None if after and _NOT_A_NOUN_END.search(after) else after
        measure = _phrase_after(s, q, "of") or after or _total_before(s, q)
        moved = changed(s, q) if measure is None and is_change(s, q) else None
        done = _DONE_BEFORE.search(s, max(0, q.start - 40), q.start)
        measure = measure or moved or (done and f"{q.measure_unit}s {done.group(1).lower()}")
        return Measured("count", "count", q.measure_unit, measure)
    phrase = counted_phrase(s, q)
    head = head_noun(phrase) if phrase else None
    if head is None:  # "new registrations dropped by about 200,000"; "the number of X rose to 104"
        phrase = (
            (changed(s, q) if is_change(s, q) else None)
            or number_of(s, q)
            or listed_phrase(s, q)
            or _total_before(s, q)
        )
        head = head_noun(phrase) if phrase else None
    if head is None and q.value >= PEOPLE_MIN and (group := _people_group(s, q)):
        return Measured("count", "people", "person", group)
    if phrase is None or q.value < 2 or q.value <= 100 and _SUPERLATIVE.match(s, q.end):
        return None  # "a ranking of the 10 longest sandbars": the size of a list, not a count
    if head and head.lower() == "times" and (verb := _TIMES_DONE.search(s, 0, q.start)):
        return Measured("count", "count", "time", f"times {verb.group(1).lower()}")
    if head is None or head.lower() in vocab.uncounted:
        return None  # "242 squadron", "the 3M saga": a name, not a count
    named = next(
        (
            m.name
            for m in vocab.metrics
            if m.family == "people" and m.nouns and m.nouns.fullmatch(head)
            and not (m.veto and m.veto.search(s, max(0, q.start - 60), q.end + 60))
        ),
        None,
    )  # fmt: skip
    if named:  # "352 of the 401 Covid-19 deaths", "the number of confirmed infections ... 91"
        return Measured(named, "people", "person", phrase)
    if head.lower() not in _BODIES and (
        vocab.subjects.fullmatch(head) or DEMONYM.match(head) or is_people_noun(head)
    ):
        if q.value < PEOPLE_MIN or (q.value < THINGS_MIN and _named_before(s, q)):
            return None  # "the two candidates" are people named before, not a count
        return Measured("count", "people", "person", with_predicate(s, q, phrase))
    noun = _counted_noun(phrase, head, vocab)
    if q.value < THINGS_MIN and (noun is None or _named_before(s, q)):
        return None  # "three reasons"; "the two countries": things named before, no count
    return Measured("count", "count", singular(noun or head.lower()), phrase)


#: a superlative right after a number names a list's size: "the 10 longest sandbars", "the five
#: most popular"; "six of the 20 largest fires" counts six of them
_SUPERLATIVE = re.compile(
    r"\s+(?!(?:interest|protest|request|forest|harvest|contest|guest|arrest|test|rest|west|quest|"
    r"chest|nest|vest|pest|crest|digest|manifest|suggest)\b)(?:[a-z]{2,}est|most|best|worst|"
    r"least)\b",
    re.IGNORECASE,
)

#: subjects a metric may count ("sanctioned 40 entities") that are no people
_BODIES = frozenset({"companies", "firms", "entities", "company", "firm", "entity"})

#: how often something was done to someone: "was shot seven times", "married three times"
_TIMES_DONE = re.compile(
    r"\b(shot|stabbed|hit|struck|punched|kicked|beaten|slashed|married|arrested|convicted|jailed|"
    r"fired|tested|vaccinated|attacked|raided|postponed|delayed|rejected|vetoed|elected|divorced)"
    r"\s+(?:(?:him|her|them|it|his\s+\w+|her\s+\w+|with\s+\w+(?:\s+\w+)?|in\s+the\s+\w+)\s+){0,2}"
    r"(?:about\s+|at\s+least\s+|some\s+|more\s+than\s+|up\s+to\s+|nearly\s+)?$",
    re.IGNORECASE,
)


_RISE_AFTER = re.compile(r"\s+(?:rise|increase|jump)")

#: the verb a measure is the object of: "burned at least 261,488 acres", "weighs 3.5 kilograms"
_DONE_BEFORE = re.compile(
    r"\b([a-z]+ed|burnt|grew|ran|drove|flew|covers|covering|spans|produces|weighs|weighing)\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|a\s+record|"
    r"a\s+total(?:\s+of)?)\s+)?$"
)


#: a sum asked for: "launched an appeal in March for $675m", "a bid of $5bn"
_ASKED_FOR = re.compile(
    r"\b((?:appeal|request|bid|plea|application|claim|offer|proposal)s?)\b[^.;,]{0,20}?\s+"
    r"(?:for|of)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|at\s+least\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
#: a sum and the participle that says what it did: "(US$455 billion) invested in", "spent on"
_DONE_WITH = re.compile(
    r"(?:\s*\([^()]{0,40}\))?\s+([a-z]+ed|spent|paid|lent|sent|raised)\s+(in|on|for|to|by)\s+"
)


def _done_with(s: str, pos: int, tail_needed: bool = False) -> str | None:
    """What a sum at `pos` was used for: "invested in climate change measures"; None when no
    participle follows (or, with `tail_needed`, when no phrase follows the preposition)."""
    done = _DONE_WITH.match(s, pos)
    if done is None:
        return None
    tail = counted_phrase(s, amount_at(done.end()))
    if tail is None and tail_needed:
        return None
    return f"{done.group(1)} {done.group(2)} {tail or ''}".strip()


#: a number a group of people is sized by: "an audience of 144.4 million", "a crew of 13"
_GROUP_OF = re.compile(
    r"\b(audience|population|workforce|membership|electorate|congregation|readership|"
    r"viewership|staff|army|crew|labou?r\s+force)\s+of\s+$",
    re.IGNORECASE,
)
_HOME_TO = re.compile(r"\bhome\s+to\s+$", re.IGNORECASE)
#: a singular noun of many people after an amount: "900,000 military and civilian staff",
#: "17 of the current squad", "10 of her staff"
_STAFF_AFTER = re.compile(
    r"\s+(?:of\s+)?((?:(?:the|her|his|its|their|our|[a-z][\w-]*(?:\s+and)?|[A-Z][\w.]*['’]s|Mr|Mrs|Ms)"
    r"\s+){0,3}?"
    r"(?:staff|personnel|workforce|squad|crew|police|family|relatives))\b(?!\s+members?\b|[-\w])"
)
_DETERMINERS = frozenset({"the", "her", "his", "its", "their", "our"})
_TOTAL_BEFORE = re.compile(
    r"((?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w'’-]*)\s+(?:totalled|totaled|numbered|"
    r"stood\s+at|reached|topped|exceeded|of)\s+$"
)


def _people_group(s: str, q: Quantity) -> str | None:
    """The group of people an amount sizes: "an audience of", "10 of her staff"; else None."""
    if group := _GROUP_OF.search(s, max(0, q.start - 30), q.start):
        return group.group(1).lower()
    if _HOME_TO.search(s, max(0, q.start - 20), q.start):
        return "residents"  # "a region home to some 27 million"
    staff = _STAFF_AFTER.match(s, q.end)
    words = staff.group(1).split() if staff else []
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if any(w.lower() in FUNCTION_WORDS and w != "and" for w in words):
        return None  # "1m away from shop staff", "the initial 911 call to police"
    return " ".join(words) or None


def _total_before(s: str, q: Quantity) -> str | None:
    """The noun phrase a total after it counts: "vehicle unit sales totalled 1,751,000", "car
    sales of 1.73 million"."""
    m = _TOTAL_BEFORE.search(s, max(0, q.start - 80), q.start)
    if m is None:
        return None
    words: list[str] = []
    for word in reversed(m.group(1).split()):
        if word.lower() in FUNCTION_WORDS or len(words) == 3:
            break
        words.insert(0, word)
    return " ".join(words) or None


def _counted_noun(phrase: str, head: str, vocab: Vocabulary) -> str | None:
    """The incident or record a phrase counts, which is data however few ("two explosions",
    "four charges", "eight polling stations"; the lexicon's kind=counted nouns); else None."""
    lowered = phrase.lower()
    longer = [w for w in vocab.counted if " " in w and lowered.endswith(w)]
    return longer[0] if longer else (head.lower() if head.lower() in vocab.counted else None)


#: a phrase that names a period: "(in the) second quarter", "(in the) first half"
_PERIOD = re.compile(
    r"\b(?:quarter|half|year|month|week|day|period|season|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)s?$",
    re.IGNORECASE,
)

_NOT_A_NOUN_END = re.compile(
    r"(?:wide|wards|apiece|overall|abroad|alone|ago|back|each|due|away|long|high|deep|tall|"
    r"thick|across|apart|below|above)$",
    re.I,
)

_CHANGE_NOUN = (
    r"(?:rise|fall|increase|decrease|drop|gain|decline|jump|surge|growth|slump|cut|reduction|"
    r"contraction|expansion|plunge)\s+in"
)


def _nearest(
    s: str, q: Quantity, vocab: Vocabulary, family: str, exclude: tuple[str, ...] = ()
) -> tuple[str | None, str | None]:
    """The metric of `family` whose word stands nearest the amount within WINDOW words, and
    that word; (None, None) when there is none."""
    best: tuple[int, int, str, str] | None = None
    lo, hi = _clause_start(s, q.start), clause_end(s, q.end, PHRASE_STOP)
    for rank, metric in enumerate(vocab.metrics):
        if metric.family != family or metric.name in exclude:
            continue
        if metric.veto and metric.veto.search(s, lo, hi):
            continue
        for m in lexicon_matches(metric.verbs, s, lo, hi):
            if m.start() < q.end and m.end() > q.start:
                continue
            gap = s[q.end : m.start()] if m.start() >= q.end else s[m.end() : q.start]
            distance = len(TOKEN.findall(gap))
            if distance <= WINDOW and (best is None or (distance, rank) < best[:2]):
                word = (
                    m.group(0) if sum(c.isupper() for c in m.group(0)) > 1 else m.group(0).lower()
                )
                best = (distance, rank, metric.name, word)  # "GDP" keeps its capitals
    return (best[2], best[3]) if best else (None, None)


def _clause_start(s: str, pos: int) -> int:
    return clause_start(s, pos, PHRASE_STOP)


def rate_measure(s: str, q: Quantity) -> str | None:
    """What a rate is of: "of <phrase>" after it, else what the share did when a verb follows
    it ("7% said they abused opioids", of the group an earlier share in the sentence names),
    else the words after it, else before it."""
    measure = _phrase_after(s, q, "of|among")
    if measure is None and (said := predicate_at(s, q.end)):
        base = _SHARE_OF.findall(s, 0, q.start)
        return f"{base[-1]} {said}" if base else said
    measure = measure or counted_phrase(s, q) or before_of(s, q)
    return with_predicate(s, q, _past_the_number(s, q, measure)) if measure else measure


#: the group an earlier share of the sentence is of: "22% of teens said ..."
_SHARE_OF = re.compile(
    r"(?:%|\bper\s?cent)\s+of\s+(?:the\s+|all\s+)?([a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?)"
    r"(?=\s+(?:said|say|says|were|are|had|have|saw|see|think|thought|felt|feel|[a-z]+ed)\b)"
)


def _past_the_number(s: str, q: Quantity, measure: str) -> str:
    """A possessive phrase read on past the number it owns: "80 per cent of China's 4,634
    Covid-19 deaths" measures "China's Covid-19 deaths", not "China's"."""
    if not measure.endswith(("'s", "’s")):
        return measure
    at = s.find(measure, q.end)
    number = re.match(r"\s+[\d,.]+\s+", s[at + len(measure) :]) if at != -1 else None
    if number is None:
        return measure
    tail = counted_phrase(s, amount_at(at + len(measure) + number.end() - 1))
    return f"{measure} {tail}" if tail else measure


#: a verb that cuts a share of what follows the amount: "(Airbnb is to) cut 25% of its staff"
_CUT_BEFORE = re.compile(
    r"\b(?:cut|cuts|cutting|slash(?:es|ed|ing)?|shed(?:s|ding)?|axe[sd]?|axing|lay(?:s|ing)? off"
    r"|laid off|reduc(?:e|es|ed|ing)|trim(?:s|med|ming)?)\s+(?:about\s+|around\s+|nearly\s+|some\s+"
    r"|roughly\s+|up to\s+|almost\s+)?$",
    re.I,
)


def _phrase_after(s: str, q: Quantity, prepositions: str) -> str | None:
    """The counted phrase after one of `prepositions` right after the amount ("£56m in
    donations", "40% of the workforce")."""
    aside = _BRACKETS.match(s, q.end)  # "100 million won (S$116,665) in damages"
    start = aside.end() if aside else q.end
    after = re.match(
        rf"\s+(?:{prepositions})\s+(?:(?:the|its|their|his|her|our|your|my)\s+)?", s[start:]
    )
    if not after:
        return None
    at = start + after.end()
    if amount := _AMOUNT_AHEAD.match(s, at):  # "2.6 per cent of US$455 billion invested in ..."
        return _done_with(s, amount.end(), tail_needed=True)
    return counted_phrase(s, amount_at(at))


_AMOUNT_AHEAD = re.compile(
    r"(?:[A-Z]{1,3}\$|[$€£¥])\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|bn|m|tn)\b)?"
)
_BRACKETS = re.compile(r"\s*\([^()]{0,40}\)")


def _spent(s: str, q: Quantity, measure: str | None) -> str | None:
    """A sum's measure with what was done with it, when a verb before the sum says so: "(the
    bank paid US$2.5 billion) in cash to Malaysia" is "cash paid to Malaysia", "(China spent
    $600bn) on stimulus" is "amount spent by China on stimulus", and a sum with no noun of its
    own is an "amount" ("has earmarked 100 trillion won": "amount earmarked")."""
    aside = _BRACKETS.match(s, q.end)
    end = aside.end() if aside else q.end
    measure = None if measure and says_when(measure) else measure  # "(in the) first (11 months)"
    if not measure or measure.lower() in _TOTALS:  # "A total of $8.8 billion was raised ..."
        deed = done_to(s, q, end) or (description(s, end) if _PASSIVE_NEXT.match(s, end) else None)
        return f"amount {deed}" if deed else measure
    after = _SPENT_ON.match(s, end)
    if after is None or not s.startswith(measure, after.end()):
        return measure
    end = after.end() + len(measure)
    if after.group(1) == "in" and not measure[0].isupper() and after.end() == after.end(1) + 1:
        # "in cash", "in fines": the form the sum took, not "in the effort" it went to
        deed = done_to(s, q, end)
        return f"{measure} {deed}" if deed else measure
    deed = done_to(s, q, end, what=f"{after.group(1)} {s[after.end(1) + 1 : end].strip()}")
    return f"amount {deed}" if deed else measure


#: words that say a sum is a sum, and a passive verb after it: "was raised through"
_TOTALS = frozenset({"total", "sum", "amount", "figure"})
_PASSIVE_NEXT = re.compile(r"\s+(?:was|were|has\s+been|had\s+been|is|are|will\s+be)\s")
#: the preposition between a sum and its noun: "$1.63 billion on tickets", "in cash"
_SPENT_ON = re.compile(r"\s+(in|on|for)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?")
