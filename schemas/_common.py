"""Shared field vocabularies of the Chronicle tables (no pipeline imports here)."""

from __future__ import annotations

SHA256 = r"^[0-9a-f]{64}$"
ID = r"^[0-9a-f]{16}$"

DOCUMENT_STATUS = ["ok", "rejected"]
DATE_SOURCE = ["metadata", "inferred", "unknown"]
DATE_PRECISION = ["day", "week", "month", "year", "unknown"]
#: the metrics of the `metrics` lexicon by family, and the catch-alls of each family
METRICS_BY_FAMILY = {
    "people": [
        "participants", "detained", "released", "sentenced", "killed", "injured", "missing",
        "displaced", "cases", "deaths", "hospitalised", "tested", "vaccinated", "jobs",
        "unemployed", "signatories", "sanctioned", "count",
    ],
    "money": [
        "aid", "fine", "cost", "budget", "revenue", "profit", "deal_value", "wage", "price",
        "money",
    ],
    "rate": [
        "vote_share", "turnout", "poll_share", "unemployment_rate", "inflation", "growth",
        "interest_rate", "change", "rate",
    ],
    "count": ["count"],
}  # fmt: skip
FAMILIES = list(METRICS_BY_FAMILY)
METRICS = sorted({m for ms in METRICS_BY_FAMILY.values() for m in ms})
STATISTIC_MODALITIES = ["reported", "projected", "target", "hypothetical"]
AS_OF_SOURCES = ["sentence", "previous_sentence", "election_day", "anchor", "none"]
QUALIFIERS = ["exact", "approx", "at_least", "at_most", "range", "vague"]
PLOVER_TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
MODALITIES = ["asserted", "planned", "threatened", "hypothetical", "negated"]
ENTITY_TYPES = ["person", "organization", "country", "place", "group"]
