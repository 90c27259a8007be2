"""Split article text into sentences with character offsets, cheaply and without a model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "vs",
    "etc",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
}
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9–—-])|\n\s*\n|\n(?=\s*[•\-–*]\s)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_LINE = re.compile(r"[^\n]+")


MAX_SENTENCE = 1_000  # characters; real sentences in news are far shorter


@dataclass(frozen=True)
class Sentence:
    """A sentence and its [start, end) span in the text it came from."""

    start: int
    end: int
    text: str


def in_gallery_caption(sentence: str) -> bool:
    """Whether a sentence is a photo gallery's caption ("... Hide Caption 3 of 12"): it repeats
    the story, or tells another one, and reports nothing of its own."""
    return "Hide Caption" in sentence


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, each stripped, with offsets into `text`."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(
            text[max(start, m.start() - 40) : m.start() + 1]
        ):
            continue
        end = m.end()
        _emit(text, start, end, out)
        start = end
    _emit(text, start, len(text), out)
    return out


def _is_abbreviation(chunk: str) -> bool:
    m = _WORD_BEFORE.search(chunk)
    if not m:
        return False
    word = m.group(1).lower()
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    for line_m in _LINE.finditer(text, start, end):
        s, e = line_m.span()
        while (
            s < e
            and text[s] in " \t•*–-"
            and not (text[s] == "-" and text[s + 1 : s + 2].isdigit())
        ):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > MAX_SENTENCE:
            out.extend(_bounded(text, s, e))
        elif e > s:
            out.append(Sentence(s, e, text[s:e]))


def _bounded(text: str, s: int, e: int) -> Iterator[Sentence]:
    """Cut a run-on "sentence" (a line with no full stops) into pieces of at most MAX_SENTENCE
    characters at a clause or word break, so extraction stays linear in the text's length."""
    while e - s > MAX_SENTENCE:
        window = text[s : s + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
        piece_end = s + cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        yield Sentence(s, piece_end, text[s:piece_end])
        s += cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        yield Sentence(s, e, text[s:e])
