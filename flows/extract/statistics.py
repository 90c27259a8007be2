"""Turn the numbers of an article into statistics rows: metric, subject, bounds, source and date.

A compiled regex picks the sentences that hold a number; only those are parsed
(`flows.annotate.numbers`). Each amount of people or percentage is then mapped to a metric of the
`metrics` lexicon by the nearest trigger word in its clause (verbs right of the number first:
"7,000 protesters had been detained"; then left: "police detained hundreds of women"; nouns
last: "100,000 protesters"); a passive verb ("were detained") beats an active one, and an
active verb with an object does not count its agents ("Two police officers arrested the
gunman"). Weak verbs ("died", "gathered", "signed") count only near context words in the
sentence or the one before (violence, protest, a letter or petition) and reach half as far.
Veto words of a metric within ten words of the number cancel it: deaths from disease are not `killed`,
opinion polls are not `vote_share`. The subject is the person
noun the number counts ("women", "officials") or, for vote shares, the candidate named next to
it. `attributed_to` is the source named in the same sentence ("the interior ministry said",
"according to Viasna", "AFP reports"). `as_of_date` is the election day for vote shares when
the article dates the election, otherwise the date expression nearest the number in its
sentence, resolved as `flows.ingest.pubdate` says, as the events' are (against the publication date,
else the latest date the article reports); counts "since" a date are cumulative and get no date. Bounds follow `flows.annotate.numbers` (see its docstring).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from flows.annotate import (
    HAS_NUMBER,
    Quantity,
    Sentence,
    TimeExpression,
    claim_quantities,
    dating_expression,
    split_sentences,
    time_expressions,
)
from flows.lexicons import LexiconEntry, load_lexicon, trie_alternation
from flows.model import Article, stable_id


class MetricWords(LexiconEntry):
    """One entry of the metrics lexicon: a metric, a set of subject nouns, titles or non-names."""

    kind: Literal["metric", "subject", "title", "not_a_person"]
    name: str
    unit: Literal["person", "percent"] | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    context_verbs: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    exclude_context: tuple[str, ...] = ()
    not_subjects: tuple[str, ...] = ()
    agent_counts: bool = False
    words: tuple[str, ...] = ()
    generic: bool = False


class AttributionWords(LexiconEntry):
    """One entry of the attribution lexicon: reporting verbs, prefixes, publish verbs, non-sources."""

    kind: Literal["verb", "witness_verb", "witness", "prefix", "publish", "reject", "source_noun"]
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Metric:
    name: str
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

    metrics: tuple[_Metric, ...]
    subjects: re.Pattern[str]
    generic_subjects: frozenset[str]
    titles: frozenset[str]
    not_a_person: frozenset[str]
    reporting_verb: re.Pattern[str]
    witness_verb: re.Pattern[str]
    witness: re.Pattern[str]
    prefix: re.Pattern[str]
    source_noun: re.Pattern[str]
    publish: re.Pattern[str]
    reject: frozenset[str]


def lexicon_matches(pattern: re.Pattern[str], s: str, lo: int = 0, hi: int | None = None):
    """Matches of a lexicon pattern, skipping capitalised words inside a sentence ("March 22")."""
    title_case = _is_title_case(s)
    for m in pattern.finditer(s, lo, len(s) if hi is None else hi):
        word = m.group(0)
        inside = s[: m.start()].strip(" “\"'‘(")
        if word[0].isupper() and inside and not word.isupper() and not title_case:
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
    attribution = load_lexicon("attribution", AttributionWords).entries
    metrics = tuple(
        _Metric(
            e.name,
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
    by_kind: dict[str, list[str]] = {}
    for a in attribution:
        by_kind.setdefault(a.kind, []).extend(a.words)
    return Vocabulary(
        metrics=metrics,
        subjects=_words_re(subject_words),
        generic_subjects=generic_subjects(),
        titles=frozenset(w.lower() for e in entries if e.kind == "title" for w in e.words),
        not_a_person=frozenset(w for e in entries if e.kind == "not_a_person" for w in e.words),
        reporting_verb=_words_re(by_kind.get("verb", [])),
        witness_verb=_words_re(by_kind.get("witness_verb", [])),
        witness=_words_re(by_kind.get("witness", [])),
        prefix=_words_re(by_kind.get("prefix", [])),
        source_noun=_words_re(by_kind.get("source_noun", [])),
        publish=_words_re(by_kind.get("publish", [])),
        reject=frozenset(w.lower() for w in by_kind.get("reject", [])),
    )


@cache
def generic_subjects() -> frozenset[str]:
    """The lower-cased subjects that name nobody in particular, without compiling the rest."""
    entries = load_lexicon("metrics", MetricWords).entries
    return frozenset(
        w.lower() for e in entries if e.kind == "subject" and e.generic for w in e.words
    )


def is_generic_subject(subject: str | None) -> bool:
    """True when a subject names nobody in particular ("people", "protesters") or is missing."""
    return subject is None or subject.lower() in generic_subjects()


# --- the pipeline entry point -------------------------------------------------------------


@lru_cache(maxsize=8)
def sentences_of(text: str) -> tuple[Sentence, ...]:
    """The sentences of an article's text, memoised: statistics and events both walk them."""
    return tuple(split_sentences(text))


def extract_statistics(article: Article) -> list[dict]:
    """Statistics rows (the `Statistics` columns) for every claim in the article's text."""
    text = article.text
    if not HAS_NUMBER.search(text):
        return []
    vocab = vocabulary()
    people: dict[str, str] | None = None
    election = None
    rows: list[dict] = []
    announced: tuple[str, str | None] | None = None  # (source, metric of the figures it gave)
    sentences = sentences_of(text)
    for sentence, previous in zip(sentences, [""] + [x.text for x in sentences], strict=False):
        carried = announced
        source = _announcer(sentence.text, vocab)
        announced = (source, None) if source else None
        if not HAS_NUMBER.search(sentence.text):
            continue
        quantities = claim_quantities(sentence.text)
        for i, q in enumerate(quantities):
            left = quantities[i - 1].end if i else 0
            right = quantities[i + 1].start if i + 1 < len(quantities) else len(sentence.text)
            claim = _classify(sentence.text, q, left, right, vocab, previous)
            if claim is None:
                continue
            metric, subject = claim
            if metric == "vote_share":
                people = _person_names(text, vocab) if people is None else people
                subject = _candidate(text, sentence, q, people, vocab)
                if election is None:
                    election = _election_date(text, article)
                when = election or _date_near(sentence.text, q, article, previous)
            else:
                when = _date_near(sentence.text, q, article, previous)
            row = _row(article, sentence, q, metric, subject, when, vocab)
            if carried and not row["attributed_to"] and carried[1] in (None, metric):
                row["attributed_to"] = carried[0]
                announced = announced or (carried[0], metric)  # "Some 4.59% voted against all."
            rows.append(row)
    return rows


def _row(
    article: Article,
    sentence: Sentence,
    q: Quantity,
    metric: str,
    subject: str | None,
    when: TimeExpression | None,
    vocab: Vocabulary,
) -> dict:
    start, end = sentence.start + q.start, sentence.start + q.end
    unit = "percent" if q.unit == "percent" else "person"
    if when and when.value and article.published_date and when.value > article.published_date:
        when = None  # a count is of what has happened: a later date belongs to something else
    return {
        "claim_id": stable_id(article.article_id, start, end, metric),
        "article_id": article.article_id,
        "source_file": article.source_file,
        "metric": metric,
        "subject": subject,
        "value": float(q.value),
        "value_low": float(q.value_low),
        "value_high": None if q.value_high is None else float(q.value_high),
        "unit": unit,
        "qualifier": q.qualifier,
        "quantity_text": q.text,
        "attributed_to": attribution(sentence.text, q.start, q.end, vocab),
        "as_of_date": when.value if when else None,
        "date_precision": when.precision if when else "unknown",
        "date_text": when.text if when else None,
        "evidence": sentence.text,
        "char_start": start,
        "char_end": end,
    }


# --- metric and subject -------------------------------------------------------------------

_CLAUSE_STOP = re.compile(r"[;,:()\[\]—–]|\s-\s|\b(?:but|while|whereas|although)\b")
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
_NOT_A_NOUN = frozenset(
    [
        "was",
        "is",
        "has",
        "as",
        "us",
        "his",
        "its",
        "this",
        "thus",
        "plus",
        "across",
        "always",
        "perhaps",
        "less",
        "yes",
        "has",
        "was",
        "whereas",
    ]
)
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians|ans|ese|is|ers|ards|ish)$")
_LEFT_WORDS, _RIGHT_WORDS = 8, 14
_FUNCTION_WORDS = frozenset(
    [
        "at",
        "in",
        "on",
        "from",
        "to",
        "for",
        "with",
        "by",
        "during",
        "after",
        "before",
        "who",
        "that",
        "which",
        "as",
        "were",
        "was",
        "are",
        "is",
        "had",
        "have",
        "has",
        "been",
        "be",
        "will",
        "would",
        "could",
        "may",
        "might",
        "including",
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "but",
    ]
)


def _classify(
    s: str, q: Quantity, left: int, right: int, vocab: Vocabulary, previous: str = ""
) -> tuple[str, str | None] | None:
    """(metric, subject) of the quantity at `q` in sentence `s` (after `previous`), or None."""
    if q.unit == "percent":
        share = (q.value_high if q.value_high is not None else q.value) <= 100
        return ("vote_share", None) if share and _is_vote_share(s, q, vocab) else None
    subject, counts_people = _counted(s, q, vocab)
    if not counts_people or _POSSESSIVE_AFTER.match(s, q.end):
        return None
    lo = max(left, _last_stop(s, q.start))
    hi = min(right, _first_stop(s, q.end))
    relative = _RELATIVE.search(s, q.end, hi)
    hi = relative.start() if relative else hi
    near_lo, near_hi = _near(s, q, _VETO_WORDS)
    # "... dead and millions have been left homeless": a number that is the subject of its own
    # verb is not the object of a verb before it.
    own_clause = _SUBJECT_OF_VERB.match(s, q.end) is not None
    best: tuple[int, int, int, str] | None = None
    for rank, metric in enumerate(vocab.metrics):
        if metric.unit != "person" or (metric.veto and metric.veto.search(s, near_lo, near_hi)):
            continue
        if subject is not None and subject.lower() in metric.not_subjects:
            continue
        in_context = (
            metric.context is not None
            and (_found(metric.context, s) or _found(metric.context, previous))
            and not (metric.veto and (_found(metric.veto, s) or _found(metric.veto, previous)))
        )
        patterns = (
            (0, metric.verbs, 1),
            (0, metric.context_verbs if in_context else None, 2),
            (1, metric.nouns, 1),
        )
        for base, pattern, reach in patterns:
            if pattern is None:
                continue
            for m in lexicon_matches(pattern, s, lo, hi):
                priority = base
                distance = _words_between(s, q.end, m.start()) if m.start() >= q.end else None
                if distance is None:
                    if m.end() > q.start or own_clause:
                        continue
                    distance = _words_between(s, m.end(), q.start) + 2
                    if distance > _LEFT_WORDS // reach + 2:
                        continue
                elif distance > _RIGHT_WORDS // reach:
                    continue
                elif _AUXILIARY_BEFORE.search(s, q.end, m.start()):
                    priority = min(priority, -1)  # "7,000 protesters had been detained"
                elif not metric.agent_counts and _OBJECT_AFTER.match(s, m.end()):
                    continue  # "Two police officers arrested the gunman": they are not detained
                if best is None or (priority, distance, rank) < best[:3]:
                    best = (priority, distance, rank, metric.name)
    if best is None:
        return None
    return best[3], subject


@lru_cache(maxsize=4096)
def _found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` occurs in `text`, memoised: asked again for every amount of a sentence."""
    return pattern.search(text) is not None


_VOTE_WINDOW = 12
_POSSESSIVE_AFTER = re.compile(r"\s+[A-Za-z]+['’]s?\b(?!\w)")  # "one man's word"
_SUBJECT_OF_VERB = re.compile(
    r"(?:\s+(?:of\s+)?(?!(?:who|which|that|and|or|but|while|whereas|as|when|where|after|before|since|because|if|with|than)\b)[a-zA-Z’'-]+){0,3}?"
    r"\s+(?:have|has|had|were|was|are|is|will|would|could)\b"
)
_AUXILIARY_BEFORE = re.compile(r"\b(?:were|was|are|is|been|be|being|get|got)\s+(?:[a-z]+ly\s+)?$")
_OBJECT_AFTER = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its|two|three|four|five)\b|\d|[A-Z])")
_VETO_WORDS = 10
_RELATIVE = re.compile(r"\b(?:who|which|whose|that)\b")


def _near(s: str, q: Quantity, n: int) -> tuple[int, int]:
    """Character bounds of the n words either side of a quantity."""
    before = [m.start() for m in _TOKEN.finditer(s, 0, q.start)]
    after = [m.end() for m in _TOKEN.finditer(s, q.end)]
    lo = before[-n] if len(before) >= n else 0
    hi = after[n - 1] if len(after) >= n else len(s)
    return lo, hi


def _is_vote_share(s: str, q: Quantity, vocab: Vocabulary) -> bool:
    """A percentage is a vote share when a vote word is within a dozen words of it."""
    vote = next(m for m in vocab.metrics if m.name == "vote_share")
    if vote.veto and vote.veto.search(s):
        return False
    for m in lexicon_matches(vote.verbs, s):
        gap = s[q.end : m.start()] if m.start() >= q.end else s[m.end() : q.start]
        if m.start() < q.end and m.end() > q.start:
            continue
        if len(_TOKEN.findall(gap)) <= _VOTE_WINDOW:
            return True
    return False


def _words_between(s: str, a: int, b: int) -> int:
    return len(_TOKEN.findall(s[a:b]))


def _last_stop(s: str, pos: int) -> int:
    stops = [m.end() for m in _CLAUSE_STOP.finditer(s, 0, pos)]
    return stops[-1] if stops else 0


def _first_stop(s: str, pos: int) -> int:
    m = _CLAUSE_STOP.search(s, pos)
    return m.start() if m else len(s)


def _counted(s: str, q: Quantity, vocab: Vocabulary) -> tuple[str | None, bool]:
    """(subject noun, whether the amount counts people) from the words after the amount."""
    end = q.end
    tail = re.split(r"\d", s[end : _first_stop(s, end)][:60])[0]
    tail = re.sub(r"^\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?", " ", tail, flags=re.IGNORECASE)
    words = []
    for word in _TOKEN.findall(tail)[:5]:
        lowered = word.lower()
        if lowered in _FUNCTION_WORDS or (
            _is_trigger(lowered, vocab) and not _is_noun(lowered, vocab)
        ):
            break
        words.append(word)
    found = vocab.subjects.search(" ".join(words))
    if found:
        return found.group(0).lower(), True
    if q.value == 1 and q.qualifier == "exact":
        return None, False  # "one" counts people only when it says whom: "one protester"
    if not words:
        return None, True
    if _DEMONYM.match(words[0]):
        return words[0], True
    for word in words:
        lowered = word.lower()
        is_plural_noun = word.islower() and lowered.endswith("s") and lowered not in _NOT_A_NOUN
        if is_plural_noun and not _is_trigger(lowered, vocab):
            return None, False
    return None, True


def _is_noun(word: str, vocab: Vocabulary) -> bool:
    return vocab.subjects.fullmatch(word) is not None or any(
        m.nouns is not None and m.nouns.fullmatch(word) for m in vocab.metrics
    )


def _is_trigger(word: str, vocab: Vocabulary) -> bool:
    return any(
        p is not None and p.fullmatch(word)
        for m in vocab.metrics
        for p in (m.verbs, m.nouns, m.context_verbs)
    )


# --- vote shares: who the percentage is for ----------------------------------------------

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_FOR_NAME = re.compile(
    rf"^\s*(?:of\s+(?:the\s+)?(?:votes?|ballots?|voters)\s+)?(?:supported|backed|voted\s+for|"
    rf"for|went\s+to|backing|in\s+favou?r\s+of)\s+(?:(?:incumbent|candidate|opposition|the|main)\s+)*"
    rf"(?P<name>{_NAME})"
)
_AGAINST_ALL = re.compile(r"^\s*(?:of\s+(?:the\s+)?votes?\s+|voted\s+)?against\s+all\b", re.I)
_NAME_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+(?:with\s+|on\s+)?$")
_WIN_VERB = re.compile(
    r"\b(?:won|wins?|claimed|garnered|received|secured|re-elected|elected|victory|defeated|"
    r"took|got|gained|polled)\b"
)
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b[^,]*,")
_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")


def _person_names(text: str, vocab: Vocabulary) -> dict[str, str]:
    """Surname -> the fullest name of that person in the text ("Lukashenko" -> "Alexander Lukashenko")."""
    counts: Counter[str] = Counter()
    for m in _CAPITALISED_RUN.finditer(text):
        tokens = m.group(0).split()
        owner = next((i for i, t in enumerate(tokens) if re.search(r"['’]s?$", t)), None)
        tokens = [_strip_possessive(t) for t in (tokens if owner is None else tokens[: owner + 1])]
        titled = [i for i, t in enumerate(tokens) if t.lower() in vocab.titles]
        tokens = tokens[titled[-1] + 1 :] if titled else tokens
        if len(tokens) < 2 or len(tokens) > 3 or any(t in vocab.not_a_person for t in tokens):
            continue
        counts[" ".join(tokens)] += 1
    names: dict[str, str] = {}
    for full, _ in sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        names.setdefault(full.split()[-1], full)
    return names


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name.strip())


def _known(name: str, people: dict[str, str], vocab: Vocabulary, loose: bool = True) -> str | None:
    """The full name of a person named by `name` (or, when `loose`, the surname as written)."""
    tokens = _strip_possessive(name).split()
    surname = tokens[-1]
    if surname in vocab.not_a_person or surname.lower() in vocab.titles:
        return None
    if surname in people:
        return people[surname]
    common_noun = tokens[0] in ("The", "A", "An", "This", "That") or _DEMONYM.match(surname)
    return surname if loose and surname[:1].isupper() and not common_noun else None


def _candidate(
    text: str, sentence: Sentence, q: Quantity, people: dict[str, str], vocab: Vocabulary
) -> str | None:
    """The candidate a vote share belongs to, or "against all"."""
    s = sentence.text
    after = s[q.end : q.end + 80]
    if _AGAINST_ALL.match(after):
        return "against all"
    m = _FOR_NAME.match(after)
    if m and (name := _known(m.group("name"), people, vocab)):
        return name
    m = _NAME_BEFORE.search(s[: q.start])
    if (
        m
        and not re.search(r"\bwith\s+$", m.group(0))
        and (name := _known(m.group("name"), people, vocab))
    ):
        return name
    verbs = list(_WIN_VERB.finditer(s, 0, q.start))
    if not verbs:
        return None
    head = _RELATIVE_CLAUSE.sub(lambda m: " " * len(m.group(0)), s[: verbs[-1].start()])
    for m in reversed(list(re.finditer(rf"(?<![\w-])(?:{_NAME}|{_PRONOUN.pattern})", head))):
        if _PRONOUN.fullmatch(m.group(0)):
            for before in reversed(list(re.finditer(rf"(?<![\w-]){_NAME}", head[: m.start()]))):
                if name := _known(before.group(0), people, vocab):
                    return name
            back = text[max(0, sentence.start - 400) : sentence.start]
            return _last_person(back, people, vocab)
        if name := _known(m.group(0), people, vocab):
            return name
    return None


def _last_person(text: str, people: dict[str, str], vocab: Vocabulary) -> str | None:
    for m in reversed(list(_CAPITALISED_RUN.finditer(text))):
        if name := _known(m.group(0), people, vocab, loose=False):
            return name
    return None


# --- attribution --------------------------------------------------------------------------

_AUXILIARIES = frozenset(
    ["are", "is", "was", "were", "been", "be", "being", "had", "has", "have", "will", "would"]
    + ["could", "should", "can", "may", "might", "must", "did", "does", "do", "not", "if"]
)
_CLAUSE_BREAK = re.compile(r";|\b(?:but|while|whereas|although|however)\b")
_SOURCE_STOP = re.compile(r"[,;:“”\"()\[\]—–]|\s-\s|\b(?:and|but|while|as|that|after|when)\s")
_SOURCE_END = re.compile(
    r"\s(?:and|or|but|who|which|that|while|as|to|for|in|on|at|with|after|before|since|when)\s"
)
_SOURCE_AFTER = re.compile(r"^\s*(?P<src>[^,.;:“”\"()]{2,60}?)\s*(?:[,.;:]|$)")


def attribution(s: str, start: int, end: int, vocab: Vocabulary | None = None) -> str | None:
    """Who gave the number at [start, end) of sentence `s`, in the sentence's words; None if unsaid."""
    vocab = vocab or vocabulary()
    found: list[tuple[int, str]] = []
    for m in vocab.prefix.finditer(s):
        src = _SOURCE_AFTER.match(s[m.end() :])
        src_words = _SOURCE_END.split(src.group("src"))[0] if src else ""
        lower_ok = bool(src_words.split()) and vocab.source_noun.fullmatch(src_words.split()[-1])
        if src and (name := _clean_source(src_words, vocab, any_case=lower_ok)):
            found.append((_gap(m.start(), m.end(), start, end), name))
    for pattern in (vocab.reporting_verb, vocab.witness_verb, vocab.publish):
        for m in lexicon_matches(pattern, s):
            if m.start() < end and m.end() > start:
                continue
            if m.end() <= start and _CLAUSE_BREAK.search(s, m.end(), start):
                continue
            if pattern is vocab.publish and not re.match(
                r"\s+(?:an?\s+|its\s+|the\s+)?(?:\w+\s+){0,2}(?:list|figures|data|tally|count|report)",
                s[m.end() :],
            ):
                continue
            name = _source_before(s, m.start(), vocab)
            if name is None and s[: m.start()].rstrip().endswith(","):
                src = _SOURCE_AFTER.match(s[m.end() :])
                name = _clean_source(src.group("src"), vocab) if src else None
            if name and pattern is vocab.witness_verb and not vocab.witness.search(name):
                continue
            if name and not _overlaps_source(s, m.start(), name, start, end):
                found.append((_gap(m.start(), m.end(), start, end), name))
    return min(found)[1] if found else None


def _overlaps_source(s: str, verb_start: int, name: str, start: int, end: int) -> bool:
    """True when the source words found before a verb contain the number itself."""
    at = s.rfind(name, 0, verb_start)
    return at != -1 and at < end and at + len(name) > start


_RESULTS = re.compile(
    r"^\s+(?:the\s+|its\s+)?(?:(?:final|preliminary|official|latest|new|election|vote)\s+){0,3}"
    r"(?:results|figures|data|tally|count|toll|numbers)\b",
    re.IGNORECASE,
)


_RESULTS_WORDS = ("results", "figures", "data", "tally", "count", "toll", "numbers")
# Asked of every sentence: a prefix tree, tried only at words starting with one of its letters.
_RESULTS_WORD = re.compile(
    rf"\b(?=[{''.join(sorted({w[0] for w in _RESULTS_WORDS}))}]){trie_alternation(_RESULTS_WORDS)}\b",
    re.IGNORECASE,
)


def _announcer(s: str, vocab: Vocabulary) -> str | None:
    """The source of a sentence announcing figures given in the next one ("X announced the results.")."""
    if not _RESULTS_WORD.search(s):
        return None
    for pattern in (vocab.reporting_verb, vocab.publish):
        for m in pattern.finditer(s):
            if _RESULTS.match(s[m.end() :]) and (name := _source_before(s, m.start(), vocab)):
                return name
    return None


def _gap(a: int, b: int, start: int, end: int) -> int:
    return start - b if b <= start else (a - end if a >= end else 0)


def _source_before(s: str, verb_start: int, vocab: Vocabulary) -> str | None:
    head = s[:verb_start]
    stops = list(_SOURCE_STOP.finditer(head))
    chunk = head[stops[-1].end() :] if stops else head
    return _clean_source(chunk, vocab)


def _clean_source(chunk: str, vocab: Vocabulary, any_case: bool = False) -> str | None:
    words = chunk.strip(" \t'\"“”‘’.").split()
    while words and words[0].lower() in ("and", "but", "while", "so", "also"):
        words = words[1:]
    while words and words[-1].lower() in ("also", "had", "has", "have", "later", "then", "earlier"):
        words = words[:-1]
    if any(w.lower() in _AUXILIARIES for w in words):
        return None
    if not words or len(words) > 8 or any(any(c.isdigit() for c in w) for w in words):
        return None
    source = " ".join(words)
    if source.lower() in vocab.reject or words[0].lower() in vocab.reject:
        return None
    named = words[0][0].isupper() or words[0].lower() in ("the", "a", "an", "one")
    if not (any_case or named or vocab.source_noun.fullmatch(words[-1])):
        return None  # lowercase sources must end in a source noun: "police said", "officials say"
    return source


# --- dates --------------------------------------------------------------------------------

_ELECTION = r"(?:re-)?elections?|polls?|vote|ballot|referendum"
_ELECTION_AFTER_DATE = re.compile(
    rf"^,?\s*(?:(?:disputed|contested|presidential|parliamentary|general|legislative|local|"
    rf"regional|national|snap|runoff|run-off)\s+){{0,2}}(?:{_ELECTION})\b",
    re.IGNORECASE,
)
_ELECTION_BEFORE_DATE = re.compile(
    rf"\b(?:{_ELECTION})\s+(?:was\s+|were\s+)?(?:held\s+)?(?:on|of)\s+$", re.IGNORECASE
)
_ELECTION_WORD = re.compile(rf"\b(?:{_ELECTION})\b", re.IGNORECASE)


def _election_date(text: str, article: Article) -> TimeExpression | None:
    """The day of the election the article is about, when it names one ("the August 9 election")."""
    for sentence in sentences_of(text):
        s = sentence.text
        if not _ELECTION_WORD.search(s):
            continue
        for e in _dated(s, article):
            if e.precision != "day":
                continue
            if _ELECTION_AFTER_DATE.match(s[e.end :]) or _ELECTION_BEFORE_DATE.search(s[: e.start]):
                return e
    return None


def _date_near(s: str, q: Quantity, article: Article, previous: str) -> TimeExpression | None:
    """The date nearest the number in its sentence, else the one day the sentence before names."""
    e = dating_expression(article, s, q.start, q.end)
    if e is None:
        days = [d for d in _dated(previous, article) if d.precision == "day"]
        event_day = len(days) == 1 and _HAPPENED.search(previous) is not None
        return days[0] if event_day else None
    if e.value is None or re.search(r"\bsince\s+$", s[: e.start]):
        return None
    return e


# The sentence before dates an event the next one sizes ("The march took place on August 16.")
_HAPPENED = re.compile(
    r"\b(?:was|were)\s+(?:held|staged|organi[sz]ed)\b|\btook\s+place\b|\bhappened\b|\boccurred\b"
)


def _dated(s: str, article: Article) -> list[TimeExpression]:
    """Resolved date expressions of a sentence (`flows.ingest.pubdate.time_expressions`)."""
    return time_expressions(article, s)
