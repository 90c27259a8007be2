"""Who speaks each quotation: the name (an entity where the text allows, else the words that
describe someone) and the span of the attribution clause ("she said on Monday") it came from.

The clause is looked for after the quote, then before it; a quote inside a reported sentence
goes to that sentence's subject; a quote paragraph with no clause of its own goes on with the
last speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from flows.annotate.entity_index import EntityIndex
from flows.annotate.quotations import Quotation
from flows.annotate.speech import speech_verbs

#: an unnamed speaker worth keeping: "the UN rights chief", "a senior EU official".
_DESCRIPTION = r"(?:the|a|an|one|another)\s+(?:[\w’'-]+\s+){0,4}[\w’'-]+"
_PRONOUN = r"(?:he|she|they|it|He|She|They|It)"
_BEFORE_NOUN = (
    r"[’']s?\s+(?:statement|message|words|tweet|post)\s*[:,]?\s*(?:read|said|added)?\s*:?\s*$"
)
#: the longest speaker named before a quote (in characters).
_BEFORE_REACH = 120
#: how far after a quote its attribution is looked for, and how far before it (characters).
_AFTER_REACH = 160
_BEFORE_LOOK = 200
#: besides speech verbs, verbs that give a reported sentence's quoted words to its subject
#: ("Lukashenko called the protesters “sheep”").
_NAMING_VERBS = r"called|described|slammed|branded|calling"


@dataclass(frozen=True)
class _Patterns:
    """The attribution patterns, built on the attribution lexicon's speech verbs."""

    after: re.Pattern[str]
    before: re.Pattern[str]
    #: how a match of `before` ends: without it there is none, and none starts further back.
    before_tail: re.Pattern[str]
    reported: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """Compile the attribution patterns once per process."""
    speech = f"(?:{speech_verbs()})"
    before_verb = rf"\s+(?:had\s+|has\s+|also\s+)?{speech}(?:\s+\w+){{0,6}}?\s*[:,]?\s*$"
    return _Patterns(
        after=re.compile(
            rf"^[,\s]*(?:(?P<v1>{speech})\s+(?P<s1>[^,.;:“”\"]{{2,80}}?)(?=[,.;:]|$|\s+(?:on|in|at|during|after|before|according)\b)"
            rf"|(?P<s2>[^,.;:“”\"]{{2,80}}?)\s+(?:had\s+|has\s+|also\s+)?{speech}\b)"
        ),
        before=re.compile(
            rf"(?P<s>[^.;“”\"]{{2,{_BEFORE_REACH}}}?){before_verb}"
            rf"|(?P<s3>\w[^.;“”\"]{{1,80}}?){_BEFORE_NOUN}"
        ),
        before_tail=re.compile(rf"{before_verb}|{_BEFORE_NOUN}"),
        reported=re.compile(rf"\b{speech}\b|\b(?:{_NAMING_VERBS})\b"),
    )


#: where a reported sentence may start: after one of these (or at the text's start).
_SENTENCE_STOP = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class Speech:
    """A quotation, its speaker (None when the text does not say) and the [start, end) of the
    attribution clause that named the speaker (None when none did)."""

    quotation: Quotation
    speaker: str | None
    cue: tuple[int, int] | None


def attribute_speakers(
    text: str, quotations: Sequence[Quotation], index: EntityIndex
) -> list[Speech]:
    """The speaker of each quotation of `text`, in order; `index` holds the text's entities."""
    stops = [m.start() for m in _SENTENCE_STOP.finditer(text)]
    found = []
    last_speaker, last_end = None, -1
    for q in quotations:
        speaker, cue = _speaker(text, q.start, q.end, index)
        if speaker is None:
            speaker = _sentence_subject(text, q.start, index, stops)
        if (
            speaker is None
            and last_speaker
            and q.paragraph
            and _at_most_one_break(text, last_end, q.start)
        ):
            speaker = last_speaker  # a quote paragraph goes on with the last speaker
        if speaker:
            last_speaker, last_end = speaker, q.end
        found.append(Speech(q, speaker, cue))
    return found


def _sentence_subject(text: str, q_start: int, index: EntityIndex, stops: list[int]) -> str | None:
    """For a quote inside a reported sentence ("Kuleba said Belarusians would get “entry
    permits”"): the first person (else actor) named earlier in that sentence, when it has a
    speech verb. `stops` are the text's positions of _SENTENCE_STOP, in order."""
    i = bisect_left(stops, q_start)
    start = stops[i - 1] + 1 if i else 0
    clause = text[start:q_start]
    if not _patterns().reported.search(clause):
        return None
    named = [
        e
        for e in index.starting_in(start, q_start)
        if e.type in ("person", "organization", "country")
    ]
    people = [e for e in named if e.type == "person"]
    return (people or named)[0].name if named else None


def _at_most_one_break(text: str, start: int, end: int) -> bool:
    """Whether [start, end) holds at most one paragraph break (looking no further than a second)."""
    first = text.find("\n\n", start, end)
    return first < 0 or text.find("\n\n", first + 2, end) < 0


def _speaker(
    text: str, q_start: int, q_end: int, index: EntityIndex
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker's name and the span of the attribution clause, from after or before the quote."""
    line_end = text.find("\n", q_end, q_end + _AFTER_REACH)
    after = text[q_end : line_end if line_end >= 0 else q_end + _AFTER_REACH]
    patterns = _patterns()
    m = patterns.after.match(after)
    if m:
        group = "s1" if m.group("s1") else "s2"
        s, e = q_end + m.start(group), q_end + m.end(group)
        name = _resolve(text, s, e, index, q_start)
        if name:
            return name, (q_end, q_end + m.end())
    lo = max(0, q_start - _BEFORE_LOOK)
    before = text[max(lo, text.rfind("\n", lo, q_start) + 1) : q_start]
    # Cheap first: without the clause's ending there is no match, and none starts far before it.
    tail = patterns.before_tail.search(before)
    m = patterns.before.search(before, max(0, tail.start() - _BEFORE_REACH)) if tail else None
    if m:
        group = "s" if m.group("s") else "s3"
        offset = q_start - len(before)
        s, e = offset + m.start(group), offset + m.end(group)
        name = _resolve(text, s, e, index, s)
        if name:
            return name, (s, q_start)
    return None, None


def _resolve(text: str, start: int, end: int, index: EntityIndex, limit: int) -> str | None:
    """An entity named in [start, end); a pronoun -> the last person named before `limit` (the
    quote's start); else the words when they name or describe someone."""
    inside = [e for e in index.starting_in(start, end) if e.type != "place"]
    persons = [e for e in inside if e.type == "person"]
    if persons or inside:
        return (persons or inside)[-1].name
    words = text[start:end].strip()
    last = words.split()[-1] if words else ""
    if re.fullmatch(_PRONOUN, last):
        return antecedent(last.lower(), limit, index)
    if re.fullmatch(r"(?:[A-Z][\w’'-]+\s?){1,4}", words) or re.fullmatch(_DESCRIPTION, words):
        return words
    return None


def antecedent(pronoun: str, start: int, index: EntityIndex) -> str | None:
    """ "she" -> the last woman (or person of unknown gender) named before `start`; "he" alike."""
    if pronoun not in ("he", "she"):
        return None
    person = index.last_person(pronoun, start)
    return person.name if person else None
