"""Combine: the corpus-level tables made from every article's rows: statistics consensus, events
merged across mentions and articles, and entities.
"""

from __future__ import annotations

from flows.combine.consensus import build_consensus
from flows.combine.entities import build_entities
from flows.combine.merge import merge_events

__all__ = ["build_consensus", "build_entities", "merge_events"]
