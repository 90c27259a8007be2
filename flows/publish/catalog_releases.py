"""What the site's releases page says of each release folder (created, previous version, row
counts, coverage, inputs), kept under the hash of its datapackage.json between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import polars as pl

from flows.publish.catalog_facts import coverage_title
from flows.publish.catalog_files import read_json
from schemas import TABLES


def _semver(name: str) -> tuple[int, int, int] | None:
    """(major, minor, patch) of a version folder name, or None for anything else."""
    parts = name.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


#: the tables counted on the releases page, and the columns its coverage title reads
_SUMMARY_COLUMNS = {
    "articles": ["published_date"],
    "events": ["country_code", "event_date"],
    "event_mentions": ["location"],
    "statistics": [],
}


def _read_columns(path: Path, columns: list[str]) -> pl.DataFrame:
    """Those of some columns a Parquet file has (all its rows, none of its other columns)."""
    present = pl.read_parquet_schema(path)
    return pl.read_parquet(path, columns=[c for c in columns if c in present])


def release_summaries(
    releases_root: Path, site_root: Path, cache_dir: Path | None = None
) -> list[dict[str, Any]]:
    """One line per release folder, newest first: version, date, sizes, link.

    What a release's files say is kept in `cache_dir`, when given, under the hash of its
    datapackage.json (which holds every table's hash), so a long history is not re-read per run.
    """
    latest = str(read_json(releases_root / "latest.json").get("version") or "")
    folders = [d for d in releases_root.iterdir() if d.is_dir() and _semver(d.name)]
    folders.sort(key=lambda d: _semver(d.name) or (0, 0, 0), reverse=True)
    cache_file = cache_dir / "release-summaries.json" if cache_dir else None
    cached = read_json(cache_file) if cache_file else {}
    known: dict[str, Any] = {}
    rows = []
    for folder in folders:
        package_path = folder / "datapackage.json"
        key = (
            hashlib.sha256(package_path.read_bytes()).hexdigest() if package_path.is_file() else ""
        )
        summary = cached.get(folder.name) if key else None
        if not summary or summary.get("key") != key:
            summary = {"key": key, **_folder_summary(folder)}
        known[folder.name] = summary
        rows.append(
            {
                "version": folder.name,
                "latest": folder.name == latest,
                **{k: v for k, v in summary.items() if k != "key"},
                "href": os.path.relpath(folder / "index.html", site_root),
                "has_page": (folder / "index.html").is_file(),
            }
        )
    if cache_file and known != cached:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(known), "utf-8")
        tmp.replace(cache_file)
    return rows


def _folder_summary(folder: Path) -> dict[str, Any]:
    """What the releases page says of one release folder, read from its files."""
    manifest = read_json(folder / "manifest.json")
    package = read_json(folder / "datapackage.json")
    tables = {
        name: _read_columns(folder / f"{name}.parquet", [TABLES[name][1], *columns])
        for name, columns in _SUMMARY_COLUMNS.items()
        if (folder / f"{name}.parquet").is_file()
    }
    covers = (
        coverage_title(tables["events"], tables["event_mentions"], tables["articles"])
        if {"events", "event_mentions", "articles"} <= set(tables)
        else ""
    )
    return {
        "created": str(package.get("created") or manifest.get("created") or ""),
        "previous": manifest.get("previous_version"),
        "counts": {name: frame.height for name, frame in tables.items()},
        "covers": covers,
        "inputs": len(manifest.get("inputs") or []),
    }
