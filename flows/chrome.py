"""Recognise site chrome, photo captions and credits line by line (patterns in lexicons/chrome.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from flows.lexicons import LexiconEntry, load_lexicon

ChromeKind = Literal["chrome", "chrome_prefix", "caption", "credit", "credit_only"]
LineKind = Literal["chrome", "caption", "credit_only", "text"]

# Page furniture (chrome, captions, credits) is short; a longer line is article text.
MAX_FURNITURE_CHARS = 600
_TAG_ITEM = re.compile(r"[A-Z0-9][\w'’.&-]*(?: [\w'’.&-]+){0,3}")
_TERMINAL = re.compile(r"[.!?;:,…]$")
_OPENING_RUN = re.compile(r"(\[(?:\\.|[^\\\]])+\])\+")


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
    credit: tuple[re.Pattern[str], ...]
    credit_only: re.Pattern[str]


@cache
def chrome_rules() -> ChromeRules:
    """Compile the chrome lexicon (once per process)."""
    entries = load_lexicon("chrome", ChromePattern).entries
    by_kind: dict[str, list[str]] = {}
    for entry in entries:
        by_kind.setdefault(entry.kind, []).append(entry.pattern)
    rules = {kind: re.compile("|".join(f"(?:{p})" for p in pats)) for kind, pats in by_kind.items()}
    credit = tuple(re.compile(_searchable(p)) for p in by_kind["credit"])
    return ChromeRules(**{**rules, "credit": credit})


def _searchable(pattern: str) -> str:
    """A pattern for a yes/no `search`, tried only where its opening run `[...]+` can begin.

    A match starting inside a run implies one from the run's start, so the lookbehind changes
    no answer; it saves retrying every suffix of every word (most of the credit search time).
    """
    run = _OPENING_RUN.match(pattern)
    return f"(?<!{run.group(1)}){pattern}" if run else pattern


def strip_chrome_prefix(line: str) -> str:
    """The line without leading furniture such as a fused video placeholder."""
    rules = chrome_rules()
    while (m := rules.chrome_prefix.match(line)) and m.end() > 0 and m.end() < len(line):
        line = line[m.end() :]
    return line


def line_kind(line: str) -> LineKind:
    """Whether a stripped line is chrome, a caption, a bare credit or ordinary text."""
    if len(line) > MAX_FURNITURE_CHARS:
        return "text"
    rules = chrome_rules()
    if rules.chrome.fullmatch(line) or is_tag_line(line):
        return "chrome"
    if rules.credit_only.fullmatch(line):
        return "credit_only"
    if rules.caption.match(line) or any(p.search(line) for p in rules.credit):
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
    if not line.lower().startswith("home") or next_line is None:
        return False
    rest = line[4:].strip(" ›»>|/")
    return bool(rest) and len(next_line) >= 10 and rest.endswith(next_line) and rest != next_line
