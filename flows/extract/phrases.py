"""The words of a phrase a measure reads on with: from a position up to a stop, a time or a
finite verb, eight words at most ("killed in the blast [on Sunday]", "cases in the US [rose by]"),
without the function words and pronouns it may end on.
"""

from __future__ import annotations

import re

from flows.annotate.numbers import CHANGE_VERBS
from flows.extract.noun_phrases import FUNCTION_WORDS
from flows.extract.vocabulary import DEMONYM

#: the most words a phrase adds to a measure
_MAX_WORDS = 8
#: where a phrase stops: a mark, a number, or a word that opens another clause
_STOP = re.compile(
    r"[,.;:()\[\]\"“”—–!?$€£¥]|\s-\s|--|(?<![\w-])\d|(?<!-)\b(?:and|or|but|while|whereas|although|"
    r"because|as|when|after|before|since|if|than|that|which|who|said|says|according)\b(?!-)",
)
#: a finite verb ends the phrase of a participle or a place: "cases in the US rose by"
FINITE = re.compile(
    rf"\b(?:is|was|were|are|has|have|had|will|would|can|could|may|might|should|must|did|does|"
    rf"do|to\s+[a-z]+e\b|stood|stands|remained|remains|reached|topped|exceeded|totalled|totaled|"
    rf"numbered|{CHANGE_VERBS})\b|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<![\w-])[a-z]{{3,}}ed\b"
)
#: a word of time, which ends a phrase: it says when, not what
TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sept?|oct|nov|dec|yesterday|today|tonight|"
    r"week|weeks|weekend|month|months|year|years|day|days|hours?|quarter|morning|afternoon|"
    r"evening|night|period|past|last|since|earlier|later|this|ago|recently|previous|recent|coming|"
    r"\d{4}s?)",
    re.IGNORECASE,
)
#: the prepositions that open a phrase of time ("of" does not: "in a matter of hours")
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "within", "over", "during", "by", "from", "after", "before",
     "until", "through", "throughout", "since"}
)  # fmt: skip
#: words a phrase does not end on: a pronoun ("... killed in the blast, they"), an adverb, the
#: hedge of an amount the phrase stops at ("reported in around [55 days]")
_TAIL_WORDS = frozenset(
    {"he", "she", "they", "it", "we", "you", "i", "back", "again", "currently", "around",
     "approximately", "roughly", "nearly", "almost", "some", "least", "estimated"}
)  # fmt: skip


def end_of(s: str, pos: int) -> int:
    """Where the phrase from `pos` stops."""
    stop = _STOP.search(s, pos, pos + 80)
    return stop.start() if stop else min(len(s), pos + 80)


def phrase(
    lead: str,
    s: str,
    pos: int,
    verb: re.Pattern[str] | None = None,
    verb_from: int | None = None,
    capitals: bool = False,
) -> str | None:
    """`lead` and the words from `pos` up to a stop, a time or a `verb` (from `verb_from` on),
    eight words at most (and only names, with `capitals`), without trailing function words; None
    when none is left."""
    end = end_of(s, pos)
    if verb and (finite := verb.search(s, verb_from or pos, end)):
        end = finite.start()
    words: list[str] = []
    for word in s[pos:end].split()[:_MAX_WORDS]:
        if TIME.fullmatch(word):  # "killed in the blast [on Sunday]", "died [in ... hours]"
            cut = [i for i, w in enumerate(words) if w.lower() in _PREPOSITIONS]
            if cut:
                words = words[: cut[-1]]
            elif words and words[-1].lower() in FUNCTION_WORDS:
                words = []  # the time is the lead's own phrase: "died in a matter of hours"
            break  # else it only says when: "agreed by EU ministers [earlier this month]"
        if (
            capitals
            and not word[0].isupper()
            and word not in ("the", "of", "and")
            and not (words and DEMONYM.fullmatch(words[-1]))  # "in British hospitals"
        ):
            break
        words.append(word)
    while words and (words[-1].lower() in FUNCTION_WORDS or words[-1].lower() in _TAIL_WORDS):
        words.pop()
    return lead + " ".join(words) if words else None
