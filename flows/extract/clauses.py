"""Words and clauses of a sentence, as the statistics rules read them: a word token, where the
clause around a position starts and ends under a given set of clause stops, and the sentence
with its asides blanked."""

from __future__ import annotations

import re

TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
#: where the words that measure an amount stop: a semicolon, colon, bracket, dash or a word
#: that opens another clause
PHRASE_STOP = re.compile(r"[;:()\[\]—–]|\s-\s|\b(?:but|while|whereas|although|which|who)\b")


def clause_start(s: str, pos: int, stop: re.Pattern[str]) -> int:
    """Where the clause holding `pos` starts: just after the last `stop` before it."""
    stops = [m.end() for m in stop.finditer(s, 0, pos)]
    return stops[-1] if stops else 0


def clause_end(s: str, pos: int, stop: re.Pattern[str]) -> int:
    """Where the clause holding `pos` ends: at the first `stop` from it."""
    m = stop.search(s, pos)
    return m.start() if m else len(s)


#: an aside between dashes or brackets, which a verb reaches across: "At least 13 journalists
#: - including a BBC team - were detained"
ASIDE = re.compile(r"\s[-–—]\s[^-–—.;]{1,60}?\s[-–—]\s|\s\([^()]{1,60}\)")


def without_asides(s: str) -> str:
    """`s` with its asides blanked, every offset kept."""
    return ASIDE.sub(lambda m: " " * len(m.group(0)), s)
