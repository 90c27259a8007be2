"""Imported by the worker processes' forkserver: runs ingest and extraction once on a short
built-in article, so every lexicon, gazetteer and pattern that the stages build on first use is
built there once and every worker forked from it starts warm (the pages are shared, copy-on-write).

The forkserver first asks to die with the run that started it, before the second or two of
imports and warm-up: until it has warmed up it does not watch its parent.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flows.runtime.lifeline import die_with_parent

die_with_parent()

SAMPLE = """Thousands protest in the capital

Police on Saturday detained more than 200 people as tens of thousands of protesters marched
through the capital, the interior ministry said on 16 August 2020.
"We will not stop," said one protester. The opposition leader met European officials in Berlin
last week and called for new elections, according to Reuters.
"""


def warm() -> None:
    """Ingest and extract the sample article (results discarded)."""
    from flows.extract import extract_article
    from flows.ingest import articles_from_frame, assemble_corpus, ingest_files

    with tempfile.TemporaryDirectory(prefix="chronicle-warm-") as folder:
        path = Path(folder) / "sample.txt"
        path.write_text(SAMPLE, encoding="utf-8")
        _, articles = assemble_corpus(ingest_files([path], Path(folder)))
    for article in articles_from_frame(articles):
        extract_article(article)


warm()
