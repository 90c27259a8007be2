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


def _listed_by_glob(seeds: Path) -> list[Path]:
    """The documents of a folder as pathlib's rglob finds them (the reference listing)."""
    out = []
    for path in seeds.rglob("*"):
        rel = path.relative_to(seeds)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.endswith(".meta.json") and path.with_name(path.name[:-10]).is_file():
            continue
        out.append(path)
    return sorted(out, key=lambda p: p.relative_to(seeds).as_posix())


def test_listing_matches_a_recursive_glob(tmp_path):
    from flows.corpus import document_paths

    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    for rel in ("b.txt", "a.txt", "a.txt.meta.json", "sub/z.txt", "sub/deeper/y.txt",
                "sub/lone.txt.meta.json", ".hidden.txt", ".git/config", "sub/.cache/x.txt",
                "a-b.txt", "a/b.txt", "sub/.x.txt.meta.json", ".meta.json", "outside.txt"):  # fmt: skip
        target = (outside if rel == "outside.txt" else seeds) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rel)
    (seeds / "linked.txt").symlink_to(outside / "outside.txt")
    (seeds / "linked-folder").symlink_to(seeds / "sub", target_is_directory=True)
    (seeds / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    listed = document_paths(seeds)
    assert listed == _listed_by_glob(seeds)
    assert [p.relative_to(seeds).as_posix() for p in listed] == [
        "a-b.txt", "a.txt", "a/b.txt", "b.txt", "linked.txt",
        "sub/deeper/y.txt", "sub/lone.txt.meta.json", "sub/z.txt",
    ]  # fmt: skip
