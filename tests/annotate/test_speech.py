"""The attribution lexicon: the one list of verbs that name a speaker or a source."""

from __future__ import annotations

import json
import re

import pytest

from flows.annotate import attribution_words, speech_verbs
from flows.annotate.speech import AttributionWords
from flows.lexicons import LEXICON_DIR, LexiconError, load_lexicon


def test_a_lexicon_entry_of_an_unknown_kind_is_refused_at_load(tmp_path):
    doc = json.loads((LEXICON_DIR / "attribution.json").read_text())
    doc["entries"].append({"kind": "quote_verb", "words": ["quipped"]})
    (tmp_path / "attribution.json").write_text(json.dumps(doc))
    with pytest.raises(LexiconError, match="quote_verb"):
        load_lexicon("attribution", AttributionWords, tmp_path)


def test_each_verb_is_listed_once():
    verbs = [w for k in ("verb", "source_verb", "speech_verb") for w in attribution_words()[k]]
    assert len(verbs) == len(set(verbs))


@pytest.mark.parametrize(
    ("word", "names_a_speaker"),
    [
        ("said", True),
        ("tells", True),
        ("admitted", True),
        ("asked", True),  # a speech verb: it names who spoke, not who gave a number
        ("adding", True),
        ("reported", False),  # “...,” Claudia Mo said, The Guardian reported: the medium
        ("states", False),  # as often the noun: "member states"
        ("estimated", False),  # gives a figure, not words
        ("put the number", False),
    ],
)
def test_speech_verbs_are_the_verbs_of_saying_and_of_speech(word, names_a_speaker):
    assert (re.fullmatch(speech_verbs(), word) is not None) is names_a_speaker
