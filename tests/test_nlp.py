"""The pipeline's fast stand-ins for the attribute ruler and lemmatizer annotate exactly as spaCy's own."""

import spacy
from conftest import SEEDS, read_text
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from graph import nlp
from graph.settings import DEFAULT_MODEL

TEXTS = [
    "But the board said that it would not sell. I'd rather wait, she said, but nobody did.",
    "Something happened to anyone who was there; those who left early, if at all, weren't told.",
    "The   spaces\n\nand tabs\tstay where they are; 'tis an odd text, isn't it?",
    "Prices rose 3% in May. The U.S. Senate's committee voted 12-9 on Tuesday, Oct. 5, 2021.",
]


def test_fast_annotators_give_the_stock_pipelines_tokens():
    fast = nlp.load(DEFAULT_MODEL)
    stock = spacy.load(DEFAULT_MODEL)
    assert "kg_attribute_ruler" in fast.pipe_names and "kg_lemmatizer" in fast.pipe_names
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert ours.to_array(columns).tolist() == theirs.to_array(columns).tolist()


def test_a_dateline_is_parsed_apart_from_the_lede():
    text = "TULSA, Okla., June 9 — Brisco Labs opened a pump plant.\n"
    assert [text[a:b] for a, b in nlp._without_dateline(text, 0, len(text))] == ["TULSA, Okla., June 9 — ", "Brisco Labs opened a pump plant.\n"]
    plain = "Brisco Labs — the maker of pumps — agreed to buy Orvik AS."
    assert nlp._without_dateline(plain, 0, len(plain)) == [(0, len(plain))]


def test_a_wire_dateline_with_a_hyphen_is_parsed_apart_but_a_spaced_hyphen_alone_makes_none():
    text = "DUNMORE, Tarvia (Reuters) - Halvorsen Group said it would cut 500 jobs."
    assert [text[a:b] for a, b in nlp._without_dateline(text, 0, len(text))] == ["DUNMORE, Tarvia (Reuters) - ", "Halvorsen Group said it would cut 500 jobs."]
    acronym = "NASA - backed Orvik Labs said it would cut 500 jobs."
    assert nlp._without_dateline(acronym, 0, len(acronym)) == [(0, len(acronym))]


def test_verb_forms_the_stock_lemmatizer_shortens_get_their_own_lemma():
    doc = nlp.load(DEFAULT_MODEL)("She was riding for Brisco Cycling, which she cofounded.")
    assert {(t.text, t.lemma_) for t in doc if t.pos_ == "VERB"} >= {("riding", "ride"), ("cofounded", "cofound")}


def test_a_one_word_dateline_place_the_recogniser_misses_is_a_place():
    found = {m.name: m.type for m in read_text("ORVIK, Tarvia (Reuters) - Velkaro said on Tuesday it would cut 1,200 jobs.").mentions}
    assert found.get("ORVIK") == "Place" or found.get("Orvik") == "Place"
