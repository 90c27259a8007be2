"""Publication dates inferred from article text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from flows.pubdate import (
    find_dates,
    needs_corpus_year,
    pubdate_evidence,
    resolve_pubdate,
    top_year,
    year_votes,
)
from flows.segment import segment_text


def infer(body: str, doc_year: int | None = None, corpus_year: int | None = 2020):
    """Resolve a body's publication date in one step."""
    return resolve_pubdate(pubdate_evidence(body, doc_year), corpus_year)


def test_paired_weekday_and_date_is_the_publication_date():
    body = (
        "BEIJING (REUTERS) - China reported a record rise in imported coronavirus cases on "
        "Friday (March 20) as students returned home. The first case was found on January 3."
    )
    assert infer(body) == (date(2020, 3, 20), "Friday (March 20)")


def test_the_weekday_chooses_the_year():
    body = "The ministry said on Friday (March 20) that schools would stay open."
    assert infer(body, doc_year=2019)[0] == date(2020, 3, 20)
    assert infer(body, doc_year=None, corpus_year=2021)[0] == date(2020, 3, 20)


def test_without_weekdays_the_latest_reported_date():
    body = (
        "Thousands of Belarusians gathered outside state television on August 15. "
        "Demonstrations have continued following the call for peaceful rallies on August 14. "
        "Staff said they planned a strike on August 17. "
        "A March for Freedom is also planned in the center of Minsk on August 16."
    )
    assert infer(body) == (date(2020, 8, 15), "August 15")


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
    evidence = pubdate_evidence("The meeting took place on November 26.", None)
    assert needs_corpus_year(evidence)
    assert resolve_pubdate(evidence, None) == (None, None)
    assert resolve_pubdate(evidence, 2020) == (date(2020, 11, 26), "November 26")


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
    inferred, close, total = _accuracy(rows, lambda r: r["title"] + "\n\n" + r["text"], 2020)
    assert inferred >= 0.6 * total
    assert close >= 0.85 * inferred


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
