"""The plain-function pipeline: every input file accounted for, sidecars included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl

from flows.build import build_tables

SEEDS = Path(__file__).parent.parent / "seeds"


def test_every_file_and_orphan_sidecar_is_a_document(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first, seeds / "a.txt")
    (seeds / "a.txt.meta.json").write_text(json.dumps({"published": "2020-09-16", "outlet": "X"}))
    (seeds / "gone.txt.meta.json").write_text(json.dumps({"outlet": "Y"}))
    (seeds / "notes.bin").write_bytes(bytes(range(256)) * 4)
    tables, inputs = build_tables(seeds)
    docs = tables["documents"]
    assert sorted(docs["source_file"]) == ["a.txt", "gone.txt.meta.json", "notes.bin"]
    assert sorted(r["source_file"] for r in inputs) == sorted(docs["source_file"])
    status = dict(zip(docs["source_file"], docs["status"], strict=True))
    assert status == {"a.txt": "ok", "gone.txt.meta.json": "rejected", "notes.bin": "rejected"}
    articles = tables["articles"]
    assert articles.select(pl.col("published_date_source").unique()).item() == "metadata"
    assert str(articles["published_date"][0]) == "2020-09-16" and articles["outlet"][0] == "X"
