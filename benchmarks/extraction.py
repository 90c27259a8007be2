"""Number and date extraction side by side with quantulum3 and dateparser, in one run.

Run: `.venv/bin/python -m benchmarks.extraction`. Prints a markdown table and writes it to
benchmarks/results/extraction.md. Skips (exit 0) when ../shared/corpora is absent.

Accuracy, on the public gold corpora:
- dates: value F1 on TempEval-3 platinum and MEANTIME DATE timexes, with the matching rule of
  flows.evaluate.temporal (span overlap, value equal at the predicted precision);
- numbers: MEANTIME PERCENT and QUANTITY spans (only the annotated lines of each article):
  recall = gold spans overlapped by a prediction; precision = predictions overlapping one.
Speed: every system runs once over the same texts (TE3 platinum + MEANTIME, one call per
document), after one warm-up call so that imports and model loading are not counted. Times are
CPU seconds of this process (time.process_time), so other jobs on a shared machine do not
inflate them; the per-document cap is wall time.
"""

from __future__ import annotations

import importlib
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import FrameType

from flows.evaluate import (
    CORPORA_DIR,
    GoldDoc,
    Prediction,
    chronicle_predictions,
    corpora_available,
    match_document,
    meantime,
    te3_platinum,
)

RESULTS = Path(__file__).parent / "results" / "extraction.md"
LONG_FILE = Path(__file__).resolve().parents[1] / "seeds" / "002_978e6dbf49f5cf3e.txt"
DOC_TIMEOUT_S = 20
NUMBER_TYPES = ("PERCENT", "QUANTITY")
Span = tuple[int, int]


@dataclass
class Row:
    """One system's accuracy and speed."""

    system: str
    te3_f1: float | None = None
    meantime_f1: float | None = None
    num_recall: float | None = None
    num_precision: float | None = None
    seconds: float = 0.0
    kb: float = 0.0
    timeouts: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ms_per_kb(self) -> float:
        """Milliseconds of CPU per kilobyte of text."""
        return 1000 * self.seconds / self.kb if self.kb else 0.0


class _Timeout(Exception):
    """A library call ran past DOC_TIMEOUT_S on one document."""


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Interrupt the block after `seconds` (SIGALRM; main thread on Unix)."""

    def _raise(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _timed(row: Row, fn: Callable[[], list], doc: GoldDoc) -> list:
    """Run fn on one document, adding its CPU time to the row; [] when it hits the cap."""
    row.kb += len(doc.text.encode("utf-8")) / 1024
    start = time.process_time()
    try:
        with _time_limit(DOC_TIMEOUT_S):
            out = fn()
    except _Timeout:
        row.timeouts += 1
        out = []
    row.seconds += time.process_time() - start
    return out


def _date_f1(pairs: list[tuple[GoldDoc, list[Prediction]]]) -> float:
    """Value F1 of predictions over their gold documents (flows.evaluate.temporal's rule)."""
    n_gold = n_pred = ok = 0
    for doc, preds in pairs:
        p, v, _, _ = match_document(doc, preds)
        n_gold += sum(1 for t in doc.timexes if t.type == "DATE")
        n_pred, ok = n_pred + p, ok + v
    prec = ok / n_pred if n_pred else 0.0
    rec = ok / n_gold if n_gold else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def number_gold(doc_row: dict) -> list[Span]:
    """MEANTIME PERCENT and QUANTITY spans of one document."""
    return [(v["start"], v["end"]) for v in doc_row["values"] if v["type"] in NUMBER_TYPES]


def number_scores(pairs: list[tuple[GoldDoc, list[Span], list[Span]]]) -> tuple[float, float]:
    """(recall, precision) of predicted number spans against gold spans, by overlap."""
    n_gold = found = n_pred = right = 0
    for doc, gold, preds in pairs:
        preds = [p for p in preds if p[0] < doc.scored_end]
        n_gold += len(gold)
        found += sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in preds))
        n_pred += len(preds)
        right += sum(1 for p in preds if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    return (found / n_gold if n_gold else 0.0, right / n_pred if n_pred else 0.0)


def _dateparser_predictor() -> Callable[[str, date | None], list[Prediction]]:
    """dateparser.search_dates (base = document date, prefer past) as scored predictions."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    periods = DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"})

    def search(text: str, anchor: date | None) -> list[tuple[str, datetime]]:
        settings: dict = {"PREFER_DATES_FROM": "past"}
        if anchor is not None:
            settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
        return search_dates(text, languages=["en"], settings=settings) or []

    def to_predictions(text: str, found: list[tuple[str, datetime]]) -> list[Prediction]:
        out, pos = [], 0
        for words, when in found:
            i = text.find(words, pos)
            if i < 0:
                continue
            pos = i + len(words)
            period = periods.get_date_data(words).period or "day"
            out.append(Prediction(i, pos, _format(when.date(), period)))
        return out

    search.to_predictions = to_predictions  # type: ignore[attr-defined]
    return search


def _format(d: date, period: str) -> str:
    """A TIMEX3 value at dateparser's own period (day, week, month, year; time counts as day)."""
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        iso = d.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    return d.isoformat()


def _chronicle_numbers() -> Callable[[str], list[Span]] | None:
    """flows.annotate.numbers.find_quantities as spans (amounts and measures; not years, ages, money...)."""
    try:
        numbers = importlib.import_module("flows.annotate.numbers")
    except ImportError:
        return None

    def spans(text: str) -> list[Span]:
        return [
            (q.start, q.end)
            for q in numbers.find_quantities(text)
            if q.excluded in (None, "measure") and q.unit != "money"
        ]

    return spans


def _quantulum() -> Callable[[str], list[Span]]:
    """quantulum3's parser as spans (every quantity except currency amounts)."""
    warnings.filterwarnings("ignore", module="quantulum3")
    from quantulum3 import parser

    def spans(text: str) -> list[Span]:
        return [
            (q.span[0], q.span[1]) for q in parser.parse(text) if q.unit.entity.name != "currency"
        ]

    return spans


def run(root: Path = CORPORA_DIR) -> list[Row]:
    """Every system once over TE3 platinum and MEANTIME; accuracy and speed per system."""
    import json

    te3 = te3_platinum(root)
    mt = meantime(root)
    with (root / "meantime_en" / "gold_spans.jsonl").open(encoding="utf-8") as fh:
        mt_numbers = {r["id"]: number_gold(r) for r in map(json.loads, fh)}
    docs = te3 + mt
    rows: list[Row] = []

    def dates_row(name: str, predict: Callable[[GoldDoc], list[Prediction]]) -> Row:
        row = Row(name)
        preds = {id(d): _timed(row, lambda d=d: predict(d), d) for d in docs}
        row.te3_f1 = _date_f1([(d, preds[id(d)]) for d in te3])
        row.meantime_f1 = _date_f1([(d, preds[id(d)]) for d in mt])
        return row

    chronicle_predictions("warm-up on Monday, 5 people", date(2020, 1, 1))
    rows.append(
        dates_row(
            "chronicle dates (`flows.annotate.temporal`)",
            lambda d: chronicle_predictions(d.text, d.dct),
        )
    )

    dp = _dateparser_predictor()
    dp("warm-up on Monday, 5 people", date(2020, 1, 1))
    raw: dict[int, list] = {}
    row = Row("`dateparser.search_dates` (base = DCT, prefer past)")
    for d in docs:
        raw[id(d)] = _timed(row, lambda d=d: dp(d.text, d.dct), d)
    to_preds = dp.to_predictions  # type: ignore[attr-defined]
    row.te3_f1 = _date_f1([(d, to_preds(d.text, raw[id(d)])) for d in te3])
    row.meantime_f1 = _date_f1([(d, to_preds(d.text, raw[id(d)])) for d in mt])
    row.notes.append("precision of each match from DateDataParser.get_date_data().period (untimed)")
    rows.append(row)

    def numbers_row(name: str, spans: Callable[[str], list[Span]]) -> Row:
        spans("warm-up on Monday, 5 people and 3%")
        row = Row(name)
        found = {id(d): _timed(row, lambda d=d: spans(d.text), d) for d in docs}
        row.num_recall, row.num_precision = number_scores(
            [(d, mt_numbers[d.doc_id], found[id(d)]) for d in mt]
        )
        return row

    chronicle_numbers = _chronicle_numbers()
    if chronicle_numbers is None:
        print(
            "flows.annotate.numbers not available yet: chronicle number rows skipped.",
            file=sys.stderr,
        )
    else:
        rows.append(numbers_row("chronicle numbers (`flows.annotate.numbers`)", chronicle_numbers))
    rows.append(numbers_row("`quantulum3` parser", _quantulum()))

    if chronicle_numbers is not None:
        both = Row("chronicle numbers + dates together")
        for d in docs:
            _timed(
                both,
                lambda d=d: (chronicle_numbers(d.text), chronicle_predictions(d.text, d.dct)),
                d,
            )
        first, numbers = rows[0], rows[2]
        both.te3_f1, both.meantime_f1 = first.te3_f1, first.meantime_f1
        both.num_recall, both.num_precision = numbers.num_recall, numbers.num_precision
        rows.append(both)
    return rows


def _cell(x: float | None) -> str:
    """A score with three decimals, or a dash when the system does not measure it."""
    return "–" if x is None else f"{x:.3f}"


def render(rows: list[Row], n_docs: int, kb: float) -> str:
    """The markdown table of one run."""
    lines = [
        f"Corpora: TE3 platinum (20 docs) + MEANTIME (120 docs), {n_docs} documents, {kb:.0f} KB; "
        f"one run, CPU time, per-document cap {DOC_TIMEOUT_S} s.",
        "",
        "| system | TE3 DATE value F1 | MEANTIME DATE value F1 | MEANTIME num recall "
        "| MEANTIME num precision | ms per KB | total CPU s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.system} | {_cell(r.te3_f1)} | {_cell(r.meantime_f1)} | {_cell(r.num_recall)} "
            f"| {_cell(r.num_precision)} | {r.ms_per_kb:.2f} | {r.seconds:.2f} |"
        )
    notes = [f"- {r.system}: {n}" for r in rows for n in r.notes]
    notes += [f"- {r.system}: {r.timeouts} document(s) hit the cap" for r in rows if r.timeouts]
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


def long_file_table(path: Path = LONG_FILE) -> str:
    """Speed of each system on one long file (twelve articles in one 45 KB seed file)."""
    text = path.read_text(encoding="utf-8")
    doc = GoldDoc(path.name, "seed", date(2020, 9, 20), text, (), len(text))
    dp = _dateparser_predictor()
    systems: list[tuple[str, Callable[[], object]]] = [
        ("chronicle dates", lambda: chronicle_predictions(text, doc.dct)),
        ("`dateparser.search_dates`", lambda: dp(text, doc.dct)),
    ]
    numbers = _chronicle_numbers()
    if numbers is not None:
        systems.append(("chronicle numbers", lambda: numbers(text)))
        systems.append(
            (
                "chronicle numbers + dates",
                lambda: (numbers(text), chronicle_predictions(text, doc.dct)),
            )
        )
    systems.append(("`quantulum3`", lambda: _quantulum()(text)))
    lines = [
        f"One long file: `seeds/{path.name}` ({len(text.encode('utf-8')) / 1024:.0f} KB, one call "
        "per system, anchor 2020-09-20, CPU time).",
        "",
        "| system | ms per KB | total CPU s | hit the cap |",
        "|---|---:|---:|---|",
    ]
    for name, fn in systems:
        row = Row(name)
        _timed(row, lambda fn=fn: [fn()], doc)
        lines.append(
            f"| {name} | {row.ms_per_kb:.2f} | {row.seconds:.2f} | {'yes' if row.timeouts else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Run the benchmark, print the table and write it to benchmarks/results/extraction.md."""
    if not corpora_available(CORPORA_DIR):
        print(f"{CORPORA_DIR} not found: extraction benchmark skipped.")
        return 0
    rows = run(CORPORA_DIR)
    n_docs = len(te3_platinum(CORPORA_DIR)) + len(meantime(CORPORA_DIR))
    table = render(rows, n_docs, rows[0].kb)
    if LONG_FILE.is_file():
        table += "\n" + long_file_table()
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
