"""Shared field vocabularies of the Chronicle tables (no pipeline imports here)."""

from __future__ import annotations

SHA256 = r"^[0-9a-f]{64}$"
ID = r"^[0-9a-f]{16}$"

DOCUMENT_STATUS = ["ok", "rejected"]
DATE_SOURCE = ["metadata", "inferred", "unknown"]
DATE_PRECISION = ["day", "week", "month", "year", "unknown"]
METRICS = [
    "vote_share",
    "detained",
    "released",
    "participants",
    "killed",
    "injured",
    "sanctioned",
    "signatories",
]
UNITS = ["person", "percent"]
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
