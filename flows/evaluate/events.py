"""Score the event extractor against hand-made gold events (eval/gold/events.jsonl).

A gold line is one real-world event as an analyst lists it: PLOVER type (and `alt_types` an
analyst would also accept), mode, a date range (`date_min`..`date_max`: the day, or the span
the text allows), location, actors, modality, `main` (the timeline's main events) and the
sentences that report it (`evidence`: source file and a unique piece of the sentence).

Scores:
- event recall: a gold event is found when a merged event that is not negated has an accepted
  type and a date in the gold range (`_location` also needs a compatible place);
- event precision: asserted, text-dated merged events that match some gold event, over all
  asserted text-dated events (a lower bound: the gold lists the timeline's events, not every
  statement);
- mention scores on the gold evidence sentences: recall of the type, accuracy of date and
  location of those mentions, and precision of the types the extractor puts there.

Usage: `python -m flows.evaluate.events [SEEDS_DIR] [GOLD_FILE]` prints the scores and the misses.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import polars as pl

from flows.annotate import annotate, lookup, split_sentences
from flows.combine import merge_events
from flows.combine.mention_clusters import TEXT_DATED
from flows.extract import extract_events, extract_statistics
from flows.model import Article


def load_gold(path: Path) -> list[dict]:
    """The gold events, dates parsed."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for k in ("date", "date_min", "date_max"):
                row[k] = date.fromisoformat(row[k])
            row["types"] = [row["event_type"], *row.get("alt_types", [])]
            rows.append(row)
    return rows


def run_extractor(articles: list[Article]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event_mentions, events) of the articles, as the pipeline builds them."""
    rows = []
    for a in articles:
        reading = annotate(a)
        rows += extract_events(reading, extract_statistics(reading))
    frame = pl.DataFrame(
        [
            {
                "article_id": a.article_id,
                "published_date": a.published_date,
                "published_date_low": a.published_date_low,
            }
            for a in articles
        ],
        schema={"article_id": pl.String, "published_date": pl.Date, "published_date_low": pl.Date},
    )
    return merge_events(pl.DataFrame(rows, infer_schema_length=None), frame)


def date_span(found: dict, lenient: bool = False) -> tuple[date, date] | None:
    """The days a found date stands for: its range (`date_low`..`date_high`) at day or week
    precision. Undated reports (the week up to publication) count only when `lenient`."""
    low, high = found["date_low"], found["date_high"]
    if low is None or high is None or found["date_precision"] not in ("day", "week"):
        return None
    if found.get("date_source") == "publication" and not lenient:
        return None
    return low, high


def _date_fits(gold: dict, found: dict, lenient: bool = False) -> bool:
    span = date_span(found, lenient)
    return span is not None and span[0] <= gold["date_max"] and gold["date_min"] <= span[1]


def _matches(gold: dict, event: dict, lenient: bool = False) -> bool:
    """Accepted type, not negated, date in the gold range (an event the text leaves undated,
    `undated_in_text`, may be dated by the publication week)."""
    return (
        event["event_type"] in gold["types"]
        and event["modality"] != "negated"
        and _date_fits(gold, event, lenient or gold.get("undated_in_text", False))
    )


def _place_fits(gold: dict, found: dict) -> bool:
    if not gold.get("location"):
        return True
    if found.get("location") == gold["location"]:
        return True
    place = lookup(gold["location"])
    return bool(
        place and place.kind == "country" and found.get("country_code") == place.country_code
    )


def evaluate_events(gold: Path, articles: list[Article]) -> dict:
    """Event recall and precision, and mention accuracy on the gold evidence sentences."""
    golds = load_gold(gold)
    mentions, events = run_extractor(articles)
    ev = events.to_dicts()
    found = {g["gold_id"]: [e for e in ev if _matches(g, e)] for g in golds}
    main = [g for g in golds if g["main"]]

    def recall(subset: list[dict], with_place: bool = False) -> float:
        hits = [
            g
            for g in subset
            if any(not with_place or _place_fits(g, e) for e in found[g["gold_id"]])
        ]
        return round(len(hits) / len(subset), 3) if subset else 0.0

    asserted = [e for e in ev if e["modality"] == "asserted" and e["date_source"] in TEXT_DATED]
    matched = [e for e in asserted if any(_matches(g, e) for g in golds)]
    scores = {
        "gold_events": len(golds),
        "gold_main_events": len(main),
        "events": len(ev),
        "mentions": mentions.height,
        "recall_main_type_date": recall(main),
        "recall_main_type_date_location": recall(main, with_place=True),
        "recall_all_type_date": recall(golds),
        "recall_all_type_date_location": recall(golds, with_place=True),
        "recall_main_type_date_lenient": round(
            sum(any(_matches(g, e, lenient=True) for e in ev) for g in main) / len(main), 3
        )
        if main
        else 0.0,
        "precision_asserted_events_lower_bound": round(len(matched) / len(asserted), 3)
        if asserted
        else 0.0,
    }
    scores.update(_mention_scores(golds, mentions, articles))
    return scores


def _evidence_sentences(golds: list[dict], articles: list[Article]) -> dict[tuple, list[dict]]:
    """(article_id, char_start) of each evidence sentence -> the gold events it reports."""
    out: dict[tuple, list[dict]] = {}
    for g in golds:
        for ev in g["evidence"]:
            for a in articles:
                if a.source_file != ev["source_file"] or ev["contains"] not in a.text:
                    continue
                at = a.text.find(ev["contains"])
                for s in split_sentences(a.text):
                    if s.start <= at < s.end:
                        out.setdefault((a.article_id, s.start), []).append(g)
    return out


def _mention_scores(golds: list[dict], mentions: pl.DataFrame, articles: list[Article]) -> dict:
    sentences = _evidence_sentences(golds, articles)
    rows = mentions.to_dicts()
    by_sentence: dict[tuple, list[dict]] = {}
    for m in rows:
        by_sentence.setdefault((m["article_id"], m["char_start"]), []).append(m)
    typed = dated = placed = with_place = pairs = 0
    predicted = correct_types = 0
    for key, gs in sentences.items():
        found = by_sentence.get(key, [])
        accepted = {t for g in gs for t in g["types"]}
        predicted += len(found)
        correct_types += sum(1 for m in found if m["event_type"] in accepted)
        for g in gs:
            pairs += 1
            hit = next((m for m in found if m["event_type"] in g["types"]), None)
            if hit is None:
                continue
            typed += 1
            dated += int(_date_fits(g, hit))
            if g.get("location"):
                with_place += 1
                placed += int(_place_fits(g, hit))
    return {
        "evidence_sentences_found": len(sentences),
        "mention_recall_type": round(typed / pairs, 3) if pairs else 0.0,
        "mention_date_accuracy": round(dated / typed, 3) if typed else 0.0,
        "mention_location_accuracy": round(placed / with_place, 3) if with_place else 0.0,
        "mention_type_precision": round(correct_types / predicted, 3) if predicted else 0.0,
    }


def misses(gold: Path, articles: list[Article]) -> list[str]:
    """One line per main gold event the merged events miss (type and date)."""
    golds = load_gold(gold)
    _, events = run_extractor(articles)
    ev = events.to_dicts()
    return [
        f"MISS {g['gold_id']} {g['event_type']} {g['date']} {g['description']}"
        for g in golds
        if not any(_matches(g, e) for e in ev)
    ]


def main(argv: list[str]) -> None:
    """Print the scores and the misses on a seeds folder."""
    from flows.ingest import load_articles

    seeds = Path(argv[0]) if argv else Path("seeds")
    gold = Path(argv[1]) if len(argv) > 1 else Path("eval/gold/events.jsonl")
    articles = load_articles(seeds)
    print(json.dumps(evaluate_events(gold, articles), indent=1))
    print("\n".join(misses(gold, articles)))


if __name__ == "__main__":
    main(sys.argv[1:])
