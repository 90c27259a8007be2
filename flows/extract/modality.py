"""Whether a figure is reported, projected, a target or a hypothetical: the words that govern
the amount in its own clause ("is projected to kill", "aims to vaccinate", "could cost"), and a
modal verb right after it ("11 million could be affected", "are expected to be furloughed").
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.extract.clauses import PHRASE_STOP, clause_end, clause_start

_TARGET = re.compile(
    r"\b(?:aims?|aiming|aimed|targets?|targeting|targeted|goal|plans?\s+to|planning\s+to|"
    r"planned|pledged\s+to|pledges\s+to|promised\s+to|vowed\s+to|wants\s+to|seeks\s+to|"
    r"hopes?\s+to|hoping\s+to|intends\s+to|proposed|proposes|will\s+(?:hire|create|spend|invest|"
    r"cut|build|raise|provide|give|offer|vaccinate|test|recruit|donate|pay|fund|allocate|"
    r"contribute|commit|deliver|send|earmark|set\s+aside))\b",
    re.IGNORECASE,
)

#: a sum or a count pledged or promised, a few words before it: "pledged €1m", "has been
#: promised an additional 200 ventilators", "the UK's pledge of £388m"
_PLEDGED = re.compile(
    r"\b(?:pledged?|pledges|pledging|promised|promises|promising)\s+(?:(?:a|an|the|another|"
    r"additional|further|at\s+least|more\s+than|up\s+to|around|about|some|nearly|almost|roughly|"
    r"them|him|her|it|us|of|total|several|over)\s+){0,4}$",
    re.IGNORECASE,
)

#: a plan: what someone will do, or is to do, to the amount ("SIA will fly to just 15 cities",
#: "it is to cut more than 3,000 jobs"), not what will happen ("will see", "will be")
_WILL_DO = re.compile(
    r"\b(?:will|(?:is|are)\s+to)\s+(?!(?:be|have|see|face|lose|need|cost|take|reach|rise|fall|"
    r"hit|top|exceed|total|likely|probably|shrink|contract|grow|expand|decline|drop|crater|"
    r"plunge|drive|require|get|mean|make|leave|affect|kill|infect|account|start|climb|save|help|"
    r"set|usually|typically|cause|bring)\b)[a-z]+(?:\s+[\w’'-]+){0,3}"
    r"\s*$",
    re.IGNORECASE,
)
#: ... or an amount that will be put to a use: "150 trillion rupiah, will be set aside for"
_TO_BE_DONE = re.compile(
    r"[^.;]{0,30}?\b(?:will|is\s+to|are\s+to)\s+be\s+(?:set\s+aside|allocated|spent|invested|"
    r"earmarked|distributed|channelled|channeled|disbursed|used|given|paid|raised)\b",
    re.IGNORECASE,
)

_PROJECTED = re.compile(
    r"\b(?:projected|projects|projection|forecasts?|forecasted|predicts?|predicted|expected?|"
    r"expects|estimates?\s+(?:that\s+)?(?:it\s+)?will|on\s+track|set\s+to|likely\s+to|"
    r"poised\s+to|outlook|by\s+20\d\d|next\s+year|in\s+the\s+coming|"
    r"will\s+(?:cost|weigh|need|require))\b",
    re.IGNORECASE,
)

#: a forecast: "could rise to 8%", "may have dipped by as much as 15%", "will be 4.7%"
_FORECAST = re.compile(
    r"\b(?:could|may|might|will|would)\s+(?:have\s+)?(?:be|reach|rise|fall|grow|hit|top|exceed|"
    r"surpass|increase|decrease|total|climb|drop|dip|dipped|double|triple|shrink|slow|"
    r"contract|expand|jump|soar|plunge|slump)\b",
    re.IGNORECASE,
)

_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|(?-i:may)|if|unless|potentially|possibly|risks?)\b", re.IGNORECASE
)


def modality_of(s: str, q: Quantity) -> str:
    """reported, projected, target or hypothetical, from the words before the amount in its own
    clause (`_own_clause`) and a modal verb right after it ("11 million could be affected")."""
    clause = _own_clause(s[clause_start(s, q.start, PHRASE_STOP) : q.start])
    after = s[q.end : q.end + 40]
    if _TARGET.search(clause) or _PLEDGED.search(clause) or _TO_BE_DONE.match(after):
        return "target"
    if _PROJECTED.search(clause) or _PROJECTED.match(after.lstrip()) or _FORECAST.search(clause):
        return "projected"
    if _WILL_DO.search(clause) and not s.rstrip().endswith("?"):
        return "target"  # not a question: "Will petrol fall to £1 a litre?"
    if _HYPOTHETICAL.search(clause):
        return "hypothetical"
    modal = _MODAL_AFTER.match(s, q.end, clause_end(s, q.end, PHRASE_STOP))
    if modal:
        word = modal.group(1).lower()
        return "hypothetical" if word in ("could", "would", "might") else "projected"
    return "reported"


#: where the words that govern an amount begin: after a comma, a dash or a reporting verb
#: ("Sobyanin announced the system would go live, the city reported 3.5 million").
_OWN_CLAUSE_CUT = re.compile(
    r",|--|\b(?:said|says|say|reported|reports|showed|shows|announced|according\s+to)\b",
    re.IGNORECASE,
)

_NEW_CLAUSE = re.compile(r"(\S+)\s+(?:and|or)\s+$")

_AMOUNT_WORD = re.compile(r"[\d%]|\b(?:cent|percent|million|billion|thousand|hundred)\b", re.I)

_MODAL_AFTER = re.compile(
    r"(?:\s+(?!(?:said|says|say|who|which|that|if|when|because|it|they|he|she)\b)[\w'’-]+){0,8}?\s+"
    r"(will|could|would|might|(?:is|are|was|were)\s+(?:expected|forecast|projected|likely|set)\s+to)\b",
    re.IGNORECASE,
)


def _own_clause(clause: str) -> str:
    """The words before an amount that can govern it: after the last comma, dash or reporting
    verb, and none when the amount opens a new coordinated clause ("58% said it would have
    helped and 37% said it would not")."""
    cut = max((m.end() for m in _OWN_CLAUSE_CUT.finditer(clause)), default=0)
    clause = clause[cut:]
    joined = _NEW_CLAUSE.search(clause)
    if joined and not _AMOUNT_WORD.search(joined.group(1)):
        return ""
    return clause
