"""Score the statistics extractor against hand-made gold claims (eval/gold/statistics.jsonl).

A gold line names its claim robustly: `source_file`, a unique piece of the evidence sentence
(`evidence`) and the quantity's words inside it (`quantity`), then the expected metric, subject,
value, value_low, value_high, unit, qualifier, attributed_to and as_of_date. A predicted claim
matches a gold claim when it is in an article of the same file and its span overlaps the
gold quantity (one-to-one). Precision and recall count a match only when the metric agrees too;
field accuracies are over matched pairs (as_of_date only where the gold gives a date). Gold
claims whose sentence is in no article text (headlines, captions kept apart) are reported as
`gold_not_in_text` and left out of recall. The seeds' gold annotates the metrics of the
Belarus crisis only: predictions of metrics it never names (sums of money, other counts) are
not scored here; eval/gold/statistics_news.jsonl scores every family (`flows.evaluate.news_statistics`).

Usage: `python -m flows.evaluate.statistics [SEEDS_DIR] [GOLD_FILE]` prints the scores and misses;
`python -m flows.evaluate.statistics --speed [CORPUS_JSONL]` prints the extractor's speed in ms per KB
of article text (default: the news2020 corpus under ../shared/corpora, skipped when absent).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flows.annotate import annotate
from flows.extract import extract_statistics
from flows.extract.attribution import without_titles
from flows.model import Article, stable_id

NEWS2020 = Path("../shared/corpora/news2020_bbc_cnn_st/articles.jsonl")
FIELDS = ("metric", "value", "qualifier", "subject", "attributed_to", "as_of_date")


@dataclass(frozen=True)
class GoldClaim:
    """One gold line and where its quantity lies in an article."""

    row: dict
    spans: tuple[tuple[str, int, int], ...]  # (article_id, start, end) of every occurrence


def load_gold(path: Path, articles: list[Article]) -> list[GoldClaim]:
    """The gold lines, each located in the article texts of its source file."""
    claims = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        spans = []
        for a in articles:
            if a.source_file != row["source_file"]:
                continue
            at = a.text.find(row["evidence"])
            while at != -1:
                q = at + row["evidence"].find(row["quantity"])
                spans.append((a.article_id, q, q + len(row["quantity"])))
                at = a.text.find(row["evidence"], at + 1)
        claims.append(GoldClaim(row, tuple(spans)))
    return claims


def match(gold: list[GoldClaim], predicted: list[dict]) -> list[tuple[GoldClaim, dict | None]]:
    """Pair each gold claim with at most one overlapping prediction (in gold order)."""
    used: set[str] = set()
    pairs = []
    for g in gold:
        hit = None
        for art, start, end in g.spans:
            for p in predicted:
                overlaps = p["char_start"] < end and start < p["char_end"]
                if p["article_id"] == art and overlaps and p["claim_id"] not in used:
                    hit = p
                    break
            if hit:
                break
        if hit:
            used.add(hit["claim_id"])
        pairs.append((g, hit))
    return pairs


def field_agrees(name: str, gold: dict, pred: dict) -> bool:
    """Whether one field of a prediction agrees with the gold claim."""
    if name == "value":
        return all(_same_number(gold[k], pred[k]) for k in ("value", "value_low", "value_high"))
    if name == "subject":
        return _surname(gold["subject"]) == _surname(pred["subject"])
    if name == "attributed_to":
        g, p = _source(gold["attributed_to"]), _source(pred["attributed_to"])
        return g == p or (bool(g) and bool(p) and (g in p or p in g))
    if name == "as_of_date":
        return str(pred["as_of_date"]) == gold["as_of_date"]
    return gold[name] == pred[name]


def evaluate_statistics(gold: Path, articles: list[Article]) -> dict:
    """Precision, recall and per-field accuracy of `extract_statistics` on the gold file."""
    claims = load_gold(gold, articles)
    predicted = _predicted(claims, articles)
    located = [g for g in claims if g.spans]
    pairs = match(located, predicted)
    matched = [(g.row, p) for g, p in pairs if p is not None]
    tp = sum(1 for g, p in matched if g["metric"] == p["metric"])
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(located) if located else 0.0
    accuracy = {}
    for name in FIELDS:
        scored = [(g, p) for g, p in matched if name != "as_of_date" or g["as_of_date"]]
        agree = sum(field_agrees(name, g, p) for g, p in scored)
        accuracy[name] = round(agree / len(scored), 3) if scored else None
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "n_gold": len(located),
        "n_predicted": len(predicted),
        "true_positives": tp,
        "gold_not_in_text": len(claims) - len(located),
        "accuracy": accuracy,
    }


def _predicted(claims: list[GoldClaim], articles: list[Article]) -> list[dict]:
    """The extractor's rows in the gold's files, of the metrics the gold annotates."""
    files = {g.row["source_file"] for g in claims}
    metrics = {g.row["metric"] for g in claims}
    return [
        r
        for a in articles
        if a.source_file in files
        for r in extract_statistics(annotate(a))
        if r["metric"] in metrics
    ]


def errors(gold: Path, articles: list[Article]) -> list[str]:
    """Readable misses, spurious claims and field disagreements, for tuning by hand."""
    claims = [g for g in load_gold(gold, articles) if g.spans]
    predicted = _predicted(claims, articles)
    pairs = match(claims, predicted)
    out = [
        f"MISS {g.row['quantity']!r} {g.row['metric']} | {g.row['evidence']}"
        for g, p in pairs
        if p is None
    ]
    hit_ids = {p["claim_id"] for _, p in pairs if p is not None}
    out += [
        f"SPURIOUS {p['quantity_text']!r} {p['metric']} | {p['evidence'][:120]}"
        for p in predicted
        if p["claim_id"] not in hit_ids
    ]
    for g, p in pairs:
        if p is None:
            continue
        for name in FIELDS:
            if not field_agrees(name, g.row, p) and (name != "as_of_date" or g.row["as_of_date"]):
                want = g.row[name] if name != "value" else (g.row["value_low"], g.row["value_high"])
                got = p[name] if name != "value" else (p["value_low"], p["value_high"])
                out.append(f"FIELD {name}: gold {want!r} got {got!r} | {g.row['evidence'][:80]}")
    return out


def _same_number(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def _surname(subject: str | None) -> str | None:
    return subject.split()[-1].lower().rstrip("s") if subject else None


def _source(source: str | None) -> str:
    if not source:
        return ""
    words = without_titles(source).replace("’", "'").replace(".", "").split()  # "Ms Tikhanovskaya"
    return " ".join(w.lower() for w in words if w.lower() not in ("the", "a", "an", "country's"))


def speed(corpus: Path) -> dict:
    """Claims found and milliseconds per KB of text over a JSONL corpus (`id`, `text`, `date`)."""
    articles = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            published = date.fromisoformat(doc["date"]) if doc.get("date") else None
            key = stable_id(doc["id"])
            articles.append(
                Article(
                    key,
                    key,
                    doc["id"],
                    0,
                    doc.get("title"),
                    doc.get("text") or "",
                    None,
                    published,
                    "metadata",
                    None,
                )
            )
    kilobytes = sum(len(a.text.encode("utf-8")) for a in articles) / 1024
    started = time.perf_counter()
    claims = sum(len(extract_statistics(annotate(a))) for a in articles)
    seconds = time.perf_counter() - started
    return {
        "articles": len(articles),
        "kilobytes": round(kilobytes),
        "claims": claims,
        "seconds": round(seconds, 2),
        "ms_per_kb": round(1000 * seconds / kilobytes, 3),
    }


def main(argv: list[str]) -> None:
    """Print the scores and the errors on a seeds folder, or the speed on a corpus."""
    from flows.ingest import load_articles

    if argv[:1] == ["--speed"]:
        corpus = Path(argv[1]) if len(argv) > 1 else NEWS2020
        print(json.dumps(speed(corpus)) if corpus.exists() else f"{corpus} not found: skipped")
        return

    seeds = Path(argv[0]) if argv else Path("seeds")
    gold = Path(argv[1]) if len(argv) > 1 else Path("eval/gold/statistics.jsonl")
    articles = load_articles(seeds)
    print(json.dumps(evaluate_statistics(gold, articles), indent=1))
    print("\n".join(errors(gold, articles)))


if __name__ == "__main__":
    main(sys.argv[1:])
