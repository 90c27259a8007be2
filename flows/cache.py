"""Content-addressed cache of per-file and per-article results under <out>/cache/.

A key is the sha256 of what a result depends on: a file's relative path, bytes and sidecar
bytes, or every field of an Article. Entries are stored with the code fingerprint (the flows/
and schemas/ Python sources and the lexicon files), so a code or lexicon change misses
everything and its old entries are dropped when the cache opens. Values are pickles in one
SQLite file per stage: every write is a transaction (a killed run leaves the file readable),
concurrent runs queue on SQLite's lock, and a stale entry is never read because nothing asks
for its key. Only the flow's own process opens the cache; workers never touch it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from flows.ingest import SIDECAR_SUFFIX
from flows.model import Article

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT_GLOBS = ("flows/**/*.py", "schemas/**/*.py", "flows/lexicons/*.json")
CACHE_DIRNAME = "cache"

T = TypeVar("T")
R = TypeVar("R")


def code_fingerprint(root: Path = PACKAGE_ROOT) -> str:
    """sha256 over the relative paths and bytes of every source and lexicon file, read now."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in FINGERPRINT_GLOBS for p in root.glob(pattern)})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def file_key(path: Path, seeds_dir: Path) -> str:
    """Key of one input file: its path under the seeds folder, its bytes and its sidecar's."""
    digest = hashlib.sha256(path.relative_to(seeds_dir).as_posix().encode() + b"\0")
    digest.update(hashlib.sha256(path.read_bytes()).digest())
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    digest.update(hashlib.sha256(sidecar.read_bytes()).digest() if sidecar.is_file() else b"-")
    return digest.hexdigest()


_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def article_key(article: Article) -> str:
    """Key of one article: every field by name, in a stable serialisation."""
    values = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResultCache:
    """One stage's results by key, for one code fingerprint, in a SQLite file."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._db = sqlite3.connect(path, timeout=600, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, value BLOB NOT NULL)"
            )
            self._db.execute("DELETE FROM results WHERE fingerprint != ?", (fingerprint,))

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

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        """Release the database file."""
        self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(out_dir: Path, stage: str, fingerprint: str | None = None) -> ResultCache:
    """The cache of one stage under <out>/cache/, for the current code unless told otherwise."""
    path = out_dir / CACHE_DIRNAME / f"{stage}.sqlite"
    return ResultCache(path, fingerprint or code_fingerprint())


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
