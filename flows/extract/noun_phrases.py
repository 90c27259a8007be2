"""The noun phrase an amount counts, in the article's words: the words after it up to its
plural head noun ("200 homes", "e-commerce live-streaming sessions", "doses of vaccine"), or a
few words on across a list or a possessive ("28 million mobile, TV and broadband customers",
"1,273 of the ship's roughly 4,800 crew members"), or what "the number of ..." before it names;
whether a plural noun names people ("motorists", not "agreements"); and what the counted noun
did, when the sentence says it next ("people had collected their vouchers").
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.extract.clauses import PHRASE_STOP, TOKEN, clause_end

FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
        "but", "as", "that", "which", "who", "were", "was", "are", "is", "be", "been", "had", "have",
        "has", "will", "would", "could", "may", "might", "than", "more", "less", "its", "their",
        "his", "her", "our", "your", "this", "these", "those", "there", "here", "each", "per",
        "said", "says", "according", "through", "over", "about", "already", "into", "after",
        "before", "during", "since", "under", "against", "across", "via", "up", "down", "out",
        "off", "so", "just", "only", "also", "still", "now", "then", "last", "next", "ago",
        "including", "while", "when", "where", "if", "because", "within", "without", "between",
        "among", "toward", "towards", "upon", "available", "left", "every",
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "send", "sent", "get", "got", "make", "made",
    }
)  # fmt: skip

_EMBEDDED_AMOUNT = re.compile(
    r"^\s*(?:(?:almost|nearly|about|around|some|roughly|approximately|over|more\s+than|"
    r"less\s+than|up\s+to|at\s+least)\s+)?\d[\d.,]*(?:\s+(?:million|billion|thousand))?(?=\s)",
    re.IGNORECASE,
)


def counted_phrase(s: str, q: Quantity) -> str | None:
    """The noun phrase the amount counts: the words right after it up to a function word or a
    clause stop, at most four, ending at its first plural noun unless "of" follows ("200
    homes", "new Covid-19 cases", "doses of vaccine", "e-commerce live-streaming sessions")."""
    tail = re.sub(r"^\s*\([^()]{0,40}\)", "", s[q.end : q.end + 120])[
        :80
    ]  # "$3.9bn (S$5.3bn) deal"
    tail = re.sub(r"^\s+of\s+(?:the\s+|these\s+|those\s+|them\s+)?", " ", tail)
    tail = _EMBEDDED_AMOUNT.sub(" ", tail, count=1)  # "14% of the almost 6,000 cases"
    stop = PHRASE_STOP.search(tail)
    tail = tail[: stop.start()] if stop else tail
    tail = re.split(r"[,.!?]|(?<![\w-])\d", tail)[0]
    words: list[str] = []
    for m in TOKEN.finditer(tail):
        word = m.group(0)
        lowered = word.lower()
        if lowered == "of" and words and len(words) < 3:
            words.append(word)
            continue
        if not words and lowered in ("more", "fewer", "other", "additional", "further", "extra"):
            continue  # "34 more spacecraft", "300 additional workers"
        if lowered in FUNCTION_WORDS or lowered.endswith("ly") or len(words) == 4:
            break
        if (
            words
            and lowered.endswith(("ed", "ing"))
            and lowered not in _ING_NOUNS
            and "-" not in lowered
            and words[-1].lower() != "of"
            and not _gerund_of(words, lowered, _NEXT_WORD.match(tail, m.end()))
        ):
            break  # a verb after the noun: "riot police flooded", "people protesting"
        words.append(word)
        following = _NEXT_WORD.match(tail, m.end())
        if (
            is_plural(word)
            and (len(words) == 1 or words[-2].lower() != "of")
            and not (following and (following.group(1) == "of" or is_plural(following.group(1))))
        ):
            break  # the head noun: "11 million vehicles worldwide", not "crew members"
    while words and words[-1].lower() == "of":
        words.pop()
    return " ".join(words) if words else None


#: -ing words that are nouns after an adjective: "(in) federal funding", "public housing"
_ING_NOUNS = frozenset(
    {"funding", "spending", "financing", "lending", "borrowing", "housing", "training",
     "testing", "trading", "shipping", "marketing", "advertising", "clothing", "parking",
     "seating", "banking", "screening", "building", "manufacturing", "farming", "mining",
     "fishing", "tourism", "healthcare"}
)  # fmt: skip


def _gerund_of(words: list[str], word: str, following: re.Match[str] | None) -> bool:
    """Whether an -ing word ends an of-phrase with no plural head ("counts of human
    trafficking"), where it is a noun, not a verb after one ("doses of vaccine expiring")."""
    lowered = [w.lower() for w in words]
    return (
        word.endswith("ing")
        and "of" in lowered
        and not any(is_plural(w) for w in words[lowered.index("of") + 1 :])
        and (following is None or following.group(1).lower() in ("and", "or"))
    )


#: plurals that do not end in -s, and words in -s that are not plurals.
_PLURAL_WORDS = frozenset(
    {
        "people", "children", "men", "women", "police", "staff", "crew", "personnel", "cattle",
        "sheep", "livestock", "spacecraft", "aircraft", "fish", "deer", "troops", "militia",
        "clergy", "offspring",
    }
)  # fmt: skip

_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")

_NOT_PLURAL = re.compile(
    r"(?:ss|us|is|news|series|'s|’s|(?:polit|econom|phys|athlet|mathemat|statist|logist|eth|"
    r"electron|genet|dynam|linguist|aerob|gymnast|acoust|opt|graph|mechan|robot|analyt)ics)$"
)  # "politics" and "economics" are no plurals; "republics" and "clinics" are


def is_plural(word: str) -> bool:
    """Whether a word looks like a plural noun ("sessions", "people", "policemen")."""
    lowered = word.lower()
    if lowered in _PLURAL_WORDS or (lowered.endswith("men") and len(lowered) > 4):
        return True
    return (
        lowered.endswith("s")
        and (len(lowered) > 3 or word[:-1].isupper())  # "MPs", "CEOs"
        and lowered.isascii()
        and not _NOT_PLURAL.search(lowered)
        and lowered not in FUNCTION_WORDS
    )


def head_noun(phrase: str) -> str | None:
    """The plural noun a counted phrase is about ("vehicles" in "11 million vehicles"; "doses"
    in "doses of vaccine"); None when it names none."""
    words = phrase.split(" of ")[0].split()
    return next((w for w in reversed(words) if is_plural(w)), None)


#: plural nouns of people that no lexicon lists: motorists, Koreans, employees, residents;
#: and the words with those endings that name things.
_PEOPLE_SUFFIX = re.compile(r"(?:ists|ians|ees|ants|ents|[a-z]{3}ers)$")
_THING_SUFFIX = re.compile(
    r"(?:ments|events|incidents|accidents|cents|lists|plants|restaurants|grants|fees|degrees|"
    r"trees|committees|guarantees|pants|elephants|(?:met|lit|cent)(?:er|re)s)$"
)
#: plural nouns ending in -ers that name things or animals, not people ("three computers").
_THINGS_IN_ERS = frozenset({
    "answers", "banners", "barriers", "binders", "blenders", "blisters", "blockbusters",
    "boilers", "boosters", "borders", "boulders", "browsers", "bunkers", "burgers", "burners",
    "cancers", "carriers", "chambers", "chapters", "characters", "chargers", "charters",
    "cheeseburgers", "chillers", "clusters", "computers", "containers", "cookers", "coolers",
    "corners", "covers", "craters", "critters", "cylinders", "diameters", "dinners",
    "disasters", "drawers", "dumpsters", "encounters", "feathers", "fevers", "fighters",
    "filters", "fingers", "flowers", "flyers", "folders", "freezers", "freighters", "gainers",
    "gutters", "hamburgers", "hammers", "hampers", "hangers", "headers", "headquarters",
    "heaters", "helicopters", "holders", "ladders", "lasers", "layers", "ledgers", "letters",
    "lighters", "liners", "lobsters", "lockers", "markers", "matters", "mixers", "monsters",
    "murders", "numbers", "offers", "orders", "otters", "oysters", "panthers", "papers",
    "parameters", "posters", "powers", "printers", "quarters", "rafters", "registers",
    "remainders", "reminders", "retrievers", "rivers", "rollers", "routers", "saucers",
    "scanners", "scooters", "servers", "shelters", "shoulders", "shutters", "skyscrapers",
    "sliders", "sneakers", "speakers", "spiders", "steamers", "stickers", "stoppers",
    "superpowers", "sweaters", "tankers", "tenders", "thermometers", "thrillers", "tigers",
    "timers", "toasters", "towers", "trackers", "trailers", "transfers", "trawlers",
    "triggers", "trousers", "tumblers", "ulcers", "wafers", "waters", "weathers", "wonders",
})  # fmt: skip


def is_people_noun(word: str) -> bool:
    """A plural noun of people by its ending ("motorists", "employees"), not "agreements"."""
    lowered = word.lower()
    return (
        bool(_PEOPLE_SUFFIX.search(lowered))
        and not _THING_SUFFIX.search(lowered)
        and lowered.rsplit("-", 1)[-1] not in _THINGS_IN_ERS  # "pre-orders"
    )


_LISTED = re.compile(
    r"(?:\s*(?:,|\band\b|\bor\b|\bof\b|\bthe\b|[A-Za-z][\w-]*['’]s\b|"
    r"(?:roughly|about|around|some|nearly|almost)\b|\d[\d,.]*|[A-Za-z][\w-]*)){1,7}?"
    r"\s+(?P<head>[A-Za-z][\w-]*s)\b"
)

_LIST_STOPS = frozenset({"and", "or", "of", "the", "roughly", "about", "around", "some", "nearly",
                         "almost"})  # fmt: skip


def listed_phrase(s: str, q: Quantity) -> str | None:
    """The counted noun a few words on, across a list or a possessive ("28 million mobile, TV
    and broadband customers", "1,273 of the ship's roughly 4,800 crew members")."""
    end = clause_end(s, q.end, PHRASE_STOP)
    if s[q.end : q.end + 1] == ",":
        return None  # "a population of 10 million, remains"
    m = _LISTED.match(s, q.end, min(end, q.end + 80))
    if m is None or not is_plural(m.group("head")):
        return None
    words = TOKEN.findall(s[q.end : m.start("head")])
    if any(
        w.lower() in FUNCTION_WORDS and w.lower() not in ("and", "or", "of", "the") for w in words
    ):
        return None
    phrase = [m.group("head")]
    for word in reversed(words):
        if word.lower() in _LIST_STOPS or word[0].isdigit() or "'" in word or "’" in word:
            break
        phrase.insert(0, word)
    return " ".join(phrase[-3:])


_NUMBER_OF = re.compile(
    r"\b(?:number|tally|total|toll|count)\s+of\b(?!.*\b(?:number|tally|total|toll|count)\s+of\b)",
    re.IGNORECASE,
)


def number_of(s: str, q: Quantity) -> str | None:
    """What "the number of ..." before the amount counts ("the number of patients in critical
    condition has surged to 104")."""
    before = _NUMBER_OF.search(s, max(0, q.start - 120), q.start)
    return counted_phrase(s, amount_at(before.end())) if before else None


def amount_at(pos: int) -> Quantity:
    """An empty quantity at `pos`, to read the phrase that follows it."""
    return Quantity(pos, pos, "", 0, 0, 0, "", "")


#: what a share or a group of people did or is, right after its noun: "(of children) had a
#: Facebook account", "(30%) reporting a decline in their romantic lives"
_PREDICATE = re.compile(
    r"\s+((?:also\s+|still\s+|now\s+|already\s+)?(?:had|has|have|are|were|say|said|reporting|"
    r"saying|report|use|own|back|support|oppose|want|believe|plan|live|work|saw|see|think|"
    r"thought|felt|feel|[a-z]+ed|[a-z]{2,}ing)\b"
    r"[^,.;:()—–\"“”]{0,60})"
)


_PREDICATE_END = re.compile(
    r"\s-\s|\s(?:but|and|while|whereas|which|who|as|because|after|before|via|cannot|can|could|"
    r"would|will|should|might|may)\b"
)


#: -ed and -ing words that compare or qualify an amount, or are no verb, rather than say what a
#: group did or is doing
_NOT_A_PREDICATE = frozenset(
    {"compared", "based", "followed", "adjusted", "during", "including", "according",
     "following", "regarding", "concerning", "excluding", "notwithstanding", "pending", "nothing",
     "depending", "assuming", "considering", "telling", "meaning",
     "something", "anything", "everything", "morning", "evening", "spring", "king", "thing",
     "being", "bring", "ceiling", "building", "wedding", "funding", "ring", "string", "sing",
     "sibling", "offspring", "viking", "darling", "shilling", "sterling", "pudding", "swing"}
)  # fmt: skip
#: the words a predicate does not end on: function words and pronouns ("workers knowing they")
_NOT_AT_THE_END = FUNCTION_WORDS | frozenset(
    {"they", "it", "he", "she", "we", "you", "i", "them", "him", "her", "us"}
)  # fmt: skip
#: what a group said runs on through modals ("said they would not get a vaccine").
_SPEECH = re.compile(r"(?:say|says|said|saying)\b")
_SPEECH_END = re.compile(r"\s-\s|\s(?:but|and|while|whereas|which|because)\b")


def with_predicate(s: str, q: Quantity, measure: str) -> str:
    """A measure read on with what its noun did, when the sentence says it next ("about 80% of
    children ... had a Facebook account" measures "children had a Facebook account")."""
    at = s.find(measure, q.end)
    if at == -1 or at - q.end > 40:
        return measure
    if measure.endswith("ing") and " " not in measure:  # "30% reporting a decline in ..."
        at, measure = at - 1, ""
    said = predicate_at(s, at + len(measure))
    return f"{measure} {said}".strip() if said else measure


#: the particles a phrasal verb ends on, and the past forms they follow ("laid off")
_PARTICLES = frozenset({"off", "up", "down", "out", "back", "away", "over"})
_IRREGULAR = r"laid|paid|held|kept|sold|sent|built|shot|caught|brought|left|lost|hit|cut|put|set|shut|made|found|taken|given|broken"
_PAST = re.compile(rf"(?:[a-z]+(?:ed|en)|{_IRREGULAR})", re.IGNORECASE)
#: the auxiliaries and adverbs before a participle, which a measure does without; "have" only
#: before a regular one, which reads as the past ("have crossed"; not "have taken")
_PASSIVE_AUX = re.compile(
    r"(?:(?:are|is|were|was|have\s+been|has\s+been|had\s+been|been|being)\s+"
    r"(?:(?:currently|now|still|already|also|reportedly|being)\s+)*(?=(?:[a-z]+(?:ed|en)|laid|paid"
    r"|held|kept|sold|sent|built|shot|caught|brought|left|lost|cut|put|set|shut|made|found)\b)"
    r"(?!been\b)"
    r"|(?:have|has|had)\s+(?:(?:now|already|also|reportedly)\s+)*(?=[a-z]+ed\b))"
    r"(?![a-z]*men\b|(?:often|even|seven|ten|eleven|children|citizen|garden|kitchen|open)\b)",
    re.IGNORECASE,
)


def predicate_at(s: str, pos: int) -> str | None:
    """What the words from `pos` say a group did or thinks ("said they currently used weed"), up
    to the end of its clause and seven words at most; None when no verb starts there."""
    m = _PREDICATE.match(s, pos)
    if m is None or m.group(1).split()[0].lower() in _NOT_A_PREDICATE:
        return None
    end = _SPEECH_END if _SPEECH.match(m.group(1)) else _PREDICATE_END  # "said they would ..."
    said = end.split(m.group(1))[0]  # "six siblings survived (but the feeling ...)"
    words = said.split()[:7]
    while words and (words[-1].lower() in _NOT_AT_THE_END or not words[-1][0].isalnum()):
        if len(words) > 1 and words[-1].lower() in _PARTICLES and _PAST.fullmatch(words[-2]):
            break  # "were laid off", "have set up": the particle belongs to its verb
        words.pop()  # "... the withdrawal method --", "airline workers knowing (they)"
    passive = _PASSIVE_AUX.match(" ".join(words))
    if passive and len(words) > len(passive.group(0).split()):
        words = words[len(passive.group(0).split()) :]  # "(refugees) are currently stranded"
    return " ".join(words) or None
