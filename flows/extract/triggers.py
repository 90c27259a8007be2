"""Event triggers and their modality: the event_triggers and event_modality lexicons compiled,
and the triggers they find in a sentence.

A keyword index (word beginnings listed with each trigger) finds candidate sentences and the
triggers worth trying there; only those patterns run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation

_WORD = re.compile(r"[a-z]+")
_EVENT_NAME = re.compile(
    r"(?:(?!(?:In|On|Since|Until|By|From|Last|Next|Early|Late|Mid|This|That|Each|Every|Since)\b)"
    r"[A-Z][a-z]+ )*(?:March|Rally|Strike|Summit|Protest|Parade|Walk|Chain|Revolution|Uprising)"
    r"(?: (?:of|for|to|against|in) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)*)*"
)
#: where a clause ends: a modality cue or an actor beyond it belongs to another clause.
CLAUSE_BREAK = re.compile(r";|—|–|\bbut\b|\bwhile\b|\bwhereas\b|, (?:which|who|where|after|as)\b")
#: where the clause of a modality cue ends: also a subordinate clause of time or reason ("urged
#: them to return to work after he signed the deal": the signing is not what was urged).
_MODALITY_BREAK = re.compile(
    rf"{CLAUSE_BREAK.pattern}|\b(?:after|before|because|once)\b|\bwhen\b(?! to\b)"
)


class TriggerEntry(LexiconEntry):
    """One event_triggers.json entry: a PLOVER type and mode with its trigger patterns."""

    id: str
    type: str
    mode: str | None = None
    patterns: list[str]
    keywords: list[str]
    context: str | None = None
    exclude: str | None = None
    cased: bool = False
    requires: str | None = None


class ModalityEntry(LexiconEntry):
    """One event_modality.json entry: a cue before or after the trigger."""

    modality: str
    side: str
    pattern: str
    for_types: list[str] | None = None


@dataclass(frozen=True)
class _Trigger:
    entry: TriggerEntry
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    exclude: re.Pattern[str] | None


@dataclass(frozen=True)
class _Rules:
    triggers: tuple[_Trigger, ...]
    by_keyword: dict[str, tuple[int, ...]]
    keyword_lengths: tuple[int, ...]
    keyword_words: re.Pattern[str]
    modality: tuple[tuple[ModalityEntry, re.Pattern[str]], ...]


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in a sentence: its lexicon entry and [start, end) in the sentence."""

    entry: TriggerEntry
    start: int
    end: int


@cache
def rules() -> _Rules:
    """Compiled trigger and modality rules (built once per process)."""
    triggers = []
    for e in load_lexicon("event_triggers", TriggerEntry).entries:
        flags = 0 if e.cased else re.I
        alt = "|".join(f"(?:{p})" for p in e.patterns)
        triggers.append(
            _Trigger(
                e,
                re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags),
                re.compile(e.context, re.I) if e.context else None,
                re.compile(e.exclude, re.I) if e.exclude else None,
            )
        )
    by_keyword: dict[str, list[int]] = {}
    for i, t in enumerate(triggers):
        for k in t.entry.keywords:
            by_keyword.setdefault(k.lower(), []).append(i)
    modality = tuple(
        (m, re.compile(m.pattern, re.I))
        for m in load_lexicon("event_modality", ModalityEntry).entries
    )
    lengths = tuple(sorted({len(k) for k in by_keyword}))
    index = {k: tuple(v) for k, v in by_keyword.items()}
    # The words (runs of a-z) of a lowercased sentence that begin with a keyword.
    letters = trie_alternation(k for k in index if _WORD.fullmatch(k))
    keyword_words = re.compile(rf"(?<![a-z]){letters}[a-z]*")
    return _Rules(tuple(triggers), index, lengths, keyword_words, modality)


def candidate_triggers(sentence: str) -> list[int]:
    """Indexes of the trigger entries whose keywords begin a word of the sentence (cheap)."""
    words = set(rules().keyword_words.findall(sentence.lower()))
    return sorted(set().union(*map(_word_triggers, words)))


@lru_cache(maxsize=200_000)
def _word_triggers(word: str) -> tuple[int, ...]:
    r = rules()
    hits: set[int] = set()
    for n in r.keyword_lengths:
        if n > len(word):
            break
        hits.update(r.by_keyword.get(word[:n], ()))
    return tuple(sorted(hits))


def find_triggers(sentence: str, only: list[int] | None = None) -> list[TriggerHit]:
    """Every trigger in a sentence, exclusions and context applied, sorted by position."""
    hits: list[TriggerHit] = []
    triggers = rules().triggers
    for i in candidate_triggers(sentence) if only is None else only:
        t = triggers[i]
        for m in t.pattern.finditer(sentence):
            if t.context and not t.context.search(sentence):
                break
            if m.group() == "March" and event_name(sentence, m.start(), m.end()) is None:
                continue  # the month, unless a named march ("March for Freedom", "Peace March")
            if not (t.exclude and _excluded(t.exclude, sentence, m.start(), m.end())):
                hits.append(TriggerHit(t.entry, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -h.end, h.entry.type))
    return _drop_descriptive(sentence, hits)


def _excluded(exclude: re.Pattern[str], sentence: str, start: int, end: int) -> bool:
    """True when an exclude match overlaps the trigger (looking 40 characters either side)."""
    lo = max(0, start - 40)
    for m in exclude.finditer(sentence[lo : end + 40]):
        if m.start() + lo < end and m.end() + lo > start:
            return True
    return False


def _drop_descriptive(sentence: str, hits: list[TriggerHit]) -> list[TriggerHit]:
    """Drop a demand or condemnation that only describes a protest ("protesters ... demanding")."""
    if not any(h.entry.type == "PROTEST" for h in hits):
        return hits
    return [
        h
        for h in hits
        if not (
            h.entry.type in ("REQUEST", "ACCUSE")
            and re.match(r"\w+ing\b", sentence[h.start : h.end + 1])
        )
    ]


def modality_of(sentence: str, hit: TriggerHit) -> str:
    """asserted, planned, threatened, hypothetical or negated, from cues around the trigger."""
    left = sentence[max(0, hit.start - 90) : hit.start]
    cut = list(_MODALITY_BREAK.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    right = sentence[hit.end : hit.end + 60]
    for entry, pattern in rules().modality:
        if entry.for_types and hit.entry.type not in entry.for_types:
            continue
        if pattern.search(left if entry.side == "before" else right):
            return entry.modality
    return "asserted"


def event_name(text: str, start: int, end: int) -> str | None:
    """A proper name of the event at [start, end) ("March for Freedom", "Sparkly March")."""
    for m in _EVENT_NAME.finditer(text):
        if m.start() <= start < m.end() or m.start() < end <= m.end():
            name = m.group()
            if " " in name and not re.match(r"(?:March|Summit) \d", name):
                return name
    return None
