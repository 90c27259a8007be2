"""The extraction benchmark: its number scoring, its table and its clean skip without corpora."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from flows.evaluate.temporal import GoldDoc

# benchmarks/ is not an installed package: load the module from its file.
_SPEC = importlib.util.spec_from_file_location(
    "benchmarks_extraction", Path(__file__).parents[2] / "benchmarks" / "extraction.py"
)
assert _SPEC is not None and _SPEC.loader is not None
extraction = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = extraction
_SPEC.loader.exec_module(extraction)


def test_number_scores_count_overlaps_inside_the_annotated_lines() -> None:
    doc = GoldDoc("m", "corpus_x", None, "7,000 were held; 15% left.\nlater 9 more", (), 26)
    gold = [(0, 5), (17, 20)]
    preds = [(0, 5), (10, 14), (33, 34)]
    recall, precision = extraction.number_scores([(doc, gold, preds)])
    assert (recall, precision) == (0.5, 0.5)


def test_render_marks_missing_measures() -> None:
    row = extraction.Row("x", te3_f1=0.9, seconds=0.5, kb=100.0)
    table = extraction.render([row], 1, 100.0)
    assert "| x | 0.900 | – | – | – | 5.00 | 0.50 |" in table


def test_main_skips_cleanly_without_corpora(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(extraction, "CORPORA_DIR", tmp_path / "absent")
    assert extraction.main() == 0
    assert "skipped" in capsys.readouterr().out
