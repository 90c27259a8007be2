"""Ingest: which entries of a seeds folder are inputs, reading and decoding them, segmenting
them into articles (site chrome, captions, headlines), publication dates and near-duplicates;
the `documents` and `articles` tables.
"""

from __future__ import annotations

from flows.ingest.corpus import (
    DATE_COLUMNS,
    IngestedDocument,
    articles_from_frame,
    assemble_corpus,
    assemble_frames,
    ingest_files,
    ingest_frames,
    load_articles,
    skipped_documents,
)
from flows.ingest.inputs import (
    DEFAULT_EXTENSIONS,
    SIDECAR_SUFFIX,
    Inputs,
    Skipped,
    list_inputs,
    normalise_extensions,
    read_inside,
)

__all__ = [
    "DATE_COLUMNS",
    "DEFAULT_EXTENSIONS",
    "IngestedDocument",
    "Inputs",
    "SIDECAR_SUFFIX",
    "Skipped",
    "articles_from_frame",
    "assemble_corpus",
    "assemble_frames",
    "ingest_files",
    "ingest_frames",
    "list_inputs",
    "load_articles",
    "normalise_extensions",
    "read_inside",
    "skipped_documents",
]
