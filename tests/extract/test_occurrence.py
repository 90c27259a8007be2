"""Is it an event? Word senses, kinds, habits and names are not; anchored nouns are; dates are
ranges when the text gives no day; a lead's day carries to the same kind of event."""

from __future__ import annotations

from datetime import date

import pytest

from flows.annotate import annotate
from flows.extract import extract_events, extract_statistics
from flows.extract.occurrence import not_an_occurrence
from flows.extract.triggers import find_triggers
from flows.model import Article, stable_id

PUBLISHED = date(2020, 9, 19)  # a Saturday


def _mentions(text: str, published: date | None = PUBLISHED) -> list[dict]:
    article = Article(
        article_id=stable_id(text),
        document_id=stable_id("doc", text),
        source_file="a.txt",
        position=0,
        headline=None,
        text=text,
        captions=None,
        published_date=published,
        published_date_source="metadata" if published else "unknown",
        published_date_text=None,
    )
    reading = annotate(article)
    return extract_events(reading, extract_statistics(reading))


def _verdict(sentence: str, trigger: str) -> str | None:
    hit = next(h for h in find_triggers(sentence) if sentence[h.start : h.end] == trigger)
    return not_an_occurrence(sentence, hit)


@pytest.mark.parametrize(
    ("sentence", "trigger", "why"),
    [
        ("The hotel offers an arresting panorama of the old harbour at dusk.", "arresting", "adjective"),
        ("The two paintings bear a striking resemblance to each other.", "striking", "adjective"),
        ("The mayor has frequently criticized the governor over the budget.", "criticized", "habit"),
        ("Many migrants live in constant fear of deportation by the authorities.", "deportation", "kind"),
        ("The treaty covers trade, security and aviation cooperation for a decade.", "cooperation", "kind"),
        ("Delegates of the Organization for Security and Co-operation in Europe arrived.", "Co-operation", "name"),
    ],
)  # fmt: skip
def test_words_that_report_no_occurrence(sentence: str, trigger: str, why: str) -> None:
    assert _verdict(sentence, trigger) == why


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Union leaders held talks with the transport minister in Rome.", "talks"),
        ("The striking workers blocked the gates of the steel plant.", "striking"),
        ("The strike has halted production at three car plants.", "strike"),
        ("The walkout by about 16,000 junior doctors entered its third week.", "walkout"),
        ("Protests in Lagos turned violent as police fired tear gas.", "Protests"),
        ("Police arrested 40 people after the match.", "arrested"),
        # a verb after a modal and an adverb, though it ends like a noun
        ("The US will also sanction officials involved in the crackdown.", "sanction"),
        # a predicate after a noun phrase with a determiner
        ("Iran said reports about threats in the Gulf were baseless.", "were baseless"),
    ],
)
def test_occurrences_are_kept(sentence: str, trigger: str) -> None:
    assert _verdict(sentence, trigger) is None


def test_general_news_vocabulary_is_found() -> None:
    """Raids, court appearances, charges, denials, boycotts, endorsements: the language of
    crime, courts, diplomacy and business reporting, beyond street politics."""
    text = (
        "Police raided a warehouse in Lyon on Tuesday and seized 40 kilograms of cocaine. "
        "The driver appeared in court in Manchester on Wednesday and was charged with speeding. "
        "The Kremlin on Thursday denied the report that the minister had resigned. "
        "The European Union on Friday endorsed Prime Minister Mark Rutte's plan. "
        "The government of Peru imposed a nationwide lockdown on Saturday. "
        "The European Union accepted the offer of Prime Minister Mark Rutte on Sunday."
    )
    found = {(m["event_type"], m["trigger"]) for m in _mentions(text)}
    assert {("COERCE", "raided"), ("COERCE", "appeared in court")} <= found
    assert {("ACCUSE", "was charged with"), ("REJECT", "denied"), ("SUPPORT", "endorsed")} <= found
    assert {("COERCE", "imposed a nationwide lockdown"), ("AGREE", "accepted the offer")} <= found


def test_a_lead_day_carries_to_later_reports_of_the_same_kind_but_not_a_dated_one() -> None:
    text = (
        "Police detained 40 protesters in Lagos on Thursday. "
        "Those detained by police included two journalists, their union said. "
        "Police detained three more people in Lagos on Friday."
    )
    days = [(m["event_date"], m["date_source"]) for m in _mentions(text)]
    assert days == [
        (date(2020, 9, 17), "text"),
        (date(2020, 9, 17), "coreference"),
        (date(2020, 9, 18), "text"),
    ]


def test_coarse_dates_are_ranges_that_end_by_publication() -> None:
    """A month or week the text names is a range, cut at publication for what happened."""
    (m,) = _mentions("Police arrested the opposition leader in Minsk this month.")
    assert (m["date_precision"], m["date_low"], m["date_high"]) == (
        "month",
        date(2020, 9, 1),
        PUBLISHED,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the airline rallied 9 per cent in Hong Kong on Friday.",
        "US bombers flew over Poland on Friday to demonstrate NATO solidarity.",
        "The court voted to strike down the ban in Ohio on Friday.",
        "Police in Japan can keep suspects detained for 23 days without charge.",
    ],
)
def test_other_senses_and_general_rules_are_no_events(text: str) -> None:
    assert [m["event_type"] for m in _mentions(text) if m["event_type"] == "PROTEST"] == []
    assert [m for m in _mentions(text) if m["event_type"] == "COERCE"] == []


def test_without_a_publication_date_an_undated_report_has_no_range() -> None:
    """The latest date an article reports is no publication date: the week up to it would
    mislead, so an undated report keeps no range; "now" dates nothing."""
    article = Article(
        article_id=stable_id("weak"),
        document_id=stable_id("doc", "weak"),
        source_file="a.txt",
        position=0,
        headline=None,
        text="Police arrested the opposition leader in Minsk. Protests in Minsk continue now.",
        captions=None,
        published_date=None,
        published_date_source="unknown",
        published_date_text="latest reported date 2020-08-15: August 15",
    )
    reading = annotate(article)
    for m in extract_events(reading, extract_statistics(reading)):
        assert (m["event_date"], m["date_low"], m["date_high"]) == (None, None, None), m


def test_a_day_counted_from_an_event_the_article_dates() -> None:
    """ "The day after the vote" and "two weeks after the election" count from the day the
    article gives the election; a date inside a relative clause dates that clause only."""
    text = (
        "Protests erupted after the August 9 presidential election in Belarus. "
        "Police detained opposition leader Maria Kolesnikova in Minsk the day after the vote. "
        "Two weeks after the election, 100,000 people marched in Minsk. "
        "Police in Lagos, who were praised by the governor in 2019, detained 40 protesters."
    )
    days = {m["trigger"]: (m["event_date"], m["date_source"]) for m in _mentions(text)}
    assert days["marched"] == (date(2020, 8, 23), "text")
    kolesnikova = [m for m in _mentions(text) if "Kolesnikova" in m["evidence"]]
    assert [(m["event_date"], m["date_text"]) for m in kolesnikova] == [
        (date(2020, 8, 10), "the day after the vote")
    ]
    lagos = [m for m in _mentions(text) if m["trigger"] == "detained" and "Lagos" in m["evidence"]]
    assert [(m["event_date"], m["date_source"]) for m in lagos] == [(None, "publication")]


def test_market_demand_and_gallery_captions_are_no_events() -> None:
    text = (
        "General Electric said on Friday that demand for air travel in Europe had collapsed. "
        "Police detained protesters in Lagos on Friday. Hide Caption 3 of 12"
    )
    assert [m["event_type"] for m in _mentions(text)] == ["COERCE"]


def test_a_sentence_that_goes_on_with_the_past_is_a_recap() -> None:
    """After "In 1966, ...", an undated "Police arrested ..." tells the story's past, not news;
    a sentence with a day of its own does not."""
    text = (
        "In 1966, a family of four was found dead in a burning house in Shizuoka. "
        "Police arrested a former boxer in Shizuoka for the murders. "
        "Police in Shizuoka arrested a neighbour on Friday."
    )
    flags = [(m["trigger"], m["background"], m["date_source"]) for m in _mentions(text)]
    assert flags == [("arrested", True, "background"), ("arrested", False, "text")]


def test_the_past_of_what_an_event_is_against_is_not_the_storys_past() -> None:
    """ "to protest against the crackdown ... 31 years ago" dates the crackdown: the next,
    undated sentence is still today's news."""
    text = (
        "Earlier, lawmakers threw liquid in the chamber to protest against the crackdown by "
        "Chinese troops in and around Beijing's Tiananmen Square 31 years ago. "
        "The disruption came after pro-establishment lawmakers vetoed most amendments to the bill."
    )
    vetoed = next(m for m in _mentions(text) if m["trigger"] == "vetoed")
    assert not vetoed["background"]


def test_a_year_in_a_relative_clause_or_years_of_habit_tell_what_is_past() -> None:
    """A year in a relative clause of the sentence before is no story's past; "in recent years"
    and "over the decades" in the sentence itself are."""
    text = (
        "The suspect, who obtained refugee status in 2017, was not known to police. "
        "Police arrested the suspect in Lyon. "
        "In recent years, police arrested dozens of activists in Lyon."
    )
    flags = [(m["trigger"], m["background"]) for m in _mentions(text)]
    assert flags == [("arrested", False), ("arrested", True)]


def test_students_doctors_and_a_ministry_are_actors_of_their_own() -> None:
    text = (
        "Students marched in Lagos on Friday. "
        "The ministry on Friday denied the report that the minister had resigned."
    )
    actors = {m["event_type"]: m["actor1"] for m in _mentions(text)}
    assert actors["PROTEST"] == "students" and actors["REJECT"] == "ministry"


@pytest.mark.parametrize(
    "text",
    [
        "The next 50 came off only 19 deliveries, thanks largely to Tom Banton's brilliance.",
        "A worker disinfects a car for Chinese ride hailing company Didi in Beijing on Monday.",
        "The man was from back East, said Forrest Fenn, who hid the chest in 2010.",
        "Sundee Rutter was told on Friday she was beating breast cancer.",
        "Sarah Archer flew to Belgrade on July 10 to meet her boyfriend, Tom Smith.",
        "Jenna Lyons at the 2015 Met Gala, in New York City.",
        "The British government is shelling out £500,000 for influencers on Friday.",
    ],
)
def test_everyday_senses_of_praise_beating_and_meeting_are_no_events(text: str) -> None:
    assert [m["trigger"] for m in _mentions(text)] == []


def test_court_orders_coerce_and_promised_action_against_someone_threatens() -> None:
    text = (
        "A judge in Texas on Wednesday granted a temporary restraining order against the ban. "
        "Prime Minister Prayut Chan-o-cha on Tuesday promised legal action against the officers. "
        "Police issued an order for the protest in Berlin to disperse on Saturday."
    )
    found = {(m["event_type"], m["trigger"], m["actor1"]) for m in _mentions(text)}
    assert ("COERCE", "granted a temporary restraining order", "court") in found
    assert ("THREATEN", "promised legal action against", "Prayut Chan-o-cha") in found
    assert ("COERCE", "disperse", "police") in found  # an order to disperse is no court order


def test_a_date_after_a_noun_triggers_own_phrases_dates_it() -> None:
    """'talks with the Soviet Union in Geneva tomorrow': the talks' day, planned (it is after
    publication)."""
    (talks,) = _mentions(
        "Reagan said the United States would offer a draft treaty at talks with the Soviet "
        "Union in Geneva tomorrow."
    )
    assert (talks["date_low"], talks["modality"]) == (date(2020, 9, 20), "planned")


def test_lifted_quarantines_called_off_forums_and_reimposed_restrictions() -> None:
    text = (
        "The Chinese government lifted a two-month quarantine on Hubei on Wednesday. "
        "The annual summit between Germany and China has been called off, officials said on "
        "Friday. "
        "Tough restrictions will be reimposed in Jakarta from Monday (Sept 21), Governor Anies "
        "Baswedan said on Wednesday."
    )
    found = {(m["event_type"], m["trigger"], m["modality"]) for m in _mentions(text)}
    assert ("RETREAT", "lifted a two-month quarantine", "asserted") in found
    assert ("RETREAT", "called off", "asserted") in found  # 'annual' is no habit
    assert ("COERCE", "restrictions will be reimposed", "planned") in found


def test_warnings_with_their_object_vows_of_revenge_and_admonitions() -> None:
    text = (
        "Iran warned the United States earlier on Friday against exacerbating the Gulf crisis. "
        "President Ronald Reagan on Friday warned Iran of stronger American countermeasures. "
        "Pope Francis on Friday called for debt relief for the poorest nations. "
        "Russia on Friday admonished Ukraine for the shelling."
    )
    found = {(m["event_type"], m["actor1"]) for m in _mentions(text)}
    assert {("THREATEN", "Iran"), ("THREATEN", "Ronald Reagan")} <= found
    assert ("REQUEST", "Francis") in found  # a pope's one name after the title is a person
    assert ("ACCUSE", "Russia") in found


def test_closed_borders_fines_executions_laws_signed_and_blocked_roads_are_events() -> None:
    kinds = {
        "Hungary closed its borders to foreigners on Monday.": "COERCE",
        "Police fined the company $10,000 on Monday.": "COERCE",
        "Iran executed a wrestler on Saturday.": "ASSAULT",
        "The president signed the bill into law on Friday.": "AGREE",
        "Protesters blocked roads in the capital on Monday.": "PROTEST",
    }
    for text, kind in kinds.items():
        assert kind in {m["event_type"] for m in _mentions(text)}, text
    hampered = "Assessments are being hampered by blocked roads and flooding on Monday."
    assert not _mentions(hampered)
    police = "Police blocked roads from the camp on Monday."
    assert "PROTEST" not in {m["event_type"] for m in _mentions(police)}


def test_the_time_of_an_event_told_before_is_a_recap_and_meanwhile_is_not() -> None:
    def background(text: str, kind: str) -> bool:
        return next(m["background"] for m in _mentions(text) if m["event_type"] == kind)

    assert background(
        "Around the same time, he also praised China's efforts in a tweet.", "SUPPORT"
    )
    assert background("Back then, Lee was found guilty of bribery.", "COERCE")
    backing = "At the same time, the signatories gave their backing to the WHO on Monday."
    assert not background(backing, "SUPPORT")


def test_a_warning_of_ones_own_action_if_something_happens_threatens_and_a_charge_accuses() -> None:
    threat = "Trump warned Saudi Arabia on Friday that the US would impose sanctions if it did not cut output."
    assert ("THREATEN", "Donald Trump") in {
        (m["event_type"], m["actor1"]) for m in _mentions(threat)
    }
    forecast = (
        "Boris Johnson warned on Friday that hospitals could be overwhelmed if people do not act."
    )
    assert "THREATEN" not in {m["event_type"] for m in _mentions(forecast)}  # no own action
    japan = "Japan warned the United States it may take retaliatory measures, an official said."
    assert ("THREATEN", "Japan") in {(m["event_type"], m["actor1"]) for m in _mentions(japan)}
    charged = "The opposition charged on Monday that the vote was rigged."
    assert "ACCUSE" in {m["event_type"] for m in _mentions(charged)}
    rejected = (
        "DeJoy rejected charges on Monday that he was trying to undermine the Postal Service."
    )
    assert "ACCUSE" not in {m["event_type"] for m in _mentions(rejected)}


def test_when_to_lift_a_lockdown_is_no_lifting() -> None:
    (m,) = _mentions("The government is pondering the question of when to lift the lockdown.")
    assert m["modality"] == "hypothetical"


def test_earlier_in_the_day_is_the_day_of_the_report_or_of_the_sentence_before() -> None:
    text = (
        "Iran warned the United States earlier in the day against exacerbating the Gulf crisis. "
        "Police arrested an activist in Minsk on Sunday. Later that day, protesters marched in "
        "Minsk."
    )
    days = {m["trigger"]: m["date_low"] for m in _mentions(text)}
    assert days["marched"] == date(2020, 9, 13)
    assert next(d for t, d in days.items() if t.startswith("warned")) == PUBLISHED


def test_a_later_date_in_a_past_verbs_clause_is_what_it_is_about() -> None:
    """'called for ... a program costing 8.9 billion dlrs through 2022': the calling happened
    (in the week up to publication); the year is the program's. 'Will be' keeps it planned."""
    (call,) = _mentions(
        "President Reagan called for approval of a program costing 8.9 billion dlrs through 2022."
    )
    assert (call["modality"], call["date_high"]) == ("asserted", PUBLISHED)
    (ban,) = _mentions("Tough restrictions will be reimposed in Jakarta in 2021.")
    assert ban["modality"] == "planned"


def test_demonstrators_who_defy_a_curfew_protest_and_a_warning_that_x_risks_threatens() -> None:
    text = (
        "Tens of thousands of demonstrators defied night-time curfews on Tuesday in Chicago. "
        "Pope Francis warned the European Union on Sunday that it risked collapse."
    )
    found = {(m["event_type"], m["trigger"]) for m in _mentions(text)}
    assert ("PROTEST", "defied night-time curfews") in found
    assert ("THREATEN", "warned the European Union on Sunday that it risked") in found


def test_a_progressive_is_no_passive() -> None:
    """'Police are appealing for' is police appealing; 'were being detained by police' is passive."""
    text = (
        "Police are appealing for the public's help in Leeds on Friday. "
        "Protesters were being detained by police in Minsk on Friday."
    )
    actors = {m["trigger"]: (m["actor1"], m["actor2"]) for m in _mentions(text)}
    assert actors["appealing for"] == ("police", None)
    assert actors["detained"] == ("police", "protesters")
