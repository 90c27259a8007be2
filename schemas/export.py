"""Export the pandera models as Frictionless Table Schemas and polars dtypes."""

from __future__ import annotations

from typing import Any

import pandera.polars as pa
import polars as pl

_FRICTIONLESS_TYPES = {
    "String": "string",
    "Int64": "integer",
    "Int32": "integer",
    "Float64": "number",
    "Bool": "boolean",
    "Boolean": "boolean",
    "Date": "date",
    "Datetime": "datetime",
}
_POLARS_TYPES = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}


def field_type(model: type[pa.DataFrameModel], column: str) -> str:
    """The Table Schema type of one column."""
    dtype = model.to_schema().columns[column].dtype
    return _FRICTIONLESS_TYPES[type(dtype).__name__]


def table_schema(model: type[pa.DataFrameModel], primary_key: str) -> dict[str, Any]:
    """A Frictionless Table Schema (fields, constraints, primary key) for one model."""
    schema = model.to_schema()
    fields = []
    for name, col in schema.columns.items():
        constraints: dict[str, Any] = {"required": not col.nullable}
        if col.unique:
            constraints["unique"] = True
        for check in col.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "greater_than_or_equal_to":
                constraints["minimum"] = stats["min_value"]
            elif check.name == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
            elif check.name == "str_matches":
                constraints["pattern"] = stats["pattern"]
            elif check.name == "str_length":
                if stats.get("min_value") is not None:
                    constraints["minLength"] = stats["min_value"]
                if stats.get("max_value") is not None:
                    constraints["maxLength"] = stats["max_value"]
        fields.append(
            {
                "name": name,
                "type": _FRICTIONLESS_TYPES[type(col.dtype).__name__],
                "description": col.description or "",
                "constraints": constraints,
            }
        )
    return {
        "fields": fields,
        "primaryKey": [primary_key],
        "missingValues": [""],
        "chronicle:rules": [
            {"name": c.name, "description": c.error or c.name} for c in schema.checks
        ],
    }


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Column name -> polars dtype, in the model's column order."""
    return {
        name: _POLARS_TYPES[_FRICTIONLESS_TYPES[type(col.dtype).__name__]]
        for name, col in model.to_schema().columns.items()
    }


def empty_frame(model: type[pa.DataFrameModel]) -> pl.DataFrame:
    """A frame with the model's columns and no rows."""
    return pl.DataFrame(schema=polars_schema(model))
