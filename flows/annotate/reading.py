"""One reading of an article: every layer the extractors read, built once by `annotate`.

Sentences with their offsets; in each sentence its time expressions, found once and resolved
against the article's one anchor (`flows.annotate.anchor`), and its numbers; the places the
gazetteer names; the people, organisations, groups and places of the one recogniser
(`find_entities`), indexed by position; the quotations and who speaks them. Statistics, events
and quotes are functions of a `Reading`: none of them reads the text again for these layers.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from flows.annotate.anchor import Anchor, anchor_of
from flows.annotate.entities import EntityMention, find_entities, person_names
from flows.annotate.entity_index import EntityIndex
from flows.annotate.gazetteer import PlaceMention, find_places, with_us_georgia
from flows.annotate.numbers import HAS_NUMBER, Quantity, claim_quantities
from flows.annotate.quotations import Quotation, find_quotations
from flows.annotate.sentences import Sentence, split_sentences
from flows.annotate.speakers import Speech, attribute_speakers
from flows.annotate.temporal import date_for_span, find_time_expressions
from flows.annotate.temporal_expression import TimeExpression
from flows.model import Article


@dataclass(frozen=True)
class ReadSentence(Sentence):
    """A sentence and what is read in it: its time expressions resolved against the article's
    anchor, and its numbers. Each is computed when first asked for and kept: most sentences
    hold no event and no number, and dating every sentence made extraction a third slower."""

    anchor: Anchor = field(default=Anchor(None, "none"), repr=False)

    @cached_property
    def times(self) -> tuple[TimeExpression, ...]:
        """Its time expressions, resolved against the anchor's day or not."""
        return tuple(find_time_expressions(self.text, self.anchor.day))

    @cached_property
    def year_times(self) -> tuple[TimeExpression, ...] | None:
        """Its time expressions resolved against the anchor's year end; None without one."""
        if self.anchor.year_end is None:
            return None
        return tuple(find_time_expressions(self.text, self.anchor.year_end))

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        """Its numbers (`claim_quantities`)."""
        return tuple(claim_quantities(self.text)) if HAS_NUMBER.search(self.text) else ()

    def dates(self) -> list[TimeExpression]:
        """Its resolved date expressions, in text order."""
        found = [e for e in self.times if e.value]
        found += [e for e in self.year_times or () if e.kind == "explicit" and e.value]
        return sorted(found, key=lambda e: e.start)

    def dating(
        self, start: int, end: int, hidden: Collection[tuple[int, int]] = ()
    ) -> TimeExpression | None:
        """The expression dating its words at [start, end); the expressions at the `hidden`
        spans, which name something else, are blanked out first (`_dating`)."""
        return _dating(self.text, start, end, self.times, self.year_times, hidden)


def _dating(
    text: str,
    start: int,
    end: int,
    times: Sequence[TimeExpression],
    year_times: Sequence[TimeExpression] | None,
    hidden: Collection[tuple[int, int]] = (),
) -> TimeExpression | None:
    """`date_for_span` over `times`, an explicit date without a year taking the year end's
    reading (`year_times`) where the article has one; `hidden` spans blanked out first."""
    for s, e in hidden:
        text = text[:s] + " " * (e - s) + text[e:]
    found = date_for_span(text, start, end, _shown(times, hidden))
    if year_times is None or found is None or found.value or found.kind != "explicit":
        return found
    return date_for_span(text, start, end, _shown(year_times, hidden))


def _shown(
    exprs: Sequence[TimeExpression], hidden: Collection[tuple[int, int]]
) -> list[TimeExpression]:
    return [e for e in exprs if (e.start, e.end) not in hidden] if hidden else list(exprs)


@dataclass(frozen=True)
class Reading:
    """An article and its layers (see the module docstring); built by `annotate`."""

    article: Article
    anchor: Anchor
    sentences: tuple[ReadSentence, ...]
    places: tuple[PlaceMention, ...]
    entities: list[EntityMention]
    index: EntityIndex = field(repr=False, compare=False)
    quotations: tuple[Quotation, ...]
    speeches: tuple[Speech, ...]

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def persons(self) -> list[EntityMention]:
        """The mentions of people, in order."""
        return [e for e in self.entities if e.type == "person"]

    @cached_property
    def people(self) -> dict[str, str]:
        """The fullest spelling the article gives each person (`person_names`)."""
        return person_names(self.persons)

    def dating_between(self, lo: int, hi: int) -> TimeExpression | None:
        """The expression dating the words at [lo, hi) of the text as a whole (a quote's
        attribution clause), from the expressions of its sentences that reach into it."""

        def within(layer: str) -> tuple[TimeExpression, ...]:
            return tuple(
                _clipped(e, s.start - lo, hi - lo)
                for s in self.sentences
                if s.end > lo and s.start < hi
                for e in getattr(s, layer) or ()
                if s.start + e.end > lo and s.start + e.start < hi
            )

        years = None if self.anchor.year_end is None else within("year_times")
        return _dating(self.text[lo:hi], 0, hi - lo, within("times"), years)


def _clipped(e: TimeExpression, by: int, length: int) -> TimeExpression:
    """An expression moved `by` characters, cut to [0, length)."""
    start, end = max(0, e.start + by), min(length, e.end + by)
    return TimeExpression(start, end, e.text, e.value, e.precision, e.kind)


def annotate(article: Article) -> Reading:
    """Read an article once: every layer the extractors need."""
    text = article.text
    anchor = anchor_of(article)
    places = tuple(with_us_georgia(find_places(text), text))
    entities = find_entities(text, places)
    index = EntityIndex(entities)
    quotations = tuple(find_quotations(text))
    return Reading(
        article=article,
        anchor=anchor,
        sentences=tuple(
            ReadSentence(s.start, s.end, s.text, anchor) for s in split_sentences(text)
        ),
        places=places,
        entities=entities,
        index=index,
        quotations=quotations,
        speeches=tuple(attribute_speakers(text, quotations, index)),
    )
