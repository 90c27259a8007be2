"""Annotate: what the extractors read in an article's text: sentences, time expressions resolved
against the article's one anchor, numbers, places from the gazetteer, and names of people,
organisations and groups.
"""

from __future__ import annotations

from flows.annotate.anchor import (
    dating_expression,
    latest_date_text,
    resolution_anchor,
    time_expressions,
)
from flows.annotate.entities import (
    ENTITY_COLUMNS,
    ActorEntry,
    EntityMention,
    find_entities,
    person_names,
)
from flows.annotate.entity_index import EntityIndex
from flows.annotate.gazetteer import country_names, find_places, lookup
from flows.annotate.numbers import HAS_NUMBER, Quantity, claim_quantities
from flows.annotate.quotations import find_quotations
from flows.annotate.sentences import Sentence, sentences_of, split_sentences
from flows.annotate.speech import attribution_words, speech_verbs
from flows.annotate.temporal import date_for_span, find_time_expressions, forget_memo
from flows.annotate.temporal_expression import TimeExpression

__all__ = [
    "ActorEntry",
    "ENTITY_COLUMNS",
    "EntityIndex",
    "EntityMention",
    "HAS_NUMBER",
    "Quantity",
    "Sentence",
    "TimeExpression",
    "attribution_words",
    "claim_quantities",
    "country_names",
    "date_for_span",
    "dating_expression",
    "find_entities",
    "find_places",
    "find_quotations",
    "find_time_expressions",
    "forget_memo",
    "latest_date_text",
    "lookup",
    "person_names",
    "resolution_anchor",
    "sentences_of",
    "speech_verbs",
    "split_sentences",
    "time_expressions",
]
