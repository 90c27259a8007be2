"""The statistics' lexicons compiled: metrics (trigger words, subjects, titles, non-names) and
attribution (reporting verbs, prefixes, publish verbs, source nouns; `flows.annotate.speech`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from flows.annotate import attribution_words
from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation

#: a capitalised plural of a people ("Belarusians", "Chinese"): a subject, not a person's name.
DEMONYM = re.compile(
    r"^(?:[A-Z][a-z]+(?:ians|ans|ese|is|ers|ards|ish)|Britons|Scots|Swedes|Danes|Finns|Poles|"
    r"Czechs|Slovaks|Thais|Kurds|Turks|Greeks|Arabs|Jews|Serbs|Croats|Uzbeks|Kazakhs|Filipinos|"
    r"Uighurs|Uyghurs|Sikhs|Muslims|Christians|Hindus|Buddhists|Catholics|Rohingya|Yazidis)$"
)


class MetricWords(LexiconEntry):
    """One entry of the metrics lexicon: a metric, a set of subject nouns, titles or non-names."""

    kind: Literal["metric", "subject", "title", "not_a_person", "uncounted", "counted", "disease"]
    name: str
    family: Literal["people", "money", "rate"] | None = None
    unit: Literal["person", "percent", "money"] | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    context_verbs: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    exclude_context: tuple[str, ...] = ()
    not_subjects: tuple[str, ...] = ()
    agent_counts: bool = False
    words: tuple[str, ...] = ()
    generic: bool = False


@dataclass(frozen=True)
class Metric:
    name: str
    family: str
    unit: str
    verbs: re.Pattern[str]
    nouns: re.Pattern[str] | None
    context_verbs: re.Pattern[str] | None
    context: re.Pattern[str] | None
    veto: re.Pattern[str] | None
    not_subjects: frozenset[str]
    agent_counts: bool


@dataclass(frozen=True)
class Vocabulary:
    """The compiled lexicons."""

    metrics: tuple[Metric, ...]
    subjects: re.Pattern[str]
    generic_subjects: frozenset[str]
    titles: frozenset[str]
    not_a_person: frozenset[str]
    uncounted: frozenset[str]
    counted: frozenset[str]
    #: every disease's names ("Covid-19", "coronavirus" ...), matched case-sensitively, and the
    #: disease each name (lowercased) is of
    diseases: re.Pattern[str]
    disease_of: dict[str, str]
    reporting_verb: re.Pattern[str]
    witness_verb: re.Pattern[str]
    witness: re.Pattern[str]
    prefix: re.Pattern[str]
    source_noun: re.Pattern[str]
    publish: re.Pattern[str]
    reject: frozenset[str]


def lexicon_matches(
    pattern: re.Pattern[str], s: str, lo: int = 0, hi: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of a lexicon pattern, skipping capitalised words inside a sentence ("March 22")."""
    title_case = _is_title_case(s)
    for m in pattern.finditer(s, lo, len(s) if hi is None else hi):
        word = m.group(0)
        capitalised = word[0].isupper() and not word.isupper() and not title_case
        if capitalised and s[: m.start()].strip(" “\"'‘("):  # not the sentence's first word
            continue
        yield m


@lru_cache(maxsize=64)
def _is_title_case(s: str) -> bool:
    """A headline written in title case ("Belarus Police Detain Hundreds Of Women")."""
    words = re.findall(r"[A-Za-z]{4,}", s)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _words_re(words: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole words or phrases (any whitespace between their words), the longest first at each
    position, as a prefix tree; lowercased when case is ignored, so "Police" and "police
    officers" share a branch and the longer still wins."""
    phrases = {" ".join(w.split()) for w in words if w.strip()}
    if flags & re.IGNORECASE:
        phrases = {w.lower() for w in phrases}
    body = trie_alternation(phrases).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


@cache
def vocabulary() -> Vocabulary:
    """Load and compile the `metrics` and `attribution` lexicons once."""
    entries = load_lexicon("metrics", MetricWords).entries
    metrics = tuple(
        Metric(
            e.name,
            e.family or "people",
            e.unit or "person",
            _words_re(e.verbs),
            _words_re(e.nouns) if e.nouns else None,
            _words_re(e.context_verbs) if e.context_verbs else None,
            _words_re(e.context_words) if e.context_words else None,
            _words_re(e.exclude_context) if e.exclude_context else None,
            frozenset(w.lower() for w in e.not_subjects),
            e.agent_counts,
        )
        for e in entries
        if e.kind == "metric"
    )
    subject_words = [w for e in entries if e.kind == "subject" for w in e.words]
    subject_words += [singular(w) for w in subject_words if w not in ("others", "names")]
    by_kind = attribution_words()
    return Vocabulary(
        metrics=metrics,
        subjects=_words_re(subject_words),
        generic_subjects=generic_subjects(),
        titles=frozenset(w.lower() for e in entries if e.kind == "title" for w in e.words),
        not_a_person=frozenset(w for e in entries if e.kind == "not_a_person" for w in e.words),
        uncounted=frozenset(w.lower() for e in entries if e.kind == "uncounted" for w in e.words),
        counted=frozenset(w.lower() for e in entries if e.kind == "counted" for w in e.words),
        diseases=_words_re(
            [
                v
                for e in entries
                if e.kind == "disease"
                for w in e.words
                for v in (w, w.upper(), w.lower())
            ],
            flags=0,
        ),  # fmt: skip
        disease_of={w.lower(): e.name for e in entries if e.kind == "disease" for w in e.words},
        reporting_verb=_words_re(by_kind.get("verb", ()) + by_kind.get("source_verb", ())),
        witness_verb=_words_re(by_kind.get("witness_verb", ())),
        witness=_words_re(by_kind.get("witness", ())),
        prefix=_words_re(by_kind.get("prefix", ())),
        source_noun=_words_re(by_kind.get("source_noun", ())),
        publish=_words_re(by_kind.get("publish", ())),
        reject=frozenset(w.lower() for w in by_kind.get("reject", ())),
    )


_IRREGULAR = {"people": "person", "women": "woman", "men": "man", "children": "child",
               "police": "police officer", "staff": "staff member"}  # fmt: skip


def singular(noun: str) -> str:
    """A plural noun in the singular: "protesters" -> "protester", "policemen" -> "policeman",
    "cities" -> "city", "churches" -> "church"; of several words, the last."""
    *head, last = noun.split()
    if last in _IRREGULAR:
        one = _IRREGULAR[last]
    elif last.endswith("men"):
        one = last[:-3] + "man"
    elif last.endswith("ies") and len(last) > 4:
        one = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        one = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        one = last[:-1]
    else:
        one = last
    return " ".join([*head, one])


@cache
def generic_subjects() -> frozenset[str]:
    """The lower-cased subjects that name nobody in particular, without compiling the rest."""
    entries = load_lexicon("metrics", MetricWords).entries
    return frozenset(
        w.lower() for e in entries if e.kind == "subject" and e.generic for w in e.words
    )
