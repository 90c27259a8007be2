"""The charts' Vega-Lite specs, checked against specs altair built.

tests/data/chart_specs holds, per case and chart, the rows drawn and the spec altair 6.3.0 made of
them (Vega-Lite v6.4.1): the seeds release's four charts, and rows that reach the branches the
seeds do not. The same spec gives the same SVG, so pages keep their charts byte for byte. The
maps' specs have since gained a layer of country outlines and the projection's clipExtent (written
by this code; the rest of each is altair's).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.publish import catalog_facts, catalog_files, chart_map, charts, chartspecs

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "chart_specs"
DRAW = {
    "events": chartspecs.events_spec,
    "crowds": chartspecs.crowds_spec,
    "detentions": chartspecs.detentions_spec,
    "places": chart_map.places_spec,
}


def _golden(case: str, chart: str) -> dict:
    """The rows and spec kept for a case's chart."""
    return json.loads((GOLDEN / f"{case}-{chart}.json").read_text("utf-8"))


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_a_chart_spec_is_the_one_altair_built(path: Path) -> None:
    case, chart = path.stem.split("-")
    golden = _golden(case, chart)
    spec = chartspecs.Drawing(f"chart-{chart}", golden["rows"], DRAW[chart]).spec()
    assert spec == golden["spec"]
    # the renderer is handed the spec as written: its keys keep their order too
    assert json.dumps(spec) == json.dumps(golden["spec"])


def test_the_seeds_release_gives_the_rows_of_its_golden_charts() -> None:
    tables = catalog_files.load_tables(ROOT / "data" / "releases" / "1.0.0")
    claims = catalog_facts.with_disagreement(
        catalog_facts.with_sources(tables["statistics"], tables["articles"]),
        tables["statistics_consensus"],
    )
    drawings = {
        "events": charts.events_per_day(tables["events"]),
        "crowds": charts.crowd_sizes(claims),
        "detentions": charts.detentions_by_source(claims),
        "places": charts.event_locations(catalog_facts.places_table(tables)),
    }
    for chart, drawing in drawings.items():
        assert drawing is not None and drawing.data == _golden("seeds", chart)["rows"], chart
