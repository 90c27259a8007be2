"""Row-level differences between two releases, by stable id, and the changelog that shows them."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from schemas import TABLES

LISTED_IDS = 200  # ids listed per table and kind in CHANGELOG.md; `chronicle diff` lists all


@dataclass(frozen=True)
class TableDiff:
    """Ids added, removed and changed in one table, and the columns that changed."""

    table: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    changed_columns: tuple[str, ...]
    is_new_table: bool = False

    @property
    def is_empty(self) -> bool:
        """True when the table did not change."""
        return not (self.added or self.removed or self.changed or self.is_new_table)


def diff_table(name: str, old: pl.DataFrame | None, new: pl.DataFrame) -> TableDiff:
    """Compare two versions of a table by primary key."""
    key = TABLES[name][1]
    if old is None:
        return TableDiff(name, tuple(sorted(new[key].to_list())), (), (), (), is_new_table=True)
    old_ids, new_ids = set(old[key].to_list()), set(new[key].to_list())
    common = [c for c in new.columns if c in old.columns and c != key]
    both = new.join(old, on=key, how="inner", suffix="__old")
    changed_mask = pl.lit(False)
    changed_cols = []
    for c in common:
        differs = both.select(pl.col(c).ne_missing(pl.col(f"{c}__old")).any()).item()
        if differs:
            changed_cols.append(c)
            changed_mask = changed_mask | pl.col(c).ne_missing(pl.col(f"{c}__old"))
    changed = both.filter(changed_mask)[key].to_list() if changed_cols else []
    return TableDiff(
        name,
        tuple(sorted(new_ids - old_ids)),
        tuple(sorted(old_ids - new_ids)),
        tuple(sorted(changed)),
        tuple(changed_cols),
    )


def diff_releases(
    old: dict[str, pl.DataFrame], new: dict[str, pl.DataFrame]
) -> dict[str, TableDiff]:
    """Per-table differences; tables present only in `old` show as everything removed."""
    out = {name: diff_table(name, old.get(name), frame) for name, frame in new.items()}
    for name, frame in old.items():
        if name not in new:
            out[name] = TableDiff(name, (), tuple(sorted(frame[TABLES[name][1]].to_list())), (), ())
    return out


def _ids(label: str, ids: tuple[str, ...], limit: int | None) -> list[str]:
    if not ids:
        return []
    shown = ids if limit is None else ids[:limit]
    more = "" if len(shown) == len(ids) else f" … and {len(ids) - len(shown)} more"
    return [f"- {label} ({len(ids)}): " + ", ".join(f"`{i}`" for i in shown) + more]


def render_changes(diffs: dict[str, TableDiff], limit: int | None = LISTED_IDS) -> str:
    """Markdown: a summary table, then the ids per table."""
    lines = ["| table | added | removed | changed | changed columns |", "|---|---:|---:|---:|---|"]
    for name, d in diffs.items():
        cols = ", ".join(d.changed_columns) or "–"
        lines.append(f"| {name} | {len(d.added)} | {len(d.removed)} | {len(d.changed)} | {cols} |")
    for name, d in diffs.items():
        if d.is_empty:
            continue
        lines += ["", f"### {name}" + (" (new table)" if d.is_new_table else "")]
        lines += _ids("added", d.added, limit) + _ids("removed", d.removed, limit)
        lines += _ids("changed", d.changed, limit)
    return "\n".join(lines)
