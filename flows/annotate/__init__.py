"""Annotate: one reading of each article (`annotate`), the layers every extractor reads:
sentences, time expressions resolved against the article's one anchor, numbers, places from the
gazetteer, names of people, organisations and groups, and quotations with their speakers.
"""

from __future__ import annotations

from flows.annotate.anchor import Anchor, anchor_of, latest_date_text
from flows.annotate.entities import (
    ENTITY_COLUMNS,
    ActorEntry,
    EntityMention,
    find_entities,
    person_names,
)
from flows.annotate.entity_index import EntityIndex
from flows.annotate.gazetteer import PlaceMention, country, country_names, find_places, lookup
from flows.annotate.numbers import HAS_NUMBER, Quantity, claim_quantities
from flows.annotate.quotations import Quotation, find_quotations
from flows.annotate.reading import Reading, ReadSentence, annotate
from flows.annotate.sentences import Sentence, in_gallery_caption, split_sentences
from flows.annotate.speakers import Speech
from flows.annotate.speech import attribution_words, speech_verbs
from flows.annotate.temporal import date_for_span, find_time_expressions
from flows.annotate.temporal_expression import TimeExpression

__all__ = [
    "ActorEntry",
    "Anchor",
    "ENTITY_COLUMNS",
    "EntityIndex",
    "EntityMention",
    "HAS_NUMBER",
    "PlaceMention",
    "Quantity",
    "Quotation",
    "ReadSentence",
    "Reading",
    "Sentence",
    "Speech",
    "TimeExpression",
    "anchor_of",
    "annotate",
    "attribution_words",
    "claim_quantities",
    "country",
    "country_names",
    "date_for_span",
    "find_entities",
    "find_places",
    "find_quotations",
    "find_time_expressions",
    "in_gallery_caption",
    "latest_date_text",
    "lookup",
    "person_names",
    "speech_verbs",
    "split_sentences",
]
