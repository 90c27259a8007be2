"""What the catalog reads of a release folder: its tables, each file's size and SHA-256, and each
table's columns and rules as its pandera model documents them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl

from schemas import TABLES

_SHA256 = re.compile(r"sha256:[0-9a-f]{64}")
_CHECK_LABELS = {
    "greater_than_or_equal_to": ("≥ {min_value}", "min_value"),
    "less_than_or_equal_to": ("≤ {max_value}", "max_value"),
    "greater_than": ("> {min_value}", "min_value"),
    "less_than": ("< {max_value}", "max_value"),
    "str_matches": ("matches {pattern}", "pattern"),
}


@dataclass(frozen=True)
class Column:
    """One column of a published table, as documented by its pandera model."""

    name: str
    dtype: str
    nullable: bool
    unique: bool
    description: str
    allowed: str


@dataclass(frozen=True)
class Download:
    """One downloadable file: name, size and SHA-256."""

    path: str
    bytes: int
    size: str
    sha256: str


@dataclass(frozen=True)
class TableInfo:
    """A table's card: what a row is, its columns, rules, row count and files."""

    name: str
    description: str
    primary_key: str
    rows: int
    columns: list[Column]
    rules: list[str]
    parquet: Download | None
    csv: Download | None


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a file, or {} when the file is missing or not an object."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _empty(model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """An empty frame with a model's columns and dtypes."""
    columns = model.to_schema().columns
    return pl.DataFrame(schema={name: col.dtype.type for name, col in columns.items()})


def load_tables(release_dir: Path) -> dict[str, pl.DataFrame]:
    """Every table of a release from its Parquet file (empty when the file is missing)."""
    return {
        name: (
            pl.read_parquet(release_dir / f"{name}.parquet")
            if (release_dir / f"{name}.parquet").is_file()
            else _empty(model)
        )
        for name, (model, _) in TABLES.items()
    }


def human_size(n: int) -> str:
    """Bytes in a short human form: 812 B, 14.2 kB, 3.1 MB."""
    if n < 1000:
        return f"{n} B"
    size = n / 1000
    for unit in ("kB", "MB"):
        if size < 1000:
            return f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"


def _recorded_files(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What a datapackage records of each file (its bytes and hash), by file name."""
    resources = package.get("resources")
    recorded: dict[str, dict[str, Any]] = {}
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        for entry in (resource, resource.get("chronicle:parquet")):
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                recorded[entry["path"]] = entry
    return recorded


def _download(path: Path, recorded: dict[str, Any] | None = None) -> Download | None:
    """Size and SHA-256 of a release file, or None when it is absent.

    The hash `recorded` in the datapackage for a file of that size is taken as it is: the
    publisher computed it from the same bytes, and hashing a large release again takes a while.
    """
    if not path.is_file():
        return None
    size = path.stat().st_size
    recorded = recorded or {}
    if recorded.get("bytes") == size and _SHA256.fullmatch(str(recorded.get("hash"))):
        return Download(path.name, size, human_size(size), str(recorded["hash"])[len("sha256:") :])
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return Download(path.name, size, human_size(size), digest.hexdigest())


def _allowed(check: pa.Check) -> str:
    """A readable statement of one column check."""
    stats = check.statistics or {}
    if check.name == "isin":
        return "one of: " + ", ".join(str(v) for v in stats.get("allowed_values", []))
    if check.name == "str_length":
        bounds = [f"≥ {stats['min_value']}" if stats.get("min_value") is not None else ""]
        bounds.append(f"≤ {stats['max_value']}" if stats.get("max_value") is not None else "")
        return "length " + " and ".join(b for b in bounds if b)
    if check.name == "in_range":
        return f"{stats.get('min_value')} to {stats.get('max_value')}"
    if check.name in _CHECK_LABELS:
        label, key = _CHECK_LABELS[check.name]
        return label.format(**{key: stats.get(key)})
    return check.error or check.name or ""


def table_columns(model: type[pa.DataFrameModel]) -> list[Column]:
    """The columns of a pandera model: name, type, nullability, meaning, allowed values."""
    return [
        Column(
            name=name,
            dtype=str(col.dtype),
            nullable=bool(col.nullable),
            unique=bool(col.unique),
            description=col.description or "",
            allowed="; ".join(_allowed(c) for c in col.checks),
        )
        for name, col in model.to_schema().columns.items()
    ]


def table_infos(
    release_dir: Path, tables: dict[str, pl.DataFrame], package: dict[str, Any] | None = None
) -> list[TableInfo]:
    """The card of every table, in the release's resource order (files as `package` records them)."""
    recorded = _recorded_files(package or {})
    infos = []
    for name, (model, key) in TABLES.items():
        schema = model.to_schema()
        infos.append(
            TableInfo(
                name=name,
                description=" ".join((model.__doc__ or "").split()),
                primary_key=key,
                rows=tables[name].height,
                columns=table_columns(model),
                rules=[c.error or c.name for c in schema.checks],
                parquet=_download(release_dir / f"{name}.parquet", recorded.get(f"{name}.parquet")),
                csv=_download(release_dir / f"{name}.csv", recorded.get(f"{name}.csv")),
            )
        )
    return infos
