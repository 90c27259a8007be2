"""Evaluate: precision and recall of statistics, events and dates against gold annotations (the
seeds' gold files, the general-news statistics and events gold, news2020's publication dates,
TempEval-3 and MEANTIME).
"""

from __future__ import annotations

from flows.evaluate.events import evaluate_events
from flows.evaluate.news_events import evaluate_news_events
from flows.evaluate.news_statistics import evaluate_news_statistics
from flows.evaluate.pubdates import evaluate_pubdates
from flows.evaluate.statistics import evaluate_statistics
from flows.evaluate.temporal import (
    CORPORA_DIR,
    GoldDoc,
    Prediction,
    chronicle_predictions,
    corpora_available,
    evaluate_corpora,
    match_document,
    meantime,
    te3_platinum,
)

__all__ = [
    "CORPORA_DIR",
    "GoldDoc",
    "Prediction",
    "chronicle_predictions",
    "corpora_available",
    "evaluate_corpora",
    "evaluate_events",
    "evaluate_news_events",
    "evaluate_news_statistics",
    "evaluate_pubdates",
    "evaluate_statistics",
    "match_document",
    "meantime",
    "te3_platinum",
]
