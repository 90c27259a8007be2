"""Who a vote share is for: the candidate named next to the percentage, or before the verb of
winning, by the fullest name the article gives that person (`flows.annotate.person_names`).
"""

from __future__ import annotations

import re

from flows.annotate import EntityMention, Quantity, Sentence
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
    sentence: Sentence,
    q: Quantity,
    persons: list[EntityMention],
    people: dict[str, str],
    vocab: Vocabulary,
) -> str | None:
    """The candidate a vote share belongs to, or "against all"; `persons` are the article's
    person mentions and `people` their fullest spellings (`flows.annotate.person_names`)."""
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
            return _last_person(persons, sentence.start, people, vocab)
        if name := _known(m.group(0), people, vocab):
            return name
    return None


def _last_person(
    persons: list[EntityMention], start: int, people: dict[str, str], vocab: Vocabulary
) -> str | None:
    """The fullest spelling of the person named last in the 400 characters before `start`."""
    for e in reversed(persons):
        if e.end <= start and (name := _known(e.alias, people, vocab, loose=False)):
            return name if e.start >= start - 400 else None
    return None
