"""Article segmentation and chrome removal, against the hand-made gold of the seeds."""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

from flows.ingest.chrome import (
    ChromePattern,
    _quick,
    _required_char,
    is_breadcrumb,
    is_tag_line,
    line_kind,
)
from flows.ingest.segment import MAX_ARTICLE_CHARS, MAX_HEADLINE_CHARS, segment_text, shorten
from flows.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "eval" / "gold" / "articles.json").read_text(encoding="utf-8"))
NEWS2020 = Path("/work/shared/corpora/news2020_bbc_cnn_st/articles.jsonl")


@pytest.fixture(scope="module")
def seed_segments() -> dict[str, list]:
    """Segments of every seed file, by file name."""
    return {name: segment_text((SEEDS / name).read_text()) for name in GOLD["files"]}


def test_seeds_hold_sixteen_articles_with_the_gold_headlines(seed_segments):
    found = {name: [s.headline for s in segs] for name, segs in seed_segments.items()}
    expected = {
        name: [a["headline"] for a in spec["articles"]] for name, spec in GOLD["files"].items()
    }
    assert found == expected
    assert sum(len(v) for v in found.values()) == 16


def test_each_article_starts_with_its_gold_lede(seed_segments):
    for name, spec in GOLD["files"].items():
        for seg, gold in zip(seed_segments[name], spec["articles"], strict=True):
            assert seg.text.startswith(gold["first_words"]), (name, seg.text[:80])


def test_section_heads_and_captions_are_never_headlines(seed_segments):
    headlines = {s.headline for segs in seed_segments.values() for s in segs}
    assert not headlines & set(GOLD["not_headlines"])


def test_chrome_and_captions_stay_out_of_the_text(seed_segments):
    texts = [s.text for segs in seed_segments.values() for s in segs]
    for needle in GOLD["not_in_text"]:
        assert not any(needle in t for t in texts), needle
    assert not any(p == "0" for t in texts for p in t.split("\n\n"))


def test_captions_are_kept_apart(seed_segments):
    trump = seed_segments["002_978e6dbf49f5cf3e.txt"][11]
    assert any(c.startswith("File photo: Belarus opposition supporters") for c in trump.captions)
    bbc = seed_segments["001_e6fbcf11979f492f.txt"][0]
    assert any("skewed image of the protests" in c for c in bbc.captions)


def test_section_heads_and_bullets_stay_in_the_body(seed_segments):
    eu = seed_segments["002_978e6dbf49f5cf3e.txt"][0]
    assert "– ‘Sanction Lukashenko’ –" in eu.body
    timeline = seed_segments["000_23450b4f23e9baa6.txt"][0]
    assert "Belarus protests: background" in timeline.body
    assert any(line.startswith("• On September 15") for line in timeline.body)


def test_line_rules_on_real_chrome():
    assert line_kind("Media playback is unsupported on your device") == "chrome"
    assert line_kind("Related Story Coronavirus explainers: What you should know") == "chrome"
    assert line_kind("Image copyright Getty Images Image caption Hospitals are full") == "caption"
    assert line_kind("Sergei GAPON / AFP") == "credit_only"
    assert line_kind("Manly Beach in Sydney on April 6, 2020. PHOTO: REUTERS") == "caption"
    assert line_kind("Riot police on Saturday detained hundreds of women.") == "text"
    footer = "Join more than three million BBC Travel fans by liking us on Facebook, or follow us."
    assert line_kind(footer) == "chrome"
    assert is_tag_line("European Union, Ogbonnaya Onu, Science and technology")
    assert not is_tag_line("Latvia, Lithuania and Estonia said they were ready to mediate.")
    assert is_breadcrumb(
        "Home World Europe News Belarus Crisis: Russia Pledges", "Belarus Crisis: Russia Pledges"
    )
    assert not is_breadcrumb("Home Secretary Priti Patel said on Monday", "The next line")


def test_a_subhead_mid_article_does_not_split_it():
    text = (
        "Airlines cut flights as demand collapses\n\n"
        "(CNN) Airlines around the world cut more flights on Monday as demand collapsed.\n\n"
        "Escalating situation\n\n"
        "The Norwegian Jewel is on course for Hawaii. Lisa Maree Williams/Getty Images\n\n"
        "They're not the only ones, the cruise association said in a statement."
    )
    segments = segment_text(text)
    assert len(segments) == 1
    assert "Escalating situation" in segments[0].body


@pytest.mark.skipif(not NEWS2020.exists(), reason="news2020 corpus not available")
def test_concatenated_real_articles_split_back():
    rows = [json.loads(line) for line in NEWS2020.read_text(encoding="utf-8").splitlines()]
    sample = random.Random(7).sample(rows, 200)
    recovered = found = 0
    for k in range(0, len(sample), 5):
        group = sample[k : k + 5]
        text = "\n\n\n".join(r["title"] + "\n\n" + r["text"] for r in group)
        segments = segment_text(text)
        headlines = [s.headline for s in segments]
        recovered += sum(r["title"] in headlines for r in group)
        found += len(segments)
    assert recovered >= 0.95 * len(sample)
    assert abs(found - len(sample)) <= 0.03 * len(sample)


def test_separator_lines_split_sentence_case_stories():
    text = (
        "US oil prices drop to 21-year low as demand dries up\n\n"
        "The price of US oil has fallen to a level not seen since 1999, as demand dries up.\n\n"
        "* * *\n\n"
        "Italy shuts most businesses as daily toll nears 800\n\n"
        "Italy has ordered the closure of all non-essential businesses, the prime minister said.\n"
        "Document 3 of 3\n"
        "Debenhams to start reopening shops after lockdown\n\n"
        "Debenhams is to start reopening its stores in England next week, the retailer said.\n"
    )
    assert [s.headline for s in segment_text(text)] == [
        "US oil prices drop to 21-year low as demand dries up",
        "Italy shuts most businesses as daily toll nears 800",
        "Debenhams to start reopening shops after lockdown",
    ]


def test_date_lines_are_kept_apart_from_the_body():
    text = (
        "EU leaders hold emergency summit on Belarus\n"
        "Updated 1:02 PM ET, Wed August 19, 2020\n\n"
        "EU leaders held an emergency video summit on Wednesday to discuss the crisis.\n"
    )
    (segment,) = segment_text(text)
    assert segment.headline == "EU leaders hold emergency summit on Belarus"
    assert segment.date_lines == ["Updated 1:02 PM ET, Wed August 19, 2020"]
    assert segment.body == [
        "EU leaders held an emergency video summit on Wednesday to discuss the crisis."
    ]


def test_a_huge_line_is_text_even_if_it_quotes_a_credit():
    line = "Belarus opposition leader Tikhanovskaya spoke (Photo by JOHN THYS / AFP). " * 20
    (segment,) = segment_text("Headline of the day\n\n" + line + "protest " * 5000)
    assert segment.body and not segment.captions


def test_a_date_line_above_a_headline_belongs_to_its_article():
    text = (
        "US oil prices drop to 21-year low as demand dries up\n16 August 2020\n\n"
        "The price of US oil has fallen to a level not seen since 1999.\n\n\n"
        "17 August 2020\nItaly shuts most businesses as daily toll nears 800\n\n"
        "Italy has ordered the closure of all non-essential businesses.\n"
    )
    segments = segment_text(text)
    assert [(s.headline, s.date_lines) for s in segments] == [
        ("US oil prices drop to 21-year low as demand dries up", ["16 August 2020"]),
        ("Italy shuts most businesses as daily toll nears 800", ["17 August 2020"]),
    ]


def test_chrome_rules_tried_only_where_a_match_can_start_give_the_same_answers():
    entries = load_lexicon("chrome", ChromePattern).entries
    quick = {e.pattern: _quick(e.pattern) for e in entries}
    assert sum(quick[p] != p for p in quick) >= 5  # the lexicon's slow openings are rewritten
    assert sum(bool(_required_char(p)) for p in quick) >= 5
    lines = [line.strip() for name in GOLD["files"] for line in (SEEDS / name).open()]
    lines += ["Belarus-Lukashenko/AFP", "x  Sergei Gapon / AFP via Getty Images", "a.b-c /EPA."]
    alphabet = list("abceiprCIPSAGFMR -/.:'’()©0") + ["Getty Images", "AFP", "photo", "credit"]
    rng = random.Random(0)
    lines += ["".join(rng.choices(alphabet, k=rng.randint(0, 20))) for _ in range(3000)]
    for plain, fast in quick.items():
        a, b = re.compile(plain), re.compile(fast)
        for line in lines:
            for method in ("match", "fullmatch", "search"):
                x, y = getattr(a, method)(line), getattr(b, method)(line)
                assert (x and x.span()) == (y and y.span()), (plain, method, line)
            assert x is None or _required_char(plain) in line, (plain, line)


LEDE = (
    "Police detained 40 people in Minsk on Sunday, 9 August 2020, after the vote, the interior "
    "ministry said."
)


@pytest.mark.parametrize("headline", [None, "Minsk police detain 40 after the vote"])
def test_a_one_paragraph_article_with_a_dated_lede_is_no_caption(headline: str | None):
    text = LEDE if headline is None else f"{headline}\n\n{LEDE}\n"
    (segment,) = segment_text(text)
    assert (segment.headline, segment.body, segment.captions) == (headline, [LEDE], [])


def test_a_lone_dated_line_beside_a_photo_credit_is_still_a_caption():
    text = "In Pictures: The Pink Moon\n\nThe Pink Moon rises over London on April 7, 2020.\n"
    assert segment_text(text + "\nPHOTO: REUTERS") == []


@pytest.mark.parametrize(
    "text",
    [
        # one paragraph hard-wrapped at 72 columns: rejoined in one pass, not row by row
        "\n".join(
            ["Police detained dozens of protesters in Minsk on Sunday and the crowd"] * 30_000
        ),
        # a run of chrome lines: each line's neighbours are not searched for across the run
        "Minsk protests\n\nPolice detained dozens.\n"
        + "Media playback is unsupported on your device\n" * 20_000
        + "The crowd dispersed.",
        # a line of fused chrome prefixes, stripped without copying the line for each
        "Minsk protests\n\n" + "Advertisement " * 100_000 + "Police detained dozens.",
    ],
    ids=["wrapped-paragraph", "chrome-run", "fused-prefixes"],
)
def test_pathological_layouts_segment_in_time_linear_in_their_length(text: str):
    start = time.perf_counter()
    segments = segment_text(text)
    assert time.perf_counter() - start < 5  # well under 1 s; each took a minute or more before
    assert segments and segments[0].body


def test_a_megabyte_headline_is_cut():
    (segment,) = segment_text("Minsk " * 4 + "x" * 1_000_000 + "\n\nPolice detained dozens.")
    assert segment.headline == "Minsk " * 4 + "x" * (MAX_HEADLINE_CHARS - 25) + "…"
    assert len(segment.headline) == MAX_HEADLINE_CHARS


def test_shorten_cuts_at_a_word_break_unless_that_loses_half():
    words = " ".join(["Lukashenko"] * 100)
    assert shorten(words, 40) == "Lukashenko Lukashenko Lukashenko…"
    assert shorten(words[:40], 40) == words[:40]
    assert shorten("Minsk " + "x" * 100, 10) == "Minsk xxx…"


def test_an_article_body_is_cut_at_its_limit_and_the_next_article_starts_afresh():
    huge = "Police detained dozens of protesters in Minsk on Sunday " * 4_000
    text = f"Protests in Minsk\n\n{huge}\n\n{huge}\n\n\n\nStrikes Spread To State Factories In Grodno\n\n"
    text += "Workers at state factories went on strike on Monday."
    first, second = segment_text(text)
    assert len(first.text) <= MAX_ARTICLE_CHARS and first.text.endswith("…")
    assert second.body == ["Workers at state factories went on strike on Monday."]
