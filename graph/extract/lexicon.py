"""General English word lists the rules use: no names or facts of any particular article."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from graph.names import COUNTRY_VARIANTS, ORG_SUFFIXES, PLACE_VARIANTS, US_STATES
from graph.names import VOTING_BODIES as VOTING_BODIES  # read here with the other word lists

# Head nouns that say what kind of thing a name is ("X, an AI company"; "startup X").
ORG_NOUNS = frozenset(
    """company firm startup start-up corporation business group maker manufacturer giant
    carmaker automaker chipmaker drugmaker telecom exchange
    conglomerate retailer bank lender insurer carrier airline operator provider developer
    publisher broadcaster newspaper agency organization organisation institution institute
    university college school academy laboratory lab charity foundation nonprofit party
    ministry department regulator government subsidiary unit division brand platform
    network chain fund investor consultancy club team league union alliance association
    council committee center centre outlet studio supplier designer distributor producer
    miner refiner shipbuilder builder brewer winery distiller outfit utility cooperative venture broker brokerage
    dealer wholesaler exporter importer processor contractor owner operator developer grocer
    hospital clinic museum orchestra ensemble choir theatre theater library court
    newspaper magazine journal daily tabloid website rival competitor band label side""".split()
)
# Realms, mostly named "the X of Y" ("the Duchy of Y", "the Margraviate of Y").
REALM_NOUNS = frozenset("republic duchy principality margraviate landgraviate kingdom empire emirate sultanate khanate caliphate viceroyalty protectorate electorate".split())
# Heads of place names of the form "the X of Y" ("the Bay of Y", "the London Borough of Y"); not
# "City of", "County of" (a town's government).
PLACE_OF_NOUNS = REALM_NOUNS | frozenset("bay gulf sea strait straits isle borough province".split())
# Head nouns of the names of public bodies and institutions whose "of" phrase belongs to the name
# ("Department of Ecology", "Church of St. Mary"), unlike a firm's ("X Group of Chicago").
INSTITUTION_NOUNS = frozenset(
    """department ministry court church cathedral university college school institute academy
    museum library hospital bank commission committee council authority office bureau board
    agency society association foundation federation league union chamber assembly tribunal house""".split()
)
# Words that begin names of the form "X of Y" and are no name without it ("the Duchy of Y",
# "the Diocese of Y").
OF_NAME_NOUNS = PLACE_OF_NOUNS | frozenset("diocese archdiocese eparchy bishopric".split())
# Words in a name that say what kind of thing it is, for the noun a description uses ("the
# orchestra" -> "X Philharmonic", "the paper" -> "X Gazette"), besides the noun itself.
KIND_WORDS: dict[str, frozenset[str]] = {noun: frozenset(words.split()) for noun, words in {
    "orchestra": "philharmonic symphony sinfonia ensemble",
    "university": "universität université universidad universidade università college institute",
    "school": "college academy university institute",
    "college": "university",
    "hospital": "clinic infirmary",
    "club": "fc cf sc bk united athletic",
    "team": "fc cf sc bk united athletic club equipo",
    "ministry": "department",
    "department": "ministry",
    "agency": "administration authority service commission bureau",
    "newspaper": "times post journal gazette herald tribune chronicle news daily",
    "paper": "times post journal gazette herald tribune chronicle news daily",
    "museum": "gallery",
    "company": "inc inc. corp corp. corporation ltd ltd. llc plc co co. ag gmbh sa nv bv ab asa as oy oyj aps kgaa sarl ltda bhd tbk pjsc jsc",
    "firm": "llp lp pc partners",
}.items()}
# Kinds of institution a name may say it is ("X University", "X Museum"): a description of
# another kind ("the company") does not refer to it.
INSTITUTION_KINDS = frozenset(
    """university college school academy museum library hospital ministry department orchestra
    club team newspaper church court embassy""".split()
)
# Nouns that, after "the", refer back to an organisation or a place named before.
REFERRING_ORG_NOUNS = frozenset(
    """company firm group maker manufacturer carmaker automaker chipmaker drugmaker retailer
    bank lender insurer airline operator developer publisher broadcaster newspaper paper agency
    university college school academy institute museum library hospital charity foundation
    ministry department regulator club team league union association council committee
    board commission authority startup conglomerate studio orchestra philharmonic symphony
    ensemble choir theatre theater
    utility utilities district bloc organisation organization venture chain business""".split()
)
REFERRING_PLACE_NOUNS = frozenset("""city town village country state county region province island""".split())
PLACE_NOUNS = frozenset(
    """area district city town village suburb neighborhood neighbourhood region province
    state county country nation municipality capital island peninsula port borough
    prefecture territory quarter township metropolis hamlet zone valley seat""".split()
)
# First words of place names ("Via Roma", "Piazza del Duomo", "Mount Kenya", "Lake Chad").
# Words that open a sports club's name ("FC Brenner", "1. FC Orvik", "SK Tarvo"), without dots.
CLUB_PREFIXES = frozenset("fc afc cf cd ac sc sk fk nk sv tsv vfb vfl rc ks".split())
PLACE_PREFIXES = frozenset("via viale piazza piazzale rue calle avenida rua plaza mount mt lake lago cape fort isle route highway interstate".split())
PLACE_SUFFIXES = frozenset(
    """district province county city state river lake mountain mountains island islands
    street avenue road lane ave ave. rd rd. blvd valley bay sea ocean region prefecture borough village
    square park forest forests canyon desert coast beach harbor harbour gulf strait canal
    channel plateau peak hills heights falls springs range reservoir airport bridge highway
    boulevard plaza palace castle cathedral stadium arena theater theatre tower towers
    cemetery monument jail prison mill meadow meadows lofts apartments terminal pier wharf
    docks glacier glaciers governorate municipality regions parish oblast canton peninsula volcano
    creek territory commune voivodeship drive zone pond lagoon dam shrine mausoleum station monastery abbey priory
    convent temple mosque synagogue basilica chapel bight fjord atoll archipelago dock quay pass""".split()
) | REALM_NOUNS
# Kinds of place a predicate or an apposition may call a name ("X is a village", "X, a river in Y"):
# the place nouns, the place designators and the features of a landscape no name ends with here.
KINDS_OF_PLACE = PLACE_NOUNS | PLACE_SUFFIXES | frozenset(
    """hill peak pass stream lagoon waterfall archipelago motorway settlement locality hamlet ward republic kingdom emirate
    hometown birthplace reef atoll islet cove fjord inlet estuary delta tributary watershed basin marsh swamp wetland bog moor
    oasis isthmus ridge cave cavern crater shoal""".split()
)
# What only a place has: "X's population", "the inhabitants of X", "X has a population of 40,000".
POPULATION_NOUNS = frozenset("population inhabitant populace".split())
# What a country, state or town has and a company or person has not ("X's economy", "X's
# unemployment rate", the compound's first word for a rate).
ECONOMY_NOUNS = frozenset("economy gdp inflation unemployment jobless joblessness".split())
# A state's bodies: "X's parliament", "X's army" (a state, not a company or person).
STATE_BODY_NOUNS = frozenset("parliament legislature government constitution military army navy".split())
# A town's people and its police, named after it in lower case ("Dunmore residents", "Orvik police").
TOWNS_PEOPLE_NOUNS = frozenset("resident voter taxpayer homeowner police".split())
# What only a state has: "X's ambassador", "X's embassy in Y".
ENVOY_NOUNS = frozenset("ambassador embassy envoy consul consulate".split())
# Words of the names of streets and roads, where a thing is "on" ("X on Mill Lane").
STREET_WORDS = frozenset("street st st. avenue ave ave. road rd rd. boulevard blvd lane drive route highway interstate".split())
# Public services that name a body after its area ("Lakeside Fire District").
SERVICE_WORDS = frozenset("fire water school police transit sanitation utility utilities park parks library hospital health volunteer township emergency rescue".split())
# Words of a role ("CEO of X", "a visiting fellow at X"); lemmas, lower case.
JOB_TITLES = frozenset(
    """ceo cfo cto coo chief executive president vice chairman chairwoman chairperson chair
    director founder co-founder cofounder head leader manager partner fellow researcher
    scientist professor lecturer economist analyst engineer spokesman spokeswoman
    spokesperson minister secretary governor mayor senator representative ambassador
    editor reporter correspondent journalist columnist writer author member employee
    officer adviser advisor consultant lawyer attorney chancellor dean principal
    executive owner investor commissioner general coach captain trustee treasurer
    official staffer designer architect programmer developer envoy curator conductor counsel
    superintendent provost rector registrar mp mep lawmaker legislator teacher physician surgeon nurse doctor judge prosecutor
    detective sergeant sheriff firefighter chief player striker midfielder goalkeeper
    publisher chemist pastor bishop archbishop priest rabbi imam deacon vicar chaplain cantor musician violinist pianist
    guitarist bassist drummer vocalist keyboardist frontman frontwoman boss forward fullback pitcher quarterback
    shortstop outfielder linebacker batsman bowler jockey""".split()
)
# Titles of posts inside an organisation, which name it when written alone before a person's
# name ("Provost X said"); not offices of a place or a state (mayor, governor, minister, judge).
ORG_POST_TITLES = frozenset(
    """ceo cfo cto coo president chairman chairwoman chairperson chair director manager dean executive
    provost superintendent principal spokesman spokeswoman spokesperson treasurer curator
    conductor coach captain quarterback striker midfielder goalkeeper pitcher shortstop linebacker""".split()
)
# Words of political position written before a party's name ("the centre-right X", "the ruling X"),
# not those that also name a person ("nationalist X").
POLITICAL_WORDS = frozenset("centre-right center-right centre-left center-left left-wing right-wing far-right far-left ruling opposition".split())
# Offices held over a place, not in an organisation ("the mayor of X": X is a town).
PLACE_OFFICE_TITLES = frozenset("mayor governor gov premier king queen sultan emir".split())
# Titles of a body's members written after its name ("the Labour MP", "a Democratic senator").
MEMBER_OF_BODY_TITLES = frozenset("mp mps mep meps lawmaker legislator senator congressman congresswoman councillor councilman councilwoman assemblyman assemblywoman".split())
# Groups of organisations working together ("the X team, which includes Y").
CONSORTIUM_NOUNS = frozenset("team consortium coalition alliance partnership".split())
FOUNDER_TITLES = frozenset({"founder", "co-founder", "cofounder"})
# Courtesy and office titles written before a person's name ("Dr. Ann Lee", "Sen. Bo Chen");
# lower case, with and without the full stop.
HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. sen
    sen. rep rep. gov gov. lt lt. col col. gen gen. maj maj. capt capt. sgt sgt. cpl cpl. det
    det. insp insp. supt supt. adm adm. cmdr cmdr. brig brig. pvt pvt. judge justice president vice premier chancellor minister
    secretary senator governor mayor ambassador commissioner supervisor councillor councilor
    councilman councilwoman alderman ald ald. chairman chairwoman chair ceo cfo coach pastor bishop
    cardinal rabbi imam sheikh king queen prince princess father brother sister saint st st.
    acting interim deputy assistant associate chief executive managing general attorney
    spokesperson spokesman spokeswoman officer sergeant detective inspector superintendent
    dean provost rector professor director trustee treasurer representative lieutenant colonel admiral
    commander corporal midshipman major brigadier marshal doge emperor empress tsar czar""".split()
)
# Nouns for bodies one belongs to rather than works for ("the Labour party"): a person's
# affiliation with one is membership (a band's manager, unlike a party's, is no member).
MEMBERSHIP_NOUNS = frozenset({"party"})
MEMBER_TITLES = frozenset(  # a band's players are its members, and so are a team's
    """member guitarist bassist drummer vocalist keyboardist frontman frontwoman player striker midfielder goalkeeper defender
    winger forward fullback pitcher quarterback shortstop outfielder linebacker batsman bowler""".split()
)
# People an organisation serves or employs: where they are, it works ("its customers in Ohio").
SERVED_NOUNS = frozenset("customers clients subscribers patients students employees workers staff members".split())
# What a company has or employs and a person does not ("X has 400 employees").
WORKFORCE_NOUNS = frozenset("employees workers staff customers subscribers shareholders people jobs".split())
# Verbs of saying whose clause may speak of the speaker ("X said it would ...").
SPEECH_VERBS = frozenset("say announce report add note expect confirm warn tell".split())
# What a company reports ("X reported higher profit", "X to report earnings").
RESULTS_NOUNS = frozenset("profit profits earnings revenue revenues sales loss losses results forecast outlook dividend".split())
# Titles written only before a person's name, a surname alone included ("Ms. Holt").
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
# Nouns that stand for an office or facility of an organisation ("offices in X").
SITE_NOUNS = frozenset(
    """office offices branch branches operations plant plants factory factories campus
    campuses facility facilities headquarters hq subsidiary subsidiaries presence
    outlet outlets store stores site sites lab labs laboratory shipyard shipyards yard
    centre center centres centers terminal terminals hub hubs warehouse warehouses mill
    mills mine mines refinery refineries clinic clinics studio studios bureau bureaus
    branch-office mission embassy consulate base bases depot depots hospital hospitals school schools
    restaurant restaurants hotel hotels shop shops farm farms station stations casino casinos""".split()
)
AGREEMENT_NOUNS = frozenset(
    """agreement agreements partnership partnerships deal deals alliance collaboration
    cooperation contract contracts venture memorandum understanding pact tie-up tie-ups sponsorship""".split()
)
# Nouns between an area and the place that contains it ("in the northwest of X").
DIRECTION_NOUNS = frozenset(
    """north south east west northeast northwest southeast southwest north-east
    north-west south-east south-west centre center heart outskirts suburbs part parts
    edge middle side outside""".split()
)
# Acronyms and words that NER often labels as names but name nothing in particular.
GENERIC_NAMES = frozenset(
    """ai ml r&d it vpn vpns ceo cfo cto coo gdp ipo api apis ev evs iot ar vr 5g 4g
    ui ux pr hr ngo ngos faq pdf usb gps dna tv pc pcs sms url www html ip app apps
    internet web online mba phd llm jd b.c. a.d. bce""".split()
)
# Common words that, capitalised alone, name nothing in particular ("the Kingdom", "the Act",
# "the Council"); within a name they may ("State Council").
GENERIC_ALONE = frozenset(
    """government state kingdom territory presidency act village census republic empire crown court
    administration ministry department council committee board""".split()
)
# Month names and abbreviations, and time zones: a "name" holding one next to a number is a
# date or a time ("April 1988", "0107 GMT 2 Feb 94"), not a named thing.
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct.
    nov nov. dec dec.""".split()
)
# Words before a month alone that make it a date ("in May", "since March", "last June").
TIME_WORDS = frozenset("in since until till by from through during last next this early late mid before after".split())
TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt bst cet cest".split())
HOLIDAYS = frozenset("christmas easter thanksgiving hanukkah ramadan eid diwali passover halloween pentecost lent advent epiphany".split())
WEEKDAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon mon. tue tue. tues. wed
    wed. thu thu. thur. thurs. fri fri. sat sat. sun sun. today yesterday tomorrow""".split()
)
# Nouns whose owner or modifier is an organisation ("Varnell's shares", "Acme spokeswoman X").
ORG_OWNED_NOUNS = frozenset(
    """ceo cfo cto coo executive president chairman chairwoman chair director boss coach spokesman
    spokeswoman spokesperson employee employees worker workers staff shareholder
    shareholders share shares stock board headquarters subsidiary unit division plant
    factory factories office offices revenue revenues profit profits sales customers
    brand product products chief editor curator dean superintendent principal founder co-founder cofounder""".split()
)
# Adjectives of direction before a place ("in eastern Kenya", "in northern Dalarna province").
DIRECTION_ADJECTIVES = frozenset(
    """northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western upper lower coastal rural""".split()
)
# Nouns for a business ("the company", "the carmaker"): what such a description stands for is no
# union, ministry or museum, and one reports on itself ("..., the company said").
BUSINESS_NOUNS = frozenset("company firm startup maker manufacturer carmaker automaker chipmaker drugmaker retailer lender insurer airline operator developer conglomerate chain business".split())
# Kin: "his wife Mary Lee", "brothers Amos and Eli Lee" name people.
FAMILY_NOUNS = frozenset("wife husband widow widower son daughter brother sister father mother grandson granddaughter grandfather grandmother nephew niece cousin uncle aunt".split())
# What only a person has, said with a possessive ("X's widow", "X's ouster", "X's presidency").
LIFE_NOUNS = frozenset("death funeral ouster resignation presidency premiership reign career retirement assassination birthday wedding marriage tenure".split())
# Verbs whose subject is a person: one is born, dies, marries or graduates; an organisation does not (lemmas).
PERSON_VERBS = frozenset("bear die marry wed divorce graduate retire resign swear".split())
# Verbs whose passive subject is a person: only people are arrested, jailed or wounded (a company
# is charged, fined or sentenced too) (lemmas).
PERSON_PASSIVES = frozenset("arrest jail imprison detain kill injure wound kidnap abduct murder assassinate execute".split())
# Verbs whose subject takes a person on: a club or a company, when the object is a person (lemmas).
HIRING_VERBS = frozenset("hire sign recruit employ poach".split())
# Designators that states and unions of states share with organisations ("the Soviet Union");
# not those of a state's bodies ("the Kessmore Senate" is no place).
STATE_WORDS = frozenset("union federation league authority alliance community commonwealth".split())
# What only a company has (a state has a president and offices too, not a chief executive or shareholders).
# The last words of company names that news drops after the first mention ("Orvane Systems", then
# "Orvane"): legal forms and trade words, not the words of institutions named after their town
# ("Larkfield University", "Larkfield Police": "Larkfield" alone is the town).
COMPANY_DESIGNATORS = frozenset(
    """inc inc. incorporated corp corp. corporation co co. company ltd ltd. llc llp lp plc ag gmbh sa nv bv ab asa oy oyj aps kgaa sarl ltda bhd tbk pjsc jsc
    group holdings partners systems labs laboratories technologies technology industries motors airlines airways
    foods energy power solutions brands capital ventures pharmaceuticals pharma therapeutics biosciences electronics
    logistics media communications telecom entertainment studios metals steel mining resources chemicals
    semiconductors robotics dynamics software networks insurance bancorp securities investments consulting
    construction engineering properties realty builders beverages brewing textiles apparel oil gas petroleum
    shipping lines railways rail freight trucking aviation marine""".split()
)
CORPORATE_NOUNS = frozenset("ceo cfo cto coo executive chairman chairwoman shareholder shareholders share shares stock subsidiary headquarters employee employees brand co-founder cofounder".split())
# Degrees, and the verbs that earn them ("earned a doctorate from Y").
DEGREE_NOUNS = frozenset("degree degrees doctorate phd mba master bachelor diploma certificate law_degree".split())
DEGREE_VERBS = frozenset("earn receive hold complete obtain get take have".split())
# Nouns that make a person a (former) student of a school ("a graduate of Y", "students at Y").
GRADUATE_NOUNS = frozenset("graduate alumnus alumna alumni student students".split())
# Nouns for a part of an organisation ("Y, a subsidiary of X", "X's cloud unit").
UNIT_NOUNS = frozenset("subsidiary division unit arm affiliate branch agency department school faculty institute centre center lab laboratory imprint".split())
# A team's players by position ("a Dunmore Rovers midfielder", "Orvik's goalkeeper").
PLAYER_POSITIONS = frozenset("midfielder striker goalkeeper goalie defender winger fullback full-back centre-back quarterback linebacker pitcher shortstop playmaker".split())
# Occupations that are no job titles ("X is a former rally driver", "X, a poet"): a name they
# describe is a person's, and one written before a name at the start of a sentence is not part of
# it ("Novelist X said").
OCCUPATION_NOUNS = frozenset(
    """actor actress singer songwriter rapper vocalist guitarist drummer pianist violinist composer
    conductor painter sculptor poet novelist playwright screenwriter author writer journalist filmmaker
    architect designer artist photographer dancer comedian
    politician statesman diplomat activist philanthropist businessman businesswoman entrepreneur
    mathematician physicist chemist biologist astronomer philosopher historian linguist theologian
    footballer cricketer cyclist athlete swimmer skater skier boxer wrestler golfer sprinter runner
    jockey racer driver""".split()
) | PLAYER_POSITIONS
# Kinds of people: occupations, and people by age, standing or rank.
# Plural nouns for people acting as a group ("U.S. regulators", "Texas officials").
GROUP_NOUNS = frozenset("regulator official lawmaker legislator prosecutor investigator investor analyst trader troop soldier police resident voter worker".split())
PERSON_NOUNS = OCCUPATION_NOUNS | frozenset(
    """man woman boy girl child citizen native resident saint monk priest bishop cardinal king queen
    prince princess emperor empress duke duchess count countess fan friend neighbor neighbour
    widow widower veteran victim suspect defendant survivor teenager student pupil""".split()
)
# Nouns for works, events and things that are neither people, organisations nor places ("the
# album X", "X is a 1990s sitcom", "X was released"): a name they describe is no entity of ours.
# Works one person writes or paints: their owner in "X's 1935 novel" is the author.
AUTHORED_WORKS = frozenset("novel novella memoir poem poems essay painting sculpture symphony sonata autobiography".split())
WORK_NOUNS = frozenset(
    """song single album ep film movie documentary novel book memoir poem opera musical painting sculpture
    sitcom episode videogame tour award prize medal trophy war battle ship frigate destroyer submarine
    battleship cruiser missile rifle aircraft software series show game lp drama telenovela play novella ballad""".split()
)
# Last words of names of works, events and laws ("World War II", "the Super Bowl", "Patriot Act").
WORK_SUFFIXES = WORK_NOUNS | frozenset("games olympics summit championship championships cup bowl tournament competition contest awards act treaty age ages era festival festivals".split())
# Words that open a storm's name ("Hurricane X", "Tropical Storm X"): an event, not a place or a body.
STORM_WORDS = frozenset("hurricane typhoon cyclone".split())
# Periods of history named by one word ("in the Renaissance"): a time, not a place; and languages
# that name no people or place ("a Hindi version", "borrowed from Latin").
PERIOD_NAMES = frozenset("renaissance enlightenment reformation antiquity".split())
LANGUAGES = frozenset("latin gaelic sanskrit amharic urdu hindi mandarin cantonese esperanto swahili yiddish tagalog".split())
# Verbs whose passive subject is a work ("X was released", "X was directed by Y") (lemmas).
WORK_VERBS = frozenset("release direct record compose premiere broadcast air stage publish".split())
# Nouns for a post one takes or holds ("took a job with Y", "holds a chair at Y").
POSITION_NOUNS = frozenset("job post position role fellowship professorship internship residency appointment chair".split())
# Bodies of an organisation ("the board of X", "the faculty of X").
BODY_NOUNS = frozenset("board faculty staff council committee cabinet".split())
# Words without which a pair of names cannot state these relations (lemmas).
RELATION_TRIGGERS: dict[str, frozenset[str]] = {
    "livesIn": frozenset("live resident reside home dweller inhabitant settle move stay".split()),
    "killed": frozenset(
        """kill murder assassinate shoot slay stab execute strangle behead poison lynch
        assassin killer murderer gunman assassination murder killing slaying shooting""".split()
    ),
    "foundedBy": frozenset("found co-found cofound founder co-founder cofounder establish start create launch form set".split()),
    "alumniOf": frozenset(
        """graduate study attend educate enrol enroll alumnus alumna alumni student degree doctorate diploma mba phd
        bachelor master train""".split()
    ),
    "capitalOf": frozenset({"capital"}),
}
# Words that state another relation between the pair than the one named (lemmas).
_STUDY_WORDS = frozenset("graduate study degree alumnus alumna alumni attend student doctorate diploma mba phd bachelor master enrol enroll".split())
# Words of a dealing between a person and an organisation that is no membership ("a critic of Y",
# "X, who is suing Y", "Y interviewed X").
_DEALING_WORDS = frozenset(
    """critic opponent ally rival competitor customer client plaintiff defendant victim fan supporter
    sue criticize criticise accuse praise attack oppose interview compete""".split()
)
# Words of a distance between two places ("100 miles from Y", "an hour's drive from Y"): the one is not in the other.
_DISTANCE_WORDS = frozenset("mile kilometre kilometer km drive".split())
# Verbs of an event or a visit, which place no organisation where they happen ("held its meeting in Y",
# "sponsored a marathon in Y", "sued the city of Y", "flew to Y").
_EVENT_WORDS = frozenset("sue sponsor hold host visit fly travel attend meet beat defeat tour".split())
RELATION_BLOCKERS: dict[str, frozenset[str]] = {
    "worksFor": _STUDY_WORDS | _DEALING_WORDS, "memberOf": _STUDY_WORDS | _DEALING_WORDS, "locatedIn": _DISTANCE_WORDS | _EVENT_WORDS,
}
# Words of something an organisation sends to a place ("a loan to Ghana", "exports to China"): it is not where that goes.
TRANSFER_WORDS = frozenset("loan lend export import shipment ship aid grant deliver delivery".split())
# Verbs whose subject and direct object can be a person and the organisation they belong to
# ("X heads Y", "Y hired X", "X left Y"); any other verb between the two is an act of one party
# on another ("X sued Y", "X praised Y") and no affiliation.
AFFILIATION_VERBS = frozenset(
    """join rejoin lead head run manage chair direct coach captain edit represent found co-found cofound
    establish start create form own""".split()
)
# Verbs that give someone a role ("X was named director of Y", "X served as president").
ROLE_VERBS = frozenset(
    """be become remain name appoint elect hire promote nominate select choose make serve
    install tap confirm succeed replace join return retire swear resign quit step""".split()
)
# Verbs whose object does what the verb after it says ("named X to lead Y", "asked X to run Y").
# Verbs that give a post to their object ("elected X president", "named economist X as governor").
APPOINTING_VERBS = frozenset("name appoint elect nominate choose select pick tap promote install make declare".split())
OBJECT_CONTROL_VERBS = frozenset("name appoint ask hire tap elect choose select pick nominate invite persuade urge tell recruit".split())
# Words that put a role or affiliation in the past ("the former chief executive", "CEO until 2014").
FORMER_WORDS = frozenset("former ex ex- onetime one-time erstwhile retired previously formerly until".split())
# Verbs that end an affiliation ("retired from X", "left X in 2019").
LEAVING_VERBS = frozenset("retire leave resign quit depart".split())
# Verbs of an employer ending a job ("Y fired X", "X was ousted by Y"): X worked for Y.
DISMISSING_VERBS = frozenset("fire sack dismiss oust".split())
# Spans of time a career is counted in ("after 20 years with the firm", "her six years at X").
DURATION_NOUNS = frozenset("year decade month season stint spell tenure career".split())
# Verbs that deny or undo the fact of a verb that depends on them ("denied it plans to buy").
NEGATING_VERBS = frozenset(
    """deny reject refuse decline abandon cancel scrap drop collapse fail dismiss rule
    withdraw halt terminate end block oppose""".split()
)
# Verbs whose subject is where their direct object, a place, is ("X serves Y", "X entered Y").
PRESENCE_VERBS = frozenset("serve cover enter operate open reach inhabit occupy".split())
# Verbs that end an organisation's presence at a site ("closed its office in Y", "sold its plant in Y").
CLOSING_VERBS = frozenset("close shut shutter sell vacate abandon".split())
# Verbs of an attempt or an offer: what depends on them is not done ("tried to buy X", "offered to buy X").
ATTEMPT_VERBS = frozenset("try attempt seek offer bid".split())
# Nouns of one organisation taking over another ("its acquisition of Y", "the takeover of Y by X").
ACQUISITION_NOUNS = frozenset("acquisition purchase takeover buyout".split())
# Modifiers and governors that make such a noun a prospect, not a deal ("a proposed takeover",
# "talks on the purchase of Y", "is considering the acquisition of Y").
PROSPECT_WORDS = frozenset(
    """proposed planned possible potential rumored rumoured mooted failed abandoned attempted aborted
    talk talks bid bids offer plan plans proposal speculation rumor rumors rumour rumours report reports
    consider explore weigh study discuss pursue""".split()
)
# Words of an accusation or its outcome in court: the act they are about is alleged, not stated
# ("charged with killing X", "accused of bribing Y", "acquitted of killing X", "on suspicion of shooting X").
ALLEGING_WORDS = frozenset("accuse charge suspect indict allege arrest prosecute acquit suspicion allegation accusation".split())
# Apposition or verb that introduces another name for the same thing.
ALIAS_VERBS = frozenset({"refer", "know", "dub", "nickname"})

# Countries: demonym and short forms -> the name used for the country. General knowledge. Demonyms
# are matched one token at a time, so two-word ones ("Sri Lankan") are left out.
_COUNTRIES = """
Afghanistan: Afghan | Albania: Albanian | Algeria: Algerian | Argentina: Argentine Argentinian
Armenia: Armenian | Australia: Australian | Austria: Austrian | Azerbaijan: Azerbaijani
Bangladesh: Bangladeshi | Belarus: Belarusian | Belgium: Belgian | Bolivia: Bolivian
Brazil: Brazilian | Bulgaria: Bulgarian | Cambodia: Cambodian | Canada: Canadian
Chile: Chilean | China: Chinese | Colombia: Colombian | Croatia: Croatian | Cuba: Cuban
Czech Republic: Czech | Denmark: Danish | Egypt: Egyptian | Estonia: Estonian
Ethiopia: Ethiopian | Finland: Finnish | France: French | Georgia: Georgian | Germany: German
Ghana: Ghanaian | Greece: Greek | Hungary: Hungarian | Iceland: Icelandic | India: Indian
Indonesia: Indonesian | Iran: Iranian | Iraq: Iraqi | Ireland: Irish | Israel: Israeli
Italy: Italian | Japan: Japanese | Jordan: Jordanian | Kazakhstan: Kazakh | Kenya: Kenyan
Latvia: Latvian | Lebanon: Lebanese | Lithuania: Lithuanian | Malaysia: Malaysian
Mexico: Mexican | Mongolia: Mongolian | Morocco: Moroccan | Nepal: Nepalese Nepali
Netherlands: Dutch | New Zealand: | Nigeria: Nigerian | North Korea: | Norway: Norwegian
Pakistan: Pakistani | Peru: Peruvian | Philippines: Filipino Philippine | Poland: Polish
Portugal: Portuguese | Qatar: Qatari | Romania: Romanian | Russia: Russian
Saudi Arabia: Saudi | Serbia: Serbian | Singapore: Singaporean | Slovakia: Slovak
Slovenia: Slovenian | South Africa: | South Korea: Korean | Spain: Spanish
Sri Lanka: | Sweden: Swedish | Switzerland: Swiss | Syria: Syrian
Taiwan: Taiwanese | Thailand: Thai | Tunisia: Tunisian | Turkey: Turkish
Ukraine: Ukrainian | United Arab Emirates: Emirati | United Kingdom: British |
United States: American | Venezuela: Venezuelan | Vietnam: Vietnamese | Yemen: Yemeni
Zimbabwe: Zimbabwean
Angola: Angolan | Bosnia: Bosnian | Costa Rica: | Cyprus: Cypriot
Dominican Republic: Dominican | Ecuador: Ecuadorian | El Salvador: Salvadoran
Guatemala: Guatemalan | Haiti: Haitian | Honduras: Honduran | Jamaica: Jamaican
Kuwait: Kuwaiti | Liberia: Liberian | Libya: Libyan | Macedonia: Macedonian
Moldova: Moldovan | Myanmar: Burmese | Nicaragua: Nicaraguan | Panama: Panamanian
Paraguay: Paraguayan | Rwanda: Rwandan | Senegal: Senegalese | Somalia: Somali
Sudan: Sudanese | Tanzania: Tanzanian | Uganda: Ugandan | Uruguay: Uruguayan
Uzbekistan: Uzbek | Zambia: Zambian
Andorra: Andorran | Bahrain: Bahraini | Belize: Belizean | Benin: Beninese | Bhutan: Bhutanese
Botswana: Motswana Batswana | Brunei: | Burkina Faso: Burkinabe | Burundi: Burundian
Cameroon: Cameroonian | Cape Verde: | Central African Republic: | Chad: Chadian
Congo: Congolese | Djibouti: Djiboutian | Equatorial Guinea: | Eritrea: Eritrean | Fiji: Fijian
Gabon: Gabonese | Gambia: Gambian | Guinea: Guinean | Guyana: Guyanese | Ivory Coast: Ivorian
Kosovo: Kosovar | Kyrgyzstan: Kyrgyz | Laos: Laotian | Lesotho: | Liechtenstein: | Luxembourg:
Madagascar: Malagasy | Malawi: Malawian | Maldives: Maldivian | Mali: Malian | Malta: Maltese
Mauritania: Mauritanian | Mauritius: Mauritian | Monaco: Monegasque | Montenegro: Montenegrin
Mozambique: Mozambican | Namibia: Namibian | Niger: Nigerien | Oman: Omani
Papua New Guinea: | San Marino: | Sierra Leone: | South Sudan:
Suriname: Surinamese | Tajikistan: Tajik | Togo: Togolese | Trinidad and Tobago:
Turkmenistan: Turkmen | Bahamas: Bahamian | Barbados: Barbadian | Eswatini: | Samoa: Samoan
Soviet Union: Soviet | Yugoslavia: Yugoslav | Czechoslovakia: Czechoslovak
"""
# Nouns for a people's members, written before a name ("Briton X", "Frenchman X"); the
# adjectives are DEMONYMS, with those of the nations of the United Kingdom.
NATIONALITY_WORDS = frozenset(
    """Briton Brit Scot Swede Dane Finn Pole Turk Kiwi English Scottish Welsh Frenchman Frenchwoman
    Irishman Irishwoman Englishman Englishwoman Scotsman Scotswoman Welshman Welshwoman Dutchman
    Dutchwoman""".split()
)
DEMONYMS: dict[str, str] = {}
COUNTRIES: set[str] = set()
for _entry in filter(str.strip, re.split(r"[|\n]", _COUNTRIES)):
    _country, _, _demonyms = _entry.partition(":")
    COUNTRIES.add(_country.strip())
    for _demonym in _demonyms.split():
        DEMONYMS[_demonym] = _country.strip()
# Demonyms of places that are no country of the list: the nations of the United Kingdom and the
# continents ("an English actor", "European capitals"), each a mention of its place (no nationality:
# see place_rank).
DEMONYMS.update({"English": "England", "Scottish": "Scotland", "Welsh": "Wales", "European": "Europe", "African": "Africa", "Asian": "Asia"})


# Demonyms that stand for another place after a compass word: a country ("North Korean"; "Korean"
# alone is South Korea's, "Sudanese" alone Sudan's) or a region ("South American": no American's).
COMPASS_DEMONYMS = {("North", "Korean"): "North Korea", ("South", "Sudanese"): "South Sudan", ("North", "American"): "North America",
                    ("South", "American"): "South America", ("Central", "American"): "Central America", ("Latin", "American"): "Latin America"}


# Nouns a demonym modifies as the name of a language, not of a people ("the Spanish version",
# "its English title", "a Portuguese word for flame").
LANGUAGE_NOUNS = frozenset("language version translation title word term name lyrics subtitle dub spelling pronunciation dialect".split())


# Words for the members of a faith or a party, and the faith's own name, that stand for the faith
# or the party as a demonym stands for its country ("a Catholic priest", "Republicans in the
# Senate", "converted to Islam"): each a mention of the faith or party, named here.
FAITH_AND_PARTY_WORDS: dict[str, str] = {word: name for name, words in {
    "Catholic Church": "Catholic Catholics Catholicism", "Christianity": "Christian Christians Christianity",
    "Judaism": "Jewish Jews Judaism", "Islam": "Muslim Muslims Islamic Islam", "Protestantism": "Protestant Protestants Protestantism",
    "Anglicanism": "Anglican Anglicans Anglicanism", "Methodism": "Methodist Methodists Methodism",
    "Lutheranism": "Lutheran Lutherans Lutheranism", "Buddhism": "Buddhist Buddhists Buddhism", "Hinduism": "Hindu Hindus Hinduism",
    "Sikhism": "Sikh Sikhs Sikhism", "Eastern Orthodox Church": "Orthodox Orthodoxy", "Pentecostalism": "Pentecostal Pentecostals Pentecostalism",
    "Calvinism": "Calvinist Calvinists Calvinism", "Evangelicalism": "Evangelical Evangelicals Evangelicalism",
    "Presbyterianism": "Presbyterian Presbyterians Presbyterianism", "Mormonism": "Mormon Mormons Mormonism", "Republican Party": "Republican Republicans", "Democratic Party": "Democrat Democrats Democratic",
    "Labour Party": "Labour", "Conservative Party": "Conservative Conservatives Tory Tories", "Liberal Party": "Liberal Liberals",
    "Nazi Party": "Nazi Nazis", "Whig Party": "Whig Whigs",
}.items() for word in words.split()}


def demonym_place(text: str) -> str | None:
    """The place a demonym of one or two words stands for ("Peruvian" -> Peru, "North Korean" ->
    North Korea), or None."""
    words = tuple(text.split())
    return DEMONYMS.get(text) if len(words) == 1 else COMPASS_DEMONYMS.get(words) if len(words) == 2 else None


def people_place(text: str) -> str | None:
    """The country whose people a plural demonym names ("Americans" -> United States; not a
    country's own name, "Philippines"), or None."""
    return DEMONYMS.get(text[:-1]) if text.endswith("s") and text not in COUNTRIES else None


def stood_for(text: str) -> frozenset[str]:
    """What a word may stand for rather than name: a demonym's place, a people's country, a faith
    or a party ("Peruvian" -> Peru, "Americans" -> United States, "Catholic" -> Catholic Church)."""
    return frozenset(name for name in (demonym_place(text), people_place(text), FAITH_AND_PARTY_WORDS.get(text)) if name is not None)


_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


@cache
def _gendered_names() -> dict[str, str]:
    """Given name -> "f" or "m", for names nearly always one gender (built by graph.learn.first_names)."""
    lines = (Path(__file__).parent / "first_names.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def fold(word: str) -> str:
    """Lower case without accents: "Inés" -> "ines"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def given_name_gender(word: str) -> str | None:
    """"f" or "m" for a given name nearly always one gender ("Tobias" -> "m", "Øyvind" -> "m"), folded
    to ASCII lower case; None for any other word."""
    return _gendered_names().get(fold(word.lower().translate(_FOLD)))


# Common given names across languages (general knowledge, no one's in particular): a name that
# begins with one is a person's ("Imelda Varga"). Names that are also places or common words
# (Austin, Jordan, Georgia, Grace, Will) are left out.
GIVEN_NAMES = frozenset("""aaron abdul abdullah abigail abraham adam adrian agnes ahmed ahmad aisha akira alan albert alberto alejandro aleksandr alex
alexander alexandra alexei alfred alice alicia alison amanda amara amina amir amit amy ana anders andrea andreas andrei andres andrew
andrzej angela angelo anil anita ann anna anne annette anthony antoine antonio anya arjun arnold arthur ashley astrid barbara
beatriz ben benjamin bernard beth betty bjorn boris brenda brian bruce bruno camila carl carla carlos carmen carol caroline catherine
cecilia charles chen chiara chidi chinedu chloe christian christina christine christopher claire clara claudia colin connor craig
cristina curtis cynthia daniel daniela danielle david dawn deborah dennis diana diane diego dmitri dolores dominic donald doris
dorothy douglas dylan edward elena eli elif elijah elisabeth elizabeth ellen emeka emily emma emmanuel enrique eric erik ernesto
esther ethan eugene eva evelyn fatima fatma felipe felix fernando fiona francesca francesco francisco francois frank franz fred
frederick gabriel gabriela gareth gary george gerald gerhard gianluca gina giovanni giuseppe gloria gordon greg gregory gustavo
hana hannah hans harold harriet harry hassan heather hector heidi helen helena henrik henry hiroshi howard hugo ibrahim ian igor
imelda ines ingrid irene isaac isabel isabella ivan jacob jacqueline james jan jane janet janice jason javier jean jeffrey jennifer
jeremy jerome jessica jesus jiang jill joan joanna joao joel johan johann johannes john jonathan jorge jose josef joseph joshua
juan judith julia julian julie julio justin kai karen karin karl kate katherine kathleen kathryn katie keith kelly ken kenji kenneth
kevin khalid kim kimberly klaus kofi kristin kumar kwame lakshmi lars laura lauren lawrence leah lena leo leon leonardo leticia
lina linda lisa liu lorenzo lorraine louis louise lucas lucia luca luis luisa lukas lydia magdalena mahmoud malcolm manuel marc
marcel marco marcus margaret maria mariana marie marina mario marisol mark marta martha martin martina mary matteo matthew maureen
max maya megan mehmet melissa mei michael michel michelle miguel mikhail miriam mohamed mohammed monica muhammad nadia nancy naomi
natalia natalie nathan neil nicholas nicola nicolas nikolai nina noah nora norma oksana olga oliver olivia omar oscar pablo pamela
paolo patricia patrick paul paula pedro peter petra philip philippe pierre pilar priya rachel rafael rahul raj rajesh ralph ramon
raymond rebecca renee ricardo richard rita robert roberto robin rodrigo roger roland ronald rosa ruth ryan sabine sally samantha
samuel sandra sanjay sara sarah scott sean sebastian sergei sergio shannon sharon sheila shirley simon sofia sofie sonia sophie
stefan stefano stephanie stephen steven susan suzanne svetlana takeshi tamara tanya teresa thomas timothy tobias todd tom tomas
tony tracy ursula valentina valerie vanessa vera veronica victor vincent viktor vladimir walter wanda wendy william wolfgang
xavier yasmin yuki yuri yusuf yvonne zainab zoe zofia""".split())


# Words that modify a title without being one ("Acting Commissioner", "Vice President"),
# and that begin organisation names too ("General Motors"): never a title on their own.
TITLE_MODIFIERS = frozenset(
    """acting interim deputy assistant associate vice senior chief executive managing general
    former retired incoming outgoing co emeritus emerita pro tem tempore""".split()
)
# Titles of a monarch or a pope: with a regnal number after the name they mark a person ("King
# Edvar VII", "Pope Anselm III"), though alone they open place and school names ("King County").
REGNAL_TITLES = frozenset("king queen prince princess emperor empress tsar czar sultan pope shah".split())
REGNAL_NUMBER = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
# Titles that mark the name after them as a person's ("Supervisor Ann Hale").
PERSON_TITLES = (HONORIFICS | JOB_TITLES) - TITLE_MODIFIERS - frozenset(
    """st st. saint king queen prince princess father brother sister justice attorney
    member partner student owner investor author head leader general""".split()
)

# Common words of organisation names that are not names themselves ("Public Library",
# "State University", "Community School District").
ORG_NAME_WORDS = frozenset(
    """public state community memorial national international federal regional central
    general high historical united american european royal municipal county city metropolitan
    district superior supreme appeals circuit first new north south east west northern
    southern eastern western upper lower greater medical health science sciences technical
    free civic senate house assembly congress parliament court courts navy army police sheriff
    prosecutor attorney attorneys legislature cabinet government representatives commons lords deputies""".split()
)

# Words that say what kind of thing a name is; learned models may weigh these, and only
# the shape of a name's other words, so they learn context rather than names.
DESIGNATORS = ORG_SUFFIXES | PLACE_SUFFIXES | ORG_NOUNS | PLACE_NOUNS | JOB_TITLES | HONORIFICS | frozenset(
    "of and the for & de del la le von van da di at on in".split()
)


@lru_cache(maxsize=1 << 16)
def shape(text: str) -> str:
    """'Merbold' -> 'Xx', 'D.' -> 'X.', 'NHK' -> 'X', '6th' -> 'dx', 'Ødegård' -> 'Xx' (at most four
    symbols). Letters of any script count: an accented name has the shape of an unaccented one."""
    classes = ("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text)
    return re.sub(r"([Xxd])\1+", r"\1", "".join(classes))[:4]


@lru_cache(maxsize=1 << 16)
def masked(word: str) -> str:
    """A word of a name as a learned model may see it: a designator itself, any other word by its shape.

    >>> masked("University"), masked("Quexalt")
    ('university', 'Xx')
    """
    low = word.lower()
    return low if low in DESIGNATORS else shape(word)


CONTINENTS = frozenset({"Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania", "Antarctica", "Middle East"})


def place_rank(name: str) -> int:
    """How large a place is known to be: continent or ocean 4, country 3, US state 2, anything else 1.
    A place never lies in one of lower rank ("Nigeria" is not in a town named with it)."""
    full = PLACE_VARIANTS.get(name, name)
    if full in CONTINENTS or full.endswith(" Ocean"):
        return 4  # a continent or an ocean ("Madagascar, an island nation in the Indian Ocean")
    if full in COUNTRIES or full in COUNTRY_VARIANTS.values():
        return 3
    return 2 if full in US_STATES else 1


def may_lie_in(inner: str, outer: str) -> bool:
    """Whether a place can lie in another, as far as their known sizes tell: not in a smaller one,
    not in another of the same known size (no country in a country, no state in a state), and a
    US state in no country but the United States.

    >>> may_lie_in("Ohio", "United States"), may_lie_in("Ohio", "Canada"), may_lie_in("Peru", "Chile")
    (True, False, False)
    """
    small, large = place_rank(inner), place_rank(outer)
    if small > large or small == large >= 2:
        return False
    return not (small == 2 and large == 3 and PLACE_VARIANTS.get(outer, outer) != "United States")
