"""Which people metric or vote share an amount claims, and who it counts: the nearest trigger
word of the `metrics` lexicon in its clause (verbs right of the number first: "7,000 protesters
had been detained"; then left: "police detained hundreds of women"; nouns last: "100,000
protesters"), the person noun it counts ("women", "officials") as its subject, and the context
words of the sentence or the one before that weak verbs ("died", "gathered", "signed") need.
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.extract.clauses import TOKEN, clause_end, clause_start
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun
from flows.extract.vocabulary import DEMONYM, Vocabulary, lexicon_matches

_CLAUSE_STOP = re.compile(r"[;,:()\[\]—–]|\s-\s|\b(?:but|while|whereas|although)\b")
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


def in_context(s: str, previous: str, vocab: Vocabulary) -> frozenset[str]:
    """The metrics whose context words (and none of their veto words) occur in sentence `s` or
    the one before it: their weak verbs count there."""
    return frozenset(
        m.name
        for m in vocab.metrics
        if m.context is not None
        and (m.context.search(s) or m.context.search(previous))
        and not (m.veto and (m.veto.search(s) or m.veto.search(previous)))
    )


def classify(
    s: str, q: Quantity, left: int, right: int, vocab: Vocabulary, context: frozenset[str]
) -> tuple[str, str | None, str | None] | None:
    """(metric, subject, the verb that counts them) of the quantity at `q` in sentence `s`, or
    None; `context` names the metrics in context there (`_in_context`)."""
    if q.unit == "percent":
        share = (q.value_high if q.value_high is not None else q.value) <= 100
        return ("vote_share", None, None) if share and _is_vote_share(s, q, vocab) else None
    subject, counts_people = _counted(s, q, vocab)
    if not counts_people or _POSSESSIVE_AFTER.match(s, q.end):
        return None
    lo = max(left, clause_start(s, q.start, _CLAUSE_STOP))
    hi = min(right, clause_end(s, q.end, _CLAUSE_STOP))
    relative = _RELATIVE.search(s, q.end, hi)
    between = s[q.end : relative.start()].split() if relative else []
    main = hi  # where the sentence's own verb may follow a relative clause about the people
    if (
        relative
        and (
            _COUNTED_THEN.fullmatch(s, q.end, relative.start())
            or relative.start() > q.end
            and s[q.end : relative.start()].isspace()  # "nine who tested positive have died"
            and not _SINGULAR_AFTER.match(s, relative.end())  # "a father of nine who lives"
        )
        and not any(w.lower() in FUNCTION_WORDS or w.endswith("ing") for w in between)
    ):
        # "6,459 people who had died": the clause's own verb says what the people did, unless
        # the sentence's verb right after it is a metric's ("nine people who tested positive
        # have died", "30 people who attended the rally tested positive")
        own = _OWN_VERB.match(s, relative.end())
        if own is None:
            hi = relative.start()
        elif own.group().split()[-1] in ("not", "never") or _PART_OF.search(s, 0, q.start):
            hi = own.end()  # "people who have not tested positive" are no cases; "three of the
            # seven who caught the virus died": the sentence's verb is the three's
        else:
            main = own.end()
    elif relative:
        hi = relative.start()
    near_lo, near_hi = _near(s, q, _VETO_WORDS)
    # "... dead and millions have been left homeless": a number that is the subject of its own
    # verb is not the object of a verb before it.
    own_clause = _SUBJECT_OF_VERB.match(s, q.end) is not None
    best: tuple[int, int, int, str, str | None] | None = None
    for rank, metric in enumerate(vocab.metrics):
        if metric.unit != "person" or (metric.veto and metric.veto.search(s, near_lo, near_hi)):
            continue
        if subject is not None and subject.lower() in metric.not_subjects:
            continue
        in_context = metric.name in context
        patterns = (
            (0, metric.verbs, 1),
            (0, metric.context_verbs if in_context else None, 2),
            (1, metric.nouns, 1),
        )
        for base, pattern, reach in patterns:
            if pattern is None:
                continue
            for m in lexicon_matches(pattern, s, lo, hi):
                if m.start() >= main and (
                    pattern is not metric.verbs
                    or not _MAIN_VERB.fullmatch(s, main, m.start())
                    or m.group().startswith(("in ", "at ", "on ", "to "))  # "remain (in hospital)"
                ):
                    continue
                if metric.veto and metric.veto.search(s, max(0, m.start() - 20), m.end()):
                    continue  # the word in an excluded phrase of its own: "in many cases"
                priority = base
                distance = _words_between(s, q.end, m.start()) if m.start() >= q.end else None
                if distance is None:
                    if m.end() > q.start or own_clause:
                        continue
                    distance = _words_between(s, m.end(), q.start) + 2
                    if distance > _LEFT_WORDS // reach + 2:
                        continue
                    if base and _LEVEL_OF.fullmatch(s, m.end(), q.start):
                        priority = -1  # "(111 hospitalised and) fatalities at 58": the noun's
                elif distance > _RIGHT_WORDS // reach:
                    continue
                elif m.start() >= main:
                    priority = -2  # the sentence's verb after a relative clause
                elif _AUXILIARY_BEFORE.search(s, q.end, m.start()):
                    priority = min(priority, -1)  # "7,000 protesters had been detained"
                elif not metric.agent_counts and _OBJECT_AFTER.match(s, m.end()):
                    continue  # "Two police officers arrested the gunman": they are not detained
                if m.start() >= q.end and _AND.search(s, q.end, m.start()):
                    distance += 3  # "killed 50 million and infected 500 million": not infected
                if best is None or (priority, distance, rank) < best[:3]:
                    best = (priority, distance, rank, metric.name, m.group(0))
    if best is None:
        return None
    return best[3], subject, best[4]


_VOTE_WINDOW = 12
_AND = re.compile(r"\band\b")
_POSSESSIVE_AFTER = re.compile(r"\s+[A-Za-z]+['’]s?\b(?!\w)")  # "one man's word"
_SUBJECT_OF_VERB = re.compile(
    r"(?:\s+(?:of\s+)?(?!(?:who|which|that|and|or|but|while|whereas|as|when|where|after|before|since|because|if|with|than)\b)[a-zA-Z’'-]+){0,3}?"
    r"\s+(?:have|has|had|were|was|are|is|will|would|could)\b"
)
_AUXILIARY_BEFORE = re.compile(r"\b(?:were|was|are|is|been|be|being|get|got)\s+(?:[a-z]+ly\s+)?$")
_OBJECT_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its|two|three|four|five|six|seven|eight|nine|ten|dozens"
    r"|hundreds|thousands|several|at\s+least|more\s+than|nearly|up\s+to)\b|\d|[A-Z])"
)
_VETO_WORDS = 10
#: the words between a noun of a metric and the amount it stands at: "fatalities at 58", "a
#: death toll of 58", "deaths rose to 58"
_LEVEL_OF = re.compile(
    r"\s+(?:(?:stood|stands|was|is|were|are|rose|climbed|jumped|reached|hit)\s+)?(?:at|of|to)\s+"
)
_RELATIVE = re.compile(r"\b(?:who|which|whose|that)\b")
#: a verb in the singular right after "who": the amount is no count of people ("nine who lives")
_SINGULAR_AFTER = re.compile(r"\s+(?:is|was|has|does|[a-z]+[^s]s)\b")
#: an amount that is the whole a part is taken of: "(three) of the (seven)"
_PART_OF = re.compile(r"\bof\s+(?:the\s+)?$")
#: the counted noun right before a relative pronoun about it ("people who", "patients that")
_COUNTED_THEN = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*\s+")
#: a relative clause's own verb: "who (had) died", "that tested positive"
_OWN_VERB = re.compile(
    r"\s+(?:(?:had|has|have|were|was|are|is|been|also|later|then|since|subsequently)\s+)*"
    r"[a-z]+(?:\s+(?:positive|away|their\s+own\s+lives|their\s+lives))?"
)

#: what may stand between a relative clause about the counted people and the sentence's own
#: verb: an auxiliary ("who tested positive (have) died"), perhaps after a time ("who marched
#: (on Sunday were) detained"), or a short object ("who attended (the rally) tested positive"),
#: but no preposition that goes on with the relative clause ("who were in close contact (with
#: the) infected")
_MAIN_VERB = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:have|has|had|were|was|are|is)(?:\s+(?:been|now|also|later|\w+ly))?\s+"
    r"|(?:\s+(?!(?:in|at|on|with|to|from|for|of|by|into|during|after|before|as|than|and|or"
    r"|but)\b)[\w-]+){0,2}\s+"
)


def _near(s: str, q: Quantity, n: int) -> tuple[int, int]:
    """Character bounds of the n words either side of a quantity."""
    before = [m.start() for m in TOKEN.finditer(s, 0, q.start)]
    after = [m.end() for m in TOKEN.finditer(s, q.end)]
    lo = before[-n] if len(before) >= n else 0
    hi = after[n - 1] if len(after) >= n else len(s)
    return lo, hi


_EXIT_POLL = re.compile(r"\bexit[\s-]+polls?\b", re.IGNORECASE)


def _is_vote_share(s: str, q: Quantity, vocab: Vocabulary) -> bool:
    """A percentage is a vote share when a vote word is within a dozen words of it."""
    vote = next(m for m in vocab.metrics if m.name == "vote_share")
    if vote.veto and vote.veto.search(s) and not _EXIT_POLL.search(s):
        return False  # an opinion poll, but an exit poll measures the vote
    for m in lexicon_matches(vote.verbs, s):
        gap = s[q.end : m.start()] if m.start() >= q.end else s[m.end() : q.start]
        if m.start() < q.end and m.end() > q.start:
            continue
        if len(TOKEN.findall(gap)) <= _VOTE_WINDOW:
            return True
    return False


def _words_between(s: str, a: int, b: int) -> int:
    return len(TOKEN.findall(s[a:b]))


def _counted(s: str, q: Quantity, vocab: Vocabulary) -> tuple[str | None, bool]:
    """(subject noun, whether the amount counts people) from the words after the amount."""
    end = q.end
    tail = re.split(r"\d", s[end : clause_end(s, end, _CLAUSE_STOP)][:60])[0]
    tail = re.sub(r"^\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?", " ", tail, flags=re.IGNORECASE)
    words = []
    for word in TOKEN.findall(tail)[:5]:
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
    if DEMONYM.match(words[0]):
        return words[0], True
    for word in words:
        lowered = word.lower()
        is_plural_noun = (
            word.islower()
            and lowered.endswith("s")
            and not lowered.endswith(("ss", "us", "is"))  # "coronavirus", "crisis"
            and lowered not in _NOT_A_NOUN
        )
        if is_plural_noun and not _is_trigger(lowered, vocab):
            return (lowered, True) if is_people_noun(word) else (None, False)
    return None, True


def _is_noun(word: str, vocab: Vocabulary) -> bool:
    return vocab.subjects.fullmatch(word) is not None or any(
        m.nouns is not None and m.nouns.fullmatch(word) for m in vocab.metrics
    )


def _is_trigger(word: str, vocab: Vocabulary) -> bool:
    """Whether a word is a verb or noun of some metric (asked of most words near a number:
    the answer is kept per word)."""
    key = (id(vocab), word)
    found = _TRIGGER_WORDS.get(key)
    if found is None:
        found = _TRIGGER_WORDS[key] = any(
            p is not None and p.fullmatch(word)
            for m in vocab.metrics
            for p in (m.verbs, m.nouns, m.context_verbs)
        )
    return found


_TRIGGER_WORDS: dict[tuple[int, str], bool] = {}
