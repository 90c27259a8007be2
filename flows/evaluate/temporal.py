"""Score date resolution against the TimeML gold corpora (TempEval-3, TBAQ, MEANTIME).

Matching rule (DATE-type timexes only):
- A prediction is a span with a TIMEX3-style value string (or None when unresolved).
- Predictions are taken in text order; each is matched to the first not-yet-matched gold DATE
  span it overlaps (by at least one character), preferring one whose value it equals.
- Value-correct: the prediction's value equals the gold value exactly, after cutting any time
  of day from the gold value ("2013-03-18TNI" -> "2013-03-18"), trailing unknown parts
  ("1998-12-XX" -> "1998-12") and padding weeks ("2000-W7" -> "2000-W07"). A prediction formats its value
  at its own precision ("2013-03-18" day, "2013-W12" week, "2013-03" month, "2013" year;
  quarters "2013-Q1", seasons "2013-SU", weekends "2013-W11-WE", now/currently "PRESENT_REF"),
  so a coarser or finer value than the gold one is wrong.
- MEANTIME annotates only the title, the date line and the first four or five sentences of each
  article: predictions starting after the end of the last line holding any gold annotation (of
  any layer) are not scored there. TimeML documents are annotated throughout.
- A prediction overlapping no gold DATE but a gold TIME timex is not scored (TIME is out of
  scope, its date part would often be right); any other unmatched prediction is a false
  positive, for both the span and the value scores.
- Value precision = value-correct / scored predictions; value recall = value-correct / gold
  DATE timexes (all of them, including PAST_REF, quarters and others a system may not express).
  Span scores count matched predictions regardless of value.
- Known gold quirks, scored as they are: MEANTIME week values run one above ISO 8601 weeks
  ("this week" in a Tuesday 2006-03-28 article is 2006-W14 there, ISO W13); TimeBank marks
  many "a year ago"/"last year" in earnings reports as quarters (1988-Q3).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flows.annotate import TimeExpression, find_time_expressions

CORPORA_DIR = Path(
    os.environ.get("CHRONICLE_CORPORA", Path(__file__).resolve().parents[3] / "shared" / "corpora")
)
TIMEML_FILE = "timeml_tempeval3/gold_spans.jsonl"
MEANTIME_FILE = "meantime_en/gold_spans.jsonl"
SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 span."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    """One gold document: its text, creation date and timexes."""

    doc_id: str
    split: str
    dct: date | None
    text: str
    timexes: tuple[GoldTimex, ...]
    scored_end: int


@dataclass(frozen=True)
class Prediction:
    """A predicted date span with its TIMEX3-style value."""

    start: int
    end: int
    value: str | None


@dataclass(frozen=True)
class DateScores:
    """Value and span precision/recall/F1 over DATE timexes, with the counts behind them."""

    n_docs: int
    n_gold: int
    n_pred: int
    value_correct: int
    span_correct: int

    @property
    def precision(self) -> float:
        """Value-correct share of scored predictions."""
        return self.value_correct / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """Value-correct share of gold DATE timexes."""
        return self.value_correct / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of value precision and recall."""
        return _f1(self.precision, self.recall)

    @property
    def span_f1(self) -> float:
        """F1 of span overlap alone, whatever the value."""
        p = self.span_correct / self.n_pred if self.n_pred else 0.0
        r = self.span_correct / self.n_gold if self.n_gold else 0.0
        return _f1(p, r)

    def as_dict(self) -> dict[str, float | int]:
        """The scores and counts as a flat dict (for reports)."""
        return {
            "value_precision": self.precision,
            "value_recall": self.recall,
            "value_f1": self.f1,
            "span_f1": self.span_f1,
            "gold_dates": self.n_gold,
            "predicted": self.n_pred,
            "documents": self.n_docs,
        }


def _f1(p: float, r: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def corpora_available(root: Path = CORPORA_DIR) -> bool:
    """Whether the shared gold corpora are present."""
    return (root / TIMEML_FILE).is_file() and (root / MEANTIME_FILE).is_file()


def load_gold(path: Path, splits: Iterable[str] | None = None) -> list[GoldDoc]:
    """Gold documents of a gold_spans.jsonl file, optionally only the given splits/corpora."""
    wanted = set(splits) if splits is not None else None
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            split = row.get("split") or row.get("corpus") or ""
            if wanted is not None and split not in wanted:
                continue
            timexes = tuple(
                GoldTimex(t["start"], t["end"], t["text"], t["type"], t["value"] or "")
                for t in sorted(row["timex"], key=lambda t: (t["start"], t["end"]))
            )
            dct = _parse_dct(row.get("dct"))
            docs.append(GoldDoc(row["id"], split, dct, row["text"], timexes, _annotated_end(row)))
    return docs


def _annotated_end(row: dict) -> int:
    """End of the last line holding a gold annotation of any layer (whole text for TimeML)."""
    if "corpus" not in row:
        return len(row["text"])
    layers = ("timex", "values", "entity_mentions", "event_mentions")
    last = max((a["end"] for k in layers for a in row.get(k, ())), default=len(row["text"]))
    newline = row["text"].find("\n", last)
    return len(row["text"]) if newline < 0 else newline


def _parse_dct(raw: str | None) -> date | None:
    """A creation date as ISO 'YYYY-MM-DD' or, in one MEANTIME file, 'DD-MM-YYYY'."""
    if not raw:
        return None
    if raw[4:5] == "-":
        return date.fromisoformat(raw[:10])
    day, month, year = raw[:10].split("-")
    return date(int(year), int(month), int(day))


def te3_platinum(root: Path = CORPORA_DIR) -> list[GoldDoc]:
    """The 20 TempEval-3 platinum test documents (held out)."""
    return load_gold(root / TIMEML_FILE, ["te3-platinum"])


def tbaq(root: Path = CORPORA_DIR) -> list[GoldDoc]:
    """The TimeBank and AQUAINT training documents (256)."""
    return load_gold(root / TIMEML_FILE, ["tbaq-timebank", "tbaq-aquaint"])


def meantime(root: Path = CORPORA_DIR) -> list[GoldDoc]:
    """The 120 MEANTIME English Wikinews documents."""
    return load_gold(root / MEANTIME_FILE)


def timex_value(expr: TimeExpression) -> str | None:
    """The TIMEX3 value string of a resolved expression, at its own precision."""
    v = expr.value
    if v is None or expr.precision == "unknown":
        return None
    if expr.kind == "present":
        return "PRESENT_REF"
    if expr.kind == "quarter":
        return f"{v.year:04d}-Q{(v.month - 1) // 3 + 1}"
    if expr.kind == "season":
        return f"{v.year:04d}-{SEASON_CODES.get(v.month, 'XX')}"
    if expr.precision == "week":
        iso = v.isocalendar()
        suffix = "-WE" if expr.kind == "weekend" else ""
        return f"{iso.year:04d}-W{iso.week:02d}{suffix}"
    if expr.precision == "month":
        return f"{v.year:04d}-{v.month:02d}"
    if expr.precision == "year":
        return f"{v.year:04d}"
    return v.isoformat()


def chronicle_predictions(text: str, anchor: date | None) -> list[Prediction]:
    """Chronicle's date expressions as scored predictions."""
    return [Prediction(e.start, e.end, timex_value(e)) for e in find_time_expressions(text, anchor)]


def _gold_value(value: str) -> str:
    """A gold value in the form predictions take: no time of day, no trailing unknown parts,
    two-digit weeks ('2000-W7' -> '2000-W07', '1998-12-XX' -> '1998-12')."""
    if not value[:1].isdigit():
        return value
    value = value.split("T", 1)[0]
    while value.endswith("-XX"):
        value = value[:-3]
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def match_document(doc: GoldDoc, preds: list[Prediction]) -> tuple[int, int, int, list[tuple]]:
    """(scored predictions, value-correct, span-correct, errors) for one document."""
    dates = [t for t in doc.timexes if t.type == "DATE"]
    others = [t for t in doc.timexes if t.type == "TIME"]
    used: set[int] = set()
    n_pred = value_ok = span_ok = 0
    errors: list[tuple] = []
    for p in sorted(preds, key=lambda p: (p.start, p.end)):
        if p.start >= doc.scored_end:
            continue
        hits = [
            i for i, t in enumerate(dates) if i not in used and t.start < p.end and p.start < t.end
        ]
        if not hits:
            if any(t.start < p.end and p.start < t.end for t in others):
                continue
            n_pred += 1
            errors.append(("fp", doc.text[p.start : p.end], p.value, None))
            continue
        n_pred += 1
        good = [i for i in hits if _gold_value(dates[i].value) == p.value]
        i = good[0] if good else hits[0]
        used.add(i)
        span_ok += 1
        if good:
            value_ok += 1
        else:
            errors.append(("value", doc.text[p.start : p.end], p.value, dates[i].value))
    errors.extend(("fn", t.text, None, t.value) for i, t in enumerate(dates) if i not in used)
    return n_pred, value_ok, span_ok, errors


def score_dates(
    docs: list[GoldDoc],
    predict: Callable[[str, date | None], list[Prediction]] = chronicle_predictions,
) -> DateScores:
    """Score a predictor over gold documents with the matching rule of this module."""
    n_gold = n_pred = value_ok = span_ok = 0
    for doc in docs:
        p, v, s, _ = match_document(doc, predict(doc.text, doc.dct))
        n_gold += sum(1 for t in doc.timexes if t.type == "DATE")
        n_pred, value_ok, span_ok = n_pred + p, value_ok + v, span_ok + s
    return DateScores(len(docs), n_gold, n_pred, value_ok, span_ok)


def date_errors(
    docs: list[GoldDoc],
    predict: Callable[[str, date | None], list[Prediction]] = chronicle_predictions,
) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    """(document id, error kind, text, predicted value, gold value) for every mistake."""
    for doc in docs:
        for kind, text, pred, gold in match_document(doc, predict(doc.text, doc.dct))[3]:
            yield doc.doc_id, kind, text, pred, gold


def evaluate_corpora(root: Path = CORPORA_DIR) -> dict[str, dict[str, float | int]]:
    """Chronicle's date scores on TE3 platinum (held out), TBAQ (training) and MEANTIME."""
    if not corpora_available(root):
        return {}
    return {
        "te3_platinum": score_dates(te3_platinum(root)).as_dict(),
        "tbaq": score_dates(tbaq(root)).as_dict(),
        "meantime": score_dates(meantime(root)).as_dict(),
    }
