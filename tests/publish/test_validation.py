"""Validation reports exactly what pandera reports, whichever way each table is checked."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.build import build_tables
from flows.publish.tabular import canonical
from flows.publish.validation import (
    Failure,
    _contract_holds,
    cross_table_failures,
    validate_table,
    validate_tables,
)
from schemas import TABLES

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def seed_tables() -> dict[str, pl.DataFrame]:
    tables, _ = build_tables(ROOT / "seeds")
    return {name: canonical(name, tables[name]) for name in TABLES}


def _by_pandera(tables: dict[str, pl.DataFrame]) -> list[Failure]:
    """What validate_tables reported when pandera validated every table."""
    failures = []
    for name in TABLES:
        if name not in tables:
            failures.append(Failure(name, None, "table is present", 1, ("missing",)))
        else:
            failures += validate_table(name, tables[name])
    return failures + cross_table_failures(tables)


def _bad_values(dtype: pl.DataType) -> list[object]:
    if dtype == pl.String:
        return ["", "A" * 300]
    if dtype.is_float():
        return [-1.0, 1e15, math.nan]
    if dtype.is_integer():
        return [-1, 10**12]
    return []


def _mutations(name: str, frame: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """Broken versions of a table: a row repeated, columns retyped, nulled or given odd values."""
    columns = TABLES[name][0].to_schema().columns
    out = [
        ("repeated row", pl.concat([frame, frame.head(1)])),
        ("extra column", frame.with_columns(extra=pl.lit(1))),
        ("first column missing", frame.drop(frame.columns[0])),
    ]
    first = pl.int_range(pl.len()) == 0
    for column, dtype in frame.schema.items():
        retyped = pl.Categorical if dtype == pl.String else pl.String
        out.append((f"{column} as {retyped}", frame.with_columns(pl.col(column).cast(retyped))))
        if not columns[column].nullable or dtype.is_float():
            out.append((f"{column} null", frame.with_columns(pl.lit(None, dtype).alias(column))))
        for value in _bad_values(dtype) if columns[column].checks or dtype.is_float() else []:
            changed = pl.when(first).then(pl.lit(value, dtype)).otherwise(pl.col(column))
            out.append((f"{column}={value!r}", frame.with_columns(changed.alias(column))))
    return out


def test_valid_tables_pass_without_pandera(seed_tables, monkeypatch):
    assert all(_contract_holds(seed_tables).values())
    monkeypatch.setattr(
        "flows.publish.validation.validate_table", lambda *a: pytest.fail("pandera ran")
    )
    assert validate_tables(seed_tables) == []


@pytest.mark.parametrize("name", list(TABLES))
def test_every_broken_contract_is_reported_as_pandera_reports_it(seed_tables, name):
    broken = 0
    for what, frame in _mutations(name, seed_tables[name]):
        expected = _by_pandera({name: frame})
        assert validate_tables({name: frame}) == expected, what
        if any(f.table == name for f in expected):
            assert not _contract_holds({name: frame})[name], what
            broken += 1
    assert broken >= len(seed_tables[name].columns)


def test_missing_table_is_reported(seed_tables):
    tables = {name: frame for name, frame in seed_tables.items() if name != "quotes"}
    assert validate_tables(tables) == _by_pandera(tables)
    assert any(
        f.table == "quotes" and f.rule == "table is present" for f in validate_tables(tables)
    )


def test_a_forecast_may_be_dated_after_publication_but_a_reported_figure_may_not(seed_tables):
    stats, arts = seed_tables["statistics"], seed_tables["articles"]
    claim, article = stats["claim_id"][0], stats["article_id"][0]
    dated = arts.with_columns(
        pl.when(pl.col("article_id") == article)
        .then(pl.lit(date(2020, 12, 31)))
        .otherwise(pl.col("published_date"))
        .alias("published_date")
    )

    def failures(modality: str) -> list[Failure]:
        mine = pl.col("claim_id") == claim
        changed = stats.with_columns(
            pl.when(mine)
            .then(pl.lit(date(2024, 12, 31)))
            .otherwise("as_of_date")
            .alias("as_of_date"),
            pl.when(mine).then(pl.lit(modality)).otherwise("modality").alias("modality"),
        )
        tables = {**seed_tables, "statistics": changed, "articles": dated}
        return [f for f in cross_table_failures(tables) if f.column == "as_of_date"]

    assert failures("projected") == []
    assert len(failures("reported")) == 1
