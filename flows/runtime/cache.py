"""Content-addressed cache of per-file and per-article results under <out>/cache/.

A key is the sha256 of what a result depends on: a file's relative path, bytes and sidecar
bytes, or an article's file key, place in the file and publication date. Entries are stored
with their stage's fingerprint (`flows.runtime.fingerprint`: the code the stage runs and the
lexicons), so a change to that code misses the stage's entries, which are dropped when the
cache opens, while a change elsewhere (the catalog, publishing) keeps them.
Values are pickles in one SQLite file per stage: every write is a transaction (a killed run
leaves the file readable), concurrent runs queue on SQLite's lock, and a stale entry is never
read because nothing asks for its key. Beside them each stage keeps the last run's results as
Arrow frames (`get_frames`, `keep_frames`), every row tagged with its key, so a run over a
mostly unchanged folder reads a few blobs per table instead of unpickling every entry, and
writes only the rows it added; and
`FileKeys` remembers each input file's key beside its stat, so unchanged files are not re-read.
Only the flow's own process opens the cache; workers never touch it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
import pyarrow as pa
import pyarrow.ipc

from flows.ingest import SIDECAR_SUFFIX, read_inside
from flows.runtime.fingerprint import stage_fingerprint

CACHE_DIRNAME = "cache"

T = TypeVar("T")
R = TypeVar("R")


def file_key(path: Path, seeds_dir: Path) -> str:
    """Key of one input file: its path under the seeds folder, its bytes and its sidecar's.

    A file that cannot be read gets a key of its path and the error, so it reaches ingest (which
    rejects it with the reason) instead of failing the run.
    """
    digest = hashlib.sha256(path.relative_to(seeds_dir).as_posix().encode() + b"\0")
    try:
        digest.update(hashlib.sha256(read_inside(path, seeds_dir)).digest())
    except OSError as exc:
        digest.update(f"unreadable: {exc.strerror or exc}".encode())
        return digest.hexdigest()
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        digest.update(hashlib.sha256(read_inside(sidecar, seeds_dir)).digest())
    except FileNotFoundError:
        digest.update(b"-")
    except OSError as exc:
        digest.update(f"unreadable sidecar: {exc.strerror or exc}".encode())
    return digest.hexdigest()


def _stat_signature(path: str) -> tuple[str, int]:
    """What a write, replace or touch of a file or its sidecar changes; and the latest ctime."""
    parts, changed = [], 0
    for p in (path, path + SIDECAR_SUFFIX):
        try:
            st = os.stat(p)
        except OSError:
            parts.append("-")
            continue
        parts.append(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}")
        changed = max(changed, st.st_ctime_ns)
    return " ".join(parts), changed


def _relative(path: Path, root: Path) -> str:
    """`path` under `root` as a POSIX path (by string when it starts with root, as listed)."""
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix) and os.sep == "/":
        return text[len(prefix) :]
    return path.relative_to(root).as_posix()


#: how long a run waits for the SQLite files of the cache, which another run may be writing
BUSY_SECONDS = 600


def connect(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to a cache file in WAL mode (readers never wait for the writer).

    Switching a new file to WAL takes a lock that SQLite does not wait for, whatever its busy
    timeout: when two runs open a new cache at once, one of them is told "database is locked"
    straight away, so the switch is retried until BUSY_SECONDS have passed.
    """
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, check_same_thread=check_same_thread)
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                db.close()
                raise
            time.sleep(0.01)


#: a file changed this shortly before its key was made could change again unseen within one
#: timestamp tick, so its recorded stat is not trusted (git's "racy" index entries)
RACY_NS = 2_000_000_000


class FileKeys:
    """Input files' keys remembered beside their stat, as git's index does: a file (and sidecar)
    whose device, inode, size, mtime and ctime are those recorded keeps its key unread.

    A ctime cannot be set back by a user, so any later write, rename over or touch is seen. The
    memo lives in its own SQLite file; losing it costs only re-reading the files.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = connect(path)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, signature TEXT NOT NULL,"
                " changed_ns INTEGER NOT NULL, read_ns INTEGER NOT NULL, key TEXT NOT NULL)"
            )

    def keys(self, files: Sequence[Path], seeds_dir: Path) -> list[str]:
        """The `file_key` of every file, read only where the stat differs from the record."""
        known = {
            row[0]: row[1:]
            for row in self._db.execute(
                "SELECT path, signature, changed_ns, read_ns, key FROM files"
            )
        }
        root = str(seeds_dir.resolve())
        keys, fresh, listed = [], [], set()
        for path in files:
            name = f"{root}\0{_relative(path, seeds_dir)}"
            listed.add(name)
            signature, changed = _stat_signature(str(path))
            record = known.get(name)
            if record and record[0] == signature and changed < record[2] - RACY_NS:
                keys.append(record[3])
                continue
            read_ns = time.time_ns()
            keys.append(file_key(path, seeds_dir))
            fresh.append((name, signature, changed, read_ns, keys[-1]))
        gone = [(k,) for k in known if k.startswith(f"{root}\0") and k not in listed]
        if fresh or gone:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", fresh)
                self._db.executemany("DELETE FROM files WHERE path = ?", gone)
        return keys

    def close(self) -> None:
        """Release the database file."""
        self._db.close()

    def __enter__(self) -> FileKeys:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_file_keys(out_dir: Path) -> FileKeys:
    """The memo of input files' keys under <out>/cache/."""
    return FileKeys(out_dir / CACHE_DIRNAME / "file-keys.sqlite")


def article_key(
    file: str, position: int, published: date | None, source: str, date_text: str | None
) -> str:
    """Key of one article: its file's key, its place in the file and its publication date.

    Everything else about an article follows from its file's bytes, sidecar and path (the file
    key); the date can also follow from the corpus year, so it is part of the key.
    """
    text = "\x1f".join(
        ("" if v is None else str(v)) for v in (position, published, source, date_text)
    )
    return hashlib.sha256(f"{file}\x1e{text}".encode()).hexdigest()


#: kept frames are written whole again once they are in this many parts
MAX_PARTS = 32

#: stores frames while a run goes on (polars and SQLite release the GIL while they write)
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chronicle-cache")


class ResultCache:
    """One stage's results by key, for one code fingerprint, in a SQLite file."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fingerprint, self.path = fingerprint, path
        self._writer: Future[None] | None = None
        self._db = connect(path, check_same_thread=False)
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, value BLOB NOT NULL)"
            )
            self._db.execute("DROP TABLE IF EXISTS frames")  # one blob per table, before parts
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS frame_parts (name TEXT NOT NULL, part INTEGER NOT NULL,"
                " fingerprint TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (name, part))"
            )
            for table in ("results", "frame_parts"):
                self._db.execute(f"DELETE FROM {table} WHERE fingerprint != ?", (fingerprint,))
        self._parts = 0  # parts of the kept frames, as read by get_frames

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """The cached values of those keys that have one (unreadable entries count as misses)."""
        found: dict[str, Any] = {}
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, value FROM results WHERE fingerprint = ? AND key IN ({marks})",
                (self.fingerprint, *chunk),
            )
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # an entry written by other code: recompute it
                    continue
        return found

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values by key in one transaction."""
        rows = [
            (k, self.fingerprint, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
            for k, v in items.items()
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)

    def get_frames(self) -> dict[str, pl.DataFrame]:
        """The frames kept by `keep_frames`, their parts concatenated ({} when none or unreadable)."""
        self.wait()
        rows = self._db.execute(
            "SELECT name, rowid FROM frame_parts WHERE fingerprint = ? ORDER BY name, part",
            (self.fingerprint,),
        ).fetchall()
        parts: dict[str, list[pl.DataFrame]] = {}
        try:
            for name, rowid in rows:
                with self._db.blobopen("frame_parts", "value", rowid, readonly=True) as blob:
                    parts.setdefault(name, []).append(_read_ipc(blob.read()))
            frames = {name: pl.concat(frames) for name, frames in parts.items()}
        except Exception:  # written by other code: start afresh
            return {}
        self._parts = max(map(len, parts.values()), default=0)
        return frames

    def keep_frames(
        self,
        frames: Mapping[str, pl.DataFrame],
        added: Mapping[str, pl.DataFrame] | None = None,
        stale: int = 0,
    ) -> None:
        """Keep `frames` for the next run, on a thread of its own while this run goes on (`close`
        waits for it and raises what it raised).

        When `frames` are those `get_frames` gave plus the rows `added` (frames of the same
        columns), only those are appended, as one more part: a run that adds one file does not
        write the corpus again. The frames are written whole instead when nothing was kept, when
        the rows kept but no longer wanted (`stale`, counted by the caller in its own units,
        against the rows of its first frame) would outnumber the others, or after MAX_PARTS parts.
        """
        self.wait()
        if added is not None and not stale and not any(f.height for f in added.values()):
            return
        first = next(iter(frames.values()), None)
        live = first.height if first is not None else 0
        if added is None or self._parts in (0, MAX_PARTS) or 2 * stale > live:
            self._writer = _WRITER.submit(self._write_frames, dict(frames), 0)
            self._parts = 1
        else:
            self._writer = _WRITER.submit(self._write_frames, dict(added), self._parts)
            self._parts += 1

    def _write_frames(self, frames: dict[str, pl.DataFrame], part: int) -> None:
        rows = []
        for name, frame in frames.items():
            buffer = io.BytesIO()
            frame.write_ipc(
                buffer, compression="uncompressed", compat_level=pl.CompatLevel.newest()
            )
            rows.append((name, part, self.fingerprint, buffer.getvalue()))
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
        try:
            with db:
                if part == 0:
                    db.execute("DELETE FROM frame_parts")
                db.executemany("INSERT OR REPLACE INTO frame_parts VALUES (?, ?, ?, ?)", rows)
        finally:
            db.close()

    def wait(self) -> None:
        """Wait for frames being stored (and raise what storing them raised)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.result()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        """Finish storing frames and release the database file."""
        try:
            self.wait()
        finally:
            self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_ipc(data: bytes) -> pl.DataFrame:
    """A frame of Arrow IPC bytes, its columns pointing into them (no copy, unlike pl.read_ipc:
    selecting the blob was copy enough, some 30 MB for news2020's ingest frames)."""
    return pl.from_arrow(pa.ipc.open_file(pa.py_buffer(data)).read_all())


def open_cache(out_dir: Path, stage: str, fingerprint: str | None = None) -> ResultCache:
    """The cache of one stage under <out>/cache/, for the current code unless told otherwise."""
    path = out_dir / CACHE_DIRNAME / f"{stage}.sqlite"
    return ResultCache(path, fingerprint or stage_fingerprint(stage))


BatchRunner = Callable[[list[list[T]]], Iterable[list[R]]]


def cached_map(
    items: Sequence[T],
    keys: Sequence[str],
    store: ResultCache | None,
    run_batches: BatchRunner,
    batch_size: int,
) -> Iterator[tuple[int, R]]:
    """(index, result) for every item: cached ones first, then misses computed in batches.

    `run_batches` receives the batches of misses and yields their results batch by batch, in
    order; each batch is stored as soon as it arrives, so a killed run keeps finished work.
    """
    hits = store.get_many(keys) if store is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in hits]
    for i, k in enumerate(keys):
        if k in hits:
            yield i, hits[k]
    index_batches = [todo[j : j + batch_size] for j in range(0, len(todo), batch_size)]
    item_batches = [[items[i] for i in batch] for batch in index_batches]
    for indices, results in zip(index_batches, run_batches(item_batches), strict=True):
        if len(results) != len(indices):
            raise RuntimeError(f"a batch of {len(indices)} items returned {len(results)} results")
        if store is not None:
            store.put_many({keys[i]: r for i, r in zip(indices, results, strict=True)})
        yield from zip(indices, results, strict=True)
