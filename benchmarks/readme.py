"""README.md's tables of figures, generated from benchmarks/results/ so that they cannot drift.

Each generated region of README.md lies between two comments,

    <!-- begin generated from benchmarks/results/NAME -->
    <!-- end generated -->

and holds that results file without its title. `python -m benchmarks.readme` rewrites the
regions (`make bench` runs it after the benchmarks); with `--check` it only says whether
README.md is in step, and exits 1 when it is not.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results"
REGION = re.compile(
    r"(?P<begin><!-- begin generated from benchmarks/results/(?P<name>[\w.-]+) -->\n)"
    r".*?(?P<end><!-- end generated -->)",
    re.S,
)
# Results label rows with module names; README.md is for users, and modules move.
MODULE_NAME = re.compile(r" \(`flows\.[\w.]+`\)")


def region(name: str, results: Path = RESULTS) -> str:
    """What README.md shows of one results file: all but its title, without module names."""
    text = (results / name).read_text(encoding="utf-8")
    return MODULE_NAME.sub("", re.sub(r"\A# .*\n", "", text)).strip() + "\n"


def regions(readme: str) -> list[str]:
    """The names of the results files that README.md shows, in order."""
    return [m["name"] for m in REGION.finditer(readme)]


def render(readme: str, results: Path = RESULTS) -> str:
    """README.md's text with every generated region rewritten from its results file."""
    return REGION.sub(lambda m: f"{m['begin']}\n{region(m['name'], results)}\n{m['end']}", readme)


def main(argv: list[str] | None = None) -> int:
    """Rewrite README.md's generated regions, or with --check report whether they are stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if fresh == text:
        print(f"{README.name} is in step with {RESULTS.relative_to(ROOT)}/")
        return 0
    if args.check:
        print(
            f"{README.name} differs from {RESULTS.relative_to(ROOT)}/: run python -m benchmarks.readme"
        )
        return 1
    README.write_text(fresh, encoding="utf-8")
    print(f"{README.name}: tables rewritten from {RESULTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
