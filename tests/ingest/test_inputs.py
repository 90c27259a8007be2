"""Which entries of a seeds folder are read: nothing outside it, and a reason for every other one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
import pytest

from flows.build import build_tables
from flows.ingest.corpus import load_corpus
from flows.ingest.inputs import list_inputs, normalise_extensions, read_inside
from schemas.corpus import Documents

STORY = (
    "Police detain hundreds in Minsk\n\n"
    "Police in Minsk detained more than 200 people on Sunday, the interior ministry said.\n"
)
SECRET = "root:x:0:0:secret-marker:/root:/bin/bash"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A seeds folder with every kind of entry that is not an article file, beside good ones."""
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    (seeds / "sub" / "deeper").mkdir(parents=True)
    (seeds / ".git").mkdir()
    outside.mkdir()
    (outside / "passwd.txt").write_text(SECRET)
    (outside / "folder").mkdir()
    (outside / "meta.json").write_text(json.dumps({"title": SECRET}))
    for rel in ("a.txt", "sub/b.txt", "sub/deeper/c.TXT", "notes.md", ".git/config", ".hid.txt"):
        (seeds / rel).write_text(STORY)
    (seeds / "data.csv").write_text("a,b\n1,2\n")
    (seeds / "data.csv.meta.json").write_text('{"outlet": "X"}')
    (seeds / "lost.txt.meta.json").write_text('{"outlet": "X"}')
    (seeds / "p.txt").symlink_to(outside / "passwd.txt")
    (seeds / "up.txt").symlink_to(Path("..") / "outside" / "passwd.txt")
    (seeds / "self.txt").symlink_to("self.txt")
    (seeds / "ping.txt").symlink_to("pong.txt")
    (seeds / "pong.txt").symlink_to("ping.txt")
    (seeds / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (seeds / "inside.txt").symlink_to(seeds / "sub" / "b.txt")
    (seeds / "linked-sub").symlink_to(seeds / "sub", target_is_directory=True)
    (seeds / "linked-out").symlink_to(outside / "folder", target_is_directory=True)
    (seeds / "sub" / "b.txt.meta.json").symlink_to(outside / "meta.json")
    os.mkfifo(seeds / "pipe.txt")
    return seeds


REASONS = {
    ".git/": "hidden folder",
    ".hid.txt": "hidden file",
    "data.csv": "not read: only files ending in .txt",
    "data.csv.meta.json": "sidecar of data.csv, which is not read",
    "dangling.txt": "dangling symbolic link",
    "linked-out/": "symbolic link to a path outside the seeds folder",
    "linked-sub/": "symbolic link to a folder: not entered",
    "notes.md": "not read: only files ending in .txt",
    "p.txt": "symbolic link to a path outside the seeds folder",
    "ping.txt": "symbolic link loop",
    "pipe.txt": "not a regular file (FIFO)",
    "pong.txt": "symbolic link loop",
    "self.txt": "symbolic link loop",
    "sub/b.txt.meta.json": "symbolic link to a path outside the seeds folder",
    "up.txt": "symbolic link to a path outside the seeds folder",
}


def test_every_entry_is_read_or_has_a_reason(hostile: Path):
    inputs = list_inputs(hostile)
    read = [p.relative_to(hostile).as_posix() for p in inputs.files]
    assert read == ["a.txt", "inside.txt", "lost.txt.meta.json", "sub/b.txt", "sub/deeper/c.TXT"]
    skipped = {s.source_file: s.reason for s in inputs.skipped}
    assert sorted(skipped) == sorted(REASONS)
    for name, start in REASONS.items():
        assert skipped[name].startswith(start), (name, skipped[name])


def test_nothing_outside_the_seeds_folder_is_published(hostile: Path):
    tables, inputs = build_tables(hostile)
    Documents.validate(tables["documents"])
    for name, frame in tables.items():
        text = frame.select(pl.all().cast(pl.String)).write_csv()
        assert "secret-marker" not in text, name
    documents = tables["documents"]
    assert {r["source_file"] for r in inputs} == set(documents["source_file"])
    status = dict(zip(documents["source_file"], documents["reject_reason"], strict=True))
    assert set(REASONS) <= set(status)
    # the file whose sidecar links outside is rejected for it, not read with the outside title
    assert (
        status["sub/b.txt"] == "sidecar b.txt.meta.json: its real path is outside the seeds folder"
    )
    assert status["a.txt"] is None and status["inside.txt"] is None


def test_an_unreadable_folder_is_one_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY)
    real_scandir = os.scandir

    def scandir(path):  # as root, permissions would not stop the listing
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    documents, _ = load_corpus(tmp_path)
    rows = dict(zip(documents["source_file"], documents["reject_reason"], strict=True))
    assert rows == {"a.txt": None, "locked/": "unreadable folder: permission denied"}


def test_extensions_are_configurable_and_sizes_bounded(tmp_path: Path):
    for name in ("a.txt", "b.md", "c.text", "d.csv"):
        (tmp_path / name).write_text(STORY)
    inputs = list_inputs(tmp_path, normalise_extensions(["txt", ".MD"]), max_bytes=len(STORY) - 1)
    assert inputs.files == []
    reasons = {s.source_file: s.reason for s in inputs.skipped}
    assert reasons["a.txt"].startswith("too large") and reasons["b.md"].startswith("too large")
    assert reasons["d.csv"] == "not read: only files ending in .txt, .md are inputs"
    inputs = list_inputs(tmp_path, normalise_extensions(["txt", "text"]))
    assert [p.name for p in inputs.files] == ["a.txt", "c.text"]
    for bad in ([], [""], ["a/b"], [".meta.json"]):
        with pytest.raises(ValueError):
            normalise_extensions(bad)


def test_a_file_swapped_for_a_link_after_listing_is_not_read(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET)
    (seeds / "a.txt").write_text(STORY)
    (path,) = list_inputs(seeds).files
    path.unlink()
    path.symlink_to(tmp_path / "secret.txt")
    with pytest.raises(OSError, match="outside the seeds folder"):
        read_inside(path, seeds)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(OSError, match="not a regular file"):
        read_inside(path, seeds)  # does not block
