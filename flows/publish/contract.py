"""How a release's schemas (its contract) changed since the one before: the version bump the
change calls for, and the lines the changelog lists for it."""

from __future__ import annotations

from typing import Any

#: the bumps in order of weight
ORDER = {None: 0, "patch": 1, "minor": 2, "major": 3}


def _constraint_tightened(old: dict[str, Any], new: dict[str, Any]) -> bool:
    if new.get("required") and not old.get("required"):
        return True
    if new.get("unique") and not old.get("unique"):
        return True
    if "enum" in new and ("enum" not in old or not set(new["enum"]) >= set(old["enum"])):
        return True
    if new.get("pattern") != old.get("pattern") and "pattern" in new:
        return True
    if "minimum" in new and new["minimum"] > old.get("minimum", float("-inf")):
        return True
    return "maximum" in new and new["maximum"] < old.get("maximum", float("inf"))


def schema_bump(old_package: dict[str, Any], new_schemas: dict[str, dict[str, Any]]) -> str | None:
    """'major' for removed/renamed/retyped columns or tighter constraints, 'minor' for additions."""
    old_schemas = {r["name"]: r["schema"] for r in old_package["resources"]}
    bump = None
    for name, old in old_schemas.items():
        new = new_schemas.get(name)
        if new is None:
            return "major"
        new_fields = {f["name"]: f for f in new["fields"]}
        for f in old["fields"]:
            nf = new_fields.get(f["name"])
            if nf is None or nf["type"] != f["type"]:
                return "major"
            if _constraint_tightened(f.get("constraints", {}), nf.get("constraints", {})):
                return "major"
        if len(new_fields) > len(old["fields"]):
            bump = "minor"
    if set(new_schemas) - set(old_schemas):
        bump = "minor"
    return bump


def schema_changes(
    old_package: dict[str, Any], new_schemas: dict[str, dict[str, Any]]
) -> list[str]:
    """One line per table or column whose contract changed: added, removed, retyped, or with
    other constraints or description ("statistics.as_of_source: description changed")."""
    old_schemas = {r["name"]: r["schema"] for r in old_package.get("resources", ())}
    lines = [f"{name}: table added" for name in new_schemas if name not in old_schemas]
    for name, old in old_schemas.items():
        new = new_schemas.get(name)
        if new is None:
            lines.append(f"{name}: table removed")
            continue
        old_fields = {f["name"]: f for f in old["fields"]}
        new_fields = {f["name"]: f for f in new["fields"]}
        lines += [f"{name}.{c}: column removed" for c in old_fields if c not in new_fields]
        for column, nf in new_fields.items():
            f = old_fields.get(column)
            what = (
                ["column added"]
                if f is None
                else [
                    f"{key} changed"
                    for key in ("type", "constraints", "description")
                    if f.get(key) != nf.get(key)
                ]
            )
            lines += [f"{name}.{column}: {', '.join(what)}"] if what else []
        if {k: v for k, v in old.items() if k != "fields"} != {
            k: v for k, v in new.items() if k != "fields"
        }:
            lines.append(f"{name}: table rules changed")
    return lines
