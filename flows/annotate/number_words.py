"""Numbers written in words and figures: the words' values ("twenty-five", "a dozen", "half a
million"), the vague amounts' lower bounds ("hundreds" 200), `parse_amount`, which reads one
amount as written, and `LowerCasePattern`, how the number patterns scan a text."""

from __future__ import annotations

import re
from collections.abc import Iterator

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
VAGUE_SCALES = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000,
}  # fmt: skip
SUFFIXES = {"bn": "billion", "tn": "trillion", "m": "million", "k": "thousand"}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3}
FEW = {"a few": 2, "several": 3, "many": 2}

ATOM = "|".join(sorted(UNITS, key=len, reverse=True))
SCALE = "hundred|thousand|million|billion|trillion"
_WORD_DELIM = re.compile(r"[\s-]+")


def parse_amount(words: str) -> float:
    """Value of one amount as written: '7,000', '1.5 million', 'two thousand', 'a dozen'."""
    s = words.strip().lower()
    digits = re.match(r"([\d,]+(?:\.\d+)?)(?:\s*(\w+))?$", s)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        return value * SCALES.get(SUFFIXES.get(digits.group(2) or "", digits.group(2) or ""), 1)
    total, current = 0.0, 0.0
    for token in _WORD_DELIM.split(s):
        if token in ("a", "an", "of") and current:
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in FRACTIONS:
            current = (current or 1) * FRACTIONS[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0.0
    return total + current


def vague_lower_bound(words: str) -> float:
    """Lower bound of a vague amount: 'hundreds' 200, 'tens of thousands' 20,000, 'a few hundred' 200."""
    s = " ".join(words.lower().split())
    m = re.match(r"(tens|hundreds) of (thousands|millions)$", s)
    if m:
        return (20 if m.group(1) == "tens" else 200) * SCALES[m.group(2)[:-1]]
    m = re.match(r"(a few|several|many) (dozen|hundred|thousand|million)s?$", s)
    if m:
        scale = 12 if m.group(2) == "dozen" else SCALES[m.group(2)]
        return FEW[m.group(1)] * scale
    return float(VAGUE_SCALES[s])


class LowerCasePattern:
    """A pattern written in lower case that scans a text through its lowered copy, twice as fast
    as a case-blind scan; the case-blind pattern (`any_case`) reads single positions and the rare
    text whose lowering changes its length."""

    def __init__(self, source: str) -> None:
        self.any_case = re.compile(source, re.IGNORECASE)
        self._in_lowered = re.compile(source)

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """The matches in `text`, found in `lowered` (its lower-case copy) where offsets agree."""
        if len(lowered) == len(text):
            return self._in_lowered.finditer(lowered)
        return self.any_case.finditer(text)
