"""Chronicle's data contract: one pandera DataFrameModel per published table."""

from __future__ import annotations

from schemas.corpus import Articles, Documents
from schemas.events import Entities, EventMentions, Events, Quotes
from schemas.statistics import Statistics, StatisticsConsensus

#: table name -> (model, primary key); the order is the release's resource order.
TABLES = {
    "documents": (Documents, "document_id"),
    "articles": (Articles, "article_id"),
    "statistics": (Statistics, "claim_id"),
    "statistics_consensus": (StatisticsConsensus, "consensus_id"),
    "event_mentions": (EventMentions, "mention_id"),
    "events": (Events, "event_id"),
    "entities": (Entities, "entity_id"),
    "quotes": (Quotes, "quote_id"),
}

__all__ = ["TABLES"]
