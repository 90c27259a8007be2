"""Accuracy against gold annotations, the scores `chronicle evaluate` prints, for README.md.

`python -m benchmarks.evaluation` (run by `make bench`) scores statistics and events on seeds/
against eval/gold, statistics and events on the general-news gold (their dev part tuned on,
their test part never read for that), publication dates inferred from news2020's text against
its true dates, and dates on TempEval-3 platinum, TimeBank + AQUAINT and MEANTIME in
../shared/corpora (or $CHRONICLE_CORPORA), and writes benchmarks/results/evaluation.md; without
the corpora it writes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from flows.evaluate import (
    CORPORA_DIR,
    evaluate_corpora,
    evaluate_events,
    evaluate_news_events,
    evaluate_news_statistics,
    evaluate_pubdates,
    evaluate_statistics,
)
from flows.ingest import load_articles

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "evaluation.md"
FIELDS = ("metric", "value", "qualifier", "subject", "attributed_to")
CORPORA = {
    "te3_platinum": "TempEval-3 platinum (held out)",
    "tbaq": "TimeBank + AQUAINT (rules checked here)",
    "meantime": "MEANTIME (annotated lines)",
}


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _each(values: list[float | None]) -> str:
    """One figure when all are equal ("1.000 each"), else every one."""
    if len(set(values)) == 1:
        return f"{_figure(values[0])} each"
    return " / ".join(_figure(v) for v in values)


def report(
    statistics: dict,
    news: dict,
    events: dict,
    news_events: dict,
    published: dict,
    dates: dict,
    when: datetime,
) -> str:
    """The scores as Markdown: statistics on the seed and general-news gold, events on the seed
    and general-news gold, publication dates on news2020, then dates per corpus."""
    accuracy = statistics["accuracy"]
    lines = [
        "# Evaluation",
        "",
        f"Measured {when:%Y-%m-%d} with `python -m benchmarks.evaluation` (the scores "
        "`chronicle evaluate` prints).",
        "",
        "| what | measure | value |",
        "|---|---|---:|",
        f"| statistics (seed gold, {statistics['n_gold']} claims in article text) "
        f"| precision / recall | {_figure(statistics['precision'])} / "
        f"{_figure(statistics['recall'])} |",
        "| | metric, value, qualifier, subject, source right "
        f"| {_each([accuracy[name] for name in FIELDS])} |",
        f"| | as_of_date right | {_figure(accuracy['as_of_date'])} |",
        *(
            f"| statistics (general news, {part} part: {news[part]['articles']} articles, "
            f"{news[part]['n_required']} numbers wanted) | recall / precision / metric right / "
            f"measure words found | {_figure(news[part]['recall'])} / "
            f"{_figure(news[part]['precision'])} / {_figure(news[part]['metric'])} / "
            f"{_figure(news[part]['measure_words'])} |"
            for part in ("dev", "test")
        ),
        f"| events (seed gold, {events['gold_main_events']} main events) "
        f"| recall, type and date right | {_figure(events['recall_main_type_date'])} |",
        "| | recall, type, date and place right "
        f"| {_figure(events['recall_main_type_date_location'])} |",
        "| | asserted merged events matching a gold event (lower bound) "
        f"| {_figure(events['precision_asserted_events_lower_bound'])} |",
        *(
            f"| events (general news, {part} part: {news_events[part]['articles']} articles, "
            f"{news_events[part]['n_main']} main events) | asserted mentions real / type right "
            f"/ date right / main events found / with their place | "
            f"{_figure(news_events[part]['real'])} / {_figure(news_events[part]['typed'])} / "
            f"{_figure(news_events[part]['date_right'])} / "
            f"{_figure(news_events[part]['main_found'])} / "
            f"{_figure(news_events[part]['main_found_placed'])} |"
            for part in ("dev", "test")
        ),
        *(
            f"| publication dates from text (news2020 {part} part, {published[part]['articles']}"
            f" articles) | days given / ranges given / ranges holding the true date "
            f"| {published[part]['days']} / {published[part]['ranges']} / "
            f"{_figure(published[part]['range_holds'])} |"
            for part in ("dev", "test")
        ),
        "",
    ]
    lines += [
        "Dates: a prediction overlapping a gold DATE is right when its value, written at its "
        "own precision, equals the gold value; span F1 counts the overlap alone.",
        "",
        "| corpus | documents | gold DATE | predicted | value P | value R | value F1 | span F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in CORPORA.items():
        d = dates[key]
        lines.append(
            f"| {label} | {d['documents']} | {d['gold_dates']} | {d['predicted']} "
            f"| {d['value_precision']:.3f} | {d['value_recall']:.3f} | {d['value_f1']:.3f} "
            f"| {d['span_f1']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Score the extractors, print the tables and write them to benchmarks/results/evaluation.md;
    skipped (exit 0) without the public corpora."""
    dates = evaluate_corpora(CORPORA_DIR)
    if not dates:
        # As the extraction benchmark: results measured without the corpora would lose figures.
        print(f"{CORPORA_DIR} not found: evaluation not written.")
        return 0
    articles = load_articles(ROOT / "seeds")
    gold = ROOT / "eval" / "gold"
    text = report(
        evaluate_statistics(gold / "statistics.jsonl", articles),
        evaluate_news_statistics(gold, CORPORA_DIR),
        evaluate_events(gold / "events.jsonl", articles),
        evaluate_news_events(gold, CORPORA_DIR),
        evaluate_pubdates(CORPORA_DIR),
        dates,
        datetime.now(UTC),
    )
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
