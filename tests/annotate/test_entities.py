"""Actors from the lexicon, unknown names, places from the offline gazetteer, entity table."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from flows.annotate.entities import ENTITY_COLUMNS, find_entities, person_names
from flows.annotate.gazetteer import find_places, lookup
from flows.combine.entities import build_entities
from schemas.events import Entities

NEWS2020 = Path("/work/shared/corpora/news2020_bbc_cnn_st/articles.jsonl")


def _entities(text: str):
    return find_entities(text, find_places(text))


def _ids(text: str) -> list[str]:
    return [e.entity_id for e in _entities(text)]


def test_spellings_of_one_actor_share_an_id():
    a = _ids("Svetlana Tikhanovskaya met voters.")
    b = _ids("Sviatlana Tsikhanouskaya met voters.")
    c = _ids("Alexander Lukashenko and Alyaksandr Lukashenka are one man.")
    assert a[0] == b[0] == "blr_tsikhanouskaya"
    assert c[:2] == ["blr_lukashenko", "blr_lukashenko"]


def test_unknown_names_come_out_of_the_recogniser():
    text = (
        "London-based analyst Mark Galeotti suggested that the reshuffle indicated pressure. "
        "“Ex-KGB chief Vakulchik had been a fierce guardian,” Galeotti tweeted."
    )
    people = {(e.name, e.alias) for e in _entities(text) if e.type == "person"}
    assert ("Mark Galeotti", "Mark Galeotti") in people
    assert ("Mark Galeotti", "Galeotti") in people


def test_person_names_give_each_surname_the_fullest_spelling_in_the_text():
    text = (
        "London-based analyst Mark Galeotti said the Central Election Commission had no say. "
        "Galeotti tweeted that Svetlana Tikhanovskaya had won. Tikhanovskaya left for Vilnius."
    )
    assert person_names(_entities(text)) == {
        "Galeotti": "Mark Galeotti",
        "Tikhanovskaya": "Svetlana Tikhanovskaya",  # as written, not the lexicon's spelling
    }


def test_a_name_next_to_a_verb_of_the_attribution_lexicon_is_a_person():
    text = "Renzo Piano tells me the bridge will be open by August, as Ichiro Matsui urged."
    people = [e.name for e in _entities(text) if e.type == "person"]
    assert people == ["Renzo Piano", "Ichiro Matsui"]


def test_a_name_an_apposition_describes_is_a_person_or_an_organisation_by_its_head():
    text = (
        "Bernie Sanders, a democratic socialist whose agenda moved the party, ended his run. "
        "Biden praised Sanders. Standard Chartered, the British bank, backed the law, and "
        "Joe Bloggs, the company's chief executive, agreed. He killed 44 people at Al Noor, the "
        "first mosque. The Empire Strikes Back, the second film, was out. Ann Lee, 47, left."
    )
    found = {(e.alias, e.name, e.type) for e in _entities(text)}
    assert ("Sanders", "Bernie Sanders", "person") in found
    assert ("Standard Chartered", "Standard Chartered", "organization") in found
    assert ("Joe Bloggs", "Joe Bloggs", "person") in found  # its head is 'executive'
    assert ("Ann Lee", "Ann Lee", "person") in found
    names = {name for _, name, _ in found}
    assert not names & {"Al Noor", "The Empire Strikes Back", "Empire Strikes Back"}


def test_title_before_a_name_is_not_a_separate_actor():
    names = [e.name for e in _entities("Russian President Vladimir Putin called Lukashenko.")]
    assert names == ["Vladimir Putin", "Alexander Lukashenko"]


def test_demonym_gives_a_generic_role_its_country():
    found = _entities("Belarusian police detained dozens of protesters.")
    police = found[0]
    assert (police.name, police.entity_id, police.country_code) == (
        "Belarusian police",
        "generic_police_BLR",
        "BLR",
    )


def test_gazetteer_knows_cities_aliases_and_iso3_countries():
    minsk = lookup("Mensk")
    assert minsk is not None and minsk.name == "Minsk" and minsk.country_code == "BLR"
    assert minsk.latitude == pytest.approx(53.9, abs=0.1)
    assert lookup("Belarus").country_code == "BLR"
    assert lookup("Grodno").name == "Hrodna"
    hits = [(p.text, p.place.name) for p in find_places("Vladimir Putin flew to Kiev and Police.")]
    assert hits == [("Kiev", "Kyiv")]


def test_the_nations_of_the_uk_are_places_in_it_and_scotland_yard_is_none():
    """Northern Ireland is not the Republic of Ireland; a blocked name of several words
    ("Scotland Yard", the London police) hides the place it starts with."""
    text = "Police in Northern Ireland and Wales helped, Scotland Yard said, as did Scotland."
    hits = [(p.text, p.place.kind, p.place.country_code) for p in find_places(text)]
    assert hits == [
        ("Northern Ireland", "region", "GBR"),
        ("Wales", "region", "GBR"),
        ("Scotland", "region", "GBR"),
    ]


def test_places_written_without_accents_and_the_regions_of_big_countries_are_known():
    """News writes "Zurich" and "Sao Paulo"; a US state or a Chinese province is a place in its
    country, and "Virginia" is the state, not the South African town of that name."""
    text = "Protests in Zurich and Sao Paulo spread to Texas, Virginia and Hubei."
    hits = [(p.text, p.place.kind, p.place.country_code) for p in find_places(text)]
    assert hits == [
        ("Zurich", "city", "CHE"),
        ("Sao Paulo", "city", "BRA"),
        ("Texas", "region", "USA"),
        ("Virginia", "region", "USA"),
        ("Hubei", "region", "CHN"),
    ]
    assert lookup("Zurich").name == "Zürich"


def test_georgia_is_the_us_state_in_us_news_and_the_country_beside_the_caucasus():
    from flows.annotate.gazetteer import with_us_georgia

    def codes(text: str) -> list[tuple[str, str | None]]:
        return [(p.text, p.place.country_code) for p in with_us_georgia(find_places(text), text)]

    assert codes("Arbery was killed in Brunswick, Georgia, near Atlanta.")[0] == ("Georgia", "USA")
    listed = "They were tried in Germany, Georgia, Moldova and Ukraine, and later in Texas."
    assert ("Georgia", "GEO") in codes(listed)
    assert codes("The cathedral of Georgia in Tbilisi is shut, as are churches in Texas.")[0] == (
        "Georgia",
        "GEO",
    )


def test_entities_table_counts_mentions_and_validates():
    found = _entities("Lukashenko met Lukashenka in Minsk. Minsk was calm.")
    table = build_entities(pl.DataFrame([e.as_row() for e in found]))
    Entities.validate(table)
    rows = {r["entity_id"]: r for r in table.to_dicts()}
    assert rows["blr_lukashenko"]["n_mentions"] == 2
    assert "Lukashenka" in rows["blr_lukashenko"]["aliases"].split("|")
    assert rows["place_BLR_Minsk"]["n_mentions"] == 2


@pytest.mark.skipif(not NEWS2020.exists(), reason="news2020 corpus not available")
def test_new_articles_with_new_people_still_yield_actors():
    with NEWS2020.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(40), fh, strict=False)]
    unknown = {
        e.name
        for t in texts
        for e in _entities(t)
        if e.type == "person" and not e.entity_id[:4].isalpha()
    }
    assert len(unknown) >= 20


def test_entities_rows_merge_spellings_known_aliases_and_codes():
    rows = [
        ("generic_police_BLR", "Belarusian police", "group", "Belarusian police", None),
        ("generic_police_BLR", "Belarusian police", "group", "Belarusian policemen", "BLR"),
        ("blr_lukashenko", "Alexander Lukashenko", "person", "Batka", "BLR"),
        ("blr_lukashenko", "Alexander Lukashenko", "person", "Alexander Lukashenko", ""),
        ("person_x", "Jane Doe", "person", "", None),
        ("person_x", "Jane Doe", "person", "Doe", "GBR"),
        ("person_x", "Jane Doe", "person", "Doe", "FRA"),
    ]
    table = build_entities(pl.DataFrame(rows, schema=ENTITY_COLUMNS, orient="row"))
    Entities.validate(table)
    assert table["entity_id"].to_list() == ["blr_lukashenko", "generic_police_BLR", "person_x"]
    by_id = {r["entity_id"]: r for r in table.to_dicts()}
    lukashenko = by_id["blr_lukashenko"]["aliases"].split("|")
    assert "Batka" in lukashenko and "Lukashenka" in lukashenko
    assert "Alexander Lukashenko" not in lukashenko and lukashenko == sorted(lukashenko)
    police = by_id["generic_police_BLR"]
    assert {"Belarusian policemen", "policemen"} <= set(police["aliases"].split("|"))
    assert (police["country_code"], police["n_mentions"]) == ("BLR", 2)
    assert by_id["person_x"] == {
        "entity_id": "person_x",
        "name": "Jane Doe",
        "type": "person",
        "aliases": "Doe",
        "country_code": "FRA",
        "n_mentions": 3,
    }


def test_country_names_are_the_gazetteers_countries():
    from flows.annotate.gazetteer import country_names, gazetteer

    places = gazetteer().places
    assert country_names() == {n for n, p in places.items() if p.kind == "country"}
    assert "Belarus" in country_names() and "Minsk" not in country_names()


def test_one_word_after_an_honorific_is_a_person_and_a_general_is_not():
    text = (
        "President Reagan asked Congress for aid. Mrs Okonjo met Dr Halvorsen on Monday. "
        "Reagan said General Motors would cut jobs."
    )
    people = [(e.alias, e.gender) for e in _entities(text) if e.type == "person"]
    assert people == [("Reagan", None), ("Okonjo", "f"), ("Halvorsen", None), ("Reagan", None)]


def test_a_surname_after_an_honorific_takes_the_fuller_name_the_text_gives():
    text = (
        "Governor Andrew Cuomo spoke first. Mr Cuomo said the state would reopen. "
        "Kremlin critic, Pyotr Verzilov, said he was poisoned."
    )
    people = [(e.alias, e.name) for e in _entities(text) if e.type == "person"]
    assert ("Cuomo", "Andrew Cuomo") in people and ("Cuomo", "Cuomo") not in people
    assert ("Pyotr Verzilov", "Pyotr Verzilov") in people


def test_an_acronym_after_a_spelled_out_body_stands_for_it():
    text = (
        "The International Institute for Strategic Studies (IISS) said on Friday the forum is "
        "off. The IISS said it would return. The Goods and Services Tax (GST) was negotiated."
    )
    found = {(e.alias, e.name, e.type) for e in _entities(text)}
    name = "International Institute for Strategic Studies"
    assert (name, name, "organization") in found and ("IISS", name, "organization") in found
    assert not any(alias == "GST" for alias, _, _ in found)  # a tax is no body


def test_world_bodies_banks_and_companies_general_news_names_are_actors():
    text = (
        "Opec and its allies agreed on Thursday to cut output. The Bank of England urged "
        "banks not to pay bonuses, and the PM lifted the state of emergency. Huawei rejected "
        "the claims, he wrote on Facebook."
    )
    found = {e.name: e.role for e in _entities(text)}
    assert found["OPEC"] == "international_org" and found["Bank of England"] == "central_bank"
    assert found["prime minister"] == "head_of_government" and found["Huawei"] == "company"
    assert found["Facebook"] == "media"  # a platform is written on, seldom an actor
