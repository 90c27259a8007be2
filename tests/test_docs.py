"""README.md's tables of figures are the ones in benchmarks/results/, as the generator writes them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# benchmarks/ is not an installed package: load the module from its file.
_SPEC = importlib.util.spec_from_file_location(
    "benchmarks_readme", Path(__file__).parents[1] / "benchmarks" / "readme.py"
)
assert _SPEC is not None and _SPEC.loader is not None
readme = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = readme
_SPEC.loader.exec_module(readme)


def test_readme_shows_every_results_file_as_generated() -> None:
    text = readme.README.read_text(encoding="utf-8")
    shown = sorted(readme.regions(text))
    assert shown == sorted(p.name for p in readme.RESULTS.glob("*.md"))
    assert readme.render(text) == text, "README.md is stale: run python -m benchmarks.readme"


def test_render_rewrites_only_the_regions(tmp_path: Path) -> None:
    (tmp_path / "speed.md").write_text(
        "# Speed\n\n| system | ms |\n|---|---:|\n| chronicle dates (`flows.x.temporal`) | 0.7 |\n"
    )
    begin = "<!-- begin generated from benchmarks/results/speed.md -->\n"
    stale = f"Intro.\n\n{begin}\n| old | table |\n\n<!-- end generated -->\n\nOutro.\n"
    fresh = readme.render(stale, tmp_path)
    assert fresh == (
        f"Intro.\n\n{begin}\n| system | ms |\n|---|---:|\n| chronicle dates | 0.7 |\n\n"
        "<!-- end generated -->\n\nOutro.\n"
    )
    assert readme.render(fresh, tmp_path) == fresh
