"""Score the statistics extractor on general news: eval/gold/statistics_news.jsonl.

The gold lists, for 57 articles of ../shared/corpora (eval/gold/news_articles.json names them,
with their split), every number a data user would want (`optional: false`) and the numbers
nobody would mind seeing (`optional: true`: ages, years, repeats). The corpora are read at run
time and never copied: each article is written to a temporary folder as `chronicle run` would
read it (headline, body, sidecar with the publication date) and ingested from there.

A prediction matches a gold number when their spans overlap in the same article and their
values agree (within 1%, signs aside: a fall may be written either way). Recall counts the
required numbers matched; precision the predictions that match any gold number, required or
optional. Over the matched required numbers, `family`, `metric` and `unit` accuracy, the
share with an `as_of_date` where the gold gives one, how much of the gold's plain-words
`measure` the row's `measure` holds (its content words found, averaged), the share whose
`attributed_to` names the gold's source where it gives one, and the share with a source where
the gold gives none. Reported per split: `dev` is what rules
may be tuned on, `test` is never read while writing them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from flows.annotate import annotate
from flows.evaluate.corpus_files import listed_articles
from flows.extract import extract_statistics
from flows.extract.attribution import without_titles
from flows.extract.noun_phrases import FUNCTION_WORDS
from flows.model import Article

GOLD = "statistics_news.jsonl"
ARTICLES = "news_articles.json"


def evaluate_news_statistics(gold_dir: Path, corpora: Path) -> dict:
    """Recall, precision and field accuracy per split; {} when the corpora are absent."""
    listed = json.loads((gold_dir / ARTICLES).read_text(encoding="utf-8"))["articles"]
    if not all(
        (corpora / corpus / "articles.jsonl").is_file() for corpus in {a["corpus"] for a in listed}
    ):
        return {}
    gold = [json.loads(line) for line in (gold_dir / GOLD).read_text("utf-8").splitlines() if line]
    articles = listed_articles(listed, corpora)
    report = {}
    for split in ("dev", "test"):
        ids = {a["id"] for a in listed if a["split"] == split}
        report[split] = _score(
            [g for g in gold if g["id"] in ids], {i: articles[i] for i in ids if i in articles}
        )
    return report


def _score(gold: list[dict], articles: dict[str, list[Article]]) -> dict:
    """The scores of one split."""
    every = [a for found in articles.values() for a in found]
    predicted = {a.article_id: extract_statistics(annotate(a)) for a in every}
    spans = defaultdict(list)  # article id -> (start, end, gold line)
    missing = 0
    for g in gold:
        at, article = next(
            ((a.text.find(g["evidence"]), a) for a in articles.get(g["id"], ())
             if g["evidence"] in a.text),
            (-1, None),
        )  # fmt: skip
        if article is None:
            missing += not g["optional"]
            continue
        start = at + g["evidence"].index(g["quantity"])
        spans[article.article_id].append((start, start + len(g["quantity"]), g))
    matched: list[tuple[dict, dict]] = []
    hits = 0
    for doc, rows in predicted.items():
        used: set[int] = set()
        for row in rows:
            pair = next(
                (
                    (k, g)
                    for k, (s, e, g) in enumerate(spans[doc])
                    if k not in used and row["char_start"] < e and s < row["char_end"]
                    and _same(row, g)
                ),
                None,
            )  # fmt: skip
            if pair is not None:
                used.add(pair[0])
                hits += 1
                matched.append((pair[1], row))
    required = [g for doc in spans.values() for _, _, g in doc if not g["optional"]]
    found = [(g, p) for g, p in matched if not g["optional"]]
    n_rows = sum(len(rows) for rows in predicted.values())
    dated = [(g, p) for g, p in found if g["as_of"]]
    sourced = [(g, p) for g, p in found if g["source"]]
    return {
        "recall": _ratio(len(found), len(required)),
        "precision": _ratio(hits, n_rows),
        "family": _ratio(sum(g["family"] == p["family"] for g, p in found), len(found)),
        "metric": _ratio(sum(g["metric"] == p["metric"] for g, p in found), len(found)),
        "unit": _ratio(sum(_unit(g) == p["unit"] for g, p in found), len(found)),
        "as_of_given": _ratio(sum(p["as_of_date"] is not None for g, p in dated), len(dated)),
        "as_of_right": _ratio(
            sum(str(p["as_of_date"]) == g["as_of"] for g, p in dated), len(dated)
        ),
        "measure_words": _mean([_measure_words(g["measure"], p["measure"]) for g, p in found]),
        "source_right": _ratio(
            sum(_same_source(g["source"], p["attributed_to"]) for g, p in sourced), len(sourced)
        ),
        "source_unsaid": _ratio(
            sum(p["attributed_to"] is not None for g, p in found if not g["source"]),
            sum(not g["source"] for g, _ in found),
        ),
        "n_required": len(required),
        "n_predicted": n_rows,
        "required_not_in_text": missing,
        "articles": len(articles),
    }


def _same(row: dict, gold: dict) -> bool:
    """Whether a row's value (or its bounds) agrees with the gold number, signs aside."""
    ours = {abs(v) for v in (row["value"], row["value_low"], row["value_high"]) if v is not None}
    theirs = {abs(v) for v in (gold["value"], gold["low"], gold["high"]) if v is not None}
    return any(abs(a - b) <= 0.01 * max(abs(b), 1e-9) for a in ours for b in theirs)


def _unit(gold: dict) -> str:
    """The gold unit as the statistics table writes it."""
    if gold["family"] == "people":
        return "person"
    return gold["unit"]


_WORD = re.compile(r"[a-z][a-z'’-]*")


def _measure_words(gold: str, ours: str | None) -> float:
    """The share of the gold measure's content words that the row's measure holds (compared on
    their first five letters, so "deaths" meets "death"): how far a measure reads alone."""
    wanted = {w[:5] for w in _WORD.findall(gold.lower()) if w not in FUNCTION_WORDS}
    have = {w[:5] for w in _WORD.findall((ours or "").lower())}
    return len(wanted & have) / len(wanted) if wanted else 1.0


def _same_source(gold: str, ours: str | None) -> bool:
    """Whether a row's source names the gold's: one holds the other once titles, articles and
    case go ("the health ministry" and "health ministry", "Dr Vergeire" and "Maria Rosario
    Vergeire"), or the shorter is the initials of the longer ("ONS", "MOH")."""
    if ours is None:
        return False
    gold, ours = without_titles(gold), without_titles(ours)
    a, b = (" ".join(_WORD.findall(x.lower().replace("the ", " "))) for x in (gold, ours))
    short, long = sorted((gold, ours), key=len)
    initials = {
        "".join(w[0] for w in long.split() if w[0].isupper()).lower(),
        "".join(w[0] for w in long.split()).lower(),
    }
    return bool(a and b) and (a in b or b in a or short.lower() in initials)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None
