from conftest import read_text

from graph.extract.mentions import is_generic, key


def names(text: str) -> dict[str, str]:
    return {m.name: m.type for m in read_text(text).mentions}


def test_determiners_and_possessives_are_stripped():
    found = names("Ana Ruiz is a senior fellow at the Brookings Institution’s Center for Economic Policy.")
    assert found.get("Brookings Institution") == "Organization"
    assert found.get("Center for Economic Policy") == "Organization"


def test_coordinated_names_are_split():
    found = names("Students of the renowned Harvard and Yale universities protested on Friday.")
    assert found.get("Harvard University") == "Organization" and found.get("Yale University") == "Organization"


def test_generic_acronyms_are_not_names():
    assert is_generic("AI") and is_generic("R&D") and is_generic("internet") and not is_generic("Lenovo")
    assert "AI" not in names("The AI race between the two countries is heating up in Europe.")


def test_missed_name_recovered_from_context():
    assert names("Dutch fintech startup Bunqo raised money last year.").get("Bunqo") == "Organization"


def test_context_outvotes_recogniser_label():
    text = "Montmartre, an area in the north of Paris, is home to many galleries. Tourists love Montmartre."
    assert names(text)["Montmartre"] == "Place"


def test_nickname_is_a_name_not_an_entity():
    found = read_text("Shenzhen, often referred to as China’s hardware capital, is home to many factories.")
    nick = [m for m in found.mentions if m.type == "Name"]
    assert [m.text for m in nick] == ["China’s hardware capital"]
    assert not any(m.type == "Place" and m.name == "China" for m in found.mentions)


def test_key_ignores_spacing_case_and_punctuation():
    assert key("Zhong Guan Cun") == key("ZhongGuanCun") == key("zhong-guan-cun")


def test_surname_of_a_person_is_a_person_whatever_the_recogniser_says():
    found = read_text("Hélène Martin runs the laboratory in Lyon. Martin joined the company in 2019 after a decade in Paris.")
    assert {m.type for m in found.mentions if m.name in {"Martin", "Hélène Martin"}} == {"Person"}
