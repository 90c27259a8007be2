"""Actors and places in article text: lexicon aliases, the gazetteer and the names the lexicon
does not know (`flows.annotate.names`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from flows.annotate.gazetteer import Place, PlaceMention, demonym, find_places
from flows.annotate.names import Name, overlaps, recognise_names
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


_DEMONYM_BEFORE = re.compile(r"([A-Z][a-z]+)(?:['’]s?)? $")


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
        if not overlaps(spans, m.start(), m.end()):
            _add(
                taken,
                spans,
                _from_lexicon(text, m.start(), m.end(), idx.by_lower_alias[m.group().lower()]),
            )
    for pm in places:
        if pm.demonym or overlaps(spans, pm.start, pm.end):
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
    for name in recognise_names(text, spans, known):
        _add(taken, spans, _mention_of(name))
    taken.sort(key=lambda e: (e.start, e.end))
    return [
        e for e, nxt in zip(taken, [*taken[1:], None], strict=False) if not _title_of(e, nxt, text)
    ]


def _mention_of(name: Name) -> EntityMention:
    """The entity mention of a recognised name."""
    return EntityMention(
        name.start,
        name.end,
        name.alias,
        stable_id(name.kind, name.name),
        name.name,
        name.kind,
        None,
        name.kind,
        gender=name.gender,
    )


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


def person_names(entities: Iterable[EntityMention]) -> dict[str, str]:
    """Surname -> the fullest spelling the text gives a person found among `entities`: of the
    names of two words or more, the most frequent, then the longest ("Lukashenko" -> "Alexander
    Lukashenko")."""
    counts = Counter(e.alias for e in entities if e.type == "person" and " " in e.alias)
    names: dict[str, str] = {}
    for full, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        names.setdefault(full.split()[-1], full)
    return names


def _add(taken: list[EntityMention], spans: bytearray, mention: EntityMention) -> None:
    if not overlaps(spans, mention.start, mention.end):
        taken.append(mention)
        spans[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
