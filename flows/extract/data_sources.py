"""The body whose data a sentence reports: "according to Office for National Statistics data",
"a Pew Research Center survey found", "statistics from the ITU". `flows.extract.attribution`
finds who gave a number; this module tells a body from the kind of data it published.
"""

from __future__ import annotations

import re

#: data and the body it comes from: "statistics from the ITU", "figures released by the ONS"
_DATA_FROM = re.compile(
    r"(?:the\s+)?(?:latest\s+|new\s+|official\s+)?(?:data|figures|statistics|numbers|estimates|"
    r"research)\s+(?:(?:released|published|compiled)\s+)?(?:from|by|of)\s+(?:the\s+)?(?P<name>.+)",
    re.IGNORECASE,
)

#: a name: capitalised words, joined by "and", "of", "for" or "&" ("Office for National
#: Statistics", "Nikkei/TV Tokyo").
_NAME = r"[A-Z][\w&.'’/-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w&.'’/-]*){0,7}"
_DATA = r"(?i:data|figures|statistics|numbers|research|estimates|survey|poll|study|report|analysis|census|tally|count)"
_DATA_SOURCE = (
    re.compile(
        rf"\b{_DATA}\s*,?\s+(?:(?:conducted|carried\s+out|published|released|commissioned|"
        rf"compiled|done|issued)\s+)?(?:by|from)\s+(?:the\s+)?(?P<src>{_NAME})(?!['’]s)"
    ),
    re.compile(
        rf"(?<![\w’'])(?P<src>{_NAME})(?:['’]s)?\s+(?:(?:latest|new|annual|monthly|weekly|"
        rf"official|own)\s+)?{_DATA}\s+(?:show|shows|showed|found|finds|suggests?|suggested|"
        rf"revealed?|reveals|indicated?|indicates|published|released)\b"
    ),
)
#: a body that publishes data: an organisation's word, an acronym ("ONS") or a joint name
#: ("Nikkei/TV Tokyo"); not a place ("UK") nor the name of a report ("Monetary Policy Report")
BODY = re.compile(
    r"\b(?:Office|Institute|Cent(?:er|re)|Project|Society|Association|Bureau|Ministry|"
    r"Department|University|Council|Commission|Agency|Foundation|Group|Bank|Fund|Research|"
    r"Statistics|Analytics|Organi[sz]ation|Authority|Board|Service|News|Federation|Union|"
    r"Chamber|Insights|Intelligence|Economics|Partners|Index|Gallup|Ipsos|YouGov|Nielsen|"
    r"Reuters|Bloomberg)\b|^[A-Z]{2,6}$|\w/\w"
)
_PLACES = frozenset({"UK", "US", "USA", "EU", "UAE", "NYC", "DC"})
#: capitalised words that open a sentence and name no body
_OPENERS = frozenset({"One", "Yet", "But", "And", "So", "However", "Meanwhile", "Still", "Also"})
#: a named body's data as a source: "a 2016 National Science Board study", "the Office for
#: National Statistics' latest data", "Land Registry data for April released"
_NAMED_DATA = re.compile(
    rf"(?:(?i:the|a|an|one)\s+)?(?:(?:\d{{4}}|recent|new|latest|early|newly\s+released|"
    rf"just\s+released|preliminary|provisional)\s+)*(?P<name>{_NAME}?)"
    r"(?:['’]s?)?\s+(?:(?:latest|new|own|official|recent|annual|monthly|weekly)\s+)?"
    r"(?:data|figures|statistics|numbers|research|estimates|survey|poll|study|report|analysis|"
    r"census|tally|count)"
    r"(?:\s+(?:for|from|released|published|issued|on|in)\b.*)?"
)
_DATA_WORD = re.compile(rf"\b{_DATA}\b")
#: a source that names only the kind of data, which the article's data source stands for
_GENERIC_SOURCE = re.compile(
    rf"^(?:the|a|an|this|that|its|new|latest|recent)?\s*(?:\w+\s+)?{_DATA}$", re.IGNORECASE
)
NOT_A_BODY = frozenset(
    {"The", "A", "An", "This", "That", "New", "Its", "Their", "In", "On", "Initial", "Preliminary",
     "Official", "Latest", "Recent", "Early", "Final", "Other", "Such", "These", "Those", "Some",
     "Many", "Most", "Previous", "Earlier", "Further", "Separate", "Similar", "Independent",
     "Internal", "Public", "Government", "Police", "Local", "National", "His", "Her"}
)  # fmt: skip


def data_source(s: str) -> str | None:
    """The body whose data sentence `s` reports, when it names one."""
    if not _DATA_WORD.search(s):
        return None
    for pattern in _DATA_SOURCE:
        for m in pattern.finditer(s):
            words = m.group("src").split()
            while words and words[0] in NOT_A_BODY:
                words = words[1:]
            name = " ".join(words).rstrip(".")
            if words and BODY.search(name) and name not in _PLACES:
                return name
    return None


def is_generic_source(source: str) -> bool:
    """Whether a source names only a kind of data ("the survey", "new research")."""
    return _GENERIC_SOURCE.match(source) is not None


def body_of(source: str | None) -> str | None:
    """The body a source of data names, without the data ("a Pew Research Center survey" ->
    "Pew Research Center", "Spanish Health Ministry figures released Saturday" -> "Spanish
    Health Ministry"); the source itself when no name stands right before its data. Applied
    last, once a source of only a kind of data has been told apart (`is_generic_source`)."""
    if source is None:
        return None
    if (of := _DATA_FROM.fullmatch(source)) and of.group("name")[0].isupper():
        return of.group("name")  # "statistics from the International Telecommunications Union"
    m = _NAMED_DATA.fullmatch(source)
    if (
        m is None
        or m.group("name").split()[0] in NOT_A_BODY | _OPENERS
        or m.group("name") in _PLACES
    ):
        return source
    return re.sub(r"['’]s?$", "", m.group("name"))
