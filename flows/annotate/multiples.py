"""Multiples: how many times larger something is or grew ("tripled", "a tenfold increase",
"10-fold", "four times more", "up to 40 times the legal limit").

"N times" is a multiple only before a comparison ("more", "higher", "as many", "the"); "shot
seven times" and "ten times a day" stay counts of occasions for the number finder. Of the
verbs, only the past reports a multiple ("sales doubled"): "could double", "doubling every two
days" and "double faults" do not.
"""

from __future__ import annotations

import re

_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "thousand": 1000,
    "doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4,
}  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(w.replace(" ", r"\s+") for w in _WORDS if w[-1] != "l")
_FIRST = "".join(sorted({w[0] for w in _WORDS} | set("0123456789")))
_MULTIPLE = re.compile(
    rf"(?=[{_FIRST}])\b(?:(?P<verb>doubl|tripl|trebl|quadrupl)ed\b"
    rf"|(?P<fold>{_NUMBER})-?fold\b"
    rf"|(?P<times>{_NUMBER})\s+times(?=\s+(?:more|higher|larger|greater|bigger|faster|lower|"
    r"smaller|less|fewer|as|the|that|what|its|their|normal|average|pre-)\b))",
    re.IGNORECASE,
)
_MULTIPLE_IN_LOWERED = re.compile(_MULTIPLE.pattern)


_KEYWORDS = ("fold", "times", "bled", "pled")


def find_multiples(text: str) -> list[tuple[int, int, float]]:
    """The span and factor of every multiple in `text`: (start, end, factor)."""
    lowered = text.lower()
    if not any(word in lowered for word in _KEYWORDS):
        return []  # most texts hold none: a substring test is far cheaper than the pattern
    found = []
    same = len(lowered) == len(text)  # the pattern, in lower case, scans the lowered text faster
    for m in _MULTIPLE_IN_LOWERED.finditer(lowered) if same else _MULTIPLE.finditer(text):
        word = next(w for w in (m.group("verb"), m.group("fold"), m.group("times")) if w)
        key = " ".join(word.lower().split())
        factor = float(_WORDS[key]) if key in _WORDS else float(word)
        found.append((m.start(), m.end(), factor))
    return found
