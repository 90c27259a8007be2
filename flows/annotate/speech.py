"""The attribution lexicon (flows/lexicons/attribution.json), validated at load: the one list of
the verbs that name who said something, read by every rule that looks for a speaker or a source.

Numbers take their source from its `verb` and `source_verb` words ("the ministry said",
"organisers put the number at"), quoted words their speaker and the name recogniser its names
from its `verb` and `speech_verb` words ("she said", "he asked", "adding:").
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation


class AttributionWords(LexiconEntry):
    """One entry of the attribution lexicon: a kind of words and the words."""

    kind: Literal[
        "verb",
        "source_verb",
        "speech_verb",
        "witness_verb",
        "witness",
        "prefix",
        "publish",
        "reject",
        "source_noun",
    ]
    words: tuple[str, ...]


@cache
def attribution_words() -> dict[str, tuple[str, ...]]:
    """The attribution lexicon's words by kind."""
    by_kind: dict[str, tuple[str, ...]] = {}
    for entry in load_lexicon("attribution", AttributionWords).entries:
        by_kind[entry.kind] = by_kind.get(entry.kind, ()) + entry.words
    return by_kind


@cache
def speech_verbs() -> str:
    """A regex, without groups, of the verbs that say who spoke ("said", "told", "asked"): the
    lexicon's `verb` and `speech_verb` words, the longest first at each position."""
    words = attribution_words()
    return trie_alternation(words.get("verb", ()) + words.get("speech_verb", ()))
