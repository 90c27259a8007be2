"""Turn the numbers of an article into statistics rows: metric, subject, bounds, source and date.

A compiled regex picks the sentences that hold a number; only those are parsed
(`flows.annotate.numbers`). Each amount of people or percentage is then mapped to a metric of the
`metrics` lexicon by the nearest trigger word in its clause (verbs right of the number first:
"7,000 protesters had been detained"; then left: "police detained hundreds of women"; nouns
last: "100,000 protesters"); a passive verb ("were detained") beats an active one, and an
active verb with an object does not count its agents ("Two police officers arrested the
gunman"). Weak verbs ("died", "gathered", "signed") count only near context words in the
sentence or the one before (violence, protest, a letter or petition) and reach half as far.
Veto words of a metric within ten words of the number cancel it: deaths from disease are not
`killed`, opinion polls are not `vote_share` (`flows.extract.people_metrics`). The subject is
the person noun the number counts ("women", "officials") or, for vote shares, the candidate
named next to it (`flows.extract.candidates`). `attributed_to` is the source named in the same sentence
(`flows.extract.attribution`); `as_of_date` follows `flows.extract.as_of`. Bounds follow
`flows.annotate.numbers` (see its docstring).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.annotate import (
    HAS_NUMBER,
    Quantity,
    Reading,
    ReadSentence,
    TimeExpression,
    in_gallery_caption,
)
from flows.annotate.gazetteer import PlaceMention
from flows.annotate.speakers import antecedent
from flows.extract.as_of import as_of, date_near, election_date
from flows.extract.attribution import Sources, announcer, attribution, full_name
from flows.extract.candidates import candidate
from flows.extract.clauses import without_asides
from flows.extract.data_sources import body_of
from flows.extract.deeds import done_to
from flows.extract.descriptions import (
    described,
    description,
    only_country,
    owned_by_name,
    per_period,
    placed,
    referred_place,
)
from flows.extract.diseases import of_disease, one_disease
from flows.extract.ellipsis import borrowed, converts
from flows.extract.measures import Measured, is_limit_or_rate, measure_other, rate_measure
from flows.extract.modality import modality_of
from flows.extract.noun_phrases import FUNCTION_WORDS, counted_phrase, head_noun, number_of
from flows.extract.owners import owner
from flows.extract.people_metrics import classify, in_context
from flows.extract.phrases import FINITE
from flows.extract.phrases import phrase as words_from
from flows.extract.vocabulary import (
    Vocabulary,
    generic_subjects,
    vocabulary,
)
from flows.model import Article, stable_id


def is_generic_subject(subject: str | None) -> bool:
    """True when a subject names nobody in particular ("people", "protesters") or is missing."""
    return subject is None or subject.lower() in generic_subjects()


def extract_statistics(reading: Reading) -> list[dict]:
    """Statistics rows (the `Statistics` columns) for every claim in the article's text."""
    article = reading.article
    if not HAS_NUMBER.search(article.text):
        return []
    vocab = vocabulary()
    election = None
    rows: list[dict] = []
    announced: tuple[str, str | None] | None = None  # (source, metric of the figures it gave)
    sources = Sources()
    found_here: list[Measured] = []
    sentences = reading.sentences
    home = only_country(reading.places)
    disease = one_disease(article.text, vocab)
    for index, (sentence, previous) in enumerate(zip(sentences, [None, *sentences], strict=False)):
        sources.read(index, sentence.text)
        carried = announced
        source = announcer(sentence.text, vocab)
        announced = (source, None) if source else None
        quantities = sentence.quantities
        if not quantities or in_gallery_caption(sentence.text):
            continue
        context = in_context(sentence.text, previous.text if previous else "", vocab)
        end = sentence.start + len(sentence.text)
        places = [p for p in reading.places if sentence.start <= p.start < end]
        inside = reading.index.within(sentence.start, end)
        referred = referred_place(sentence.text, sentence.start, reading.places)
        last = found_here[-1] if found_here else None  # what the sentence before measured
        found_here = []
        before: Measured | None = None  # what the amount just before measured
        given: str | None = None  # the claim of the last amount as the source gave it
        for i, q in enumerate(quantities):
            left = _left_bound(sentence.text, quantities, i)
            right = _right_bound(sentence.text, quantities, i)
            measured = _measured(sentence.text, q, left, right, vocab, context)
            conversion = converts(sentence.text, quantities, i, before)
            measured = borrowed(sentence.text, quantities, i, measured, found_here, before, last)
            before = measured
            if measured is None:
                continue
            found_here.append(measured)
            subject = measured.subject
            if measured.metric == "vote_share":
                subject = candidate(sentence, q, reading.persons, reading.people, vocab)
                if election is None:
                    election = election_date(reading)
                when = (election, "election_day") if election else None
                when = when or date_near(sentence, q, previous)
            else:
                when = date_near(sentence, q, previous)
            modality = modality_of(sentence.text, q)
            when = as_of(when, modality, reading)
            row = _row(
                article,
                sentence,
                q,
                measured,
                subject,
                modality,
                when,
                vocab,
                places,
                home,
                disease,
                referred,
            )
            if conversion and given:
                row["converted_from"] = given  # "$200bn (£155bn)": the pound row repeats
            else:
                given = row["claim_id"]
            if carried and not row["attributed_to"] and carried[1] in (None, measured.metric):
                row["attributed_to"] = carried[0]
                announced = announced or (carried[0], measured.metric)  # "Some 4.59% voted."
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            after = following.text if following and not following.quantities else None
            own = (
                row["attributed_to"]
                or _quote_speaker(reading, sentence.start + q.start)
                or _pronoun_source(reading, sentence)
            )
            source = sources.source(index, own, after, vocab, row["metric"])
            row["attributed_to"] = full_name(body_of(source), reading.people)
            if row["subject"] is None and (
                measured.family != "people" or measured.metric == "count"
            ):
                row["subject"] = owner(
                    sentence.text, sentence.start, q, inside, row["measure"], row["attributed_to"]
                )
            rows.append(row)
    return rows


#: a person who gave a figure, named by a pronoun: "He said 519 people had died", "..., she added"
_PRONOUN_SAID = re.compile(
    r"(?:^\W*|[,\"”]\s*)(?:(he|she)\s+(?:said|says|added|told|estimated|noted|wrote|explained)"
    r"|(?:said|says|added)\s+(he|she))\b",
    re.IGNORECASE,
)


def _quote_speaker(reading: Reading, at: int) -> str | None:
    """Who spoke the quoted words that hold the amount at `at` of the text, when the text says."""
    return next(
        (
            speech.speaker
            for speech in reading.speeches
            if speech.speaker and speech.quotation.words_start <= at < speech.quotation.words_end
        ),
        None,
    )


def _pronoun_source(reading: Reading, sentence: ReadSentence) -> str | None:
    """The person a "he said" or "she added" in `sentence` stands for: the last one named before."""
    m = _PRONOUN_SAID.search(sentence.text)
    if m is None:
        return None
    return antecedent((m.group(1) or m.group(2)).lower(), sentence.start + m.start(), reading.index)


def _left_bound(s: str, quantities: tuple[Quantity, ...], i: int) -> int:
    """How far left the words of amount i may be read: to the amount before, past a multiple
    ("cases nearly doubled to 63") or a change it ends ("the toll rose by four to 208")."""
    before = [p for p in quantities[:i] if p.unit != "times"]
    if (
        before
        and _BY_THEN_TO.fullmatch(s, before[-1].end, quantities[i].start)
        and _BY_BEFORE.search(s, max(0, before[-1].start - 8), before[-1].start)
    ):
        before = before[:-1]
    return before[-1].end if before else 0


_BY_BEFORE = re.compile(r"\bby\s+$")
_BY_THEN_TO = re.compile(r"\s+to\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+)?")


_COORDINATED = re.compile(
    r"\s+(?:(?!(?:[a-z]+ed|were|was|are|is|have|has|had|fell|rose|lost|won|left|said)\b)"
    r"[A-Za-z][\w'’-]*\s+){1,3}(?:and|or)\s+(?:also\s+)?$"
)  # not "39 people died and (600 were injured)": each amount has its own verb


def _right_bound(s: str, quantities: tuple[Quantity, ...], i: int) -> int:
    """How far right the words of amount i may be read: to the next amount, or past it when
    the two are coordinated ("six soldiers and six civilians were killed")."""
    j = i + 1
    while j < len(quantities) and _COORDINATED.fullmatch(
        s, quantities[j - 1].end, quantities[j].start
    ):
        j += 1
    return quantities[j].start if j < len(quantities) else len(s)


def _measured(
    s: str, q: Quantity, left: int, right: int, vocab: Vocabulary, context: frozenset[str]
) -> Measured | None:
    """What the amount at `q` of sentence `s` measures: a people metric or a vote share
    (`flows.extract.people_metrics`), else a rate, a sum of money or a count (`measure_other`); None for no data."""
    if is_limit_or_rate(s, q):
        return None
    plain = without_asides(s)
    claim = (
        classify(plain, q, left, right, vocab, context) if q.unit in ("count", "percent") else None
    )
    if claim is None:
        return measure_other(s, q, vocab)
    metric, subject, trigger = claim
    found = next(m for m in vocab.metrics if m.name == metric)
    if found.unit == "percent":
        return Measured(metric, found.family, "percent", rate_measure(s, q), subject)
    return Measured(metric, found.family, "person", _people_measure(s, q, trigger), subject)


#: rates a country has, which take the one country an article names when their sentence names
#: none ("the unemployment rate in the UK")
_OF_A_COUNTRY = frozenset({"unemployment_rate", "inflation", "growth", "interest_rate"})
#: the phrase of where or of what, after a verb of a people metric: "injured in that attack"
_PLACE_OR_CAUSE = re.compile(r"\s+(?:in|at|during|by|from|of|after|near|on|for|outside)\s")
_AUXILIARIES = re.compile(r"^(?:(?:has|have|had|was|were|is|are|been|be)\s+)+")


def _people_measure(s: str, q: Quantity, trigger: str | None) -> str | None:
    """Who a people metric counts, in the article's words: the counted phrase and the verb
    that counts them ("people killed", "new Covid-19 cases"), else "the number of ..." before
    the amount ("the number of confirmed cases ... had reached 12,969"), else the trigger word
    ("the death toll has exceeded 13,000")."""
    phrase = counted_phrase(s, q)
    if phrase is None or head_noun(phrase) is None:
        phrase = number_of(s, q)
    word = _AUXILIARIES.sub("", trigger.lower()) if trigger else None
    if word is None or (phrase and word in phrase.lower()):
        return phrase
    if not (word.endswith("ed") or " " in word):  # a noun: "deaths", "death toll"
        return phrase or word
    verb = word.split()[-1]
    if phrase is None and verb.endswith("ed"):  # not a noun: "(confirmed) cases"
        return _people_by_verb(s, q, verb) or _one_by_verb(s, q, verb) or word
    at = s.find(phrase, q.end, q.end + 40) if phrase else -1
    if at == -1:
        return f"{phrase} {word}" if phrase else word
    for done in (
        description(s, at + len(phrase)),  # "were killed in the blast"
        done_to(s, q, at + len(phrase)),  # "arrested 224 people in"
    ):
        if done and (
            done.split()[0] == verb or done.split()[0] in ("who", "that") and verb in done.split()
        ):  # "were killed in the blast", "who had died of the virus"
            return f"{phrase} {done}"
    return f"{phrase} {word}"


def _one_by_verb(s: str, q: Quantity, verb: str) -> str | None:
    """The one person an amount of one counts, named in the singular before the verb of its
    metric: "one crew member died on board the ship" -> "crew member died on board the ship"."""
    if q.value != 1:
        return None
    m = re.compile(
        rf"\s+((?:[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*)\s+(?:{_AUXILIARY}\s+){{0,2}}{verb}\b"
    ).match(s, q.end)
    if m is None or any(w in FUNCTION_WORDS for w in m.group(1).split()):
        return None
    return f"{m.group(1)} {_verb_and_phrase(s, m.end(), verb)}"


def _people_by_verb(s: str, q: Quantity, verb: str) -> str | None:
    """People a bare amount counts by the verb of their metric right after or before it, with
    its phrase of where or what: "more than 100 injured in the attack" -> "people injured in the
    attack", "two have died in secure training centres", "killed eight people and injured 22"."""
    who = r"(?:who\s+(?:[\w-]+\s+){0,4}?)?"  # "nine (who tested positive) have died"
    if m := re.compile(rf"\s+{who}(?:{_AUXILIARY}\s+){{0,2}}{verb}\b").match(s, q.end):
        return f"people {_verb_and_phrase(s, m.end(), verb)}"
    return f"people {verb}" if re.search(rf"\b{verb}\s+$", s[: q.start]) else None


def _verb_and_phrase(s: str, end: int, verb: str) -> str:
    """The verb that ends at `end` with its phrase of where or what ("died in the blast"), or
    the verb alone when none follows."""
    tail = _PLACE_OR_CAUSE.match(s, end)
    return (words_from(f"{verb} ", s, end, FINITE) if tail else None) or verb


_BARE_SHARES = frozenset({"share", "share of vote", "vote", "votes", "share of votes"})
_AUXILIARY = (
    r"(?:were|was|are|is|have|has|had|have\s+been|had\s+been|still|now|already|currently|also)"
)


def _measure(
    s: str,
    q: Quantity,
    measured: Measured,
    vocab: Vocabulary,
    places: Sequence[PlaceMention],
    home: str | None,
    disease: str | None,
    referred: tuple[str, str] | None,
) -> str | None:
    """What the amount `q` of sentence `s` measures, read on (`described`), with its period, the
    place "the country" refers to, its disease and its place."""
    measure = per_period(s, q, described(s, q, measured.measure))
    if measured.metric == "vote_share" and (measure or "share").lower() in _BARE_SHARES:
        measure = "share of the vote"  # "a 60-70% share (of the vote)", "80% of the vote"
    measure = of_disease(owned_by_name(measure, referred), measured.metric, disease, s, vocab)
    own_country = measured.metric in _OF_A_COUNTRY or (
        measured.family == "people" and measured.metric != "count"
    )
    return placed(measure, s, q, places, referred[0] if referred else home if own_country else None)


def _row(
    article: Article,
    sentence: ReadSentence,
    q: Quantity,
    measured: Measured,
    subject: str | None,
    modality: str,
    when: tuple[TimeExpression | None, str],
    vocab: Vocabulary,
    places: Sequence[PlaceMention],
    home: str | None = None,
    disease: str | None = None,
    referred: tuple[str, str] | None = None,
) -> dict:
    start, end = sentence.start + q.start, sentence.start + q.end
    expr, as_of_source = when
    return {
        "claim_id": stable_id(article.article_id, start, end, measured.metric),
        "article_id": article.article_id,
        "source_file": article.source_file,
        "metric": measured.metric,
        "family": measured.family,
        "measure": _measure(sentence.text, q, measured, vocab, places, home, disease, referred),
        "subject": subject,
        "value": float(q.value),
        "value_low": float(q.value_low),
        "value_high": None if q.value_high is None else float(q.value_high),
        "unit": measured.unit,
        "qualifier": q.qualifier,
        "modality": modality,
        "quantity_text": q.text,
        "attributed_to": attribution(sentence.text, q.start, q.end, vocab),
        "converted_from": None,
        "as_of_date": expr.value if expr else None,
        "date_precision": expr.precision if expr else "unknown",
        "date_text": (expr.text or None) if expr else None,
        "as_of_source": as_of_source,
        "evidence": sentence.text,
        "char_start": start,
        "char_end": end,
    }
