"""Check a published release folder, or one published file, against the contract: for users' CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from flows.publish.tabular import canonical, read_csv, sha256_hex
from flows.publish.validation import MAX_EXAMPLES, Failure, cross_table_failures, validate_table
from schemas import TABLES

#: the fields of manifest.json's inputs that must equal the documents table's
INPUT_FIELDS = ("sha256", "status")


def _table_from_path(path: Path) -> str | None:
    return path.stem if path.stem in TABLES else None


def _package_beside(path: Path) -> Path:
    """Where the datapackage.json of a single file's release sits, if it sits beside the file."""
    return path.parent / "datapackage.json"


def hash_note(path: Path) -> str | None:
    """For a single file, whether its hash was checked against a datapackage.json beside it."""
    if not path.is_file():
        return None
    if _package_beside(path).is_file():
        return "sha256, bytes and row count checked against the datapackage.json beside it"
    return "no datapackage.json beside the file: its sha256 was not checked"


def check_file(path: Path) -> list[Failure]:
    """Validate one `<table>.parquet` or `<table>.csv` against its table's model and datapackage."""
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
    return _against_package(name, path, frame.height) + validate_table(name, frame)


def _against_package(name: str, path: Path, rows: int) -> list[Failure]:
    """A single file's sha256, bytes and row count, against the datapackage.json beside it."""
    package_path = _package_beside(path)
    if not package_path.is_file():
        return []
    package, out = _load_json(package_path)
    if package is None:
        return out
    for resource in package.get("resources", []):
        for entry in _files(resource):
            if entry.get("path") == path.name:
                recorded = resource.get("chronicle:rows")
                return _file_failures(name, path, entry) + _rows_failures(
                    name, "datapackage.json", recorded, rows
                )
    return [
        Failure(name, None, "file is listed in the datapackage.json beside it", 1, (path.name,))
    ]


def _load_json(path: Path) -> tuple[dict[str, Any] | None, list[Failure]]:
    """A release's JSON file as an object, or the failure that it is missing or unparsable."""
    if not path.is_file():
        return None, [Failure("release", None, f"{path.name} exists", 1, (str(path.parent),))]
    try:
        data = json.loads(path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, [Failure("release", None, f"{path.name} is valid JSON", 1, (str(exc)[:200],))]
    if not isinstance(data, dict):
        return None, [Failure("release", None, f"{path.name} is a JSON object", 1, (path.name,))]
    return data, []


def _files(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """A resource's two files, each with its path, bytes and hash: the CSV, then the Parquet."""
    return [resource, resource.get("chronicle:parquet", {})]


def _file_failures(name: str, path: Path, entry: dict[str, Any]) -> list[Failure]:
    """The bytes and sha256 a datapackage records for a file, checked against the file."""
    data = path.read_bytes()
    out: list[Failure] = []
    if entry.get("bytes") != len(data):
        out.append(
            Failure(
                name,
                None,
                "bytes in datapackage.json match the file",
                1,
                (f"{path.name}: {entry.get('bytes')} != {len(data)}",),
            )
        )
    if entry.get("hash") != f"sha256:{sha256_hex(data)}":
        out.append(
            Failure(name, None, "sha256 in datapackage.json matches the file", 1, (path.name,))
        )
    return out


def _rows_failures(name: str, source: str, recorded: object, rows: int) -> list[Failure]:
    """The row count `source` records for a table, checked against the table."""
    if recorded == rows:
        return []
    return [Failure(name, None, f"row count in {source} matches", 1, (f"{recorded} != {rows}",))]


def _check_resource(
    release: Path, resource: dict, tables: dict[str, pl.DataFrame]
) -> list[Failure]:
    name = resource.get("name", "?")
    out: list[Failure] = []
    for entry in _files(resource):
        rel = entry.get("path")
        path = release / str(rel)
        if not rel or not path.is_file():
            out.append(Failure(name, None, "resource file exists", 1, (str(rel),)))
            continue
        out += _file_failures(name, path, entry)
    if out or name not in TABLES:
        if name not in TABLES:
            out.append(Failure(name, None, "resource is a known table", 1, (name,)))
        return out
    pq = resource["chronicle:parquet"]
    parquet = pl.read_parquet(release / pq["path"])
    csv = read_csv(name, release / resource["path"])
    out += _rows_failures(name, "datapackage.json", resource.get("chronicle:rows"), parquet.height)
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


def _manifest_failures(release: Path, tables: dict[str, pl.DataFrame]) -> list[Failure]:
    """manifest.json parses, accounts for the documents table's files, and counts the tables."""
    manifest, out = _load_json(release / "manifest.json")
    if manifest is None:
        return out
    inputs = manifest.get("inputs")
    if not isinstance(inputs, list) or not all(isinstance(i, dict) for i in inputs):
        return [Failure("release", None, "manifest.json lists its inputs", 1, ("inputs",))]
    if "documents" in tables:  # else its resource failed, and that failure is reported
        out += _inputs_failures(inputs, tables["documents"])
    recorded = manifest.get("tables")
    for name, frame in tables.items():
        entry = recorded.get(name) if isinstance(recorded, dict) else None
        if isinstance(entry, dict) and "rows" in entry:
            out += _rows_failures(name, "manifest.json", entry["rows"], frame.height)
    return out


def _inputs_failures(inputs: list[dict[str, Any]], documents: pl.DataFrame) -> list[Failure]:
    """manifest.json's inputs are the documents table's files, with the same sha256 and status."""
    listed = {i.get("source_file"): i for i in inputs}
    held = {d["source_file"]: d for d in documents.select("source_file", *INPUT_FIELDS).to_dicts()}
    shared = held.keys() & listed.keys()
    broken = [
        ("source_file", "every document is an input in manifest.json", held.keys() - listed),
        ("source_file", "every input in manifest.json is a document", listed.keys() - held),
    ] + [
        (
            field,
            f"{field} of each input in manifest.json matches documents",
            {f for f in shared if listed[f].get(field) != held[f][field]},
        )
        for field in INPUT_FIELDS
    ]
    return [
        Failure(
            "documents", column, rule, len(files), tuple(sorted(map(str, files)))[:MAX_EXAMPLES]
        )
        for column, rule, files in broken
        if files
    ]


def check_release(release: Path) -> list[Failure]:
    """Schemas, CSV equal to Parquet, hashes, sizes and row counts, manifest.json, cross-table rules."""
    package, out = _load_json(release / "datapackage.json")
    if package is None:
        return out
    tables: dict[str, pl.DataFrame] = {}
    names = [r.get("name") for r in package.get("resources", [])]
    for missing in [t for t in TABLES if t not in names]:
        out.append(Failure(missing, None, "table is in datapackage.json", 1, (missing,)))
    for resource in package.get("resources", []):
        out += _check_resource(release, resource, tables)
    return out + _manifest_failures(release, tables) + cross_table_failures(tables)


def check_path(path: Path) -> list[Failure]:
    """A release folder or a single table file."""
    if path.is_dir():
        return check_release(path)
    if path.is_file():
        return check_file(path)
    return [Failure(str(path), None, "path exists", 1, (str(path),))]
