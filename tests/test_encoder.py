"""The pair encoder: its markers, its batching, the shipped ONNX model, and builds with and without it."""

import subprocess
import sys

import pytest
from tokenizers import Tokenizer

from graph.extract.encoder import CLASSES, MAX_TOKENS, PairEncoder, encode, marked_words
from graph.learned import MODELS, learned_parts, model_id
from graph.nlp import load
from graph.pipeline import extractor
from graph.settings import DEFAULT_MODEL


def test_each_argument_becomes_its_type_between_markers_in_either_order():
    words = ["Ann", "Lee", "joined", "Globex", "."]
    marked, head, tail, last = marked_words(words, (0, 2, "Person"), (3, 4, "Organization"))
    assert marked == ["@", "person", "@", "joined", "#", "organization", "#", "."]  # the names' own words are gone
    assert (head, tail, last) == (0, 4, 6)
    marked, head, tail, last = marked_words(words, (3, 4, "Organization"), (0, 2, "Person"))  # the head after the tail
    assert marked == ["#", "person", "#", "joined", "@", "organization", "@", "."] and (head, tail, last) == (4, 0, 6)


def test_token_positions_point_at_the_opening_markers_and_a_cut_row_is_flagged():
    tokenizer = Tokenizer.from_file(str(MODELS / "encoder" / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    short = marked_words(["Ann", "Lee", "joined", "Globex", "."], (0, 2, "Person"), (3, 4, "Organization"))
    long = marked_words(["Ann", "joined", *["very"] * MAX_TOKENS, "Globex"], (0, 1, "Person"), (MAX_TOKENS + 2, MAX_TOKENS + 3, "Organization"))
    ids, mask, heads, tails = encode(tokenizer, [short, long])
    assert ids.shape == mask.shape and ids.shape[0] == 2 and mask[0].sum() < mask[1].sum()
    at = tokenizer.encode(short[0], is_pretokenized=True).tokens
    assert at[heads[0]] == "@" and at[tails[0]] == "#"
    assert heads[1] == -1 and tails[1] == -1  # the tail's markers fell past the truncation


@pytest.fixture(scope="module")
def encoder_and_nlp():
    parts = learned_parts(DEFAULT_MODEL, encoder=True)
    return PairEncoder.load(parts.encoder), load(DEFAULT_MODEL, parts.ner)


def _classes(encoder_and_nlp, text: str, head: str, head_type: str, tail: str, tail_type: str) -> dict[str, float]:
    encoder, nlp = encoder_and_nlp
    doc = nlp(text)
    h = doc.char_span(text.index(head), text.index(head) + len(head))
    t = doc.char_span(text.index(tail), text.index(tail) + len(tail))
    (classes,) = encoder.probabilities([(doc[:], h, t, head_type, tail_type)])
    assert classes is not None and set(classes) == set(CLASSES) and abs(sum(classes.values()) - 1) < 1e-5
    return classes


@pytest.mark.parametrize("text, head, head_type, tail, tail_type, kind", [
    ("Tessa Vance has worked for Kessmore Labs since 2019.", "Tessa Vance", "Person", "Kessmore Labs", "Organization", "Work_For"),
    ("Tobias Orvik, who lives in Larkfield, declined to comment.", "Tobias Orvik", "Person", "Larkfield", "Place", "Live_In"),
    ("Ann Brisco shot and killed Tobias Orvik in 1911.", "Ann Brisco", "Person", "Tobias Orvik", "Person", "Kill"),
    ("Kessmore Labs, a software maker based in Larkfield, hired ten people.", "Kessmore Labs", "Organization", "Larkfield", "Place", "OrgBased_In"),
])
def test_the_shipped_encoder_reads_the_relation_a_sentence_states(encoder_and_nlp, text, head, head_type, tail, tail_type, kind):
    classes = _classes(encoder_and_nlp, text, head, head_type, tail, tail_type)
    assert max(classes, key=classes.__getitem__) == kind


def test_the_encoder_reads_the_verb_not_the_names(encoder_and_nlp):
    met = _classes(encoder_and_nlp, "Tessa Vance met Tobias Orvik in Larkfield.", "Tessa Vance", "Person", "Tobias Orvik", "Person")
    shot = _classes(encoder_and_nlp, "Tessa Vance shot Tobias Orvik in Larkfield.", "Tessa Vance", "Person", "Tobias Orvik", "Person")
    assert met["Kill"] < 0.5 < shot["Kill"]
    renamed = _classes(encoder_and_nlp, "Ann Brisco shot Kessmore Orvenne in Larkfield.", "Ann Brisco", "Person", "Kessmore Orvenne", "Person")
    assert renamed == shot  # the two names are masked: other names, the same reading to the bit


def test_the_encoder_is_used_only_when_asked_for_and_keys_the_cache_apart():
    assert learned_parts(DEFAULT_MODEL, encoder=True).encoder == MODELS / "encoder"
    assert learned_parts(DEFAULT_MODEL).encoder is None and learned_parts(DEFAULT_MODEL).classifier is not None
    assert extractor(DEFAULT_MODEL, True, True)[2].encoder is not None and extractor(DEFAULT_MODEL, True)[2].encoder is None
    assert model_id(DEFAULT_MODEL, True) != model_id(DEFAULT_MODEL, True, True)
    assert learned_parts(DEFAULT_MODEL, False, encoder=True).encoder is None  # --no-learned: no learned part at all


def test_training_the_encoder_refuses_a_wrong_base_model_in_one_line(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    done = subprocess.run([sys.executable, "-m", "graph", "train-encoder", str(tmp_path), "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 1 and "sha256" in done.stderr and len(done.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


def test_a_build_with_the_encoder_is_the_same_on_one_process_and_on_two(tmp_path):
    from conftest import SEEDS

    corpus = tmp_path / "corpus"  # two articles, so that two workers are forked
    corpus.mkdir()
    for seed in SEEDS.iterdir():
        for copy in ("a", "b"):
            (corpus / f"{copy}-{seed.name}").write_bytes(seed.read_bytes())
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        done = subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "-o", str(out), "--encoder", "--no-cache", "-q", "-f", "ttl", "-w", workers],
                              capture_output=True, text=True)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        outputs.append((out / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] and b"kg:confidence" in outputs[0]  # the forked workers score with the parent's session


def test_redocred_pairs_take_the_class_their_documents_state_and_the_names_are_masked():
    from graph.learn.encoder import redocred_examples
    from graph.learn.redocred import Document, GoldEntity, GoldMention, token_offsets

    sentences = (("Tessa", "Vance", "works", "for", "Kessmore", "Labs", "in", "Larkfield", "."), ("Vance", "left", "."))
    offsets = token_offsets(sentences)

    def mention(sentence: int, start: int, end: int, kind: str) -> GoldMention:
        return GoldMention(" ".join(sentences[sentence][start:end]), kind, sentence, (start, end), (offsets[sentence][start][0], offsets[sentence][end - 1][1]))

    entities = (GoldEntity((mention(0, 0, 2, "PER"), mention(1, 0, 1, "PER"))), GoldEntity((mention(0, 4, 6, "ORG"),)), GoldEntity((mention(0, 7, 8, "LOC"),)))
    document = Document(0, "", sentences, offsets, entities, frozenset({(0, "P108", 1), (1, "P131", 2)}))
    rows = {" ".join(words): CLASSES[label] for (words, _, _, _), label in redocred_examples([document], keep_none=1.0)}
    assert rows["@ person @ works for # organization # in Larkfield ."] == "Work_For"
    assert rows["Tessa Vance works for @ organization @ in # place # ."] == "OrgBased_In"
    assert rows["@ person @ works for Kessmore Labs in # place # ."] == "None"  # the document states nothing about the pair
    assert len(redocred_examples([document], keep_none=0.0)) == 2  # only the related pairs without the unrelated share


def test_pairs_of_several_paragraphs_are_read_each_in_its_own_sentence(encoder_and_nlp):
    encoder, nlp = encoder_and_nlp
    first, second = nlp("Ann Brisco shot Tobias Orvik."), nlp("Ann Brisco met Tobias Orvik.")  # the same offsets, two docs
    pairs = [(doc[:], doc[0:2], doc[3:5], "Person", "Person") for doc in (first, second)]
    shot, met = encoder.probabilities(pairs)  # (int8 activations are scaled per batch: equal to a few decimals only when batched alone)
    assert shot["Kill"] > 0.5 > met["Kill"]
