"""Event mentions: PLOVER type and mode, modality, actors, place, date and linked sizes."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from flows.annotate import annotate, reading
from flows.annotate.entities import find_entities
from flows.annotate.sentences import split_sentences
from flows.extract.events import extract_events
from flows.extract.statistics import extract_statistics
from flows.extract.triggers import find_triggers, modality_of, rules
from flows.model import Article, stable_id

NEWS2020 = Path("/work/shared/corpora/news2020_bbc_cnn_st/articles.jsonl")


def _article(text: str, published: date | None = date(2020, 9, 19), captions: str | None = None):
    return Article(
        article_id=stable_id(text),
        document_id=stable_id("doc"),
        source_file="t.txt",
        position=0,
        headline=None,
        text=text,
        captions=captions,
        published_date=published,
        published_date_source="inferred" if published else "unknown",
        published_date_text=None,
    )


def _mentions(text: str, published: date | None = date(2020, 9, 19), **kw) -> list[dict]:
    return _events(_article(text, published, **kw))


def _events(art: Article, claims: list[dict] | None = None) -> list[dict]:
    """The event mentions of an article, sized by its statistics unless `claims` are given."""
    read = annotate(art)
    return extract_events(read, extract_statistics(read) if claims is None else claims)


def _one(mentions: list[dict], event_type: str) -> dict:
    found = [m for m in mentions if m["event_type"] == event_type]
    assert len(found) == 1, [(m["event_type"], m["trigger"]) for m in mentions]
    return found[0]


def test_detention_is_coerce_arrest_with_actors_date_and_place():
    text = (
        "Riot police on Saturday detained hundreds of women, dragging many into vans, as "
        "opposition protesters marched through the Belarusian capital Minsk."
    )
    ms = _mentions(text)
    arrest = _one(ms, "COERCE")
    assert (arrest["event_mode"], arrest["modality"]) == ("arrest", "asserted")
    assert (arrest["actor1"], arrest["actor2"]) == ("riot police", "protesters")
    assert (arrest["event_date"], arrest["date_precision"]) == (date(2020, 9, 19), "day")
    assert (arrest["location"], arrest["country_code"]) == ("Minsk", "BLR")
    assert arrest["latitude"] == pytest.approx(53.9, abs=0.1)
    march = _one(ms, "PROTEST")
    assert march["event_date"] == date(2020, 9, 19)


def test_planned_march_is_flagged_and_dated_ahead():
    text = (
        "A “March for Freedom” is also planned in the center of Minsk on Sunday, a week after "
        "the contested election."
    )
    march = _one(_mentions(text, date(2020, 8, 15)), "PROTEST")
    assert march["modality"] == "planned"
    assert march["event_date"] == date(2020, 8, 16)
    assert march["event_name"] == "March for Freedom"


@pytest.mark.parametrize(
    ("sentence", "event_type", "modality"),
    [
        ("Russian President Vladimir Putin has said that his country could intervene in the crisis.", "MOBILIZE", "hypothetical"),
        ("The strongman has refused to step down after the disputed vote.", "CONCEDE", "negated"),
        ("The 65-year-old president has threatened to shutter production lines where workers have put down their tools.", "THREATEN", "asserted"),
        ("Riot police detained more than 90 people in Minsk on Saturday.", "COERCE", "asserted"),
        ("EU foreign ministers agreed to prepare new sanctions against Belarusian officials.", "SANCTION", "planned"),
        ("Tikhanovskaya urged the EU to sanction Lukashenko.", "SANCTION", "hypothetical"),
    ],
)  # fmt: skip
def test_modality(sentence: str, event_type: str, modality: str):
    hits = [h for h in find_triggers(sentence) if h.entry.type == event_type]
    assert hits, [h.entry.type for h in find_triggers(sentence)]
    assert modality_of(sentence, hits[0]) == modality


@pytest.mark.parametrize(
    ("sentence", "event_type", "mode"),
    [
        ("On Saturday the Belarusian foreign ministry withdrew accreditation for numerous journalists working for international media.", "COERCE", "censor"),
        ("The Baltic nations of Lithuania, Latvia and Estonia have blacklisted Lukashenko and 29 high-ranking officials.", "SANCTION", "sanction"),
        ("On Thursday, Lukashenko hosted Russian Prime Minister Mikhail Mishustin in Minsk.", "CONSULT", "visit"),
        ("The former collective farm boss ordered his army into full combat readiness during an army inspection.", "MOBILIZE", "alert"),
        ("On August 14, the European Union announced it did not recognize the outcome of the presidential elections.", "REJECT", "nonrecognition"),
        ("Many of the detainees accused police of beatings and torture.", "ASSAULT", "beat"),
    ],
)  # fmt: skip
def test_spec_conventions(sentence: str, event_type: str, mode: str):
    found = {(h.entry.type, h.entry.mode) for h in find_triggers(sentence)}
    assert (event_type, mode) in found


def test_non_events_are_not_triggers():
    for sentence in (
        "Shares rallied in early trading after the central bank cut rates.",
        "Officials expect the vaccine trial to start in March 2021.",
        "He suffered a heart attack while jogging.",
        "The riot police were out in force.",
    ):
        assert not [h for h in find_triggers(sentence) if h.entry.type in ("PROTEST", "ASSAULT")]


def test_statistics_claims_size_the_event_of_their_sentence():
    text = (
        "On Saturday, around 4,000 people took to the streets and more than 90 people were "
        "detained, the interior ministry said."
    )
    art = _article(text, date(2020, 9, 6))
    claims = extract_statistics(annotate(art))
    ms = _events(art, claims)
    protest, arrest = _one(ms, "PROTEST"), _one(ms, "COERCE")
    assert protest["participants_low"] == 4000
    assert arrest["detained_low"] == 90
    assert arrest["claim_ids"] and set(arrest["claim_ids"].split("|")) <= {
        c["claim_id"] for c in claims
    }
    assert protest["event_date"] == arrest["event_date"] == date(2020, 9, 5)


def test_dates_belong_to_their_own_words():
    text = (
        "The EU has rejected the official results of an August 9 presidential poll in Belarus. "
        "Earlier on Saturday, thousands laid flowers at the metro station where one of the "
        "protesters, Alexander Taraikovsky, died on Monday."
    )
    ms = _mentions(text, date(2020, 8, 15))
    assert _one(ms, "REJECT")["date_source"] == "publication"
    assert _one(ms, "ASSAULT")["event_date"] == date(2020, 8, 10)


def test_an_undated_article_resolves_dates_as_its_statistics_do():
    text = "Riot police detained hundreds of women in Minsk on August 15."
    latest = replace(
        _article(text, None), published_date_text="latest reported date 2020-08-15: August 15"
    )
    claims = extract_statistics(annotate(latest))
    arrest = _one(_events(latest, claims), "COERCE")
    assert arrest["event_date"] == date(2020, 8, 15)
    assert [c["as_of_date"] for c in claims] == [date(2020, 8, 15)]
    weekday = "Riot police on Saturday detained hundreds of women in Minsk."
    undated = _one(_mentions(weekday, None), "COERCE")
    assert (undated["event_date"], undated["date_precision"]) == (None, "unknown")
    assert [c["as_of_date"] for c in extract_statistics(annotate(_article(weekday, None)))] == [
        None
    ]


def test_undated_report_is_the_week_up_to_publication_not_a_day():
    """The text gives no day: the range of the week up to publication, never the publication
    date presented as the day; a recap ("had been detained") ends at publication with no start."""
    m = _one(_mentions("His security forces have detained thousands of protesters."), "COERCE")
    assert (m["event_date"], m["date_low"], m["date_high"]) == (
        None,
        date(2020, 9, 13),
        date(2020, 9, 19),
    )
    assert (m["date_precision"], m["date_source"], m["background"]) == (
        "week",
        "publication",
        False,
    )
    recap = _one(_mentions("Police had detained the opposition leader in Minsk."), "COERCE")
    assert (recap["date_low"], recap["date_high"], recap["date_source"]) == (
        None,
        date(2020, 9, 19),
        "background",
    )
    assert recap["background"]


def test_headings_questions_and_direct_speech_are_not_events():
    text = (
        "What’s the latest with the protests?\n\nBelarus Police Detain Hundreds Of Women\n\n"
        "“Sanctions are very important in our fight, because sanctions is part of pressure,” "
        "she told reporters."
    )
    assert _mentions(text) == []


def test_mention_ids_are_stable_and_rows_fit_the_contract():
    text = "Riot police on Saturday detained hundreds of women in Minsk."
    a, b = _mentions(text), _mentions(text)
    assert [m["mention_id"] for m in a] == [m["mention_id"] for m in b]
    m = a[0]
    assert m["mention_id"] == stable_id(stable_id(text), m["char_start"], m["char_end"], "COERCE")
    assert text[m["char_start"] : m["char_end"]] == m["evidence"]


@pytest.mark.skipif(not NEWS2020.exists(), reason="news2020 corpus not available")
def test_general_news_is_fast_and_yields_events():
    with NEWS2020.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(150), fh, strict=False)]
    arts = [_article(r["text"], date.fromisoformat(r["date"]) if r["date"] else None) for r in rows]
    _events(arts[0], [])
    start = time.perf_counter()
    mentions = [m for a in arts for m in _events(a, [])]
    seconds = time.perf_counter() - start
    kb = sum(len(a.text.encode()) for a in arts) / 1024
    assert seconds / kb < 0.02  # under 20 ms per KB
    assert len({m["event_type"] for m in mentions}) >= 12


def test_keyword_index_loses_no_trigger_on_the_seeds():
    everything = list(range(len(rules().triggers)))
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        for s in split_sentences(path.read_text(encoding="utf-8")):
            assert find_triggers(s.text) == find_triggers(s.text, everything), s.text


def test_an_event_dated_after_publication_is_planned():
    text = (
        "But with ministers still deadlocked, the matter will be taken up by EU leaders at a "
        "summit in Brussels on Thursday and Friday, with diplomats hoping they will find a way "
        "to agree both sets of sanctions."
    )
    summit = _one(_mentions(text, date(2020, 9, 21)), "CONSULT")
    assert (summit["event_date"], summit["modality"]) == (date(2020, 9, 24), "planned")


def test_a_sentence_counting_from_the_day_before_it_is_dated_by_the_count():
    """ "Three days later" and "The next day" count from the day the sentence before gave; the
    count stops where a sentence gives no day, and never reaches past publication."""
    text = (
        "Police arrested 20 protesters in Minsk on Sunday. Three days later, the opposition "
        "leader was detained at the border. The next day, police detained his wife. "
        "Thousands marched in Minsk. A week later, police detained 40 students."
    )
    days = [(m["trigger"], m["event_date"], m["date_text"]) for m in _mentions(text)]
    assert days[:3] == [
        ("arrested", date(2020, 9, 13), "Sunday"),
        ("detained", date(2020, 9, 16), "Three days later"),
        ("detained", date(2020, 9, 17), "The next day"),
    ]
    assert all(day is None or day <= date(2020, 9, 19) for _, day, _ in days)
    assert ("detained", date(2020, 9, 24), "A week later") not in days


def test_an_asserted_event_does_not_inherit_a_day_after_publication():
    text = (
        "Japanese Prime Minister Yasuhiro Nakasone will meet President Ronald Reagan next "
        "Wednesday, officials said. Nakasone met President Ronald Reagan and congressional "
        "leaders during an earlier visit."
    )
    mentions = _mentions(text, published=date(1987, 4, 26))
    met = [m for m in mentions if m["trigger"].startswith("met")]
    assert met, [(m["event_type"], m["trigger"]) for m in mentions]
    for m in met:
        assert (
            m["modality"] != "asserted"
            or m["event_date"] is None
            or (m["event_date"] <= date(1987, 4, 26))
        ), m


class _Counted(list):
    """A list that counts the items that loops over it go through."""

    visits = 0

    def __iter__(self):
        for item in super().__iter__():
            self.visits += 1
            yield item


def test_entities_are_looked_up_not_scanned_for_every_mention(monkeypatch):
    """Each event mention, sentence and quote of a long article asks which entities lie where:
    a scan of all of them each time made extraction grow with the square of the length (a
    400 KB article took 13 s, 1.6 MB 296 s)."""
    found: list[_Counted] = []

    def counted(text: str, places) -> _Counted:
        found.append(_Counted(find_entities(text, places)))
        return found[-1]

    monkeypatch.setattr(reading, "find_entities", counted)
    sentences = [
        "Police detained 40 people in Minsk on Sunday after the vote, the ministry said",
        "Alexander Lukashenko accused foreign governments of interference on Monday",
        "“We will not give up our country,” said Maria Kolesnikova at a rally in Grodno",
        "She urged workers at state factories to go on strike as protesters marched in Brest",
    ]
    text = ". ".join(sentences[i % 4] for i in range(250)) + "."
    mentions = _mentions(text)
    (entities,) = found
    assert len(entities) > 500 and len(mentions) > 200
    assert entities.visits <= 20 * len(entities)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("The US Navy staged exercises in the South China Sea.", "MOBILIZE"),
        ("China has dispatched a team of medical experts to North Korea.", "AID"),
        ("The foreign ministry dismissed reports of unrest as speculation.", "REJECT"),
        ("Lawmakers rallied behind the president after the vote.", "SUPPORT"),
        ("A judge sentenced white supremacist Brenton Tarrant to life in prison.", "COERCE"),
        ("The dockers' union lifted its ban on shipments to Fiji.", "RETREAT"),
        ("US warships carried out a strike against Iranian oil platforms.", "ASSAULT"),
        ("In late June, Beijing also imposed its new security law.", "COERCE"),
        ("Unilever admitted the ad promoted racist stereotypes.", "CONCEDE"),
        ("President Donald Trump announced a deal with 3M to provide masks.", "AGREE"),
    ],
)  # fmt: skip
def test_general_news_vocabulary(sentence: str, event_type: str):
    assert [h.entry.type for h in find_triggers(sentence)] == [event_type]


def test_warnings_of_risk_and_admissions_of_fact_are_not_events():
    for sentence in (
        "Experts warned that the virus might be spreading faster than thought.",
        "Abrams admitted the administration would have its toughest fight in the House.",
        "Lawmakers rallied behind the president.",  # no rally
        "US warships carried out a strike against Iranian oil platforms.",  # no walkout
    ):
        found = {h.entry.type for h in find_triggers(sentence)}
        assert not found & {"THREATEN", "CONCEDE", "PROTEST"}, (sentence, found)
    reimpose = find_triggers("Governments are eager to avoid reimposing the blanket lockdown.")
    assert [
        modality_of("Governments are eager to avoid reimposing the blanket lockdown.", h)
        for h in reimpose
    ] == ["negated"]


def test_the_subject_no_entity_names_still_acts():
    doctors = _one(
        _mentions("In a statement, a group of doctors demanded the minister's resignation."),
        "REQUEST",
    )
    assert doctors["actor1"] == "health workers"  # the doctors of "a group of", not no one
    apology = _one(
        _mentions("H&M apologised for the advert on Monday.", date(2020, 9, 9)), "CONCEDE"
    )
    assert (apology["actor1"], apology["event_date"]) == ("H&M", date(2020, 9, 7))
    charged = _one(
        _mentions("Another man, Richard Roe, has also been charged on multiple offences."), "ACCUSE"
    )
    assert (charged["actor1"], charged["actor2"]) == (None, "Richard Roe")
    # a count of people no entity names: the people counted, though not a count of things
    three = _one(_mentions("Three men were charged with murder on Friday."), "ACCUSE")
    assert (three["actor1"], three["actor2"]) == (None, "Three men")
    assert _mentions("Three cars were charged with a fee on Friday.") == []
    # a description opening the sentence, with the day between it and its verb
    called_off = _one(
        _mentions("The organisers on Tuesday called off the summit because of the outbreak."),
        "RETREAT",
    )
    assert called_off["actor1"] == "organisers"
    baltic = (
        "In a joint statement on Saturday, the prime ministers of three Baltic republics – Latvia,"
        " Lithuania and Estonia – “expressed their deep concern at the violent repression”."
    )
    concern = _one(_mentions(baltic), "ACCUSE")  # the aside between dashes is not the subject
    assert (concern["actor1"], concern["event_date"]) == ("minister", date(2020, 9, 19))
    head = "The exiled head of Belarus’s opposition urged European leaders to reject the vote."
    assert _one(_mentions(head), "REQUEST")["actor1"] == "Belarusian opposition"
    # a private meeting of people no entity names is no event
    assert not _mentions("Julia spoke to the technician on her mother's phone on Monday.")


def test_a_year_naming_a_thing_and_a_fronted_date_across_while():
    aid = "In a report to Congress, President Reagan called for approval of new 1987 economic aid."
    call = _one(_mentions(aid, date(1987, 3, 3)), "REQUEST")
    assert call["actor1"] == "Reagan"
    assert (call["date_low"], call["date_high"]) == (date(1987, 2, 25), date(1987, 3, 3))
    tour = "Last month, while touring Jilin province, Xi spoke to farmers and called for food security."
    spoke = _one(_mentions(tour, date(2020, 8, 28)), "CONSULT")
    assert (spoke["date_low"], spoke["date_high"]) == (date(2020, 7, 1), date(2020, 7, 31))


def test_a_video_link_reports_no_event():
    assert not _mentions("US Marine found guilty of killing transgender woman 00:51")


def test_word_senses_of_legal_and_descriptive_news_are_not_events():
    for sentence in (
        "Roxie sees this as a way to demonstrate personal choice.",
        "Mr Chauvin was charged with third-degree murder.",  # the charge, not a killing
        "The man accused of murdering 51 worshippers has changed his plea.",
        "The photos are black-and-white, arresting and moving.",
        "Strike one - my friends and I had ordered food.",
        "Amnesty International's analysis of tweets found abuse.",
        "The country can step down its scale of emergency restrictions.",
        "Small church branches -- meeting houses -- were organized in Beijing.",
        "The video showed him pleading for his life.",
        "The ministry is investigating how the seven got infected.",
    ):
        found = [(h.entry.type, sentence[h.start : h.end]) for h in find_triggers(sentence)]
        assert found in ([], [("ACCUSE", "was charged with")]), (sentence, found)
    for sentence in (
        "Students demonstrated outside parliament.",
        "Gunmen murdered three villagers.",
    ):
        assert find_triggers(sentence), sentence


def test_a_year_in_an_undated_article_is_history():
    text = (
        "In 1989, a college shooting in Quebec left 14 women dead after the killer sent all the"
        " men out of the classroom and opened fire."
    )
    shooting = _one(_mentions(text, None), "ASSAULT")
    assert (shooting["date_low"], shooting["date_high"]) == (date(1989, 1, 1), date(1989, 12, 31))
    assert shooting["background"]


def test_a_name_owning_an_arrest_underwent_it_and_a_demand_is_not_the_act():
    arrest = _one(_mentions("Navalny's arrest on Sunday drew condemnation."), "COERCE")
    assert (arrest["actor1"], arrest["actor2"]) == (None, "Alexei Navalny")
    called = _mentions(
        "Mr Biden has called for the officer who shot him in the back to be arrested."
    )
    assert _one(called, "COERCE")["modality"] == "hypothetical"
    assert not _mentions("Officers arrived in response to a call about a domestic incident.")


def test_speaking_to_the_press_is_no_meeting():
    for sentence in (
        "Please include a contact number if you are willing to speak to a BBC journalist.",
        "Mr Blake's father spoke to reporters on Sunday.",
        "He spoke to CNN on condition of anonymity.",
    ):
        assert not find_triggers(sentence), sentence
    assert [h.entry.type for h in find_triggers("Putin spoke to Lukashenko on Sunday.")] == [
        "CONSULT"
    ]


def test_an_event_named_to_date_another_or_done_initially_is_a_recap():
    flynn = "Although he initially agreed to co-operate with prosecutors, Flynn asked to withdraw."
    assert _one(_mentions(flynn), "AGREE")["background"]
    following = (
        "In 2011 Navalny was jailed for 15 days following protests over vote-rigging in Moscow."
    )
    assert _one(_mentions(following), "PROTEST")["background"]
    marched = _one(
        _mentions("Protesters marched on Sunday after police arrested their leader."), "COERCE"
    )
    assert not marched["background"]  # a verb after "after" tells what happened just before


def test_the_dateline_sets_the_scene_when_the_sentence_names_no_place():
    text = "SEOUL (REUTERS) - Police detained 12 protesters on Sunday. They were released later."
    arrest = _one(_mentions(text), "COERCE")
    assert (arrest["location"], arrest["country_code"]) == ("Seoul", "KOR")
    named = "OSLO (REUTERS) - Police in Minsk detained 12 protesters on Sunday."
    assert _one(_mentions(named), "COERCE")["location"] == "Minsk"  # the sentence's place first
    town = "ROMANS-SUR-ISÈRE, FRANCE (AFP) - Police arrested a man on Saturday. He was armed."
    assert _one(_mentions(town), "COERCE")["country_code"] == "FRA"  # a town in its country


def test_the_name_a_relative_clause_is_about_does_what_it_says():
    clashed = "The resignation failed to pacify protesters, who clashed with police on Monday."
    assert _one(_mentions(clashed), "ASSAULT")["actor1"] == "protesters"
    resigned = "The party will replace Shinzo Abe, who abruptly resigned on Friday."
    assert _one(_mentions(resigned), "CONCEDE")["actor1"] == "Shinzo Abe"
    # not a name inside a phrase whose head is someone else
    investors = "The apology has not assuaged investors in Australia, who criticised Rio on Monday."
    assert all(m["actor1"] != "Australia" for m in _mentions(investors))


def test_a_nationwide_event_or_a_list_of_places_is_in_the_country():
    text = "SEOUL (REUTERS) - Doctors went on strike nationwide on Friday. Police were calm."
    assert _one(_mentions(text), "PROTEST")["location"] == "South Korea"
    listed = "Other protests took place in Sydney, Brisbane, Adelaide and Perth on Sunday."
    assert _one(_mentions(listed), "PROTEST")["location"] == "Australia"
    one = "Police in Palermo on the island of Sicily arrested a man on Sunday."
    assert _one(_mentions(one), "COERCE")["location"] == "Palermo"


def test_a_story_set_in_a_city_names_it_more_than_once():
    text = (
        "A case was heard in Montgomery. The United States has seen a wave of cases. The United"
        " States is busy. The laborer sued for retaliation on Monday."
    )
    sued = [m for m in _mentions(text) if m["trigger"] == "sued"]
    assert [m["location"] for m in sued] == ["United States"]  # a city named once is no scene
    again = text.replace("The United States is busy.", "Montgomery is busy.")
    sued = [m for m in _mentions(again) if m["trigger"] == "sued"]
    assert [m["location"] for m in sued] == ["Montgomery"]
    capital = text.replace("Montgomery", "Washington")  # a capital named once is the scene
    sued = [m for m in _mentions(capital) if m["trigger"] == "sued"]
    assert [m["location"] for m in sued] == ["Washington"]


def test_a_country_that_speaks_or_decides_does_so_at_home():
    text = "WASHINGTON (REUTERS) - China on Friday condemned the sanctions. Markets fell."
    assert _one(_mentions(text), "ACCUSE")["location"] == "China"
    # not a street event, which happens where the story is; not over the story's own city
    street = "SEOUL (REUTERS) - China's police detained 12 protesters on Sunday. Markets fell."
    assert _one(_mentions(street), "COERCE")["location"] == "Seoul"
    home = "SEOUL (REUTERS) - South Korea on Friday condemned the launch. Markets fell."
    assert _one(_mentions(home), "ACCUSE")["location"] == "Seoul"


def test_a_seat_of_power_places_what_happens_in_it():
    text = "Trump, in remarks at the White House, said he spoke with Johnson on Friday."
    assert _one(_mentions(text), "CONSULT")["location"] == "Washington"


def test_a_date_before_a_noun_trigger_belongs_to_the_verb_between_them():
    death = "The health ministry on Wednesday confirmed the death of a 43-year-old man in hospital."
    assert all(m["date_source"] != "text" for m in _mentions(death, date(2020, 8, 20)))
    summit = "Leaders met on Wednesday as the EU held an emergency summit on the crisis."
    assert _one(_mentions(summit, date(2020, 8, 20)), "CONSULT")["event_date"] == date(2020, 8, 19)
    visit = "Last year, Chinese President Xi Jinping made the first state visit in 14 years to North Korea."
    made = _one(_mentions(visit, date(2020, 4, 25)), "CONSULT")
    assert (made["date_low"], made["date_high"]) == (date(2019, 1, 1), date(2019, 12, 31))
    welcoming = (
        "Welcoming Soviet leader Mikhail Gorbachev's offer Saturday to separate the treaty, "
        "Reagan said the talks should go on."
    )
    welcomed = _one(_mentions(welcoming, date(1987, 3, 3)), "SUPPORT")
    assert welcomed["event_date"] != date(1987, 2, 28)  # Saturday is the offer's day
    leader = "Police arrested the leader of the protest on Monday."
    assert _one(_mentions(leader, date(1987, 3, 3)), "COERCE")["event_date"] == date(1987, 3, 2)
    endorsed = "The Senate endorsed Monday's strike ordered by President Reagan."
    backed = _one(_mentions(endorsed, date(1987, 10, 20)), "SUPPORT")
    assert backed["event_date"] != date(1987, 10, 19)  # Monday is the attack's day


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Bernie Sanders ended his White House campaign on Wednesday.", "RETREAT"),
        ("She dropped out of the race after Super Tuesday.", "RETREAT"),
        ("Mayor Bill de Blasio said he was lifting New York City's curfew.", "RETREAT"),
        ("Trump said he was ordering the National Guard to vacate Washington.", "RETREAT"),
        ("Jordan on Wednesday eased one of the world's strictest lockdowns.", "RETREAT"),
        (
            "Ardern said all remaining restrictions on people and businesses, other than strict"
            " border controls to keep the virus out, will be lifted at midnight tonight.",
            "RETREAT",
        ),
        (
            "Hong Kong passed a bill on Thursday that criminalises disrespect of the anthem.",
            "AGREE",
        ),
        ("Japan signed a military supply-sharing pact with India.", "AGREE"),
        ("HSBC and Standard Chartered gave their backing to the new law.", "SUPPORT"),
        ("Chu and Chan were removed from the chamber.", "COERCE"),
        ("The Supreme Court declined to hear an appeal by U.S. West.", "REJECT"),
        ("Iran said reports that it intended to attack ships were baseless.", "REJECT"),
        ("Iran warned the U.S. and other countries not to interfere.", "THREATEN"),
    ],
)
def test_the_words_news_uses_for_common_events(sentence: str, event_type: str):
    assert event_type in [h.entry.type for h in find_triggers(sentence)]


def test_easing_pressure_is_no_retreat():
    sentence = "The limits are needed to ease pressure on the hotel quarantine system."
    assert "RETREAT" not in [h.entry.type for h in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Parties allied to the prime minister openly clashed with their allies over the seats.",
        "Students will be taught to sing the “March of the Volunteers”.",
        "It carries penalties of up to three years jail for those who insult it.",
        "Biden said there was no challenge beyond meeting and defeating the climate crisis.",
        "The president first directed the baseless charge at Mr Scarborough.",
    ],
)
def test_penalties_songs_and_political_clashes_are_no_events(sentence: str):
    assert not find_triggers(sentence), sentence


def test_a_past_year_after_the_event_a_protest_is_against_dates_that_event():
    text = (
        "Two lawmakers threw foul-smelling liquid to protest against the crackdown by Chinese "
        "troops in Tiananmen Square 31 years ago."
    )
    protest = _one(_mentions(text, date(2020, 6, 4)), "PROTEST")
    assert protest["date_low"].year == 2020
