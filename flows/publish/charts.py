"""Charts of a release, drawn with Vega-Lite and pre-rendered to inline SVG (no network).

This module turns the tables into each chart's rows; flows.publish.chartspecs makes the specs and draws
them, in a renderer child process (the map's spec is flows.publish.chart_map's).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import weakref
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from flows.publish.chart_map import places_spec
from flows.publish.chartspecs import (
    Drawing,
    crowds_spec,
    detentions_spec,
    events_spec,
    geography_paths,
)
from flows.runtime import child_of_this_process

#: beyond these, the detentions chart keeps the most disputed and claimed counts.
DETENTION_PANELS = 10
CLAIMS_PER_PANEL = 12

# The renderer holds the GIL for a whole conversion and takes most of a second to start, so the
# charts a page lacks are drawn by a child process, started ahead, while the page is being written:
# it builds their specs too (flows.publish.chartspecs and chart_map). It finds this project (its
# first argument) whatever its working folder, then runs _serve. Of the schemas package it needs
# the vocabularies (schemas/_common.py) and not the pandera models the package imports (a fifth of
# a second, on a core the run is using).
_RENDERER = """import sys, types
root = sys.argv[1]
sys.path.insert(0, root)
for name, folder in (("schemas", "/schemas"), ("flows.publish", "/flows/publish")):
    sys.modules[name] = package = types.ModuleType(name)
    package.__path__ = [root + folder]
from flows.publish.chartspecs import _serve
_serve()
"""
#: the folder holding the flows package
_ROOT = Path(__file__).resolve().parents[2]

#: a renderer started ahead of the charts it will draw, stopped at exit unless taken
_spare: list[weakref.finalize] = []


def _spawn_renderer() -> subprocess.Popen[bytes]:
    """A renderer child, warming up until it reads the path of its job."""
    return subprocess.Popen(
        [sys.executable, "-c", _RENDERER, str(_ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=child_of_this_process(),
    )


def start_renderer() -> None:
    """Start warming up the renderer the next charts to draw will use (none when they are cached).

    Its start-up takes most of a second: begun early, it overlaps the work before the charts.
    """
    if not _spare:
        child = _spawn_renderer()
        _spare.append(weakref.finalize(child, _discard, child, None))


def stop_renderer() -> None:
    """Stop a renderer started ahead that no chart needs."""
    while _spare:
        _spare.pop()()


def _take_renderer() -> subprocess.Popen[bytes]:
    """The renderer started ahead when it is still running, else a new one."""
    with contextlib.suppress(IndexError):
        taken = _spare.pop().detach()
        if taken and taken[0].poll() is None:
            return taken[0]
    return _spawn_renderer()


class Charts:
    """A page's charts: read from the cache, or being drawn; None for a chart without data."""

    def __init__(self, drawings: dict[str, Drawing | None], cache_dir: Path | None = None):
        self.drawings = drawings
        self._svgs: dict[str, str | None] = {}
        #: the drawings the renderer is to draw, with the paths it keeps their SVGs at
        self._todo: dict[str, tuple[Drawing, Path | None]] = {}
        for name, drawing in drawings.items():
            path = drawing.cache_path(cache_dir) if drawing and cache_dir else None
            if drawing is None or (path is not None and path.is_file()):
                self._svgs[name] = path.read_bytes().decode("utf-8") if path else None
            else:
                self._todo[name] = (drawing, path)
        self._job: Path | None = None
        self._child: subprocess.Popen[bytes] | None = None
        if not self._todo:
            stop_renderer()
        else:
            self._child = _take_renderer()
            try:
                fd, job = tempfile.mkstemp(prefix="chronicle-charts-", suffix=".pickle")
                self._job = Path(job)
                with os.fdopen(fd, "wb") as fh:
                    geography = geography_paths(cache_dir) if cache_dir else (None, None)
                    pickle.dump((geography, list(self._todo.values())), fh)
                assert self._child.stdin is not None
                self._child.stdin.write(f"{job}\n".encode())
                self._child.stdin.flush()
            except BaseException:
                _discard(self._child, self._job)
                raise
            # a page never written leaves no process or file behind
            self._finalizer = weakref.finalize(self, _discard, self._child, self._job)

    def svgs(self) -> dict[str, str | None]:
        """Every chart's SVG, waiting for the ones being drawn (the renderer keeps them cached)."""
        if self._child is not None and self._job is not None:
            self._finalizer.detach()
            out, err = self._child.communicate()
            self._job.unlink(missing_ok=True)
            if self._child.returncode:
                raise RuntimeError(f"drawing charts failed:\n{err.decode(errors='replace')}")
            self._child = None
            self._svgs.update(zip(self._todo, json.loads(out), strict=True))
        return {name: self._svgs[name] for name in self.drawings}


def _discard(child: subprocess.Popen[bytes], job: Path | None) -> None:
    """Stop a renderer whose charts are not wanted and remove its job file."""
    child.kill()
    child.communicate()
    if job is not None:
        job.unlink(missing_ok=True)


def _iso(value: date | None) -> str | None:
    """ISO date string of a value, or None."""
    return None if value is None else value.isoformat()


def day_dated(events: pl.DataFrame) -> pl.DataFrame:
    """The events dated to the day or the week: those the events chart can place."""
    return events.filter(
        pl.col("event_date").is_not_null() & pl.col("date_precision").is_in(["day", "week"])
    )


def event_period(dates: pl.Series) -> tuple[date, date] | None:
    """The days the events chart spans: from the first event to the last, unless the earliest
    and latest 1% (history recalled in the news, a date misread) would stretch it beyond twice
    the span of the other 98% and a fortnight: then the span of those 98%."""
    dates = dates.drop_nulls().sort()
    if dates.is_empty():
        return None
    n = len(dates)
    first, last, low, high = dates[0], dates[-1], dates[n // 100], dates[n * 99 // 100]
    if (last - first).days > 2 * (high - low).days + 14:
        return low, high
    return first, last


def events_per_day(events: pl.DataFrame) -> Drawing | None:
    """Stacked bars of events per day by PLOVER type, over the `event_period`; events known only
    to the week are paler."""
    dated = day_dated(events)
    period = event_period(dated["event_date"])
    if period is None:
        return None
    daily = (
        dated.filter(pl.col("event_date").is_between(*period))
        .group_by("event_date", "event_type", "date_precision")
        .agg(pl.len().alias("events"))
        .sort("event_date", "date_precision", "event_type")
    )
    rows = [
        {
            "date": _iso(r["event_date"]),
            "type": r["event_type"],
            "known": "to the day" if r["date_precision"] == "day" else "to the week",
            "events": r["events"],
        }
        for r in daily.iter_rows(named=True)
    ]
    return Drawing("chart-events", rows, events_spec)


def _claim_rows(claims: pl.DataFrame, source: pl.Series) -> list[dict[str, object]]:
    """Plain rows of statistics claims (values of 1 or more) for the chart data, with their
    source's name. The charts draw them on log scales, where a bound of 0 ("up to two million":
    0 to 2,000,000) has no place and broke the whole scale: such a range starts at 1."""
    return [
        {
            "date": _iso(r["as_of_date"]),
            "value": r["value"],
            "low": max(r["value_low"], 1.0),
            "high": max(r["value_high"] if r["value_high"] is not None else r["value_low"], 1.0),
            "qualifier": r["qualifier"],
            "words": r["quantity_text"],
            "source": s,
        }
        for r, s in zip(claims.iter_rows(named=True), source.to_list(), strict=True)
    ]


def crowd_sizes(claims: pl.DataFrame) -> Drawing | None:
    """Reported crowd sizes over time: a mark per claim, a line from its low to its high bound."""
    crowds = claims.filter(
        (pl.col("metric") == "participants")
        & pl.col("as_of_date").is_not_null()
        & (pl.col("value") >= 1)
    ).sort("as_of_date", "value", "claim_id")
    if crowds.is_empty():
        return None
    return Drawing("chart-crowds", _claim_rows(crowds, crowds["source"]), crowds_spec)


def _short(text: str, limit: int = 48) -> str:
    """Text cut to a length, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _busiest_panels(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the disputed and most claimed panels, each thinned to its spread of values."""
    panels: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["value"], r["label"])):
        panels.setdefault(row["group"], []).append(row)
    ranked = sorted(panels, key=lambda g: (not panels[g][0]["disagree"], -len(panels[g]), g))
    chosen = sorted(
        ranked[:DETENTION_PANELS],
        key=lambda g: (panels[g][0]["date"] is None, panels[g][0]["date"] or "", g),
    )
    kept = []
    for group in chosen:
        members = panels[group]
        if len(members) > CLAIMS_PER_PANEL:
            step = (len(members) - 1) / (CLAIMS_PER_PANEL - 1)
            members = [members[round(i * step)] for i in range(CLAIMS_PER_PANEL)]
        kept.extend(members)
    return kept


def detentions_by_source(claims: pl.DataFrame) -> Drawing | None:
    """Detention figures in panels per date and group counted, one row per claim, by source."""
    detained = claims.filter((pl.col("metric") == "detained") & (pl.col("value") >= 1)).sort(
        "as_of_date", "subject", "value", "claim_id", nulls_last=True
    )
    if detained.is_empty():
        return None
    rows = _claim_rows(detained, detained["source"])
    for row, r in zip(rows, detained.iter_rows(named=True), strict=True):
        when = f"{r['as_of_date'].day} {r['as_of_date']:%b %Y}" if r["as_of_date"] else "undated"
        flag = " — sources disagree" if r["disagree"] else ""
        row["group"] = f"{r['subject'] or 'people'}, {when}{flag}"
        row["disagree"] = bool(r["disagree"])
        row["label"] = f"“{_short(str(r['quantity_text']), 28)}” {_short(str(row['source']), 30)}"
    return Drawing("chart-detentions", _busiest_panels(rows), detentions_spec)


def event_locations(places: pl.DataFrame) -> Drawing | None:
    """Where events happened: a dot per place sized by its number of events, the busiest named."""
    located = places.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    if located.is_empty():
        return None
    rows = [
        {"place": r["location"], "lat": r["latitude"], "lon": r["longitude"], "events": r["events"]}
        for r in located.iter_rows(named=True)
    ]
    return Drawing("chart-places", rows, places_spec)
