"""The matching rule of the date evaluation, and the held-out score on TempEval-3 platinum."""

from __future__ import annotations

from datetime import date

import pytest

from flows.annotate.temporal_expression import TimeExpression
from flows.evaluate.temporal import (
    GoldDoc,
    GoldTimex,
    Prediction,
    corpora_available,
    match_document,
    score_dates,
    te3_platinum,
    timex_value,
)

TEXT = "The FAA on Friday announced it will close towers on April 7; this week and now, too."


def _doc() -> GoldDoc:
    def span(words: str, type_: str, value: str) -> GoldTimex:
        i = TEXT.index(words)
        return GoldTimex(i, i + len(words), words, type_, value)

    timexes = (
        span("Friday", "DATE", "2013-03-22"),
        span("April 7", "DATE", "2013-04-07"),
        span("this week", "TIME", "2013-W12TNI"),
        span("now", "DATE", "PRESENT_REF"),
    )
    return GoldDoc("t", "test", date(2013, 3, 22), TEXT, timexes, len(TEXT))


def _pred(words: str, value: str | None) -> Prediction:
    i = TEXT.index(words)
    return Prediction(i, i + len(words), value)


def test_value_must_match_at_the_predicted_precision() -> None:
    preds = [_pred("Friday", "2013-03-22"), _pred("April 7", "2013-04")]
    n_pred, value_ok, span_ok, _ = match_document(_doc(), preds)
    assert (n_pred, value_ok, span_ok) == (2, 1, 2)


def test_time_overlaps_are_not_scored_and_stray_spans_are_false_positives() -> None:
    preds = [_pred("this week", "2013-W12"), _pred("towers", "2013")]
    n_pred, value_ok, span_ok, errors = match_document(_doc(), preds)
    assert (n_pred, value_ok, span_ok) == (1, 0, 0)
    assert ("fp", "towers", "2013", None) in errors


def test_each_gold_date_matches_once() -> None:
    preds = [_pred("Friday", "2013-03-22"), _pred("Friday", "2013-03-22")]
    assert match_document(_doc(), preds)[:3] == (2, 1, 1)


def test_gold_values_are_normalised() -> None:
    doc = GoldDoc(
        "t", "test", None, "x in 2000 y", (GoldTimex(5, 9, "2000", "DATE", "2000-XX"),), 11
    )
    assert match_document(doc, [Prediction(5, 9, "2000")])[1] == 1
    doc = GoldDoc(
        "t", "test", None, "last week", (GoldTimex(0, 9, "last week", "DATE", "2000-W7"),), 9
    )
    assert match_document(doc, [Prediction(0, 9, "2000-W07")])[1] == 1


@pytest.mark.parametrize(
    ("value", "precision", "kind", "expected"),
    [
        (date(2013, 3, 18), "day", "weekday", "2013-03-18"),
        (date(2013, 3, 18), "week", "relative", "2013-W12"),
        (date(2013, 3, 16), "week", "weekend", "2013-W11-WE"),
        (date(2013, 3, 1), "month", "month", "2013-03"),
        (date(2013, 1, 1), "year", "year", "2013"),
        (date(2012, 7, 1), "month", "quarter", "2012-Q3"),
        (date(2012, 6, 1), "month", "season", "2012-SU"),
        (date(2013, 3, 22), "day", "present", "PRESENT_REF"),
        (None, "unknown", "weekday", None),
    ],
)
def test_timex_value(value: date | None, precision: str, kind: str, expected: str | None) -> None:
    assert timex_value(TimeExpression(0, 1, "x", value, precision, kind)) == expected


@pytest.mark.skipif(not corpora_available(), reason="shared gold corpora absent")
def test_tempeval3_platinum_value_f1_at_least_0_8() -> None:
    scores = score_dates(te3_platinum())
    assert scores.n_gold == 96
    assert scores.f1 >= 0.8
