"""Names the actors lexicon does not know: persons after a title or an age, before an apposition
("Bernie Sanders, a democratic socialist") or next to a verb of speech, with the fuller spelling
the text gives them ("Mr Cuomo" is Andrew Cuomo); organisations by their heads ("... Ministry",
"... Party"), by what an apposition calls them ("Standard Chartered, the British bank") and by
the acronym they are spelled out with ("(IISS)"). `find_entities` turns them into entity
mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from flows.annotate.gazetteer import PlaceMention, find_places
from flows.annotate.speech import speech_verbs


@dataclass(frozen=True)
class Name:
    """A recognised name at [start, end): as written (`alias`), its fullest spelling (`name`),
    a person's or an organisation's, and a person's gender when a title says it."""

    start: int
    end: int
    alias: str
    name: str
    kind: str
    gender: str | None = None


_TITLES = (
    "President", r"Vice[- ]President", "Prime Minister", "Deputy Prime Minister",
    *(f"{office} Minister" for office in ("Foreign", r"Defen[cs]e", "Interior", "Finance",
      "Health", "Justice", "Economy", "Trade", "Culture", "Education")),
    "Minister", "Chancellor", r"Secretary(?:[- ]General)?", "Secretary of State", "Mr", "Mrs",
    "Ms", "Miss", "Dr", "Prof", "Professor", "Gen", "General", "Colonel", "Col", "Lt", "Captain",
    "Capt", "Sgt", "Senator", "Sen", "Rep", "Representative", "Governor", "Gov", "Mayor", "King",
    "Queen", "Prince", "Princess", "Pope", "Ambassador", "Commissioner", "Chairman",
    "Chairwoman", "Chair", "Speaker", "Judge", "Justice", "Sheikh", "Ayatollah", "Cardinal",
    "Archbishop", "Bishop", "Rev", "Sir", "Dame", "Lord", "Lady", "spokesman", "spokeswoman",
    "spokesperson", "leader", "chief", "director", "head", "analyst", "editor", "activist",
    "lawyer", "coach", "CEO", "founder", "official", "minister", "governor", "mayor",
    "economist", "scientist", "researcher", "professor", "expert", "adviser", "advisor",
    "commander", "manager", "officer", "president", "chairman", "executive", "secretary",
    "commissioner", "scholar", "epidemiologist", "doctor", "critic", "dissident", "blogger",
    "campaigner", "candidate", "journalist", "reporter", "businessman", "businesswoman",
    "tycoon", "billionaire", "lawmaker", "legislator", "congressman", "congresswoman",
    "councillor", "prosecutor", "attorney", "envoy", "diplomat", "novelist", "author",
)  # fmt: skip
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+){0,3}|[A-Z]\.)"
_PARTICLE = r"(?:von der|von|van der|van|de la|de|del|da|al|bin|ben|le|la)"
_NAME = rf"{_NAME_TOKEN}(?: (?:{_PARTICLE} )?{_NAME_TOKEN}){{1,3}}"
# Every title starts with one of these letters: testing that first skips most words cheaply.
_TITLE_LETTERS = "".join(sorted({t[0] for t in _TITLES}))
_TITLED = re.compile(
    rf"\b(?=[{_TITLE_LETTERS}])(?P<title>{'|'.join(_TITLES)})\.?,? "
    rf"(?P<name>{_NAME_TOKEN}(?: (?:{_PARTICLE} )?{_NAME_TOKEN}){{0,3}})"
)
#: titles that are only ever put before a person's name, so that one word after them is a
#: surname ("President Reagan", "Dr Mahathir", "Mr Wang"); with "Mrs", "Ms" and "Miss" a woman's.
_HONORIFIC = re.compile(
    r"Mr|Mrs|Ms|Miss|Dr|President|Prime Minister|Chancellor|Senator|Sen|Rep|Gov|Governor"
    r"|Premier|Ambassador|Mayor|Professor|Prof|Pope|King|Queen|Prince|Princess|Sheikh|Cardinal"
    r"|Archbishop|Ayatollah|Emperor|Empress"
)
_WOMAN = frozenset({"Mrs", "Ms", "Miss"})
#: an age before a name is a person's ("47-year-old Mohinder Singh", "a 25-year-old nurse, Ann Lee")
_AGED = re.compile(rf"\b\d{{1,3}}-year-old (?:[a-z]+, )?(?P<name>{_NAME})")
#: a name that an apposition describes, or an age follows: "Bernie Sanders, a democratic
#: socialist, ...", "Tim Eyman, who ...", "Ann Lee, 47, ..." (what a company or a group is
#: described as makes it an organisation, `_ORG_APPOSITION`).
_APPOSITION_TAIL = re.compile(
    r", (?:(?:a|an|the|who|whose)\b(?P<what>(?: [\w'’-]+){1,4})|\d{1,3},)"
)
#: a name that ends where an apposition starts (found from the apposition back: a comma and
#: "a", "the", "who" are far rarer than capitals, so this is the cheaper way round)
_NAME_ENDING = re.compile(rf"(?=[A-Z])\b(?P<name>{_NAME})$")
_ORG_APPOSITION = re.compile(
    r"\b(?:company|companies|firm|bank|group|party|organi[sz]ation|movement|agency|network|"
    r"carrier|airline|retailer|chain|brand|maker|manufacturer|producer|giant|conglomerate|"
    r"charity|union|body|association|newspaper|broadcaster|channel|outlet|site|platform|app|"
    r"service|operator|fund|club|team|band|show|series|ship|vessel|hospital|school|college|"
    r"university|institute|court|council|committee|department|ministry|office|region|city|"
    r"town|village|province|state|district|county|area|island|river|lake|mountain|country|"
    r"unit|subsidiary|division|developer|start-?up|insurer|lender|supplier|publisher|studio|"
    r"label|museum|gallery|restaurant|hotel|mosque|church|temple|centre|center|venue)\b"
)
#: what no person's name follows: a determiner ("the new Rolls-Royce Ghost, a redesign") or a
#: preposition other than "of" ("Under the Job Retention Scheme, the government ...").
_NOT_BEFORE_A_PERSON = re.compile(
    r"\b(?:the|a|an|this|that|its|their|his|her|our|at|in|on|near|from|into|under|for|with|after"
    r"|before|during|since|by|through|across|to|via|about)\s+(?:[a-z][\w-]*\s+)?$",
    re.I,
)
#: what a work or a thing is described as: neither a person nor an organisation.
_WORK_APPOSITION = re.compile(
    r"\b(?:film|movie|book|album|song|single|game|novel|sequel|documentary|play|musical|"
    r"painting|event|festival|gala|award|prize|law|act|bill|plan|scheme|programme|program|"
    r"operation|disease|virus|drug|vaccine|product|device|car|phone|model)s?\b"
)
_ORG_HEADS = (
    r"Ministry|Council|Commission|Party|Union|Agency|Association|Committee|Court|Office|Bank"
    r"|University|Front|Movement|Guard|Service|Organi[sz]ation|Institute|Group|Company|Corporation"
    r"|Parliament|Assembly|Senate|Congress|Foundation|Fund|Centre|Center|Federation|Alliance"
    r"|Department|Authority|Bureau|Police|Army|Forces|Works|Network|Club|League"
)
_ORG = re.compile(
    rf"(?=[A-Z])\b((?:[A-Z][\w'’.-]+ (?:(?:of|for|and|the) )*)+(?:{_ORG_HEADS})(?: of(?: the)? [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)?)\b"
)
#: a name spelled out before its acronym in brackets
_ACRONYM = re.compile(r"\s\((?P<acronym>[A-Z][A-Z&]{1,7})\)")
_SPELLED_OUT = re.compile(
    r"(?<![\w&'’.-])(?P<name>[A-Z][\w&'’.-]*"
    r"(?:\s+(?:(?:of|for|and|the|on|in|de|du|des)\s+)*[A-Z][\w&'’.-]*){1,8})\s*$"
)
#: a word that makes a spelled-out name a body ("Society for Motor Manufacturers and Traders")
_BODY_WORD = re.compile(rf"(?:{_ORG_HEADS}|Society|Board|Trust|Coalition|Centers|Centres)s?")
_NOT_NAME_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "Its",
        "In",
        "On",
        "At",
        "As",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Until",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Image",
        "Photo",
        "Media",
        "Read",
        "More",
        "Getty",
        "Images",
        "Home",
        "News",
        "World",
        "Europe",
        "Asia",
        "Africa",
        "Also",
        "However",
        "Meanwhile",
        "Many",
        "Some",
        "Several",
        "Most",
        "Other",
        "Others",
        "Protests",
        "Protesters",
        "Police",
        "Riot",
        "Earlier",
        "Later",
        "Last",
        "Next",
        "First",
        "Yet",
        "Still",
        "Asked",
        "According",
        "Unlike",
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Central",
        "State",
        "Ex",
        "Former",
        "Opposition",
        "President",
        "Prime",
        "Minister",
        "Foreign",
        "Interior",
    ]
)
_NOT_PERSON = re.compile(
    rf"{_ORG_HEADS}|Rights|Hall|Square|Street|Avenue|Day|News|Times|Post|Summit|March|Palace"
    r"|Minister|President|Republic|Kingdom|States|Nations|Airport|Station"
    r"|Ltd|Inc|Corp|Co|Pty|Plc|PLC|LLC|Holdings|Bhd|AG|SA|Jr|Sr"
)
_LEADING_TITLE = re.compile(
    r"Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Datuk|Dato|Seri|Tan|Sri|Sheikh|General"
    r"|Gen|Colonel|Captain|Judge|Justice|Senator|Governor|Mayor|King|Queen|Prince|Princess|Pope"
)


@cache
def _speaker_names() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Names next to a speech verb of the attribution lexicon: "Name said", "said Name"."""
    speech = f"(?:{speech_verbs()})"
    # Names start with a capital: (?=[A-Z]) rules out most positions cheaply.
    return (
        re.compile(rf"(?=[A-Z])\b(?P<name>{_NAME})(?:, (?P<what>[^,.;\"“”]{{3,80}}),)? {speech}\b"),
        re.compile(rf"\b{speech},? (?P<name>{_NAME})\b"),
    )


@dataclass(frozen=True)
class _Candidate:
    """A name a cue points at: its words (`name`) from `at`, the title before it, the words
    that describe it (an apposition's), and whether an apposition found it."""

    name: str
    at: int
    title: str | None = None
    what: str | None = None
    apposed: bool = False


def _candidates(text: str) -> Iterator[_Candidate]:
    """The names after a title or an age, before an apposition, next to a speech verb."""
    for m in (*_TITLED.finditer(text), *_AGED.finditer(text)):
        yield _Candidate(m.group("name"), m.start("name"), m.groupdict().get("title"))
    for tail in _APPOSITION_TAIL.finditer(text):
        m = _NAME_ENDING.search(text, max(0, tail.start() - 80), tail.start())
        if m:
            yield _Candidate(m.group("name"), m.start("name"), None, tail.group("what"), True)
    for pattern in _speaker_names():
        for m in pattern.finditer(text):
            yield _Candidate(m.group("name"), m.start("name"), None, m.groupdict().get("what"))


def recognise_names(text: str, spans: bytearray, known: Sequence[str]) -> list[Name]:
    """Names the lexicon does not know: after a title or an age, before an apposition, next to
    a speech verb, organisation heads, bodies spelled out before their acronym; `known` are the
    lexicon's persons in the text, whose fuller names a single word after an honorific ("Mr
    Cuomo") stands for."""
    found: list[Name] = []
    described: list[Name] = []  # organisations an apposition describes
    persons: dict[str, str] = {}
    genders: dict[str, str] = {}
    for hit in _candidates(text):
        head = _head_noun(hit.what or "")
        if _WORK_APPOSITION.fullmatch(head) or (
            hit.apposed and _NOT_BEFORE_A_PERSON.search(text, max(0, hit.at - 30), hit.at)
        ):
            continue
        name = _trim_name(hit.name)
        s = hit.at + hit.name.find(name) if name else -1
        if _ORG_APPOSITION.fullmatch(head):
            if name and " " in name and not overlaps(spans, s, s + len(name)):
                described.append(Name(s, s + len(name), name, name, "organization"))
            continue
        title = hit.title
        honored = title is not None and _HONORIFIC.fullmatch(title) is not None
        if not name or overlaps(spans, s, s + len(name)) or not (" " in name or honored):
            continue
        if any(_NOT_PERSON.fullmatch(w) or _LEADING_TITLE.fullmatch(w) for w in name.split()):
            continue
        persons[name] = name
        if honored and title in _WOMAN or title == "Mr":
            genders[name] = "f" if title in _WOMAN else "m"
        found.append(_person(s, name, name, genders.get(name)))
    full_of = {n: _fuller(n, [*persons, *known]) for n in persons}
    found = [_person(e.start, e.alias, full_of[e.name], genders.get(e.name)) for e in found]
    found += described
    for m in _ORG.finditer(text):
        name = _trim_org(m.group(1))
        s = m.start(1) + m.group(1).find(name)
        if name and not overlaps(spans, s, s + len(name)):
            found.append(Name(s, s + len(name), name, name, "organization"))
    found += _acronyms(text, spans)
    # the fuller spelling wins a surname: "Andrew Cuomo" over the "Cuomo" of "Mr Cuomo"
    surnames = {n.split()[-1]: n for n in sorted(persons, key=lambda n: (" " in n, n))}
    for surname, name in sorted(surnames.items()):
        for start in _whole_word(text, surname):
            found.append(_person(start, surname, full_of[name], genders.get(name)))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    return found


_ARTICLES = frozenset({"a", "an", "the"})
_HEAD_ENDS = frozenset({
    "of", "in", "for", "at", "with", "whose", "who", "which", "that", "from", "on", "to", "and",
    "or", "since", "by", "as", "based",
})  # fmt: skip


def _head_noun(description: str) -> str:
    """The head of a short description ("a unit of Japan's Kirin" -> "unit", "the company's chief
    executive" -> "executive", "a movement founded in 2013" -> "movement"), lowercased."""
    words: list[str] = []
    for word in description.lower().split():
        if word in _HEAD_ENDS or words and word.endswith("ed") and words[-1] not in _ARTICLES:
            break
        words.append(word)
    return words[-1] if words else ""


def _acronyms(text: str, spans: bytearray) -> list[Name]:
    """Organisations a text spells out once with their acronym ("The International Institute
    for Strategic Studies (IISS)"): the full name there, and the name each later acronym stands
    for ("the IISS said")."""
    found: list[Name] = []
    for bracket in _ACRONYM.finditer(text):  # the bracket first: far rarer than capitals
        m = _SPELLED_OUT.search(text, max(0, bracket.start() - 200), bracket.start())
        if m is None:
            continue
        # "... Washington State. Washington State University"
        spelled = m.group("name").split(". ")[-1]
        name, acronym = _trim_org(spelled) or spelled, bracket.group("acronym")
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if acronym[0] != name[0] or not set(acronym) <= set(initials + "&"):
            continue  # "the Fed (US)": not its initials
        words = [*name.split(), "of"]
        if not any(
            _BODY_WORD.fullmatch(w) and words[i + 1] in ("of", "for", "on")
            for i, w in enumerate(words[:-1])
        ):
            continue  # "Goods and Services Tax (GST)": a thing, not a body
        s = m.start("name") + m.group("name").find(name)
        if not overlaps(spans, s, s + len(name)):
            found.append(Name(s, s + len(name), name, name, "organization"))
        for at in _whole_word(text, acronym):
            if at != bracket.start("acronym") and not overlaps(spans, at, at + len(acronym)):
                found.append(Name(at, at + len(acronym), acronym, name, "organization"))
    return found


def _fuller(name: str, names: Sequence[str]) -> str:
    """A one-word name as the fuller name in `names` that holds the word, ending with it if one
    does, the shortest first ("Cuomo" -> "Andrew Cuomo", "Achmad" -> "Achmad Yurianto"); a
    longer name as it is."""
    holding = [n for n in names if " " in n and name in n.split()] if " " not in name else []
    return min(holding, key=lambda n: (n.split()[-1] != name, len(n.split()), n), default=name)


def _whole_word(text: str, word: str) -> Iterator[int]:
    r"""Where `word` occurs in `text` not joined to a letter, digit, underscore or hyphen: the
    matches of `(?<![\w-])word(?![\w-])`, found with str.find instead of a regex per word."""
    n = len(word)
    at = text.find(word)
    while at >= 0:
        if not (_joined(text, at - 1) or _joined(text, at + n)):
            yield at
            at = text.find(word, at + n)
        else:
            at = text.find(word, at + 1)


def _joined(text: str, i: int) -> bool:
    """Whether text[i] exists and is a word character (as in a regex, \\w) or a hyphen."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")


def _person(start: int, alias: str, full: str, gender: str | None = None) -> Name:
    return Name(start, start + len(alias), alias, full, "person", gender)


def _trim_name(name: str) -> str:
    words = re.sub(r"['’]s$", "", name).split()
    while words and (
        words[0] in _NOT_NAME_WORDS
        or _LEADING_TITLE.fullmatch(words[0])
        or _leading_place(words[0], len(words))
    ):
        words = words[1:]
    while words and words[-1] in _NOT_NAME_WORDS:
        words = words[:-1]
    joined = " ".join(words)
    if not words or (found := _places_in(joined)) and found[0].text == joined:
        return ""
    return joined


def _leading_place(word: str, n_words: int) -> bool:
    """A place before a name ("Minsk Mayor ..."): a country always, a town only before two
    more words, since a town's name is also a first name ("Nancy Pelosi", "Florence Lee")."""
    found = _places_in(word)
    return bool(found) and (n_words > 2 or found[0].place.kind == "country")


@cache
def _places_in(words: str) -> tuple[PlaceMention, ...]:
    """The places in a few words of a name (the same names recur: looked up once)."""
    return tuple(find_places(words))


def _trim_org(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAME_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else ""


def overlaps(spans: bytearray, start: int, end: int) -> bool:
    """Whether any character of [start, end) is already taken in `spans`."""
    return any(spans[start:end])
