"""Run the table contracts and the cross-table rules, collecting every failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.config import CONFIG

from schemas import TABLES

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Failure:
    """One broken rule: where, which rule, how many rows, and a few examples."""

    table: str
    column: str | None
    rule: str
    n_failed: int
    examples: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        """One line for a report."""
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where}: {self.rule} ({self.n_failed} failing; e.g. {', '.join(self.examples)})"


def validate_table(name: str, frame: pl.DataFrame) -> list[Failure]:
    """Check one table against its pandera model, lazily, so every failure is reported."""
    model, _ = TABLES[name]
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _failures_from_cases(name, exc.failure_cases)
    return []


def _outside_fast_path(schema: pa.DataFrameSchema) -> bool:
    """True when a contract uses a pandera feature `_contract_verdicts` does not replay."""
    frame_level = (
        schema.coerce or schema.unique or schema.add_missing_columns or schema.parsers
    ) or schema.dtype is not None
    columns = schema.columns.values()
    column_level = any(
        c.regex or c.coerce or c.default is not None or c.parsers or not c.required for c in columns
    )
    checks = [*schema.checks, *(k for c in columns for k in c.checks)]
    return bool(frame_level or column_level or any(k.element_wise or k.groupby for k in checks))


def _check_passes(check: pa.Check, data: pl.LazyFrame, key: str) -> pl.LazyFrame | bool:
    """One pandera check run as pandera's polars backend runs it, reduced to 'every row passed'."""
    function = check._check_fn
    builtin = getattr(function, "__name__", None)
    if builtin is not None and check.is_builtin_check(builtin):  # as Check.__call__ reloads it
        function = check.get_builtin_check_fn(builtin)
    out = function(PolarsData(data, key), **check._check_kwargs)
    if isinstance(out, bool):
        return out
    (column,) = out.collect_schema().names()  # several output columns: not replayed
    verdict = pl.col(column)
    verdict = verdict | verdict.is_null() if check.ignore_na else verdict.fill_null(False)
    return out.select(verdict.all())


def _contract_verdicts(model: type[pa.DataFrameModel], frame: pl.DataFrame) -> list[Any]:
    """What pandera checks of a table, each as a query giving True when every row passes.

    Raises ValueError when the table or contract is outside what is replayed here.
    """
    schema = model.to_schema()
    if CONFIG.use_narwhals_backend or _outside_fast_path(schema):
        raise ValueError("not replayed")
    if set(frame.columns) != set(schema.columns):
        return [False]
    schema.register_default_backends(pl.LazyFrame)  # what validate() does first: builtin checks
    data = frame.lazy()
    verdicts: list[Any] = []
    for name, column in schema.columns.items():
        if not column.dtype.check(frame.schema[name], PolarsData(data.select(name), name)):
            return [False]
        present = pl.col(name).is_not_null()
        if frame.schema[name].is_float():
            present = present & pl.col(name).is_not_nan()
        if not column.nullable:
            verdicts.append(data.select(present.all()))
        if column.unique:
            verdicts.append(data.select(pl.col(name).is_duplicated().any().not_()))
        verdicts += [_check_passes(check, data, name) for check in column.checks]
    return verdicts + [_check_passes(check, data, "*") for check in schema.checks]


def _contract_holds(tables: dict[str, pl.DataFrame]) -> dict[str, bool]:
    """Per table, True when every row passes every check of its contract (all run at once).

    False means a check failed or could not be replayed: pandera then validates the table.
    """
    queries: dict[str, list[Any]] = {}
    for name, frame in tables.items():
        try:
            queries[name] = _contract_verdicts(TABLES[name][0], frame)
        except Exception:  # noqa: BLE001 - pandera runs the table and reports what it finds
            queries[name] = [False]
    lazy = [q for qs in queries.values() for q in qs if isinstance(q, pl.LazyFrame)]
    try:
        collected = iter(pl.collect_all(lazy))
    except Exception:  # noqa: BLE001 - a check that raises is pandera's to report
        return dict.fromkeys(tables, False)
    verdicts = {
        name: [next(collected).item() if isinstance(q, pl.LazyFrame) else q for q in qs]
        for name, qs in queries.items()
    }
    return {name: all(v is True for v in vs) for name, vs in verdicts.items()}


def _failures_from_cases(table: str, cases: pl.DataFrame) -> list[Failure]:
    out = []
    cases = cases.with_columns(pl.col("column").fill_null(""), pl.col("check").fill_null(""))
    for (column, check), group in cases.group_by(["column", "check"], maintain_order=True):
        examples = []
        for row in group.head(MAX_EXAMPLES).iter_rows(named=True):
            where = f"row {row['index']}" if row.get("index") is not None else "table"
            examples.append(f"{where}: {str(row['failure_case'])[:80]!r}")
        out.append(Failure(table, column or None, str(check), group.height, tuple(examples)))
    return out


def _rule(
    table: str, column: str | None, rule: str, bad: pl.DataFrame, show: list[str]
) -> list[Failure]:
    if bad.is_empty():
        return []
    examples = tuple(
        ", ".join(f"{c}={str(r[c])[:60]!r}" for c in show)
        for r in bad.head(MAX_EXAMPLES).iter_rows(named=True)
    )
    return [Failure(table, column, rule, bad.height, examples)]


def _span_rule(
    table: str, frame: pl.DataFrame, articles: pl.DataFrame, text_col: str | None, id_col: str
) -> list[Failure]:
    """Spans lie inside their article's text and, where a text column is given, match it."""
    if frame.is_empty():
        return []
    joined = frame.join(
        articles.select("article_id", pl.col("text").alias("_article_text")),
        on="article_id",
        how="left",
    )
    out = _rule(
        table,
        "article_id",
        "refers to an existing article",
        joined.filter(pl.col("_article_text").is_null()),
        [id_col, "article_id"],
    )
    joined = joined.filter(pl.col("_article_text").is_not_null())
    inside = pl.col("char_end") <= pl.col("_article_text").str.len_chars()
    out += _rule(
        table,
        "char_end",
        "span lies inside articles.text",
        joined.filter(~inside),
        [id_col, "char_start", "char_end"],
    )
    if text_col:
        joined = joined.filter(inside).with_columns(
            pl.col("_article_text")
            .str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
            .alias("_span")
        )
        out += _rule(
            table,
            text_col,
            f"{text_col} equals articles.text[char_start:char_end]",
            joined.filter(pl.col("_span") != pl.col(text_col)),
            [id_col, text_col, "_span"],
        )
    return out


def _not_after_publication(
    table: str,
    frame: pl.DataFrame,
    articles: pl.DataFrame,
    date_col: str,
    id_col: str,
    where: pl.Expr | None = None,
) -> list[Failure]:
    if frame.is_empty():
        return []
    joined = frame.join(
        articles.select("article_id", "published_date"), on="article_id", how="inner"
    )
    if where is not None:
        joined = joined.filter(where)
    bad = joined.filter(pl.col(date_col) > pl.col("published_date"))
    return _rule(
        table,
        date_col,
        f"{date_col} is not after the article's published_date",
        bad,
        [id_col, date_col, "published_date"],
    )


def _foreign_key(
    table: str,
    frame: pl.DataFrame,
    column: str,
    parent: str,
    parent_frame: pl.DataFrame,
    parent_key: str,
    id_col: str,
) -> list[Failure]:
    if frame.is_empty():
        return []
    bad = frame.filter(pl.col(column).is_not_null()).join(
        parent_frame.select(pl.col(parent_key).alias(column)), on=column, how="anti"
    )
    return _rule(
        table, column, f"refers to an existing {parent}.{parent_key}", bad, [id_col, column]
    )


def cross_table_failures(tables: dict[str, pl.DataFrame]) -> list[Failure]:
    """Rules that span tables: references resolve, offsets lie inside texts, dates precede publication."""
    out: list[Failure] = []
    docs, arts = tables.get("documents"), tables.get("articles")
    if docs is not None and arts is not None:
        out += _foreign_key(
            "articles", arts, "document_id", "documents", docs, "document_id", "article_id"
        )
        counts = (
            arts.group_by("document_id")
            .len("n")
            .join(docs.select("document_id", "n_articles"), on="document_id", how="right")
        )
        bad = counts.filter(pl.col("n").fill_null(0) != pl.col("n_articles"))
        out += _rule(
            "documents",
            "n_articles",
            "equals the number of its articles",
            bad,
            ["document_id", "n_articles", "n"],
        )
    if arts is None:
        return out
    if (stats := tables.get("statistics")) is not None:
        out += _span_rule("statistics", stats, arts, "quantity_text", "claim_id")
        out += _foreign_key(
            "statistics", stats, "converted_from", "statistics", stats, "claim_id", "claim_id"
        )
        out += _not_after_publication(  # a forecast or a target may be dated "by 2024"
            "statistics", stats, arts, "as_of_date", "claim_id", pl.col("modality") == "reported"
        )
    if (mentions := tables.get("event_mentions")) is not None:
        out += _span_rule("event_mentions", mentions, arts, "evidence", "mention_id")
        out += _not_after_publication(
            "event_mentions",
            mentions,
            arts,
            "event_date",
            "mention_id",
            pl.col("modality") == "asserted",
        )
        if (events := tables.get("events")) is not None:
            out += _foreign_key(
                "event_mentions", mentions, "event_id", "events", events, "event_id", "mention_id"
            )
    if (quotes := tables.get("quotes")) is not None:
        out += _span_rule("quotes", quotes, arts, "quote", "quote_id")
    return out


def validate_tables(tables: dict[str, pl.DataFrame]) -> list[Failure]:
    """Every failure of every table's contract and of the cross-table rules."""
    failures = []
    holds = _contract_holds({name: tables[name] for name in TABLES if name in tables})
    for name in TABLES:
        if name not in tables:
            failures.append(Failure(name, None, "table is present", 1, ("missing",)))
        elif not holds[name]:
            failures += validate_table(name, tables[name])
    return failures + cross_table_failures(tables)


class ValidationFailed(RuntimeError):
    """A release did not pass its contract; nothing was published."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        lines = "\n".join(f"  - {f.describe()}" for f in failures)
        super().__init__(f"{len(failures)} validation failure(s):\n{lines}")
