"""Bad input: random bytes, encodings, huge lines, empty and NUL files; folders of links, loops,
FIFOs, hidden entries and odd names; formulas in CSV cells."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.corpus import Documents

SEEDS = Path(__file__).parents[2] / "seeds"
SEED_TEXT = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text("utf-8")
SENTENCES = [s.strip() for s in SEED_TEXT.split("\n") if len(s.strip()) > 40][:12]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "latin-1", "cp1252"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

news_text = st.lists(
    st.one_of(st.sampled_from(SENTENCES), st.text(min_size=0, max_size=200)), max_size=8
).map("\n\n".join)
encoded = st.tuples(news_text, st.sampled_from(ENCODINGS)).map(
    lambda t: t[0].encode(t[1], errors="ignore")
)
huge_line = st.integers(20_000, 400_000).map(lambda n: (("protest " * (n // 8))[:n]).encode())
nul_filled = st.integers(1, 5_000).map(lambda n: b"\0" * n)
spliced = st.tuples(st.sampled_from(SENTENCES), st.binary(max_size=300)).map(
    lambda t: t[0].encode() + t[1] + t[0].encode("utf-16")
)
any_file = st.one_of(
    st.binary(max_size=3_000),
    encoded,
    huge_line,
    nul_filled,
    spliced,
    st.just(b""),
    st.just(b" \n\t\r\n"),
    st.just(b"\xef\xbb\xbf"),
    st.just(b"\xff\xfe"),
)


def _ingest(folder: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    from flows.ingest.corpus import load_corpus

    return load_corpus(folder)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(any_file, min_size=1, max_size=5))
def test_every_file_is_processed_or_rejected_with_a_reason(blobs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = [f"f{i}.txt" for i in range(len(blobs))]
        for name, blob in zip(names, blobs, strict=True):
            (folder / name).write_bytes(blob)
        documents, articles = _ingest(folder)
    assert sorted(documents["source_file"].to_list()) == names
    assert set(documents["status"]) <= {"ok", "rejected"}
    rejected = documents.filter(pl.col("status") == "rejected")
    assert rejected["reject_reason"].str.len_chars().min() or rejected.is_empty()
    assert rejected["reject_reason"].null_count() == 0
    ok = set(documents.filter(pl.col("status") == "ok")["document_id"])
    assert set(articles["document_id"]) <= ok
    for name, blob in zip(names, blobs, strict=True):
        if not blob.strip(b" \n\t\r\0"):
            row = documents.filter(pl.col("source_file") == name)
            assert row["status"].item() == "rejected", (name, blob[:20])


@pytest.mark.timeout(180)
def test_a_folder_of_bad_files_builds_a_valid_release(tmp_path):
    from flows.build import build_tables
    from flows.publish.release import publish_release
    from flows.publish.release_check import check_release

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "nul.txt").write_bytes(b"\0" * 4096)
    (seeds / "random.txt").write_bytes(bytes(range(256)) * 8)
    (seeds / "huge-line.txt").write_text(" ".join(SENTENCES * 3) + " protest" * 250, "utf-8")
    (seeds / "utf16.txt").write_bytes("\n\n".join(SENTENCES).encode("utf-16"))
    (seeds / "cp1251.txt").write_bytes("Минск, 10 августа.\n\n".encode("cp1251"))
    tables, inputs = build_tables(seeds)
    assert sorted(r["source_file"] for r in inputs) == sorted(p.name for p in seeds.iterdir())
    statuses = dict(zip(*tables["documents"][["source_file", "status"]], strict=True))
    assert statuses["empty.txt"] == statuses["nul.txt"] == "rejected"
    assert statuses["huge-line.txt"] == statuses["utf16.txt"] == "ok"
    result = publish_release(tables, tmp_path / "out", inputs)
    assert check_release(result.path) == []


def test_formula_cells_are_neutralised_in_csv_and_kept_in_parquet(tmp_path):
    from flows.build import build_tables
    from flows.publish.release import publish_release

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "\n\n".join(SENTENCES[1:6])
    (seeds / "a.txt").write_text("Protests in Minsk\n\n" + body, "utf-8")
    (seeds / "a.txt.meta.json").write_text('{"outlet": "@evil", "title": "+Protests in Minsk"}')
    (seeds / "b.txt").write_text("-1 protesters\n\n=SUM(A1:A9) " + body, "utf-8")
    tables, inputs = build_tables(seeds)
    result = publish_release(tables, tmp_path / "out", inputs)
    cells = [
        cell
        for path in sorted(result.path.glob("*.csv"))
        for row in csv.reader(io.StringIO(path.read_text("utf-8"), newline=""))
        for cell in row
    ]
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    assert {"'+Protests in Minsk", "'@evil", "'-1 protesters"} <= set(cells)
    assert any(c.startswith("'=SUM(A1:A9) ") for c in cells)
    articles = pl.read_parquet(result.path / "articles.parquet")
    assert set(articles["headline"]) == {"+Protests in Minsk", "-1 protesters"}


SECRET = "outside-secret-marker"
KINDS = ("file", "file", "dir", "hidden", "link_out", "link_in", "loop", "dangling", "fifo")
names = st.text(
    st.characters(blacklist_characters="/\0.", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=30,
)
endings = st.sampled_from([".txt", ".TXT", ".md", ".csv", "", ".txt.meta.json"])
entry = st.tuples(names, endings, st.sampled_from(KINDS), any_file)


def _make(folder: Path, outside: Path, name: str, kind: str, blob: bytes) -> None:
    """One entry of a fuzzed seeds folder."""
    path = folder / name
    if kind == "file":
        path.write_bytes(blob)
    elif kind == "dir":
        path.mkdir()
        (path / "inner.txt").write_bytes(blob)
    elif kind == "hidden":
        (folder / f".{name}").write_bytes(blob)
    elif kind == "link_out":
        path.symlink_to(outside / "secret.txt")
    elif kind == "link_in":
        path.symlink_to(next(iter(sorted(folder.iterdir())), path))
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "dangling":
        path.symlink_to(outside / "nowhere")
    else:
        os.mkfifo(path)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(entry, min_size=1, max_size=6, unique_by=lambda e: (e[0] + e[1]).lower()))
def test_every_entry_of_a_hostile_folder_is_accounted_for_and_nothing_outside_leaks(entries):
    with tempfile.TemporaryDirectory() as tmp:
        folder, outside = Path(tmp) / "seeds", Path(tmp) / "outside"
        folder.mkdir()
        outside.mkdir()
        (outside / "secret.txt").write_text(f"Minsk protest report. {SECRET}\n\n" + SENTENCES[0])
        for name, ending, kind, blob in entries:
            _make(folder, outside, name + ending, kind, blob)
        created = sorted(p.name for p in folder.iterdir())
        documents, articles = _ingest(folder)
    Documents.validate(documents)
    rows = set(documents["source_file"])
    for name in created:
        sidecar_of = name[: -len(".meta.json")] if name.endswith(".meta.json") else None
        assert {name, f"{name}/", f"{name}/inner.txt"} & rows or sidecar_of in rows, (
            name,
            sorted(rows),
        )
    assert documents.filter(pl.col("status") == "rejected")["reject_reason"].null_count() == 0
    published = articles.select(pl.all().cast(pl.String)).write_csv() + documents.write_csv()
    assert SECRET not in published
