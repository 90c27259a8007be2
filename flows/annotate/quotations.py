"""Quotations: the words an article puts between quotation marks, and which of them are direct
speech rather than a phrase quoted inside a reported sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a quotation needs this many words; shorter quoted strings are scare quotes or titles.
MIN_QUOTE_WORDS = 4

# Curly quotes may run over lines but hold no other curly mark: a paragraph that opens a quote
# it closes only in a later paragraph is not paired with the next paragraph's opening mark.
_QUOTED = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
#: what direct speech follows: nothing, a line break, the end of a sentence, a colon, comma or dash.
_OPENS_SPEECH = ("", *"\n.:,?!—–-")


@dataclass(frozen=True)
class Quotation:
    """Quoted words: [start, end) from the opening to past the closing mark, and
    [words_start, words_end) of the words between them."""

    start: int
    end: int
    words_start: int
    words_end: int
    #: it opens a sentence or follows a colon, comma or dash (“...,” she said; He said: “...”)
    direct: bool
    #: it is a paragraph of its own
    paragraph: bool


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation of MIN_QUOTE_WORDS words or more in `text`, in order."""
    found = []
    for m in _QUOTED.finditer(text):
        group = 1 if m.group(1) is not None else 2
        if len(m.group(group).split()) < MIN_QUOTE_WORDS:
            continue
        before, after = _char_before(text, m.start()), _char_after(text, m.end())
        found.append(
            Quotation(
                m.start(),
                m.end(),
                m.start(group),
                m.end(group),
                direct=before in _OPENS_SPEECH
                and not _goes_on_after_a_dash(before, m.group(group)),
                paragraph=before in ("", "\n") and after in ("", "\n"),
            )
        )
    return found


def _goes_on_after_a_dash(before: str, words: str) -> bool:
    """A quote that opens in lower case after a dash goes on with the reporter's sentence ("the
    prime ministers of three Baltic republics – “expressed their deep concern ...”"); speech
    after a dash opens with a capital."""
    return before in "—–-" and words[:1].islower()


def _char_before(text: str, pos: int) -> str:
    """The last character before `pos` that is not a space or tab ("" when there is none)."""
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return text[pos - 1] if pos else ""


def _char_after(text: str, pos: int) -> str:
    """The first character from `pos` on that is not a space or tab ("" when there is none)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return text[pos] if pos < len(text) else ""
