"""Who gave a number: the source a sentence names for it ("the interior ministry said",
"according to Viasna", "AFP reports"), in the sentence's words; and the body whose data an
article reports ("Data from the Society for Motor Manufacturers and Traders show", "The survey,
conducted by the Pew Internet and American Life Project"), which the figures after it carry.
"""

from __future__ import annotations

import re

from flows.extract.data_sources import BODY, NOT_A_BODY, data_source, is_generic_source
from flows.extract.noun_phrases import FUNCTION_WORDS
from flows.extract.vocabulary import Vocabulary, lexicon_matches, vocabulary
from flows.lexicons import trie_alternation

_AUXILIARIES = frozenset(
    ["are", "is", "was", "were", "been", "be", "being", "had", "has", "have", "will", "would"]
    + ["could", "should", "can", "may", "might", "must", "did", "does", "do", "not", "if"]
)
#: an adverb before a reporting verb: "recently", "initially", "falsely" (not "tally", "daily")
_ADVERB = re.compile(
    r"(?!(?:daily|weekly|monthly|yearly|quarterly|hourly|nightly|family|assembly|tally|rally|"
    r"supply|reply|italy)$)[a-z]{4,}ly"
)
_SAYS = frozenset({"says", "said", "say", "told", "tells"})
_CLAUSE_BREAK = re.compile(r";|\b(?:but|while|whereas|although|however)\b")
_SOURCE_STOP = re.compile(
    r"[,;:“”\"()\[\]—–]|\s-\s|--|\b(?:and(?!\s+[A-Z])|but|while|as|that|after|when)\s"
)
_SOURCE_END = re.compile(
    r"\s(?:and(?!\s+[A-Z])|or|but|who|which|that|while|as|to|for(?!\s+[A-Z])|in|on|at|with|"
    r"after|before|since|when|show|shows|showed|found|suggest|suggests|compared|versus)\s"
)
#: words before a source that belong to the sentence, not to the name
_LEADING = frozenset(
    {"and", "but", "while", "so", "also", "although", "though", "whereas", "where", "when",
     "as", "because", "since", "if", "after", "before", "once", "until", "yet", "meanwhile"}
)  # fmt: skip
_TRAILING = frozenset(
    {"also", "had", "has", "have", "later", "then", "earlier", "showed", "shows", "show",
     "found", "finds", "suggested", "suggests", "indicated", "revealed", "now", "already",
     "based", "compiled", "published", "released"}
)  # fmt: skip
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_LEADING_TIME = re.compile(
    rf"^(?:(?:later|earlier)\s+)?(?:(?:on|last|this|early|late|earlier)\s+)?(?:{_WEEKDAYS}|yesterday|"
    r"today|week|month|"
    r"night|morning)\b[\s,]*",
    re.IGNORECASE,
)
_TRAILING_TIME = re.compile(
    rf"(?:on|last|this|early|late|earlier)\s+(?:{_WEEKDAYS}|week|month|year|night|morning|"
    r"evening|afternoon)",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"\s*(?:in|on|at|to|by|with|during|after|before|from|for)\b", re.I)
_SOURCE_AFTER = re.compile(r"^\s*(?P<src>[^,.;:“”\"()]{2,60}?)\s*(?:[,.;:(]|$)")


def attribution(s: str, start: int, end: int, vocab: Vocabulary | None = None) -> str | None:
    """Who gave the number at [start, end) of sentence `s`, in the sentence's words; None if unsaid."""
    vocab = vocab or vocabulary()
    found: list[tuple[int, str]] = []
    for m in vocab.prefix.finditer(s):
        src = _SOURCE_AFTER.match(s[m.end() :])
        src_words = _SOURCE_END.split(src.group("src"))[0] if src else ""
        lower_ok = bool(src_words.split()) and vocab.source_noun.fullmatch(src_words.split()[-1])
        if src and (name := _clean_source(src_words, vocab, any_case=lower_ok)):
            found.append((_gap(m.start(), m.end(), start, end), name))
    for pattern in (vocab.reporting_verb, vocab.witness_verb, vocab.publish):
        for m in lexicon_matches(pattern, s):
            if m.start() < end and m.end() > start:
                continue
            if m.end() <= start and _CLAUSE_BREAK.search(s, m.end(), start):
                continue
            if pattern is vocab.publish and not re.match(
                r"\s+(?:an?\s+|its\s+|the\s+)?(?:\w+\s+){0,2}(?:list|figures|data|tally|count|report)",
                s[m.end() :],
            ):
                continue
            name = _source_before(s, m.start(), vocab)
            if name is None and s[: m.start()].rstrip().rstrip("\"”’'").rstrip().endswith(","):
                src = _SOURCE_AFTER.match(s[m.end() :])
                after = (
                    src.group("src") if src and not _PREPOSITION.match(src.group("src")) else None
                )
                name = _clean_source(after, vocab) if after else None  # not "said (in a statement)"
            if name and pattern is vocab.witness_verb and not vocab.witness.search(name):
                continue
            if name and not _overlaps_source(s, m.start(), name, start, end):
                found.append((_gap(m.start(), m.end(), start, end), name))
    for m in _FINDING.finditer(s, 0, start):  # "The national drug survey also found ..."
        if not _CLAUSE_BREAK.search(s, m.end(), start) and (who := _researcher(m.group(1))):
            found.append((_gap(m.start(), m.end(), start, end), who))
    for m in _FOUND_BY.finditer(s, 0, start):
        if not _CLAUSE_BREAK.search(s, m.end(), start) and (
            name := _clean_source(_THE_NAME.sub("", m.group("src").rstrip(" ,")), vocab, True)
        ):
            found.append((_gap(m.start(), m.end(), start, end), name))
    if (last := _FOUND_LAST.search(s, end)) and (name := _clean_source(_last_source(last), vocab)):
        found.append((-1, name))  # what the sentence ends on covers all of it
    return min(found)[1] if found else None


def full_name(source: str | None, people: dict[str, str]) -> str | None:
    """A person named by surname alone, or a title and surname, as the article names them in
    full ("Dr Vergeire" -> "Maria Rosario Vergeire", `Reading.people`); any other source as is."""
    m = _SHORT_NAME.fullmatch(source or "")
    return people.get(m.group("surname"), source) if m else source


#: the titles that may stand before a surname ("Dr Vergeire", "Mr Johnson", "Prof. Ferguson")
TITLES = frozenset(
    {"Dr", "Mr", "Mrs", "Ms", "Miss", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Gen",
     "Col", "Capt", "Sen", "Rep", "Gov"}
)  # fmt: skip


def without_titles(name: str) -> str:
    """A name without the titles before it: "Ms Tikhanovskaya" -> "Tikhanovskaya"."""
    return " ".join(w for w in name.split() if w.rstrip(".") not in TITLES)


_SHORT_NAME = re.compile(rf"(?:(?:{'|'.join(sorted(TITLES))})\.?\s+)?(?P<surname>[A-Z][a-z'’-]+)")


#: research that found a figure is its source: "the survey also found", "the study concluded"
_FOUND = (
    r"(?:also\s+)?(?:found|finds|showed|shows|show|concluded|concludes|suggested|suggests|"
    r"revealed|reveals|indicated|indicates|estimated|estimates|identified|identifies|"
    r"calculated|calculates|counted|counts|gave|gives|give|put|puts)\b"
)
_FINDING = re.compile(
    r"\b((?:[Tt]he|[Aa]|[Aa]n|[Tt]his|[Ii]ts|[Tt]heir|[A-Z][\w'’./&-]*)\s+(?:[\w'’/&-]+\s+){0,4}?"
    r"(?:surveys?|study|studies|polls?|reports?|research|analysis|census|review|figures|data"
    r"|statistics)"
    r"|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+(?:[\w-]+\s+)?(?:modelling|modeling|model"
    r"|projections|forecast))"
    rf"(?:\s+(?:released|published|issued|compiled)(?:\s+[\w]+){{0,3}}?)?\s+{_FOUND}"
)
#: research someone did: "An analysis by radio network Cadena Ser found", "a survey of 1,000
#: adults by the Ministry of Culture, Sports and Tourism showed"
_FOUND_BY = re.compile(
    r"\b(?:survey|study|poll|report|research|analysis|review|census|audit|investigation|count|"
    rf"tally)\b[^.;]{{0,80}}?\bby\s+(?P<src>[^.;]{{2,70}}?)\s+{_FOUND}"
)
#: words before a capitalised name that count or date it rather than describe who it is
_NOT_A_DESCRIPTION = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
     "several", "many", "some", "few", "most", "all"}
)  # fmt: skip
#: a capitalised word that is a title or a day, not a name
_NOT_A_NAME = re.compile(rf"(?:dr|mr|mrs|ms|prof|gen|gov|sen|rep|st|{_WEEKDAYS})", re.IGNORECASE)
_THE_NAME = re.compile(r"^the\s+(?=[A-Z])")
#: research named at the end of the sentence: "..., Johns Hopkins University research shows."
_FOUND_LAST = re.compile(
    r",\s+(?P<src>[A-Z][^,.;]{1,60}?\s+(?=(?:research|data|figures|analysis|estimates|statistics"
    r"|count|tally)\s)|(?:official|government|provisional|preliminary)\s+(?:\w+\s+)?"
    r"|(?:[a-z]+\s+){0,2}(?:ministry|department|agency|office|bureau|bank|commission|customs|"
    r"authority|institute|council)\s+)"  # "..., finance ministry data showed."
    r"(?P<data>research|data|figures|analysis|estimates|statistics|count|tally)\s+"
    r"(?:shows?|showed|suggests?|found)\s*\.?\s*$"
)


def _last_source(found: re.Match) -> str:
    """The source of research named at the end of a sentence: the name before the data ("Johns
    Hopkins University (research shows)"), or the data itself when only its kind is said
    ("official figures showed")."""
    src = found.group("src").strip()
    if src[0].isupper() or src.split()[-1] in _BODY_NOUNS:
        return src  # "Johns Hopkins University", "finance ministry"
    return f"{src} {found.group('data')}"


def _researcher(research: str) -> str | None:
    """Who did the research a phrase names: "The Gartner report" -> "Gartner"; "the national
    drug survey" names no one and stays, as do "Official figures"; None for figures that name
    no one ("The ministry's most recent data": the article's data body says whose)."""
    while research.split()[0].lower() in _LEADING and len(research.split()) > 1:
        research = research.split(maxsplit=1)[1]  # "(Yet) polls show"
    words = research.split()[:-1]
    while words and words[0].lower() in ("the", "a", "an", "this", "its", "their"):
        words = words[1:]
    words = [re.sub(r"['’]s?$", "", w) for w in words]  # "Prof Ferguson's (modelling)"
    if any(w.lower() in _DAYS for w in words):
        return None  # "Tuesday's figures": a day, not a source
    named = words and all(w[0].isupper() for w in words) and words[0].lower() not in _OFFICIAL
    if named and not set(words) <= NOT_A_BODY:
        return " ".join(words)
    if words and words[-1].lower() in _BODY_NOUNS and len(words) <= 3:
        return " ".join(words)  # "Central bank (data)", "the health ministry's (figures)"
    if research.split()[-1] in _FIGURES and research.split()[0].lower() not in _OFFICIAL:
        return None
    return research


_FIGURES = frozenset({"figures", "data", "statistics"})
_DAYS = frozenset(_WEEKDAYS.split("|")) | {"today", "yesterday"}
#: the head of a body whose data a phrase names: "Central bank data", "health ministry figures"
_BODY_NOUNS = frozenset(
    {"bank", "ministry", "department", "agency", "office", "bureau", "commission", "university",
     "institute", "council", "authority", "police", "centre", "center", "board"}
)  # fmt: skip
_OFFICIAL = frozenset({"official", "government"})


def _overlaps_source(s: str, verb_start: int, name: str, start: int, end: int) -> bool:
    """True when the source words found before a verb contain the number itself."""
    at = s.rfind(name, 0, verb_start)
    return at != -1 and at < end and at + len(name) > start


_RESULTS = re.compile(
    r"^\s+(?:the\s+|its\s+)?(?:(?:final|preliminary|official|latest|new|election|vote)\s+){0,3}"
    r"(?:results|figures|data|tally|count|toll|numbers)\b",
    re.IGNORECASE,
)


_RESULTS_WORDS = ("results", "figures", "data", "tally", "count", "toll", "numbers")
# Asked of every sentence: a prefix tree, tried only at words starting with one of its letters.
_RESULTS_WORD = re.compile(
    rf"\b(?=[{''.join(sorted({w[0] for w in _RESULTS_WORDS}))}]){trie_alternation(_RESULTS_WORDS)}\b",
    re.IGNORECASE,
)


def announcer(s: str, vocab: Vocabulary) -> str | None:
    """The source of a sentence announcing figures given in the next one ("X announced the results.")."""
    if not _RESULTS_WORD.search(s):
        return None
    for pattern in (vocab.reporting_verb, vocab.publish):
        for m in pattern.finditer(s):
            if _RESULTS.match(s[m.end() :]) and (name := _source_before(s, m.start(), vocab)):
                return name
    return None


def _gap(a: int, b: int, start: int, end: int) -> int:
    return start - b if b <= start else (a - end if a >= end else 0)


def _source_before(s: str, verb_start: int, vocab: Vocabulary) -> str | None:
    """The source named right before a verb at `verb_start`, past an acronym in brackets ("The
    Korea Centres for Disease Control and Prevention (KCDC) said") or an aside between commas
    ("Jack Dorsey, the founder of Twitter, has said")."""
    head = _ACRONYM.sub("", s[:verb_start])
    if aside := _ASIDE_BEFORE.search(head):
        head = aside.group("name")
    stops = list(_SOURCE_STOP.finditer(head))
    chunk = head[stops[-1].end() :] if stops else head
    return _clean_source(chunk, vocab)


_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&.]{1,10}\)")
_ASIDE_BEFORE = re.compile(
    r"(?P<name>(?:^|\s)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}),\s+"
    r"(?:the|a|an|who|whose|which|its|his|her|their)\s[^,]{2,80},"
    r"\s+(?:(?:has|have|had|also|later|then)\s+)*$"
)


def _clean_source(chunk: str, vocab: Vocabulary, any_case: bool = False) -> str | None:
    """The name in the words before a reporting verb, without the conjunction, time or verb
    around it ("although the interior ministry" -> "the interior ministry", "On Wednesday
    Modly" -> "Modly", "the state health department showed" -> "the state health department");
    None when the words name no one."""
    chunk = _LEADING_TIME.sub("", chunk.strip(" \t'\"“”‘’."))
    chunk = _BY_WHOM.sub("", chunk)
    if owned := _OWN_FIGURES.fullmatch(chunk):
        chunk = owned.group(1)
    words = chunk.split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
        if words:
            words = _LEADING_TIME.sub("", " ".join(words)).split()
    while words and (words[-1].lower() in _TRAILING or _ADVERB.fullmatch(words[-1])):
        words = words[:-1]  # "The Ministry of Health has preliminarily (confirmed)"
    owner = next((i for i, w in enumerate(words) if w in ("their", "its", "his", "our")), None)
    if owner:  # "Goldman Sachs recently slashed their growth (estimate)": the name before the verb
        words = words[:owner]
        while (
            words
            and words[-1].islower()
            and (words[-1].endswith(("ed", "ly")) or words[-1] in FUNCTION_WORDS)
        ):
            words = words[:-1]  # "data collected by Dyson of (its purifiers)"
    if len(words) >= 3 and " ".join(words[:3]).lower() in ("the number of", "the total of"):
        return None
    if any(w.lower() in _AUXILIARIES or w.lower() in _SAYS for w in words):
        return None  # "Top Glove says it (expects)"
    while len(words) > 2 and _TRAILING_TIME.fullmatch(" ".join(words[-2:])):
        words = words[:-2]  # "Malaysia on Saturday (recorded)"
    if not words or len(words) > 8 or any(w[0].isdigit() for w in words):
        return None  # "the 2,000 protesters", not "the Covid-19 task force chief"
    source = " ".join(words)
    counted = (  # "some economists", "one official", "many analysts": a source, though vague
        len(words) > 1
        and words[0].lower() in _QUANTIFIERS
        and vocab.source_noun.fullmatch(words[-1]) is not None
    )
    if not counted and (source.lower() in vocab.reject or words[0].lower() in vocab.reject):
        return None
    determiner = words[0].lower() in ("the", "a", "an", "one")
    name = _NAME_AFTER.search(source) if not determiner and words[0].islower() else None
    before = source[: name.start()].split() if name else []
    if (
        0 < len(before) <= 4
        and all(w.replace("-", "").isalpha() and w not in _NOT_A_DESCRIPTION for w in before)
        and not any(w in FUNCTION_WORDS or w.endswith(("ing", "ed")) for w in before)
        and not _NOT_A_NAME.fullmatch(name.group(0))
    ):
        return name.group(0)  # "research company Arora Mobile", "travel data firm ForwardKeys"
    named = (words[0][0].isupper() and not determiner) or (
        determiner and any(w[0].isupper() for w in words[1:])
    )
    if not (any_case or named or vocab.source_noun.fullmatch(words[-1])):
        return None  # lowercase sources must end in a source noun: "police said", "officials say"
    return source


_QUANTIFIERS = frozenset({"some", "many", "one", "several", "most", "other", "two", "three"})
#: the statement or data a source gave, before its name: "a statement from", "a report by"
_BY_WHOM = re.compile(
    r"^(?:(?:(?:an?|the)\s+)?(?:[a-z-]+\s+){0,2}(?:statement|report|survey|study|analysis|tally|"
    r"count|estimates?|data|figures|research)\s+(?:(?:collated|compiled|released|published|"
    r"gathered|collected|conducted)\s+)?(?:from|by|of)|(?:[a-z-]+\s+)?(?:researchers|scientists|"
    r"experts|analysts|economists|officials)\s+(?:from|at)|from(?=\s+the\s+[A-Z]))\s+"
    r"(?:the\s+(?=[A-Z]))?"
)
#: a source's own figures: "Zoom's own numbers"
_OWN_FIGURES = re.compile(
    r"(.+?)['’]s\s+(?:own\s+|latest\s+|official\s+|new\s+)?(?:numbers|figures|data|estimates?|"
    r"count|tally|statistics|research)"
)
#: the capitalised name after a lowercase description of it ("architect Nigel Bell of ECOdesign
#: Architects", "travel data firm ForwardKeys")
_NAME_AFTER = re.compile(
    r"(?<![\w'’-])[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w&.'’-]*)*"
)

#: how many sentences after it a data body is named (or referred to as "the survey") its
#: figures carry it.
DATA_REACH = 4
#: a sentence that refers back to the data ("..., the survey found", "according to the report")
_DATA_AGAIN = re.compile(
    r"\b(?:(?:the|this)\s+(?:survey|poll|study|report|research|analysis|census)\s+(?:also\s+)?"
    r"(?:found|finds|showed|shows|said|says|suggested|suggests|revealed|reveals|indicated|"
    r"indicates)|according\s+to\s+the\s+(?:survey|poll|study|report|research|analysis|census))\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(r"\b(?:figures?|numbers?|data|toll|tally|statistics|count)\b", re.I)


def _names_a_source_only(s: str, vocab: Vocabulary) -> bool:
    """Whether a sentence after a figure gives its source: its subject refers back to the
    figures ("The figures were released by the health ministry"), unlike "Amnesty said
    accounts ... suggested torture"."""
    verb = next(iter(lexicon_matches(vocab.reporting_verb, s)), None)
    subject = s[: verb.start()] if verb else " ".join(s.split()[:4])
    return _BACK_REFERENCE.search(subject) is not None


class Sources:
    """The sources an article's figures inherit when their sentence names none: the data body
    the article reports (`data_source`), or the source of the sentence after when that one holds
    no number and refers back to the figures ("The figures were released by the ministry."),
    else the body (not a person) that gave the last figure of the same metric up to
    `DATA_REACH` sentences before ("MOH said on Monday ... There were six new cases in the
    community": of 25 news2020 rows it gave a source, 16 right, 6 wrong, 3 unclear). Any other
    source of the sentence before is not carried: on the dev gold it cost more sources (168
    right of 284 without it, 164 with it) than it gave."""

    def __init__(self) -> None:
        self._data: tuple[str, int] | None = None
        self._said: dict[str, tuple[str, int]] = {}  # metric -> the body that gave one, where

    def read(self, index: int, sentence: str) -> None:
        """Note the data body sentence `index` names, or refers back to ("the survey found")."""
        if body := data_source(sentence):
            self._data = (body, index)
        elif self._data and _DATA_AGAIN.search(sentence):
            self._data = (self._data[0], index)

    def source(
        self, index: int, own: str | None, after: str | None, vocab: Vocabulary, metric: str
    ) -> str | None:
        """The source of a figure of `metric` in sentence `index` whose own source is `own`;
        `after` is the next sentence when it holds no number."""
        data = self._data if self._data and index - self._data[1] <= DATA_REACH else None
        if own and data and is_generic_source(own):
            self._data = (data[0], index)
            return data[0]
        if own:
            if BODY.search(own):
                self._said[metric] = (own, index)
            return own
        if (
            after
            and _names_a_source_only(after, vocab)
            and (then := attribution(after, 0, 0, vocab))
        ):
            return data[0] if data and is_generic_source(then) else then
        if data:
            return data[0]
        said = self._said.get(metric)
        return said[0] if said and index - said[1] <= DATA_REACH else None
