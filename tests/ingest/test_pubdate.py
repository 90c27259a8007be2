"""Publication dates inferred from article text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.annotate import Anchor, anchor_of, annotate
from flows.ingest.pubdate import (
    _DATE,
    _DATE_START,
    _YEAR,
    _YEAR_START,
    Publication,
    _matches,
    find_dates,
    infer_pubdate,
    infer_publication,
    needs_corpus_year,
    past_weekdays,
    pubdate_evidence,
    resolve_pubdate,
    top_year,
    year_votes,
)
from flows.ingest.segment import segment_text
from flows.model import Article


def infer(body: str, doc_year: int | None = None, corpus_year: int | None = 2020):
    """Resolve a body's publication date in one step."""
    return resolve_pubdate(pubdate_evidence(body, doc_year), corpus_year)


def publication(body: str, doc_year: int | None = None, corpus_year: int | None = 2020):
    """What a body alone says about its publication date."""
    return infer_publication(pubdate_evidence(body, doc_year), corpus_year)


def test_a_paired_weekday_and_date_is_the_publication_day_or_the_day_before():
    body = (
        "BEIJING (REUTERS) - China reported a record rise in imported coronavirus cases on "
        "Friday (March 20) as students returned home. The first case was found on January 3."
    )
    assert infer(body) == (None, None)
    assert publication(body) == Publication(
        None,
        date(2020, 3, 20),
        date(2020, 3, 21),
        "latest reported date 2020-03-20: Friday (March 20)",
    )


def test_the_weekday_chooses_the_year():
    body = "The ministry said on Friday (March 20) that schools would stay open."
    assert publication(body, doc_year=2019).low == date(2020, 3, 20)
    assert publication(body, doc_year=None, corpus_year=2021).low == date(2020, 3, 20)


def test_a_weekday_that_fits_no_nearby_year_dates_nothing():
    # 17 April 2020 was a Friday; the nearest year where it is a Thursday is 2025
    body = "Officials met on Thursday (April 16). Markets rallied on Thursday (April 17)."
    assert publication(body, corpus_year=2020).low == date(2020, 4, 16)


def test_the_latest_reported_date_is_only_a_lower_bound():
    body = (
        "Thousands of Belarusians gathered outside state television on August 15. "
        "Demonstrations have continued following the call for peaceful rallies on August 14. "
        "Staff said they planned a strike on August 17. "
        "A March for Freedom is also planned in the center of Minsk on August 16."
    )
    assert infer(body) == (None, None)
    evidence = pubdate_evidence(body, None)
    assert infer_pubdate(evidence, 2020) == (None, "latest reported date 2020-08-15: August 15")


def test_background_dates_do_not_date_the_article():
    body = "Protests have gripped Belarus since the disputed August 9 election."
    assert infer(body) == (None, None)


def test_weekday_mentions_with_unpaired_dates_give_unknown():
    body = (
        "Torture allegations must be investigated, the UN rights chief said on Monday. "
        "Lukashenko claimed to have defeated his rival with 80 percent of the vote on August 9."
    )
    assert infer(body) == (None, None)


def test_a_date_before_a_year_reported_as_past_is_discarded():
    body = "The siege was lifted on 18 January 1943. In 2019 the museum reopened."
    assert infer(body) == (None, None)


def test_no_evidence_is_unknown():
    assert infer("Riot police detained hundreds of women, an AFP journalist saw.") == (None, None)


def test_year_waits_for_the_corpus_when_the_document_has_none():
    evidence = pubdate_evidence("The meeting took place on Thursday (November 26).", None)
    assert needs_corpus_year(evidence)
    assert infer_publication(evidence, None).low is None
    assert infer_publication(evidence, 2020).low == date(2020, 11, 26)


def test_file_photo_captions_do_not_vote_for_the_year():
    captions = [
        "(FILES) In this file photo, the UN flag is seen on September 23, 2019, in New York.",
        "A woman kneels in front of officers in Minsk on September 13, 2020.",
    ]
    votes = year_votes(captions)
    assert votes == {2020: 1}
    assert top_year(votes) == 2020


def test_date_forms_and_roles():
    found = {
        d.text: d.role for d in find_dates("On 21 January, on Sept. 6, 2020 and the March 9 vote.")
    }
    assert found == {"21 January": "anchor", "Sept. 6, 2020": "anchor", "March 9": "other"}
    assert not find_dates("The March for Freedom drew 100,000 people.")


def test_a_dateline_date_is_the_publication_date():
    body = (
        "HOUSTON, Feb 26 - Texas Commerce Bancshares Inc said it filed an application on "
        "Tuesday, March 3, with the Comptroller of the Currency."
    )
    assert infer(body, corpus_year=1987) == (date(1987, 2, 26), "Feb 26")
    assert infer("LONDON, Oct 5 (Reuters) - Sterling rose.", corpus_year=2020)[0] == date(
        2020, 10, 5
    )


CORPORA = Path("/work/shared/corpora")


def _dated_rows(name: str, limit: int) -> list[dict]:
    """Up to `limit` rows of a shared corpus that carry a publication date."""
    rows = []
    with (CORPORA / name / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("date"):
                rows.append(row)
            if len(rows) >= limit:
                break
    return rows


def _accuracy(rows: list[dict], make_text, corpus_year: int) -> tuple[int, int, int]:
    """(inferred, within one day of the real date, articles) over the rows."""
    inferred = close = 0
    for row in rows:
        segments = segment_text(make_text(row))
        if not segments:
            continue
        found, _ = infer(segments[0].text, corpus_year=corpus_year)
        if found is not None:
            inferred += 1
            close += abs((found - date.fromisoformat(row["date"])).days) <= 1
    return inferred, close, len(rows)


@pytest.mark.skipif(not (CORPORA / "news2020_bbc_cnn_st").exists(), reason="corpus absent")
def test_paired_dates_match_real_publication_dates():
    rows = [
        r for r in _dated_rows("news2020_bbc_cnn_st", 3000) if r["source"] == "The Straits Times"
    ]
    ranged = holds = 0
    for row in rows:
        segments = segment_text(row["title"] + "\n\n" + row["text"])
        if segments:
            found = publication(segments[0].text)
            if found.low is not None:
                ranged += 1
                holds += found.low <= date.fromisoformat(row["date"]) <= found.high
    assert ranged >= 0.6 * len(rows)
    assert holds >= 0.85 * ranged


@pytest.mark.skipif(not (CORPORA / "reuters21578").exists(), reason="corpus absent")
def test_datelines_match_real_publication_dates():
    rows = [r for r in _dated_rows("reuters21578", 1500) if r.get("dateline")]
    inferred, close, total = _accuracy(
        rows, lambda r: r["title"] + "\n\n" + r["dateline"] + " " + r["text"], 1987
    )
    assert inferred >= 0.8 * total
    assert close >= 0.95 * inferred


def test_the_articles_own_date_line_dates_it():
    evidence = pubdate_evidence("Thousands rallied on Saturday.", None, ["16 August 2020"])
    assert resolve_pubdate(evidence, None) == (date(2020, 8, 16), "16 August 2020")


# Real seed sentences: an AFP story and the captions printed with it (002, second article).
RIOT = "Riot police on Saturday detained hundreds of women, dragging many into vans."
CAPTIONS = [
    "A woman kneels in front of law enforcement officers during a rally to protest against "
    "the presidential election results in Minsk on September 13, 2020.",
    "Belarusian law enforcement officers detain a participant of a women's rally in Minsk on "
    "September 19, 2020. (Photo by STRINGER / AFP)",
]


def _with_captions(body: str, captions: list[str], corpus_year: int | None = 2020):
    """Publication date and words of a body printed with these captions."""
    evidence = pubdate_evidence(body, top_year(year_votes(captions)), (), captions)
    return infer_pubdate(evidence, corpus_year)


def _caption_range(body: str, captions: list[str], corpus_year: int | None = 2020):
    """The publication range of a body printed with these captions."""
    evidence = pubdate_evidence(body, top_year(year_votes(captions)), (), captions)
    found = infer_publication(evidence, corpus_year)
    return found.low, found.high


def test_a_news_caption_of_the_weekday_the_body_reports_dates_the_article():
    assert _with_captions(RIOT, CAPTIONS) == (
        None,
        "latest reported date 2020-09-19: caption: September 19, 2020; body: on Saturday",
    )
    assert _caption_range(RIOT, CAPTIONS) == (date(2020, 9, 19), date(2020, 9, 20))


def test_the_reported_weekday_on_or_after_a_photo_is_the_reported_day():
    # a photo of Saturday the 5th above a story of what protesters did on Sunday
    photo = ["Demonstrators march through the capital on September 5, 2020. (Photo by AFP)"]
    body = "Protesters on Sunday gathered again in the capital, organisers said."
    assert _caption_range(body, photo) == (date(2020, 9, 6), date(2020, 9, 7))
    # up to three days after the photo; a weekday further on is more likely the week before
    later = "Ministers met on Tuesday, a spokesman said."
    assert _caption_range(later, photo) == (date(2020, 9, 8), date(2020, 9, 9))
    earlier = "Ministers met on Friday, a spokesman said."
    assert _caption_range(earlier, photo) == (None, None)
    # "last Sunday" is a week back, not the reported day
    assert _caption_range("They marched last Sunday, police said.", photo) == (None, None)


def test_a_caption_whose_weekday_the_body_does_not_name_is_only_a_lower_bound():
    body = "Riot police on Wednesday detained hundreds of women, dragging many into vans."
    assert _with_captions(body, CAPTIONS) == (
        None,
        "latest reported date 2020-09-19: caption: September 19, 2020",
    )
    assert _caption_range(body, CAPTIONS) == (None, None)


def test_future_weekdays_do_not_agree_with_a_caption():
    body = "The opposition will march on Saturday, organisers said."
    assert _with_captions(body, CAPTIONS)[0] is None


def test_file_and_archive_photos_do_not_date_the_article():
    file_photo = [
        "(FILES) In this file photo, riot police detain a woman in Minsk on September 19, 2020."
    ]
    assert _with_captions(RIOT, file_photo) == (None, None)
    archive = [
        "Gerald Ford meets with staff members in the Akasaka Palace, Tokyo, on November 16, "
        "1974. (Courtesy Ford Library)"
    ]
    assert _with_captions(RIOT, archive) == (None, None)
    old = ["Riot police detain a protester in Minsk on December 19, 2010."]
    body = RIOT + " Lukashenko has ruled since 1994 and won again in 2020."
    assert _with_captions(body, old)[0] is None


def test_background_dates_of_a_caption_do_not_count():
    caption = [
        "A demonstrator gestures the V-sign during a rally to protest the August 9 disputed "
        "election results in Minsk on September 5, 2020. - Protests erupted in the wake of "
        "August 9, 2020, elections."
    ]
    body = "Nearly 100,000 protesters took part in a march on Sunday."
    assert _with_captions(body, caption) == (
        None,
        "latest reported date 2020-09-06: caption: September 5, 2020; body: on Sunday",
    )


def _undated(text: str, date_text: str | None) -> Article:
    """An article without a publication date, with the words its inference recorded."""
    return Article("a", "d", "t.txt", 0, None, text, None, None, "unknown", date_text)


def _dates(article: Article) -> list[list[date]]:
    """The resolved dates of each sentence of the article's reading."""
    return [[e.value for e in s.dates()] for s in annotate(article).sentences]


def test_dates_resolve_against_the_publication_date_else_the_latest_reported_date():
    dated = Article("a", "d", "t.txt", 0, None, RIOT, None, date(2020, 9, 20), "inferred", "x")
    assert anchor_of(dated) == Anchor(date(2020, 9, 20), "publication date")
    assert _dates(dated) == [[date(2020, 9, 19)]]
    latest = _undated(RIOT, "latest reported date 2020-09-19: caption: September 19, 2020")
    assert anchor_of(latest) == Anchor(date(2020, 9, 19), "latest reported date", captioned=True)
    body = _undated(RIOT, "latest reported date 2020-09-19: on Saturday")
    assert anchor_of(body) == Anchor(date(2020, 9, 19), "latest reported date", captioned=False)
    (sentence,) = annotate(latest).sentences
    start = sentence.text.index("detained")
    assert sentence.dating(start, start + 8).value == date(2020, 9, 19)
    assert anchor_of(_undated(RIOT, None)) == Anchor(None, "none")
    assert _dates(_undated(RIOT, None)) == [[]]


def test_with_only_a_background_date_explicit_dates_take_its_year():
    body = "Lukashenko won 80.1% of the vote in the August 9 election, the commission said."
    evidence = pubdate_evidence(body, None)
    text = infer_pubdate(evidence, 2020)[1]
    assert text == "latest background date 2020-08-09: August 9"
    article = _undated(body + " " + RIOT, text)
    assert anchor_of(article) == Anchor(None, "none", date(2020, 12, 31))
    assert _dates(article) == [[date(2020, 8, 9)], []]


@pytest.mark.skipif(not (CORPORA / "news2020_bbc_cnn_st").exists(), reason="corpus absent")
def test_caption_dates_match_real_publication_dates():
    rows = _dated_rows("news2020_bbc_cnn_st", 3000)
    errors = []
    for row in rows:
        segments = segment_text(row["title"] + "\n\n" + row["text"])
        if not segments or not segments[0].captions:
            continue
        low, _ = _caption_range(segments[0].text, segments[0].captions)
        words = _with_captions(segments[0].text, segments[0].captions)[1] or ""
        if low is not None and "caption:" in words:
            errors.append(abs((low - date.fromisoformat(row["date"])).days))
    assert len(errors) >= 3
    assert sum(e <= 3 for e in errors) >= 0.6 * len(errors)
    assert max(errors) <= 7


def test_a_weekday_called_for_is_not_a_reported_day():
    body = (
        "The emboldened opposition has called for massive demonstrations on Sunday to pressure "
        "Belarus' authoritarian leader into resigning."
    )
    caption = ["Opposition supporters rally in Minsk on August 23, 2020."]
    assert _caption_range(body, caption) == (None, None)
    assert _caption_range("Tens of thousands marched on Sunday in Minsk.", caption) == (
        date(2020, 8, 23),
        date(2020, 8, 24),
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("JMSFOTWandy0129 ,.-()'’\n")), max_size=200))
def test_scans_from_opening_characters_find_what_finditer_finds(text):
    text = "Friday (March 20), 2020 on Saturday Sept. 3, 1999 " + text
    for pattern, starts in ((_DATE, _DATE_START), (_YEAR, _YEAR_START)):
        found = [m.span() for m in _matches(pattern, starts, text)]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_today_or_yesterday_with_a_date_is_the_publication_day():
    body = "The council voted today (March 12) to close the old bridge to lorries."
    assert publication(body) == Publication(
        date(2020, 3, 12), date(2020, 3, 12), date(2020, 3, 12), "today: March 12"
    )
    body = "The ferry ran aground yesterday, Wednesday March 11, off the north coast."
    assert publication(body).day == date(2020, 3, 12)
    # a speaker's "today" is the day they spoke, not the publication's
    quoted = 'The mayor said: "We open the bridge today (March 12)," at a briefing last week.'
    assert publication(quoted).day is None


def test_a_weekday_with_a_time_of_day_pairs_with_its_date():
    body = "Two climbers were rescued on Saturday morning (March 21) after a night on the ridge."
    assert publication(body).low == date(2020, 3, 21)


def test_a_comma_paired_date_is_no_publication_range():
    # US prose and inline photo captions: "Thursday, March 19, in New York City"
    body = "A commuter holds a pole on the subway Thursday, March 19, in New York City."
    found = publication(body)
    assert (found.day, found.low) == (None, None)
    assert found.text == "latest reported date 2020-03-19: Thursday, March 19"


def test_a_weekday_after_a_future_cue_in_its_sentence_is_not_past():
    body = (
        "The minister arrived on Sunday and will hold talks with the governors of the "
        "three northern provinces in the capital on Monday."
    )
    assert [words for _, words in past_weekdays(body)] == ["on Sunday"]
    body = "Bosses threatened to close the plant where staff walked out beginning on Monday."
    assert past_weekdays(body) == ()
