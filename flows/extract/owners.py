"""Whom a sum, a rate or a count belongs to: the named company, country, body or person a figure
is about ("JPMorgan's profit plummeted 69%", "Xpeng Motors sold 85 million shares", "a poll
showed Ishiba with 28 per cent"), so that the figures of two owners are never one consensus.

A name counts when it owns the row's measure ("JPMorgan's profit", "shares sold by Xpeng
Motors"), when the measure holds it with no preposition before it ("sales in China" are not
China's), when a share is scored by it ("Ishiba with 28 per cent"), when it is an item of a list
with its amount ("France -72%"), else when it opens the amount's clause ("KFC has 22,500
outlets") and is not the figure's source. Counts of people keep their group as subject
(`flows.extract.people_metrics`), vote shares their candidate.
"""

from __future__ import annotations

import re

from flows.annotate import EntityMention, Quantity
from flows.extract.clauses import PHRASE_STOP, clause_start

#: the kinds of name that own a figure (a city owns none: "sales in London" are placed there)
_OWNERS = frozenset({"organization", "country", "person", "group"})
#: a preposition right before a name makes it no owner: "exports to the US", "sales in China"
_GOVERNED = re.compile(
    r"\b(?:in|at|from|to|into|for|on|against|than|by|over|across|between|among|about|of|"
    r"toward|towards|under|via|per)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: a name that owns the measure: "JPMorgan's profit", "shares sold by Xpeng Motors"
_OWNED = re.compile(
    r"^((?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){0,3})['’]s\b"
    r"|\bby\s+((?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){0,3})"
    r"(?=$|\s+(?:at|in|on|for|to|from|during|over|with)\b)"
)
#: a name scored a share: "Ishiba with 28 per cent", "Biden on 52%"
_SCORED = re.compile(
    r"((?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3})\s+(?:with|on|at)\s+"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|just\s+|only\s+)?$"
)
#: the words between a name and the amount that follows it as its own: "France -72%", "Italy
#: was down -85%"
_RIGHT_BEFORE = re.compile(
    r"(?:['’]s)?\s+(?:(?:was|is|were|are)\s+)?(?:(?:down|up|at|on|with)\s+)?[-–−+]?"
)
#: what opens an item of a list before its name, so that the name is no object ("paid Singapore
#: $15 million"): the start, a comma, a dash, "and", "with", "to", "while"
_ITEM_OPENS = re.compile(
    r"(?:^|[,;:(–—-]|\b(?:and|with|to|while|whereas|versus|vs))\s*(?:the\s+)?$"
)
#: what may come before the name that opens a clause: nothing, an article, an opening phrase
_OPENS = re.compile(r"\W*(?:[^,;]*,\s*)?(?:the\s+)?", re.IGNORECASE)
#: capitalised words that open a sentence but name no one
_NO_NAME = frozenset(
    {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her"}
)


def owner(
    text: str,
    offset: int,
    q: Quantity,
    entities: list[EntityMention],
    measure: str | None,
    source: str | None,
) -> str | None:
    """The name the figure at `q` of sentence `text` (starting at `offset` in the article)
    belongs to, or None; `entities` are the sentence's names."""
    named = [e for e in entities if e.type in _OWNERS and e.name[:1].isupper() and e.name != source]
    if q.unit in ("percent", "points") and (score := _SCORED.search(text, 0, q.start)):
        name = score.group(1)  # "a poll showed Ishiba with 28 per cent", "Biden on 52%"
        if name.split()[0] not in _NO_NAME:
            return next((e.name for e in named if e.alias == name), name)
    own = _OWNED.search(measure) if measure else None
    if own and (name := own.group(1) or own.group(2)).split()[0] not in _NO_NAME:
        return next((e.name for e in named if e.alias == name), name)
    if measure:
        held = next(
            (e for e in named if (at := measure.find(e.alias)) != -1
             and not _GOVERNED.search(measure, 0, at)),
            None,
        )  # fmt: skip
        if held is not None:
            return held.name
    listed = next(
        (e for e in reversed(named)
         if e.end - offset <= q.start and _RIGHT_BEFORE.fullmatch(text, e.end - offset, q.start)
         and _ITEM_OPENS.search(text, 0, e.start - offset)
         and (q.unit in ("percent", "points") or "with" not in text[e.end - offset : q.start])),
        None,
    )  # fmt: skip
    if listed is not None:
        return listed.name  # "Italy was down -85%, France -72%": each item its own
    start = clause_start(text, q.start, PHRASE_STOP)
    opening = next(
        (e for e in named if start <= e.start - offset and e.end - offset <= q.start
         and _OPENS.fullmatch(text, start, e.start - offset)
         and (source is None or e.alias not in source)),
        None,
    )  # fmt: skip
    return opening.name if opening else None  # "KFC has 22,500 outlets", "Germany is heading"
