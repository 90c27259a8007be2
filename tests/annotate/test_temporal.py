"""Date expressions found and resolved like a news reader, on sentences from the seeds and corpora."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.annotate.temporal import date_for_span, find_time_expressions
from flows.annotate.temporal_expression import TimeExpression

SAT_2020_09_19 = date(2020, 9, 19)
MON_2020_08_17 = date(2020, 8, 17)


def _dating(text: str, start: int, end: int, anchor: date) -> TimeExpression | None:
    return date_for_span(text, start, end, find_time_expressions(text, anchor))


def one(text: str, anchor: date | None) -> TimeExpression:
    found = find_time_expressions(text, anchor)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, anchor: date | None) -> list[tuple[str, date | None, str]]:
    return [(e.text, e.value, e.precision) for e in find_time_expressions(text, anchor)]


@pytest.mark.parametrize(
    ("text", "words", "value", "precision"),
    [
        ("The election was held on Aug. 9, police said.", "Aug. 9", date(2020, 8, 9), "day"),
        ("It began on 9 August 2020 in Minsk.", "9 August 2020", date(2020, 8, 9), "day"),
        ("in the wake of August 9, 2020, elections", "August 9, 2020", date(2020, 8, 9), "day"),
        ("The file is dated 2020-08-09.", "2020-08-09", date(2020, 8, 9), "day"),
        (
            "Crowds gathered in mid-August outside the plant.",
            "mid-August",
            date(2020, 8, 1),
            "month",
        ),
        ("They were freed late Tuesday.", "late Tuesday", date(2020, 8, 11), "day"),
        ("Police used stun grenades on Tuesday night.", "Tuesday night", date(2020, 8, 11), "day"),
        ("Protesters gathered again on the 9th.", "the 9th", date(2020, 8, 9), "day"),
        ("He first ran for office in 1994.", "1994", date(1994, 1, 1), "year"),
        ("Lukashenko last week warned of a possible war.", "last week", date(2020, 8, 10), "week"),
        ("Prices rose last month.", "last month", date(2020, 7, 1), "month"),
        ("the strike began earlier this month", "earlier this month", date(2020, 8, 1), "month"),
        ("Hundreds were detained yesterday.", "yesterday", date(2020, 8, 16), "day"),
        ("Talks continued this week in Vilnius.", "this week", date(2020, 8, 17), "week"),
        (
            "Cases could top 300,000 by the end of the month.",
            "the end of the month",
            date(2020, 8, 1),
            "month",
        ),
        ("Output fell at the end of last year.", "the end of last year", date(2019, 1, 1), "year"),
    ],
)
def test_resolves_common_news_forms(text: str, words: str, value: date, precision: str) -> None:
    e = one(text, MON_2020_08_17)
    assert (e.text, e.value, e.precision) == (words, value, precision)
    assert text[e.start : e.end] == words


def test_weekday_of_the_paper_itself_is_that_day() -> None:
    text = "Riot police on Saturday detained hundreds of women, dragging many into vans."
    assert resolved(text, SAT_2020_09_19) == [("Saturday", SAT_2020_09_19, "day")]


def test_past_weekday_is_the_most_recent_one() -> None:
    text = (
        "Belarus opposition leader Svetlana Tikhanovskaya on Monday urged the EU to show courage."
    )
    assert resolved(text, date(2020, 9, 17)) == [("Monday", date(2020, 9, 14), "day")]


def test_future_weekday_is_the_next_one() -> None:
    text = (
        "The protest came as the opposition is due to hold mass demonstrations on Sunday and "
        "Tikhanovskaya will meet European Union foreign ministers in Brussels on Monday."
    )
    assert resolved(text, SAT_2020_09_19) == [
        ("Sunday", date(2020, 9, 20), "day"),
        ("Monday", date(2020, 9, 21), "day"),
    ]


def test_clause_tense_decides_each_weekday() -> None:
    text = "The FAA on Friday announced it will close 149 control towers on Monday."
    assert resolved(text, date(2013, 3, 20)) == [
        ("Friday", date(2013, 3, 15), "day"),
        ("Monday", date(2013, 3, 25), "day"),
    ]


def test_yearless_date_takes_the_year_nearest_publication() -> None:
    text = "The consulate was closed on December 28, officials said."
    assert resolved(text, date(2021, 1, 3)) == [("December 28", date(2020, 12, 28), "day")]
    text = "Closure of the towers will begin on April 7, the FAA said."
    assert resolved(text, date(2013, 3, 22)) == [("April 7", date(2013, 4, 7), "day")]


def test_bare_month_in_past_and_future_context() -> None:
    anchor = date(2013, 3, 22)
    past = "Evana Roth told CNN in August she thought her husband was dead."
    assert resolved(past, anchor) == [("August", date(2012, 8, 1), "month")]
    future = "The biography is due to be published in May."
    assert resolved(future, anchor) == [("May", date(2013, 5, 1), "month")]


def test_the_day_before_counts_from_a_date_in_the_previous_sentence() -> None:
    text = "On August 9, presidential elections were held. The day before, police detained 20."
    found = resolved(text, date(2020, 8, 20))
    assert found == [
        ("August 9", date(2020, 8, 9), "day"),
        ("The day before", date(2020, 8, 8), "day"),
    ]


def test_the_day_before_without_a_date_is_the_eve_of_publication() -> None:
    assert resolved("He was arrested the day before.", date(2020, 8, 20)) == [
        ("the day before", date(2020, 8, 19), "day")
    ]


def test_last_weekend_on_a_weekday_is_the_weekend_just_gone() -> None:
    text = "Last weekend, police violently detained several dozen at a similar women's march."
    e = one(text, date(2020, 9, 16))
    assert (e.text, e.value, e.precision, e.kind) == (
        "Last weekend",
        date(2020, 9, 7),
        "week",
        "weekend",
    )


def test_weekday_with_explicit_date_is_one_expression() -> None:
    e = one("Polls closed on Sunday, Aug. 9, 2020, at 8pm.", None)
    assert (e.text, e.value, e.precision) == ("Sunday, Aug. 9, 2020", date(2020, 8, 9), "day")


@pytest.mark.parametrize(
    "text",
    [
        "Gatherings will resume at 2pm, organisers said.",
        "The strike lasted 44 days.",
        "Lukashenko, who has ruled the ex-Soviet state for 26 years, claimed re-election.",
        "Among those detained was Nina Baginskaya, a 73-year-old activist.",
        "Officials said they may extend the curfew.",
        "We will not go back, she said.",
        'A "March for Freedom" is also planned in the centre of the city.',
        "the March for Freedom drew crowds in Minsk",
        "The fund paid $2010 and police counted 2,000 people; turnout was 1999 percent of forecast.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_time_expressions(text, MON_2020_08_17) == []


def test_without_anchor_only_dates_with_a_year_resolve() -> None:
    text = "Protests began on August 9, 2020 and grew on Sunday and last week."
    assert resolved(text, None) == [
        ("August 9, 2020", date(2020, 8, 9), "day"),
        ("Sunday", None, "unknown"),
        ("last week", None, "unknown"),
    ]


def test_results_are_sorted_and_spans_match_text() -> None:
    text = (
        "Six of the pediatric deaths were reported in the last week, and the CDC said Friday "
        "that the swine flu pandemic of 2009-2010 was worse; early December saw the first peak."
    )
    found = find_time_expressions(text, date(2013, 3, 22))
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert all(text[e.start : e.end] == e.text for e in found)
    assert [(e.text, e.value) for e in found] == [
        ("the last week", date(2013, 3, 11)),
        ("Friday", date(2013, 3, 22)),
        ("2009", date(2009, 1, 1)),
        ("2010", date(2010, 1, 1)),
        ("early December", date(2012, 12, 1)),
    ]


def test_quarters_seasons_and_years_ago() -> None:
    anchor = date(1989, 10, 26)
    text = "Net income rose in the third quarter, four years ago and last summer."
    assert [
        (e.text, e.value, e.precision, e.kind) for e in find_time_expressions(text, anchor)
    ] == [
        ("the third quarter", date(1989, 7, 1), "month", "quarter"),
        ("four years ago", date(1985, 1, 1), "year", "relative"),
        ("last summer", date(1989, 6, 1), "month", "season"),
    ]


def test_date_for_span_prefers_the_date_governing_the_verb() -> None:
    text = "On Saturday, police detained 633 people who had marched since August 9 in Minsk."
    start = text.index("633")
    e = _dating(text, start, start + 3, SAT_2020_09_19)
    assert e is not None and (e.text, e.value) == ("Saturday", SAT_2020_09_19)


def test_date_for_span_takes_the_nearest_in_the_clause() -> None:
    text = "Police detained 100 people on Sunday, while on Monday a further 40 were released."
    anchor = date(2020, 8, 18)
    first = _dating(text, text.index("100"), text.index("100") + 3, anchor)
    second = _dating(text, text.index("40"), text.index("40") + 2, anchor)
    assert first is not None and first.text == "Sunday"
    assert second is not None and second.text == "Monday"


def test_date_for_span_none_without_dates() -> None:
    text = "Thousands of people rallied outside public television, demanding full coverage."
    assert _dating(text, 0, 9, MON_2020_08_17) is None


def test_date_for_span_prefers_the_event_date_to_the_statement_date() -> None:
    text = "Police said on Sunday that 633 people were detained on Saturday."
    e = _dating(text, text.index("633"), text.index("633") + 3, MON_2020_08_17)
    assert e is not None and (e.text, e.value) == ("Saturday", date(2020, 8, 15))


def test_date_for_span_keeps_the_statement_date_over_a_period_start() -> None:
    text = "The ministry said on Monday that 7,000 people had been detained since August 9."
    i = text.index("7,000")
    e = _dating(text, i, i + 5, MON_2020_08_17)
    assert e is not None and (e.text, e.value) == ("Monday", MON_2020_08_17)


def test_clock_times_are_not_years() -> None:
    text = "Deaths rose 861 to 13,729, as of 1600 GMT on April 15."
    assert resolved(text, date(2020, 4, 16)) == [("April 15", date(2020, 4, 15), "day")]


def test_quarter_with_its_year_in_front() -> None:
    anchor = date(1989, 11, 2)
    text = "Results included a $415 million charge in the 1988 second quarter."
    assert resolved(text, anchor) == [("the 1988 second quarter", date(1988, 4, 1), "month")]
    text = "Net sales for this year's third quarter were $14 million."
    assert resolved(text, anchor) == [("this year's third quarter", date(1989, 7, 1), "month")]


def test_the_day_before_an_event_is_not_a_date() -> None:
    text = "The day before Raymond Roth was reported missing, he e-mailed his son."
    assert find_time_expressions(text, date(2013, 3, 22)) == []


def test_reported_plans_keep_their_future_date() -> None:
    text = "Chrysler has said that it wants to eliminate 789 of its 3,200 dealers by early June."
    assert resolved(text, date(2009, 5, 14)) == [("early June", date(2009, 6, 1), "month")]


def test_a_date_days_ahead_beats_one_a_year_back_even_in_past_tense() -> None:
    text = "Officials confirmed the contract signing on September 12 in Frankfurt."
    assert resolved(text, date(2007, 9, 8)) == [("September 12", date(2007, 9, 12), "day")]


def test_month_and_quarter_of_last_or_next_year() -> None:
    anchor = date(2009, 5, 15)
    text = "Dealers whose franchises end after October of next year will be told."
    assert resolved(text, anchor) == [("October of next year", date(2010, 10, 1), "month")]
    text = "In the first quarter of last year, GM had reported a loss of $381 million."
    assert resolved(text, anchor) == [("the first quarter of last year", date(2008, 1, 1), "month")]


def test_possessive_weekday_is_a_past_day_and_next_to_is_not_future() -> None:
    anchor = date(2000, 1, 15)
    text = "The relatives said they would look for ways to get around Wednesday's ruling."
    assert resolved(text, anchor) == [("Wednesday", date(2000, 1, 12), "day")]
    text = "More than 100 people were killed in the blasts next to the embassies on Friday."
    assert resolved(text, date(1998, 8, 8)) == [("Friday", date(1998, 8, 7), "day")]


_TOKENS = [
    "on", "the", "31st", "29th", "February", "Feb.", "30", "2020", "1957-58", "last", "next",
    "week", "weekend", "Monday", "Sunday's", "night", "will", "said", "yesterday", "day",
    "before", "ago", "three", "years", "quarter", "third", "summer", "mid-", "(", ")", ",", ".",
    "9/31/2020", "2021-02-30", "in", "May", "may", "March", "for", "now", "since", "'ll",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_TOKENS), max_size=30),
    st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31))),
)
@settings(max_examples=300, deadline=None)
def test_any_token_soup_gives_consistent_expressions(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    found = find_time_expressions(text, anchor)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for e in found:
        assert text[e.start : e.end] == e.text
        assert e.precision in ("day", "week", "month", "year", "unknown")
        assert (e.value is None) == (e.precision == "unknown")
    assert found == find_time_expressions(text, anchor)


def test_last_night_and_days_later() -> None:
    anchor = date(2020, 8, 20)
    text = "Police detained 20 people last night and yesterday morning."
    assert resolved(text, anchor) == [
        ("last night", date(2020, 8, 19), "day"),
        ("yesterday morning", date(2020, 8, 19), "day"),
    ]
    text = "On August 9, voting ended. Two days later, police detained 100."
    assert resolved(text, anchor)[1] == ("Two days later", date(2020, 8, 11), "day")
    assert find_time_expressions("A day later, 50 were freed.", anchor) == []


def test_a_range_end_follows_its_start() -> None:
    anchor = date(2020, 4, 1)
    text = "Cash handouts go to low-income families from March to June."
    assert resolved(text, anchor) == [
        ("March", date(2020, 3, 1), "month"),
        ("June", date(2020, 6, 1), "month"),
    ]
    text = "The office was closed from December 28 to January 3."
    assert [v for _, v, _ in resolved(text, date(2020, 2, 1))] == [
        date(2019, 12, 28),
        date(2020, 1, 3),
    ]


def test_numeric_dates_take_the_reading_nearest_publication() -> None:
    anchor = date(2020, 8, 12)
    assert resolved("Polls closed on 09.08.2020.", anchor) == [
        ("09.08.2020", date(2020, 8, 9), "day")
    ]
    assert resolved("on 8/9/2020 and 10/8/20", anchor) == [
        ("8/9/2020", date(2020, 8, 9), "day"),
        ("10/8/20", date(2020, 8, 10), "day"),
    ]


def test_a_colon_closes_the_clause_whose_tense_dates_what_follows():
    text = "It didn't have to be this way: as early as January 21, Taipei was restricting travel."
    (found,) = find_time_expressions(text, date(2020, 4, 16))
    assert found.value == date(2020, 1, 21)  # not next January, for the "to be" before the colon
