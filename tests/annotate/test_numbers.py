"""Number expressions of news text: values, bounds, qualifiers and what is not an amount."""

from __future__ import annotations

import pytest

from flows.annotate.numbers import (
    claim_quantities,
    find_quantities,
    parse_amount,
    vague_lower_bound,
)


def _only(text: str):
    found = claim_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "words", "value", "low", "high", "qualifier", "unit"),
    [
        (
            "In particular, 80.1% of voters supported incumbent President Alexander Lukashenko.",
            "80.1%",
            80.1,
            80.1,
            80.1,
            "exact",
            "percent",
        ),
        (
            "Lukashenko claimed re-election with 80 percent of the vote on August 9.",
            "80 percent",
            80,
            80,
            80,
            "exact",
            "percent",
        ),
        (
            "Only 54 per cent approved of the Warisan state government.",
            "54 per cent",
            54,
            54,
            54,
            "exact",
            "percent",
        ),
        (
            "But Ms Tikhanovskaya insists she garnered support ranging from 60% to 70%.",
            "from 60% to 70%",
            65,
            60,
            70,
            "range",
            "percent",
        ),
        (
            "Some 4.59% voted against all candidates.",
            "Some 4.59%",
            4.59,
            4.59,
            4.59,
            "approx",
            "percent",
        ),
        (
            "The ministry said about 7,000 protesters had been detained in different cities.",
            "about 7,000",
            7000,
            7000,
            7000,
            "approx",
            "count",
        ),
        (
            "Around two thousand women took part in the march.",
            "Around two thousand",
            2000,
            2000,
            2000,
            "approx",
            "count",
        ),
        (
            "On Saturday, around a thousand women marched in Minsk.",
            "around a thousand",
            1000,
            1000,
            1000,
            "approx",
            "count",
        ),
        (
            "More than 7,000 people were detained.",
            "More than 7,000",
            7000,
            7000,
            None,
            "at_least",
            "count",
        ),
        (
            "Earlier this month, over 100 rights and privacy organizations signed.",
            "over 100",
            100,
            100,
            None,
            "at_least",
            "count",
        ),
        (
            "The crackdown saw nearly 7,000 arrested.",
            "nearly 7,000",
            7000,
            7000,
            7000,
            "approx",
            "count",
        ),
        (
            "The EU is likely to sanction between 15 and 20 individuals.",
            "between 15 and 20",
            17.5,
            15,
            20,
            "range",
            "count",
        ),
        ("Officials said 15-20 people were hurt.", "15-20", 17.5, 15, 20, "range", "count"),
        (
            "She was no more than 6 when she saw the black birds.",
            "no more than 6",
            6,
            0,
            6,
            "at_most",
            "count",
        ),
        ("Up to 300 people were evacuated.", "Up to 300", 300, 0, 300, "at_most", "count"),
        (  # a verb of going past an amount makes it a lower bound, outside the span
            "Infections in the US surpassed 875,000.",
            "875,000",
            875000,
            875000,
            None,
            "at_least",
            "count",
        ),
        (
            "More than 95 million people in nearly 20 states could see snow.",
            "More than 95 million",
            95e6,
            95e6,
            None,
            "at_least",
            "count",
        ),
        (
            "Hundreds of thousands of people joined in.",
            "Hundreds of thousands",
            200000,
            200000,
            None,
            "vague",
            "count",
        ),
        (
            "Tens of thousands have taken to the streets for weeks.",
            "Tens of thousands",
            20000,
            20000,
            None,
            "vague",
            "count",
        ),
        (
            "Riot police on Saturday detained hundreds of women.",
            "hundreds",
            200,
            200,
            None,
            "vague",
            "count",
        ),
        (
            "Thousands took to the streets to protest.",
            "Thousands",
            2000,
            2000,
            None,
            "vague",
            "count",
        ),
        (
            "Dozens of people including student protesters were detained this week.",
            "Dozens",
            24,
            24,
            None,
            "vague",
            "count",
        ),
        (
            "Police violently detained several dozen at a similar protest.",
            "several dozen",
            36,
            36,
            None,
            "vague",
            "count",
        ),
        (
            "While a few hundred people had gathered there, police fenced it off.",
            "a few hundred",
            200,
            200,
            None,
            "vague",
            "count",
        ),
        (
            "The three were detained, and a dozen more fled.",
            "a dozen",
            12,
            12,
            12,
            "exact",
            "count",
        ),
    ],
)
def test_amounts(sentence, words, value, low, high, qualifier, unit):
    found = [q for q in claim_quantities(sentence) if q.text == words]
    assert found, claim_quantities(sentence)
    q = found[0]
    assert sentence[q.start : q.end] == words
    assert (q.value, q.value_low, q.value_high) == pytest.approx((value, low, high))
    assert (q.qualifier, q.unit) == (qualifier, unit)


@pytest.mark.parametrize(
    ("sentence", "words", "reason"),
    [
        ("Among those detained was Nina Baginskaya, a 73-year-old activist.", "73", "age"),
        ("“I came for freedom,” said one participant, 32-year-old Yelena.", "32", "age"),
        (
            "Lukashenko, who has ruled the ex-Soviet state for 26 years, has refused to step down.",
            "26",
            "duration",
        ),
        ("After 44 days the bloc has yet to act.", "44", "duration"),
        ("Protests against Lukashenko’s 26-year rule continued.", "26", "duration"),
        (
            "The Peace March started at 2pm local time (1100 GMT) on Independence Square.",
            "1100",
            "time",
        ),
        ("The march started at 10:30 on the square.", "10:30", "time"),
        ("He was returned to power in a disputed August 9 election.", "9", "date"),
        ("Two giant rallies on August 16 and 23 drew crowds.", "23", "date"),
        ("After an uprising in 2014, Russia annexed Crimea.", "2014", "year"),
        ("They walked for hundreds of miles.", "hundreds", "measure"),
        ("They live in a 20-storey block.", "20", "measure"),
        ("The MOH named the Shokutsu Ten Japanese Food Street.", "Ten", "label"),
        ("He will miss the rest of the Six Nations.", "Six", "label"),
        ("Cafes must be at least 200 metres away from schools.", "200", "measure"),
        ("The blast was heard at 300 meters.", "300", "measure"),
        ("a 510-foot-long wreck", "510", "measure"),
        ("Putin gave an interview to Rossiya 24 TV Channel.", "24", "label"),
        ("It ranks third for the Covid-19 mortality rate.", "19", "label"),
        ("The three-finger salute has been used by anti-government protesters.", "three", "label"),
        (
            "'I Like To Move It' DJ Erick Morillo has died at 49, according to Miami Beach Police.",
            "49",
            "age",
        ),
        ("The 777-300ER started the killing of four-engine aircraft.", "777", "label"),
        ("He died Friday night of natural causes at age 81.", "81", "age"),
    ],
)
def test_not_amounts(sentence, words, reason):
    found = [q for q in find_quantities(sentence) if q.text.endswith(words)]
    assert found and found[0].excluded == reason, find_quantities(sentence)
    assert all(q.text != words for q in claim_quantities(sentence))


def test_ordinals_are_not_numbers():
    text = "Protesters gathered for a 10th night; he claimed a sixth term."
    assert find_quantities(text) == []


def test_one_of_is_not_an_amount():
    assert claim_quantities("One of the placards read: “Our protest has a woman’s face”.") == []


def test_rising_from_to_is_two_numbers_not_a_range():
    found = claim_quantities("Unemployment rose from 5% to 7% in March.")
    assert [q.text for q in found] == ["5%", "7%"]


def test_parse_amount_and_vague_bounds():
    assert parse_amount("two thousand") == 2000
    assert parse_amount("twenty-five") == 25
    assert parse_amount("1.5 million") == 1_500_000
    assert parse_amount("half a million") == 500_000
    assert vague_lower_bound("tens of thousands") == 20_000
    assert vague_lower_bound("hundreds of thousands") == 200_000
    assert vague_lower_bound("dozens") == 24
    assert vague_lower_bound("thousands") == 2_000


@pytest.mark.parametrize(
    ("text", "words", "value", "unit", "reason"),
    [
        ("Boeing secures $11bn of aircraft deals", "$11bn", 11e9, "money", None),  # MEANTIME
        (
            "There may be problems in the aircraft's 500km of wiring.",
            "500km",
            500,
            "measure",
            None,
        ),
        (
            "Airbus had offered (US$ 2.4 billion) for the deal.",
            "US$ 2.4 billion",
            2.4e9,
            "money",
            None,
        ),
        ("More than 1.5m people have signed the petition.", "More than 1.5m", 1.5e6, "count", None),
    ],
)
def test_suffixes_and_joined_units(text, words, value, unit, reason):
    q = next(q for q in find_quantities(text) if q.text == words)
    assert (q.value, q.unit, q.excluded) == (pytest.approx(value), unit, reason)


@pytest.mark.parametrize(
    ("text", "words", "unit"),
    [
        ("The aim is producing 100,000 litres a month.", "100,000 litres", "litre"),
        ("about 50 hectares (124 acres) of their land", "about 50 hectares", "hectare"),
        ("ships dumped at least 300 tonnes of waste", "at least 300 tonnes", "tonne"),
        ("phones can take 1.3 megapixel images", "1.3 megapixel", "megapixel"),
        ("output of 9.7 million bpd", "9.7 million bpd", "barrel per day"),
        ("a 5km stretch of road", "5km", "kilometre"),
        ("winds of 107 km/h", "107 km/h", "kilometre per hour"),
    ],
)
def test_measures_in_a_known_unit_are_amounts_with_their_unit(text, words, unit):
    q = _only(text) if "acres" not in text else claim_quantities(text)[0]
    assert (q.text, q.unit, q.measure_unit) == (words, "measure", unit)


def test_fractions_of_a_million():
    q = _only("About a quarter of a million people have died.")
    assert (q.text, q.value, q.qualifier) == ("About a quarter of a million", 250_000, "approx")


@pytest.mark.parametrize(
    ("text", "words", "value", "qualifier", "currency"),
    [
        ("The package is worth $1.13bn, officials said.", "$1.13bn", 1.13e9, "exact", "USD"),
        ("It cost more than £600m last year.", "more than £600m", 6e8, "at_least", "GBP"),
        ("A fine of €2.5 billion was imposed.", "€2.5 billion", 2.5e9, "exact", "EUR"),
        ("They paid 5 million dollars in damages.", "5 million dollars", 5e6, "exact", "USD"),
        ("The grant of S$3.5 billion was approved.", "S$3.5 billion", 3.5e9, "exact", "SGD"),
        (
            "Poland called for a billion-euro stabilisation fund.",
            "a billion-euro",
            1e9,
            "exact",
            "EUR",
        ),
    ],
)
def test_money_amounts_carry_their_currency(text, words, value, qualifier, currency):
    (q,) = claim_quantities(text)
    assert (q.text, q.value, q.qualifier, q.unit, q.currency) == (
        words,
        pytest.approx(value),
        qualifier,
        "money",
        currency,
    )


@pytest.mark.parametrize(
    ("text", "words", "low", "high"),
    [
        ("enough to feed 30 to 50 million people", "30 to 50 million", 30e6, 50e6),
        ("a $20 billion to $30 billion opportunity", "$20 billion to $30 billion", 20e9, 30e9),
        ("activities range in price from $1 to $40.", "from $1 to $40", 1, 40),
    ],
)
def test_a_range_shares_its_scale_and_its_currency(text, words, low, high):
    q = _only(text)
    assert (q.text, q.value_low, q.value_high, q.qualifier) == (words, low, high, "range")


def test_shares_in_words_with_hyphens_and_parts_of_periods():
    assert _only("at least nine-in-ten adults agree").value == 90
    for text in (
        "loans that come due in the first half of 2005",
        "by the end of the fourth quarter of 2021",
        "accused in some quarters of targeting anyone",
    ):
        assert [q.text for q in claim_quantities(text) if q.unit == "percent"] == [], text


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("sales totalled 1,751,000 in 2004", "1,751,000", 1751000),
        ("deaths rose to 300 in 2004", "300", 300),
        ("the risk is one in 2,000 for smokers", "one in 2,000", 0.05),
        ("some 7 in 10 voters", "Some 7 in 10".lower(), 70),
    ],
)
def test_a_share_in_words_is_parts_of_a_whole_not_an_amount_and_a_year(text, words, value):
    q = _only(text)
    assert (q.text.lower(), q.value) == (words, value)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("a 150 Malaysian ringgit ($36) advance", "MYR"),
        ("claim up to 200 million Vietnamese dong", "VND"),
        ("Each Taiwanese received NT$3,600 then", "TWD"),
        ("It costs 500 Hong Kong dollars.", "HKD"),
        ("They paid 20 Singapore dollars.", "SGD"),
    ],
)
def test_currencies_named_by_a_word_a_country_or_a_sign(text, currency):
    assert claim_quantities(text)[0].currency == currency


def test_pounds_of_weight_are_no_money():
    assert claim_quantities("The crocodile, estimated to weigh 771 pounds, was caught.") == []
    assert claim_quantities("It cost 5 pounds.")[0].currency == "GBP"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("profits tripled last year", "tripled", 3),
        ("a tenfold increase in testing", "tenfold", 10),
        ("a 10-fold rise", "10-fold", 10),
        ("four times more mobiles will be sold", "four times", 4),
        ("sales more than doubled to 5,000", "more than doubled", 2),
    ],
)
def test_multiples_have_unit_times(text, words, value):
    q = next(q for q in claim_quantities(text) if q.unit == "times")
    assert (q.text.lower(), q.value) == (words, value)


def test_times_of_doing_and_double_as_an_adjective_are_no_multiples():
    for text in ("He tried ten times a day.", "double faults", "could double to 8%"):
        assert [q for q in claim_quantities(text) if q.unit == "times"] == [], text


def test_a_model_number_after_a_count_is_a_label():
    assert [q.text for q in claim_quantities("There are 286 747 Freighters in service.")] == ["286"]
