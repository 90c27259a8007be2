"""Who a vote share is for: the candidate named next to the percentage, or before the verb of
winning, by the fullest name the article gives that person.
"""

from __future__ import annotations

import re
from collections import Counter

from flows.annotate import Quantity, Sentence
from flows.extract.vocabulary import DEMONYM, Vocabulary

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


def person_names(text: str, vocab: Vocabulary) -> dict[str, str]:
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
    common_noun = tokens[0] in ("The", "A", "An", "This", "That") or DEMONYM.match(surname)
    return surname if loose and surname[:1].isupper() and not common_noun else None


def candidate(
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
