"""Statistics claims from real news sentences: metric, subject, bounds, source and date."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flows.annotate import annotate
from flows.annotate.anchor import latest_date_text
from flows.evaluate.statistics import evaluate_statistics
from flows.extract.statistics import extract_statistics
from flows.ingest.corpus import articles_from_frame, load_corpus
from flows.model import Article, stable_id
from schemas import TABLES
from schemas.export import polars_schema

ROOT = Path(__file__).resolve().parents[2]
NEWS2020 = ROOT.parent / "shared" / "corpora" / "news2020_bbc_cnn_st" / "articles.jsonl"


def _article(text: str, published: date | None = date(2020, 8, 24), name: str = "t.txt") -> Article:
    return Article(
        stable_id(name, text),
        stable_id(name),
        name,
        0,
        None,
        text,
        None,
        published,
        "metadata",
        None,
    )


def _claims(text: str, **kw) -> list[dict]:
    return extract_statistics(annotate(_article(text, **kw)))


def _one(text: str, **kw) -> dict:
    rows = _claims(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("sentence", "metric", "subject", "qualifier", "value"),
    [
        (
            "Belarus' Ministry of Internal Affairs said about 7,000 protesters had been detained in different cities since August 9.",
            "detained",
            "protesters",
            "approx",
            7000,
        ),
        (
            "Riot police on Saturday detained hundreds of women, dragging many into vans.",
            "detained",
            "women",
            "vague",
            200,
        ),
        (
            "Lukashenko’s notorious security services violently broke up peaceful protests after the vote, arresting nearly 7,000 people in a clampdown.",
            "detained",
            "people",
            "approx",
            7000,
        ),
        (
            "Police detained so many protesters that they ran out of room in vans, releasing around 10 women.",
            "released",
            "women",
            "approx",
            10,
        ),
        (
            "Thousands took to the streets to protest what many believe was a rigged vote count.",
            "participants",
            None,
            "vague",
            2000,
        ),
        (
            "Around two thousand women took part in the “Sparkly March”, wearing shiny accessories.",
            "participants",
            "women",
            "approx",
            2000,
        ),
        (
            "More than 100,000 demonstrators flooded the streets of the capital Minsk last weekend.",
            "participants",
            "demonstrators",
            "at_least",
            100000,
        ),
        (
            "Two other people are confirmed to have died in post-election unrest.",
            "killed",
            "people",
            "exact",
            2,
        ),
        (
            "The so-called blacklist includes 55 representatives of the country's leadership.",
            "sanctioned",
            "representatives",
            "exact",
            55,
        ),
        (
            "The Baltic nations have blacklisted Lukashenko and 29 high-ranking officials in his administration.",
            "sanctioned",
            "officials",
            "exact",
            29,
        ),
        (
            "On Sunday, more than 360 Belarusian sports figures including several Olympic athletes signed an open letter.",
            "signatories",
            "sports figures",
            "at_least",
            360,
        ),
    ],
)
def test_metric_and_subject(sentence, metric, subject, qualifier, value):
    row = _one(sentence)
    assert (row["metric"], row["subject"], row["qualifier"], row["value"]) == (
        metric,
        subject,
        qualifier,
        value,
    )
    assert sentence[row["char_start"] : row["char_end"]] == row["quantity_text"]
    assert row["evidence"] == sentence


def test_two_claims_in_one_sentence_get_their_own_metrics_and_source():
    text = "On Saturday, around 4,000 people took to the streets and more than 90 people were detained, the interior ministry said."
    rows = _claims(text)
    assert [(r["metric"], r["qualifier"], r["value_low"], r["value_high"]) for r in rows] == [
        ("participants", "approx", 4000, 4000),
        ("detained", "at_least", 90, None),
    ]
    assert {r["attributed_to"] for r in rows} == {"the interior ministry"}


def test_killed_and_injured_in_one_sentence():
    text = "Lukashenko ordered brutal police tactics following the elections that led to the death of three men while hundreds were wounded."
    assert [(r["metric"], r["value"]) for r in _claims(text)] == [("killed", 3), ("injured", 200)]


def test_deaths_from_disease_are_not_killed():
    # news2020 (Straits Times): deaths from the virus are `deaths`, infections `cases`.
    rows = _claims(
        "The country has recorded about 17,000 infections and some 900 deaths from the virus."
    )
    assert [(r["metric"], r["value"]) for r in rows] == [("cases", 17000), ("deaths", 900)]


def test_numbers_that_count_things_are_counts_of_those_things():
    text = "Michelle Bachelet said there were hundreds of allegations of torture or ill-treatment, including of children."
    assert [(r["metric"], r["family"], r["unit"], r["measure"]) for r in _claims(text)] == [
        ("count", "count", "allegation", "allegations of torture")
    ]
    assert (
        _claims(
            "Tikhanovskaya met EU foreign ministers in Brussels but, after 44 days, the bloc has yet to act."
        )
        == []
    )


VOTES = (
    "On August 9, presidential elections were held in Belarus. The country's Central Election "
    "Commission announced the final election results. In particular, 80.1% of voters supported "
    "incumbent President Alexander Lukashenko, 10.1% voted for Svetlana Tikhanovskaya, 1.67% for "
    "Anna Kanopatskaya. Some 4.59% voted against all candidates."
)


@pytest.mark.parametrize(
    "text",
    [
        "Independent polls gave her a 60-70% share of the vote.",
        "Lukashenko claimed a sixth term in office with 80% of the vote.",
    ],
)
def test_a_vote_share_measures_the_share_of_the_vote(text: str):
    assert _claims(text)[0]["measure"] == "share of the vote"


def test_vote_shares_subject_source_and_election_day():
    rows = _claims(VOTES)
    assert [(r["subject"], r["value"]) for r in rows] == [
        ("Alexander Lukashenko", 80.1),
        ("Svetlana Tikhanovskaya", 10.1),
        ("Anna Kanopatskaya", 1.67),
        ("against all", 4.59),
    ]
    assert {r["metric"] for r in rows} == {"vote_share"}
    assert {r["as_of_date"] for r in rows} == {date(2020, 8, 9)}
    assert rows[0]["attributed_to"] == "The country's Central Election Commission"


def test_vote_share_of_a_pronoun_and_a_name_before_the_number():
    text = (
        "The Central Election Commission said Lukashenko won 80.1% of the vote and the main "
        "opposition candidate Svetlana Tikhanovskaya 10.12%. But Ms Tikhanovskaya insists that "
        "where the votes were correctly counted, she garnered support ranging from 60% to 70%."
    )
    rows = _claims(text, published=date(2020, 8, 16))
    assert [(r["subject"], r["qualifier"], r["attributed_to"]) for r in rows] == [
        ("Lukashenko", "exact", "The Central Election Commission"),
        ("Svetlana Tikhanovskaya", "exact", "The Central Election Commission"),
        ("Svetlana Tikhanovskaya", "range", "Svetlana Tikhanovskaya"),
    ]


def test_a_candidate_goes_by_the_fullest_name_the_name_recogniser_found():
    # a capitalised run is not a name: "Model Caprice" is not her name (bbc_2004_2005)
    evicted = (
        "Model Caprice was evicted on Friday. Caprice, who left in the scheduled fourth eviction "
        "having gained just 5% of the public vote, afterwards said she was happy."
    )
    assert [r["subject"] for r in _claims(evicted)] == ["Caprice"]
    she = (
        "Svetlana Tikhanovskaya spoke to supporters in Vilnius on Monday. "
        "She won 10.1% of the vote, the election commission said."
    )
    assert [r["subject"] for r in _claims(she)] == ["Svetlana Tikhanovskaya"]


def test_opinion_polls_are_not_vote_shares():
    # news2020 (Straits Times)
    rows = _claims(
        "But only 54 per cent approved of the Warisan state government, the survey showed."
    )
    assert [(r["metric"], r["family"], r["unit"]) for r in rows] == [
        ("poll_share", "rate", "percent")
    ]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "According to various sources, a total of nearly 100,000 protesters took part in the rally.",
            "various sources",
        ),
        (
            "Around 100 staff came out of the public television building to join Saturday’s protests, AFP news agency reports.",
            "AFP news agency",
        ),
        (
            "Police fenced off another popular meeting point, October Square, while a few hundred people had gathered there, an AFP journalist saw.",
            "an AFP journalist",
        ),
        (
            "Viasna rights group released an online list of names of 217 women detained in Minsk, saying the list was being updated.",
            "Viasna rights group",
        ),
        ("Some 6,700 people were arrested in the wake of the election.", None),
        (  # "asked" names who spoke quoted words, not who gave a number
            "Democratically-ruled and Beijing-claimed Taiwan, where more than 300 people gathered "
            "in Liberty Square, asked China to apologise, which the mainland called “nonsense”.",
            None,
        ),
        (
            "In a Facebook statement, police said at least 289 people were arrested, mostly for unlawful assembly.",
            "police",
        ),
        ('A "good" final total would be under 20,000 dead, UK officials warn.', "UK officials"),
        (  # a source ends before a date in brackets, and before what the figure is compared with
            "The country saw 96,551 new cases, according to the Ministry of Health on Friday (Sept 11).",
            "the Ministry of Health",
        ),
        ("Deaths reached 97,971, according to Reuters tally compared with Brazil.", "Reuters"),
        ("Some 4 billion people use the internet, according to statistics from the ITU.", "ITU"),
        (  # research that identified or counted a figure gave it
            "A 2019 report by Google identified Vietnam as a market with over 51 million smartphones.",
            "Google",
        ),
        # a name before its apposition, not where it was said
        (
            '"Two players have been affected," Mr Dvorkovich, its president, said in a statement.',
            "Mr Dvorkovich",
        ),
    ],
)
def test_attribution(sentence, source):
    assert _one(sentence)["attributed_to"] == source


def test_as_of_date_from_the_sentence_and_not_from_since():
    row = _one(
        "Thousands of Belarusians gathered outside state television on August 15, demanding full coverage of the demonstrations."
    )
    assert (row["as_of_date"], row["date_precision"]) == (date(2020, 8, 15), "day")
    row = _one("Officials said about 7,000 protesters had been detained since August 9.")
    assert (row["as_of_date"], row["date_precision"]) == (date(2020, 8, 24), "week")
    assert row["as_of_source"] == "anchor"  # a count since a date is of the day it is reported


def test_rows_fit_the_statistics_contract_and_ids_are_stable():
    rows = _claims(VOTES) + _claims("More than 7,000 people were detained.")
    frame = pl.DataFrame(rows, schema=polars_schema(TABLES["statistics"][0]), orient="row")
    TABLES["statistics"][0].validate(frame)
    assert [r["claim_id"] for r in _claims(VOTES)] == [r["claim_id"] for r in rows[:4]]


def test_gold_scores_on_the_seeds():
    _, frame = load_corpus(ROOT / "seeds")
    report = evaluate_statistics(
        ROOT / "eval" / "gold" / "statistics.jsonl", articles_from_frame(frame)
    )
    assert report["recall"] >= 0.9 and report["precision"] >= 0.95, report
    assert report["gold_not_in_text"] <= 10 and report["accuracy"]["metric"] >= 0.95, report


@pytest.mark.skipif(not NEWS2020.exists(), reason="news2020 corpus not present")
def test_news2020_claims_validate():
    with NEWS2020.open(encoding="utf-8") as f:
        docs = [json.loads(line) for _, line in zip(range(200), f, strict=False)]
    rows = [
        r
        for d in docs
        for r in extract_statistics(annotate(_article(d["text"] or "", None, d["id"])))
    ]
    assert rows
    frame = pl.DataFrame(rows, schema=polars_schema(TABLES["statistics"][0]), orient="row")
    TABLES["statistics"][0].validate(frame)


# Real sentences from news2020 (BBC, CNN, Straits Times), where the general rules are tested.
@pytest.mark.parametrize(
    "sentence",
    [
        "Two police officers then chased and arrested the gunman.",
        "This includes signing it in front of two independent witnesses in person, and having two people signing it in your presence.",
        "It is now around 11:00 and I've done about six cardiac arrests.",
        "He was sentenced to death in a 2-1 decision by judges, despite repeatedly alleging that police had fabricated evidence.",
        "After receiving a tip, the patrol discovered that four men had killed a giraffe the day prior.",
    ],
)
def test_general_news_non_claims(sentence):
    # at most a plain count of the people named ("two police officers"), never a metric
    assert all((r["metric"], r["family"]) == ("count", "people") for r in _claims(sentence))


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        (
            "The new study attributes nearly 70 per cent of the meltwater runoff and iceberg discharge last year to the high pressure systems.",
            ["rate"],
        ),
        (
            "In every other country polled, most people said their government had done well, from Japan with 55% up to Denmark with 95%.",
            ["poll_share", "poll_share"],
        ),
    ],
)
def test_shares_that_are_not_vote_shares_are_rates(sentence, metrics):
    assert [r["metric"] for r in _claims(sentence)] == metrics


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        (
            "Hundreds of riot police flooded the district of Kowloon in a bid to thwart online calls for flash mob protests.",
            ["count"],
        ),
        (
            "While hundreds of athletes from the US military took part in the games, Maatje Benassi was plucked out of the group.",
            ["count"],
        ),
    ],
)
def test_people_no_metric_names_are_counts_of_people(sentence, metrics):
    assert all(r["family"] == "people" for r in _claims(sentence))
    assert [r["metric"] for r in _claims(sentence)] == metrics


def test_weak_death_words_need_violence_and_no_disease_nearby():
    covid = "Malaysia ordered people to stay home over the coronavirus. The country recorded two more fatalities, bringing the tally to 10."
    # the running total is of what the sentence counted just before: deaths, not killed
    assert [(r["metric"], r["value"]) for r in _claims(covid)] == [("deaths", 2), ("deaths", 10)]
    fire = "Governor John Bel Edwards gave a press briefing on Thursday afternoon, confirming four deaths so far from the hurricane."
    assert [(r["metric"], r["value"]) for r in _claims(fire)] == [("killed", 4)]


def test_subject_stops_at_the_verb():
    text = "Boeing's best-selling aircraft was grounded last year after two crashes killed all 346 people on the flights."
    assert [(r["quantity_text"], r["metric"]) for r in _claims(text)] == [
        ("two", "count"),  # crashes are counted at any size
        ("346", "killed"),
    ]


def test_passive_verb_beats_participle():
    text = "Two people protesting against the shooting of Mr Blake were killed in Kenosha amid widespread looting and vandalism."
    assert [(r["metric"], r["subject"]) for r in _claims(text)] == [("killed", "people")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The government announced a $1.13bn aid package for farmers.",
            ("aid", "money", "USD", 1.13e9),
        ),
        ("The company was fined £600m by the regulator.", ("fine", "money", "GBP", 6e8)),
        ("Turnout was 67.3% in the first round.", ("turnout", "rate", "percent", 67.3)),
        ("Inflation rose to 2.1 per cent in July.", ("inflation", "rate", "percent", 2.1)),
        ("Exports fell by 12% last month.", ("change", "rate", "percent", 12)),
        ("The country reported 1,200 new coronavirus cases.", ("cases", "people", "person", 1200)),
        ("More than 300 homes were destroyed by the flood.", ("count", "count", "home", 300)),
        ("Nearly a third of renters did not pay their rent.", ("rate", "rate", "percent", 100 / 3)),
    ],
)
def test_money_rates_and_counts_of_any_news(sentence, expected):
    (row,) = _claims(sentence)
    assert (row["metric"], row["family"], row["unit"], row["value"]) == pytest.approx(expected)


def test_forecasts_targets_and_hypotheticals_are_not_reported_facts():
    modalities = [
        (r["quantity_text"], r["modality"])
        for text in (
            "The virus is projected to kill more than 400,000 people by December.",
            "The government aims to vaccinate 10 million people by March.",
            "The strike could cost the economy £500m.",
            "Police detained 300 protesters on Sunday.",
        )
        for r in _claims(text)
    ]
    assert modalities == [
        ("more than 400,000", "projected"),
        ("10 million", "target"),
        ("£500m", "hypothetical"),
        ("300", "reported"),
    ]


def test_as_of_comes_from_the_text_else_the_anchor_and_a_period_ends_on_its_last_day():
    (dated,) = _claims("Unemployment rose to 8.4% in the second quarter.")
    assert (dated["as_of_date"], dated["as_of_source"]) == (date(2020, 6, 30), "sentence")
    (undated,) = _claims("About 4,000 people marched through the city.")
    assert (undated["as_of_date"], undated["date_precision"], undated["as_of_source"]) == (
        date(2020, 8, 24),
        "week",
        "anchor",
    )


@pytest.mark.parametrize(
    ("sentence", "as_of_date"),
    [
        ("It earmarked $96bn for the first six months of 2005.", date(2005, 6, 30)),
        ("Profits rose 5% to $3bn in the first nine months of 2004.", date(2004, 9, 30)),
        ("A cap would have banned £56m in donations between 2001 and 2003.", date(2003, 12, 31)),
        ("Remedies were 10.7% dearer in the last week of March.", date(2020, 3, 31)),
    ],
)
def test_a_figure_for_part_of_a_year_or_a_span_of_years_is_as_of_its_end(sentence, as_of_date):
    assert {r["as_of_date"] for r in _claims(sentence)} == {as_of_date}


def test_the_founding_of_what_a_figure_is_about_does_not_date_it():
    for text in (
        "Originally built in 1938 to house workers, Wolfsburg has produced more than 45 million"
        " cars since 1945.",
        "More than 1.6 million infections have been recorded globally, according to an AFP"
        " tally, since the virus first emerged in China in December.",
        "Launched in 2009, AmazonBasics has grown to offer more than 5,000 products.",
    ):
        assert [r["as_of_date"] for r in _claims(text)] == [date(2020, 8, 24)], text


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Tiffany sales dropped 20% in the quarter.", "Tiffany sales"),
        (
            "There were almost £68m in reported donations to political parties.",
            "reported donations",
        ),
        ("Inflation rose to 2.1 per cent in July.", "inflation"),
        ("More than 300 homes were destroyed by the flood.", "homes destroyed by the flood"),
        (
            "Some 40% of the workforce is employed by the state.",
            "share of workforce employed by the state",
        ),
        (
            "More than 10 million e-commerce live-streaming sessions were hosted online.",
            "e-commerce live-streaming sessions",
        ),
        ("The firm admitted that 11 million vehicles worldwide were fitted.", "vehicles worldwide"),
        ("There were 825 confirmed deaths on 25 April.", "confirmed deaths"),
        ("Police killed 630 people in the last day.", "people killed by police"),
        (
            "The number of patients in critical condition has surged to 104.",
            "patients in critical condition",
        ),
        (
            "The number of new infections linked to the church has risen to 422.",
            "new infections linked to the church",
        ),
        # a place said by its kind gives way to its name
        (
            "New York has more than 47,000 confirmed cases in the city.",
            "confirmed cases in New York",
        ),
        ("New registrations dropped by about 200,000 in March.", "New registrations"),
        # what changed is every part of a coordination, and the subject of the last verb
        ("Petrol and diesel cars were down 49.9% in March.", "Petrol and diesel cars"),
        (
            "Demand from private buyers and larger fleets fell by 40.4%.",
            "Demand from private buyers and larger fleets",
        ),
        ("Sales rose and profits fell 3%.", "profits"),
        ("The firm cut jobs and sales fell 3%.", "sales"),
        ("Carmaker Tesla, whose shares have soared this year, tumbled 9%.", "Carmaker Tesla"),
        # a head joined to a long phrase is kept; markets rally and bounce back
        (
            "Shares in online travel agency Booking Holdings have bounced back by about 14%.",
            "Shares in online travel agency Booking Holdings",
        ),
        ("Lululemon shares have rallied more than 35% this year.", "Lululemon shares"),
        (
            "The bank had to boost its reserves, shaving its net income by 85 per cent.",
            "net income",
        ),
        # what happened to the things counted, in a participle after their noun
        ("The rate has risen, with 20.5 million jobs lost in April.", "jobs lost"),
        # a phrase of time between what changed and its verb is no part of it
        ("Exports in March fell 5%.", "Exports"),
        ("Retail sales last month rose 2%.", "Retail sales"),
        ("Global traffic in July was down almost 80 per cent.", "Global traffic"),
        # what stands at a sum or a rate: the subject of its copula, past modals and adverbs
        (
            "The influx of foreign students is estimated to be worth as much as $45bn a year.",
            "influx of foreign students a year",
        ),
        ("But these schools can cost up to $34,330 a year.", "schools a year"),
        ("The build reportedly cost more than £738m.", "build"),
    ],
)
def test_measure_says_what_is_counted(sentence, measure):
    (row,) = _claims(sentence)
    assert row["measure"] == measure


def test_a_sum_compared_with_an_earlier_one_measures_what_the_first_did():
    sentence = (
        "The bank said its net income fell to $2.9 billion in the first three months of the year,"
        " compared to $9.2 billion in the same period last year."
    )
    assert [r["measure"] for r in _claims(sentence)] == ["net income", "net income"]


def test_each_change_of_a_sentence_measures_the_subject_of_its_own_verb():
    sentence = "Revenue fell 98.1 per cent and load factor dropped 60 percentage points."
    assert [r["measure"] for r in _claims(sentence)] == ["Revenue", "load factor"]


def test_a_number_before_a_singular_noun_is_a_name_not_a_count():
    for text in (
        "When the 242 squadron arrived back in Britain, nobody reported.",
        "Super Mario 64 DS is a re-creation of the Nintendo 64 classic with new levels.",
        "The Paris court heard three versions of the events.",
    ):
        assert [(r["quantity_text"], r["family"]) for r in _claims(text)] == [], text


def test_limits_denominators_and_rates_per_head_are_no_counts():
    for text in (
        "The measures include a ban on public gatherings of more than five people.",
        "Gatherings are limited to 50 people.",
        "With some 57 fatalities per 100,000 inhabitants, it has the highest rate.",
        "Around three people per 100,000 were being tested.",
        "Gatherings for more than 50 people will be banned from Sunday.",
        "No more than 350 people can land in Sydney each day.",
        "At least one toilet should be provided for every 15 employees.",
    ):
        assert _claims(text) == [], text
    # what may happen to a bounded number is a projection, not a limit
    (row,) = _claims("Up to 9,100 jobs can be lost for every drop in cruising.")
    assert (row["metric"], row["qualifier"]) == ("jobs", "at_most")
    assert [r["metric"] for r in _claims("Crowds of more than 100,000 marched in Minsk.")] == [
        "participants"
    ]


def test_sums_of_money_say_what_they_are():
    rows = _claims(
        "His personal fortune was put at $200bn (£155bn), in a US$3.9 billion settlement."
    )
    assert [(r["quantity_text"], r["unit"], r["measure"]) for r in rows] == [
        ("$200bn", "USD", "personal fortune"),
        ("£155bn", "GBP", "personal fortune"),
        ("US$3.9 billion", "USD", "settlement"),
    ]
    rows = _claims("Air France-KLM has secured at least €9bn (£7.9bn; $9.7bn) in government aid.")
    assert [(r["unit"], r["measure"]) for r in rows] == [  # every conversion in the bracket
        ("EUR", "government aid"),
        ("GBP", "government aid"),
        ("USD", "government aid"),
    ]
    given = rows[0]["claim_id"]  # ... says which amount it converts
    assert [r["converted_from"] for r in rows] == [None, given, given]
    (paid,) = _claims("So far, the group has paid out €30bn worldwide.")  # not "worldwide"
    assert (paid["metric"], paid["measure"]) == ("money", "amount paid out worldwide")
    (deficit,) = _claims("The budget deficit hit a record $412bn in the 12 months to September.")
    assert (deficit["metric"], deficit["measure"]) == ("money", "budget deficit")
    (rise,) = _claims("Exports were backed by a 66.3 per cent rise in food preparations.")
    assert (rise["metric"], rise["measure"]) == ("change", "food preparations")


def test_a_count_reaches_its_noun_across_a_list_a_possessive_or_a_part():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["metric"], r["measure"]) for r in _claims(text)]

    assert rows("BT has 28 million mobile, TV and broadband customers across the country.") == [
        ("28 million", "count", "broadband customers")
    ]
    assert rows("Modly said 1,273 of the ship's roughly 4,800 crew members have been tested.") == [
        ("1,273", "count", "crew members tested"),
        ("roughly 4,800", "tested", "crew members tested"),
    ]
    assert rows(
        "Data showed that 352 of the 401 Covid-19 deaths in Sweden were among the old."
    ) == [
        ("352", "deaths", "Covid-19 deaths in Sweden"),
        ("401", "deaths", "Covid-19 deaths in Sweden"),
    ]
    assert rows("Another two MPs are independents.") == [("two", "count", "MPs are independents")]
    assert rows("Sweden, with a population of 10 million, remains in the top 20.") == [
        ("10 million", "count", "population")
    ]


def test_deaths_from_a_disease_and_lives_lost_are_deaths_not_killings():
    def rows(text: str) -> list[tuple]:
        return [(r["metric"], r["measure"]) for r in _claims(text)]

    assert rows("The coronavirus outbreak has killed more than 207,000 people.") == [
        ("deaths", "people killed")
    ]
    assert rows("Mr Raab said the 29,427 lives lost was a massive tragedy.") == [
        ("deaths", "lives")
    ]
    assert rows("The vaccine saved 10,000 lives.") == [("count", "lives saved")]
    assert rows("Police killed 12 protesters on Sunday.") == [
        ("killed", "protesters killed by police")
    ]


def test_what_changed_and_forecasts_after_the_amount():
    def rows(text: str) -> list[tuple]:
        return [(r["metric"], r["measure"], r["modality"]) for r in _claims(text)]

    assert rows("It hit the alcohol industry which grew by 32.7%.") == [
        ("change", "alcohol industry", "reported")
    ]
    assert rows("Mr Chan projects the economy to contract by 4 per cent to 7 per cent.") == [
        ("change", "economy", "projected")
    ]
    assert rows("Millions of workers are expected to be furloughed.") == [
        ("jobs", "workers furloughed", "projected")
    ]
    assert rows("At 200 or 300 meters there was an explosion.") == []


def test_an_amount_that_leaves_out_what_it_counts_takes_it_from_the_one_before():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["metric"], r["measure"]) for r in _claims(text)]

    assert rows("It recorded 67 imported cases on Wednesday, up from 47 the day before.") == [
        ("67", "cases", "imported cases"),
        ("47", "cases", "imported cases"),
    ]
    assert rows("The state had 4,000 ventilators and another 4,000 on the way.") == [
        ("4,000", "count", "ventilators"),
        ("4,000", "count", "ventilators"),
    ]
    assert rows("The index rose 3% to 2,500 on Monday.") == [("3%", "change", "index")]
    assert rows("Sweden had reported 1,540 deaths, an increase of 29 from Saturday.") == [
        ("1,540", "deaths", "deaths in Sweden"),
        ("29", "deaths", "deaths in Sweden"),
    ]
    assert rows("Only 43 beds are available nationwide, including nine in Seoul.") == [
        ("43", "count", "beds"),
        ("nine", "count", "beds in Seoul"),
    ]


def test_incidents_and_records_count_at_any_size_other_things_from_ten():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["unit"]) for r in _claims(text)]

    assert rows("Two explosions rocked the town of Jolo.") == [("Two", "explosion")]
    assert rows("She was found guilty on four charges of theft.") == [("four", "charge")]
    assert rows("It set up eight polling stations for patients.") == [("eight", "polling station")]
    assert rows("The researchers tested two options.") == []
    assert rows("The researchers tested 12 options.") == [("12", "option")]


def test_how_often_something_was_done_is_a_count():
    rows = [
        (r["quantity_text"], r["unit"], r["measure"])
        for text in (
            "Blake was shot seven times in the back by a police officer.",
            "He slashed his face with a knife about 30 times.",
            "I told him ten times.",
        )
        for r in _claims(text)
    ]
    assert rows == [("seven", "time", "times shot"), ("about 30", "time", "times slashed")]


def test_the_language_of_crowds_and_exit_polls():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["metric"], r["attributed_to"]) for r in _claims(text)]

    assert rows("State television put the crowd at 20,000.") == [
        ("20,000", "participants", "State television")
    ]
    assert rows("The crowd in Minsk included about 100,000 people.") == [
        ("about 100,000", "participants", None)
    ]
    assert rows("The rallies went on, attracting crowds of as many as 200,000 people.") == [
        ("as many as 200,000", "participants", None)
    ]
    assert rows("Independent exit polls suggested she won 60-70% of the vote.") == [
        ("60-70%", "vote_share", "Independent exit polls")
    ]
    assert rows("At least 13 journalists - including a BBC team - were detained.") == [
        ("At least 13", "detained", None)
    ]
    assert [r["value"] for r in _claims("A crowd of two-dozen gathered outside.")] == [24]
    assert [r["value"] for r in _claims("Sales fell by a third in March.")] == [
        pytest.approx(100 / 3)
    ]


def test_a_source_is_a_name_or_a_noun_of_sources_not_any_words_before_a_verb():
    def sources(text: str) -> list:
        return [r["attributed_to"] for r in _claims(text)]

    assert sources("The company as a whole posted sales of $281bn for 2019.") == [None]
    assert sources("A spokesman said 30 people died.") == ["A spokesman"]
    assert sources("The country's Central Election Commission said 80.1% voted for him.") == [
        "The country's Central Election Commission"
    ]


def test_nouns_of_people_count_people_and_companies_are_no_people():
    assert [(r["family"], r["unit"]) for r in _claims("The airline employs 900 crew.")] == [
        ("people", "person")
    ]
    assert [(r["family"], r["unit"]) for r in _claims("Some 4,000 companies were surveyed.")] == [
        ("count", "company")
    ]


def test_a_share_of_an_amount_measures_what_the_amount_counts():
    rows = _claims("Nearly 14% of the almost 6,000 cases of Covid-19 had a headache.")
    assert [(r["quantity_text"], r["measure"]) for r in rows] == [
        ("Nearly 14%", "cases of Covid-19 had a headache"),
        ("almost 6,000", "cases of Covid-19"),
    ]


def test_a_people_metric_without_a_counted_phrase_is_measured_by_its_trigger():
    (row,) = _claims("Italy, where the death toll has exceeded 13,000.")
    assert (row["metric"], row["measure"]) == ("deaths", "death toll")
    (row,) = _claims("On Tuesday, 13 patients died in a matter of hours.")
    assert (row["metric"], row["measure"]) == ("deaths", "patients died")


def test_a_modal_verb_governs_only_its_own_clause():
    modalities = [
        (r["quantity_text"], r["modality"])
        for text in (
            "Officials announced the system would go live, and the city reported 3.5 million "
            "people went outside.",
            "In the US, 58% said more cooperation would have helped and 37% said it would not.",
            "The UK unemployment rate could double to 8% this year.",
            "In 2004, growth will be between 4.7% and 4.8%, the ministry said.",
            "About 11 million cars could be affected by the recall.",
        )
        for r in _claims(text)
    ]
    assert modalities == [
        ("3.5 million", "reported"),
        ("58%", "reported"),
        ("37%", "reported"),
        ("8%", "projected"),
        ("between 4.7% and 4.8%", "projected"),
        ("About 11 million", "hypothetical"),
    ]


def test_the_month_of_may_is_no_hedge():
    (row,) = _claims("In May, an additional 6,111 cases were registered over the past day.")
    assert (row["metric"], row["modality"]) == ("cases", "reported")


def test_a_running_total_counts_what_the_sentence_counted_before_it():
    text = "The ministry reported 235 new cases on Tuesday, bringing the national tally to 10,450."
    assert [(r["metric"], r["value"], r["measure"]) for r in _claims(text)] == [
        ("cases", 235, "new cases"),
        ("cases", 10450, "total cases"),
    ]


def test_one_person_counts_when_the_text_says_who():
    assert [(r["metric"], r["value"]) for r in _claims("One policeman was also killed.")] == [
        ("killed", 1)
    ]
    assert [r["value"] for r in _claims("The country reported zero new cases on Monday.")] == [0]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "More than 200 people were detained, although the interior ministry said the figure was lower.",
            "the interior ministry",
        ),
        ("On Wednesday Modly said 1,273 crew members had been tested.", "Modly"),
    ],
)
def test_a_source_is_cleaned_of_the_words_around_it(sentence, source):
    assert _claims(sentence)[0]["attributed_to"] == source


def test_one_rule_makes_a_noun_singular():
    from flows.extract.vocabulary import singular

    assert [
        singular(w) for w in ("guardsmen", "police officers", "cities", "churches", "homes")
    ] == [
        "guardsman",
        "police officer",
        "city",
        "church",
        "home",
    ]


def test_figures_carry_the_body_whose_data_the_article_reports():
    text = (
        "Americans are becoming avid blog readers, according to new research.\n\n"
        "The survey, conducted by the Pew Internet and American Life Project, showed that "
        "blog readership has shot up by 58% in the last year.\n\n"
        "More than 60% of online Americans have still never heard of blogs, the survey found.\n\n"
        "Police said 30 people were detained in Chicago on Sunday."
    )
    assert [(r["quantity_text"], r["attributed_to"]) for r in _claims(text)] == [
        ("58%", "Pew Internet and American Life Project"),
        ("More than 60%", "Pew Internet and American Life Project"),
        ("30", "Police"),
    ]


def test_the_next_sentence_gives_a_source_only_when_it_refers_back_to_the_figures():
    sourced = (
        "Some 235 new cases were confirmed. The figures, the health ministry said, are a record."
    )
    assert [r["attributed_to"] for r in _claims(sourced)] == ["the health ministry"]
    other = (
        "Some 6,700 people were arrested after the election. "
        "Amnesty International said accounts from released detainees suggested torture."
    )
    assert [r["attributed_to"] for r in _claims(other)] == [None]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        (
            "Blogs grew, with six million Americans now using RSS aggregators.",
            "Americans now using RSS aggregators",
        ),  # what a group is doing
        ("Almost 4,900 people have crossed the Channel.", "people crossed the Channel"),
        ("About 13,000 people had been living in squalor.", "people had been living in squalor"),
        (
            "A report shows 42% of Britons have taken to gardening.",
            "share of Britons have taken to gardening",
        ),
        ("About 5,000 people during the protest were hurt.", "people"),
    ],
)
def test_a_group_is_measured_with_what_it_did_in_the_simple_past_or_is_doing(sentence, measure):
    assert _claims(sentence)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("The death count rose to 58.", "deaths"),
        ("The death tally is now 313.", "deaths"),
        ("The country's caseload has reached 3,427.", "cases"),
        ("The total case count is now 3,411.", "cases"),
        # the noun an amount stands at, over a verb of another metric before it
        ("Only 111 are still hospitalised and fatalities are at 58.", "deaths"),
        ("Three villagers were hacked to death in the attack.", "killed"),
        # what voters say, and a politician's popularity, are poll shares
        ("Two-thirds of voters say that a vaccine would be rushed through.", "poll_share"),
        ("His popularity has slipped below 70 per cent for the first time.", "poll_share"),
    ],
)
def test_a_count_or_tally_of_deaths_or_cases_is_that_metric(sentence, metric):
    assert [r["metric"] for r in _claims(sentence)][-1] == metric


def test_an_amount_with_a_verb_of_its_own_is_not_coordinated_with_the_next():
    rows = _claims("In 1985, 39 people died and 600 were injured at the stadium.")
    assert [r["metric"] for r in rows] == ["deaths", "injured"]
    rows = _claims("Six soldiers and six civilians were killed.")
    assert [r["metric"] for r in rows] == ["killed", "killed"]


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [  # the groups listed after the first take its metric
        ("Police arrested 20 protesters, five journalists and two lawyers.", ["detained"] * 3),
        (
            "The new cases comprise 338 migrant workers, two work permit holders, one permanent "
            "resident and three Singaporeans.",
            ["cases"] * 3,
        ),
        # not a group with a verb of its own, nor one after a clause
        (
            "Police arrested 20 protesters, and five journalists were injured.",
            ["detained", "injured"],
        ),
        (
            "With 198 cases discharged on Friday, 55,322 patients have fully recovered.",
            ["cases", "count"],
        ),
        # a series of changes is changes throughout
        ("Sales of diesel cars were down 49.9% and 61.9% respectively.", ["change", "change"]),
        ("Italy was down -85%, France -72% and Spain -69%.", ["change"] * 3),
        ("Searches dropped 32 per cent in the UK and 18 per cent in the US.", ["change"] * 2),
        ("Sales fell 5% and the firm holds a 20% market share.", ["change", "rate"]),
        # a change noun after the amount; a share something makes up is none
        ("Jobs could go after an 80% reduction in passengers.", ["change"]),
        ("Black residents make up 14% of the population.", ["rate"]),
    ],
)
def test_a_list_of_groups_shares_the_metric_of_its_first(sentence, metrics):
    assert [r["metric"] for r in _claims(sentence)] == metrics


@pytest.mark.parametrize(
    ("sentence", "measures"),
    [
        (
            "At least 23 were killed and more than 100 injured in the attack.",
            ["people killed", "people injured in the attack"],
        ),
        ("The attack killed eight people and injured 22.", ["people killed", "people injured"]),
        ("Two have died in secure training centres.", ["people died in secure training centres"]),
        (
            "Thousands gathered for a rally in Washington DC.",
            ["people gathered for a rally in Washington DC"],
        ),
        ("The death toll rose to 70.", ["death toll"]),  # a noun, no verb of people
    ],
)
def test_a_bare_amount_counts_people_by_the_verb_of_its_metric(sentence, measures):
    assert [r["measure"] for r in _claims(sentence)] == measures


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [  # the state or kind its noun is in, as a whole phrase
        ("Nine patients in critical condition were moved.", "patients in critical condition"),
        ("This follows 82 confirmed cases outside China.", "confirmed cases outside China"),
        (
            "Some 300 staff in its distribution centres were told.",
            "staff in its distribution centres",
        ),
        ("About 40 stores with street access will open.", "stores with street access"),
        # not a phrase cut short by a time or an amount, nor a question
        ("Sales rose to 500 units in the fourth quarter.", "units"),
        ("Officials recorded 30 cases in total.", "cases"),
    ],
)
def test_a_count_is_measured_with_the_state_its_noun_is_in(sentence, measure):
    assert _claims(sentence)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [  # the period a figure is counted per
        ("Brazil now records 40,000 cases per day.", "cases per day"),
        ("Haswell was to be paid $25,000 a month.", "amount paid a month"),
        # not a time the figure is compared with, a duration, another phrase's, or a speed
        ("Officials reported 70 new cases, compared with 80 cases a day earlier.", "new cases"),
        ("Classes have around 40 students and meet two days a week.", "students"),
        ("The jet reached a top speed of 2,193 miles per hour.", "top speed"),
    ],
)
def test_a_count_says_the_period_it_is_counted_per(sentence, measure):
    assert _claims(sentence)[0]["measure"] == measure


def test_a_person_named_by_title_and_surname_is_named_in_full():
    text = (
        "Health Secretary Matt Hancock spoke on Monday. "
        "Mr Hancock said 66 per cent of hospital beds were occupied. "
        "Reuters said 40 per cent were free."
    )
    assert [r["attributed_to"] for r in _claims(text)] == ["Matt Hancock", "Reuters"]


def test_a_sentence_that_refers_back_to_the_data_keeps_its_body_in_reach():
    text = (
        "The survey, conducted by the Pew Research Center, showed readership rose by 58%. "
        "Blogs are online diaries. Companies provide tools for them. Others sell them. "
        "Reading blogs remains more popular than writing them, the survey found. "
        "Few write them. Some read them. Many ignore them. Only 7% had created a blog."
    )
    assert [r["attributed_to"] for r in _claims(text)] == ["Pew Research Center"] * 2


def test_a_body_that_gave_a_figure_gives_the_next_ones_of_its_metric_not_others():
    text = (
        "There were 344 new cases as of Monday noon, MOH said. "
        "There were six new cases in the community on Monday. "
        "Thousands of people joined a rally in the capital. "
        "Officials said 300 people were detained. The city recorded 20 arrests."
    )
    assert [(r["quantity_text"], r["attributed_to"]) for r in _claims(text)] == [
        ("344", "MOH"),
        ("six", "MOH"),  # the same metric, two sentences on
        ("Thousands", None),  # a crowd is no case count
        ("300", "Officials"),
        ("20", None),  # officials are no body
    ]


def test_a_total_or_a_group_after_its_noun_is_measured_by_that_noun():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["unit"], r["measure"]) for r in _claims(text)]

    assert rows("Vehicle unit sales totalled 1,751,000 in 2004.") == [
        ("1,751,000", "sale", "Vehicle unit sales")
    ]
    assert rows("The final drew an audience of 144.4 million.") == [
        ("144.4 million", "person", "audience")
    ]
    assert rows("The SMMT expected car sales of 1.73 million.") == [
        ("1.73 million", "sale", "expected car sales")
    ]
    assert rows("Pictures from the city of about 100,000 show damage.") == []
    assert rows("There are 22,000 ventilators for a population of over 126 million.") == [
        ("22,000", "ventilator", "ventilators"),
        ("over 126 million", "person", "population"),
    ]
    assert rows("The passengers were seven men between the ages of 40 and 50.") == [
        ("seven", "person", "men")
    ]


def test_a_singular_noun_of_many_people_counts_people():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["unit"], r["measure"]) for r in _claims(text)]

    assert rows("She has put 10 of her staff on paid leave.") == [
        ("10", "person", "staff put on paid leave")
    ]
    assert rows("About 900,000 military and civilian staff are affected.") == [
        ("About 900,000", "person", "military and civilian staff")
    ]
    assert rows("Shoppers should stay 1m away from shop staff.") == []
    assert rows("The other two are a staff member and a nurse.") == []


def test_pieces_of_a_thing_are_counted_in_pieces():
    row = _one("Nearly one billion pieces of protective equipment had been delivered.")
    assert (row["unit"], row["measure"]) == ("piece", "pieces of protective equipment")


def test_a_rise_or_fall_in_any_past_verb_is_a_change_and_its_level_no_range():
    rows = _claims("Profits dived by 20% to £143.5m due to store closures.")
    assert [(r["quantity_text"], r["metric"], r["measure"]) for r in rows] == [
        ("20%", "change", "Profits"),
        ("£143.5m", "profit", "Profits"),
    ]
    rows = _claims("Trade plummeted 67 per cent to US$412 million in the first half.")
    assert [(r["quantity_text"], r["unit"]) for r in rows] == [
        ("67 per cent", "percent"),
        ("US$412 million", "USD"),
    ]


def test_a_measure_in_a_known_unit_is_a_count_of_that_unit_with_what_it_measures():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["family"], r["unit"], r["measure"]) for r in _claims(text)]

    assert rows("Villagers said about 50 hectares (124 acres) of their land was taken.") == [
        ("about 50 hectares", "count", "hectare", "land"),
        ("124 acres", "count", "acre", "land"),
    ]
    assert rows("The fire has burned at least 261,488 acres in Plumas county.") == [
        ("at least 261,488 acres", "count", "acre", "acres burned")
    ]
    assert rows("The storm made landfall around 100km south of Mumbai.") == []
    assert rows("Cafes must be at least 200 metres away from schools.") == []


def test_places_facilities_and_instruments_count_at_any_size_unless_named_before():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["unit"]) for r in _claims(text)]

    assert rows("Quarantine was reimposed in the capital and four nearby provinces.") == [
        ("four", "province")
    ]
    assert rows("China approved tests for two experimental vaccines.") == [("two", "vaccine")]
    assert rows("Talks between the two countries resumed.") == []
    assert rows("He gave three reasons for leaving.") == []


def test_a_running_total_may_open_the_next_sentence():
    rows = _claims(
        "The ministry reported 533 new cases. This brings Singapore's total count to 31,960."
    )
    assert [(r["quantity_text"], r["metric"], r["measure"]) for r in rows] == [
        ("533", "cases", "new cases in Singapore"),  # the one country the text names
        ("31,960", "cases", "total cases"),
    ]


def test_multiples_are_rates_in_times_and_a_past_multiple_is_a_change():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["metric"], r["unit"], r["value"]) for r in _claims(text)]

    assert rows("Sony Ericsson's profits tripled in the third quarter.") == [
        ("tripled", "change", "times", 3.0)
    ]
    assert rows("The cars were emitting up to 40 times the legally permitted amount.") == [
        ("up to 40 times", "rate", "times", 40.0)
    ]
    assert rows("Confirmed cases have more than tripled to over 26,000.") == [
        ("more than tripled", "change", "times", 3.0),
        ("over 26,000", "cases", "person", 26000.0),
    ]
    assert rows("Kostyuk double faults helped her.") == []
    assert rows("Blake was shot seven times in the back.") == [("seven", "count", "time", 7.0)]


def test_small_fixes_from_a_read_sample():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["metric"], r["attributed_to"]) for r in _claims(text)]

    assert rows("Analysts at Goldman Sachs recently slashed their growth estimate to 3%.") == [
        ("3%", "growth", "Analysts at Goldman Sachs")
    ]
    assert rows("It started as an online romance between two cities.") == []
    assert rows("Shoppers stay 1m (3ft) apart at the checkout.") == []
    assert rows("Spain recorded 605 people dying on Friday.")[0][:2] == ("605", "deaths")


def test_a_pronoun_source_is_the_person_named_before_and_a_quote_source_may_follow():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["attributed_to"]) for r in _claims(text)]

    assert rows("Governor Andrew Cuomo spoke on Friday. He said 519 people had died.") == [
        ("519", "Andrew Cuomo")
    ]
    assert rows('"He got like 95% of the Black vote," says Perry, a professor.') == [
        ("95%", "Perry")
    ]
    assert rows("Svetlana Tikhanovskaya says she won but police detained 200 protesters.") == [
        ("200", None)
    ]


def test_a_possessive_measure_reads_past_its_number_and_since_gives_no_date():
    (share, deaths) = _claims(
        "Wuhan suffered more than 80 per cent of China's 4,634 Covid-19 deaths."
    )
    assert share["measure"] == "share of China's Covid-19 deaths in Wuhan"
    (row,) = _claims("There have been 4,000 deaths since the outbreak began in January.")
    assert row["as_of_source"] == "anchor"


def test_what_a_planned_or_expected_change_changes():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["measure"]) for r in _claims(text)]

    assert rows("Producers raced to agree a deal to reduce output by about 10%.") == [
        ("about 10%", "output")
    ]
    assert rows("The economy is expected to contract by 4 per cent.") == [("4 per cent", "economy")]
    assert rows("It climbed to a record 14.2% among white workers.") == [("14.2%", "white workers")]


def test_republics_and_clinics_are_plurals_and_politics_is_not():
    rows = _claims("The prime ministers of three Baltic republics expressed concern.")
    assert [(r["quantity_text"], r["unit"], r["measure"]) for r in rows] == [
        ("three", "republic", "Baltic republics")
    ]


def test_an_undated_article_gives_no_fallback_date_and_no_weekday():
    text = "About 4,000 people marched on Thursday. Officials plan a vote on October 1, 2020."
    article = replace(
        _article(text, published=None),
        published_date_source="text",
        published_date_text=latest_date_text("reported", date(2020, 10, 1), "October 1, 2020"),
    )
    rows = extract_statistics(annotate(article))
    assert [(r["quantity_text"], r["as_of_date"], r["as_of_source"]) for r in rows] == [
        ("About 4,000", None, "none")
    ]


def test_who_gave_a_figure_in_quotes_in_research_and_in_the_words_around_a_name():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["attributed_to"]) for r in _claims(text)]

    assert rows(
        'Health ministry official Achmad Yurianto spoke on Friday. "We have distributed nearly'
        ' 500,000 kits," he said.'
    ) == [("nearly 500,000", "Achmad Yurianto")]
    assert rows("The national drug survey also found more than a third of adults used it.") == [
        ("more than a third", "The national drug survey")
    ]
    assert rows("A Nikkei/TV Tokyo poll found 28 per cent back him.") == [
        ("28 per cent", "Nikkei/TV Tokyo")
    ]
    assert rows("Malaysia on Saturday recorded 150 new cases.") == [("150", "Malaysia")]
    assert rows("Over 300 employees signed the petition, said the scholar.") == [
        ("Over 300", "the scholar")
    ]


def test_a_few_people_named_before_are_no_count():
    assert _claims("The two leaders are on friendly terms.") == []
    assert [r["quantity_text"] for r in _claims("Police arrested two men on Friday.")] == ["two"]


def test_a_sum_is_measured_by_what_was_done_with_it():
    rows = _claims(
        "Only 2.6 per cent of US$455 billion invested in climate measures went to water."
    )
    assert [(r["quantity_text"], r["measure"]) for r in rows] == [
        ("2.6 per cent", "invested in climate measures"),
        ("US$455 billion", "invested in climate measures"),
    ]


def test_what_is_higher_or_lower_by_a_share():
    rows = _claims("UK online sales in July were more than 50% higher than before the pandemic.")
    assert [(r["quantity_text"], r["measure"]) for r in rows] == [
        ("more than 50%", "UK online sales in July")
    ]


def test_a_sum_asked_for_is_measured_by_the_asking():
    (row,) = _claims("The WHO launched an appeal in March for $675m to fight the pandemic.")
    assert row["measure"] == "appeal"


def test_a_caption_dates_an_undated_article_for_its_figures():
    text = "About 4,000 people marched on Sunday."
    article = replace(
        _article(text, published=None),
        published_date_source="text",
        published_date_text=latest_date_text(
            "reported", date(2020, 9, 6), "caption: September 5, 2020; body: on Sunday"
        ),
    )
    (row,) = extract_statistics(annotate(article))
    assert (row["as_of_date"], row["as_of_source"]) == (date(2020, 9, 6), "sentence")


def test_more_before_a_noun_and_a_range_of_measures():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["unit"]) for r in _claims(text)]

    assert rows("The rocket carried 34 more satellites into orbit.") == [("34", "satellite")]
    assert rows("Camera images range from two to four megapixels.") == [
        ("from two to four megapixels", "megapixel")
    ]


def test_a_share_or_a_group_is_measured_with_what_it_did():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["measure"]) for r in _claims(text)]

    assert rows("Over 21.5 million people had collected their vouchers.") == [
        ("Over 21.5 million", "people collected their vouchers")
    ]
    assert rows("Some 30% reporting a decline in their romantic lives.") == [
        ("Some 30%", "reporting a decline in their romantic lives")
    ]


def test_a_share_followed_by_what_it_did_measures_that():
    def rows(text: str) -> list[tuple]:
        return [(r["quantity_text"], r["measure"]) for r in _claims(text)]

    assert rows(
        "Nearly 22% of teens said they used weed and just over 7% said they abused opioids."
    ) == [("Nearly 22%", "share of teens"), ("just over 7%", "teens said they abused opioids")]
    assert rows("About 40% said they would not get a vaccine.") == [
        ("About 40%", "said they would not get a vaccine")
    ]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (  # a restrictive relative clause, before or after the amount
            "The number of people who have died from the virus, 10, remains unchanged.",
            "people who have died from the virus",
        ),
        ("Nearly 240,000 people who signed a petition.", "people who signed a petition"),
        # a participle and its phrase, past a passive auxiliary and a time
        ("At least 20 people were killed in the blast on Sunday.", "people killed in the blast"),
        ("Sweden had reported 1,540 deaths tied to Covid-19.", "deaths tied to Covid-19 in Sweden"),
        (
            "A total of 40 cases announced on Wednesday are linked to clusters at dormitories.",
            "cases linked to clusters at dormitories",
        ),
        ("Two patients died in a matter of hours.", "patients died"),
        ("He was charged with 19 counts of human trafficking.", "counts of human trafficking"),
        # the capitalised owner before the amount, and a place in a locative phrase
        ("Virgin Atlantic's £1.2bn rescue plan was approved.", "Virgin Atlantic's rescue plan"),
        (
            "In the UK, around 1,400 printer owners have pledged to use their machines.",
            "printer owners pledged to use their machines in the UK",
        ),
        ("Singapore reported 42 new cases on Thursday.", "new cases in Singapore"),
    ],
)
def test_a_measure_reads_alone(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # the verb the amount is the object of, its doer when named, and one phrase of where
        (
            "Chinese authorities closed 12,575 net cafes in the closing months of 2004.",
            "net cafes closed by Chinese authorities",  # the time is the row's as_of_date
        ),
        (
            "Thai police have arrested nine people in a sweep targeting activists.",
            "people arrested by Thai police in a sweep targeting activists",
        ),
        (
            "The brand said it was donating thousands of hospital gowns to six Paris hospitals in "
            "urgent need of protective gear.",
            "hospital gowns donated to six Paris hospitals",
        ),
        (
            "The Design Museum has received over 7 million visitors.",
            "visitors received by the Design Museum",
        ),
        (
            "The pandemic is pushing millions of Indians into poverty.",
            "Indians pushed into poverty",
        ),
        # no deed: an adjective, a passive's subject, a place in a phrase, a noun, a state
        ("If you have a combined 19 million followers, you can.", "followers"),
        ("Yoon was charged on eight counts, prosecutors said.", "counts"),
        ("A blast in the capital Beirut killed at least 178 people.", "people killed"),
        ("It began large-scale testing on tens of thousands of people.", "people"),
        ("The pandemic has put millions of people out of work.", "people out of work"),
        ("The crisis has rendered millions of Indonesians jobless.", "Indonesians"),
        # a deed to come, in its plain form after "will" or "to", and a transitive change
        ("New Look will shut 11 UK stores.", "UK stores shut by New Look"),
        ("The firm plans to hire 5,000 staff in Manchester.", "staff hired in Manchester"),
        ("Renault cut 15,000 jobs worldwide.", "jobs cut by Renault worldwide"),
        # a body named by its role and one word, a possessive before the amount, "sent home"
        (
            "The health ministry has prepared more than 12 million surgical masks.",
            "surgical masks prepared by the health ministry",
        ),
        (
            "The clothing chain shut its 500 UK stores on Saturday.",
            "UK stores shut by the clothing chain",
        ),
        (
            "Cuba saw hundreds of doctors sent home from medical missions.",
            "doctors sent home from medical missions",
        ),
        ("Almost 900,000 migrants arrived in Greece back in 2015.", "migrants arrived in Greece"),
        # what a group had done to it, without its auxiliaries: "are currently stranded"
        (
            "Some 13,000 refugees are currently stranded with little chance of leaving.",
            "refugees stranded with little chance",
        ),
        (
            "Data show that 27 per cent of Indian women were married before 18.",
            "share of Indian women married",
        ),
    ],
)
def test_a_measure_says_what_was_done_to_the_things_counted(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # the whole subject of a level, when a phrase of whose or of what is part of it
        (
            "The median annual salary for a graduate was £34,000.",
            "median annual salary for a graduate",
        ),
        (
            "In 2018, the employment rate for graduates in the UK was 88%.",
            "employment rate for graduates in the UK",
        ),
        (
            "The maximum fine for repeat offenders in Scotland is £5,000.",
            "maximum fine for repeat offenders in Scotland",
        ),
        # a level someone moved or set to the amount is what they moved
        (
            "The government has lowered the salary threshold under its plan to £26,500.",
            "salary threshold under its plan",
        ),
        (
            "Qatar Airways increased its stake in British Airways owner IAG to 25%.",
            "stake in British Airways owner IAG",
        ),
        # not past a verb to an article, and not before "of" ("a salary of"): its noun only
        (
            "It was a job for a puncture assistant in Kanpur for a salary of 8,000 rupees.",
            "salary in Kanpur",
        ),
        (
            "Japan plans stimulus bringing the total value of its rescue package to $1tn.",
            "rescue package",
        ),
    ],
)
def test_a_level_is_measured_by_its_whole_subject(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # what was done with a sum, by whom and on what, when a verb before it says so
        ("In all of 2019, the country borrowed $1.28tn.", "amount borrowed"),
        ("The bank paid US$2.5 billion in cash to Malaysia.", "cash paid to Malaysia"),
        ("Last year China spent close to $600bn on stimulus.", "amount spent by China on stimulus"),
        (
            "Motorists paid £3,374 for the basic model.",
            "amount paid by motorists for the basic model",
        ),
        ("Japan pledged more than $800m.", "amount pledged by Japan"),
        (
            "The federal government spent $6tn in the first 11 months.",
            "amount spent by the federal government",
        ),
        ("The NDA has spent £8m over the past year.", "amount spent by the NDA"),
        (
            "It has given 500,000 rupees to every village council.",
            "amount given to every village council",
        ),
        (
            "Austria has already disbursed more than 14 billion euros.",
            "amount disbursed by Austria",
        ),
        # a passive after the sum, whose own words only say it is a total
        (
            "A total of $8.8 billion was raised through the rights issue.",
            "amount raised through the rights issue",
        ),
        (
            "About €35bn has been earmarked for projects to make the economy greener.",
            "amount earmarked for projects",
        ),
        # a verb that does nothing with money leaves the sum's own words
        ("The company reported $3bn in revenue.", "revenue"),
        # the effort a sum goes to, not the form it takes
        ("The firm said it would invest €1bn in the effort.", "amount invested in the effort"),
    ],
)
def test_a_sum_says_what_was_done_with_it(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "Infections have steadied in the low single digits, from about 25 per cent several "
            "weeks ago.",
            "about 25 per cent",
        ),
        (
            "Revenue for the group plunged 79.3 per cent to $851 million year on year.",
            "$851 million",
        ),
        ("Estimates of the mean hourly wage range from $14-16 an hour.", "from $14-16"),
    ],
)
def test_a_time_is_no_measure(text: str, amount: str):
    """A measure of only times and function words says when, not what: none is better, or the
    metric's own word ("revenue")."""
    (row,) = [r for r in _claims(text) if r["quantity_text"] == amount]
    assert row["measure"] in (None, "revenue")


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # "the country" is the last country named before it, "the city" the last city
        (
            "Turkey closed its border with Syria. The country has reported only five confirmed cases.",
            "confirmed cases in Syria",
        ),
        (
            "Officials in Beijing and Shanghai met. The city recorded 12 new cases.",
            "new cases in Shanghai",
        ),
        (
            "Pork prices in China rose. The country's pig population shrank by about 40%.",
            "China's pig population",
        ),
        # the sentence's own country when it names one before the words
        (
            "Vietnam exports rice. Bangladesh's garment products made up 90% of the country's exports.",
            "share of Bangladesh's exports",
        ),
        # not a kind the article never named
        ("Prices rose. The country recorded 12 new cases.", "new cases"),
    ],
)
def test_a_place_the_sentence_refers_to_by_its_kind_is_named(text: str, measure: str):
    assert _claims(text)[-1]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # the place a sentence opens with, after a short opening phrase, where things happen
        ("As of April 6, Brazil has reported 487 deaths.", "deaths in Brazil"),
        ("On Monday, Japan reported 4,445 cases, including 1,000 in Tokyo.", "cases in Japan"),
        # the subject a phrase "with" the amount describes
        ("With 18,002 deaths, the US has the second highest toll after Italy.", "deaths in the US"),
        # not a place that only says something happened elsewhere
        ("On Friday, Germany announced that 10 countries had agreed to take 400 minors.", "minors"),
    ],
)
def test_a_place_opening_the_sentence_is_where_its_first_figure_is(text: str, measure: str):
    rows = [r for r in _claims(text) if r["quantity_text"] != "10"]
    assert rows[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a people metric in a sentence without a place is in the one country its article names
        (
            "South Korea saw infections rise. The country recorded 235 new cases.",
            "new cases in South Korea",
        ),
        # not when the article names two, nor for the world, nor for a count of things
        ("South Korea and Japan saw infections rise. It recorded 235 new cases.", "new cases"),
        (
            "South Korea saw infections rise. Worldwide, 235,000 new cases were recorded.",
            "new cases worldwide",
        ),
        ("South Korea saw infections rise. The hospital bought 200 new beds.", "new beds bought"),
        # and so is a rate a country has
        (
            "The UK economy slowed. Economists expect the unemployment rate to reach 6%.",
            "unemployment rate in the UK",
        ),
    ],
)
def test_a_measure_is_placed_in_the_one_country_of_its_article(text: str, measure: str):
    assert _claims(text)[-1]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a disease count says the one disease its article names, in the article's words
        (
            "The coronavirus spread fast. Officials reported 397 new infections on Sunday.",
            "new coronavirus infections",
        ),
        ("Covid-19 spread fast. More than 919,000 people have died.", "people died of Covid-19"),
        ("Covid-19 spread fast. The Covid-19 death toll stood at 4,634.", "Covid-19 death toll"),
        # not for two diseases, a death with another cause, or another disease's cases
        ("Covid-19 and flu spread. Officials reported 397 new infections.", "new infections"),
        ("Covid-19 spread fast. The crash killed 12 people, and 40 deaths followed.", "deaths"),
        (
            "Covid-19 spread fast. Encephalitis is a problem, with 3,092 confirmed cases.",
            "confirmed cases",
        ),
        # a disease named already by the lexicon's names, hyphenated or not
        (
            "Covid-19 spread. There were 1,300 Covid-19-related fatalities.",
            "Covid-19-related fatalities",
        ),
    ],
)
def test_a_count_of_a_disease_says_which(text: str, measure: str):
    assert _claims(text)[-1]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a noun of change says of what with the phrase after it, or after its amount
        (
            "The firm announced a 10% cut to its US aviation workforce.",
            "cut to its US aviation workforce",
        ),
        (
            "A decline of 13% in trade in goods is described as optimistic.",
            "decline in trade in goods",
        ),
        ("The German government will take a 20% stake in the firm.", "stake in the firm"),
        # not a time: "a loss for the second quarter" says when
        ("The company posted a 40% loss for the second quarter of 2020.", "loss"),
    ],
)
def test_a_change_says_of_what(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a share of a possessed group is a share of it: "its", "our", "their" go
        ("AirAsia has struggled during the pandemic and cut 30% of its staff.", "share of staff"),
        (
            "Sixty percent of our consumers plan a holiday soon, she said.",
            "share of consumers plan a holiday soon",
        ),
    ],
)
def test_a_share_of_what_someone_has(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a noun in -ing after an adjective is the head, and "the number of" is no measure
        (
            "Remdesivir was developed with an estimated $70 million in federal funding.",
            "federal funding",
        ),
        (
            "The industry accounts for more than half of all manufacturing jobs.",
            "share of all manufacturing jobs",
        ),
        ("In 11 days, the number of deaths has doubled.", "deaths"),
        (
            "It is only 1% of the total number of Chinese students.",
            "share of total number of Chinese",
        ),
    ],
)
def test_a_measure_names_what_is_counted_not_its_number(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "metric", "measure"),
    [  # what a transitive verb of change changes by the amount is its object
        ("The firm cut its workforce by 10%.", "change", "workforce"),
        ("Countries are already cutting infections by more than 70%.", "change", "infections"),
        (
            "Last year, China increased its defence spending by 7.5 per cent.",
            "change",
            "defence spending in China",
        ),
    ],
)
def test_a_change_done_to_something_measures_it(text: str, metric: str, measure: str):
    row = _claims(text)[0]
    assert (row["metric"], row["measure"]) == (metric, measure)


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # a phrasal verb keeps its particle, and an irregular participle loses its auxiliary
        ("About 30 per cent of the workers were laid off.", "share of workers laid off"),
        ("Fewer than 800 individuals are left in the wild.", "individuals left in the wild"),
    ],
)
def test_what_the_counted_did_reads_whole(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # the owner of a measure told before its amount: "Spain's", "the UK's"
        ("Italy's unemployment rate rose to 9.7% in June.", "Italy's unemployment rate"),
        (
            "The UK's confirmed coronavirus cases rose by more than 2,000.",
            "the UK's confirmed coronavirus cases",
        ),
        # a day owns no figure: "Monday's 48 new cases"
        ("Monday's 48 new cases were up from 31 the previous day.", "new cases"),
        # the subject that has, owns or runs what is counted owns it; a place places it
        ("The union has 290,000 members.", "the union's members"),
        ("The IMF, which has 189 member countries, met.", "the IMF's member countries"),
        ("Wharf Hotels operates 10 properties in China.", "Wharf Hotels' properties in China"),
        ("Japan had 3,329 confirmed cases.", "confirmed cases in Japan"),
        # one person is named in the singular before the verb that counts them
        ("One policeman was also killed.", "policeman killed"),
        ("One person died in the blast.", "person died in the blast"),
        ("Of the new clusters, the first has 18 cases.", "cases"),
    ],
)
def test_a_measure_keeps_its_owner(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


def test_a_metric_word_keeps_the_capitals_of_an_acronym():
    """ "GDP" stays "GDP" (and takes its owner), a capital opening a sentence goes."""
    assert (
        _claims("China's GDP shrank by 6.8% in the first quarter.")[0]["measure"] == "China's GDP"
    )
    assert _claims("Unemployment hit 5.9% in March.")[0]["measure"] == "unemployment"


@pytest.mark.parametrize(
    ("text", "metric", "measure"),
    [  # a relative clause right after the counted people says what they did
        (
            "There were 6,459 people who had died of the virus, the ministry said.",
            "deaths",
            "people who had died of the virus",
        ),
        (
            "Some 2,000 people who tested positive were taken to hospital.",
            "cases",
            "people who tested positive",
        ),
        # unless the sentence's own verb right after the clause is a metric's
        ("Nine people who tested positive have died.", "deaths", None),
        ("Twelve protesters who marched on Sunday were detained.", "detained", None),
        ("Police said 30 people who attended the rally tested positive.", "cases", None),
        ("Two teenage girls who were bystanders were killed in the attack.", "killed", None),
        # a bare number is the people a relative clause tells of ("nine who tested positive")
        ("Nine who tested positive have died from other causes.", "deaths", None),
        ("A father of nine who lives in Beersheba trains volunteers.", None, None),
        # but not a verb the relative clause goes on with, nor one it denies
        (
            "They quarantined 92 passengers who were in close contact with the infected.",
            "count",
            None,
        ),
        ("The 46,500 people who have not tested positive are in quarantine.", "count", None),
        (
            "This leaves 16,199 active cases who remain either in hospital or at home.",
            "cases",
            None,
        ),
        # not what a later verb did, nor the people an active verb acts on
        ("About 100 people who saw police beat protesters gave evidence.", "count", None),
        ("Police in Australia, which has reported 26,200 cases, arrested a man.", "cases", None),
    ],
)
def test_what_the_counted_people_did_names_their_metric(
    text: str, metric: str | None, measure: str | None
):
    rows = _claims(text)
    if metric is None:
        assert all(r["family"] != "people" for r in rows)
        return
    row = rows[0]
    assert row["metric"] == metric and (measure is None or row["measure"] == measure)


def test_a_place_is_named_already_only_by_a_whole_word():
    """ "virus" holds the letters of "US" but names no country: the place is still added."""
    text = "The US has recorded nearly 370,000 virus cases."
    assert _claims(text)[0]["measure"] == "virus cases in the US"


def test_a_place_named_twice_is_added_once_whatever_the_hash_seed():
    """Two names of one place ("the United States", "the US") are one place: the measure that
    holds either is left alone, in every process (a set's order once decided which was seen)."""
    text = "In the United States, Amazon received 53 reports in the US about power banks."
    measure = _claims(text)[0]["measure"]
    assert measure.count(" in the US") == 1 and "United States" not in measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("A boy with $3 in his pocket was pulled over by police.", "pocket"),  # not the pocket's
        (
            "Texas has unemployment claims that have topped one million.",
            "unemployment claims in Texas",
        ),
        ("Japan, which bans entry from 146 designated countries, said so.", "designated countries"),
        ("The minimum salary was increased to $2,400 in January.", "salary"),
        ("About 200 viruses that cause it are known.", "viruses"),  # no clause left
    ],
)
def test_a_measure_is_not_read_on_into_what_the_amount_did(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("sentence", "source"),
    [  # a description before the name, and the statement or data before it
        (
            "Arrivals reached 86 per cent of last year's levels, said travel data firm ForwardKeys.",
            "ForwardKeys",
        ),
        (
            "Use of the app plunged by nearly 60%, according to research company Arora Mobile.",
            "Arora Mobile",
        ),
        (
            "The flow reached 75 million litres a second, according to a statement from the "
            "Ministry of Water Resources.",
            "Ministry of Water Resources",
        ),
        (
            "Deaths rose to 7,152, according to data collated by Johns Hopkins University.",
            "Johns Hopkins University",
        ),
        # research done by someone, and research that the sentence ends on
        (
            "An analysis by radio network Cadena Ser found at least 397 residents had died.",
            "Cadena Ser",
        ),
        (
            "A survey of adults by the Ministry of Culture, Sports and Tourism showed that 80.2 "
            "per cent supported the idea.",
            "Ministry of Culture, Sports and Tourism",
        ),
        (
            "France has recorded more than 425,000 infections, Johns Hopkins University research shows.",
            "Johns Hopkins University",
        ),
        (
            "Official figures released on Saturday showed a further 3,497 people tested positive.",
            "Official figures",
        ),
        # a name past its acronym or an aside, and a forecast
        (
            "The Korea Centres for Disease Control and Prevention (KCDC) said 22.7 per cent of the "
            "cases remain unclear.",
            "The Korea Centres for Disease Control and Prevention",
        ),
        ("Jack Dorsey, the founder of Twitter, has said he will donate $1bn.", "Jack Dorsey"),
        (
            "The International Air Transport Association expects losses of almost $40bn.",
            "The International Air Transport Association",
        ),
        # a vague but stated source, official data named last, a body's data and modelling
        ("Some economists say the unemployment rate could double to 8%.", "Some economists"),
        ("Exports fell 5% in March, official figures showed.", "official figures"),
        ("So far, 11 people have died, health ministry data showed.", "health ministry"),
        ("Exports fell 5% in March, customs data showed.", "customs data"),
        ("Central bank data shows that the economy shrank by 3.2 per cent.", "Central bank"),
        ("Prof Ferguson's modelling showed 250,000 people could die.", "Prof Ferguson"),
        ("Independent polls gave her a 60-70% share of the vote.", "Independent polls"),
        ("Yet polls show that about 10% of voters still support him.", "polls"),
    ],
)
def test_a_source_is_found_in_the_ways_news_names_one(sentence, source):
    assert _claims(sentence)[0]["attributed_to"] == source


@pytest.mark.parametrize(
    "sentence",
    [
        "Job cuts will follow in the US oil industry, including in 20 Republican-leaning states.",
        "Ashleigh Seymour, 26, from Romsey says she pays a 30% retainer.",
        "The ministry's most recent data shows there are now 78,733 active cases.",
        "Tuesday's figures show the death toll rose to 12,428.",
        "But Johnson imposed stringent controls after projections showed 250,000 could die.",
    ],
)
def test_words_before_a_verb_that_name_no_source_give_none(sentence):
    assert _claims(sentence)[0]["attributed_to"] is None


@pytest.mark.parametrize(
    ("text", "as_of"),
    [  # a span is as of its end
        ("The group documented 22 attacks between Feb 7 and March 25.", date(2020, 3, 25)),
        ("Flu killed 50 million people between February 1918 and April 1920.", date(1920, 4, 30)),
        # a possessive time owns its noun, unless it dates the amount or follows "during"
        (
            "In the week to Friday, arrivals reached 86 per cent of last year's levels.",
            date(2020, 8, 21),
        ),
        ("Saturday's 1,200 new cases were a record.", date(2020, 8, 22)),
        ("The package grew by $500bn during Saturday's negotiations.", date(2020, 8, 22)),
        # a time after a base the amount is compared with dates the base
        ("Officials reported 70 new cases, compared with 80 a day earlier.", date(2020, 8, 24)),
        # the start of what is counted is not the figure's date
        (
            "The outbreak, which began in December last year, has infected 23.8 million people.",
            date(2020, 8, 24),
        ),
        # a figure for the end of a period is as of its last day
        ("Cases could cross 300,000 by the end of the month.", date(2020, 8, 31)),
        # the date the sentence before opens with frames a figure told in the past ...
        (
            "In 2018, the employment rate for graduates fell. The median salary was £34,000.",
            date(2018, 12, 31),
        ),
        ("On March 8, Spain held a march. The country had 589 confirmed cases.", date(2020, 3, 8)),
        # ... not one told as it stands now, counted from another day, or quoted
        ("In 2018, the rate fell. The median salary is £34,000.", date(2020, 8, 24)),
        (
            "In February 2019, a fire broke out. A month later, 25 people were killed.",
            date(2020, 8, 24),
        ),
        (
            'In July, the senators wrote. "It had $70 million in funding," they wrote.',
            date(2020, 8, 24),
        ),
    ],
)
def test_the_date_a_figure_holds_for(text: str, as_of: date):
    assert _claims(text)[0]["as_of_date"] == as_of


@pytest.mark.parametrize(
    ("text", "dates"),
    [  # a base with a time of its own is as of it, not of the figure compared with it
        (
            "There were six cases on Monday, up from four cases on Sunday.",
            [date(2020, 8, 24), date(2020, 8, 23)],
        ),
        (
            "In 2019, Japan had 22 million temp workers, compared to 17 million in 2011.",
            [date(2019, 12, 31), date(2011, 12, 31)],
        ),
        # the base's own time after a preposition is not the figure's
        (
            "Borrowing was £26.7bn, down from a revised £29.5bn in June.",
            [date(2020, 8, 24), date(2020, 6, 30)],
        ),
        # ... and a base without one shares the figure's
        (
            "In 2019, travellers took 6 billion trips at home, compared with 155 million trips abroad.",
            [date(2019, 12, 31)] * 2,
        ),
    ],
)
def test_a_base_a_figure_is_compared_with_is_as_of_its_own_time(text: str, dates: list[date]):
    assert [r["as_of_date"] for r in _claims(text)] == dates


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # what a level is of, across an aside or a quotation mark
        (
            "The July borrowing figure - the difference between spending and income - was £26.7bn.",
            "borrowing figure",
        ),
        ('It now estimates her net worth at "just under $900m".', "net worth"),
    ],
)
def test_a_level_is_of_the_noun_before_an_aside_or_a_quote(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


def test_pounds_of_a_thing_weigh_it_and_pounds_of_money_are_money():
    rows = _claims(
        "Agents found 86 pounds of methamphetamine. The firm lost 5 million pounds of revenue."
    )
    assert [(r["quantity_text"], r["unit"]) for r in rows] == [
        ("86 pounds", "pound"),
        ("5 million pounds", "GBP"),
    ]
    assert _claims("He lost 20 pounds in a month.") == []  # a body's weight is no statistic


def test_a_count_is_counted_by_its_own_verb_not_by_the_next_one_after_and():
    rows = _claims("The flu killed as many as 50 million and infected around 500 million.")
    assert [r["metric"] for r in rows] == ["deaths", "cases"]
    rows = _claims("Infections are nearly at half a million people and deaths at more than 22,000.")
    assert [r["metric"] for r in rows] == ["cases", "deaths"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Jack Dorsey has said he will donate $1bn towards the pandemic response.", "aid"),
        ("Maguire, an £80m signing from Leicester City, was named captain.", "deal_value"),
        ("Malaysia will see a -4.6 per cent contraction in a lower-case scenario.", "growth"),
    ],
)
def test_money_and_rates_named_by_the_words_of_general_news(text: str, metric: str):
    assert _claims(text)[0]["metric"] == metric


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Xpeng hopes to raise up to $1.1bn in its listing.", "target"),
        ("Jack Dorsey said he will donate $1bn to the effort.", "target"),
        ("The project will cost $5bn and is due to be finished by 2022.", "projected"),
        ("The tower will weigh 13,000 tons once complete.", "projected"),
        # a sum or a count pledged or promised is a target, however the pledge is told
        ("The World Bank Group has also pledged US$150 billion in support.", "target"),
        ("He said he had been promised an additional 200 ventilators.", "target"),
        # not the people before whom something was pledged
        ("Nine members pledged in front of hundreds of protesters to disband it.", "reported"),
        # what someone will do, or is to do, is a plan; what will happen is a forecast
        ("The extended cuts mean that SIA will fly to just 15 cities up till end-June.", "target"),
        ("Virgin Atlantic has announced it is to cut more than 3,000 jobs.", "target"),
        ("The biggest chunk, 150 trillion rupiah, will be set aside for recovery.", "target"),
        ("The IMF expects the economy will shrink by 6.5% in 2020.", "projected"),
    ],
)
def test_hopes_pledges_and_future_costs_are_no_reported_figures(text: str, modality: str):
    assert _claims(text)[0]["modality"] == modality


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # whose level, not the verb that set it, nor the period
        ("Apple's revenue rose to $59.7bn.", "Apple's revenue"),
        ("Singapore's economy shrank 41.2% in the second quarter.", "Singapore's economy"),
    ],
)
def test_a_level_measures_what_reached_it(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


@pytest.mark.parametrize(
    ("text", "measure"),
    [  # what changed reads across an aside and a journey's ends
        (
            "Trips from Stockholm to Gotland - a popular destination - dropped by 96 per cent.",
            "Trips from Stockholm to Gotland",
        ),
        ("Exports to China fell 5% in March.", "Exports to China"),
        # and what its head is of, at or from, but no amount, verb of saying or aside before it
        ("The price of oil jumped 4% on Monday.", "price of oil"),
        ("Sales at the retailer rose 12% in the quarter.", "Sales at the retailer"),
        (
            "Britain's death toll from the virus rose by 20 per cent.",
            "Britain's death toll from the virus",
        ),
        ("Analysts said demand for oil in China fell 5%.", "demand for oil in China"),
        ("Chinese car sales, for example, dropped by 92% in February.", "Chinese car sales"),
        ("The number of travellers at Gatwick dropped by 66%.", "travellers at Gatwick"),
        ("The S&P 500 fell 3% on Monday.", "S&P 500"),
        # what a verb of change moved, with no "by" before the percentage
        ("They reduced the fatality rate 85% since April.", "fatality rate"),
        ("The firm raised prices 5% in March.", "prices"),
        # past a word between the verb and the amount ("fell just 5%", "plunged as much as")
        ("Brent crude fell just 5% on Monday.", "Brent crude"),
        ("The company's stock plunged as much as 22 per cent.", "company's stock"),
        ("Nomura estimates China's economy will grow by only 1% in 2020.", "China's economy"),
        ("The group carried 102,122 tonnes of cargo, down 36.7 per cent.", "tonnes of cargo"),
    ],
)
def test_what_changed_reads_across_an_aside(text: str, measure: str):
    assert _claims(text)[-1]["measure"] == measure


def test_a_period_is_not_what_a_sum_measures():
    (row,) = _claims("The airline posted a loss of $812m in the quarter.")
    assert "quarter" not in row["measure"]


def test_a_list_of_places_places_no_figure_and_a_number_is_no_clause_break():
    listed = "The number of cases tripled to more than 200 and the virus was detected in Beijing, Shanghai and Shenzhen."
    assert "Beijing" not in _claims(listed)[0]["measure"]
    (row,) = _claims(
        "Over 55% of the 1,251 people surveyed across Thailand were against the plan."
    )[:1]
    assert row["measure"].endswith("in Thailand")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The Ministry of Health (MOH) has preliminarily confirmed 753 new cases on Saturday.",
            "The Ministry of Health",
        ),
        ("Mrs Lam reiterated that 25 per cent of the cases are without symptoms.", "Mrs Lam"),
        ("The Navy initially said that it had moved 2,700 sailors ashore.", "The Navy"),
        (
            "The US death toll topped 42,000 on Monday, according to a Reuters tally.",
            "Reuters",  # the body, not its data: also "a Pew Research Center survey"
        ),
        (
            "A new Pew Research Centre survey found that 59% of adults agreed.",
            "Pew Research Centre",
        ),
        ("Land Registry data for April released on Tuesday recorded 4,900 sales.", "Land Registry"),
        (
            "About 3.3 million Americans filed jobless claims last week, according to newly"
            " released Department of Labor statistics.",
            "Department of Labor",
        ),
        ("Yet recent research found that 40% of cases were mild.", "recent research"),
        (
            "Retrofitting 3 million homes is impossible, said architect Nigel Bell of ECOdesign Architects.",
            "Nigel Bell of ECOdesign Architects",
        ),
    ],
)
def test_a_source_past_its_acronym_its_adverb_or_its_description(sentence, source):
    assert _claims(sentence)[0]["attributed_to"] == source


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Apple reported revenue of $59.7bn for the quarter.", "Apple's revenue"),
        ("Disney posted a loss of $812m in the quarter.", "Disney's loss"),
        ("Later on Thursday Singapore announced a package worth $33.7bn.", "Singapore's package"),
    ],
)
def test_a_named_body_owns_the_figure_it_reports(text: str, measure: str):
    assert _claims(text)[0]["measure"] == measure


def test_a_superlative_after_a_number_sizes_a_list():
    assert _claims("He published a ranking of the 10 longest sandbars in the Philippines.") == []
    (row,) = _claims("The warmth saw six of the 20 largest fires on record occur this year.")
    assert row["quantity_text"] == "six"


def test_people_named_by_an_agent_noun_are_counted_and_things_are_not():
    """A few rappers, bidders or vaccine developers are a count of people; a few computers or
    cheeseburgers are narrative; "in case" is no case of a disease."""
    text = (
        "Police detained two popular rappers in Bangkok. Three vaccine developers are in the "
        "final phase of trials. He bought three computers and ate two cheeseburgers. "
        "The region is using two different suppliers in case one fails to deliver."
    )
    rows = {(r["quantity_text"], r["metric"], r["measure"]) for r in _claims(text)}
    assert rows == {
        ("two", "detained", "popular rappers detained by police in Bangkok"),
        ("Three", "count", "vaccine developers are in the final phase of trials"),
        ("two", "count", "different suppliers"),
    }


def test_a_verb_with_its_own_count_after_it_does_not_count_the_people_before():
    (row,) = [
        r
        for r in _claims("More than 12,000 residents battled blazes that have killed six people.")
        if r["quantity_text"] == "More than 12,000"
    ]
    assert row["metric"] == "count"


def test_what_rose_after_an_auxiliary_and_an_adverb_and_a_hedge_ends_no_measure():
    rows = {
        r["quantity_text"]: r["measure"]
        for r in _claims(
            "Tesla's stock has already soared about 500% in 2020. The first 100,000 cases were "
            "reported in around 55 days, according to a Reuters tally."
        )
    }
    assert rows["about 500%"] == "Tesla's stock"
    assert not rows["100,000"].endswith("around")


def test_gallery_captions_and_in_many_cases_give_no_figures_and_no_cases():
    rows = _claims(
        "Hide Caption 3 of 14 Photos: Dr. Anthony Fauci's career under 6 US presidents. "
        "Sales soared as millions of Americans have been staying at home -- and in many cases "
        "working remotely -- during the pandemic."
    )
    assert [(r["quantity_text"], r["metric"]) for r in rows] == [("millions", "count")]


def test_what_changed_is_after_an_opening_phrase_and_a_cut_share_is_of_what_follows():
    rows = {
        r["quantity_text"]: r["measure"]
        for r in _claims(
            "After the announcement on Wednesday evening, shares in Disney jumped 7% on Wall "
            "Street. Airbnb is planning to cut 25% of its staff."
        )
    }
    assert rows == {"7%": "shares in Disney", "25%": "share of staff"}


def test_list_items_that_leave_out_what_they_count_take_it_with_their_own_place():
    rows = [
        (r["quantity_text"], r["metric"], r["measure"])
        for r in _claims(
            "The crew included 39 people from the Philippines, two from New Zealand and two "
            "from Australia. Unison's 800,000 workers, the GMB's 70,000 and Amicus' 20,000 are "
            "being balloted. This leaves 16,199 active cases, of whom eight are in intensive care. "
            "The passengers, seven men between the ages of 40 and 50, were heading to Cannes."
        )
    ]
    assert ("two", "count", "people from New Zealand") in rows
    assert ("two", "count", "people from Australia") in rows
    assert ("70,000", "count", "workers") in rows and ("20,000", "count", "workers") in rows
    assert any(text == "eight" for text, _, _ in rows)  # of whom eight: of those cases
    assert not any(text == "50" for text, _, _ in rows)  # an age, not more men


def test_a_sum_earned_or_generated_is_what_was_done_with_it():
    (row,) = [r for r in _claims("Sofia Shapatava earned $2,900 in the first three months.")]
    assert row["measure"].startswith("amount earned by Sofia Shapatava")


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("JPMorgan's profit plummeted 69% to $2.9 billion.", "JPMorgan"),
        ("Xpeng Motors sold 85 million shares.", "Xpeng Motors"),
        ("A poll showed Ishiba with 28 per cent support.", "Ishiba"),
        ("Earlier this month, Germany pledged €8bn in rescue funds.", "Germany"),
        ("Italy was down -85% and France -72% in March.", {"Italy", "France"}),
        ("Amazon took on thousands of temporary workers during the pandemic.", "Amazon"),
        # a place the figure is in, or a name after a preposition, owns nothing
        ("Apple said sales in China rose 5%.", None),
        ("He had asked the White House for an additional 1,000 nurses.", None),
    ],
)
def test_a_sum_rate_or_count_belongs_to_the_name_that_owns_it(sentence, subject):
    expected = subject if isinstance(subject, set) else {subject}
    assert {r["subject"] for r in _claims(sentence)} == expected


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("Black Panther grossed more than $1.3 billion at the global box office.", "revenue"),
        ("The May contract was trading at US$17.85 on Monday.", "price"),
    ],
)
def test_takings_and_trading_prices_have_their_money_metric(sentence, metric):
    assert [r["metric"] for r in _claims(sentence)] == [metric]
