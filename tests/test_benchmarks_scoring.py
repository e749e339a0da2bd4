"""Scoring of the news-dev and Re-DocRED benchmarks on tiny invented gold and predictions."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from graph.learn import news, redocred
from graph.types import Entity, Mention, Provenance, Relation, Triple

# ---------------------------------------------------------------- news-dev helpers

GOLD = {
    "source": "invented for a test",
    "entities": {
        "Brindlewood Labs": {"type": "Organization", "aliases": ["Brindlewood Labs", "Brindlewood", "BWL"]},
        "Oskar Penhallow": {"type": "Person", "aliases": ["Oskar Penhallow", "Penhallow"]},
        "Quillmere": {"type": "Place", "aliases": ["Quillmere"]},
        "Tarrow Group": {"type": "Organization", "aliases": ["Tarrow Group", "Tarrow"]},
        "Yvette Corran": {"type": "Person", "aliases": ["Yvette Corran"]},
    },
    "acceptable_entities": {"Glimmer Award": {"aliases": ["Glimmer Award"]}, "ARTICLE": {"aliases": ["A headline"]}},
    "must": [
        ["Oskar Penhallow", "EMPLOY", "Brindlewood Labs"],
        ["Brindlewood Labs", "HQ", "Quillmere"],
        ["Brindlewood Labs", "PARTNER", "Tarrow Group"],
        ["ARTICLE", "AUTHOR", "Yvette Corran"],
    ],
    "acceptable": [["Brindlewood Labs", "LOCATED", "Quillmere"]],
    "aliases_must": [["Brindlewood Labs", "BWL"]],
}


def write_gold(directory: Path, name: str = "story", text: str = "A headline\n\nSome text.\n", gold: dict = GOLD, digest: str | None = None) -> None:
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    data = dict(gold, sha256=digest or hashlib.sha256(text.encode("utf-8")).hexdigest())
    (directory / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


def node(name: str, type_: str, *aliases: str) -> Entity:
    return Entity(f"id-{name}", name, type_, tuple(aliases))


def triple(subject: Entity, predicate: str, obj: Entity, extractor: str = "rule-a") -> Triple:
    head = Mention("m0", subject.name, subject.name, subject.type, 0, 1, "doc")
    tail = Mention("m1", obj.name, obj.name, obj.type, 2, 3, "doc")
    evidence = Relation(head, tail, predicate, 0.9, Provenance("doc", 0, 3, "x"), extractor)
    return Triple(subject, predicate, obj, (evidence,))


@pytest.fixture
def gold(tmp_path: Path) -> news.GoldArticle:
    write_gold(tmp_path)
    (article,) = news.load(tmp_path)
    return article


# ---------------------------------------------------------------- news-dev


def test_normalise_follows_the_readme() -> None:
    assert news.normalise("  The\u00a0Brindlewood   Labs\u2019s ") == "brindlewood labs"
    assert news.normalise("\uff22WL") == "bwl"  # NFKC folds the full-width letter


def test_load_reads_gold_and_checks_the_hash(tmp_path: Path) -> None:
    write_gold(tmp_path)
    (article,) = news.load(tmp_path)
    assert article.name == "story" and article.path == tmp_path / "story.txt"
    assert ("Brindlewood Labs", "HQ", "Quillmere") in article.must
    assert {e.name for e in article.entities} == set(GOLD["entities"])
    other = tmp_path / "bad"
    other.mkdir()
    write_gold(other, name="broken", digest="0" * 64)
    with pytest.raises(ValueError, match="broken.txt"):
        news.load(other)


def test_perfect_prediction_scores_one(gold: news.GoldArticle) -> None:
    lab = node("Brindlewood Labs", "Organization", "BWL")
    person = node("Penhallow", "Person", "Oskar Penhallow")
    town = node("Quillmere", "Place")
    tarrow = node("Tarrow", "Organization")
    writer = node("Yvette Corran", "Person")
    article = node("A headline", "NewsArticle")
    triples = [
        triple(person, "worksFor", lab),
        triple(lab, "headquarteredIn", town),
        triple(tarrow, "partnerOf", lab),  # the symmetric group matches either way round
        triple(article, "author", writer, extractor="byline"),
    ]
    score = news.score_article(gold, [lab, person, town, tarrow, writer], triples)
    assert score.relations == news.Counts(predicted=4, correct=4, must=4, found=4)
    assert score.missed == () and score.wrong == ()
    assert score.entities_matched == score.entities_predicted == 5
    assert score.gold_found == 5 and score.type_errors == () and score.duplicates == ()
    assert score.aliases_hit == (("Brindlewood Labs", "BWL"),)
    assert score.groups["HQ"] == news.Counts(1, 1, 1, 1)
    assert score.groups["LOCATED"] == news.Counts(1, 1, 0, 0)  # headquarteredIn is also LOCATED (acceptable)
    assert score.extractors == {"byline": (1, 1), "rule-a": (3, 3)}


def test_wrong_missed_inverse_and_acceptable(gold: news.GoldArticle) -> None:
    lab = node("the Brindlewood", "Organization")
    town = node("Quillmere", "Place")
    stranger = node("Ulla Fenwick", "Person")
    person = node("Oskar Penhallow", "Person")
    triples = [
        triple(town, "homeTo", lab),  # inverse: lab locatedIn town, an acceptable fact
        triple(stranger, "worksFor", lab, extractor="model"),  # unknown end: wrong
        triple(lab, "foundedBy", person, extractor="model"),  # both ends known, no such fact: wrong
        triple(person, "livesIn", town),  # no group: wrong
    ]
    score = news.score_article(gold, [lab, town, stranger, person], triples)
    assert score.relations == news.Counts(predicted=4, correct=1, must=4, found=0)
    assert len(score.missed) == 4
    wrong = {(w.predicate, w.gold_subject, w.gold_object) for w in score.wrong}
    assert wrong == {("worksFor", None, "Brindlewood Labs"), ("foundedBy", "Brindlewood Labs", "Oskar Penhallow"),
                     ("livesIn", "Oskar Penhallow", "Quillmere")}
    assert score.extractors == {"model": (2, 0), "rule-a": (2, 1)}
    assert score.entities_predicted == 4 and score.entities_matched == 3
    assert score.aliases_hit == ()


def test_direction_matters_outside_partner(gold: news.GoldArticle) -> None:
    lab = node("Brindlewood Labs", "Organization")
    person = node("Oskar Penhallow", "Person")
    score = news.score_article(gold, [lab, person], [triple(lab, "worksFor", person)])
    assert score.relations.correct == 0 and score.relations.found == 0


def test_type_errors_duplicates_and_alias_alone(gold: news.GoldArticle) -> None:
    lab = node("Brindlewood Labs", "Place")
    acronym = node("BWL", "Organization")  # the alias on its own node: a duplicate, not an alias hit
    award = node("Glimmer Award", "Organization")  # acceptable: not junk, not recall
    score = news.score_article(gold, [lab, acronym, award], [])
    assert score.type_errors == (("Brindlewood Labs", "Organization", "Place"),)
    assert score.duplicates == (("Brindlewood Labs", ("BWL/Organization", "Brindlewood Labs/Place")),)
    assert score.aliases_hit == ()
    assert score.entities_matched == 3 and score.gold_found == 1


def test_evaluate_report_lines_and_dict(tmp_path: Path) -> None:
    write_gold(tmp_path)
    lab = node("Brindlewood Labs", "Organization")
    town = node("Quillmere", "Place")

    def build_one(path: Path):
        assert path.suffix == ".txt"
        return [lab, town], [triple(lab, "headquarteredIn", town)]

    report = news.evaluate(tmp_path, build_one)
    assert report.relations == news.Counts(1, 1, 4, 1)
    data = report.as_dict()
    assert data["groups"]["HQ"]["recall"] == 1.0 and data["entities"]["predicted"] == 2
    json.dumps(data)
    text = "\n".join(report.lines())
    assert "relations (micro)" in text and "missed: Oskar Penhallow --EMPLOY--> Brindlewood Labs" in text


# ---------------------------------------------------------------- Re-DocRED

DOC = {
    "title": "Invented",
    "sents": [["Ilse", "Marwick", "joined", "Fenbury", "Works", "in", "Dornholm", "."],
              ["Marwick", "left", "in", "1999", "for", "the", "Tolle", "Cup", "."]],
    "vertexSet": [
        [{"name": "Ilse Marwick", "sent_id": 0, "pos": [0, 2], "type": "PER"},
         {"name": "Marwick", "sent_id": 1, "pos": [0, 1], "type": "PER"}],
        [{"name": "Fenbury Works", "sent_id": 0, "pos": [3, 5], "type": "ORG"}],
        [{"name": "Dornholm", "sent_id": 0, "pos": [6, 7], "type": "LOC"}],
        [{"name": "1999", "sent_id": 1, "pos": [3, 4], "type": "TIME"}],
        [{"name": "Tolle Cup", "sent_id": 1, "pos": [6, 8], "type": "MISC"}],
    ],
    "labels": [
        {"h": 0, "t": 1, "r": "P108", "evidence": [0]},
        {"h": 1, "t": 2, "r": "P159", "evidence": [0]},
        {"h": 2, "t": 1, "r": "P355", "evidence": [0]},  # reversed -> parentOrganization; not a real pair
        {"h": 0, "t": 3, "r": "P580", "evidence": [1]},  # unmapped property
        {"h": 4, "t": 2, "r": "P17", "evidence": [1]},  # MISC head: out of scope
    ],
}


@pytest.fixture
def document(tmp_path: Path) -> redocred.Document:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([DOC]), encoding="utf-8")
    (doc,) = redocred.load(path)
    return doc


def span(doc: redocred.Document, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return start, start + len(text)


def mention(ident: str, doc: redocred.Document, text: str, type_: str, nth: int = 0, name: str | None = None) -> dict:
    start, end = span(doc, text, nth)
    return {"id": ident, "text": text, "name": name or text, "type": type_, "start": start, "end": end}


def test_text_and_offsets(document: redocred.Document) -> None:
    assert document.text == "Ilse Marwick joined Fenbury Works in Dornholm . Marwick left in 1999 for the Tolle Cup ."
    for entity in document.entities:
        for m in entity.mentions:
            assert document.text[m.span[0]:m.span[1]] == " ".join(document.sentences[m.sent_id][m.tokens[0]:m.tokens[1]])
    assert redocred.gold_relations(document) == {(0, "worksFor", 1), (1, "headquarteredIn", 2), (1, "parentOrganization", 2)}


def test_split_is_every_fifth_document(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([DOC] * 11), encoding="utf-8")
    train, dev = redocred.split(redocred.load(path))
    assert [d.index for d in dev] == [0, 5, 10] and len(train) == 8


def test_mentions_coreference_and_relations(document: redocred.Document) -> None:
    record = {
        "id": "x",
        "entities": [
            mention("e0", document, "Ilse Marwick", "Person"),
            mention("e1", document, "Fenbury Works", "Organization"),
            mention("e2", document, "Dornholm", "Organization"),  # right span, wrong type
            mention("e3", document, "Marwick", "Person", nth=1),
            mention("e4", document, "Tolle", "Place"),  # inside a MISC name: ignored
            mention("e5", document, "joined", "Person"),  # plain false positive
        ],
        "relations": [
            {"head": "e0", "tail": "e1", "type": "worksFor", "extractor": "rule-a"},
            {"head": "e3", "tail": "e1", "type": "worksFor", "extractor": "rule-b"},  # same entity pair: collapses
            {"head": "e1", "tail": "e2", "type": "locatedIn", "extractor": "rule-a"},  # not in gold
            {"head": "e5", "tail": "e1", "type": "foundedBy"},  # unmapped end
            {"head": "e1", "tail": "e1", "type": "partnerOf"},  # gold cannot express it
        ],
    }
    clusters = {"e0": "n0", "e3": "n0", "e1": "n1", "e2": "n2", "e4": "n3", "e5": "n4"}
    score = redocred.score_document(document, record, clusters)
    assert score.mentions == redocred.Score(tp=3, fp=2, fn=1)
    assert score.mention_spans == redocred.Score(tp=4, fp=1, fn=0)
    assert score.coref_found == redocred.Share(3, 3)
    assert score.coref_multi == redocred.Share(1, 1)
    assert score.coref_multi_found == redocred.Share(1, 1)
    assert score.relations["worksFor"] == redocred.Score(1, 0, 0)
    assert score.relations["locatedIn"] == redocred.Score(0, 1, 0)
    assert score.relations["foundedBy"] == redocred.Score(0, 1, 0)
    assert score.relations["headquarteredIn"] == redocred.Score(0, 0, 1)
    assert score.unscored == {"partnerOf": 1}
    assert score.extractors == {"rule-a": (2, 1), "rule-b": (1, 1)}  # a relation with an unmapped end is not judged


def test_default_clustering_by_name_splits_different_names(document: redocred.Document) -> None:
    record = {
        "id": "x",
        "entities": [mention("e0", document, "Ilse Marwick", "Person"),
                     mention("e1", document, "Marwick", "Person", nth=1)],
        "relations": [],
    }
    assert redocred.score_document(document, record).coref_multi == redocred.Share(0, 1)
    same = [dict(record["entities"][0]), dict(record["entities"][1], name="ilse  MARWICK")]
    score = redocred.score_document(document, dict(record, entities=same))
    assert score.coref_multi == redocred.Share(1, 1)
    assert score.merged == 0


def test_evaluate_sums_and_checks_lengths(document: redocred.Document) -> None:
    record = {"id": "x", "entities": [mention("e0", document, "Fenbury Works", "Organization")], "relations": []}
    report = redocred.evaluate([document, document], [record, record])
    assert report.mentions == redocred.Score(2, 0, 6)
    assert report.relations == redocred.Score(0, 0, 6)
    json.dumps(report.as_dict())
    assert any(line.startswith("mentions (span + type)") for line in report.lines())
    with pytest.raises(ValueError):
        redocred.evaluate([document], [])


def test_a_persons_membership_is_employment_not_a_part(gold: news.GoldArticle) -> None:
    person, lab = node("Oskar Penhallow", "Person"), node("Brindlewood Labs", "Organization")
    score = news.score_article(gold, [person, lab], [triple(person, "memberOf", lab)])
    assert score.groups["EMPLOY"].correct == 1 and "PART" not in score.groups
    assert score.relations.correct == 1
