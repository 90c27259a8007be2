"""Check a published release folder, or one published file, against the contract: for users' CI."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from flows.tabular import canonical, read_csv, sha256_hex
from flows.validation import Failure, cross_table_failures, validate_table
from schemas import TABLES


def _table_from_path(path: Path) -> str | None:
    return path.stem if path.stem in TABLES else None


def check_file(path: Path) -> list[Failure]:
    """Validate one `<table>.parquet` or `<table>.csv` against its table's model."""
    name = _table_from_path(path)
    if name is None:
        return [
            Failure(
                path.name,
                None,
                f"file is named after a table ({', '.join(TABLES)})",
                1,
                (path.name,),
            )
        ]
    try:
        frame = pl.read_parquet(path) if path.suffix == ".parquet" else read_csv(name, path)
    except Exception as exc:  # a damaged or foreign file is a failure to report, not a crash
        return [
            Failure(name, None, "file is readable with the table's dtypes", 1, (str(exc)[:200],))
        ]
    return validate_table(name, frame)


def _check_resource(
    release: Path, resource: dict, tables: dict[str, pl.DataFrame]
) -> list[Failure]:
    name = resource.get("name", "?")
    out: list[Failure] = []
    entries = [(resource.get("path"), resource.get("bytes"), resource.get("hash"))]
    pq = resource.get("chronicle:parquet", {})
    entries.append((pq.get("path"), pq.get("bytes"), pq.get("hash")))
    for rel, size, digest in entries:
        path = release / str(rel)
        if not rel or not path.is_file():
            out.append(Failure(name, None, "resource file exists", 1, (str(rel),)))
            continue
        data = path.read_bytes()
        if size != len(data):
            out.append(
                Failure(
                    name,
                    None,
                    "bytes in datapackage.json match the file",
                    1,
                    (f"{rel}: {size} != {len(data)}",),
                )
            )
        if digest != f"sha256:{sha256_hex(data)}":
            out.append(
                Failure(name, None, "sha256 in datapackage.json matches the file", 1, (str(rel),))
            )
    if out or name not in TABLES:
        if name not in TABLES:
            out.append(Failure(name, None, "resource is a known table", 1, (name,)))
        return out
    parquet = pl.read_parquet(release / pq["path"])
    csv = read_csv(name, release / resource["path"])
    if resource.get("chronicle:rows") != parquet.height:
        out.append(
            Failure(
                name,
                None,
                "row count in datapackage.json matches",
                1,
                (f"{resource.get('chronicle:rows')} != {parquet.height}",),
            )
        )
    if not csv.equals(parquet):
        out.append(
            Failure(
                name, None, "CSV holds the same rows and values as Parquet", 1, (resource["path"],)
            )
        )
    if not parquet.equals(canonical(name, parquet)):
        out.append(
            Failure(
                name, None, "rows are in canonical order with canonical dtypes", 1, (pq["path"],)
            )
        )
    out += validate_table(name, parquet)
    tables[name] = parquet
    return out


def check_release(release: Path) -> list[Failure]:
    """Schemas, CSV equal to Parquet, hashes, sizes and row counts, and cross-table rules."""
    package_path = release / "datapackage.json"
    if not package_path.is_file():
        return [Failure("release", None, "datapackage.json exists", 1, (str(release),))]
    try:
        package = json.loads(package_path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        return [Failure("release", None, "datapackage.json is valid JSON", 1, (str(exc),))]
    out: list[Failure] = []
    if not (release / "manifest.json").is_file():
        out.append(Failure("release", None, "manifest.json exists", 1, (str(release),)))
    tables: dict[str, pl.DataFrame] = {}
    names = [r.get("name") for r in package.get("resources", [])]
    for missing in [t for t in TABLES if t not in names]:
        out.append(Failure(missing, None, "table is in datapackage.json", 1, (missing,)))
    for resource in package.get("resources", []):
        out += _check_resource(release, resource, tables)
    return out + cross_table_failures(tables)


def check_path(path: Path) -> list[Failure]:
    """A release folder or a single table file."""
    if path.is_dir():
        return check_release(path)
    if path.is_file():
        return check_file(path)
    return [Failure(str(path), None, "path exists", 1, (str(path),))]
