"""Find number expressions in English news text and turn each into a bounded quantity.

Words and figures are read by `number_words`, shares in words ("a third of", "four in 10") by
`shares`, multiples ("tripled", "up to 40 times") by `multiples`, currencies and units of
measure by `units`; this module finds the amounts, their hedges and what is no amount.
Every match becomes a `Quantity` with its character span, the words as written, a value and
bounds. One rule per qualifier (the same rule is stated in the `statistics` schema):

- exact ("7,000", "two thousand"): value = value_low = value_high = N.
- approx ("about", "around", "some", "nearly", "almost", "roughly", "an estimated", "or so"):
  value = value_low = value_high = N. The hedge is kept in `qualifier`; no margin is invented,
  so "some 6,700" and "nearly 7,000" are different claims.
- at_least ("more than", "over", "at least", "upwards of", "N or more", "N-plus", and after a verb
  of going past it: "surpassed 875,000", whose span leaves the verb out):
  value = value_low = N, value_high = null (open-ended).
- at_most ("up to", "fewer than", "less than", "under", "at most", "as many as"):
  value = value_high = N, value_low = 0.
- range ("between 15 and 20", "15 to 20", "15-20", "60% to 70%"): value_low, value_high as
  written; value = their midpoint.
- vague ("dozens", "hundreds", "thousands", "tens of thousands", "a few hundred", "several
  dozen"): value = value_low = the lower bound (dozens 24, scores 40, hundreds 200, thousands
  2,000, tens of thousands 20,000, hundreds of thousands 200,000, millions 2,000,000; "a few"
  multiplies the scale by 2 and "several" by 3), value_high = null.

Numbers that are not amounts are returned with `excluded` set to the reason: `age`
("a 73-year-old"), `year` ("in 2014"), `duration` ("after 44 days", "26-year rule"), `time`
("2pm", "1100 GMT"), `date` ("August 9"), `measure` ("tens of miles", "a 20-storey block"),
`label` ("Article 23", "Rossiya 24 TV") and `score` ("a 2-1 decision"). Ordinals ("sixth",
"10th") are never matched.

Amounts of money ("$1.13bn", "£600m", "€2.5 billion", "5 million dollars") have unit `money`,
their span takes in the currency's sign or word, and `currency` is its ISO 4217 code ("$" alone
is USD; `units.currency_of` names the signs and words known). A hedge before the sign counts:
"more than $5m" is at_least 5,000,000. Measures in a known unit ("about 50 hectares", "5km")
have unit `measure` and their span takes in the unit (`units.measure_unit` names it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from flows.annotate.multiples import find_multiples
from flows.annotate.number_words import (
    ATOM,
    FEW,
    FRACTIONS,
    SCALE,
    UNITS,
    VAGUE_SCALES,
    LowerCasePattern,
    parse_amount,
    vague_lower_bound,
)
from flows.annotate.shares import find_shares
from flows.annotate.units import MEASURE_AFTER, MONEY_AFTER, MONEY_BEFORE, currency_of, measure_unit
from flows.lexicons import trie_alternation

_WORDS = (
    rf"(?:(?:a\s+|one\s+|three\s+)?(?:half|quarters?|third)\s+(?:of\s+)?an?\s+(?:million|billion)"
    rf"|(?:(?:{ATOM})[\s-]+|an?\s+)?dozen"
    rf"|(?:a|an)\s+(?:{SCALE})(?:\s+(?:and\s+)?(?:{ATOM})(?:-(?:{ATOM}))?)?"
    rf"|(?:{ATOM})(?:-(?:{ATOM}))?(?:\s+(?:{SCALE}|(?:and\s+)?(?:{ATOM})(?:-(?:{ATOM}))?))*)"
)
_VAGUE = (
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|(?:a\s+few|several|many)\s+(?:dozen|hundred|thousand|million)s?"
    r"|dozens|scores|hundreds|thousands|millions|billions)"
)
_DIGITS = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s+(?:{SCALE})|(?:bn|tn|m|k)(?![\w]))?"
)
# A number written against its unit: "500km", "4GB", "10kg" (a measure, never a count).
_JOINED_UNIT = r"\d+(?:\.\d+)?(?:km/h|km|kg|mm|cm|gb|mb|tb|kwh|kw|mw|gw|mph|ft|lbs|lb|ml)"
_TIME = r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?"
# Every amount starts with a digit or one of these letters: testing that first is cheap.
_FIRST_LETTERS = "".join(
    sorted({w[0] for w in (*UNITS, *FRACTIONS, *VAGUE_SCALES, *FEW, "a", "dozen", "tens")})
)
_AMOUNT = LowerCasePattern(
    rf"(?<![\w.,])(?=[\d{_FIRST_LETTERS}])(?:(?P<time>{_TIME})|(?P<joined>{_JOINED_UNIT}(?![\w]))|(?P<vague>{_VAGUE})"
    rf"|(?P<digits>{_DIGITS})"
    rf"|(?P<words>{_WORDS}))(?![\w]|[.,]\d)"
)
_NUMBER_WORDS = [*UNITS, "scores", "half", "third", "thirds", "quarter", "quarters", "fifth"] + [
    w + s for w in ("dozen", "hundred", "thousand", "million", "billion") for s in ("", "s")
]
# A cheap pre-filter: does a sentence hold anything `find_quantities` could return? (The words
# as a prefix tree, and only at word starts that are letters, so most positions fail at once.)
HAS_NUMBER = re.compile(rf"\d|\b(?=[a-z]){trie_alternation(_NUMBER_WORDS)}\b", re.IGNORECASE)

_QUALIFIERS = [
    ("at_least", r"more\s+than|well\s+over|just\s+over|over|at\s+least|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of"),
    ("at_most", r"up\s+to|fewer\s+than|less\s+than|just\s+under|under|at\s+most|no\s+more\s+than|as\s+many\s+as|a\s+maximum\s+of"),
    ("approx", r"about|around|some|nearly|almost|roughly|approximately|an\s+estimated|estimated|close\s+to|an\s+approximate|approx\.?"),
    ("range", r"between|from"),
]  # fmt: skip
#: a verb of going past an amount, which makes it a lower bound: "surpassed 875,000", "topped
#: the 50,000 mark"
_PASSED = re.compile(
    r"\b(?:surpass(?:ed|es|ing)?|topp(?:ed|ing)|tops|exceed(?:ed|s|ing)?|pass(?:ed|es|ing)|"
    r"went\s+past|gone\s+past)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRE_QUALIFIER = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _QUALIFIERS) + r")\s+$",
    re.IGNORECASE,
)
_POST_QUALIFIER = re.compile(r"^(?:\s+or\s+more\b|-plus\b|\+)|^(?P<approx>\s+or\s+so\b)", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*", re.IGNORECASE)
#: the past forms of a rise or a fall, in one place for the number finder and the statistics
CHANGE_VERBS = (
    r"rose|risen|fell|fallen|increased|decreased|jumped|dropped|climbed|grew|grown|cut|raised|"
    r"raising|lowered|slipped|surged|soared|plunged|declined|doubled|plummeted|tumbled|slumped|"
    r"sank|slid|dipped|spiked|shrank|shrunk|contracted|expanded|eased|rebounded|dived|dove|"
    r"slashed|boosted|reduced|reducing|shaved|shaving|inched|edged"
)
_CHANGE_VERB = re.compile(
    rf"\b(?:{CHANGE_VERBS}|rising|rises|falling|falls|increase|increasing|decrease|decreasing|"
    r"jumps|drops|climbs|changed|revised|moved|advanced|retreated|widened|narrowed|up|down)"
    r"(?:\s+by)?\s+$",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"^(?:\s*%|\s*per\s*cent\b|\s+pct\b)", re.IGNORECASE)
_POINTS = re.compile(r"^\s*percentage\s+points?\b", re.IGNORECASE)

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+(?:\d{{1,2}}\s*(?:,|and|to|-|–|or)\s*)?$")
_MONTH_AFTER = re.compile(rf"^\s+(?:{_MONTHS})\b")
_AGE_AFTER = re.compile(r"^(?:-|\s)(?:years?|months?)[-\s]old\b|^\s*-?(?:yo|y\.o\.)\b", re.I)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age(?:d)?\s+of|ages|at\s+age|(?:died|dies|passed\s+away)\s+(?:at|aged))\s+$",
    re.IGNORECASE,
)
# A number joined to a word is a modifier ("three-finger salute", "10-point plan"), except "-strong".
_COMPOUND_AFTER = re.compile(r"^-(?!strong\b)[a-z]")
_AGE_APPOSITION = re.compile(r"[A-Z][a-z]+,\s+$")
_DURATION = re.compile(
    r"^(?:-|\s+)(?:(?:straight|consecutive|full|long|more|whole|successive|of)\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|"
    r"centuries|century|semesters?|terms?\s+in\s+office)\b",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"^\s*(?:[ap]\.?m\b\.?|GMT|UTC|BST|CET|EST|EDT|PST|PDT|ET|IST|SGT|hrs\b|local\s+time|"
    r"o'clock|h\b)",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Number|number|Article|article|Section|section|Chapter|chapter|page|Page|"
    r"Flight|flight|Route|route|Level|level|Phase|phase|Room|room|Gate|gate|Channel|channel|"
    r"Resolution|resolution|Category|category|Stage|stage|Grade|grade|Term|Covid|COVID|covid|"
    r"Boeing|Airbus|Apollo|Windows|iPhone|Galaxy|Formula|Top|top|PS|Xbox|Series|Season|"
    r"season|Episode|episode|version|Version|model|Model|Type|type|Caption|day|Day)\.?\s+"
    r"|[A-Za-z]-|\bCaption\s+\d+\s+of\s+)$"
)
_MODEL_AFTER = re.compile(r"^-\d*[A-Za-z]*\d[\w-]*|^-\d+[A-Z]")  # "777-300ER", "F-16"
_YEAR_COUNT_AFTER = re.compile(r"^\s+(?:people|persons|men|women|children|of)\b", re.IGNORECASE)
_CAPITALIZED_BEFORE = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’]*\s+$")
_CAPITALIZED_AFTER = re.compile(r"^\s+[A-Z]")
_ONE_NOT_AMOUNT = re.compile(
    r"^\s+(?:of|another|day|time|side|hand|way|thing|another|or\s+two|by\s+one)\b|^['’]s",
    re.IGNORECASE,
)
_NO_ONE_BEFORE = re.compile(r"\b(?:no|any|every|some|the|this|that|which|each)\s+$", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number expression: span, words, bounds, hedge, unit hint and why it is not a claim."""

    start: int
    end: int
    text: str
    value: float
    value_low: float
    value_high: float | None
    qualifier: str
    unit: str
    excluded: str | None = None
    currency: str | None = None
    measure_unit: str | None = None


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in `text`, in order; non-amounts carry an `excluded` reason."""
    lowered = text.lower()
    found = [
        hedged(text, start, end, share, "percent")
        for start, end, share in find_shares(text, lowered)
    ]
    found += [
        hedged(text, start, end, factor, "times")
        for start, end, factor in find_multiples(text, lowered)
    ]
    shares = [(q.start, q.end) for q in found]
    skip_until = 0
    for m in _AMOUNT.finditer(text, lowered):
        if m.start() < skip_until or any(s <= m.start() < e for s, e in shares):
            continue
        quantity = _quantity(text, m)
        if quantity is not None:
            found.append(quantity)
            skip_until = quantity.end
    return sorted(found, key=lambda q: q.start)


def hedged(text: str, start: int, end: int, value: float, unit: str) -> Quantity:
    """The amount at [start, end) with the hedge before it ("more than", "up to", "about")
    taken into its span and bounds."""
    qualifier, low, high = "exact", value, value
    pre = _ending(_PRE_QUALIFIER, text[max(0, start - 40) : start], 24)
    kind = next((k for k, v in pre.groupdict().items() if v), None) if pre else None
    if kind in ("at_least", "at_most", "approx"):
        qualifier, start = kind, start - len(pre.group(0))
        low, high = (
            (value, None) if kind == "at_least" else (0.0 if kind == "at_most" else value, value)
        )
    return Quantity(start, end, text[start:end], value, low, high, qualifier, unit)


def claim_quantities(text: str) -> list[Quantity]:
    """Only the quantities that can be statistics: counts, percentages, percentage points,
    multiples, measures in a known unit and amounts of money in a known currency, not
    excluded."""
    return [
        q
        for q in find_quantities(text)
        if q.excluded is None
        and (q.unit in ("count", "percent", "points", "measure", "times") or q.currency)
    ]


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    start, end = m.start(), m.end()
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if m.group("time"):
        return _make(text, start, end, 0.0, None, "exact", "time", "time")
    if m.group("joined"):
        value = float(re.match(r"[\d.]+", m.group(0)).group(0))
        unit = (
            None if _AT.search(before) else measure_unit(re.sub(r"^[\d.]+", "", m.group(0)) + after)
        )
        joined = _make(
            text, start, end, value, value, "exact", "measure", None if unit else "measure"
        )
        return replace(joined, measure_unit=unit)
    if m.group("vague"):
        low = vague_lower_bound(m.group("vague"))
        if re.match(r"^\s+of\s+(?:years|miles|kilomet|dollars|euros|pounds)", after, re.I):
            return _make(text, start, end, low, None, "vague", "count", "measure")
        return _make(text, start, end, low, None, "vague", "count", None)
    words = m.group("words")
    if (
        words
        and words.lower() == "one"
        and (_ONE_NOT_AMOUNT.match(after) or _NO_ONE_BEFORE.search(before))
    ):
        return None
    value = parse_amount(m.group(0))
    qualifier, low, high = "exact", value, value
    sign = _ending(MONEY_BEFORE, before, 12)
    q_start = start - len(sign.group(0)) if sign else start
    if sign:
        before = before[: sign.start()]
    pre = _ending(_PRE_QUALIFIER, before, 24)
    pre_kind = next((k for k, v in pre.groupdict().items() if v), None) if pre else None
    # Ranges: "15-20", "60% to 70%", "between 15 and 20", "from 15 to 20" (not "rose from 5 to 7").
    range_end = _range_end(text, end, pre_kind, before[: pre.start()] if pre else before, value)
    if range_end is not None:
        second = _AMOUNT.any_case.match(text, range_end[0])
        assert second is not None
        other = parse_amount(second.group(0))
        scale = _scale_of(second.group(0))
        if scale > 1 and _scale_of(m.group(0)) == 1 and value * scale <= other:
            value = low = high = value * scale  # "30 to 50 million": the scale is shared
        if other < value and m.group("digits") and re.match(r"[-–]", text[end : end + 1]):
            return _make(text, start, second.end(), value, value, "exact", "count", "score")
        if other > value:
            low, high, qualifier = value, other, "range"
            end = second.end()
            after = text[end : end + 40]
            if pre_kind == "range":
                q_start = q_start - len(pre.group(0))
    if qualifier == "exact" and pre_kind in ("at_least", "at_most", "approx"):
        qualifier, q_start = pre_kind, q_start - len(pre.group(0))
    elif qualifier == "exact" and _ending(_PASSED, before, 30):
        qualifier = "at_least"  # "surpassed 875,000": more than it, the verb outside the span
    unit = "count"
    for pattern, name in ((_PERCENT, "percent"), (_POINTS, "points")):
        unit_m = pattern.match(after)
        if unit_m:
            unit, end = name, end + unit_m.end()
            after = text[end : end + 40]
            break
    post = _POST_QUALIFIER.match(after)
    if post and qualifier == "exact":
        qualifier = "approx" if post.group("approx") else "at_least"
        end += post.end()
    if qualifier == "at_least":
        high = None
    elif qualifier == "at_most":
        low = 0.0
    point = (low + high) / 2 if qualifier == "range" and high is not None else value
    excluded = None if unit != "count" else _not_an_amount(m, text, start, end, pre_kind, value)
    currency = None
    if excluded == "money" or (sign and unit == "count"):
        word = MONEY_AFTER.match(after) if excluded == "money" else None
        currency = currency_of(
            sign.group(0) if sign else None,
            word and word.group("currency"),
            word.group("country") if word else "",
        )
        if word:
            end += word.end()
        excluded, unit = None, "money"
    elif sign:
        q_start = start
    placed = pre_kind != "range" and _AT.search(before)  # "from two to four" is a range
    named = measure_unit(after) if excluded == "measure" and not placed else None
    stuff = excluded == "measure" and not (placed or named) and _POUNDS_OF_STUFF.match(after)
    if named or stuff:  # "about 50 hectares", "86 pounds of methamphetamine": a measure
        excluded, unit, named = None, "measure", named or "pound"
        end += (_POUNDS.match(after) if stuff else MEASURE_AFTER.match(after)).end()
    return Quantity(
        q_start,
        end,
        text[q_start:end],
        point,
        low,
        high,
        qualifier,
        unit,
        excluded,
        currency,
        named,
    )


_RANGE_SIGN = re.compile(r"(?:US|S|HK|A|C|NZ)?\$|[€£¥₹₽]")


def _scale_of(amount: str) -> float:
    """The scale an amount is written with: 1e6 for "50 million" and "50m", 1 for "50"."""
    number = re.match(r"[\d,]+(?:\.\d+)?", amount.strip())
    if number is None:
        return 1.0
    bare = float(number.group(0).replace(",", ""))
    return parse_amount(amount) / bare if bare else 1.0


def _range_end(
    text: str, end: int, pre_kind: str | None, before_pre: str, value: float
) -> tuple[int] | None:
    """Where the second number of a range starts, if the amount at `end` opens a range; "or"
    joins a range of close amounts only ("two or three occasions", not "1 or 20")."""
    after = text[end : end + 30]
    unit = _PERCENT.match(after)
    offset = unit.end() if unit else 0
    join = _RANGE_JOIN.match(after[offset:])
    if not join:
        return None
    word = join.group(0).strip().lower()
    if word == "and" and pre_kind != "range":
        return None
    if pre_kind == "range" and _ending(_CHANGE_VERB, before_pre, 24):
        return None
    if word == "to" and _ending(_CHANGE_VERB, before_pre, 24) and pre_kind != "range":
        return None
    at = end + offset + join.end()
    sign = _RANGE_SIGN.match(text, at)  # "$20 billion to $30 billion"
    if sign and unit:  # "fell 67 per cent to US$412 million": a change and a level, no range
        return None
    at = sign.end() if sign else at
    second = _AMOUNT.any_case.match(text, at)
    if second is None or not (second.group("digits") or second.group("words")):
        return None
    if word == "or" and not value < parse_amount(second.group(0)) <= 3 * value:
        return None
    return (at,)


#: a measure that places something ("at 200 metres", "within 600 feet of") is no statistic
_AT = re.compile(
    r"\b(?:at|within|from)\s+(?:about\s+|around\s+|some\s+)?(?:\d[\d,.]*\s+(?:or|to)\s+)?$",
    re.IGNORECASE,
)

_POUNDS = re.compile(r"^\s*pounds?\b", re.IGNORECASE)
_SCALED = re.compile(r"(?i)thousand|million|billion|trillion|\dbn|\dm\b")
#: pounds of a thing that is no money: "86 pounds of methamphetamine", not "pounds of funding"
_POUNDS_OF_STUFF = re.compile(
    r"^\s*pounds?\s+of\s+(?!(?:the\s+|extra\s+|new\s+|public\s+|taxpayers['’]?\s+)?(?:funding|money|"
    r"investment|aid|cash|spending|debt|revenue|savings|cuts|support|damage|losses|profits?|sales|"
    r"income|donations|compensation|fines?|bonuses|contracts?|deals?|value|assets|wealth|"
    r"subsidies|grants?|loans?|[A-Z])\b)[a-z]",
)
_WEIGHT = re.compile(
    r"\b(?:weigh(?:s|ed|ing)?|lost|gained|heavy|heavier|lighter)\b[^.;]{0,25}$", re.I
)


def _not_an_amount(
    m: re.Match[str], text: str, start: int, end: int, pre_kind: str | None, value: float
) -> str | None:
    """Why the number at `m` is not an amount of things (None when it is one)."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    raw = m.group(0)
    if _AGE_AFTER.match(after) or _ending(_AGE_BEFORE, before, 24):
        return "age"
    if _AGE_APPOSITION.search(before) and re.match(r"^,", after) and 1 <= value <= 120:
        return "age"
    if _DURATION.match(after):
        return "duration"
    if _TIME_AFTER.match(after):
        return "time"
    weighed = _WEIGHT.search(before) and not _SCALED.search(raw)  # not "lost £5 million"
    if (weighed and _POUNDS.match(after)) or _POUNDS_OF_STUFF.match(after):
        return "measure"  # "estimated to weigh 771 pounds", "86 pounds of methamphetamine"
    if MONEY_AFTER.match(after):
        return "money"
    if MEASURE_AFTER.match(after):
        return "measure"
    if _COMPOUND_AFTER.match(after) or (
        m.group("digits") and raw.isdigit() and re.search(r"(?<![\d,.])\d{1,3}\s$", before)
    ):
        return "label"  # "three-finger salute"; "286 747 Freighters": a model after a count
    if m.group("digits") and (_ending(_MONTH_BEFORE, before, 24) or _MONTH_AFTER.match(after)):
        return "date"
    is_year_shaped = re.fullmatch(r"1[5-9]\d\d|20\d\d", raw) is not None
    if is_year_shaped and pre_kind in (None, "range") and not _YEAR_COUNT_AFTER.match(after):
        return "year"
    if m.group("digits") and (_ending(_LABEL_BEFORE, before, 24) or _MODEL_AFTER.match(after)):
        return "label"
    if (
        m.group("digits")
        and "," not in raw
        and _CAPITALIZED_BEFORE.search(before)
        and _CAPITALIZED_AFTER.match(after)
    ):
        return "label"
    if m.group("words") and text[start].isupper() and _ending(_MID_SENTENCE, before, 24):
        return "label"  # a capitalised number word inside a sentence names: "Shokutsu Ten", "Six Nations"
    return None


_MID_SENTENCE = re.compile(r"[a-z,;’'][\s\w’']*\s$")


def _ending(pattern: re.Pattern[str], before: str, width: int) -> re.Match[str] | None:
    """`pattern`, which ends at the end of `before`, looked for in its last `width` characters
    only: the words before an amount are short, and most searches fail."""
    return pattern.search(before, max(0, len(before) - width))


def _make(
    text: str,
    start: int,
    end: int,
    low: float,
    high: float | None,
    qualifier: str,
    unit: str,
    excluded: str | None,
) -> Quantity:
    return Quantity(start, end, text[start:end], low, low, high, qualifier, unit, excluded)
