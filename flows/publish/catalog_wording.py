"""How the catalog pages write what they show: dates at their precision, counts and ranges,
a claim's hedge, where a sentence was read, and the words to highlight in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def month_span(first: date | None, last: date | None) -> str:
    """'August–November 2020', 'August 2020' or '' for a date range."""
    if first is None or last is None:
        return ""
    if (first.year, first.month) == (last.year, last.month):
        return first.strftime("%B %Y")
    if first.year == last.year:
        return f"{first.strftime('%B')}–{last.strftime('%B %Y')}"
    return f"{first.strftime('%B %Y')}–{last.strftime('%B %Y')}"


def short_date(value: date | None) -> str:
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
    return ("week of " if precision == "week" else "") + short_date(value)


def cite(row: dict[str, Any]) -> str:
    """Where a sentence was read: “headline”, outlet, date (the file when there is no headline)."""
    parts = [f"“{row['headline']}”" if row.get("headline") else str(row.get("source_file") or "")]
    if row.get("outlet"):
        parts.append(str(row["outlet"]))
    if row.get("published_date"):
        parts.append(short_date(row["published_date"]))
    return ", ".join(p for p in parts if p)


def mark_words(sentence: str, words: str | None) -> dict[str, str]:
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


def range_text(low: float | None, high: float | None) -> str:
    """'2,000', '2,000–5,000' or '' for a low–high pair."""
    if low is None:
        return ""
    if high is None or high == low:
        return num(low)
    return f"{num(low)}–{num(high)}"


def hedge(qualifier: str, low: float, high: float | None) -> str:
    """A claim's hedge and bounds in brief: 'exact', '≈ 7,000', 'at least 90', 'range 15–20'."""
    if qualifier == "range":
        return f"range {range_text(low, high)}"
    if qualifier == "at_most":
        return f"at most {num(high if high is not None else low)}"
    if qualifier in {"at_least", "vague"} and high is None:
        return f"{qualifier.replace('_', ' ')} {num(low)}" + ("+" if qualifier == "vague" else "")
    if qualifier == "approx":
        return f"≈ {range_text(low, high)}"
    return qualifier.replace("_", " ")
