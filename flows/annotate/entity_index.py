"""The entities of one text looked up by position in logarithmic time.

Extractors ask, for every sentence, trigger and quote, which entities lie in a span or which
person was named last before a point. Scanning the article's whole entity list for each of
those made extraction grow with the square of an article's length; these lookups bisect the
sorted positions instead and return exactly what the scans did.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from flows.annotate.entities import EntityMention


class EntityIndex:
    """The mentions of `find_entities` (sorted by position and never overlapping, so both their
    starts and their ends are in order), searchable by position."""

    def __init__(self, entities: list[EntityMention]) -> None:
        self.entities = entities
        self._starts = [e.start for e in entities]
        # For "he" (not a woman) and "she" (not a man): the persons it may stand for.
        self._persons = {
            pronoun: [e for e in entities if e.type == "person" and e.gender != other]
            for pronoun, other in (("he", "f"), ("she", "m"))
        }
        self._person_ends = {p: [e.end for e in ps] for p, ps in self._persons.items()}

    def starting_in(self, lo: int, hi: int) -> list[EntityMention]:
        """The mentions that start in [lo, hi), in order."""
        return self.entities[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def within(self, lo: int, hi: int) -> list[EntityMention]:
        """The mentions that lie wholly in [lo, hi), in order."""
        return [e for e in self.starting_in(lo, hi) if e.end <= hi]

    def last_person(self, pronoun: str, before: int) -> EntityMention | None:
        """The last person that "he" or "she" may stand for who is named by `before`."""
        i = bisect_right(self._person_ends[pronoun], before)
        return self._persons[pronoun][i - 1] if i else None
