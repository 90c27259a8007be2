"""Multiples: how many times larger something is or grew ("tripled", "a tenfold increase",
"10-fold", "four times more", "up to 40 times the legal limit").

"N times" is a multiple only before a comparison ("more", "higher", "as many", "the"); "shot
seven times" and "ten times a day" stay counts of occasions for the number finder. Of the
verbs, only the past reports a multiple ("sales doubled"): "could double", "doubling every two
days" and "double faults" do not.
"""

from __future__ import annotations

from flows.annotate.number_words import ATOM, UNITS, LowerCasePattern, parse_amount

_VERBS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0}
_NUMBER = rf"\d+(?:\.\d+)?|{ATOM}|a\s+hundred|hundred|thousand"
_FIRST = "".join(sorted({w[0] for w in (*UNITS, *_VERBS, "a", "hundred", "thousand")}))
_MULTIPLE = LowerCasePattern(
    rf"(?=[\d{_FIRST}])\b(?:(?P<verb>doubl|tripl|trebl|quadrupl)ed\b"
    rf"|(?P<fold>{_NUMBER})-?fold\b"
    rf"|(?P<times>{_NUMBER})\s+times(?=\s+(?:more|higher|larger|greater|bigger|faster|lower|"
    r"smaller|less|fewer|as|the|that|what|its|their|normal|average|pre-)\b))"
)
_KEYWORDS = ("fold", "times", "bled", "pled")


def find_multiples(text: str, lowered: str) -> list[tuple[int, int, float]]:
    """The span and factor of every multiple in `text` (`lowered` is its lower-case copy):
    (start, end, factor)."""
    if not any(word in lowered for word in _KEYWORDS):
        return []  # most texts hold none: a substring test is far cheaper than the pattern
    found = []
    for m in _MULTIPLE.finditer(text, lowered):
        verb = m.group("verb")
        factor = _VERBS[verb.lower()] if verb else parse_amount(m.group("fold") or m.group("times"))
        found.append((m.start(), m.end(), factor))
    return found
