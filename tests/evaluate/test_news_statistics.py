"""The statistics extractor on general news: the gold's dev part holds its floor, and the scorer
matches values, not just spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.evaluate.news_statistics import _same, _same_source, evaluate_news_statistics

ROOT = Path(__file__).parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.mark.skipif(not (CORPORA / "news2020_bbc_cnn_st").exists(), reason="corpora absent")
def test_general_news_dev_part_holds_its_floor():
    report = evaluate_news_statistics(ROOT / "eval" / "gold", CORPORA)
    dev, test = report["dev"], report["test"]
    assert dev["articles"] == 42 and test["articles"] == 15
    assert dev["recall"] >= 0.85 and dev["precision"] >= 0.95, dev
    assert test["recall"] >= 0.75 and test["precision"] >= 0.95, test


def test_values_agree_within_one_percent_signs_aside():
    row = {"value": 85.0, "value_low": 85.0, "value_high": 85.0}
    assert _same(row, {"value": -85, "low": -85, "high": -85})
    assert _same(row, {"value": 85.5, "low": 85.5, "high": 85.5})
    assert not _same(row, {"value": 80, "low": 80, "high": 80})


def test_a_source_meets_the_gold_by_its_name_its_initials_or_its_surname():
    assert _same_source("the health ministry", "Health Ministry")
    assert _same_source("Ministry of Health", "MOH")
    assert _same_source("Dr Vergeire", "Maria Rosario Vergeire")  # a title and surname
    assert not _same_source("Dr Vergeire", "Maria Santos")
    assert not _same_source("ONS", None)


def test_absent_corpora_give_no_report(tmp_path):
    assert evaluate_news_statistics(ROOT / "eval" / "gold", tmp_path) == {}
