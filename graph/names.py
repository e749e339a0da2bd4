"""Name normalisation: the one key under which two written names count as the same name.

Every stage that compares names (mention typing votes, resolution across articles, the
benchmarks) uses `name_key`, so a name never votes under one spelling and merges under another.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache

# Head words of organisation names ("... University", "... Inc", "Bank of ...").
ORG_SUFFIXES = frozenset(
    """university universities college institute institutes academy academies school
    center centre council association society foundation bank corporation corp corp.
    inc inc. ltd ltd. llc plc co co. company companies group holdings partners agency
    ministry department commission committee authority office bureau board party union
    federation league club organization organisation hospital laboratory laboratories lab labs
    museum library press times post journal network systems technologies airlines
    motors industries fund trust alliance forum service services system systems foods
    coatings developers water energy power health solutions brands capital ventures
    pharmaceuticals pharma therapeutics biosciences electronics logistics media
    communications telecom entertainment studios records recycling metals steel mining
    resources chemicals semiconductors robotics dynamics software networks technology
    insurance bancorp financial securities investments consulting construction engineering
    properties realty homes builders beverages brewing brewery farms dairy textiles apparel
    gazette herald tribune chronicle ledger courier observer daily news review examiner
    sentinel dispatch globe inquirer register bulletin record institutet universidad
    universidade università universität université hochschule instituto instituut akademie
    ag gmbh sa s.a. spa nv bv ab asa as oy oyj aps kgaa sarl ltda bhd tbk pjsc jsc plc llp lp pc bk fc sc cf equipo athletic
    philharmonic orchestra symphony ensemble opera ballet choir cooperative co-op stores shipyard
    navy army police court church parliament senate congress assembly oil gas petroleum airways railways
    united rovers wanderers rangers conservatory conservatoire seminary polytechnic corps brigade regiment
    battalion squadron fleet tribunal quartet publishing publications books pictures films productions automotive aerospace
    mutual chamber""".split()
)
# Bodies whose members vote ("council members X and Y", "the board ... members X and Y voted").
VOTING_BODIES = frozenset("board council committee commission cabinet senate assembly parliament congress".split())
# Marks that set off a nickname inside a person's name, opening -> closing ('Tomas "Tommy" Varga',
# "Daniel R. (Dan) Velko").
NICKNAME_MARKS = {'"': '"', "“": "”", "(": ")", "'": "'", "‘": "’"}
# News agencies a dateline or a byline names ("PARIS (Reuters) —", "Moscow April 25 TASS --"): general knowledge.
WIRE_AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg", "Xinhua", "Kyodo", "Yonhap", "UPI", "EFE", "ANSA", "dpa", "TASS", "ITAR-TASS", "Interfax", "PTI", "ANI")
# Legal forms that end a company's name ("Varga Oakes LLP", "Strandvik ASA"), lower case without dots.
LEGAL_FORMS = frozenset("inc incorporated corp corporation co ltd llc llp lp plc ag gmbh sa spa nv bv ab asa as oy oyj aps kgaa sarl ltda bhd tbk pjsc jsc kk sas srl pty pc".split())


def legal_form(word: str) -> bool:
    """'Inc.', 'LLC', 'AG': a company's legal form, in any case, with or without its period."""
    return word.lower().rstrip(".") in LEGAL_FORMS

# Other written forms of a country: the same place.
COUNTRY_VARIANTS: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States",
    "USA": "United States", "America": "United States", "United States of America": "United States",
    "U.K.": "United Kingdom", "UK": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "PRC": "China", "People's Republic of China": "China",
    "UAE": "United Arab Emirates", "Holland": "Netherlands", "Russian Federation": "Russia",
}
# US states as news writes them in datelines and "City, State" (AP abbreviations).
_STATES = """Ala.:Alabama Ariz.:Arizona Ark.:Arkansas Calif.:California Colo.:Colorado Conn.:Connecticut
Del.:Delaware Fla.:Florida Ga.:Georgia Ill.:Illinois Ind.:Indiana Kan.:Kansas Ky.:Kentucky
La.:Louisiana Md.:Maryland Mass.:Massachusetts Mich.:Michigan Minn.:Minnesota Miss.:Mississippi
Mo.:Missouri Mont.:Montana Neb.:Nebraska Nev.:Nevada N.H.:New_Hampshire N.J.:New_Jersey
N.M.:New_Mexico N.Y.:New_York N.C.:North_Carolina N.D.:North_Dakota Okla.:Oklahoma Ore.:Oregon
Pa.:Pennsylvania R.I.:Rhode_Island S.C.:South_Carolina S.D.:South_Dakota Tenn.:Tennessee
Vt.:Vermont Va.:Virginia Wash.:Washington W.Va.:West_Virginia Wis.:Wisconsin Wyo.:Wyoming"""
US_STATES = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
    Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York
    North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina
    South_Dakota Tennessee Texas Utah Vermont Virginia Washington West_Virginia Wisconsin Wyoming""".split()
)
US_STATES = frozenset(state.replace("_", " ") for state in US_STATES)
_UNDOTTED = "Ala Ariz Calif Colo Fla Ky Mich Minn Neb Nev Okla Tenn Vt Va Wis Wyo".split()
"""State abbreviations also read without their period ("RUTLAND, Vt —"): those that are no word or name."""
PLACE_VARIANTS: dict[str, str] = {
    **COUNTRY_VARIANTS,
    **{short: full.replace("_", " ") for short, _, full in (entry.partition(":") for entry in _STATES.split())},
}
PLACE_VARIANTS |= {short: PLACE_VARIANTS[short + "."] for short in _UNDOTTED}


@lru_cache(maxsize=1 << 16)  # a name is keyed many times per article (pure)
def may_abbreviate(name: str, short: str) -> bool:
    """Whether `short` can be an abbreviation of `name`: its letters occur in the name in order, the
    first at the start of one of its words (the test of Schwartz and Hearst, 2003). "ECB" and "PNF" (a
    French name's initials) pass for their names; "AP" does not for "Thailand" ("Thailand (AP)")."""
    letters = [c for c in short.lower() if c.isalnum()]
    if not letters:
        return False
    text = name.lower()
    for start in (i for i, c in enumerate(text) if c == letters[0] and (i == 0 or not text[i - 1].isalnum())):
        at = start + 1
        for letter in letters[1:]:
            at = text.find(letter, at) + 1
            if not at:
                break
        else:
            return True
    return False


def name_key(name: str) -> str:
    """Case-, accent-, spacing- and punctuation-free form of a name; written forms of countries
    and US states folded ("U.S.", "Tenn.").

    >>> name_key("São  Paulo") == name_key("Sao Paulo") == "saopaulo"
    True
    >>> name_key("U.S.") == name_key("United States") and name_key("Tenn.") == name_key("Tennessee")
    True
    """
    folded = unicodedata.normalize("NFKD", PLACE_VARIANTS.get(name.strip(), name.strip())).casefold()
    return re.sub(r"[\W_]+", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))


def near_duplicates(types: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of distinct names (name -> type) that may name one thing: one is the other's first
    or last words ("Tulane" / "Tulane University", "Ivers" / "Tom Ivers"), or they are spelled
    almost alike. A place at the start of an organisation's name is not a duplicate ("Lyon" /
    "Lyon Opera"). Names are compared only within blocks that share a first or last word.

    >>> near_duplicates({"Harbor": "Organization", "Harbor Robotics": "Organization", "Lyon": "Place", "Lyon Opera": "Organization"})
    [('Harbor', 'Harbor Robotics')]
    """
    keyed = {name: [name_key(w) for w in name.split() if name_key(w)] for name in types}
    blocks: dict[str, set[str]] = defaultdict(set)
    for name, words in keyed.items():
        if words:
            blocks["^" + words[0]].add(name)
            blocks[words[-1] + "$"].add(name)
    pairs = set()
    for members in blocks.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                wa, wb = keyed[a], keyed[b]
                if wa == wb:
                    continue
                short, long = sorted((wa, wb), key=len)
                contained = long[: len(short)] == short or long[-len(short) :] == short
                shorter = a if len(wa) < len(wb) else b
                if {types[shorter], types[b if shorter == a else a]} == {"Place", "Organization"} and types[shorter] == "Place":
                    contained = False
                alike = SequenceMatcher(None, "".join(wa), "".join(wb)).ratio() >= 0.9
                if contained or alike:
                    pairs.add((a, b))
    return sorted(pairs)
