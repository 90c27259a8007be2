"""Recognise site chrome, photo captions and credits line by line (patterns in lexicons/chrome.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from re import _constants as sre
from re import _parser as sre_parse
from typing import Literal

from flows.lexicons import LexiconEntry, load_lexicon

ChromeKind = Literal["chrome", "chrome_prefix", "caption", "credit", "credit_only"]
LineKind = Literal["chrome", "caption", "credit_only", "text"]

# Page furniture (chrome, captions, credits) is short; a longer line is article text.
MAX_FURNITURE_CHARS = 600
_TAG_ITEM = re.compile(r"[A-Z0-9][\w'’.&-]*(?: [\w'’.&-]+){0,3}")
_TERMINAL = re.compile(r"[.!?;:,…]$")
_OPENING_RUN = re.compile(r"(\[(?:\\.|[^\\\]])+\])\+")
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
# What a match may open with: (case-insensitive?, character-class body) pairs, and whether
# the items read so far can match the empty string (then what follows may open it too).
Openers = tuple[set[tuple[bool, str]], bool]


class ChromePattern(LexiconEntry):
    """One pattern of the chrome lexicon."""

    kind: ChromeKind
    pattern: str
    description: str


@dataclass(frozen=True)
class ChromeRules:
    """The chrome lexicon compiled into one regex per kind (credits, searched for, one per entry)."""

    chrome: re.Pattern[str]
    chrome_prefix: re.Pattern[str]
    caption: re.Pattern[str]
    credit: tuple[tuple[str, re.Pattern[str]], ...]  # (a character every match holds, rule)
    credit_only: re.Pattern[str]


@cache
def chrome_rules() -> ChromeRules:
    """Compile the chrome lexicon (once per process)."""
    entries = load_lexicon("chrome", ChromePattern).entries
    by_kind: dict[str, list[str]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry.pattern)
    rules = {
        kind: re.compile("|".join(f"(?:{_quick(p)})" for p in pats))
        for kind, pats in by_kind.items()
    }
    credit = tuple((_required_char(p), re.compile(_quick(p))) for p in by_kind["credit"])
    return ChromeRules(**{**rules, "credit": credit})


def _quick(pattern: str) -> str:
    """The pattern, tried only where a match can start (same yes/no answers, same spans).

    A pattern opening with a run `[...]+` gets a lookbehind: a match starting inside a run
    implies one from the run's start, so only run starts are tried, not every suffix of every
    word. One opening with a scoped flag, `\\b` or a lookahead, which the regex engine cannot
    skip ahead on, gets a lookahead for the characters its matches open with.
    """
    run = _OPENING_RUN.match(pattern)
    if run:
        return f"(?<!{run.group(1)}){pattern}"
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & ~sre.SRE_FLAG_UNICODE or _skips_ahead(parsed):
        return pattern
    found = _openers(parsed, ignore_case=False)
    if found is None or found[1]:
        return pattern
    cased = "".join(sorted(body for folded, body in found[0] if not folded))
    folded = "".join(sorted(body for folded, body in found[0] if folded))
    either = ([f"[{cased}]"] if cased else []) + ([f"(?i:[{folded}])"] if folded else [])
    return f"(?={'|'.join(either)}){pattern}"


def _required_char(pattern: str) -> str:
    """A character every match of the pattern holds (a plain literal outside any branch or
    optional part), so a line without it needs no search; "" when there is none."""
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & ~sre.SRE_FLAG_UNICODE:
        return ""
    items = list(parsed.data)
    while items:
        op, av = items.pop(0)
        if op is sre.LITERAL:
            return chr(av)
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            items[:0] = av[3].data
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            items[:0] = av[2].data
    return ""


def _skips_ahead(parsed: sre_parse.SubPattern) -> bool:
    """Whether the engine can skip ahead by itself: the pattern opens with a character, a class,
    a repeat or a lookbehind, or with branches that each open with a character or class."""
    op, av = parsed.data[0]
    if op is sre.BRANCH:
        return all(alt.data and alt.data[0][0] in (sre.LITERAL, sre.IN) for alt in av[1])
    lookbehind = op is sre.ASSERT_NOT and av[0] == -1
    repeat = op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
    return lookbehind or repeat or op in (sre.LITERAL, sre.IN)


def _openers(parsed: sre_parse.SubPattern, ignore_case: bool) -> Openers | None:
    """The characters a match of `parsed` may open with; None when they cannot be told."""
    found: set[tuple[bool, str]] = set()
    for op, av in parsed.data:
        inner: Openers | None
        if op is sre.SUBPATTERN:
            _, add, remove, sub = av
            if (add | remove) & ~sre.SRE_FLAG_IGNORECASE:
                return None
            inner = _openers(sub, (ignore_case or bool(add)) and not remove)
        elif op is sre.BRANCH:
            alts = [_openers(alt, ignore_case) for alt in av[1]]
            if any(alt is None for alt in alts):
                return None
            inner = (set().union(*(a[0] for a in alts)), any(a[1] for a in alts))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner = _openers(av[2], ignore_case)
            inner = inner and (inner[0], inner[1] or av[0] == 0)
        elif op in (sre.LITERAL, sre.IN):
            body = re.escape(chr(av)) if op is sre.LITERAL else _class_body(av)
            inner = ({(ignore_case, body)}, False) if body is not None else None
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            inner = (set(), True)
        else:
            return None
        if inner is None:
            return None
        found |= inner[0]
        if not inner[1]:
            return found, False
    return found, True


def _class_body(items: list) -> str | None:
    """A parsed character class as regex source between brackets; None for a negated one."""
    parts = []
    for op, av in items:
        if op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None
    return "".join(parts)


def strip_chrome_prefix(line: str) -> str:
    """The line without leading furniture such as a fused video placeholder.

    Each prefix is matched where the last one ended, the line copied once: a line of many fused
    placeholders costs its length, not that times their number.
    """
    rules = chrome_rules()
    start = 0
    while (m := rules.chrome_prefix.match(line, start)) and start < m.end() < len(line):
        start = m.end()
    return line[start:]


def line_kind(line: str) -> LineKind:
    """Whether a stripped line is chrome, a caption, a bare credit or ordinary text."""
    if len(line) > MAX_FURNITURE_CHARS:
        return "text"
    rules = chrome_rules()
    if rules.chrome.fullmatch(line) or is_tag_line(line):
        return "chrome"
    if rules.credit_only.fullmatch(line):
        return "credit_only"
    if rules.caption.match(line) or any(c in line and p.search(line) for c, p in rules.credit):
        return "caption"
    return "text"


def is_tag_line(line: str) -> bool:
    """A line of three or more short comma-separated capitalised tags with no sentence ending."""
    if _TERMINAL.search(line) or line.count(",") < 2:
        return False
    items = [item.strip() for item in line.split(",")]
    return all(_TAG_ITEM.fullmatch(item) for item in items)


def is_breadcrumb(line: str, next_line: str | None) -> bool:
    """A "Home World Europe News <headline>" trail: starts at Home and ends with the next line."""
    if line[:4].lower() != "home" or next_line is None:
        return False
    rest = line[4:].strip(" ›»>|/")
    return bool(rest) and len(next_line) >= 10 and rest.endswith(next_line) and rest != next_line
