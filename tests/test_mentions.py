import pytest
import spacy
from conftest import facts, read_text

from graph import nlp
from graph.extract import lexicon
from graph.extract.mentions import context_votes, is_date, is_generic, name_bounds, name_candidates
from graph.names import name_key as key
from graph.resolve import resolve
from graph.settings import DEFAULT_MODEL


def names(text: str) -> dict[str, str]:
    return {m.name: m.type for m in read_text(text).mentions}


def test_determiners_and_possessives_are_stripped():
    found = names("The survey came from the Oxbury Institute’s Center for Coastal Research.")
    assert found.get("Oxbury Institute") == "Organization"
    assert found.get("Center for Coastal Research") == "Organization"


def test_coordinated_names_are_split():
    found = names("Teams from the Marlin and Oxbury universities met in the final.")
    assert found.get("Marlin University") == "Organization" and found.get("Oxbury University") == "Organization"


def test_generic_acronyms_are_not_names():
    assert is_generic("AI") and is_generic("R&D") and is_generic("internet") and not is_generic("Lenovo")
    assert "AI" not in names("The AI race between the two countries is heating up in Europe.")
    assert "MBA" not in names("Ann Lee earned an MBA from Oxbury University in 2004.")  # a degree, not a school


def test_missed_name_recovered_from_context():
    assert names("Dutch fintech startup Bunqo raised money last year.").get("Bunqo") == "Organization"


def test_context_outvotes_recogniser_label():
    text = "Montmartre, an area in the north of Paris, is home to many galleries. Tourists love Montmartre."
    assert names(text)["Montmartre"] == "Place"


def test_nickname_is_a_name_not_an_entity():
    found = read_text("Reno, widely known as Nevada’s gaming town, draws crowds every weekend.")
    nick = [m for m in found.mentions if m.type == "Name"]
    assert [m.text for m in nick] == ["Nevada’s gaming town"]
    assert not any(m.type == "Place" and m.name == "Nevada" for m in found.mentions)


def test_key_ignores_spacing_case_and_punctuation():
    assert key("Mar Vel Ton") == key("MarVelTon") == key("mar-vel-ton")


def test_surname_of_a_person_is_a_person_whatever_the_recogniser_says():
    found = read_text("Hélène Martin runs the laboratory in Lyon. Martin joined the company in 2019 after a decade in Paris.")
    assert {m.type for m in found.mentions if m.name in {"Martin", "Hélène Martin"}} == {"Person"}


def test_hyphenated_surname_opening_a_sentence_is_the_person():
    found = read_text("The council hired Carla Ibarra-Soto in May. Ibarra-Soto, 44, will run the water board from July.")
    surnames = [m for m in found.mentions if m.text == "Ibarra-Soto"]
    assert len(surnames) == 1 and surnames[0].type == "Person" and surnames[0].name == "Ibarra-Soto"


def test_surname_that_is_a_common_word_opening_a_sentence_is_not_taken():
    found = read_text("The board named Dana Young as treasurer. Young people packed the hall to hear her.")
    assert [m.text for m in found.mentions if m.name == "Young"] == []


def test_a_modifier_and_job_title_is_a_role_not_part_of_the_name():
    found = read_text("Quorvex Chief Executive Dana Pruett spoke at the meeting.")
    assert {(m.name, m.type) for m in found.mentions} == {("Quorvex", "Organization"), ("Dana Pruett", "Person")}
    assert [(r.head.name, r.type, r.tail.name, r.role) for r in found.relations] == [("Dana Pruett", "worksFor", "Quorvex", "Chief Executive")]


def test_dates_are_not_names():
    doc = spacy.blank("en")("Lima Radio in Spanish 1700 GMT 7 Apr 94 said Lima in April 1988 and May Lee")
    words = [t.text for t in doc]
    def span(*ws):
        return words.index(ws[0]), words.index(ws[-1]) + 1

    assert is_date(doc, *span("GMT", "Apr")) and is_date(doc, *span("April")) and is_date(doc, *span("Apr"))
    assert not is_date(doc, *span("Lima")) and not is_date(doc, *span("May", "Lee"))
    alone = spacy.blank("en")("It admitted the fraud in May and met May Lee")
    assert is_date(alone, 5, 6) and not is_date(alone, 8, 9)  # "in May" is a month; "met May" may be a name


def test_country_stays_a_place_despite_organisation_cues():
    found = names("The military leaders of Haiti met envoys of the Soviet Union and the president of Mexico.")
    assert found.get("Haiti") == found.get("Soviet Union") == found.get("Mexico") == "Place"


def test_sites_and_buildings_are_places():
    found = names("The choir sang at the Palace of Culture in Minsk. The plane came down in the Tongass National Forest near the Larkfield Theater.")
    assert found.get("Palace of Culture") == found.get("Tongass National Forest") == found.get("Larkfield Theater") == "Place"


def test_middle_initial_marks_a_person():
    assert names("NASA announced on Thursday that Ulf D. Merbold will fly next year.").get("Ulf D. Merbold") == "Person"


def test_the_subject_of_born_or_died_is_a_person():
    assert names("Dunmore Elk Holt was born in Lyon.").get("Dunmore Elk Holt") == "Person"
    assert names("Harvel Ostrin Dune died on Saturday.").get("Harvel Ostrin Dune") == "Person"
    assert names("Brenmoor Holdings was born out of a merger in 1990.").get("Brenmoor Holdings") == "Organization"


def test_every_demonym_names_its_own_country():
    assert lexicon.DEMONYMS["Chilean"] == "Chile" and lexicon.DEMONYMS["Dutch"] == "Netherlands"
    assert lexicon.DEMONYMS["Saudi"] == "Saudi Arabia" and {"Mexico", "Italy", "Sri Lanka"} <= lexicon.COUNTRIES
    assert all(d[:1].isupper() and ":" not in d for d in lexicon.DEMONYMS) and "" not in lexicon.COUNTRIES
    assert lexicon.DEMONYMS["Sudanese"] == "Sudan" and "South" not in lexicon.DEMONYMS  # no word of "South Sudanese" alone


def test_a_demonym_adjective_is_a_mention_of_its_country_and_a_language_is_not():
    found = read_text("Norwegian officials met the board of Tarvik Systems, whose staff speak Norwegian at work.")
    countries = [(m.text, m.name, m.type) for m in found.mentions if m.name == "Norway"]
    assert countries == [("Norwegian", "Norway", "Place")]  # the second "Norwegian" is the language
    assert {"Netherlands", "Belgium"} <= set(names("Dutch and Belgian officials met in Brussels on Friday."))
    # a demonym inside a name stays part of that name
    assert "Sweden" not in names("Shares of Swedish Tarvik Airlines rose on Monday.")


@pytest.mark.parametrize("text, demonym, place", [
    ("The English painter Ada Brenvik opened a show in Orvik.", "English", "England"),
    ("Orvik hosted a Welsh choir on Monday.", "Welsh", "Wales"),
    ("Prices rose in most European markets last year.", "European", "Europe"),
    ("Tarvik Foods sells its sauces in several Asian markets.", "Asian", "Asia"),
])
def test_a_demonym_of_a_nation_of_the_united_kingdom_or_of_a_continent_is_a_mention_of_it(text, demonym, place):
    assert [(m.text, m.name, m.type) for m in read_text(text).mentions if m.name == place] == [(demonym, place, "Place")]


@pytest.mark.parametrize("text", [
    "A Spanish version of the manual ships next month.",
    "Its English title was chosen by Ada Brenvik.",
    "Its Portuguese name means small river.",
])
def test_a_demonym_before_a_word_for_what_a_language_has_is_the_language(text):
    assert not [m for m in read_text(text).mentions if m.type == "Place" and m.name in {"Spain", "England", "Portugal"}]


@pytest.mark.parametrize("body", ["Scottish Parliament", "Welsh Government", "Danish Parliament"])
def test_a_demonym_the_tagger_reads_as_a_name_word_opens_a_bodys_name(body):
    assert names(f"Ada Brenvik wrote to the {body} on Monday.").get(body) == "Organization"


def test_a_continents_demonym_gives_no_state_body():
    found = read_text("Ada Brenvik joined the African Trade Court in Orvik.")
    assert not [m for m in found.mentions if m.name == "Africa"]


@pytest.mark.parametrize("text, acronym", [
    ("Brin Halvard chairs the board of the Tarvian Glassworks Company ( TAGCO ) .", "TAGCO"),
])
def test_an_acronym_in_brackets_after_a_name_is_a_mention_of_its_type(text, acronym):
    assert names(text).get(acronym) == "Organization"


def test_an_acronym_in_brackets_is_no_argument_of_the_relation_classifier():
    found = read_text("Ann Lee works for the Velkaro Transit Authority (VTA) in Orvik.")
    assert not [r for r in found.relations if r.extractor.startswith("model:") and "VTA" in {r.head.text, r.tail.text}]


def test_a_demonym_mention_is_no_argument_of_the_relation_classifier():
    found = read_text("The Swedish packaging group Orvenne Kartong, based in Malmo, hired Lena Brisco.")
    facts = {(r.head.name, r.type, r.tail.name) for r in found.relations}
    assert ("Orvenne Kartong", "locatedIn", "Sweden") in facts
    assert not any(r.extractor.startswith("model:") and "Sweden" in {r.head.name, r.tail.name} for r in found.relations)


def test_a_monarch_with_a_regnal_number_is_a_person_and_a_title_of_a_country_is_a_role():
    found = names("Tobias Orvik reigned as King of Romania until 1940. He married a daughter of King Edvar I of Greece.")
    assert found.get("Edvar I") == "Person" and "King Edvar I" not in found
    assert "King" not in found and found.get("Romania") == "Place"
    assert names("King Edvar VII of Norway opened the new Orvik bridge on Monday.").get("Edvar VII") == "Person"
    # a monarch's title without a regnal number still opens place names
    assert names("Tobias Orvik moved to King County last year.").get("King County") == "Place"


def test_the_place_after_of_in_a_persons_name_is_no_surname():
    assert names("The son of Duke Edvar of Norway, he later returned to Norway.").get("Norway") == "Place"


def test_a_place_word_at_the_end_of_a_name_makes_it_a_place():
    found = names("Tobias Orvik led the climbers across Branvik Glacier before the storm.")
    assert found.get("Branvik Glacier") == "Place" and found.get("Tobias Orvik") == "Person"


def test_an_appointment_is_no_nickname():
    found = read_text("The Ostrowe Gallery named Pia Vang, chief curator of the Selma Institute for Design in Bergen, as its next director.")
    typed = {m.name: m.type for m in found.mentions}
    assert typed.get("Pia Vang") == "Person" and typed.get("Selma Institute for Design") == "Organization" and typed.get("Bergen") == "Place"
    assert ("Pia Vang", "worksFor", "Selma Institute for Design") in {(r.head.name, r.type, r.tail.name) for r in found.relations}


def test_a_company_short_form_used_as_a_company_takes_its_type():
    text = ("Kelso Valley Memorial Hospital will close its maternity ward, officials said. "
            "Kelso Valley's board approved the plan on Monday, and Kelso Valley will keep its clinics.")
    typed = {m.name: m.type for m in read_text(text).mentions}
    assert typed["Kelso Valley"] == "Organization"


def test_a_shared_family_name_that_begins_a_company_name_is_the_company():
    text = ("Dorrance Foods was founded by Amos Dorrance and his son Eli Dorrance in 1921. "
            "Last year Dorrance sold its flour business, and Dorrance now makes only snacks.")
    typed = {m.name: m.type for m in read_text(text).mentions}
    assert typed["Dorrance"] == "Organization"


def test_a_short_name_written_before_the_longer_one_is_not_its_short_form():
    text = ("The French group Vallorie said its profit rose. Vallorie owns Vallorie Maroc, which it set up in 2004. "
            "Vallorie Maroc employs 300 people in Casablanca.")
    entities, _ = resolve([read_text(text)])
    names = {e.name for e in entities if e.type == "Organization"}
    assert {"Vallorie", "Vallorie Maroc"} <= names


def test_a_name_with_a_list_of_subjects_stays_whole():
    typed = names("She joined the Ministry of Fisheries, Forests and Rural Affairs in 2010.")
    assert typed.get("Ministry of Fisheries, Forests and Rural Affairs") == "Organization"
    apart = names("Students of the University of Oxbury and Quellmont University met on Friday.")
    assert apart.get("University of Oxbury") == "Organization" and apart.get("Quellmont University") == "Organization"


def test_an_all_capitals_dateline_place_is_one_name():
    found = names("PORT SAINT LOUIS, Mauritius — The council voted on Monday to close the harbour.")
    assert found.get("PORT SAINT LOUIS") == "Place"


def test_a_thing_called_by_its_name_is_an_entity():
    assert names("The venture, to be called Tarvik Wind, will build turbines off the coast.").get("Tarvik Wind") == "Organization"


def test_a_name_cut_after_its_preposition_is_joined():
    assert names("Vance taught chemistry at the University of Nairobi in Kenya.").get("University of Nairobi") == "Organization"


@pytest.mark.parametrize("firm", ["Denton Marsh LLP", "Vance Keane LLP", "Orlando Pike LLP"])
def test_a_firm_name_cut_before_its_legal_form_is_joined(firm):
    """The recogniser takes the first word for a place or leaves it out; the parse makes it part of the firm's name."""
    found = names(f"The lender hired Ann Vogt, who runs the Denver firm {firm}, last spring.")
    assert found.get(firm) == "Organization" and firm.split()[0] not in found


def test_two_organisations_named_in_full_in_one_recogniser_span_are_two_names():
    found = names("Tom Kell now leads the Brisco Institute of Oceanography, Orvik University's marine science centre.")
    assert found.get("Brisco Institute of Oceanography") == "Organization" and found.get("Orvik University") == "Organization"


def test_a_name_with_a_list_of_subjects_stays_one_name():
    assert names("He sits on the Senate Committee on Agriculture, Nutrition, and Forestry.").get("Senate Committee on Agriculture, Nutrition, and Forestry") == "Organization"


def test_a_place_before_a_firm_is_not_part_of_its_name():
    found = names("In Paris Acme SA said it would hire.")
    assert found.get("Paris") == "Place" and found.get("Acme SA") == "Organization"


def test_a_court_cut_before_its_circuit_is_joined():
    found = names("The ruling was upheld by the U.S. Court of Appeals for the Ninth Circuit in March.")
    assert found.get("U.S. Court of Appeals for the Ninth Circuit") == "Organization" and "Ninth Circuit" not in found


def test_a_town_and_its_state_read_as_one_organisation_are_two_places():
    extraction = read_text("She moved to Rutland, Vt., in 2001.")
    assert {(m.name, m.type) for m in extraction.mentions} == {("Rutland", "Place"), ("Vt.", "Place")}


def test_a_saints_institution_keeps_its_possessive():
    entities, _ = resolve([read_text("St. Olaf's Health System will buy the clinic. St. Olaf said the deal would close in May.")])
    assert [e.name for e in entities if e.type == "Organization" and "Olaf" in e.name] == ["St. Olaf's Health System"]


@pytest.mark.parametrize(("sentence", "name"), [
    ("After high school he enlisted in the U.S. Army.", "U.S. Army"),
    ("Kai Rowe worked for the Idaho State Department of Ecology until 2010.", "Idaho State Department of Ecology"),
    ("The lawsuit was filed in the U.S. District Court for the District of Vermont.", "U.S. District Court for the District of Vermont"),
])
def test_a_place_that_opens_an_organisations_name_is_part_of_it(sentence, name):
    assert names(sentence).get(name) == "Organization"


@pytest.mark.parametrize(("sentence", "name"), [
    ("Kai Rowe is a senior analyst at the Department of Marine Fisheries.", "Department of Marine Fisheries"),
    ("He was an elder at First Methodist Church of Newbury Falls for many years.", "First Methodist Church of Newbury Falls"),
])
def test_a_body_keeps_its_of_phrase(sentence, name):
    assert names(sentence).get(name) == "Organization"


@pytest.mark.parametrize(("sentence", "place", "name"), [
    ("Moscow INTERFAX in English reported the blast.", "Moscow", "INTERFAX"),
    ("The blast was reported by Moscow ITAR-TASS in English.", "Moscow", "ITAR-TASS"),
])
def test_a_place_before_a_name_of_its_own_stays_apart(sentence, place, name):
    found = names(sentence)
    assert found.get(place) == "Place" and found.get(name) == "Organization"


def test_a_firm_of_a_town_is_two_names():
    found = names("Last year the mill was bought by Vessing Stahl AG of Duisburg.")
    assert found.get("Vessing Stahl AG") == "Organization" and found.get("Duisburg") == "Place"


def test_a_state_universitys_campus_is_one_name():
    found = names("She studied law at the University of Kansas at Lawrence.")
    assert found.get("University of Kansas at Lawrence") == "Organization"


@pytest.mark.parametrize("word", ["Friends", "Neighbors", "Colleagues"])
def test_a_plural_noun_opening_a_sentence_is_no_name(word):
    assert word not in names(f"{word} said he was asked to run for mayor more than once.")


def test_an_organisation_read_as_the_first_words_of_a_person_is_one_name():
    found = names("Her son teaches at the Pontificia Universidad Católica de Valparaíso.")
    assert found.get("Pontificia Universidad Católica de Valparaíso") == "Organization"


def test_a_country_is_no_person():
    found = names("Chile wants a deal that lowers tariffs, the minister said. Chile exports copper.")
    assert found.get("Chile") == "Place"


def test_a_name_with_a_plural_verb_is_a_body_of_people():
    assert names("Brayford Town have loaned the goalkeeper Ann Vogt to a rival.").get("Brayford Town") == "Organization"


@pytest.mark.parametrize("text", [
    "Ann Vogt and Bo Kell have signed the letter.",  # two people
    "Middle-class Brazilians are selling their heirlooms.",  # a people
])
def test_a_plural_verb_of_several_is_no_organisation(text):
    assert "Organization" not in names(text).values()


def test_one_who_hires_a_person_is_an_organisation():
    assert names("Corlan hired Ann Vogt as its finance chief in May.").get("Corlan") == "Organization"


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("Brisco Records said Velmora is a 1990s sitcom about miners.", "Velmora"),
        ("The sitcom Copper Sky was released by Brisco Records in 1998.", "Copper Sky"),
        ("Dana Kell served in World War II before she joined Brisco Labs.", "World War II"),
        ("Brisco Labs sponsored the Coastal Cup in Reno.", "Coastal Cup"),
        ("Brisco Labs was founded after World War I.", "World War I."),
        ("Brisco Labs won the Orvik Piano Competition.", "Orvik Piano Competition"),
        ("Brisco Labs financed Velvet Storm (1998) and two later films.", "Velvet Storm"),
    ],
)
def test_a_work_or_event_is_no_entity(text, work):
    found = names(text)
    assert work not in found and any(t == "Organization" for t in found.values())  # the company beside it stays


@pytest.mark.parametrize(("text", "name"), [
    ("The deal values Quorian at $2 billion.", "Quorian"),
    ("Lentara, which is owned by the Quill family, sells snacks in 40 countries.", "Lentara"),
    ("Shareholders backed the takeover of Kessival.", "Kessival"),
    ("Ann Lee, who left the company in 2020, now runs Pellix.", "Pellix"),
    ("Nimbra was acquired by Halvorsen in 2019.", "Halvorsen"),
])
def test_what_is_valued_owned_run_or_taken_over_is_an_organisation(text, name):
    assert names(text).get(name) == "Organization"


def test_a_name_listed_after_such_as_is_of_the_kind_named():
    assert names("Lenders such as Quellix and Tarvo Bank cut rates.").get("Quellix") == "Organization"


def test_who_wrote_or_painted_a_work_is_a_person():
    found = names("The song was written by Lindau, Brun and Kesselring.")
    assert [found.get(n) for n in ("Lindau", "Brun", "Kesselring")] == ["Person"] * 3


@pytest.mark.parametrize("text, name", [
    ("Her second novel was published by Tarvelle in Orvik.", "Tarvelle"),
    ("The record was released by Osk Velder in 1999.", "Osk Velder"),
    ("The film was distributed by Morvane in Europe.", "Morvane"),
])
def test_who_publishes_releases_or_distributes_a_work_is_an_organisation(text, name):
    assert names(text).get(name) == "Organization"


@pytest.mark.parametrize("text, name", [
    ("The game was published by Ann Velder in 1999.", "Ann Velder"),
    ("The anthem was written and released by Dova Kressin in 1971.", "Dova Kressin"),
])
def test_a_publisher_named_as_a_person_or_who_also_wrote_the_work_stays_a_person(text, name):
    assert names(text).get(name) == "Person"


@pytest.mark.parametrize("text, places", [
    ("Tova Marren (born 2 June 1961, Kessavik) is a sculptor who lives in Orvik.", ["Kessavik"]),
    ("The painter Ilse Dorn (4 May 1902, Brannholt – 9 July 1980, Serovy) taught in Orvik.", ["Brannholt", "Serovy"]),
])
def test_a_name_after_a_date_in_a_persons_brackets_is_where_the_life_began_or_ended(text, places):
    found = names(text)
    assert [found.get(p) for p in places] == ["Place"] * len(places)


def test_a_name_after_a_year_and_a_comma_outside_brackets_is_not_a_place():
    assert names("In 1990, Halsoe joined the board of Orvane Systems.").get("Halsoe") == "Person"


def test_what_a_name_is_said_to_be_types_it():
    assert names("Ivo Marsh is a former rally driver who now farms.").get("Ivo Marsh") == "Person"
    assert names("Ferris Olm became publisher in 2004.").get("Ferris Olm") == "Person"  # a post; a firm becomes "a publisher"
    assert names("Tarvik Rowe is a small town in Norway.").get("Tarvik Rowe") == "Place"


@pytest.mark.parametrize("text", [
    "Harbour Crescent is a waterfront street in the old port.",
    "Merrow Line is a road between the two farms.",
])
def test_a_feature_of_the_landscape_a_name_is_said_to_be_makes_it_a_place(text):
    assert names(text).get(text.split(" is ")[0]) == "Place"


def test_an_occupation_that_opens_the_sentence_is_not_part_of_the_name():
    assert "Dana Whitt" in names("Novelist Dana Whitt lives in Orvik with her dog.")


def test_a_military_rank_is_no_part_of_the_name():
    assert "Dan Orvell" in names("Reports say Midshipman Dan Orvell rescued two sailors.")


def test_a_title_alone_is_no_name():
    assert is_generic("Assistant Coach") and is_generic("Vice President")
    assert not is_generic("Sen. Bob Dole") and not is_generic("General Motors")


def test_an_abbreviated_title_is_neither_a_name_nor_its_last_word():
    found = names("Detroit Ald. Tom Kell agreed, and Ald. Ana Ruiz did not.")
    assert {"Detroit", "Tom Kell", "Ana Ruiz"} <= set(found) and not any("Ald" in name for name in found)


@pytest.mark.parametrize("text", ["Kansas Gov. Tom Kell vetoed the measure.", "Oregon Sen. Ana Ruiz voted no.", "Ohio Gov. Ana Ruiz signed the bill on Monday."])
def test_a_state_before_a_title_is_a_place_and_the_person_after_it_a_person(text):
    found = names(text)
    state = text.split()[0]
    assert found.get(state) == "Place" and sorted(t for n, t in found.items() if n != state) == ["Person"]


@pytest.mark.parametrize(("text", "person"), [
    ("President Orvik Tarsen met Gov. Ana Brisco in Larkfield, Ohio, on Monday.", "Orvik Tarsen"),
    ("Gov. Ana Brisco met Dr. Lena Orvik in Larkfield.", "Ana Brisco"),
])
def test_the_name_after_a_capitalised_title_is_a_whole_person(text, person):
    assert names(text).get(person) == "Person"


def test_a_title_before_an_organisations_name_does_not_make_it_a_person():
    assert names("Judge Kessmore Institute opened a clinic in Larkfield.").get("Judge Kessmore Institute") != "Person"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Ms. Holt previously worked at Tarvik Systems.", "Holt", "Person"),
    ("Brisco, which is based in Oslo, has 400 employees.", "Brisco", "Organization"),
    ("Brisco has 400 employees in Oslo.", "Brisco", "Organization"),
    ("Under the agreement, Tarvik will acquire a 51 percent stake in Orvenne.", "Orvenne", "Organization"),
])
def test_usage_cues_type_a_short_name(text, name, kind):
    assert names(text).get(name) == kind


def test_a_place_with_streets_is_a_place():
    assert names("Traffic clogged Larkfield's main streets for hours.").get("Larkfield") == "Place"


@pytest.mark.parametrize("text", ["Hedda Orvik (3 May 1902, in Larkfield – 9 June 1960, in Tulsa) left a large estate.", "Hedda Orvik (born 12 May 1950) left a large estate."])
def test_the_years_of_a_life_in_brackets_vote_for_a_person(text):
    doc = nlp.load(DEFAULT_MODEL)(text)
    assert context_votes(doc, 0, 2)["Person"] >= 3


def test_a_designator_outweighs_years_in_brackets():
    assert names("Brisco Motors (1931 - 1998) made trucks in Ohio.").get("Brisco Motors") == "Organization"
    assert context_votes(nlp.load(DEFAULT_MODEL)("Hedda Orvik (2001 and 2004) is a report."), 0, 2)["Person"] == 0


def test_a_name_before_based_is_where_a_firm_is():
    assert names("The team includes the Wrocław-based electronics firm Tarvik Polska.").get("Wrocław") == "Place"


def test_a_name_before_a_unit_of_another_owner_is_where_the_unit_is():
    assert names("Orbital Lenses Ltd, a Larkfield subsidiary of Astrane, will build the radar.").get("Larkfield") == "Place"


@pytest.mark.parametrize("text", ["The Orvik Museum of Art named Tessa Vance as its director on Monday.", "Kessmore Labs named Tom Kell chief executive on Monday."])
def test_a_person_named_to_a_post_is_no_name_of_the_organisation(text):
    person = "Tessa Vance" if "Tessa" in text else "Tom Kell"
    assert names(text).get(person) == "Person"


@pytest.mark.parametrize(("text", "place"), [
    ("Although the city of Kell did not fall to the rebels, the region suffered.", "Kell"),
    ("The army marched to the city of Orvane after the battle.", "Orvane"),
    ("Ravenna Orvik moved to the village of Kessby, in the province of Torlund.", "Torlund"),
])
def test_a_name_after_a_place_noun_and_of_is_a_place(text, place):
    assert names(text).get(place) == "Place"


def test_a_bracketed_name_in_a_dateline_is_the_agency_not_a_place():
    found = names("BRACKWELL, Texas (Tarvik) — Tom Kell was elected mayor of the town on Tuesday.")
    assert found.get("Tarvik") == "Organization" and found.get("Brackwell", found.get("BRACKWELL")) == "Place"


def test_a_company_named_without_its_designator_is_the_company():
    found = names("Kessmore Labs agreed to buy Orvane Systems. Orvane, founded in 2004 by Ravi Mendel, employs 600 people.")
    assert found.get("Orvane") == "Organization"
    assert ("Orvane", "foundedBy", "Ravi Mendel") in facts(read_text("Kessmore Labs agreed to buy Orvane Systems. Orvane, founded in 2004 by Ravi Mendel, employs 600 people."))



@pytest.mark.parametrize("office", ["U.S. Attorney's Office", "Orvik County Sheriff's Office", "Larkfield County District Attorney's Office"])
def test_an_office_named_after_its_holder_is_one_organisation(office):
    assert names(f"A spokesman for the {office} in Brackwell said deputies responded.").get(office) == "Organization"


@pytest.mark.parametrize("text", ["The opposition Frente Amplio voted against the budget.", "Voters backed the centre-right Frente Amplio in Sunday's election."])
def test_a_name_after_a_word_of_political_position_is_a_party(text):
    assert names(text).get("Frente Amplio") == "Organization"


def test_a_surname_that_opens_a_sentence_with_an_age_is_the_person():
    found = read_text("The club fired coach Tom Pennelly on Sunday. Pennelly, 61, spent six years at the Larkfield school after leaving Orvik College.")
    assert "Pennelly" in {m.text for m in found.mentions}
    assert not {f for f in facts(found) if f[1] == "alumniOf"}


@pytest.mark.parametrize("text", [
    "Shares of Zentrix fell 4 percent on Monday.",
    "Analysts expect Zentrix to report higher profit on Thursday.",
    "Zentrix said it would cut 2,000 jobs worldwide.",
    "Zentrix was founded by Ann Brisco in 2005.",
    "Zentrix, based in Larkfield, employs 30,000 people.",
    "Tessa Vance works for Zentrix.",
    "Tessa Vance, who works at Zentrix, said the plan would fail.",
    "Kessmore Labs supplies chips to Zentrix.",
    "Kessmore Labs signed a deal with Zentrix.",
    "Tessa Vance, Zentrix's former head of sales, now runs a bakery.",
])
def test_what_only_a_company_does_makes_a_one_word_name_an_organisation(text):
    assert names(text).get("Zentrix") == "Organization"


def test_a_person_who_said_it_was_hard_stays_a_person():
    assert names("Tom Quill lost the vote. Quill said it was a difficult decision.").get("Quill") == "Person"


@pytest.mark.parametrize(("text", "name"), [
    ("Tom Kell served in the Larkfield Squadron.", "Larkfield Squadron"),
    ("Larkfield Regiment fought at the river.", "Larkfield Regiment"),
    ("Ravi Mendel is a former student of the Larkfield Conservatory.", "Larkfield Conservatory"),
])
def test_a_designator_word_types_the_name_an_organisation(text, name):
    assert names(text).get(name) == "Organization"


def test_two_firms_joined_by_and_are_two_names_but_a_firm_with_a_legal_form_is_one():
    found = names("Existing investors Orvik Capital and Hallstead Partners also took part in the round.")
    assert found.get("Orvik Capital") == "Organization" and found.get("Hallstead Partners") == "Organization"
    assert "Kell & Brisco Partners LLP" in names("Kell & Brisco Partners LLP represented the bank.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Acting Police Chief Rob Dean said officers responded within minutes.", {"Rob Dean": "Person"}),
    ("Lentara Chief Financial Officer Ben Ortiz will leave the company in June.", {"Lentara": "Organization", "Ben Ortiz": "Person"}),
    ("Former Orvik City Councilman Jim Lowe pleaded guilty on Friday.", {"Orvik City": "Place", "Jim Lowe": "Person"}),
])
def test_a_title_the_recogniser_left_before_a_person_is_no_name(text, expected):
    found = names(text)
    assert {name: found.get(name) for name in expected} == expected and len(found) == len(expected)


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Brig. Gen. Ivo Marsh commands the Dunmore garrison.", "Ivo Marsh", "Person"),
    ("Kessmore Gov. Paul Stone signed the budget into law.", "Kessmore", "Place"),
    ("Professor Emeritus Bo Kell of Orvik University died on Sunday.", "Bo Kell", "Person"),
    ("The Rev. Ann Lee led the service at St. Brigid's Church in Dunmore.", "St. Brigid's Church", "Organization"),
])
def test_titles_and_a_saints_church_around_names(text, name, kind):
    assert names(text).get(name) == kind


def test_a_legislators_state_after_a_party_initial_is_a_place():
    assert names("Sen. Carla Finch (D-Marlow) said she would oppose the bill.").get("Marlow") == "Place"


def test_a_peoples_adjective_before_common_nouns_is_no_organisation():
    found = names("A spokesman for the Tarvian foreign ministry said the envoy had been recalled.")
    assert "Tarvian" not in found and "Tarvian Democratic Union" in names("The Tarvian Democratic Union won 40 percent.")


def test_two_people_joined_by_and_are_two_names():
    found = names("Her students include Ding Vang & Ren Zhongpei, who won in Orvik.")
    assert found.get("Ding Vang") == "Person" and found.get("Ren Zhongpei") == "Person"
    assert "Tarrow" in names("Mr. and Mrs. Tarrow live in Orvik.")  # a couple, named once


def test_a_ministers_portfolio_is_no_organisation():
    assert "State" not in names("Ann Lee is Secretary of State.")
    assert names("Tom Kell is Secretary of the Larkfield Rowing Club.").get("Larkfield Rowing Club") == "Organization"


def test_of_and_an_organisation_ends_a_persons_name():
    found = names("Tessa Vance of Orvik Labs said the plan was sound.")
    assert found.get("Tessa Vance") == "Person" and found.get("Orvik Labs") == "Organization"


def test_an_age_after_a_name_makes_it_a_person():
    assert names("Tessa Varn, 51, of the Orvik Institute was picked for the mission.").get("Tessa Varn") == "Person"


@pytest.mark.parametrize("text, name, kind", [
    ("With West Virginia being Maro Tellik's home state, turnout was high.", "Maro Tellik", "Person"),
    ("Kessmore is Maro Tellik's home town.", "Maro Tellik", "Person"),
    ("Larkfield is Dana Orr's hometown.", "Larkfield", "Place"),
    ("The convoy left Moscow by road en route to Tarkovo.", "Tarkovo", "Place"),
    ("Ohio born Tom Bale was a young actor when he arrived in Larkfield.", "Ohio", "Place"),
])
def test_ones_home_and_where_one_travels_type_names(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, name, kind", [
    ("The population of Pelloga grew by a tenth last year.", "Pelloga", "Place"),
    ("Pelloga's population has doubled since 1990.", "Pelloga", "Place"),
    ("At the last census, Pelloga had a population of 265.", "Pelloga", "Place"),
    ("By 2020 Tarnow had a population of 3.2 million.", "Tarnow", "Place"),
    ("The inhabitants of Drevnik voted against the plan.", "Drevnik", "Place"),
    ("Kessler has a population of loyal fans, the coach said.", "Kessler", "Person"),
    ("Kestowa is an unincorporated community in Marlow County.", "Kestowa", "Place"),
    ("Kestowa is a census-designated place in Marlow County.", "Kestowa", "Place"),
    ("Brevik is a community in the township of Orlan.", "Brevik", "Place"),
    ("The Orvik Hiking Club is an unincorporated association of walkers.", "Orvik Hiking Club", "Organization"),
])
def test_a_population_or_a_census_settlement_makes_a_name_a_place(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, name", [
    ("A crash on State Route 9 closed two lanes.", "State Route 9"),
    ("A crash on U.S. Route 20 closed two lanes.", "U.S. Route 20"),
    ("A crash on Highway 61 closed two lanes.", "Highway 61"),
    ("The river rises in Kessmore near Interstate 287 and County Route 501.", "County Route 501"),
    ("Crews from Orvale Station 12 put out the blaze before dawn.", "Orvale Station 12"),
    ("Two engines are kept at Station 7, the county said.", "Station 7"),
])
def test_a_road_or_a_site_named_by_a_number_is_one_place(text, name):
    assert names(text).get(name) == "Place"


@pytest.mark.parametrize("text, name, kind", [
    ("Danny Walsh of the Larkfield Cowboys was the last to score.", "Larkfield Cowboys", "Organization"),
    ("The hikers were lost in the Kessmore Highlands for two days.", "Kessmore Highlands", "Place"),
])
def test_a_town_and_a_plural_noun_name_a_team_not_a_place(text, name, kind):
    assert names(text).get(name) == kind


def test_a_country_opens_the_name_of_its_chamber():
    found = names("Ana Ruiz was a member of the U.S. House of Representatives from Ohio.")
    assert found.get("U.S. House of Representatives") == "Organization" and "U.S." not in found


@pytest.mark.parametrize("text, name", [
    ("The river flows through the Tarvik Dam before it reaches the sea.", "Tarvik Dam"),
    ("Ducks nest at Orvel Pond every spring.", "Orvel Pond"),
    ("Pilgrims walk to the Kessmore Shrine each August.", "Kessmore Shrine"),
])
def test_a_dam_a_pond_or_a_shrine_ends_a_places_name(text, name):
    assert names(text).get(name) == "Place"


@pytest.mark.parametrize("text, name, kind", [
    ("Ana Ruiz later played for Metrovar and Tresko.", "Tresko", "Organization"),
    ("Tom Reel signed for Kessmore in June.", "Kessmore", "Organization"),
    ("Ana Ruiz played for Tom Reel at the wedding.", "Tom Reel", "Person"),
])
def test_one_plays_for_a_team(text, name, kind):
    assert names(text).get(name) == kind


def test_the_owner_of_a_novel_is_its_author():
    assert names("The film is based on Horace Vellum's 1935 novel of the same name.").get("Horace Vellum") == "Person"


@pytest.mark.parametrize("name", ["Torvex", "Quellix"])
def test_a_name_the_recogniser_left_before_a_title_and_a_person_is_the_organisation(name):
    found = names(f"Shares rose on Monday. {name} President R. Tom Arden said sales were strong.")
    assert found.get(name) == "Organization" and found.get("R. Tom Arden") == "Person"


def test_a_title_word_after_a_given_name_is_a_middle_name():
    assert names("The episode was directed by Steven Dean Tarrow.").get("Steven Dean Tarrow") == "Person"


@pytest.mark.parametrize("text", [
    "Commission Chair Ed Tarrow said the vote was close.",
    "The vote was close, Commission Chair Ed Tarrow said.",
])
def test_a_chair_before_a_name_is_a_title_and_a_lone_body_word_no_name(text):
    found = names(text)
    assert found.get("Ed Tarrow") == "Person" and "Commission" not in found


@pytest.mark.parametrize("text, name, kind", [
    ("Tom Arden, who founded Quellix in 2009, will step down next month.", "Quellix", "Organization"),
    ("The monks founded the city of Tarvo in 1120.", "Tarvo", "Place"),
])
def test_what_one_founds_is_an_organisation(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, name, kind", [
    ("Police arrested a 32-year-old man from Kessmore in connection with the fire.", "Kessmore", "Place"),
    ("A spokesman from Velkaro declined to comment.", "Velkaro", "Organization"),
])
def test_a_man_from_a_name_comes_from_a_place(text, name, kind):
    assert names(text).get(name) == kind


def test_a_lone_name_read_as_a_date_is_a_name():
    found = names("Velkaro, which is headquartered in Tarrow, has about 1,200 employees.")
    assert found.get("Tarrow") == "Place"


def test_a_name_before_an_owners_site_is_where_it_is():
    found = names("Ana Ruiz, an engineer at Orvane Systems' Kessmore plant, was hurt in the blast.")
    assert found.get("Kessmore") == "Place" and found.get("Orvane Systems") == "Organization"


@pytest.mark.parametrize("text, name, kind", [
    ("Ana Ruiz joined the board of Marnex last year.", "Marnex", "Organization"),
    ("Shareholders of Tarnix approved the deal.", "Tarnix", "Organization"),
    ("The board of Kessmore County voted on the plan.", "Kessmore County", "Place"),
])
def test_what_has_a_board_or_shareholders_is_an_organisation(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, name, kind", [
    ("Lena Varga, a Democrat who represents Kessmore in the state Senate, opposed the bill.", "Kessmore", "Place"),
    ("The firm represents Velkaro in court.", "Velkaro", "Organization"),
])
def test_what_one_represents_in_a_legislature_is_a_constituency(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, place", [
    ("Velkaro shares fell 4 percent after the Tarrow-based company cut its forecast.", "Tarrow"),
    ("The Kessmore-born midfielder joined Orvik FC in 2019.", "Kessmore"),
    ("The Kessmark-born designer moved to Orvik in 1999.", "Kessmark"),
    ("Orvik-based Halvorsen and Dunmore-based Nimbra agreed to merge.", "Orvik"),
])
def test_a_name_before_based_or_born_is_a_place_however_it_is_tagged(text, place):
    assert names(text).get(place) == "Place"
    assert "African" not in names("The African-born singer moved to Paris.")


def test_a_place_the_recogniser_runs_into_the_next_with_in_is_two_places():
    found = names("Prime Minister Lena Varga of Tarvonia met President Ivo Petran of Kessmark in Drevnik on Monday.")
    assert found.get("Kessmark") == "Place" and found.get("Drevnik") == "Place"


@pytest.mark.parametrize("text, name, kind", [
    ("The foreign ministry summoned Kessmark's ambassador, Ana Ruiz.", "Kessmark", "Place"),
    ("Opposition leader Marta Lind, whose Green Alliance won 12 seats, called for new elections.", "Green Alliance", "Organization"),
    ("Ana Ruiz won a seat on the council.", "Ana Ruiz", "Person"),
])
def test_a_state_has_ambassadors_and_a_party_wins_seats(text, name, kind):
    assert names(text).get(name) == kind


@pytest.mark.parametrize("text, name", [
    ("Kessmore's unemployment rate fell to 4.1 percent in May.", "Kessmore"),
    ("Tarvia's economy grew 2 percent last year.", "Tarvia"),
])
def test_what_has_an_economy_or_an_unemployment_rate_is_a_place(text, name):
    assert names(text).get(name) == "Place"


@pytest.mark.parametrize("text, name", [
    ("Tarvia's Supreme Court upheld the ban.", "Tarvia"),
    ("Kessmark's parliament voted on Friday.", "Kessmark"),
])
def test_what_has_a_parliament_or_a_supreme_court_is_a_state(text, name):
    assert names(text).get(name) == "Place"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Velkaro, which makes chips for phones, said demand was weak.", "Velkaro", "Organization"),
    ("The Dunmore school board voted 5-2 to close the school.", "Dunmore", "Place"),
    ("Marta Quill was elected to the Kessmark parliament in 2018.", "Kessmark", "Place"),
    ("The Orvik Police Department said two men were arrested.", "Orvik Police Department", "Organization"),
])
def test_a_maker_is_a_company_and_a_towns_or_states_body_in_lower_case_gives_the_place(text, name, kind):
    assert names(text).get(name) == kind


def test_an_elect_title_gives_the_town_before_it():
    found = names("Dunmore Mayor-elect Lisa Hart named Tom Brandt as her chief of staff.")
    assert found.get("Dunmore") == "Place" and found.get("Lisa Hart") == "Person"


def test_a_capitalised_word_before_a_surname_found_alone_opens_the_name():
    assert names("Bo Kell, Nimbra's founder, owns 30 percent of the company.").get("Bo Kell") == "Person"


def test_a_name_the_parser_reads_as_an_adjective_of_a_neighborhood_is_a_place():
    assert names("Residents of the Orvik neighborhood of Eastvale complained about noise.").get("Orvik") == "Place"


def test_an_amount_after_a_name_is_no_part_of_it():
    assert "Velkaro 2" not in names("The European Commission fined Velkaro 2 billion euros.")


def test_a_body_one_holds_a_seat_in_is_an_organisation():
    text = "Orvik voters backed the plan.\n\nAna Ruiz, who led the campaign, will give up her seat in the Senate. Tom Reel also sits in the Kessmore Senate."
    found = names(text)
    assert found.get("Senate") == "Organization" and found.get("Kessmore Senate") == "Organization"


@pytest.mark.parametrize("text, name", [
    ("Vice Provost Ana Ruiz will lead the search.", "Ana Ruiz"),
    ("\"We are ready,\" said Rector Tom Reel.", "Tom Reel"),
    ("Rear Adm. Ann Brenvik will lead the fleet from Orvik.", "Ann Brenvik"),
    ("The motion passed after Deputy Mayor Pro Tem Dana Voss voted for it.", "Dana Voss"),
])
def test_a_run_of_titles_before_a_name_is_no_part_of_it(text, name):
    found = names(text)
    assert found.get(name) == "Person" and not [n for n in found if n != name and name in n]


def test_a_name_before_a_kind_noun_and_a_second_name_is_the_place():
    found = names("Ana Ruiz came through the youth ranks at Kessmore side Orvana BK before joining Tarvo.")
    assert found.get("Kessmore") == "Place" and found.get("Orvana BK") == "Organization"


@pytest.mark.parametrize("text, name, kind", [
    ("Speaking to Interfax, the governor said the plant would reopen.", "Interfax", "Organization"),
    ("The Duchess of Argyll wrote to the council.", "Duchess of Argyll", "Person"),
])
def test_a_news_agency_and_a_noble_title_are_typed_by_what_they_are(text, name, kind):
    assert names(text).get(name) == kind


def test_a_surname_opening_a_sentence_is_the_person_however_it_is_tagged():
    found = names("Chief Executive Lorna Petrakis said the plan was sound.\n\nPetrakis joined Harvella in 2019 from Whirlbrook.")
    assert found.get("Petrakis") == "Person"
    assert "Young" not in names("Ann Young spoke first.\n\nYoung people said the plan was sound.")


def test_a_given_name_joined_to_a_full_name_shares_its_surname():
    assert names("The shop was founded in 1946 by brothers Emil and Otto Harvell.").get("Emil Harvell") == "Person"
    assert "Maria Labs" not in names("Maria and Orvik Labs signed the deal.")


@pytest.mark.parametrize("text, person, absent", [
    ("Fire Chief Sam Birch said the department had waited long enough.", "Sam Birch", "Fire"),
    ("Construction will start in May, according to City Engineer Laura Kim.", "Laura Kim", "City"),
])
def test_a_service_or_a_government_before_a_title_is_part_of_the_title(text, person, absent):
    found = names(text)
    assert found.get(person) == "Person" and absent not in found


def test_a_title_of_several_words_between_an_organisation_and_a_person_is_neither():
    found = names("\"We have worked with them for years,\" said Quillon Chief Technology Officer Aaron Feld.")
    assert found.get("Quillon") == "Organization" and found.get("Aaron Feld") == "Person"
    assert not any("Officer" in name for name in found)


def test_a_title_is_cut_from_a_name_the_recogniser_ran_into_the_full_stop():
    found = names("He lost the race in 2022 to current Mayor Linda Soto.")
    assert found.get("Linda Soto") == "Person" and "Mayor Linda Soto" not in found


def test_an_institution_named_with_a_possessive_is_one_name_but_an_owners_unit_is_not():
    assert names("The study was led by researchers at King's College London.").get("King's College London") == "Organization"
    found = names("The Women's Hockey Union fined two players.")
    assert found.get("Women's Hockey Union") == "Organization" and "Women" not in found  # a people's word owns no unit
    found = names("She teaches at Kessmore's School of Physics and Astronomy.")
    assert found.get("School of Physics and Astronomy") == "Organization" and "Kessmore's School of Physics and Astronomy" not in found


def test_a_comparative_opening_a_sentence_is_no_name():
    assert "Older" not in names("Older adults who live near busy roads sleep less, the study found.")


def test_a_given_name_alone_after_the_full_name_is_the_person_whatever_is_said_of_him():
    found = names("Brenford Rovers have appointed Markus Keller as manager.\n\n\"Markus is a builder,\" the chairman said.")
    assert found.get("Markus") == "Person"


def test_a_club_prefix_makes_an_organisation():
    assert names("The striker moved from SK Brenna to Larkfield in 2019.").get("SK Brenna") == "Organization"


def test_a_term_in_brackets_after_a_place_is_no_life():
    assert names("The club played in Kessmore (1994 - 1999) before it moved to Larkfield.").get("Kessmore") == "Place"
    assert names("Anna Orvik (1731 - 1803) was a painter.").get("Anna Orvik") == "Person"


@pytest.mark.parametrize("text, name", [
    ("Voters elected Arvo Tamm president in May.", "Arvo Tamm"),
    ("The board appointed Maria Kellan chairman on Monday.", "Maria Kellan"),
    ("The junta made Emil Varsak interim president of the country.", "Emil Varsak"),
])
def test_one_given_a_post_is_a_person_though_the_parser_runs_the_name_into_it(text, name):
    assert names(text).get(name) == "Person"


def test_one_of_a_kind_of_place_makes_a_place():
    assert names("Larkfield is one of Ohio's largest cities.").get("Larkfield") == "Place"


def test_a_hyphenated_surname_opening_a_sentence_is_one_name():
    found = names("The board named Dr. Carla Ruiz-Beltrán as interim head. Ruiz-Beltrán, 52, will lead the district.")
    assert "Beltrán" not in found and found.get("Ruiz-Beltrán", "Person") == "Person"


def test_a_place_before_a_mayor_is_a_place():
    assert names("Former Orvik mayor Dana Whitt died on Friday.").get("Orvik") == "Place"


def test_a_title_before_an_unrecognised_full_name_is_no_part_of_it():
    assert names("Ohio Governor Tessa Vance signed the bill.").get("Tessa Vance") == "Person"


def test_a_nordic_legal_form_makes_a_company():
    assert names("Tellrock was bought by Finland's Kestamo Oyj in 2019.").get("Kestamo Oyj") == "Organization"


def test_a_journal_is_no_place():
    assert names("The study, published in the journal Cortexa, was led by Dr. Lena Fischer.").get("Cortexa") == "Organization"


def test_now_part_of_a_name_is_no_place_cue():
    text = "Norden sold Greyrock Minerals to Haldane Capital. Greyrock, now part of Haldane, operates copper mines in Peru."
    assert names(text).get("Haldane") == "Organization"


def test_a_job_title_written_before_a_name_makes_a_person():
    assert names("Orvik Labs spokesperson Lina Park declined to comment.").get("Lina Park") == "Person"


@pytest.mark.parametrize(("text", "name"), [
    ("Mehta holds an MBA from Wharton.", "Wharton"),
    ("Whitney Cole spent a decade at McKinsey.", "McKinsey"),
])
def test_a_school_a_degree_comes_from_and_an_employer_years_were_spent_at_are_organisations(text, name):
    assert names(text).get(name) == "Organization"


def test_a_temperature_in_degrees_at_a_town_is_no_school_cue():
    assert names("Temperatures ranged up to 89 degrees at McAllen, Texas.").get("McAllen") != "Organization"


def test_of_after_a_company_designator_names_its_town():
    assert names("Orvik-Larch Corp. of Larkfield said profits rose.").get("Larkfield") == "Place"


def test_names_joined_to_an_employer_are_employers_too():
    assert names("Ms Evans previously worked for Thames Water and Ofwat.").get("Ofwat") == "Organization"


def test_what_a_named_thing_is_is_no_part_of_its_name():
    found = names("Arbor was acquired by Swiss drugmaker Helvion in 2022.")
    assert found.get("Helvion") == "Organization" and "Swiss drugmaker Helvion" not in found


def test_a_players_position_before_a_name_is_no_part_of_it():
    found = names("Forward Kenji Sato scored twice on Saturday.")
    assert "Kenji Sato" in found and "Forward Kenji Sato" not in found


@pytest.mark.parametrize(("text", "name"), [("Brisco acquired Church's in 1990.", "Church's"), ("Orvik's board met on Monday.", "Orvik")])
def test_a_possessive_that_owns_nothing_is_part_of_the_name(text, name):
    assert name in names(text)


def test_the_town_after_a_persons_age_is_a_place():
    assert names("The driver, Bo Kell, 34, of Orvik, was charged on Monday.").get("Orvik") == "Place"


def test_a_designator_recognised_alone_takes_the_name_before_it():
    found = names("The Orvik Arena was built in 1990.")
    assert found.get("Orvik Arena") == "Place" and "Arena" not in found


@pytest.mark.parametrize("text", [
    "The Kingdom became instead the Free State of Orvia.",
    "The Act was passed by the Storting in 1905.",
])
def test_a_capitalised_common_word_alone_names_nothing_in_particular(text):
    assert not {"Kingdom", "Act"} & set(names(text))


def test_common_words_together_may_make_a_name():
    assert names("The State Council approved the plan.").get("State Council") == "Organization"



@pytest.mark.parametrize(("text", "name", "kind"), [
    ("He played for the Denver Foxes last season.", "Denver Foxes", "Organization"),
    ("Georgia Orvane Tassel (born 1950) is a painter.", "Georgia Orvane Tassel", "Person"),
])
def test_a_name_the_recogniser_cut_after_its_first_words_is_whole(text, name, kind):
    found = names(text)
    assert found.get(name) == kind and name.split()[0] not in found


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Storms battered the U.S. West Coast on Friday.", "U.S.", "West Coast"),
    ("Ohio Gov. Dan Marsh said the plan was sound.", "Ohio", "Dan Marsh"),
    ("Police Major Ann Tarrow said the road was closed.", None, "Ann Tarrow"),
])
def test_a_country_or_title_before_a_name_stays_apart(text, first, second):
    found = names(text)
    assert second in found and (first is None or first in found)


@pytest.mark.parametrize(("text", "title"), [
    ('The band released the single "Kessmore Nights" in 1990.', "Kessmore Nights"),
    ('Ann Tarrow wrote "Velma Stone" in 1990.', "Velma Stone"),
])
def test_a_title_in_quotation_marks_is_a_work_not_an_entity(text, title):
    assert title not in names(text)


def test_an_author_a_quoted_title_with_its_article_and_a_director():
    found = names('Author Ann Lee\'s new novel, "The Salt Road", was published by Brisco Books.')
    assert found.get("Ann Lee") == "Person" and not any("Salt Road" in name for name in found)
    assert names("The film, directed by Ivo Marsh, premiered at the Dunmore Film Festival.").get("Ivo Marsh") == "Person"


def test_a_company_in_quotation_marks_is_still_a_company():
    assert names('Shares of "Velkaro Systems" fell on Monday.').get("Velkaro Systems") == "Organization"


def test_a_name_before_co_founder_and_a_person_is_the_company():
    found = read_text("Quellix co-founder Tom Arden said the company would expand.")
    assert {m.name: m.type for m in found.mentions}.get("Quellix") == "Organization"
    assert ("Quellix", "foundedBy", "Tom Arden") in {(r.head.name, r.type, r.tail.name) for r in found.relations}


def test_a_chamber_of_a_legislature_is_one_name():
    assert names("She was elected to the Italian Chamber of Deputies in 2018.").get("Chamber of Deputies") == "Organization"


@pytest.mark.parametrize(("text", "period"), [
    ("Painting flourished in the Renaissance.", "Renaissance"),
    ("Tools from the Bronze Age were found near Orvik.", "Bronze Age"),
])
def test_a_period_of_history_is_no_place(text, period):
    assert period not in names(text)


@pytest.mark.parametrize("text", ["Orsund Skerry is a reef that sailors avoid.", "Velmark is an atoll in the Orvik Sea."])
def test_a_name_said_to_be_a_landform_is_a_place(text):
    assert names(text).get(text.split(" is ")[0]) == "Place"


def test_whom_one_marries_is_a_person():
    doc = nlp.load(DEFAULT_MODEL)("Tom Arden married Ida Brisco last spring.")
    assert context_votes(doc, 3, 5)["Person"] >= 2
    assert context_votes(nlp.load(DEFAULT_MODEL)("Tom Arden bought Orvik Mills last spring."), 3, 5)["Person"] == 0


@pytest.mark.parametrize(("text", "realm"), [
    ("The Margraviate of Velmark expanded.", "Margraviate of Velmark"),
    ("The Duchy of Tarrow was annexed in 1815.", "Duchy of Tarrow"),
    ("The Principality of Orvane was small.", "Principality of Orvane"),
])
def test_a_realm_named_with_of_is_one_place(text, realm):
    found = names(text)
    assert found.get(realm) == "Place" and realm.split()[0] not in found


def test_a_lone_title_is_no_name():
    assert "Emperor" not in names("She married the Emperor of Tarvia.")


def test_the_name_before_a_mayor_and_a_person_is_the_town():
    found = names("Former Orvik Mayor Ann Lee endorsed the plan on Monday.")
    assert found.get("Orvik") == "Place" and found.get("Ann Lee") == "Person"


def test_whose_chief_financial_officer_one_is_an_organisation():
    found = read_text("Dana Morrow, the chief financial officer of Quellix, resigned.")
    assert {m.name: m.type for m in found.mentions}.get("Quellix") == "Organization"
    assert ("Dana Morrow", "worksFor", "Quellix") in {(r.head.name, r.type, r.tail.name) for r in found.relations}


def test_whoever_moves_its_headquarters_is_an_organisation_and_where_to_is_a_place():
    found = read_text("Quellix moved its headquarters from Drevnik to Kessmore last year.")
    assert {m.name: m.type for m in found.mentions}.get("Quellix") == "Organization"
    assert ("Quellix", "headquarteredIn", "Kessmore") in {(r.head.name, r.type, r.tail.name) for r in found.relations}
    assert names("Ann Lee moved her office to Drevnik.").get("Drevnik") == "Place"
    assert names("Halvorsen will move its headquarters from Orvik to Dunmore next year.").get("Dunmore") == "Place"  # "to" hangs on "from"


@pytest.mark.parametrize("text", ["The Drevnik Falcons beat Kessmore United 3-1.", "The Drevnik Falcons beat Kessmore United 3–1 on Saturday."])
def test_a_score_is_no_part_of_a_name(text):
    found = names(text)
    assert found.get("Kessmore United") == "Organization" and not any(ch.isdigit() for name in found for ch in name)


@pytest.mark.parametrize(("text", "word"), [
    ("Ann Lee, a Brigadier General, inspected the base on Monday.", "General"),
    ("The Doge's palace stands on the square.", "Doge"),
    ("Ann Lee served as minister of Education until 2010.", "Education"),
])
def test_a_title_or_a_portfolio_alone_is_no_name(text, word):
    assert not any(word in name for name in names(text))


def test_a_surname_that_is_a_title_word_stays_a_name():
    assert names("Ann King said the vote was close. King won by ten votes.").get("King") == "Person"


@pytest.mark.parametrize(("text", "place"), [
    ("It offers a wide view of the Bay of Tarvik on clear days.", "Bay of Tarvik"),
    ("He retired to the Isle of Kessmore in 1990.", "Isle of Kessmore"),
    ("The plan was opposed by the London Borough of Drevnik.", "London Borough of Drevnik"),
])
def test_a_place_named_with_of_is_one_place(text, place):
    assert names(text).get(place) == "Place"


def test_a_province_named_before_of_its_country_is_two_places():
    found = names("Orvask is a village in the Kessmore Province of Armenia.")
    assert "Armenia" in found and "Kessmore Province of Armenia" not in found


def test_a_monarchs_or_nobles_title_is_no_part_of_the_name():
    assert names("King Tarvo died in 1927 and his son took the throne.").get("Tarvo") == "Person"
    assert names("Princess Helga of Tarvia married in 1921.").get("Helga") == "Person"
    assert names("Prince Edvar Island is a province of Canada.").get("Prince Edvar Island") == "Place"


def test_an_adverb_opening_the_sentence_is_no_part_of_a_name():
    doc = nlp.load(DEFAULT_MODEL)("Similarly Orvald Tassel ruled the valley for decades.")
    assert name_bounds(doc, 0, 3) == (1, 3)  # the recogniser's span may take the adverb in


def test_a_particle_between_a_given_name_and_a_surname_is_inside_the_name():
    found = names("Officials met Joao dos Tarvik in Lisbon.")
    assert found.get("Joao dos Tarvik") == "Person" and "Tarvik" not in found


@pytest.mark.parametrize(("text", "language"), [("A Hindi version of the song was released in May.", "Hindi"), ("The Gaelic name of the town means hill.", "Gaelic")])
def test_a_language_is_no_place(text, language):
    assert language not in names(text)


def test_where_a_professor_or_lecturer_works_is_an_organisation():
    assert names("Ann Lee, a lecturer at Orvik, said the study was flawed.").get("Orvik") == "Organization"
    assert names("He was visiting professor at Kessmore in 2007.").get("Kessmore") == "Organization"


def test_the_name_after_a_place_and_a_comma_is_the_region_it_lies_in():
    assert names("Her family lived in Drammen, Upper Kessia, for years.").get("Upper Kessia") == "Place"


@pytest.mark.parametrize(("text", "person"), [
    ("Kenyan Daniel Kipter won the marathon in Berlin.", "Daniel Kipter"),
    ("The prize went to Jamaican Roger Tellis for his third collection of poems.", "Roger Tellis"),
    ("Briton Ann Lessing finished second in the race.", "Ann Lessing"),
    ("Irishman Sean Mellory took the lead after ten miles.", "Sean Mellory"),
])
def test_a_nationality_before_a_person_is_no_part_of_the_name(text, person):
    found = names(text)
    assert found.get(person) == "Person" and not any(name.endswith(person) and name != person for name in found)


def test_a_nationality_that_opens_a_firms_name_stays_in_it():
    assert names("He sailed with Irish Ferries to Holyhead.").get("Irish Ferries") == "Organization"


@pytest.mark.parametrize(("text", "team"), [
    ("The Denver Otters lost to the Phoenix Hawks on Sunday.", "Denver Otters"),
    ("Ann Lee of the Denver Otters was the best player.", "Denver Otters"),
    ("The Denver Broncos beat the home side on Sunday.", "Denver Broncos"),
])
def test_a_town_and_a_plural_after_it_are_a_team(text, team):
    found = names(text)
    assert found.get(team) == "Organization" and "Denver" not in found


def test_a_town_and_a_plural_place_word_stay_a_place():
    assert names("He lives in Denver Heights with his wife.").get("Denver Heights") == "Place"


def test_a_firm_read_as_a_peoples_adjective_before_its_chief_executive_is_an_organisation():
    text = "Quorian CEO Ann Lee told reporters the company would appeal."
    assert names(text).get("Quorian") == "Organization"
    assert ("Ann Lee", "worksFor", "Quorian") in facts(read_text(text))


@pytest.mark.parametrize("text", ["Republican chairman Tom Ivers spoke on Monday.", "Asian shares fell on Monday."])
def test_a_peoples_adjective_before_a_partys_or_a_markets_word_is_no_organisation(text):
    assert not any(kind == "Organization" for kind in names(text).values())


@pytest.mark.parametrize(("text", "town"), [
    ("Dunmore police arrested a man on Friday.", "Dunmore"),
    ("Many Dunmore residents oppose the plan.", "Dunmore"),
    ("Kessmore voters rejected the measure.", "Kessmore"),
])
def test_a_name_before_a_towns_people_or_police_is_the_town(text, town):
    assert names(text).get(town) == "Place"



def test_whose_minister_one_is_is_a_state():
    assert names("Tarvia's foreign minister, Lina Mora, said the sanctions were illegal.").get("Tarvia") == "Place"


@pytest.mark.parametrize(("text", "firm"), [
    ("Startup Quillon, founded in 2019 by former engineers, raised $40 million.", "Quillon"),
    ("Drugmaker Helvion said sales rose in the first quarter.", "Helvion"),
])
def test_what_a_firm_is_opening_the_sentence_is_no_part_of_its_name(text, firm):
    found = names(text)
    assert found.get(firm) == "Organization" and not any(name.endswith(" " + firm) for name in found)


def test_a_given_name_written_with_a_hyphen_keeps_its_second_syllable():
    found = names("Kim Jae-in met Park Min-ho in Seoul on Friday.")
    assert found.get("Kim Jae-in") == "Person" and found.get("Park Min-ho") == "Person"


def test_a_compass_word_before_a_demonym_names_the_country():
    text = "North Korean diplomat Ri Song-chol met South Korean envoy Park Min-ho in Geneva."
    assert {("Ri Song-chol", "nationality", "North Korea"), ("Park Min-ho", "nationality", "South Korea")} <= facts(read_text(text))


def test_a_storm_is_no_entity_nor_is_its_name_alone():
    found = names("Hurricane Milla made landfall near Tampa on Wednesday. Milla weakened as it moved inland over Georgia.")
    assert not any("Milla" in name for name in found) and found.get("Tampa") == "Place"
    assert "Tropical Storm Ida" not in names("Tropical Storm Ida dumped rain on Louisiana.")


@pytest.mark.parametrize("text", ["Nodex was spun off from Velkaro Group in 2015.", "Velkaro Group spun off Nodex in 2015."])
def test_what_is_spun_off_is_an_organisation(text):
    assert names(text).get("Nodex") == "Organization"


def test_a_festival_is_an_event_no_organisation():
    found = names("The film, directed by Ann Lee, premiered at the Orvik Film Festival in May.")
    assert "Orvik Film Festival" not in found and found.get("Ann Lee") == "Person"


def test_a_name_and_the_place_it_is_at_are_two_names():
    found = names("The Orvik Symphony Orchestra will perform Mahler's Fifth Symphony at Dunmore Arena.")
    assert found.get("Dunmore Arena") == "Place" and not any(" at " in name for name in found)


@pytest.mark.parametrize(("text", "person"), [
    ("The troops were inspected by Field Marshal Ivo Brandt on Monday.", "Ivo Brandt"),
    ("Staff Sergeant Ann Lessing was wounded in the blast.", "Ann Lessing"),
    ("Rear Admiral Tom Ivers commanded the fleet.", "Tom Ivers"),
])
def test_a_military_rank_of_two_words_is_no_name(text, person):
    assert names(text) == {person: "Person"}


@pytest.mark.parametrize("text", ["Endrik's wife later became a senator.", "Endrik's presidency ended after one term.", "Endrik's funeral was held on Monday."])
def test_whose_family_death_or_presidency_it_is_is_a_person(text):
    assert names(text).get("Endrik") == "Person"


@pytest.mark.parametrize("text", ["Endrik was sworn in on a windy morning in the capital.", "Endrik resigned on Tuesday after the vote."])
def test_whoever_is_sworn_in_or_resigns_is_a_person(text):
    assert names(text).get("Endrik") == "Person"


@pytest.mark.parametrize("text", ["Moravek became president after the vote.", "Moravek was elected mayor last year."])
def test_whoever_becomes_or_is_elected_to_a_post_is_a_person(text):
    assert names(text).get("Moravek") == "Person"


def test_what_becomes_a_supplier_stays_an_organisation():
    assert names("Velkaro became a supplier of the army.").get("Velkaro") == "Organization"


def test_what_the_company_reports_doing_is_the_company():
    assert names("Velkaro has renewed the drama for a second season, the streaming service said.").get("Velkaro") == "Organization"


def test_what_a_ministry_reports_on_need_not_be_the_ministry():
    assert names("Kessmark will cut its budget deficit, the ministry said.").get("Kessmark") != "Organization"


@pytest.mark.parametrize(("text", "state"), [("Rep. Ann Lee, D-Marlow, introduced the bill on Tuesday.", "Marlow"), ("Sen. Tom Ivers, R-Texas, said he would oppose it.", "Texas")])
def test_the_state_after_a_party_initial_between_commas_is_a_place(text, state):
    assert names(text).get(state) == "Place"


def test_an_emperors_title_inside_a_name_is_no_part_of_it():
    found = names("The Tarvian Emperor Shah Velkan received the envoys in spring.")
    assert found.get("Shah Velkan") == "Person" and not any("Emperor" in name for name in found)


def test_a_team_and_its_league_read_as_one_name_are_two_organisations():
    text = "She coaches the Orvik Chiefs of the Tarvian Football League these days."
    doc = nlp.load(DEFAULT_MODEL)(text)
    doc.ents = [spacy.tokens.Span(doc, 3, 10, label="ORG")]  # as the recogniser reads it in some sentences
    found, _ = name_candidates([(0, doc)], text)
    assert {c.name for c in found} == {"Orvik Chiefs", "Tarvian Football League"}


def test_a_creed_is_no_entity_unless_it_names_a_faith():
    assert names("The village adopted Jansenism in the sixteenth century.") == {}
    assert names("The village adopted Lutheranism in the sixteenth century.") == {"Lutheranism": "Organization"}


@pytest.mark.parametrize(("text", "team"), [
    ("A former Orvik City midfielder, he now coaches in Spain.", "Orvik City"),
    ("Dunmore Town's goalkeeper saved two penalties.", "Dunmore Town"),
])
def test_whose_midfielder_or_striker_one_is_is_a_team(text, team):
    assert names(text).get(team) == "Organization"


def test_a_countrys_midfielder_leaves_the_country_a_place():
    assert names("He is a Brazil midfielder.").get("Brazil") == "Place"


@pytest.mark.parametrize("text", ["Moravek was wounded in the attack on the convoy.", "Moravek was arrested at the border on Friday."])
def test_whoever_is_arrested_or_wounded_is_a_person(text):
    assert names(text).get("Moravek") == "Person"


def test_an_era_is_no_name():
    assert "B.C." not in names("About 200 B.C., the tyrant Velkan Ross was killed by rebels.")


def test_where_one_flies_or_flees_from_is_a_place():
    assert names("The Airbus A320, operated by Quill Air, was flying from Dunmore to Kessmore.").get("Dunmore") == "Place"


def test_what_the_second_of_two_subjects_does_it_does():
    text = "Quillon and Nodex announced a joint venture to build batteries in Orvik."
    assert names(text).get("Nodex") == "Organization"
    assert ("Quillon", "partnerOf", "Nodex") in facts(read_text(text)) or ("Nodex", "partnerOf", "Quillon") in facts(read_text(text))


def test_what_one_is_a_shareholder_in_is_an_organisation():
    assert names("The deal makes Velkaro the largest shareholder in Nodex.").get("Nodex") == "Organization"


def test_a_plant_named_after_a_town_leaves_the_town_a_place():
    text = "Velkaro will close its plant in Dunmore. The union representing workers at the Dunmore plant said it would fight the closure."
    assert names(text).get("Dunmore") == "Place"


def test_where_a_company_moves_production_to_is_a_place():
    text = "The company, which is controlled by the Quill family, will close its plant in Dunmore and move some production to Kessmore, Chief Executive Ann Lee told reporters."
    assert names(text).get("Kessmore") == "Place"


@pytest.mark.parametrize("text, name, kind", [
    ("Father Kell served in the Roman Catholic Diocese of Dunmore for years.", "Roman Catholic Diocese of Dunmore", "Place"),
    ("The Library of Kessmore holds his papers.", "Library of Kessmore", "Organization"),
    ("She studied at the Dunmore Academy of the Fine Arts.", "Dunmore Academy of the Fine Arts", "Organization"),
    ("The Department of the Interior said on Monday that it would appeal.", "Department of the Interior", "Organization"),
    ("Lawmakers in the Tarvia House of Delegates voted on Tuesday.", "Tarvia House of Delegates", "Organization"),
    ("The Grand Duchy of Orvia was founded in 1815.", "Grand Duchy of Orvia", "Place"),
])
def test_a_body_or_realm_and_its_of_phrase_are_one_name(text, name, kind):
    assert names(text).get(name) == kind


def test_a_college_of_another_body_is_two_names():
    found = names("The dean of Quarry College of the Velkan State University resigned on Friday.")
    assert "Quarry College" in found and "Velkan State University" in found


def test_an_office_of_a_person_leaves_the_person():
    assert names("He joined the Office of Ann Lee in 2003.").get("Ann Lee") == "Person"


@pytest.mark.parametrize("text, name", [
    ("Dunmore is a city in Tarvia. The Dunmore Parks and Recreation Department will close the pool.", "Dunmore Parks and Recreation Department"),
    ("The Orvik Fish and Game Commission met on Tuesday.", "Orvik Fish and Game Commission"),
    ("The Dunmore and Kessmore Railroad laid new track last year.", "Dunmore and Kessmore Railroad"),
])
def test_two_words_sharing_a_bodys_head_noun_are_one_name(text, name):
    assert names(text).get(name) == "Organization"


@pytest.mark.parametrize("text, first, second", [
    ("Shares of Quillon and Velkan Motors fell on Monday.", "Quillon", "Velkan Motors"),
    ("Quillon and Nodex Systems signed a deal.", "Quillon", "Nodex Systems"),
])
def test_two_subjects_of_their_own_stay_two_names(text, first, second):
    found = names(text)
    assert first in found and second in found


@pytest.mark.parametrize("text, place", [
    ("Kessby has an area of 31 square miles.", "Kessby"),
    ("The town of Tarvik borders Dunmore to the north.", "Tarvik"),
    ("Tarvik, which borders Dunmore, has a small port.", "Tarvik"),
    ("Orvik is bordered by Kessmore to the east.", "Kessmore"),
])
def test_what_has_an_area_or_borders_another_place_is_a_place(text, place):
    assert names(text).get(place) == "Place"


def test_an_area_of_expertise_is_no_place():
    assert names("Velkaro has an area of expertise in tax law.").get("Velkaro") != "Place"


def test_a_place_before_a_body_named_with_common_words_is_part_of_its_name():
    found = names("Kessmore is a port city in Tarvia. Its schools are inspected by the Kessmore Education Agency.")
    assert found.get("Kessmore Education Agency") == "Organization" and found.get("Kessmore") == "Place"


def test_a_place_before_a_name_of_its_own_is_apart_from_it():
    found = names("Tarvia is a small country. He studied at the Tarvia Kessobu Business School.")
    assert found.get("Kessobu Business School") == "Organization" and found.get("Tarvia") == "Place"


@pytest.mark.parametrize("region", ["South American", "Latin American", "Central American"])
def test_a_regions_demonym_stands_for_the_region_and_gives_no_nationality(region):
    found = read_text(f"The {region} novelist Ana Kessler won the prize on Monday.")
    assert [(m.text, m.type) for m in found.mentions if m.type == "Place"] == [(region, "Place")]
    assert not any(relation == "nationality" for _, relation, _ in facts(found))


def test_a_countrys_demonym_of_two_words_is_one_mention():
    found = read_text("North Korean diplomat Ri Song-chol arrived on Monday.")
    assert [(m.text, m.name) for m in found.mentions if m.type == "Place"] == [("North Korean", "North Korea")]


def test_a_comma_closing_an_opening_phrase_ends_the_name_before_the_subject():
    found = names("After a long meeting with Velkaro, Torvin told reporters he would resign.")
    assert "Velkaro" in found and "Torvin" in found and "Velkaro, Torvin" not in found


def test_given_names_read_as_an_organisation_join_the_surname_after_a_particle():
    assert names("Anne-Marie du Kessel wrote letters from Orvik.").get("Anne-Marie du Kessel") == "Person"


@pytest.mark.parametrize("text, work", [
    ("She wrote two episodes of the comedy series Tarvik Nights.", "Tarvik Nights"),
    ("Nodex released a remake of the arcade game Blorp.", "Blorp"),
    ("She starred in the police drama Orvik Heat.", "Orvik Heat"),
])
def test_a_series_a_game_or_a_drama_is_a_work_not_an_entity(text, work):
    assert work not in names(text)


def test_a_verb_before_a_name_says_no_work():
    assert "Kessmore" in names("Dunmore will play Kessmore on Sunday.")


@pytest.mark.parametrize("text, word, name", [
    ("Tom Velk, a Muslim cleric, spoke in Kessmore on Friday.", "Muslim", "Islam"),
    ("The Republican senator Ann Lee said the bill would pass.", "Republican", "Republican Party"),
    ("Ann Lee, a Democrat, was elected mayor of Orvik in 2010.", "Democrat", "Democratic Party"),
    ("The firm's founder converted to Catholicism in 1990.", "Catholicism", "Catholic Church"),
    ("The seat went to fellow Democrat Ann Lee in 2004.", "Democrat", "Democratic Party"),
    ("Tom Velk, an Orthodox priest, spoke in Kessmore.", "Orthodox", "Eastern Orthodox Church"),
    ("Ann Lee, a Pentecostal preacher, opened the clinic in Orvik.", "Pentecostal", "Pentecostalism"),
])
def test_a_faiths_or_a_partys_word_is_a_mention_of_the_faith_or_party(text, word, name):
    found = read_text(text)
    assert [(m.text, m.name, m.type) for m in found.mentions if m.name == name] == [(word, name, "Organization")]
    assert not any(name in (head, tail) for head, _, tail in facts(found))  # the relation rules read it as a word


def test_a_faiths_word_the_recogniser_found_is_an_organisation_wherever_it_goes():
    assert names("Orthodox, Catholic and Lutheran clergy met in Orvik on Sunday.").get("Lutheran") == "Organization"


@pytest.mark.parametrize("text", ["Liberal Democrats won the seat in Orvik.", "Conservative estimates put the cost at $2 billion.", "Quillon hired Ann Lee, a Roman Catholic nun."])
def test_a_faiths_or_a_partys_word_in_a_name_or_opening_a_sentence_is_none(text):
    assert not any(m.name in lexicon.FAITH_AND_PARTY_WORDS.values() for m in read_text(text).mentions)


def test_a_people_named_in_the_plural_is_a_mention_of_its_country():
    found = read_text("Many Austrians worry about prices, a poll in Orvik found.")
    assert [(m.text, m.name, m.type) for m in found.mentions if m.name == "Austria"] == [("Austrians", "Austria", "Place")]
    assert not any("Austria" in (head, tail) for head, _, tail in facts(found))


def test_a_countrys_plural_name_is_no_people():
    assert names("He moved to the Philippines in 1990.").get("Philippines") == "Place"


@pytest.mark.parametrize("text, institution", [
    ("The choir of St. Olin's Church in Orvik sang on Sunday.", "St. Olin's Church"),
    ("Flowers were left at St. Olin's Cemetery, Orvik, on Monday.", "St. Olin's Cemetery"),
    ("Ann Lee teaches history at Orvik's St. Olin's College.", "St. Olin's College"),
])
def test_a_saints_institution_is_one_name_and_its_town_another(text, institution):
    found = names(text)
    assert institution in found and (found.get("Orvik") == "Place" or "Orvik's" in text)


@pytest.mark.parametrize("text, name", [
    ("Officials of the People's Republic of Tarvia met on Monday.", "People's Republic of Tarvia"),
    ("The Democratic People's Republic of Orvia fired a missile.", "Democratic People's Republic of Orvia"),
])
def test_a_peoples_republic_is_one_place(text, name):
    assert names(text).get(name) == "Place"


def test_a_friend_of_someones_is_the_person_without_the_possessive():
    found = names("Bob Kessi, an old friend of Orsetti's from school, opened a bakery with Orsetti's savings.")
    assert found.get("Orsetti") == "Person" and "Orsetti's" not in found


@pytest.mark.parametrize("text, title", [
    ("The estate passed to Sir Hugo Kell, 2nd Baronet, in 1901.", "Baronet"),
    ("The estate was sold by the 5th Viscount in 1952.", "Viscount"),
])
def test_a_numbered_noble_title_alone_is_no_name(text, title):
    assert not any(title in name for name in names(text))


@pytest.mark.parametrize("text, place", [
    ("It joins rail services from south of Orvik to Dunmore Station and lines north.", "Dunmore Station"),
    ("The village sits along the road leading to Orvan Monastery.", "Orvan Monastery"),
    ("It is a seasonal upwelling system in the eastern Great Tarvian Bight.", "Great Tarvian Bight"),
    ("The esplanade is adjacent to Orvik Dock.", "Orvik Dock"),
    ("After Kessmore Pass to the south, the road climbs.", "Kessmore Pass"),
])
def test_a_station_a_monastery_or_a_bight_is_a_place(text, place):
    assert names(text).get(place) == "Place"


def test_a_title_of_several_words_before_of_is_a_role_held_in_the_place():
    found = names("Ann Lee is the County Governor of Orvia.")
    assert found.get("Orvia") == "Place" and not any("Governor" in name for name in found)
    assert names("She was named Deputy Minister of Finance in 2010.") == {}  # a portfolio is no place


@pytest.mark.parametrize("text, written, name", [
    ('The cartoonist Tomas Orvel "Tommy" Kessler was born in 1891.', 'Tomas Orvel "Tommy" Kessler', "Tomas Orvel Kessler"),
    ("The route was named for Commander Daniel R. (Dan) Velko, a pilot.", "Daniel R. (Dan) Velko", "Daniel R. Velko"),
])
def test_a_nickname_inside_a_name_leaves_one_person(text, written, name):
    assert [(m.text, m.name) for m in read_text(text).mentions if m.type == "Person"] == [(written, name)]


def test_a_bracket_after_a_name_is_no_nickname():
    assert names("Ann Lee (Orvik) won the race on Sunday.").get("Ann Lee") == "Person"


def test_a_name_at_birth_after_nee_is_no_other_person():
    found = names("Survivors include his wife, Ann Lee, née Kessler, and a son.")
    assert found.get("Ann Lee") == "Person" and found.get("Kessler") in (None, "Name")  # a name, no entity


def test_a_ministers_portfolio_named_with_a_body_word_is_no_organisation():
    assert names("She was Tarvia's Minister of Public Service and Administration from 2015.") == {"Tarvia": "Place"}


@pytest.mark.parametrize("text, place", [
    ("Just before the battle of Orvalut, the army advanced.", "Orvalut"),
    ("The siege of Kessmore lasted a year.", "Kessmore"),
])
def test_where_a_battle_or_a_siege_is_fought_is_a_place(text, place):
    assert names(text).get(place) == "Place"
