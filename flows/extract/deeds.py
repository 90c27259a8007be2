"""What was done to the things an amount counts, or with a sum, when a verb before the amount
takes them as its object: its participle, the doer the sentence names, and one phrase of where
("Chinese authorities closed 12,575 net cafes in ..." -> "closed by Chinese authorities";
"arrested 224 people in a crackdown on net porn" -> "arrested in a crackdown on net porn";
"will shut 11 UK stores" -> "shut"). Verbs of levels and judgement ("reached", "recorded",
"estimated"), passives, nouns in -ing and times are no deeds.
"""

from __future__ import annotations

import re

from flows.annotate import Quantity
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun
from flows.extract.phrases import FINITE, TIME, end_of, phrase

#: the lowercase nouns of those who do things to people and things
_DOERS = (
    "authorities|police|officials|officers|troops|forces|soldiers|militants|researchers|"
    "scientists|investigators|prosecutors|regulators|lawmakers|doctors|volunteers|rescuers"
)
#: bodies a sentence names by their role, after "the" and perhaps one word: "the health ministry"
_BODIES = (
    "ministry|government|department|agency|council|company|firm|state|city|army|navy|"
    "military|court|hospital|university|airline|carrier|bank|group|retailer|chain|club"
)
#: the plain form of a deed done to things, after "will" or "to", and its participle: "will
#: close (11 stores)", "plans to hire (5,000 staff)"
_BASE_DEEDS = {
    "close": "closed", "hire": "hired", "create": "created", "recruit": "recruited",
    "add": "added", "build": "built", "open": "opened", "sell": "sold", "buy": "bought",
    "deploy": "deployed", "send": "sent", "release": "released", "evacuate": "evacuated",
    "test": "tested", "vaccinate": "vaccinated", "donate": "donated", "spend": "spent",
    "invest": "invested", "raise": "raised", "pay": "paid", "provide": "provided",
    "distribute": "distributed", "deliver": "delivered", "produce": "produced", "make": "made",
    "lay off": "laid off", "furlough": "furloughed", "eliminate": "eliminated",
    "remove": "removed", "deport": "deported", "arrest": "arrested", "detain": "detained",
    "kill": "killed", "save": "saved", "lose": "lost", "axe": "axed", "slash": "slashed",
    "shed": "shed", "cut": "cut", "shut": "shut", "ship": "shipped", "plant": "planted",
    "import": "imported", "export": "exported", "order": "ordered", "train": "trained",
}  # fmt: skip
_BASES = "|".join(sorted((b.replace(" ", r"\s+") for b in _BASE_DEEDS), key=len, reverse=True))
#: the verb an amount is the object of, and who did it: "Chinese authorities closed (12,575 net
#: cafes)", "The museum has put on (more than 100 exhibitions)", "arrested (224 people)"
_DONE_TO = re.compile(
    rf"(?:(?<![\w-])(?P<who>(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and)\s+)?){{0,4}}"
    rf"(?:[A-Z][\w.&-]*|{_DOERS})|(?i:the)\s+[a-z][\w-]*\s+(?:{_BODIES}))\s+)?"
    r"(?P<aux>(?:(?:has|have|had|was|were|is|are|been|also|already|now|reportedly|then|"
    r"so\s+far|will|would|could|may|plans\s+to|plan\s+to|aims\s+to|wants\s+to|is\s+to|are\s+to)"
    r"\s+)*)"
    r"(?<![\w-])(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?P<verb>[a-z]{2,}ed|[a-z]{3,}ing|put|cut|shut|"
    r"set|sold|paid|spent|built|made|held|sent|brought|bought|caught|lost|won|took|gave|stole|"
    r"shot|struck|drew|threw|wrote|given|taken|stolen|drawn|thrown|written|lent|"
    rf"(?:(?<=\bwill\s)|(?<=\bto\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmay\s))(?:{_BASES}))"
    r"(?:\s+(?P<particle>up|down|off|out|away|back|(?<=\bput\s)on|(?<=\btook\s)on))?\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately|more\s+than|over|at\s+least|"
    r"up\s+to|a\s+further|another|an?\s+estimated|a\s+total\s+of|a\s+record|only|just|its|"
    r"their|his|her)\s+)?$"
)
#: what may stand before a doer: nothing, a stop, an article, a conjunction or a time
_BEFORE_WHO = re.compile(
    r"(?:^|[,.;:(\"“—–]|\b(?:the|and|but|that|when|while|as|after|before|because|since|where|"
    r"then|so|year|week|month|\d{4}))\s*$",
    re.IGNORECASE,
)
_BE = re.compile(r"\b(?:was|were|is|are|been)\b")
_FUTURE = re.compile(r"\b(?:will|to|would|could|may)\s+$")
#: verbs that say what a level did, or how it was judged, not what was done to the things counted
_NOT_DONE_TO = re.compile(
    r"(?:rose|risen|fell|fallen|increased|decreased|jumped|dropped|climbed|grew|grown|slipped|"
    r"surged|soared|plunged|declined|doubled|plummeted|tumbled|slumped|sank|slid|dipped|spiked|"
    r"shrank|shrunk|contracted|expanded|eased|rebounded|dived|dove|inched|edged|reached|topped|"
    r"exceeded|totalled|totaled|numbered|surpassed|passed|crossed|neared|approached|compared|"
    r"based|expected|estimated|projected|forecast|predicted|needed|required|planned|scheduled|"
    r"owned|aged|recorded|reported|confirmed|registered|logged|tallied|counted|listed|included|"
    r"involved|affected|showed|suggested|revealed|indicated|averaged|managed|joined|left|"
    r"rendered|kept|boasted|claimed|warned|noted|stated|added|argued|signalled|signaled|found|"
    r"combined|caused|exceed|need|speed|feed|red|bed)$"
)
#: amounts that are no count of things a verb could act on (a sum's own words say what it is)
_NOT_COUNTS = frozenset({"percent", "points", "times"})
#: what is done with a sum: "has earmarked (100 trillion won)", "paid (US$2.5 billion) in cash"
_MONEY_DEEDS = re.compile(
    r"paid|spent|raised|earmarked|pledged|donated|allocated|invested|borrowed|received|awarded|"
    r"granted|given|sent|lent|loaned|collected|owed|injected|pumped|handed|committed|approved|"
    r"offered|set|embezzled|laundered|stolen|seized|lost|wasted|saved|returned|refunded|"
    r"transferred|wired|withdrawn|channelled|channeled|contributed|provided|budgeted|allotted|"
    r"disbursed|financed|funded|gifted|bequeathed|splashed|earned|grossed|generated|netted|reaped"
)
_PARTICIPLES = {
    "took": "taken", "gave": "given", "stole": "stolen", "drew": "drawn", "threw": "thrown",
    "wrote": "written", "cutting": "cut", "putting": "put", "setting": "set", "shutting": "shut",
    "hitting": "hit", "making": "made", "taking": "taken", "leaving": "left", "holding": "held",
    "sending": "sent", "bringing": "brought", "giving": "given", "selling": "sold",
    "paying": "paid", "spending": "spent", "building": "built", "losing": "lost",
    "winning": "won", "keeping": "kept", "finding": "found", "buying": "bought",
    "catching": "caught", "stealing": "stolen", "shooting": "shot", "striking": "struck",
    "flying": "flown",
}  # fmt: skip
#: -ing words that are no verb done to the things counted: "during 20 years", "rising 5%"
_NOT_A_DEED = frozenset(
    {"during", "morning", "evening", "nothing", "something", "anything", "everything",
     "according", "including", "following", "excluding", "concerning", "regarding", "spring",
     "string", "thing", "ceiling", "rising", "falling", "bringing", "totalling", "totaling",
     "numbering", "amounting", "representing", "involving", "affecting", "having", "being",
     "using", "saying", "showing", "suggesting", "comparing", "ranging", "accounting", "getting",
     "seeing", "averaging", "topping", "reaching", "exceeding", "surpassing", "passing", "hitting",
     "nearing", "approaching", "recording", "reporting", "confirming", "registering", "logging",
     "leaving", "rendering", "keeping", "managing"}
)  # fmt: skip
_NOT_WHO = frozenset(
    {"it", "they", "he", "she", "we", "i", "you", "the", "in", "but", "and", "this", "that",
     "there", "then", "its", "their", "his", "her", "a", "an", "so", "yet", "after", "since",
     "when", "while", "as", "by", "on", "at", "of", "for", "if", "last", "mr", "mrs", "ms", "dr",
     "each", "every", "all", "some", "many", "most", "both", "several", "few", "one", "other",
     "another"}
)  # fmt: skip
#: a phrase after the counted things that says where or in what the deed was done
_DONE_IN = re.compile(
    r"\s+(in|into|at(?!\s+(?:a\s+time|once|least|most)\b)|during|among|across|inside|near|"
    r"outside|to|on)"
    r"\s+"
)
_NEXT_PHRASE = frozenset({"in", "into", "at", "to", "for", "from", "during", "with", "by"})
#: a phrase that says no place or occasion: "in what is being treated as", "in total"
_NO_OCCASION = re.compile(
    r"(?:what|which|total|all|addition|response|line|order|part|turn|case|effect|return|"
    r"exchange|a\s+bid|an\s+effort|a\s+row|average|behalf|top|time|the\s+spot|record|peak|"
    r"an?\s+[\w-]+\s+basis)\b"
)


def done_to(s: str, q: Quantity, pos: int, what: str = "") -> str | None:
    """What was done to the things the amount `q` counts, when a verb before it takes them as
    its object and their noun ends at `pos`: "closed by Chinese authorities", "arrested in a
    crackdown on net porn", "put on by the Design Museum"; for a sum, only what is done with
    money ("paid to Malaysia"), and `what` it was spent on after the doer ("spent by China on
    stimulus"); None when no such verb comes first."""
    m = _DONE_TO.search(s, max(0, q.start - 90), q.start) if q.unit not in _NOT_COUNTS else None
    if m is None or m.group("verb") in FUNCTION_WORDS:
        return None
    base = _BASE_DEEDS.get(" ".join(m.group("verb").split()))
    verb = base if base and _FUTURE.search(s, 0, m.start("verb")) else _participle(m.group("verb"))
    if q.unit == "money" and not (verb and _MONEY_DEEDS.fullmatch(verb)):
        return None
    gerund = m.group("verb").endswith("ing")
    if verb is None or (
        (not (m.group("aux") or s[: m.start("verb")].rstrip().endswith(",")))
        if gerund
        else not base and _BE.search(m.group("aux"))
    ):
        return None  # "large-scale testing on tens of thousands of people": a noun; "was charged
        # on eight counts": a passive, whose subject had it done
    words = [verb] + ([m.group("particle")] if m.group("particle") else [])
    who = [] if gerund or m.group("who") is None else m.group("who").split()
    while who and (who[0].lower() in _NOT_WHO - {"the"} or TIME.fullmatch(who[0])):
        who.pop(0)  # "In August 2004 Chinese authorities": the authorities
    at = s.find(who[0], m.start("who")) if who else -1  # where the doer's words start
    opening = who and not s[:at].strip(" \"“'‘(")
    if who and (
        who[0] == "The"
        or re.fullmatch(_DOERS, who[0].lower())
        or opening
        and len(who) == 1
        and is_people_noun(who[0].lower())
    ):
        who[0] = who[0].lower()  # "The Design Museum", "Police killed", "Motorists paid": the
        # sentence's capital
    if who and who[-1].lower() not in _NOT_WHO and _BEFORE_WHO.search(s, 0, at):
        words += ["by", *who]
    words += [what] if what else []
    where = _DONE_IN.match(s, pos)
    if where is None or _NO_OCCASION.match(s, where.end()):
        return " ".join(words)
    tail = phrase(f"{where.group(1)} ", s, where.end(), FINITE)
    stop = end_of(s, where.end())
    if (
        tail
        and not any(TIME.fullmatch(w) for w in s[where.end() :].split()[: len(tail.split())])
        and not s[stop : stop + 1].isdigit()
    ):
        cut = [i for i, w in enumerate(tail.split()) if i and w in _NEXT_PHRASE]
        words += tail.split()[: cut[0] if cut else None]  # one phrase: "to six Paris hospitals
        # (in urgent need of ...)"; not "in the closing months of 2004", which says when, nor
        # "in a city of (13.5 million)"
    return " ".join(words)


def _participle(verb: str) -> str | None:
    """The past participle of a verb that does something to things ("killing" -> "killed",
    "took" -> "taken"); None for a verb that says what a level did or how it was judged."""
    if verb in _NOT_A_DEED:
        return None
    if verb in _PARTICIPLES:
        return _PARTICIPLES[verb]
    if verb.endswith("ing"):
        stem = verb[:-3]
        verb = f"{stem[:-1]}ied" if stem[-1] == "y" and stem[-2] not in "aeiou" else f"{stem}ed"
    return None if _NOT_DONE_TO.match(verb) else verb
