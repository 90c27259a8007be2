"""Publish a validated release: versioned folder, datapackage, manifest, changelog, atomic swap.

Layout: <out>/releases/<MAJOR.MINOR.PATCH>/ with <table>.parquet and <table>.csv per table,
datapackage.json, manifest.json, CHANGELOG.md (and the catalog pages), plus
<out>/releases/latest.json. A release is written into a hidden staging folder and renamed into
place in one step, then latest.json is replaced atomically: a crash at any point leaves the
previous release and latest.json intact and no partial release visible. The newest complete
version folder is the previous release, so a crash between the two steps heals on the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from flows.lexicons import lexicon_fingerprint
from flows.publish.charts import stop_renderer
from flows.publish.contract import ORDER, schema_bump, schema_changes
from flows.publish.diff import TableDiff, diff_releases, render_changes
from flows.publish.tabular import canonical, csv_bytes, parquet_bytes, sha256_hex
from flows.publish.validation import ValidationFailed, validate_tables
from flows.runtime.cache import CACHE_DIRNAME
from schemas import TABLES
from schemas.export import table_schema

FIRST_VERSION = (1, 0, 0)
PACKAGE_NAME = "chronicle"


#: render(tables, cache_dir) starts making a release's pages and returns what writes them into it
Renderer = Callable[[dict[str, pl.DataFrame], Path], Callable[[Path], Any]]


@dataclass(frozen=True)
class PreviousRelease:
    """The newest release when a run began; its tables are read when first wanted, once."""

    version: str
    path: Path

    @cached_property
    def tables(self) -> dict[str, pl.DataFrame]:
        return read_release(self.path)

    def documents(self) -> pl.DataFrame:
        """Its `documents` table's files and statuses alone (1 ms where all tables take 30)."""
        return pl.read_parquet(self.path / "documents.parquet", columns=["source_file", "status"])


@dataclass(frozen=True)
class PublishResult:
    """What a publish did: the version now current, whether it is new, and what changed."""

    version: str
    path: Path
    created: bool
    bump: str | None
    diffs: dict[str, TableDiff]


# ----------------------------------------------------------------------------- versions


def parse_version(text: str) -> tuple[int, int, int]:
    """'1.2.3' -> (1, 2, 3); raises ValueError otherwise."""
    major, minor, patch = (int(p) for p in text.split("."))
    return major, minor, patch


def _fmt(version: tuple[int, int, int]) -> str:
    return ".".join(str(p) for p in version)


def list_releases(releases_root: Path) -> list[str]:
    """Complete release versions (folders with a datapackage.json), oldest first."""
    found = []
    if releases_root.is_dir():
        for d in releases_root.iterdir():
            with contextlib.suppress(ValueError):
                if (d / "datapackage.json").is_file():
                    found.append(parse_version(d.name))
    return [_fmt(v) for v in sorted(found)]


def read_release(release_dir: Path) -> dict[str, pl.DataFrame]:
    """The tables of a published release, from its Parquet files."""
    package = json.loads((release_dir / "datapackage.json").read_text("utf-8"))
    return {
        r["name"]: pl.read_parquet(release_dir / r["chronicle:parquet"]["path"])
        for r in package["resources"]
    }


def read_previous(out_dir: Path) -> PreviousRelease | None:
    """The newest release in `out_dir` (None when there is none), for the shrink check and the
    publish to compare with: its tables are read by whichever needs them first."""
    releases_root = out_dir / "releases"
    version, _ = _previous_package(releases_root)
    if version is None:
        return None
    return PreviousRelease(version, releases_root / version)


def next_version(previous: str | None, bump: str) -> str:
    """Semver arithmetic; the first release is 1.0.0."""
    if previous is None:
        return _fmt(FIRST_VERSION)
    major, minor, patch = parse_version(previous)
    if bump == "major":
        return _fmt((major + 1, 0, 0))
    if bump == "minor":
        return _fmt((major, minor + 1, 0))
    return _fmt((major, minor, patch + 1))


def _rows_bump(diffs: dict[str, TableDiff]) -> str | None:
    if any(d.added or d.removed or d.is_new_table for d in diffs.values()):
        return "minor"
    if any(d.changed for d in diffs.values()):
        return "patch"
    return None


# ----------------------------------------------------------------------------- manifest


def code_version() -> dict[str, Any]:
    """Package version, lexicon hashes and, when run from a checkout, the git commit."""
    info: dict[str, Any] = {"package": metadata.version(PACKAGE_NAME)}
    head = Path(__file__).resolve().parents[2] / ".git" / "HEAD"
    if head.is_file():
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            ref_file = head.parent / ref[5:]
            ref = ref_file.read_text().strip() if ref_file.is_file() else ""
        info["git_commit"] = ref or None
    info["lexicons"] = lexicon_fingerprint()
    return info


def dependency_versions() -> dict[str, str]:
    """Every installed distribution and its version: the extractor's full environment."""
    versions = {}
    for dist in metadata.distributions():
        name, version = _name_and_version(dist)
        if name:
            versions[name.lower()] = version
    return dict(sorted(versions.items()))


def _name_and_version(dist: metadata.Distribution) -> tuple[str | None, str | None]:
    """A distribution's Name and Version headers, read as `dist.metadata` would, minus the parser."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or dist.read_text("") or ""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line:
            break
        key, colon, value = line.partition(":")
        if colon and key.lower() in ("name", "version"):
            found.setdefault(key.lower(), value.lstrip(" \t"))
    return found.get("name"), found.get("version")


# ----------------------------------------------------------------------------- writing


@contextlib.contextmanager
def release_lock(out_dir: Path) -> Iterator[None]:
    """One publisher at a time per output folder (an exclusive flock on <out>/.lock)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_latest(releases_root: Path, version: str, content_hash: str) -> None:
    """Atomically point latest.json at a version."""
    tmp = releases_root / f".latest.json.{os.getpid()}.tmp"
    payload = {"version": version, "path": f"{version}/", "content_hash": content_hash}
    _write(tmp, (json.dumps(payload, indent=2) + "\n").encode())
    os.replace(tmp, releases_root / "latest.json")
    _fsync_dir(releases_root)


def _resources(files: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    resources = []
    for name, (model, key) in TABLES.items():
        f = files[name]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": f["csv_bytes"],
                "hash": f"sha256:{f['csv_sha256']}",
                "description": (model.__doc__ or "").strip(),
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": table_schema(model, key),
                "chronicle:rows": f["rows"],
                "chronicle:parquet": {
                    "path": f"{name}.parquet",
                    "bytes": f["parquet_bytes"],
                    "hash": f"sha256:{f['parquet_sha256']}",
                    "compression": "zstd",
                },
            }
        )
    return resources


def content_hash_of(files: dict[str, dict[str, Any]], schemas_json: str) -> str:
    """One hash over every table's CSV and the schemas: equal hashes, equal content."""
    parts = [f"{n}:{files[n]['csv_sha256']}" for n in TABLES] + [sha256_hex(schemas_json.encode())]
    return sha256_hex("\n".join(parts).encode())


def publish_release(
    tables: dict[str, pl.DataFrame],
    out_dir: Path,
    inputs: list[dict[str, Any]],
    *,
    now: datetime | None = None,
    render: Renderer | None = None,
    previous: PreviousRelease | None = None,
    before_swap: Callable[[Path], None] | None = None,
) -> PublishResult:
    """Validate, compare with the previous release, and publish a new version if content changed.

    `render(tables, cache_dir)` starts making pages (the catalog) at once, keeping what it may
    reuse next time under <out>/cache/; what it returns writes them into the staging folder
    before the swap, or is dropped when no release is due. `previous`, from `read_previous`, is
    the release to compare with unless a newer one has appeared since. `before_swap` is a test
    hook. Raises ValidationFailed (nothing written) when any contract fails.
    """
    try:
        frames = {name: canonical(name, tables[name]) for name in TABLES}
        # The pages start first: drawing charts anew (a child process, a few tenths of a second)
        # is the longest part of a publish. When the content turns out unchanged they are
        # dropped, having cost little: their charts, drawn from the same tables, are cached.
        pages = _start_pages(render, frames, out_dir)
        csvs = {name: csv_bytes(frame) for name, frame in frames.items()}
        files: dict[str, dict[str, Any]] = {
            name: {
                "rows": frame.height,
                "csv_bytes": len(csvs[name]),
                "csv_sha256": sha256_hex(csvs[name]),
            }
            for name, frame in frames.items()
        }
        schemas = {name: table_schema(model, key) for name, (model, key) in TABLES.items()}
        content_hash = content_hash_of(files, json.dumps(schemas, sort_keys=True))

        releases_root = out_dir / "releases"
        # Unless the newest release already holds this content, Parquet (the slowest file to make)
        # is compressed on a thread (polars releases the GIL) while the tables are checked.
        # The previous release is read meanwhile too, for the changelog (again under the lock,
        # should another run have published since).
        seen, package = _previous_package(releases_root)
        due = package.get("chronicle:content_hash") != content_hash
        pool = ThreadPoolExecutor(max_workers=2)
        parquets = pool.submit(_parquet_files, frames) if due else None
        if not due or seen is None:
            old = None
        elif previous is not None and previous.version == seen:
            known = previous  # read once, however many ask
            old = (seen, pool.submit(lambda: known.tables))
        else:
            old = (seen, pool.submit(read_release, releases_root / seen))
        try:
            failures = validate_tables(frames)
            if failures:
                raise ValidationFailed(failures)
            with release_lock(out_dir):
                return _publish_locked(
                    frames, csvs, files, schemas, content_hash, parquets, old, pages, out_dir,
                    inputs, now=now, before_swap=before_swap,
                )  # fmt: skip
        finally:
            pool.shutdown(cancel_futures=True)
    finally:
        stop_renderer()  # unless the pages took it


def _start_pages(
    render: Renderer | None, frames: dict[str, pl.DataFrame], out_dir: Path
) -> Callable[[Path], Any] | None:
    """What writes a release's pages, started now (None without a renderer)."""
    return render(frames, out_dir / CACHE_DIRNAME / "catalog") if render else None


def _parquet_files(frames: dict[str, pl.DataFrame]) -> dict[str, bytes]:
    """Every table's Parquet bytes."""
    return {name: parquet_bytes(frame) for name, frame in frames.items()}


def _previous_package(releases_root: Path) -> tuple[str | None, dict[str, Any]]:
    """The newest complete release and its datapackage ({} when there is none)."""
    versions = list_releases(releases_root)
    if not versions:
        return None, {}
    return versions[-1], json.loads(
        (releases_root / versions[-1] / "datapackage.json").read_text("utf-8")
    )


def _publish_locked(
    frames: dict[str, pl.DataFrame],
    csvs: dict[str, bytes],
    files: dict[str, dict[str, Any]],
    schemas: dict[str, dict[str, Any]],
    content_hash: str,
    parquets: Future[dict[str, bytes]] | None,
    old: tuple[str, Future[dict[str, pl.DataFrame]]] | None,
    pages: Callable[[Path], Any] | None,
    out_dir: Path,
    inputs: list[dict[str, Any]],
    *,
    now: datetime | None,
    before_swap: Callable[[Path], None] | None,
) -> PublishResult:
    """The part of a publish that reads and writes the releases folder, under its lock.

    `old` is the release that was newest before the lock (its version, and its tables being read).
    """
    releases_root = out_dir / "releases"
    releases_root.mkdir(parents=True, exist_ok=True)
    for stale in releases_root.glob(".staging-*"):  # left by a killed run; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    previous, old_package = _previous_package(releases_root)
    if previous and old_package.get("chronicle:content_hash") == content_hash:
        write_latest(releases_root, previous, content_hash)
        return PublishResult(previous, releases_root / previous, False, None, {})
    if old is not None and old[0] == previous:
        old_tables = old[1].result()
    else:
        old_tables = read_release(releases_root / previous) if previous else {}
    diffs = diff_releases(old_tables, frames)
    contract: list[str] = []
    if previous is None:
        bump = "major"
    else:
        candidates = [schema_bump(old_package, schemas), _rows_bump(diffs)]
        contract = schema_changes(old_package, schemas)
        bump = max(candidates, key=lambda b: ORDER[b]) or "patch"
    version = next_version(previous, bump)
    created = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    parquet = parquets.result() if parquets is not None else _parquet_files(frames)
    blobs: dict[str, bytes] = {}
    for name in frames:
        blobs[f"{name}.csv"], blobs[f"{name}.parquet"] = csvs[name], parquet[name]
        files[name]["parquet_bytes"] = len(parquet[name])
        files[name]["parquet_sha256"] = sha256_hex(parquet[name])

    # --- save into a staging folder, then swap it into place
    staging = releases_root / f".staging-{version}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for fname, data in blobs.items():
            _write(staging / fname, data)
        manifest = {
            "version": version,
            "previous_version": previous,
            "created": created,
            "content_hash": content_hash,
            "code": code_version(),
            "python": sys.version.split()[0],
            "dependencies": dependency_versions(),
            "inputs": inputs,
            "tables": files,
        }
        _write(staging / "manifest.json", _json(manifest))
        _write(
            staging / "CHANGELOG.md", _changelog(version, previous, bump, created, diffs, contract)
        )
        package = {
            "profile": "tabular-data-package",
            "name": "chronicle",
            "title": "Chronicle: events and statistics extracted from news articles",
            "version": version,
            "created": created,
            "licenses": [
                {
                    "name": "CC-BY-4.0",
                    "path": "https://creativecommons.org/licenses/by/4.0/",
                    "title": "Creative Commons Attribution 4.0",
                }
            ],
            "chronicle:content_hash": content_hash,
            "resources": _resources(files),
        }
        _write(staging / "datapackage.json", _json(package))
        if pages is not None:  # the catalog reads the datapackage (licence, schemas)
            pages(staging)
        _fsync_dir(staging)
        if before_swap is not None:
            before_swap(staging)
        target = releases_root / version
        if target.exists():  # an incomplete folder left by a crash before this design
            shutil.rmtree(target)
        os.rename(staging, target)
        _fsync_dir(releases_root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_latest(releases_root, version, content_hash)
    return PublishResult(version, target, True, bump, diffs)


def _json(obj: Any) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n").encode("utf-8")


def _changelog(
    version: str,
    previous: str | None,
    bump: str,
    created: str,
    diffs: dict[str, TableDiff],
    contract: list[str],
) -> bytes:
    """The release's CHANGELOG.md: its rows changed by stable id, then its contract's changes."""
    head = [f"# Chronicle {version}", "", f"Created {created}."]
    if previous is None:
        head.append("First release.")
    else:
        head.append(f"Changes since {previous} ({bump} version bump), by stable row id:")
    text = "\n".join(head) + "\n\n" + render_changes(diffs) + "\n"
    if contract:
        lines = "\n".join(f"- {line}" for line in contract)
        text += f"\n## Schema changes (datapackage.json)\n\n{lines}\n"
    return text.encode("utf-8")
