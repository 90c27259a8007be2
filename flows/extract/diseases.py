"""Which disease a count of cases, deaths, tests, admissions or vaccinations is of, when its
sentence does not say and its article names one disease only: "new cases" in an article on
Covid-19 measures "new Covid-19 cases", "people died" measures "people died of Covid-19". The
disease is named in the article's own words (its commonest name there: "coronavirus" or
"Covid-19"); an article that names two diseases, or a death with another cause in its
sentence ("killed in the crash"), is left as it is.
"""

from __future__ import annotations

import re

from flows.extract.vocabulary import Vocabulary

#: the metrics that count a disease's toll
DISEASE_METRICS = frozenset({"cases", "deaths", "hospitalised", "tested", "vaccinated"})
#: the noun of a measure a disease's name goes before: "new (Covid-19) cases"
_NOUN = re.compile(
    r"\b(?:cases|infections?|deaths|fatalities|death\s+toll|patients|tests|hospitalisations|"
    r"hospitalizations|admissions|vaccinations|doses)\b",
    re.IGNORECASE,
)
#: the verb a measure ends on, and how the disease follows it: "people died of", "tested for"
_DONE = re.compile(
    r"\b(?:(?P<of>died)|(?P<with>infected|hospitali[sz]ed|admitted)|(?P<for>tested|positive)|"
    r"(?P<against>vaccinated|inoculated))$"
)
#: words that name some disease already, beside the lexicon's names: "the virus", "disease"
_NAMED = re.compile(r"virus|disease", re.IGNORECASE)
#: a death with another cause in its sentence
_OTHER_CAUSE = re.compile(
    r"\b(?:crash|collision|fire|blaze|flood|storm|typhoon|hurricane|cyclone|earthquake|"
    r"landslide|shooting|shot|gunman|attack|bomb|blast|explosion|accident|heat|cancer|overdose|"
    r"suicide|war|violence|clashes|killed|murder|drown|leak|gas|fumes|toxic|poison)",
    re.IGNORECASE,
)


#: a disease the lexicon does not name: "tick-borne encephalitis", "yellow fever"
_OTHER_DISEASE = re.compile(r"\b\w+(?:itis|osis|fever)\b", re.IGNORECASE)


def one_disease(text: str, vocab: Vocabulary) -> str | None:
    """The one disease an article names, by its commonest name there; None for none or two."""
    names = vocab.diseases.findall(text)
    if len({vocab.disease_of[" ".join(n.lower().split())] for n in names}) != 1:
        return None
    return max(sorted(set(names)), key=names.count)


def of_disease(
    measure: str | None, metric: str, disease: str | None, sentence: str, vocab: Vocabulary
) -> str | None:
    """`measure` of a disease metric with the article's one `disease`, where it names none."""
    if (
        not measure
        or not disease
        or metric not in DISEASE_METRICS
        or _NAMED.search(measure)
        or vocab.diseases.search(re.sub(r"-(?=[a-z])", " ", measure))  # "Covid-19-related"
    ):
        return measure
    if metric == "deaths" and _OTHER_CAUSE.search(sentence) or _OTHER_DISEASE.search(sentence):
        return measure
    disease = _named_in(sentence, vocab) or disease  # "The Covid-19 death toll": its own words
    if noun := _NOUN.search(measure):
        if measure[noun.end() :].startswith(" of"):
            return measure  # "cases of poll code violations": a disease's cases say of what
        return f"{measure[: noun.start()]}{disease} {measure[noun.start() :]}"
    if done := _DONE.search(measure):  # not "Americans", "people back to work"
        return f"{measure} {done.lastgroup} {disease}"
    return measure


def _named_in(sentence: str, vocab: Vocabulary) -> str | None:
    """The name the sentence gives the article's disease, if it names one."""
    return m.group() if (m := vocab.diseases.search(sentence)) else None
