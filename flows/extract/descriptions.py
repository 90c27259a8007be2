"""What the sentence says of a counted noun right after it, so that a measure reads alone:
"people who have died from the virus", "deaths tied to Covid-19", "people killed in the
blast" (the auxiliary of a passive dropped), "cases in New York City"; the owner a
capitalised possessive names before the amount ("Virgin Atlantic's £1.2bn rescue plan"); a
share of a group as a share ("40% of voters"); and the one place the sentence names.
A time ("reported on Wednesday") says when, which `as_of_date` holds, not what.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.annotate import Quantity
from flows.annotate.gazetteer import PlaceMention
from flows.annotate.numbers import CHANGE_VERBS
from flows.extract.noun_phrases import FUNCTION_WORDS, is_people_noun, predicate_at
from flows.extract.vocabulary import DEMONYM

#: the most words a description adds, and how far past the amount its noun may end
MAX_WORDS = 8
_REACH = 40

_RELATIVE = re.compile(r"\s+(who|that)\s+(?!(?:is|was|are|were|has|had|have)\s*[,.]|\d)")
_PASSIVE = re.compile(r"\s+(?:(?:have|has|had)\s+been|were|was|are|is|being)(?=\s+[a-z]+ed\s)")
_PARTICIPLE = re.compile(
    r"\s+((?:(?!(?:compared|based|followed|adjusted|expected|estimated|needed|required|"
    r"scheduled|planned|used|owned|aged|need|speed|feed)\s)[a-z]{2,}ed|held|built|sent|paid|"
    r"spent|lost|sold|caught|left|found|brought|kept|hit|struck|shot|taken|given|seen|known|"
    r"driven|stolen|born|drawn|thrown|flown|written|done|made)"
    r"(?:\s+(?:home|back|away|abroad|overseas))?)"  # "doctors sent home from medical missions"
    r"\s+(to|with|in|by|from|at|on|for|over|after|during|under|across|through|into|against|"
    r"as|off|out\s+of|due\s+to)\s+"
)
_PLACE = re.compile(r"\s+(in|across|from)\s+(?=(?:the\s+)?[A-Z])")
_RIGHT_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:of\s+(?:(?:the|our|your|my|their|its|his|her)\s+)?)?"
)
_OWNER = re.compile(
    r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s\s+(?:(?:estimated|total|annual|own|entire|"
    r"current|latest|reported|roughly|about|some|nearly|almost|around)\s+)?$"
)
_STOP = re.compile(
    r"[,.;:()\[\]\"“”—–!?$€£¥]|\s-\s|--|(?<![\w-])\d|\b(?:and|or|but|while|whereas|although|"
    r"because|as|when|after|before|since|if|than|that|which|who|said|says|according)\b",
)
#: a finite verb ends the phrase of a participle or a place: "cases in the US rose by"
_VERB = re.compile(
    rf"\b(?:is|was|were|are|has|have|had|will|would|can|could|may|might|should|must|did|does|"
    rf"do|to\s+[a-z]+e\b|stood|stands|remained|remains|reached|topped|exceeded|totalled|totaled|"
    rf"numbered|{CHANGE_VERBS})\b|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<![\w-])[a-z]{{3,}}ed\b"
)
_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sept?|oct|nov|dec|yesterday|today|tonight|"
    r"week|weeks|weekend|month|months|year|years|day|days|hours?|quarter|morning|afternoon|"
    r"evening|night|period|past|last|since|earlier|later|this|ago|recently|previous|recent|coming|"
    r"\d{4}s?)",
    re.IGNORECASE,
)
_UP_TO_AMOUNT = re.compile(r"(?:\s+[a-z]+){0,3}\s*")
_SPEECH = re.compile(r"(?:say|says|said|saying|told|tell)\b")
_OWN_VERB = re.compile(r"(?:(?:has|have|had|is|are|was|were|been|be|being|not|also|still)\s+)*\S+")
_AMOUNT_NEXT = re.compile(r"\s+(?:[a-z]+\s+){0,2}\d")
#: the prepositions that open a phrase of time ("of" does not: "in a matter of hours")
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "within", "over", "during", "by", "from", "after", "before",
     "until", "through", "throughout", "since"}
)  # fmt: skip
_ELSEWHERE = re.compile(
    r"\b(?:worldwide|globally|global|world|international|abroad|overseas)\b", re.I
)
_PEOPLE_NOUNS = frozenset({"people", "children", "men", "women", "persons", "adults"})
#: nouns of a change or a part, which say of what only with the phrase after them
_CHANGE_NOUNS = frozenset(
    {"rise", "fall", "increase", "decrease", "drop", "cut", "cuts", "reduction", "decline", "jump",
     "gain", "loss", "discount", "premium", "stake", "surge", "slump", "contraction", "expansion",
     "hike", "boost", "dip", "plunge", "slide"}
)  # fmt: skip
_CHANGE_OF = re.compile(r"\s+(to|in|on|from|of|for|across)\s+")
_NEXT_WORD = re.compile(r"\s*([\w’'-]+)")
_SHARE_AFTER = re.compile(
    r"\s+of\s+(?!the\s+total\b)(?:(?:the|all|their|its|our|his|her)\s+)?", re.IGNORECASE
)
_SHARE_OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+)?(?:total\s+)?number\b", re.IGNORECASE)
_NUMBER_OF = re.compile(r"^(?:the\s+)?(?:total\s+)?number\s+(?:of\s+)?", re.IGNORECASE)
#: a capitalised owner right before a measure that stands before its amount ("Spain's")
_OWNED = re.compile(
    r"(?<![\w-])([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+((?:[\w-]+\s+){0,2}?)$"
)
_NOT_AN_OWNER = frozenset({"It", "That", "This", "There", "Here", "What", "Who", "Let"})
_FEW = frozenset({"several", "few", "many", "couple", "some", "recent", "first", "final"})
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
    r"shrank|shrunk|contracted|expanded|eased|rebounded|dived|dove|inched|edged|reached|topped|exceeded|totalled|totaled|numbered|surpassed|passed|"
    r"crossed|neared|approached|compared|based|expected|estimated|projected|forecast|predicted|"
    r"needed|required|planned|scheduled|owned|aged|recorded|reported|confirmed|registered|"
    r"logged|tallied|counted|listed|included|involved|affected|showed|suggested|revealed|"
    r"indicated|averaged|managed|joined|left|rendered|kept|boasted|claimed|warned|noted|stated|added|"
    r"argued|signalled|signaled|found|combined|caused|exceed|need|speed|feed|red|bed)$"
)
_NOT_IN_MEASURE = r"(?!(?:the|a|an|by|in|at|on|to|for|from|with|out)\b)[A-Za-z][\w'’-]*"
#: a measure that is only its counted noun phrase, which a verb before the amount may describe
_BARE = re.compile(rf"{_NOT_IN_MEASURE}(?:\s+{_NOT_IN_MEASURE})*")
#: amounts that are no count of things a verb could act on (a sum's own words say what it is)
_NOT_COUNTS = frozenset({"percent", "points", "times"})
#: what is done with a sum: "has earmarked (100 trillion won)", "paid (US$2.5 billion) in cash"
_MONEY_DEEDS = re.compile(
    r"paid|spent|raised|earmarked|pledged|donated|allocated|invested|borrowed|received|awarded|"
    r"granted|given|sent|lent|loaned|collected|owed|injected|pumped|handed|committed|approved|"
    r"offered|set|embezzled|laundered|stolen|seized|lost|wasted|saved|returned|refunded|"
    r"transferred|wired|withdrawn|channelled|channeled|contributed|provided|budgeted|allotted|"
    r"disbursed|financed|funded|gifted|bequeathed|splashed"
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
#: words a phrase does not end on: a pronoun ("... killed in the blast, they"), an adverb
_TAIL_WORDS = frozenset({"he", "she", "they", "it", "we", "you", "i", "back", "again", "currently"})


def described(s: str, q: Quantity, measure: str | None) -> str | None:
    """`measure` read on with what the sentence says of its noun right after the amount `q`, and
    with the capitalised owner before the amount; unchanged when it stands elsewhere."""
    if not measure or says_when(measure):
        return None  # "(25 per cent) several weeks (ago)", "(by 20%) last week": a time
    if (
        (bare := _NUMBER_OF.sub("", measure))
        and bare != measure
        and s.find(bare) != -1
        and not _SHARE_OF_NUMBER.match(s, q.end)  # "1% of the total number of students"
    ):
        measure = bare  # "(the) number (of) deaths (has doubled)": the deaths
    at = s.find(measure, q.end, q.end + _REACH + len(measure))
    after = _SHARE_AFTER.match(s, q.end) if at == -1 and q.unit == "percent" else None
    if after and s.startswith(measure.split()[0], after.end()):
        return f"share of {measure}"  # "27 per cent of Indian women (were) married"
    if at == -1:  # "the number of people who have died from the virus, 10"
        at = s.rfind(measure, max(0, q.start - 120), q.start)
        owned = _OWNED.search(s, max(0, at - 80), at) if at > 0 else None
        if (
            owned
            and owned.group(1).split()[0] not in _NOT_AN_OWNER
            and not _TIME.fullmatch(owned.group(1).split()[-1])  # not "Monday's 48 new cases"
            and not any(
                w.lower() in FUNCTION_WORDS or w[0].isdigit() for w in owned.group(2).split()
            )
        ):  # "Spain's coronavirus (death toll) rose"
            owner = re.sub(r"^The\s", "the ", owned.group(1))
            measure = f"{owner}'s {owned.group(2)}{measure}"
            at = owned.start(1)
        tail = description(s[: q.start], at + len(measure)) if at != -1 else None
        if tail is None or _UP_TO_AMOUNT.fullmatch(s, s.find(tail, at) + len(tail), q.start):
            # "claims that have topped (one million)" says what the amount did; "a discount of
            # 54 per cent from the last traded price" what a change is of, after the amount
            of = _change_of(s, q.end) if measure.lower() in _CHANGE_NOUNS else None
            return f"{measure} {of}" if of else measure
        return f"{measure} {tail}"
    gap = _RIGHT_AFTER.fullmatch(s, q.end, at)
    if gap is None:
        return measure  # "$3 in his pocket was pulled over": the pocket was not
    share = "share of " if q.unit == "percent" and "of" in gap.group(0).split() else ""
    end = at + len(measure)
    said = predicate_at(s, end) if _people(measure) else None
    deed = (
        done_to(s, q, end)
        if q.unit != "money" and _BARE.fullmatch(measure) and not measure.endswith("ed")
        else None
    )
    where = description(s, end)
    if deed and where and _PLACE.match(s, end):
        where = None  # the deed holds the place: "plans to hire 5,000 staff in Manchester"
    tail = (
        where
        or (None if said and _SPEECH.match(said) else said)
        or deed
        or (_change_of(s, end) if measure.lower() in _CHANGE_NOUNS else None)
    )
    owner = _OWNER.search(s, max(0, q.start - 60), q.start)
    lead = f"{owner.group(1)}'s " if owner and owner.group(1).lower() not in FUNCTION_WORDS else ""
    return f"{share}{lead}{measure}{' ' + tail if tail else ''}"


def _change_of(s: str, pos: int) -> str | None:
    """What a change noun ending (or its amount standing) at `pos` is of: "(a 10% cut) to its US
    aviation workforce", "(a discount of 54 per cent) from the last traded price"; not a time."""
    m = _CHANGE_OF.match(s, pos)
    tail = _phrase(f"{m.group(1)} ", s, m.end(), _VERB) if m else None
    if tail is None or any(_TIME.fullmatch(w) for w in tail.split()) or len(tail.split()) < 3:
        return None
    cut = _NEXT_WORD.match(s, m.start() + len(tail) + 1)  # where the phrase was cut
    if cut and (_TIME.fullmatch(cut.group(1)) or cut.group(1)[0].isdigit()):
        return None  # "(a loss) for the second (quarter)", "(on its roughly) 13% (stake)"
    return tail


def says_when(words: str) -> bool:
    """Whether words are only times and function words ("several weeks", "the first")."""
    return all(
        _TIME.fullmatch(w) or w.lower() in FUNCTION_WORDS or w.lower() in _FEW
        for w in words.split()
    )


def placed(
    measure: str | None,
    s: str,
    q: Quantity,
    places: Sequence[PlaceMention],
    home: str | None = None,
) -> str | None:
    """`measure` of the amount `q` with the one place its sentence `s` names where things
    happen, in a locative phrase ("in the UK, around 1,400 owners") or as its opening subject
    ("Singapore reported 42 new cases"): "new cases in Singapore"; unchanged when it names it
    already, or none or two, or a list. A place after the amount is its own only within its
    clause ("43 beds nationwide, including nine in Seoul"). A sentence that names no place takes
    `home`, the one country its article names, unless it speaks of the world ("worldwide")."""
    where = [(p.place.name, _placed_as(s, q, p)) for p in places if not p.demonym]
    where = sorted({(name, words) for name, words in where if words})
    if measure and home and not places and not _ELSEWHERE.search(s):
        return measure if home.lower() in measure.lower() else f"{measure} in {home}"
    if not measure or len({name for name, _ in where}) != 1:
        return measure
    names = {where[0][0]} | {words.removeprefix("the ") for _, words in where}
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", measure, re.I) for w in names):
        return measure  # "in the US" names the United States already ("coronavirus" does not)
    return f"{measure} in {where[0][1]}"


def only_country(places: Sequence[PlaceMention]) -> str | None:
    """The one country an article names, in its words ("the UK", "South Korea"), when every
    place it names lies in it; None when it names two, or names its country only by a city."""
    codes = {p.place.country_code for p in places if p.place.country_code}
    named = [p.text for p in places if p.place.kind == "country" and not p.demonym]
    if len(codes) != 1 or not named:
        return None
    words = max(sorted(set(named)), key=named.count)
    plural = words.isupper() or words.startswith("United ") or words.endswith("s")
    return f"the {words}" if plural else words


def _placed_as(s: str, q: Quantity, p: PlaceMention) -> str | None:
    """The words naming place mention `p` (of sentence `s`, offsets in the article) when it says
    where the amount `q` happened; None when it is part of a name ("Air India", "Lloyd's of
    London") or stands in a later clause."""
    at = s.find(p.text)
    if at == -1 or _NAME_GOES_ON.match(s, at + len(p.text)) or _LISTED.match(s, at + len(p.text)):
        return None  # part of a name, or the first of a list ("in Beijing, Shanghai and ...")
    if at > q.end and _CLAUSE_BREAK.search(s, q.end, at):
        return None
    the = "the " if s[max(0, at - 4) : at].lower() == "the " else ""
    before = s[: at - len(the)]
    opening = not before.strip(" -–—\"“‘'(")
    if _LOCATIVE.search(before) or (opening and _VERB_NEXT.match(s, at + len(p.text))):
        return the + p.text
    return None


_VERB_NEXT = re.compile(r"\s+(?:has|have|had|is|was|reported|recorded|[a-z]+ed)\b")
_CLAUSE_BREAK = re.compile(r",(?!\d)|[;:—–(]|\s-\s")
_LISTED = re.compile(
    r",\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s*(?:,|and\b|or\b)|\s+(?:and|or)\s+(?:the\s+)?[A-Z]"
)
_LOCATIVE = re.compile(r"\b(?:in|across|throughout|inside)\s+$", re.IGNORECASE)
#: a place that a capitalised word or a possessive follows is part of a name or owns a thing
_NAME_GOES_ON = re.compile(r"\s+[A-Z]|['’]s\b|\s+(?:tons?|dollars?)\b")


def _people(measure: str) -> bool:
    """Whether a measure ends in a noun of people ("people", "residents")."""
    last = measure.split()[-1].lower()
    return last in _PEOPLE_NOUNS or is_people_noun(last)


def description(s: str, pos: int) -> str | None:
    """What the words from `pos` say of the noun that ends there: a restrictive relative clause,
    a participle and its phrase (past a passive auxiliary, and past a participle that only says
    when: "40 cases announced on Wednesday are linked to clusters"), or a capitalised place;
    None when none follows."""
    if m := _RELATIVE.match(s, pos):  # not "viruses that cause (it)", "claims that topped 1m"
        verb = _OWN_VERB.match(s, m.end())  # the clause's own verb, then the sentence's
        tail = _phrase(f"{m.group(1)} ", s, m.end(), _VERB, verb.end() if verb else m.end())
        if tail is None or len(tail.split()) < 3:
            return None
        said = tail.removeprefix(f"{m.group(1)} ")
        return None if _AMOUNT_NEXT.match(s, s.find(said, m.end()) + len(said)) else tail
    passive = _PASSIVE.match(s, pos)
    if m := _PARTICIPLE.match(s, passive.end() if passive else pos):
        if tail := _phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), _VERB):
            return tail
        later = None if passive else _PASSIVE.search(s, m.end(), _end_of(s, m.end()))
        if later is None or not all(
            _TIME.fullmatch(w) or w.lower() in FUNCTION_WORDS
            for w in s[m.end() : later.start()].split()
        ):
            return None
        m = _PARTICIPLE.match(s, later.end())
        return _phrase(f"{m.group(1)} {m.group(2)} ", s, m.end(), _VERB) if m else None
    if m := _PLACE.match(s, pos):
        return _phrase(f"{m.group(1)} ", s, m.end(), _VERB, capitals=True)
    return None


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
    while who and (who[0].lower() in _NOT_WHO - {"the"} or _TIME.fullmatch(who[0])):
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
    tail = _phrase(f"{where.group(1)} ", s, where.end(), _VERB)
    stop = _end_of(s, where.end())
    if (
        tail
        and not any(_TIME.fullmatch(w) for w in s[where.end() :].split()[: len(tail.split())])
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


def _end_of(s: str, pos: int) -> int:
    """Where the phrase from `pos` stops."""
    stop = _STOP.search(s, pos, pos + 80)
    return stop.start() if stop else min(len(s), pos + 80)


def _phrase(
    lead: str,
    s: str,
    pos: int,
    verb: re.Pattern[str] | None = None,
    verb_from: int | None = None,
    capitals: bool = False,
) -> str | None:
    """`lead` and the words from `pos` up to a stop, a time or a `verb` (from `verb_from` on),
    MAX_WORDS at most (and only names, with `capitals`), without trailing function words; None
    when none is left."""
    end = _end_of(s, pos)
    if verb and (finite := verb.search(s, verb_from or pos, end)):
        end = finite.start()
    words: list[str] = []
    for word in s[pos:end].split()[:MAX_WORDS]:
        if _TIME.fullmatch(word):  # "killed in the blast [on Sunday]", "died [in ... hours]"
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
