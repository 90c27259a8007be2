"""Actors and places in article text: lexicon aliases, the gazetteer and a name recogniser."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from flows.annotate.gazetteer import Place, PlaceMention, demonym, find_places
from flows.annotate.speech import speech_verbs
from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation
from flows.model import stable_id

ENTITY_COLUMNS = ["entity_id", "name", "type", "alias", "country_code"]


class ActorEntry(LexiconEntry):
    """One actors.json entry: a known actor or a generic role (id starting with generic_)."""

    id: str
    name: str
    aliases: list[str] = []
    type: str
    country_code: str | None = None
    role: str
    gender: str | None = None


@dataclass(frozen=True)
class EntityMention:
    """An actor or place named at [start, end) of a text."""

    start: int
    end: int
    alias: str
    entity_id: str
    name: str
    type: str
    country_code: str | None
    role: str
    place: Place | None = None
    gender: str | None = None

    def as_row(self) -> dict[str, str | None]:
        """The `entity_mentions` record the pipeline collects."""
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "type": self.type,
            "alias": self.alias,
            "country_code": self.country_code,
        }


@dataclass(frozen=True)
class ActorIndex:
    """Compiled alias matchers over the actors lexicon."""

    by_alias: dict[str, ActorEntry]
    by_lower_alias: dict[str, ActorEntry]
    cased: re.Pattern[str]
    uncased: re.Pattern[str]


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
    "campaigner",
)  # fmt: skip
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)"
_PARTICLE = r"(?:von der|von|van der|van|de la|de|del|da|al|bin|ben|le|la)"
_NAME = rf"{_NAME_TOKEN}(?: (?:{_PARTICLE} )?{_NAME_TOKEN}){{1,3}}"
# Every title starts with one of these letters: testing that first skips most words cheaply.
_TITLE_LETTERS = "".join(sorted({t[0] for t in _TITLES}))
_TITLED = re.compile(
    rf"\b(?=[{_TITLE_LETTERS}])(?P<title>{'|'.join(_TITLES)})\.?,? "
    rf"((?:{_NAME_TOKEN}(?: (?:{_PARTICLE} )?{_NAME_TOKEN}){{0,3}}))"
)
#: titles that are only ever put before a person's name, so that one word after them is a
#: surname ("President Reagan", "Dr Mahathir", "Mr Wang"); with "Mrs", "Ms" and "Miss" a woman's.
_HONORIFIC = re.compile(
    r"Mr|Mrs|Ms|Miss|Dr|President|Prime Minister|Chancellor|Senator|Sen|Rep|Gov|Governor"
    r"|Premier|Ambassador|Mayor|Professor|Prof"
)
_WOMAN = frozenset({"Mrs", "Ms", "Miss"})
#: an age before a name is a person's ("47-year-old Mohinder Singh", "a 25-year-old nurse, Ann Lee")
_AGED = re.compile(rf"\b\d{{1,3}}-year-old (?:[a-z]+, )?({_NAME})")
_ORG_HEADS = (
    r"Ministry|Council|Commission|Party|Union|Agency|Association|Committee|Court|Office|Bank"
    r"|University|Front|Movement|Guard|Service|Organi[sz]ation|Institute|Group|Company|Corporation"
    r"|Parliament|Assembly|Senate|Congress|Foundation|Fund|Centre|Center|Federation|Alliance"
    r"|Department|Authority|Bureau|Police|Army|Forces|Works|Network|Club|League"
)
_ORG = re.compile(
    rf"(?=[A-Z])\b((?:[A-Z][\w'’.-]+ (?:(?:of|for|and|the) )*)+(?:{_ORG_HEADS})(?: of(?: the)? [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)?)\b"
)
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
)
_LEADING_TITLE = re.compile(
    r"Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Datuk|Dato|Seri|Tan|Sri|Sheikh|General"
    r"|Gen|Colonel|Captain|Judge|Justice|Senator|Governor|Mayor|King|Queen|Prince|Princess|Pope"
)
_DEMONYM_BEFORE = re.compile(r"([A-Z][a-z]+)(?:['’]s?)? $")


@cache
def _speaker_names() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Names next to a speech verb of the attribution lexicon: "Name said", "said Name"."""
    speech = f"(?:{speech_verbs()})"
    # Names start with a capital: (?=[A-Z]) rules out most positions cheaply.
    return (
        re.compile(rf"(?=[A-Z])\b({_NAME})(?:, [^,.;\"“”]{{3,80}},)? {speech}\b"),
        re.compile(rf"\b{speech},? ({_NAME})\b"),
    )


@cache
def actor_index() -> ActorIndex:
    """Alias tables and compiled matchers of the actors lexicon (built once)."""
    entries = load_lexicon("actors", ActorEntry).entries
    by_alias: dict[str, ActorEntry] = {}
    by_lower: dict[str, ActorEntry] = {}
    for e in entries:
        for alias in (e.name, *e.aliases):
            if alias[:1].isupper() or not alias[:1].isalpha():
                by_alias.setdefault(alias, e)
            else:
                by_lower.setdefault(alias.lower(), e)
    cased = _alternation(by_alias, cased=True)
    uncased = _alternation(by_lower, cased=False)
    return ActorIndex(by_alias, by_lower, re.compile(cased), re.compile(uncased, re.I))


def _alternation(aliases: dict[str, ActorEntry], cased: bool) -> str:
    """A whole-word pattern of the aliases, longest alias first at each position. When case
    matters the start of a word is checked after each alias's first character instead of before
    it, so that the pattern opens with a set of characters the regex engine can skip to."""
    if not cased:
        return r"(?<![\w-])" + trie_alternation(aliases) + r"(?![\w-])"
    by_first: dict[str, list[str]] = {}
    for alias in aliases:
        by_first.setdefault(alias[0], []).append(alias[1:])
    branches = [
        rf"{re.escape(ch)}(?<![\w-]{re.escape(ch)}){trie_alternation(rest)}"
        for ch, rest in sorted(by_first.items())
    ]
    return "(?:" + "|".join(branches) + r")(?![\w-])"


def find_entities(text: str, places: Sequence[PlaceMention]) -> list[EntityMention]:
    """Every actor and place in `text`, non-overlapping, sorted by position; `places` are the
    gazetteer's names in it (`find_places`)."""
    idx = actor_index()
    taken: list[EntityMention] = []
    spans = bytearray(len(text))
    for m in idx.cased.finditer(text):
        _add(taken, spans, _from_lexicon(text, m.start(), m.end(), idx.by_alias[m.group()]))
    for m in idx.uncased.finditer(text):
        if not _overlaps(spans, m.start(), m.end()):
            _add(
                taken,
                spans,
                _from_lexicon(text, m.start(), m.end(), idx.by_lower_alias[m.group().lower()]),
            )
    for pm in places:
        if pm.demonym or _overlaps(spans, pm.start, pm.end):
            continue
        p = pm.place
        etype = "country" if p.kind == "country" else "place"
        _add(
            taken,
            spans,
            EntityMention(
                pm.start,
                pm.end,
                pm.text,
                f"place_{p.country_code}_{p.name}"
                if etype == "place"
                else f"country_{p.country_code}",
                p.name,
                etype,
                p.country_code,
                p.kind,
                p,
            ),
        )
    known = [e.name for e in taken if e.type == "person"]
    for mention in _recognise_names(text, spans, known):
        _add(taken, spans, mention)
    taken.sort(key=lambda e: (e.start, e.end))
    return [
        e for e, nxt in zip(taken, [*taken[1:], None], strict=False) if not _title_of(e, nxt, text)
    ]


def _title_of(e: EntityMention, nxt: EntityMention | None, text: str) -> bool:
    """True for the generic "President" of "Russian President Vladimir Putin"."""
    return (
        nxt is not None
        and e.entity_id.startswith("generic_")
        and nxt.type == "person"
        and text[e.end : nxt.start].strip(" ,") == ""
    )


def _from_lexicon(text: str, start: int, end: int, entry: ActorEntry) -> EntityMention:
    alias = text[start:end]
    if not entry.id.startswith("generic_"):
        return EntityMention(
            start,
            end,
            alias,
            entry.id,
            entry.name,
            entry.type,
            entry.country_code,
            entry.role,
            gender=entry.gender,
        )
    m = _DEMONYM_BEFORE.search(text[max(0, start - 30) : start])
    place = _country_word(m.group(1)) if m else None
    if place is None:
        return EntityMention(start, end, alias, entry.id, entry.name, entry.type, None, entry.role)
    return EntityMention(
        start - len(m.group()),
        end,
        text[start - len(m.group()) : end],
        f"{entry.id}_{place.country_code}",
        f"{demonym(place.country_code) or place.name} {entry.name}",
        entry.type,
        place.country_code,
        entry.role,
    )


def _country_word(word: str) -> Place | None:
    hits = find_places(word)
    if len(hits) == 1 and hits[0].text == word and hits[0].place.kind == "country":
        return hits[0].place
    return None


def _recognise_names(text: str, spans: bytearray, known: Sequence[str]) -> list[EntityMention]:
    """Names the lexicon does not know: after a title or an age, next to a speech verb,
    organisation heads; `known` are the lexicon's persons in the text, whose fuller names a
    single word after an honorific ("Mr Cuomo") stands for."""
    found: list[EntityMention] = []
    persons: dict[str, str] = {}
    genders: dict[str, str] = {}
    for pattern in (_TITLED, _AGED, *_speaker_names()):
        g = pattern.groups  # the name is the last group
        for m in pattern.finditer(text):
            name = _trim_name(m.group(g))
            s = m.start(g) + m.group(g).find(name) if name else -1
            title = m.groupdict().get("title")
            honored = title is not None and _HONORIFIC.fullmatch(title) is not None
            if not name or _overlaps(spans, s, s + len(name)) or not (" " in name or honored):
                continue
            if any(_NOT_PERSON.fullmatch(w) or _LEADING_TITLE.fullmatch(w) for w in name.split()):
                continue
            persons[name] = name
            if honored and title in _WOMAN or title == "Mr":
                genders[name] = "f" if title in _WOMAN else "m"
            found.append(_person(s, name, name, genders.get(name)))
    full_of = {n: _fuller(n, [*persons, *known]) for n in persons}
    found = [_person(e.start, e.alias, full_of[e.name], genders.get(e.name)) for e in found]
    for m in _ORG.finditer(text):
        name = _trim_org(m.group(1))
        s = m.start(1) + m.group(1).find(name)
        if name and not _overlaps(spans, s, s + len(name)):
            found.append(
                EntityMention(
                    s,
                    s + len(name),
                    name,
                    stable_id("organization", name),
                    name,
                    "organization",
                    None,
                    "organization",
                )
            )
    # the fuller spelling wins a surname: "Andrew Cuomo" over the "Cuomo" of "Mr Cuomo"
    surnames = {n.split()[-1]: n for n in sorted(persons, key=lambda n: (" " in n, n))}
    for surname, name in sorted(surnames.items()):
        for start in _whole_word(text, surname):
            found.append(_person(start, surname, full_of[name], genders.get(name)))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    return found


def _fuller(name: str, names: Sequence[str]) -> str:
    """A one-word name as the fuller name in `names` that holds the word, ending with it if one
    does, the shortest first ("Cuomo" -> "Andrew Cuomo", "Achmad" -> "Achmad Yurianto"); a
    longer name as it is."""
    holding = [n for n in names if " " in n and name in n.split()] if " " not in name else []
    return min(holding, key=lambda n: (n.split()[-1] != name, len(n.split()), n), default=name)


def person_names(entities: Iterable[EntityMention]) -> dict[str, str]:
    """Surname -> the fullest spelling the text gives a person found among `entities`: of the
    names of two words or more, the most frequent, then the longest ("Lukashenko" -> "Alexander
    Lukashenko")."""
    counts = Counter(e.alias for e in entities if e.type == "person" and " " in e.alias)
    names: dict[str, str] = {}
    for full, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        names.setdefault(full.split()[-1], full)
    return names


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


def _person(start: int, alias: str, full: str, gender: str | None = None) -> EntityMention:
    return EntityMention(
        start,
        start + len(alias),
        alias,
        stable_id("person", full),
        full,
        "person",
        None,
        "person",
        gender=gender,
    )


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
    if not words or find_places(joined) and find_places(joined)[0].text == joined:
        return ""
    return joined


def _leading_place(word: str, n_words: int) -> bool:
    """A place before a name ("Minsk Mayor ..."): a country always, a town only before two
    more words, since a town's name is also a first name ("Nancy Pelosi", "Florence Lee")."""
    found = find_places(word)
    return bool(found) and (n_words > 2 or found[0].place.kind == "country")


def _trim_org(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAME_WORDS:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else ""


def _overlaps(spans: bytearray, start: int, end: int) -> bool:
    return any(spans[start:end])


def _add(taken: list[EntityMention], spans: bytearray, mention: EntityMention) -> None:
    if not _overlaps(spans, mention.start, mention.end):
        taken.append(mention)
        spans[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
