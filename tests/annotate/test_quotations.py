"""Quotations: the one finder of quoted words that quotes and events both read."""

from __future__ import annotations

from flows.annotate import find_quotations


def _words(text: str) -> list[str]:
    return [text[q.words_start : q.words_end] for q in find_quotations(text)]


def test_short_quoted_strings_are_not_quotations():
    text = "She called it a “farce”. “We will not give up the fight,” she said."
    assert _words(text) == ["We will not give up the fight,"]


def test_a_one_letter_quote_keeps_the_marks_paired():
    text = (
        'Hanna was the earliest "H" letter storm in recorded history. '
        '"All but three named storms came early this year," he said.'
    )
    assert _words(text) == ["All but three named storms came early this year,"]


def test_direct_speech_opens_a_sentence_or_follows_a_colon_or_comma():
    text = (
        "“The election was not free and it was not fair,” she said.\n\n"
        "He told reporters: “We are ready to talk to everyone.”\n\n"
        "The ministers “expressed their deep concern about the arrests” on Monday.\n\n"
        "The leaders – of Latvia and Estonia – “called the election neither free nor fair”.\n\n"
        "He paused – “We will not give up the fight.”"
    )
    found = find_quotations(text)
    assert [q.direct for q in found] == [True, True, False, False, True]
    assert [q.paragraph for q in found] == [False] * 5


def test_a_quote_paragraph_is_a_paragraph_of_its_own():
    text = "Lukashenko spoke on Sunday.\n\n“We will not give the country away to anyone.”\n"
    (q,) = find_quotations(text)
    assert q.paragraph and q.direct
    assert text[q.start : q.end] == "“We will not give the country away to anyone.”"


def test_a_quote_left_open_at_a_paragraph_end_does_not_swallow_the_next():
    text = (
        "“We have waited for this day for many years.\n\n"
        "“Now we will go to the streets every evening,” she said."
    )
    assert _words(text) == ["Now we will go to the streets every evening,"]
