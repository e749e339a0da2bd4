"""End to end on seeds/: the facts a careful reader lists, no junk nodes, no duplicates."""

from graph.names import name_key

EXPECTED = {
    ("Yi+", "headquarteredIn", "Zhongguancun"),
    ("Yi+", "locatedIn", "Singapore"),
    ("Yi+", "locatedIn", "San Jose"),
    ("Mo Zhang", "worksFor", "Yi+"),
    ("Yujia He", "worksFor", "Scowcroft Center for Strategy and Security"),
    ("Scowcroft Center for Strategy and Security", "parentOrganization", "Atlantic Council"),
    ("Beijing", "capitalOf", "China"),
    ("Zhongguancun", "locatedIn", "Haidian District"),
    ("Haidian District", "locatedIn", "Beijing"),
    ("Beijing", "locatedIn", "China"),
    ("Lenovo", "locatedIn", "Zhongguancun"),
    ("Google", "locatedIn", "Zhongguancun"),
    ("Microsoft", "locatedIn", "Zhongguancun"),
    ("Peking University", "locatedIn", "Beijing"),
    ("Tsinghua University", "locatedIn", "Beijing"),
    ("Nanyang Technological University", "partnerOf", "Yi+"),
    ("Beijing Set to Transform Itself Into a Tech Capital", "author", "Ben Halder"),
    ("Beijing Set to Transform Itself Into a Tech Capital", "publisher", "OZY"),
}


def test_seed_holds_the_expected_facts(seed_result):
    found = {(t.subject.name, t.type, t.object.name) for t in seed_result.triples}
    assert EXPECTED <= found


def test_seed_roles_aliases_and_evidence(seed_result):
    roles = {(t.subject.name, t.object.name): t.role for t in seed_result.triples if t.type == "worksFor"}
    assert roles[("Mo Zhang", "Yi+")] == "CEO"
    zgc = next(e for e in seed_result.entities if e.name == "Zhongguancun")
    assert {"Zhong Guan Cun", "China’s Silicon Valley"} <= set(zgc.aliases)
    article = seed_result.articles[0]
    for t in seed_result.triples:
        for r in t.evidence:
            assert article.text[r.provenance.start : r.provenance.end] == r.provenance.sentence


def test_seed_has_no_junk_or_duplicate_nodes(seed_result):
    names = [e.name for e in seed_result.entities]
    assert not {"AI", "Beijingers", "Chinese", "Zhang", "He", "R&D"} & set(names)
    keys = [(e.type, name_key(e.name)) for e in seed_result.entities]
    assert len(keys) == len(set(keys))
    for e in seed_result.entities:
        others = {name_key(o.name) for o in seed_result.entities if o is not e}
        assert not {name_key(a) for a in e.aliases} & others, e


def test_seed_facts_hold_with_and_without_the_learned_parts():
    from conftest import SEEDS

    from graph.pipeline import build

    stock = build(SEEDS, learned=False)
    assert EXPECTED <= {(t.subject.name, t.type, t.object.name) for t in stock.triples}
    encoded = build(SEEDS, encoder=True)  # the learned parts with the pair encoder
    assert EXPECTED <= {(t.subject.name, t.type, t.object.name) for t in encoded.triples}
