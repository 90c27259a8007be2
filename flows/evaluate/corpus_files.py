"""Corpus documents as `chronicle run` reads them: one file of headline and body per document,
written to a temporary folder at evaluation time (the corpora are never copied into the project).
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from flows.ingest import load_articles
from flows.model import Article


def write_document(doc: dict, folder: Path, metadata: bool = True) -> None:
    """A corpus document as a file of headline and body; with `metadata`, its publication date
    and outlet in a sidecar (without, the date is left for ingest to infer from the text)."""
    body = f"{(doc.get('title') or '').strip()}\n\n{doc['text'].strip()}\n"
    (folder / f"{doc['id']}.txt").write_text(body, encoding="utf-8")
    if metadata:
        meta = {
            k: v for k, v in (("published", doc.get("date")), ("outlet", doc.get("source"))) if v
        }
        (folder / f"{doc['id']}.txt.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def listed_articles(listed: list[dict], corpora: Path) -> dict[str, list[Article]]:
    """Document id -> its articles, for the documents `listed` (each with `corpus` and `id`),
    ingested from a temporary folder."""
    wanted = {(a["corpus"], a["id"]) for a in listed}
    with tempfile.TemporaryDirectory(prefix="chronicle-gold-") as tmp:
        folder = Path(tmp)
        for corpus in sorted({a["corpus"] for a in listed}):
            with open(corpora / corpus / "articles.jsonl", encoding="utf-8") as fh:
                for line in fh:
                    doc = json.loads(line)
                    if (corpus, doc["id"]) in wanted:
                        write_document(doc, folder)
        found: dict[str, list[Article]] = defaultdict(list)
        for article in load_articles(folder):
            found[Path(article.source_file).stem].append(article)
        return found
