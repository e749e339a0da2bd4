"""Resolution as pure functions over hand-made mentions and relations."""

from rdflib import Graph, URIRef

from graph.iris import entity_id, slug
from graph.names import name_key
from graph.resolve import initials, resolve, short_forms
from graph.types import Article, Extraction, Mention, Provenance, Relation


def m(i, name, kind, article="a", start=None):
    start = i * 10 if start is None else start
    return Mention(f"m{i}", name, name, kind, start, start + len(name), article)


def extraction(mentions, relations=(), article="a"):
    return Extraction(Article(article, "T", "text"), tuple(mentions), tuple(relations))


def rel(head, tail, kind, confidence=0.9):
    return Relation(head, tail, kind, confidence, Provenance(head.article_id, 0, 4, "text"), "test")


def test_a_short_form_is_no_board_named_beside_the_organisation_it_governs():
    board, district, short = m(0, "Ridgeway Board of Education", "Organization"), m(1, "Ridgeway School District", "Organization"), m(2, "Ridgeway", "Organization")
    assert short_forms([board, district, short]) == {short: district}
    assert short_forms([board, short]) == {short: board}  # the only one it can be


def test_spacing_variants_and_country_forms_share_a_key():
    assert name_key("Mar Vel Ton") == name_key("Marvelton")
    assert name_key("U.S.") == name_key("United States") == name_key("US")
    assert name_key("São Paulo") == name_key("Sao Paulo")


def test_surname_and_acronym_link_to_full_names_in_the_same_article():
    full, short = m(0, "Ann Lee", "Person"), m(1, "Lee", "Person")
    org, acro = m(2, "Bank of Northern Trade", "Organization"), m(3, "BNT", "Organization")
    assert initials("Bank of Northern Trade") == "BNT"
    assert short_forms([full, short, org, acro]) == {short: full, acro: org}


def test_shared_surname_is_the_first_named_person_or_left_alone():
    ann, bo, lee = m(0, "Ann Lee", "Person"), m(1, "Bo Lee", "Person"), m(2, "Lee", "Person")
    assert short_forms([ann, bo, lee]) == {lee: ann}  # the subject is named first; relatives after
    early = m(3, "Lee", "Person", start=0)
    assert short_forms([m(4, "Ann Lee", "Person", start=10), m(5, "Bo Lee", "Person", start=20), early]) == {}


def test_acronyms_last_words_and_first_named_organisations():
    agency = m(0, "Ministry for Rural Affairs", "Organization")
    state_body = m(1, "Oregon Bureau of Water Quality", "Organization")
    paper, district, station = m(2, "Port Alder Courier", "Organization"), m(3, "Ridgeway Fire District", "Organization"), m(4, "Ridgeway Station", "Organization")
    shorts = [m(5, "Mra", "Organization"), m(6, "BWQ", "Organization"), m(7, "Courier", "Organization"), m(8, "Ridgeway", "Organization"), m(9, "Legal", "Organization")]
    links = {s.name: f.name for s, f in short_forms([agency, state_body, paper, district, station, *shorts]).items()}
    assert links == {"Mra": "Ministry for Rural Affairs", "BWQ": "Oregon Bureau of Water Quality", "Courier": "Port Alder Courier", "Ridgeway": "Ridgeway Fire District"}
    assert short_forms([m(0, "Alder Courier", "Organization"), m(1, "Bay Courier", "Organization"), m(2, "Courier", "Organization")]) == {}
    assert short_forms([m(0, "HOLLOWAY TOWNSHIP", "Place"), m(1, "Holloway", "Place")]) == {m(1, "Holloway", "Place"): m(0, "HOLLOWAY TOWNSHIP", "Place")}


def test_one_entity_per_real_thing_across_articles():
    a = extraction([m(0, "Globex", "Organization"), m(1, "Ann Lee", "Person"), m(2, "Lee", "Person")], article="a")
    b = extraction([m(0, "Globex", "Organization", article="b"), m(1, "GLOBEX", "Organization", article="b")], article="b")
    entities, _ = resolve([a, b])
    assert sorted((e.name, len(e.mentions)) for e in entities) == [("Ann Lee", 2), ("Globex", 3)]
    assert {m.article_id for e in entities if e.name == "Globex" for m in e.mentions} == {"a", "b"}


def test_aliases_merge_and_nicknames_become_alternate_names():
    z1, z2 = m(0, "Larkton", "Place"), m(1, "River Town Area", "Place")
    nick = m(2, "the Old Port", "Name")
    x = extraction([z1, z2, nick], [rel(z1, z2, "alternateName"), rel(z1, nick, "alternateName")])
    (entity,), triples = resolve([x])
    assert entity.name == "Larkton" and set(entity.aliases) == {"River Town Area", "the Old Port"}
    assert triples == []


def test_triples_respect_domain_range_and_symmetry():
    org, place, person = m(0, "Globex", "Organization"), m(1, "Lyon", "Place"), m(2, "Ann Lee", "Person")
    other = m(3, "Acme", "Organization")
    x = extraction(
        [org, place, person, other],
        [rel(org, place, "headquarteredIn"), rel(place, org, "headquarteredIn"), rel(org, other, "partnerOf"), rel(other, org, "partnerOf", 0.8)],
    )
    _, triples = resolve([x])
    assert {(t.subject.name, t.type, t.object.name) for t in triples} == {("Globex", "headquarteredIn", "Lyon"), ("Acme", "partnerOf", "Globex")}
    partner = next(t for t in triples if t.type == "partnerOf")
    assert len(partner.evidence) == 2 and partner.confidence == 0.9


def test_slugs_make_valid_stable_iris_for_any_name():
    hostile = ['Yi+', 'A "quoted" <name> & co', "back\\slash `tick` {{x}}", "javascript:alert(1)", "😀", "\u202eevil", "x" * 500, "São Paulo"]
    g = Graph()
    for name in hostile:
        ident = entity_id("Organization", name)
        assert ident == entity_id("Organization", name) and len(ident) < 100
        g.add((URIRef("https://example.org/id/" + ident), URIRef("https://example.org/p"), URIRef("https://example.org/o")))
    assert len(Graph().parse(data=g.serialize(format="nt"), format="nt")) == len(hostile)
    assert slug("Yi+") == "yi-plus" and slug("São Paulo") == "sao-paulo"


def test_short_forms_of_organisations_and_people():
    full = [m(0, "Brisco ASA", "Organization"), m(1, "Brisco Digital", "Organization"), m(2, "University of Wexmoor", "Organization"),
            m(3, "Ilse Marta Vronk", "Person"), m(4, "Tomas Orrin Peel", "Person")]
    short = [m(5, "Brisco", "Organization"), m(6, "Wexmoor", "Organization"), m(7, "Ilse Vronk", "Person"), m(8, "Tomas Orrin", "Person"), m(9, "Peel", "Place")]
    links = {s.name: f.name for s, f in short_forms(full + short).items()}
    assert links == {"Brisco": "Brisco ASA", "Wexmoor": "University of Wexmoor", "Ilse Vronk": "Ilse Marta Vronk", "Tomas Orrin": "Tomas Orrin Peel"}


def test_a_first_name_with_a_full_and_a_fuller_name_is_that_person():
    short, fuller, first = m(0, "Ilse Vronk", "Person"), m(1, "Ilse Marta Vronk", "Person"), m(2, "Ilse", "Person")
    assert short_forms([short, fuller, first]) == {short: fuller, first: fuller}
    assert short_forms([m(0, "Ilse Vronk", "Person"), m(1, "Ilse Dahl", "Person"), m(2, "Ilse", "Person")]) == {}  # two people: left alone


def test_a_nickname_and_the_surname_are_the_person_named_with_that_nickname():
    full = Mention("m0", "Lena 'Lenny' Brask", "Lena Brask", "Person", 0, 18, "a")
    short = m(3, "Lenny Brask", "Organization")  # its own type does not matter
    other = m(5, "Lenny Dahl", "Person")  # no one is called that
    assert short_forms([full, short, other]) == {short: full}


def test_a_company_short_form_is_the_company_not_its_founder():
    founder, company, short = m(0, "Ruth Orvane", "Person"), m(1, "Orvane Devices Inc.", "Organization"), m(2, "Orvane", "Organization")
    assert short_forms([founder, company, short]) == {short: company}
    said = m(3, "Orvane", "Person")
    assert short_forms([founder, company, said]) == {said: founder}


def test_a_legal_form_outvotes_short_forms_typed_as_people():
    full = m(0, "Brisco Homes LLC", "Organization")
    shorts = [m(i, "Brisco", "Person") for i in range(1, 5)]
    entities, _ = resolve([extraction([full, *shorts])])
    assert [(e.name, e.type) for e in entities] == [("Brisco Homes LLC", "Organization")]


def test_an_organisation_named_with_a_designator_outvotes_short_forms_typed_as_people():
    full = m(0, "St. Orvik's Health System", "Organization")
    shorts = [m(i, "St. Orvik", "Person") for i in range(1, 4)]
    entities, _ = resolve([extraction([full, *shorts])])
    assert [(e.name, e.type) for e in entities] == [("St. Orvik's Health System", "Organization")]
    person = [m(0, "Tessa Power", "Person"), m(1, "Power", "Person")]  # a surname that is also a designator
    assert [(e.name, e.type) for e in resolve([extraction(person)])[0]] == [("Tessa Power", "Person")]


def test_one_type_per_entity_across_articles_by_votes():
    a = extraction([m(0, "Quenby Labs", "Organization"), m(1, "Quenby Labs", "Organization", start=40)], article="a")
    b = extraction([m(0, "Quenby Labs", "Person", article="b")], article="b")
    entities, _ = resolve([a, b])
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Quenby Labs", "Organization", 3)]


def test_state_abbreviations_and_accents_share_a_key():
    assert name_key("Tenn.") == name_key("Tennessee") and name_key("Calif.") == name_key("California") == name_key("Calif")
    assert name_key("Miss") != name_key("Mississippi")  # a word: only its dotted form is the state
    assert name_key("Zürich") == name_key("Zurich")


def test_references_join_their_antecedent_entity():
    name = m(0, "Quenby Labs", "Organization")
    it = Mention("r0", "the company", "Quenby Labs", "Organization", 30, 41, "a", refers_to="m0")
    entities, _ = resolve([extraction([name, it])])
    assert len(entities) == 1 and len(entities[0].mentions) == 2 and entities[0].aliases == ()
