"""Direct quotes and their speakers."""

from __future__ import annotations

from datetime import date

from flows.annotate import annotate
from flows.extract.quotes import extract_quotes
from flows.model import Article, stable_id


def _quotes(
    text: str, published: date | None = date(2020, 9, 21), date_text: str | None = None
) -> list[dict]:
    art = Article(
        stable_id(text), stable_id("d"), "q.txt", 0, None, text, None, published,
        "inferred" if published else "unknown", date_text,
    )  # fmt: skip
    return extract_quotes(annotate(art))


def test_quote_after_its_speaker_and_pronoun_resolution():
    text = (
        "Svetlana Tikhanovskaya met EU foreign ministers in Brussels. "
        "“Sanctions are very important in our fight, because sanctions is part of pressure,” "
        "she told reporters."
    )
    (q,) = _quotes(text)
    assert q["speaker"] == "Sviatlana Tsikhanouskaya"
    assert q["quote"].startswith("Sanctions are very important")
    assert text[q["char_start"] : q["char_end"]] == q["quote"]


def test_named_speakers_before_and_after_the_quote():
    text = (
        "“The Fatherland is now in danger. We cannot joke,” Lukashenko said. "
        "“Like everyone else, we demand free elections and the release of those detained during "
        "mass protests,” employee Andrei Yaroshevich told AFP."
    )
    speakers = [q["speaker"] for q in _quotes(text)]
    assert speakers == ["Alexander Lukashenko", "Andrei Yaroshevich"]


def test_scare_quotes_are_not_quotes_and_dates_come_from_the_attribution():
    text = (
        "EU ministers agreed sanctions against officials responsible for “tampering.” "
        "“We will be following it very closely,” Trump said on Monday."
    )
    (q,) = _quotes(text)
    assert q["speaker"] == "Donald Trump"
    assert q["date"] == date(2020, 9, 21)


def test_an_undated_article_dates_its_quotes_against_its_anchor():
    text = (
        "Lukashenko said on Sunday: “We will not give the country away to anyone.”\n\n"
        "“We demand free elections and the release of all those detained,” Tikhanovskaya said."
    )
    latest = "latest reported date 2020-08-19: August 19"
    said_sunday, no_date = _quotes(text, None, latest)
    assert said_sunday["date"] == date(2020, 8, 16)
    assert no_date["date"] is None  # the anchor is evidence of when, not a day anyone spoke on
    assert [q["date"] for q in _quotes(text, None, None)] == [None, None]


def test_speakers_come_from_the_attribution_lexicons_verbs_of_speech():
    admitted = (
        "Deborah Borda said the season was over. "
        "“We were never ready for a year like this one,” she admitted."
    )
    assert [q["speaker"] for q in _quotes(admitted)] == ["Deborah Borda"]
    reported = (
        "Pro-democracy legislator Claudia Mo said the incident “was a blatant abuse of power "
        "by the police”, The Guardian reported."
    )
    assert [q["speaker"] for q in _quotes(reported)] == ["Claudia Mo"]
