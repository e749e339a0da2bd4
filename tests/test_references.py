"""Names, references and polarity through the default pipeline (learned parts on), on invented sentences."""

import pytest
from conftest import facts, read_text

from graph.extract.coreference import name_gender


def mentions(text: str) -> dict[str, tuple[str, str | None]]:
    """text as written -> (name, type) of each mention."""
    return {m.text: (m.name, m.type) for m in read_text(text).mentions}


def test_title_is_a_role_not_part_of_the_name():
    found = mentions("County Supervisor Wendla Ostrova said the bridge would reopen.")
    assert found.get("Wendla Ostrova") == ("Wendla Ostrova", "Person")
    assert not any("Supervisor" in name for name, _ in found.values())


def test_organisation_title_and_person_in_one_run_are_split():
    extraction = read_text("Harvell Dynamics President Osric Tamblyn said the plant would close.")
    assert ("Osric Tamblyn", "worksFor", "Harvell Dynamics") in facts(extraction)


def test_weekday_and_trailing_words_do_not_join_a_name():
    names = {m.name for m in read_text("The council met in Ravensburg Monday to vote on the budget.").mentions}
    assert "Ravensburg" in names and "Ravensburg Monday" not in names


def test_company_reference_carries_a_fact():
    text = "Quorvex Systems reported higher sales on Tuesday. The company agreed to buy Kessmore Labs for $40 million."
    assert ("Quorvex Systems", "acquired", "Kessmore Labs") in facts(read_text(text))


def test_pronoun_reference_carries_a_role():
    text = "Imelda Varga joined Pembrook Analytics in 2015. She was named chief financial officer of the firm last year."
    assert ("Imelda Varga", "worksFor", "Pembrook Analytics") in facts(read_text(text))


def test_a_reference_keeps_its_antecedent_salient():
    """The district named in the first sentence is out of reach by the last one, but the reference
    in between ("the district's engineer") keeps it the most salient district."""
    text = ("The Larkfield Water District raised its rates on Monday. Officials cited repairs. Rain fell. "
            "The district's engineer, Ann Lee, had worked at Brisco Labs. Tom Kell retired after 20 years with the district.")
    found = facts(read_text(text))
    assert ("Tom Kell", "worksFor", "Larkfield Water District") in found and ("Tom Kell", "worksFor", "Brisco Labs") not in found


def test_a_description_does_not_refer_to_the_name_it_describes():
    found = facts(read_text("Ana Ruiz joined Telvo Group in 2001. She is now head of Telvo Cloud, the group's data-center unit."))
    assert ("Telvo Cloud", "parentOrganization", "Telvo Group") in found and ("Telvo Cloud", "parentOrganization", "Telvo Cloud") not in found


def test_a_description_in_apposition_refers_to_its_name():
    extraction = read_text("Brisco Health will buy Orvik Infirmary, the only hospital north of the river, this year.")
    assert [(m.text, m.name) for m in extraction.mentions if m.refers_to] == [("the only hospital", "Orvik Infirmary")]


def test_a_pronoun_of_the_other_gender_does_not_refer_to_a_person_already_called_she():
    text = ("Tessa Vance founded Kessmore in 2016. She ran it for years, and her company grew. "
            "She hired Tom Reyes in 2020. He holds a degree from Orvik University.")
    found = facts(read_text(text))
    assert ("Tom Reyes", "alumniOf", "Orvik University") in found and ("Tessa Vance", "alumniOf", "Orvik University") not in found


def test_a_description_prefers_a_name_with_its_noun_and_is_no_other_argument_of_its_verb():
    text = ("Orvik University opened a lab. The journal Brisco Review published the study on Monday. "
            "The team treated patients at Orvik Clinic, which the university owns.")
    assert ("Orvik Clinic", "parentOrganization", "Orvik University") in facts(read_text(text))


def test_reference_mentions_point_at_their_antecedent():
    extraction = read_text("Dorrit Avenell runs the lab. She said it would hire ten people.")
    by_id = {m.id: m for m in extraction.mentions}
    she = next(m for m in extraction.mentions if m.text == "She")
    assert she.name == "Dorrit Avenell" and by_id[she.refers_to].text == "Dorrit Avenell"


def test_expletive_it_refers_to_nothing():
    extraction = read_text("Brennick Foods opened a plant. It is expected that prices will rise.")
    assert not any(m.text == "It" for m in extraction.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Quorvex Systems was not acquired by Kessmore Labs.",
        "Kessmore Labs denied that it plans to buy Quorvex Systems.",
        "Kessmore Labs rejected an offer to buy Quorvex Systems.",
        "Kessmore Labs denied reports that it plans to acquire Quorvex Systems.",
        "Kessmore Labs dismissed speculation that it would buy Quorvex Systems.",
        "Regulators accused Kessmore Labs of buying Quorvex Systems through a shell company.",
    ],
)
def test_denied_and_negated_acquisitions_are_not_facts(text):
    assert not {f for f in facts(read_text(text)) if f[1] == "acquired"}


def test_a_confirmed_report_of_a_purchase_is_a_fact():
    assert ("Kessmore Labs", "acquired", "Quorvex Systems") in facts(read_text("Kessmore Labs confirmed reports that it plans to acquire Quorvex Systems."))


def test_agreed_purchase_is_a_fact():
    assert ("Kessmore Labs", "acquired", "Quorvex Systems") in facts(read_text("Kessmore Labs agreed to buy Quorvex Systems."))


def test_served_as_gives_a_role():
    found = read_text("Petra Orley served as Halvorsen Group's president until 2019.")
    assert any(r.type == "worksFor" and r.role == "president" for r in found.relations)


def test_a_description_matches_the_full_name_of_a_short_form():
    """'the Brisco' is the Brisco Museum of Art: 'the museum' after it is that museum, not the other
    one named before, though only the full name holds the noun."""
    text = ("The Brisco Museum of Art named Ann Vogt its director on Monday. She spent six years at the Tolland Museum.\n\n"
            "The Brisco said on Tuesday that the museum had hired Tom Kell as its chief curator.")
    assert mentions(text)["the museum"][0] in {"Brisco", "Brisco Museum of Art"}


def test_a_name_after_the_article_is_no_person():
    text = "Ann Kessmore founded the Kessmore Gallery of Art in 1950. Today the Kessmore is run by her grandson."
    assert mentions(text).get("Kessmore", ("", ""))[1] == "Organization"


def test_a_description_matches_a_word_for_its_kind():
    text = "The Brayford Philharmonic has named a new music director. The orchestra said the search took a year."
    assert mentions(text)["The orchestra"][0] == "Brayford Philharmonic"


def test_a_description_reaches_the_article_topic_named_long_before():
    text = ("Quorvex Systems said on Monday that it would cut 200 jobs. Quorvex Systems makes radio chips. "
            "Quorvex Systems has plants in Ohio.\n\n"
            "Analysts had expected cuts. Sales fell in the spring. Prices of chips dropped. Rivals cut prices too.\n\n"
            "The company agreed to buy Kessmore Labs in May.")
    assert ("Quorvex Systems", "acquired", "Kessmore Labs") in facts(read_text(text))


def test_a_description_of_one_kind_is_no_institution_of_another():
    text = "Ann Vogt studied at Orvik University. The company hired her in 2010."
    assert mentions(text).get("The company", ("", ""))[0] != "Orvik University"


def test_every_institution_has_a_board():
    text = "The Brisco Museum of Art named a director. Board chair Ann Vogt said the search took a year."
    assert ("Ann Vogt", "worksFor", "Brisco Museum of Art") in facts(read_text(text))


def test_the_city_is_no_country_and_the_country_no_city():
    text = "Exports from Canada rose in May. Most of the growth was in Halifax. Officials in the city said the country needs new roads."
    found = mentions(text)
    assert found["the city"][0] == "Halifax" and found.get("the country", ("Canada",))[0] == "Canada"


def test_a_pronoun_after_a_preposition_is_not_its_verbs_subject():
    text = "Kessmore Labs sued Orvik Media in May. Brisco Stores later signed a supply deal with it."
    assert mentions(text)["it"][0] != "Brisco Stores"


def test_a_description_named_after_its_town_refers_back_and_places_its_antecedent():
    text = "The Orvik Philharmonic hired a new conductor. Critics said the Leeds orchestra needed fresh ideas."
    found = mentions(text)
    assert found.get("the Leeds orchestra") == ("Orvik Philharmonic", "Organization")
    assert ("Orvik Philharmonic", "locatedIn", "Leeds") in facts(read_text(text))


def test_a_description_named_after_its_town_refers_to_the_most_named_of_its_kind():
    text = ("Orvik University opened a lab. Orvik University will hire 40 staff.\n\n"
            "Dana Orr, who earned her degree at Kessmore University, joined the Leeds university in 2015.")
    found = mentions(text)
    assert found.get("the Leeds university") == ("Orvik University", "Organization")
    assert ("Dana Orr", "worksFor", "Orvik University") in facts(read_text(text))


def test_the_board_refers_to_the_one_board_named_however_far_back():
    text = ("The Board of Governors of Orvik College met on Monday. Orvik College has 4,000 students. Orvik College opened a lab in May. "
            "Orvik College rebuilt its library. Its budget grew. \"We are ready,\" said Tom Reel, who chairs the board.")
    assert mentions(text).get("the board") == ("Board of Governors of Orvik College", "Organization")


def test_a_description_named_after_no_place_is_no_reference():
    found = mentions("Brisco Labs opened a plant. The Orvik team will run it.")
    assert not any("team" in text for text in found)


def test_a_pronoun_does_not_refer_to_a_person_whose_given_name_is_the_other_gender():
    text = ("Tessa Vance founded Brisco Coatings in 1980. Colleagues remembered her as tireless. "
            "\"She never gave up,\" said Tobias Orvik, a retired chemist.\n\nHer company grew quickly. She ran it until 1998.")
    assert {m.name for m in read_text(text).mentions if m.refers_to and m.text.lower() in {"she", "her"}} == {"Tessa Vance"}


@pytest.mark.parametrize("name, gender", [("Tessa Vance", "f"), ("R. Tobias Orvik", "m"), ("Søren Lund", "m"), ("J.R. Vance", None), ("Orvik", None)])
def test_a_given_name_says_the_gender_it_nearly_always_has(name, gender):
    assert name_gender(name) == gender


def test_a_description_with_a_clause_set_off_by_a_comma_refers_back():
    text = "Brisco Foods said it would open a center in Texas. The company, which is based in Larkfield, makes crackers."
    assert ("Brisco Foods", "headquarteredIn", "Larkfield") in facts(read_text(text))


def test_a_description_naming_a_new_thing_refers_to_nothing():
    text = "Kessmore Labs is creating a research unit. The unit, to be named Orvik Analytics, is based in Leeds."
    found = facts(read_text(text))
    assert ("Orvik Analytics", "headquarteredIn", "Leeds") in found and ("Kessmore Labs", "headquarteredIn", "Leeds") not in found


def test_an_acronym_counts_as_its_full_name_for_a_description():
    text = ("Riders crowded the buses of the Brackwell Transit Authority on Monday. Fares rose. Rain fell. Tom Kell spoke. "
            "BTA drivers, who once drove for the Orvik Rail Agency, joined the protest. "
            "The authority, which is headquartered in Larkfield, has 900 drivers.")
    seats = {head for head, kind, tail in facts(read_text(text)) if (kind, tail) == ("headquarteredIn", "Larkfield")}
    assert seats and seats <= {"BTA", "Brackwell Transit Authority"}


def test_a_legal_form_does_not_make_a_company_more_salient():
    text = "Tom Kell sold his stake in Brackwell Media AS in 2019. A year later he founded Orvane Labs. The company has an office in Leeds."
    found = facts(read_text(text))
    assert ("Orvane Labs", "locatedIn", "Leeds") in found and ("Brackwell Media AS", "locatedIn", "Leeds") not in found


def test_a_group_that_owns_a_unit_is_first_of_all_one_named_like_it():
    text = "Kessmore Labs reported record sales on Monday. Tom Kell, who joined Orvane Systems last year, praised Kessmore Cloud, the group's fastest-growing division."
    assert ("Kessmore Cloud", "parentOrganization", "Kessmore Labs") in facts(read_text(text))


def test_a_description_is_not_the_subject_of_the_clause_it_is_embedded_in():
    text = ("Regulators opened a probe into a breach at Orvane Systems on Tuesday. "
            "The Federal Trade Agency is examining whether the Denver-based software maker failed to protect data.")
    found = facts(read_text(text))
    assert ("Orvane Systems", "headquarteredIn", "Denver") in found and ("Federal Trade Agency", "headquarteredIn", "Denver") not in found


def test_a_description_in_a_reporting_clause_is_the_subject_it_reports_on():
    text = "Orvik Rowing Club has hired Tom Kell as head coach, the club announced."
    assert ("Tom Kell", "worksFor", "Orvik Rowing Club") in facts(read_text(text))


def test_an_institutions_description_refers_to_a_name_of_its_kind_only():
    found = mentions("Lars Holm, a member of the ruling Centre Party, resigned. Holm had led the ministry since 2020.")
    assert found.get("the ministry", ("", None))[0] != "Centre Party"


def test_a_ministers_portfolio_before_the_title_is_no_organisation():
    found = mentions("Defence Minister Lars Holm resigned on Tuesday.")
    assert "Defence" not in found and found.get("Lars Holm") == ("Lars Holm", "Person")


def test_a_description_prefers_the_name_holding_its_own_noun_to_one_of_its_kind():
    found = mentions("Marlowe College's board unanimously selected Ruth Okoye, provost of Dunmore University, as the college's 14th president.")
    assert found.get("the college", ("", None))[0] == "Marlowe College"


def test_a_description_of_another_kind_does_not_refer_to_a_name_already_called_a_company():
    text = ("Velkaro said on Tuesday it would close its plant in Dunmore. The company employs 900 people there. "
            "Velkaro shares fell 3% on the news. Velkaro has struggled with falling orders for two years. The union said it would fight the closure.")
    found = mentions(text)
    assert found.get("The company", ("", None))[0] == "Velkaro" and found.get("The union", ("", None))[0] != "Velkaro"
