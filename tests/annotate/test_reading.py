"""One reading of each article: every layer built once, dated against one anchor, and read by
extractors that do not import one another."""

from __future__ import annotations

import ast
from collections import Counter
from datetime import date
from pathlib import Path

from flows.annotate import Anchor, annotate, reading
from flows.extract import extract_article
from flows.model import Article, stable_id

ROOT = Path(__file__).parents[2]
TEXT = (
    "Riot police on Saturday detained more than 100 protesters in Minsk, the interior ministry "
    "said. “We will not give up our country,” Maria Kolesnikova told reporters on Sunday. "
    "About 40 people were detained in Brest on Sunday. The weather was cold. "
    "Lukashenko said on Monday he would not step down."
)


def _article(text: str = TEXT, published: date | None = date(2020, 9, 21)) -> Article:
    return Article(stable_id(text), "d", "t.txt", 0, None, text, None, published, "metadata", None)


def test_each_sentence_is_dated_once_and_only_when_an_extractor_asks(monkeypatch):
    calls: Counter[str] = Counter()
    find = reading.find_time_expressions

    def counted(text: str, anchor: date | None):
        calls[text] += 1
        return find(text, anchor)

    monkeypatch.setattr(reading, "find_time_expressions", counted)
    extract_article(_article())
    assert calls and max(calls.values()) == 1
    assert "The weather was cold." not in calls  # no event, no number: never dated


def test_every_layer_is_built_once_per_article(monkeypatch):
    counts: Counter[str] = Counter()
    for name in ("find_places", "find_entities", "find_quotations", "split_sentences"):
        original = getattr(reading, name)

        def counted(*args, _name=name, _original=original):
            counts[_name] += 1
            return _original(*args)

        monkeypatch.setattr(reading, name, counted)
    extracted = extract_article(_article())
    assert extracted.statistics and extracted.mentions and extracted.quotes
    assert counts == dict.fromkeys(counts, 1) and len(counts) == 4


def test_the_anchor_and_its_provenance_are_recorded():
    assert annotate(_article()).anchor == Anchor(date(2020, 9, 21), "publication date")
    undated = annotate(_article(published=None))
    assert undated.anchor == Anchor(None, "none")
    assert all(e.value is None for s in undated.sentences for e in s.times if e.kind == "weekday")


def test_a_quote_clause_cut_through_an_expression_is_still_dated_by_it():
    text = "The task force issued a statement late Tuesday night, citing the minister, who said"
    read = annotate(_article(text))
    lo = text.index("Tuesday")  # a clause that starts inside "late Tuesday night"
    found = read.dating_between(lo, len(text))
    assert found is not None and found.value == date(2020, 9, 15)


def test_no_extractor_imports_another():
    extractors = {"statistics", "events", "quotes"}
    for name in extractors:
        tree = ast.parse((ROOT / "flows" / "extract" / f"{name}.py").read_text())
        imported = {
            node.module.rsplit(".", 1)[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & (extractors - {name}), name
