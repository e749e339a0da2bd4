"""Rule tests: short sentences through the real pipeline, and hand-built parses."""

import pytest
import spacy
from conftest import facts, read_text
from spacy.tokens import Doc

from graph.extract import relations
from graph.extract.mentions import Paragraph, context_votes
from graph.names import may_abbreviate
from graph.types import Mention


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kessmore Labs is headquartered in Tulsa and has offices in Omaha and Reno.",
         {("Kessmore Labs", "headquarteredIn", "Tulsa"), ("Kessmore Labs", "locatedIn", "Omaha"), ("Kessmore Labs", "locatedIn", "Reno")}),
        ("The Tulsa-based retailer Brisco Stores opened a new branch.", {("Brisco Stores", "headquarteredIn", "Tulsa")}),
        ("Imelda Varga, the chief financial officer of Pembrook Analytics, resigned on Friday.", {("Imelda Varga", "worksFor", "Pembrook Analytics")}),
        ("Pembrook Analytics spokeswoman Dana Oakes declined to comment.", {("Dana Oakes", "worksFor", "Pembrook Analytics")}),
        ("Brisco Stores has signed a supply agreement with Kessmore Labs.", {("Brisco Stores", "partnerOf", "Kessmore Labs")}),
        ("Tomas Peel founded Brisco Stores in 2004.", {("Brisco Stores", "foundedBy", "Tomas Peel")}),
        ("Kessmore Labs was acquired by Brisco Stores last year.", {("Brisco Stores", "acquired", "Kessmore Labs")}),
        ("Tessa Vance graduated from Oxbury University in 2001 and now lives in Reno.",
         {("Tessa Vance", "alumniOf", "Oxbury University"), ("Tessa Vance", "livesIn", "Reno")}),
        ("The theft happened in Reno, Nevada, on Sunday.", {("Reno", "locatedIn", "Nevada")}),
        ("The talks were held in Oslo, the capital of Norway.", {("Oslo", "capitalOf", "Norway")}),
        ("Dutch brewer Hollenkamp Brewing opened a plant in Ohio.", {("Hollenkamp Brewing", "locatedIn", "Netherlands"), ("Hollenkamp Brewing", "locatedIn", "Ohio")}),
        ("The Oxbury Institute of Marine Science (OIMS) opened a laboratory.", {("Oxbury Institute of Marine Science", "alternateName", "OIMS")}),
        ("Kelby, a district in the east of Reno, has many bakeries.", {("Kelby", "locatedIn", "Reno")}),
        ("Pembrook Analytics' research unit, Pembrook Labs, hired ten people.", {("Pembrook Labs", "parentOrganization", "Pembrook Analytics")}),
        ("Imelda Varga, who spent 12 years as a chemist at the consultancy Tarvik, joined the bank in May.", {("Imelda Varga", "worksFor", "Tarvik")}),
        ("Dana Oakes played two years with the Oxbury Otters and then moved abroad.", {("Dana Oakes", "memberOf", "Oxbury Otters")}),
        ("Tomas Peel is based at Kessmore Labs, the group's research centre in Omaha.", {("Tomas Peel", "worksFor", "Kessmore Labs")}),
        ("Brisco Stores hired Dana Oakes from Kessmore Labs in May.", {("Dana Oakes", "worksFor", "Brisco Stores"), ("Dana Oakes", "worksFor", "Kessmore Labs")}),
        ("On Monday Rosa Penn was sworn in as Brisco Stores' chief.", {("Rosa Penn", "worksFor", "Brisco Stores")}),
        ("Tomas Peel, a senior partner at the Omaha firm Varga Oakes LLP, plans to appeal.", {("Tomas Peel", "worksFor", "Varga Oakes LLP")}),
        ("Imelda Varga and Tomas Peel were graduate students together at Oxbury University.", {("Imelda Varga", "alumniOf", "Oxbury University"), ("Tomas Peel", "alumniOf", "Oxbury University")}),
        ("Brisco Stores and Kessmore Labs struck a licensing agreement in May.", {("Brisco Stores", "partnerOf", "Kessmore Labs")}),
        ("The deal protects Brisco Stores' agreement with Kessmore Labs.", {("Brisco Stores", "partnerOf", "Kessmore Labs")}),
        ("The Board of Trustees of Oxbury University voted on Friday.", {("Board of Trustees", "parentOrganization", "Oxbury University")}),
        ("The Senate voted on Monday. Sen. Tom Kell, who chairs the Senate Committee on Finance, backed the bill.",
         {("Senate Committee on Finance", "parentOrganization", "Senate")}),
        ("Orvik Motors said profits rose. Orvik Motors Board member Tessa Vance resigned.", {("Orvik Motors Board", "parentOrganization", "Orvik Motors")}),
        ("Since 2011 Brisco Stores has been owned by Pembrook Analytics.", {("Brisco Stores", "parentOrganization", "Pembrook Analytics")}),
        ("Oxbury Athletic, a member of the Great Lakes Conference, lost on Sunday.", {("Oxbury Athletic", "memberOf", "Great Lakes Conference")}),
        ("Imelda Varga left the bank in 2019 to start Tarvik Labs with Tomas Peel.", {("Tarvik Labs", "foundedBy", "Imelda Varga"), ("Tarvik Labs", "foundedBy", "Tomas Peel")}),
        ("Omaha-headquartered Brisco Stores opened a plant.", {("Brisco Stores", "headquarteredIn", "Omaha")}),
        ("The venture, to be called Tarvik Wind, will build turbines.", set()),
        ("Tarvik Labs was bought last year by the investment group Larch Capital Partners.", {("Larch Capital Partners", "acquired", "Tarvik Labs")}),
        ("Deputy Imelda Varga of the Union Civica party said the plan would fail.", {("Imelda Varga", "memberOf", "Union Civica")}),
        ("Its mills in Dalton, Georgia, and Tulsa, Oklahoma, were not affected.", {("Dalton", "locatedIn", "Georgia"), ("Tulsa", "locatedIn", "Oklahoma")}),
        ("Brisco Foods, a snack maker based in Dalton, Georgia, opened a plant.", {("Brisco Foods", "headquarteredIn", "Dalton"), ("Dalton", "locatedIn", "Georgia")}),
        ("Brisco Foods and Kessmore Heavy Industries plan to set up a joint venture in Ohio.", {("Brisco Foods", "partnerOf", "Kessmore Heavy Industries")}),
        ("The board asked Tomas Peel to run Orvik Labs.", {("Tomas Peel", "worksFor", "Orvik Labs")}),
        ("Under the deal, Brisco Shipyard, in northern Quang Tri province, will build two ferries.", {("Brisco Shipyard", "locatedIn", "Quang Tri")}),
        ("The two men sold scrap to Orvik Metals on West Mill Road in Larkfield.", {("Orvik Metals", "locatedIn", "Larkfield")}),
        ("Tessa Vance won the stage riding for the Dutch team Orvik Cycling.", {("Tessa Vance", "memberOf", "Orvik Cycling")}),
        ("The Larkfield club signed Tessa Vance from Orvik FC.", {("Tessa Vance", "worksFor", "Larkfield"), ("Tessa Vance", "worksFor", "Orvik FC")}),
        ("Tessa Vance joined the Kessmore Labs sales team in 2019.", {("Tessa Vance", "worksFor", "Kessmore Labs")}),
        ("Ann Lee won a seat on the Larkfield City Council in 2019.", {("Ann Lee", "memberOf", "Larkfield City Council")}),
        ("The Larkfield Board of Education approved the budget. Board President Tom Kell praised the plan.", {("Tom Kell", "worksFor", "Larkfield Board of Education")}),
        ("Orvik University Hospital, run by Orvik University, opened a clinic.", {("Orvik University Hospital", "parentOrganization", "Orvik University")}),
        ("Ann Lee started Brisco Labs in 2016 in an office on Main Street with Tom Reyes.", {("Brisco Labs", "foundedBy", "Tom Reyes")}),
        ("Ana Ruiz, who chairs the Water Agency and was once an executive at Brisco Labs, resigned.", {("Ana Ruiz", "worksFor", "Brisco Labs")}),
        ("Tom Kell, one of the founders of Orvik Labs, said sales had doubled.", {("Orvik Labs", "foundedBy", "Tom Kell")}),
        ("Ann Brisco is a partner at Varga Oakes LLP and a director of Tarvik Bank.",
         {("Ann Brisco", "worksFor", "Varga Oakes LLP"), ("Ann Brisco", "worksFor", "Tarvik Bank")}),
        ("The memorandum of understanding between Peru's Office of Energy and Chile's Office of Mines runs for five years.", {("Office of Energy", "partnerOf", "Office of Mines")}),
        ("Tarvik Rowing Club has signed a sponsorship with the bank Brisco Capital.", {("Tarvik Rowing Club", "partnerOf", "Brisco Capital")}),
        ("Ann Lee serves on the board of Tarvik Labs.", {("Ann Lee", "worksFor", "Tarvik Labs")}),
        ("The Brisco Institute of Design will be renamed the Okoro School of Design next year.", {("Brisco Institute of Design", "alternateName", "Okoro School of Design")}),
        ("Ministers will meet the Coastal Fisheries Union (CFU), the Nairobi-based trade group, next week.", {("Coastal Fisheries Union", "headquarteredIn", "Nairobi")}),
        ("Orvane Devices Inc. was founded by Ruth Orvane in 1990. Tom Reyes, Orvane's chief executive, said sales had grown.",
         {("Tom Reyes", "worksFor", "Orvane")}),
        ("The clinic in Kumbo, in western Cameroon, reopened on Friday.", {("Kumbo", "locatedIn", "Cameroon")}),
        ("Tarvik Labs makes pumps. The Denver-based company's sales doubled last year.", {("Tarvik Labs", "headquarteredIn", "Denver")}),
        ("Hale and his wife, the architect Mira Solberg, founded Hale Studio in Oslo.", {("Hale Studio", "foundedBy", "Mira Solberg")}),
        ("Tom Kell retired after 31 years at Brisco Labs.", {("Tom Kell", "worksFor", "Brisco Labs")}),
        ("Tarvik Media, which Brisco Group owns, lost money.", {("Tarvik Media", "parentOrganization", "Brisco Group")}),
        ("Tarvik Media, a pump maker that Brisco Group bought in 2019, lost money.", {("Brisco Group", "acquired", "Tarvik Media")}),
        ("The Orvik Fire District hired Ana Ruiz in May. She succeeds Tom Kell, who quit last summer after 24 years with the district.",
         {("Tom Kell", "worksFor", "Orvik Fire District")}),
        ("Ana Ortiz set up Brightwell in 2019 with Tom Reyes, a friend from her six years at Brisco Labs.", {("Ana Ortiz", "worksFor", "Brisco Labs")}),
        ("Ana Ortiz left Helix in 2014. She and a former colleague, Tom Reyes, launched Brightwell in 2015.",
         {("Brightwell", "foundedBy", "Ana Ortiz"), ("Brightwell", "foundedBy", "Tom Reyes")}),
        ("The Larkfield City Council met on Monday. Council members Owen Pratt, Bea Lund and Lou Ortiz backed the budget.",
         {("Owen Pratt", "memberOf", "Larkfield City Council"), ("Bea Lund", "memberOf", "Larkfield City Council"), ("Lou Ortiz", "memberOf", "Larkfield City Council")}),
        # an organisation works where it serves; posts in a body
        ("Brisco Power sells electricity to its 2 million customers in Ohio and Utah.", {("Brisco Power", "locatedIn", "Utah")}),
        ("The Orvik School District, with 4,000 pupils in Kent County, will vote on Monday.", {("Orvik School District", "locatedIn", "Kent County")}),
        ("The Holloway Fire District covers Springfield, Kettering and Troy.", {("Holloway Fire District", "locatedIn", "Kettering")}),
        ("Ann Vogt, the Labour MP who chairs the health committee, called the plan rushed.", {("Ann Vogt", "worksFor", "Labour")}),
        ("Ann Vogt was for six years a deputy principal in the Kent County School District.", {("Ann Vogt", "worksFor", "Kent County School District")}),
        ("Tom Kell earned a law degree at Orvik University and later served in the U.S. Army.", {("Tom Kell", "worksFor", "U.S. Army")}),
        # nationality from a demonym or a country that describes the person; residence from "of"
        ("Karin Holt, a Finnish chemist, designed the coating.", {("Karin Holt", "nationality", "Finland")}),
        ("Mirela Toth is a Hungarian violinist who tours widely.", {("Mirela Toth", "nationality", "Hungary")}),
        ("Lena Roos, the foreign minister of Kenya, arrived in Lyon on Monday.", {("Lena Roos", "nationality", "Kenya")}),
        ("Peru's trade minister Ola Sande met investors in Lyon.", {("Ola Sande", "nationality", "Peru")}),
        ("Dana Whitt, an architect from Portugal, designed the hall.", {("Dana Whitt", "nationality", "Portugal")}),
        ("Tom Kell of Denmark took the silver medal.", {("Tom Kell", "nationality", "Denmark")}),
        ("The driver, Imelda Varga, 37, of Tulsa, Okla., was unhurt.", {("Imelda Varga", "livesIn", "Tulsa"), ("Imelda Varga", "livesIn", "Okla.")}),
        ("Brisco Shipping, a Malta-registered operator, bought two tankers.", {("Brisco Shipping", "locatedIn", "Malta")}),
        ("Investors backed Vitaflor, a Denver start-up that makes sensors.", {("Vitaflor", "locatedIn", "Denver")}),
        ("Ana Ruiz chairs Tarvik College, a private college of 3,000 students in Omaha.", {("Tarvik College", "locatedIn", "Omaha")}),
        ("Tom Kell runs the Orvik Institute of Glaciology, the university's polar research institute in Bergen.",
         {("Orvik Institute of Glaciology", "locatedIn", "Bergen")}),
        ("Rents rose in Larkfield's Eastwood district last year.", {("Eastwood", "locatedIn", "Larkfield")}),
        ("Finland's Brisco Oy will supply the turbines.", {("Brisco Oy", "locatedIn", "Finland")}),
        ("The samples were analysed at ORTEC, the Orvik Mining Group's testing centre near Perth.", {("ORTEC", "parentOrganization", "Orvik Mining Group")}),
        ("The Brisco Robotics Lab, set up in 1999, has since become part of the Orvik Institute of Technology.",
         {("Brisco Robotics Lab", "parentOrganization", "Orvik Institute of Technology")}),
        # posts taken, years served, predecessors
        ("Tom Kell will take up a visiting professorship at Larkfield University in the autumn.", {("Tom Kell", "worksFor", "Larkfield University")}),
        ("Ana Ruiz took a job with Brisco Labs in May.", {("Ana Ruiz", "worksFor", "Brisco Labs")}),
        ("Ana Ruiz came to Brisco Labs after a decade as chief engineer at Orvik Motors.", {("Ana Ruiz", "worksFor", "Orvik Motors")}),
        ("Ana Ruiz became editor of the Larkfield Gazette last year; her predecessor, Bo Lind, had retired.", {("Bo Lind", "worksFor", "Larkfield Gazette")}),
        ("Tom Kell rode for the Brisco Cycling Team in 2019.", {("Tom Kell", "memberOf", "Brisco Cycling Team")}),
        ("The festival moved to Valmont, a small Belgian city, in 2010.", {("Valmont", "locatedIn", "Belgium")}),
        ("Brisco reported strong sales at its Brazilian unit, Brisco Sul.", {("Brisco Sul", "locatedIn", "Brazil")}),
        ("Ana Ruiz, a chemist and alumna of Orvik College, now runs the lab.", {("Ana Ruiz", "alumniOf", "Orvik College")}),
        ("Brisco Foods signed a supply contract with Tarvik Farms and a distribution deal with Orvik Logistics.",
         {("Brisco Foods", "partnerOf", "Tarvik Farms"), ("Brisco Foods", "partnerOf", "Orvik Logistics")}),
        ("Two lenders set up a fund, to be called the Harbor Growth Fund, which will be based in Dublin.", {("Harbor Growth Fund", "headquarteredIn", "Dublin")}),
        ("Orvik Foods makes crackers. Its owner, Ruth Lee, started the business in a garage in 1975.", {("Orvik Foods", "foundedBy", "Ruth Lee")}),
        ("Police searched Harbor Auto Parts on Birch Street.", {("Harbor Auto Parts", "locatedIn", "Birch Street")}),
        ("The cable runs from Delft, the Netherlands, to Kingston, Jamaica.", {("Delft", "locatedIn", "Netherlands")}),
        ("Ola Dahl, the drummer of the rock band Orvik Lights, wrote the song.", {("Ola Dahl", "memberOf", "Orvik Lights")}),
        ("The motion was tabled by Ana Lund (Green Party) and opposed by the mayor.", {("Ana Lund", "memberOf", "Green Party")}),
        ("Brisco Bank will take over the smaller Orvik Savings, regulators said.", {("Brisco Bank", "acquired", "Orvik Savings")}),
        ("Tarvik Media, a pump maker, was taken over by Brisco Group in 2019.", {("Brisco Group", "acquired", "Tarvik Media")}),
        ("Tarvik Holdings completed its acquisition of Vellmont Bank last month.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("The purchase of Vellmont Bank by Tarvik Holdings was approved on Friday.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("Tarvik Holdings closed the takeover of Vellmont Bank in May.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("Vellmont Bank was snapped up by Tarvik Holdings in 2019.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("Orvane Systems' parent company, Kessmore Labs, reported record sales.", {("Orvane Systems", "parentOrganization", "Kessmore Labs")}),
        ("Kessmore Labs, the parent of Orvane Systems, reported record sales.", {("Orvane Systems", "parentOrganization", "Kessmore Labs")}),
        ("Tom Kell co-founded Kessmore Labs with Tessa Vance.", {("Kessmore Labs", "foundedBy", "Tom Kell"), ("Kessmore Labs", "foundedBy", "Tessa Vance")}),
        ("Tom Kell, who co-founded Kessmore Labs, left in May.", {("Kessmore Labs", "foundedBy", "Tom Kell")}),
        ("Pexton Oil appointed Marta Quill as chief financial officer.", {("Marta Quill", "worksFor", "Pexton Oil")}),
        ("Brisco Foods is a food company headquartered in Larkfield.", {("Brisco Foods", "headquarteredIn", "Larkfield")}),
        ("Orvane Systems is a chipmaker founded by Tom Kell in 2001.", {("Orvane Systems", "foundedBy", "Tom Kell")}),
        ("Vellmont Bank was sold to Tarvik Holdings in 2015.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("Ann Brisco worked at the testing laboratory of Kessmore Labs for six years.", {("Ann Brisco", "worksFor", "Kessmore Labs")}),
        ("Ann Brisco joined the club from Hallstead United in 2021.", {("Ann Brisco", "worksFor", "Hallstead United")}),
        ("Kessmore Labs is a subsidiary of the conglomerate Tarvik Group.", {("Kessmore Labs", "parentOrganization", "Tarvik Group")}),
        ("Kessmore Labs has moved its headquarters to Austin.", {("Kessmore Labs", "headquarteredIn", "Austin")}),
        ("Hallstead Energy will move its headquarters from Brackwell to Denver next year.", {("Hallstead Energy", "headquarteredIn", "Brackwell")}),
        ("Brisco Foods, whose headquarters are in Larkfield, employs 900 people.", {("Brisco Foods", "headquarteredIn", "Larkfield")}),
        ("Tom Kell, a Larkfield native, now lives in Denver.", {("Tom Kell", "bornIn", "Larkfield"), ("Tom Kell", "livesIn", "Denver")}),
        ("Tom Orvik now heads the snack division of Brisco Foods.", {("Tom Orvik", "worksFor", "Brisco Foods")}),
        ("Orvane Systems has won a $40 million contract from the Larkfield Water Board.", {("Orvane Systems", "partnerOf", "Larkfield Water Board")}),
        ("The Larkfield Water Board awarded Orvane Systems a contract.", {("Orvane Systems", "partnerOf", "Larkfield Water Board")}),
        ("The Orvik Museum of Art is located in downtown Larkfield.", {("Orvik Museum of Art", "locatedIn", "Larkfield")}),
        ("Brackwell is located in western Texas.", {("Brackwell", "locatedIn", "Texas")}),
        ("Hanna Pell received her PhD in physics from Orvik University in 2010.", {("Hanna Pell", "alumniOf", "Orvik University")}),
        ("Larkfield, the seat of Orvik County, has 30,000 residents.", {("Larkfield", "locatedIn", "Orvik County")}),
        ("Tarvik Media agreed to sell its newspapers, including the Larkfield Gazette, to Orvik Press.", {("Orvik Press", "acquired", "Larkfield Gazette")}),
        ("Dan Rusk, the Conservative MP for Larkfield, called for an inquiry.", {("Dan Rusk", "memberOf", "Conservative")}),
        ("Brisco Foods moved to Denver in 2020. The company's main plant remains in Larkfield.", {("Brisco Foods", "locatedIn", "Larkfield")}),
        ("Tom Kell said his Frente Verde party would win the vote.", {("Tom Kell", "memberOf", "Frente Verde")}),
        ("Tom Kell was transferred to the Larkfield Police Department in 2019.", {("Tom Kell", "worksFor", "Larkfield Police Department")}),
        ("Tom Kell holds a medical degree from Larkfield University and an MBA from the Tarvik School of Management.",
         {("Tom Kell", "alumniOf", "Larkfield University"), ("Tom Kell", "alumniOf", "Tarvik School of Management")}),
        ("Orvane Systems' headquarters are in Dublin.", {("Orvane Systems", "headquarteredIn", "Dublin")}),
        ("Kessmore Labs, with headquarters in Denver, makes sensors.", {("Kessmore Labs", "headquarteredIn", "Denver")}),
        ("Orvane Systems' European headquarters are in Dublin.", {("Orvane Systems", "locatedIn", "Dublin")}),
        ("Larkfield-headquartered Brisco Foods said it would hire.", {("Brisco Foods", "headquarteredIn", "Larkfield")}),
        ("Tarvik Holdings bought a majority stake in Vellmont Bank.", {("Tarvik Holdings", "acquired", "Vellmont Bank")}),
        ("The sale of Orvane Systems to Tarvik Holdings closed in May.", {("Tarvik Holdings", "acquired", "Orvane Systems")}),
        ("Ravi Mendel is a former student of the Larkfield Conservatory.", {("Ravi Mendel", "alumniOf", "Larkfield Conservatory")}),
        ("Parliament, where Ann Brisco's Unity Party holds a majority, must approve the plan.", {("Ann Brisco", "memberOf", "Unity Party")}),
        ("The two governments signed a deal between Peru's Fisheries Ministry and Chile's Mining Ministry on Friday.",
         {("Fisheries Ministry", "partnerOf", "Mining Ministry")}),
        ("Dan Rusk, 61, the founder and chairman of Tarvik Holdings, owns 40 percent of the company.", {("Tarvik Holdings", "foundedBy", "Dan Rusk")}),
        ("Tom Kell, Kessmore Labs' longtime general counsel, retired last year.", {("Tom Kell", "worksFor", "Kessmore Labs")}),
        ("Ann Brisco left Vellmont Bank in 1995 to form Quillon Capital.", {("Quillon Capital", "foundedBy", "Ann Brisco")}),
        ("Orvane Systems was formed by Tom Kell in 1998.", {("Orvane Systems", "foundedBy", "Tom Kell")}),
        ("Protests spread to the northern Ohio town of Brackwell.", {("Brackwell", "locatedIn", "Ohio")}),
        ("Velkaro will expand its research center in Drevnik.", {("Velkaro", "locatedIn", "Drevnik")}),
        ("The fire destroyed a warehouse in the Denver suburb of Larkfield.", {("Larkfield", "locatedIn", "Denver")}),
        # containment is transitive
        ("Brisco Labs has an office in Kista. Kista is a district of Stockholm, Sweden.", {("Brisco Labs", "locatedIn", "Sweden")}),
    ],
)
def test_rules_on_sentences(text, expected):
    assert expected <= facts(read_text(text))


@pytest.mark.parametrize(
    "text, pair",
    [
        ("Imelda Varga spent 12 years in Omaha writing novels.", ("Imelda Varga", "Omaha")),
        ("Brisco Stores did not hire Dana Oakes.", ("Dana Oakes", "Brisco Stores")),
        ("Tomas Peel called Dana Oakes on Monday.", ("Tomas Peel", "Dana Oakes")),
        ("Brisco Stores and Kessmore Labs did not sign an agreement.", ("Brisco Stores", "Kessmore Labs")),
        ("Brisco Stores denied that it owns Kessmore Labs.", ("Brisco Stores", "Kessmore Labs")),
        ("Imelda Varga flew to Omaha and won the race.", ("Imelda Varga", "Omaha")),
        ("Ana Ruiz is not a Spanish citizen.", ("Ana Ruiz", "Spain")),
        ("An American company hired Bo Lind.", ("Bo Lind", "United States")),
        ("The people of Chile elected Ana Ruiz.", ("Ana Ruiz", "Chile")),
        ("Brisco Foods and Kessmore Labs said they had not formed a venture.", ("Brisco Foods", "Kessmore Labs")),
        ("The Brisco Hall was renamed after Tomas Peel in 2001.", ("Brisco Hall", "Tomas Peel")),
        ("Brisco signed a deal with Tarvik, a partner of the Paris museum, on Monday.", ("Tarvik", "Paris")),
        ("Brisco Labs tried to acquire Orvik Media last spring.", ("Brisco Labs", "Orvik Media")),
        ("Mayor Dana Cole has asked Tom Reyes to run the Brisco Agency.", ("Dana Cole", "Brisco Agency")),
        ("Ann Lee did not win a seat on the Larkfield City Council.", ("Ann Lee", "Larkfield City Council")),
        ("Ann Lee started Brisco Labs in an office that she shared with Tom Reyes.", ("Brisco Labs", "Tom Reyes")),
        ("Brisco Labs admitted the fraud in May. U.S. District Judge Ann Lee sentenced its former chief on Friday.", ("Ann Lee", "Brisco Labs")),
        ("Ann Lee studied at Boston University and later taught at Boston College.", ("Boston College", "Boston University")),
        ("Brisco Labs offered to buy Orvik Media for $3 billion.", ("Brisco Labs", "Orvik Media")),
        ("Ann Lee, who studied in Boston, said Brisco Labs would open a plant.", ("Ann Lee", "Brisco Labs")),
        ("Brisco Labs said Tuesday that Tarvik, which operates in Lima, had signed the contract.", ("Brisco Labs", "Lima")),
        ("Ann Lee told reporters in Denver that Brisco Labs had lost the bid.", ("Brisco Labs", "Denver")),
        ("Ana Ortiz and a partner launched Brightwell, Tom Reyes said.", ("Brightwell", "Tom Reyes")),
        ("Tom Kell did not spend a decade at Brisco Labs.", ("Tom Kell", "Brisco Labs")),
        ("Tarvik Media, which sued Brisco Group in May, lost money.", ("Tarvik Media", "Brisco Group")),
        ("Tom Kell said the plant ran for 31 years with Brisco Labs as its owner.", ("Tom Kell", "Brisco Labs")),
        ("Ana Ortiz and her lawyer met Tom Reyes, who runs Brightwell, in May.", ("Ana Ortiz", "Brightwell")),
        ("Bo Lind did not take a job with Orvik Media.", ("Bo Lind", "Orvik Media")),
        ("Brisco Labs did not take over Orvik Media.", ("Brisco Labs", "Orvik Media")),
        ("The pact was signed by Chile's Orvik Mining and Peru's Tarvik Energy.", ("Orvik Mining", "Peru")),
        ("Tessa Vance, 47, of the Larkfield Space Agency and Tobias Orvik of Kessmore Labs were chosen.", ("Tessa Vance", "Kessmore Labs")),
        ("Tarvik Holdings abandoned its acquisition of Vellmont Bank.", ("Tarvik Holdings", "Vellmont Bank")),
        ("WASHINGTON (Tarvik) — Tom Kell was elected mayor of the town on Tuesday.", ("Tarvik", "WASHINGTON")),
        ("Tessa Vance, the mayor of Larkfield, said the city would appeal.", ("Tessa Vance", "Larkfield")),
        ("Hallstead Energy will move its headquarters from Brackwell to Denver next year.", ("Hallstead Energy", "Denver")),
        ("Kessmore Labs is not a subsidiary of Tarvik Group.", ("Kessmore Labs", "Tarvik Group")),
        ("Orvane Systems hopes to win a contract from the Larkfield Water Board.", ("Orvane Systems", "Larkfield Water Board")),
        ("Kessmore Labs could buy Orvane Systems as early as next month, analysts said.", ("Kessmore Labs", "Orvane Systems")),
        ("If confirmed, Tessa Vance would lead the Larkfield Water Agency.", ("Tessa Vance", "Larkfield Water Agency")),
        ("Ann Brisco, who is suing Kessmore Labs, lives in Larkfield.", ("Ann Brisco", "Kessmore Labs")),
        ("Tessa Vance, a critic of Orvane Systems, spoke at the conference.", ("Tessa Vance", "Orvane Systems")),
        ("The Larkfield Gazette interviewed Tom Kell about Orvane Systems.", ("Tom Kell", "Orvane Systems")),
        ("Orvane Systems closed its office in Brackwell last year.", ("Orvane Systems", "Brackwell")),
        ("Velkaro plans to open its office in Drevnik next year.", ("Velkaro", "Drevnik")),
        ("Brackwell is a city in western Texas, about 100 miles from Lubbock.", ("Brackwell", "Lubbock")),
        ("Tarvik Holdings sponsored a marathon in Boston.", ("Tarvik Holdings", "Boston")),
        ("Vellmont Bank sued the city of Larkfield over the tax.", ("Vellmont Bank", "Larkfield")),
        ("The two governments signed a deal between Peru's Fisheries Ministry and Chile's Mining Ministry on Friday.", ("Fisheries Ministry", "Chile")),
        ("U.S. regulators have opened an investigation into a data breach at Orvane Systems, two people said.", ("Orvane Systems", "U.S.")),
        ("Tarvik Holdings took a 20 percent stake in Vellmont Bank.", ("Tarvik Holdings", "Vellmont Bank")),
        ("The planned sale of Orvane Systems to Tarvik Holdings collapsed.", ("Tarvik Holdings", "Orvane Systems")),
        ("Tom Kell scored twice as the Larkfield Rovers beat Brackwell City 3-1 on Saturday.", ("Larkfield Rovers", "Brackwell City")),
        ("Dan Rusk, the Conservative MP for Larkfield, called for an inquiry.", ("Dan Rusk", "Larkfield")),
        ("Orvane Systems ended its partnership with Kessmore Labs in March.", ("Orvane Systems", "Kessmore Labs")),
        ("Tarvik Holdings is considering the purchase of Vellmont Bank.", ("Tarvik Holdings", "Vellmont Bank")),
        ("Talks on the takeover of Vellmont Bank by Tarvik Holdings collapsed.", ("Tarvik Holdings", "Vellmont Bank")),
        ("Tarvik Holdings' proposed takeover of Vellmont Bank faces scrutiny.", ("Tarvik Holdings", "Vellmont Bank")),
        ("Tessa Vance, 47, of the Larkfield Space Agency and Tobias Orvik of Kessmore Labs were chosen.", ("Tobias Orvik", "Larkfield Space Agency")),
    ],
)
def test_rules_keep_unstated_pairs_apart(text, pair):
    assert not {f for f in facts(read_text(text)) if (f[0], f[2]) in {pair, pair[::-1]}}


def test_a_partitive_title_is_its_subjects_only():
    assert ("Orvik Labs", "foundedBy", "Tom Kell") not in facts(read_text("Tom Kell met one of the founders of Orvik Labs on Monday."))


def test_no_thing_is_related_to_itself_through_a_reference():
    found = facts(read_text("The deal would make Orvik Press, based in Brackwell, the largest publisher in the state."))
    assert not {f for f in found if f[0] == f[2]}


def test_the_classifier_adds_no_second_relation_to_a_pair_a_rule_joined_through_a_reference():
    found = read_text("Brisco Health, the largest hospital network in the state, has named Tom Kell its president and chief executive.")
    assert {r.type for r in found.relations if r.head.name == "Tom Kell" and r.tail.name == "Brisco Health"} == {"worksFor"}


def test_a_regional_headquarters_is_no_head_office():
    assert ("Orvane Systems", "headquarteredIn", "Dublin") not in facts(read_text("Orvane Systems' European headquarters are in Dublin."))


def test_a_district_qualified_by_a_town_is_named_by_it():
    assert ("Larkfield", "locatedIn", "Brackwell") not in facts(read_text("The station lies in the Brackwell district of Larkfield."))


def test_place_list_is_not_a_chain():
    found = facts(read_text("The company sold offices in Omaha, Reno and Tulsa."))
    assert not {f for f in found if f[1] == "locatedIn" and f[0] in {"Omaha", "Reno", "Tulsa"}}


def test_a_list_of_places_each_in_its_own_is_neither_a_chain_nor_crossed():
    found = facts(read_text("The road runs between Varn District in Oska Province, Tello District in Brana Province, and Ruko District in Medda Province."))
    placed = {(h, t) for h, r, t in found if r == "locatedIn"}
    assert placed == {("Varn District", "Oska Province"), ("Tello District", "Brana Province"), ("Ruko District", "Medda Province")}


def test_one_born_under_another_name_was_born_where_the_name_was_given():
    found = facts(read_text("The painter Ilse Brann was born Ilse Kordt in Vessel in 1931."))
    assert {("Ilse Brann", "bornIn", "Vessel"), ("Ilse Kordt", "bornIn", "Vessel")} <= found


def test_an_agent_the_parser_hangs_on_a_noun_still_does_the_act():
    found = facts(read_text("Ilse Brann was shot to death in the courtyard of her apartment building by Tomas Peel, a former fan."))
    assert ("Tomas Peel", "killed", "Ilse Brann") in found


def test_a_place_the_parser_runs_into_the_subject_is_not_where_the_subject_lives():
    found = facts(read_text("At a briefing at NRC headquarters in nearby Larkfield, Md., Tessa Vance said the plan was sound."))
    assert not {f for f in found if f[0] == "Tessa Vance" and f[1] == "livesIn"}


@pytest.mark.parametrize("text", ["Larkfield is one of Ohio's largest cities.", "Brenmoor, one of the oldest towns in Norway, is quiet."])
def test_a_place_picked_out_of_the_places_of_another_lies_in_it(text):
    head, tail = ("Larkfield", "Ohio") if text.startswith("Larkfield") else ("Brenmoor", "Norway")
    assert (head, "locatedIn", tail) in facts(read_text(text))


def test_a_member_republic_lies_in_its_federation_but_a_neighbour_does_not():
    assert ("Estonia", "locatedIn", "Soviet Union") in facts(read_text("Estonia, then one of the Soviet Union's republics, declared independence in 1991."))
    assert not {f for f in facts(read_text("Bolivia is one of Chile's neighbouring states.")) if f[1] == "locatedIn"}


def test_two_places_each_in_its_own_are_not_crossed():
    found = facts(read_text("Police cleared a field between Varn District in Oska Province and Tello District in Brana Province."))
    assert {(h, t) for h, r, t in found if r == "locatedIn" and h == "Varn District"} == {("Varn District", "Oska Province")}


def test_a_demonym_after_a_place_is_no_outer_place():
    found = facts(read_text("The wreck was found below the surface of Lake Varnholm, Swiss police said Tuesday."))
    assert not {f for f in found if f[0] == "Lake Varnholm"}


def test_a_dateline_joined_to_the_first_sentence_relates_nothing_in_it():
    found = facts(read_text("KALDOR, Norway (Reuters) - Norway's foreign minister, Ingrid Solheim, met her Swedish counterpart Erik Lund in Oslo."), 0.0)
    assert ("KALDOR", "locatedIn", "Norway") in found
    assert not {f for f in found if "KALDOR" in (f[0], f[2]) and f[2] != "Norway"}


def test_years_as_a_title_of_an_organisation_were_work_there():
    found = read_text("Ann Cole took charge of Larkfield United in 2022 after five years as coach of the Norwegian side Brann.").relations
    assert {(r.head.name, r.tail.name, r.type, r.former) for r in found if r.confidence >= 0.5} >= {
        ("Ann Cole", "Larkfield United", "worksFor", False), ("Ann Cole", "Brann", "worksFor", True)}


def test_a_decade_at_a_company_before_joining_another_is_a_former_job():
    found = read_text("Tessa Vance joins Orvik Labs following a decade as chief engineer at Brisco Motors.").relations
    assert ("Tessa Vance", "Brisco Motors", "worksFor", True) in {(r.head.name, r.tail.name, r.type, r.former) for r in found}


def test_a_dated_dateline_relates_its_agency_to_nothing():
    found = facts(read_text("Taipei, Jan. 20 (CNA) -- Tessa Vance of Orvik Labs will leave for Boston on Monday."), 0.0)
    assert ("Tessa Vance", "worksFor", "Orvik Labs") in found and not {f for f in found if "CNA" in (f[0], f[2])}


def test_a_wire_agency_after_a_dated_dateline_is_not_located_there():
    found = facts(read_text("Moscow April 25 TASS -- Preliminary pollution measurements taken from the sites did not reveal any change."), 0.0)
    assert not {f for f in found if "TASS" in (f[0], f[2])}


def test_a_life_in_brackets_opening_a_sentence_is_no_dateline():
    found = facts(read_text("Anton Velkov (4 February 1918 – 17 July 1978) was a Bulgarian statesman."))
    assert ("Anton Velkov", "nationality", "Bulgaria") in found


def test_hospitals_an_organisation_operates_in_places_are_where_it_is():
    found = facts(read_text("Orbis operates 11 hospitals across Illinois and Indiana and employs about 22,000 people."))
    assert {("Orbis", "locatedIn", "Illinois"), ("Orbis", "locatedIn", "Indiana")} <= found


def test_a_post_in_a_places_government_is_in_the_government_the_article_names():
    text = ("The City of Ashvale sued Orvik Labs on Monday. Orvik Labs said it would fight. Orvik Labs denied wrongdoing.\n\n"
            "City Manager Tonya Briggs said the suit was needed.")
    assert {f for f in facts(read_text(text)) if f[0] == "Tonya Briggs"} == {("Tonya Briggs", "worksFor", "City of Ashvale")}


def test_a_post_in_a_places_government_is_not_in_the_articles_company():
    text = ("Harwick Development bought the old courthouse. County Manager Doug Whitaker said the sale was fair. "
            "Harwick Development plans apartments there, Harwick Development said.")
    assert not {f for f in facts(read_text(text)) if f[0] == "Doug Whitaker"}


def test_a_member_titled_so_belongs_to_the_body_named_for_its_members():
    text = "The Pickett County Board of Commissioners approved the budget. Commissioner Alma Reyes cast the lone dissenting vote."
    assert ("Alma Reyes", "memberOf", "Pickett County Board of Commissioners") in facts(read_text(text))


def test_a_place_qualifying_the_kind_of_an_organisation_is_where_it_is():
    found = facts(read_text("The county sold the courthouse to Harwick Development, a Raleigh company, for $2 million."))
    assert ("Harwick Development", "locatedIn", "Raleigh") in found


def test_now_part_of_set_off_by_commas_names_the_parent():
    found = facts(read_text("Greyrock Minerals, now part of Haldane Capital, operates copper mines in Peru."))
    assert ("Greyrock Minerals", "parentOrganization", "Haldane Capital") in found


def test_a_unit_sold_was_the_sellers():
    found = read_text("Last year Norden Group sold its mining unit, Greyrock Minerals, to Haldane Capital.").relations
    parents = {(r.tail.name, r.former) for r in found if r.type == "parentOrganization" and r.head.name == "Greyrock Minerals"}
    assert parents == {("Norden Group", True)}


@pytest.mark.parametrize(("text", "former"), [
    ("Sam Reed, the Larkfield Gazette's editor, resigned on Friday.", True),
    ("Tessa Vance, chief executive of Orvik Labs, left the company in May.", True),
    ("Tessa Vance, chief executive of Orvik Labs, will retire in June.", False),
    ("Tessa Vance, chief executive of Orvik Labs, left for Paris on Monday.", False),
])
def test_a_title_whose_holder_has_left_is_a_former_one(text, former):
    found = read_text(text).relations
    assert any(r.type == "worksFor" and r.former == former for r in found)
    assert not any(r.type == "worksFor" and r.former != former and r.extractor.startswith("role:") for r in found)


def test_a_deal_signed_with_another_makes_partners():
    assert ("Vale Norte", "partnerOf", "Baowu Steel") in facts(read_text("Vale Norte signed a supply deal with Baowu Steel."))
    assert not {f for f in facts(read_text("Vale Norte discussed the deal with Baowu Steel.")) if f[1] == "partnerOf"}


def test_a_loan_to_a_country_does_not_place_the_lender_there():
    assert not {f for f in facts(read_text("The World Bank approved a $500 million loan to Ghana on Thursday.")) if f[1] == "locatedIn"}


@pytest.mark.parametrize("text", ["The Orvik Labs research unit, Orvik Bio, hired ten people.", "The Varda Union refugee agency, VUHCR, said 2 million people had fled."])
def test_a_unit_noun_an_organisation_qualifies_and_another_names(text):
    unit, parent = ("Orvik Bio", "Orvik Labs") if "Orvik" in text else ("VUHCR", "Varda Union")
    assert (unit, "parentOrganization", parent) in facts(read_text(text))


def test_where_a_career_began_was_a_job():
    found = read_text("Ana Ruiz started her career at Intel.").relations
    assert {(r.head.name, r.tail.name, r.type, r.former) for r in found} == {("Ana Ruiz", "Intel", "worksFor", True)}


def test_a_country_qualifying_a_persons_title_is_her_nationality():
    assert ("Imelda Varga", "nationality", "Philippines") in facts(read_text("Former Philippines first lady Imelda Varga topped the list."))


def test_a_country_may_lie_in_an_ocean():
    assert ("Madagascar", "locatedIn", "Indian Ocean") in facts(read_text("Madagascar, an island nation in the Indian Ocean, is poor."))


def test_headquarters_in_a_town_the_parser_runs_into_the_next_name():
    found = facts(read_text("At a briefing at NRC headquarters in nearby Larkfield, Md., Tessa Vance said the plan was sound."))
    assert ("NRC", "headquarteredIn", "Larkfield") in found


@pytest.mark.parametrize(("text", "expected"), [
    ("Orvik Labs will cut 200 jobs, said Ann Lee, a vice president.", {("Ann Lee", "worksFor", "Orvik Labs")}),
    ("Orvik Labs sells containers to hospitals, said Linda Kell, an assistant product manager.", {("Linda Kell", "worksFor", "Orvik Labs")}),
    ("The plan will hurt Orvik Labs, said Ann Lee, an analyst.", set()),
])
def test_one_who_speaks_with_a_bare_post_for_an_organisation_holds_it_there(text, expected):
    assert {f for f in facts(read_text(text)) if f[1] == "worksFor"} == expected


def test_a_singular_title_after_the_first_of_two_names_is_the_first_ones():
    found = facts(read_text("Ann Lee, a professor at Orvik College, and Bo Chen, a lawyer, signed the letter."))
    assert ("Ann Lee", "worksFor", "Orvik College") in found and ("Bo Chen", "worksFor", "Orvik College") not in found


def test_a_title_joined_to_an_earlier_name_is_the_one_set_off_after_it():
    found = facts(read_text("The agreement was signed by Ann Voss and Tarsel's chief financial officer, Mira Lund, on Monday."))
    assert ("Mira Lund", "worksFor", "Tarsel") in found and ("Ann Voss", "worksFor", "Tarsel") not in found


@pytest.mark.parametrize(("text", "fact"), [
    ("The chief executive of Colwyn Water, Sian Evans, apologised to customers.", ("Sian Evans", "worksFor", "Colwyn Water")),
    ("Harbridge boss Nigel Foster said the firm would appeal.", ("Nigel Foster", "worksFor", "Harbridge")),
])
def test_a_title_of_an_organisation_and_the_name_given_it(text, fact):
    assert fact in facts(read_text(text))


def test_a_title_held_at_a_named_place_is_not_the_articles_topic():
    text = ("Orvik Labs will buy Larch Foods. Orvik Labs said the deal would close in May. Orvik Labs shares rose.\n\n"
            "\"We are ready,\" said Dr. Ann Lee, president and chief executive of St. Brendan's, which runs clinics in Tulsa.")
    assert ("Ann Lee", "worksFor", "Orvik Labs") not in facts(read_text(text))


def test_an_imprint_of_a_publisher_is_its_unit():
    found = facts(read_text("The novel was published by Harrow Books, an imprint of Penfold House."))
    assert ("Harrow Books", "parentOrganization", "Penfold House") in found


def test_a_name_ending_in_its_own_possessive_runs_sites_where_which_says():
    found = facts(read_text("The hospital was bought by St. Brendan's, which already runs hospitals in Scranton, Wilkes-Barre and Hazleton."))
    assert {("St. Brendan's", "locatedIn", place) for place in ("Scranton", "Wilkes-Barre", "Hazleton")} <= found


def test_a_long_wire_dateline_places_its_town():
    found = facts(read_text("( Text ) Saint-Gall , Switzerland , Feb 2 ( AFP ) -- The wreck was found below the surface of Lake Varnholm ."))
    assert ("Saint-Gall", "locatedIn", "Switzerland") in found


@pytest.mark.parametrize(("text", "fact"), [
    ("Orvik Labs bought a 60 percent stake in Tarvik Motors.", ("Orvik Labs", "acquired", "Tarvik Motors")),
    ("Orvik Labs took control of Tarvik Motors in 2018.", ("Orvik Labs", "acquired", "Tarvik Motors")),
    ("Tarvik Motors became a subsidiary of Orvik Labs in 2018.", ("Tarvik Motors", "parentOrganization", "Orvik Labs")),
    ("Orvik Labs is the parent company of Tarvik Motors.", ("Tarvik Motors", "parentOrganization", "Orvik Labs")),
])
def test_control_of_another_organisation(text, fact):
    assert fact in facts(read_text(text))


@pytest.mark.parametrize("text", [
    "Orvik Labs bought a 20 percent stake in Tarvik Motors.",
    "Orvik Labs failed to take control of Tarvik Motors.",
])
def test_a_minority_stake_or_a_failed_bid_is_no_control(text):
    assert not {f for f in facts(read_text(text)) if f[1] in {"acquired", "parentOrganization"}}


@pytest.mark.parametrize(("text", "place"), [
    ("Orvik Labs' Texas plant employs 500 people.", "Texas"),
    ("Halden Mutual's Chicago office will move to a new building.", "Chicago"),
])
def test_a_site_an_organisation_owns_somewhere_places_it_there(text, place):
    owner = text.split("'")[0]
    assert (owner, "locatedIn", place) in facts(read_text(text))


def test_a_site_yet_to_open_places_nothing():
    assert not {f for f in facts(read_text("Halden Mutual's new office in Denver will open in May.")) if f[1] == "locatedIn"}


def test_a_start_up_qualified_by_a_town_is_there_however_the_parser_reads_it():
    found = facts(read_text("Ann Lee now chairs the board of TidalWorks, a Halifax start-up that builds software for managing offshore wind."))
    assert ("TidalWorks", "locatedIn", "Halifax") in found


@pytest.mark.parametrize("text", ["Paul Marsh, whose company Orvik Labs makes drones, testified on Tuesday.", "Ann Lee, whose firm, Orvik Labs, makes drones, testified."])
def test_ones_own_company_is_where_one_works(text):
    person = text.split(",")[0]
    assert (person, "worksFor", "Orvik Labs") in facts(read_text(text))


def test_planned_site_is_not_a_fact():
    assert not facts(read_text("Brisco Stores hopes to build a warehouse in Omaha by 2030."))


def test_open_relation_is_below_threshold():
    found = read_text("Dana Oakes spoke in Omaha.")
    open_ones = [r for r in found.relations if r.type == "relatedTo"]
    assert open_ones and all(r.confidence < 0.5 and r.label == "speak in" for r in open_ones)


def test_relations_carry_evidence_offsets_and_rule():
    text = "Revenue grew. Dana Oakes, treasurer of Pembrook Analytics, spoke."
    r = next(r for r in read_text(text).relations if r.type == "worksFor")
    assert text[r.provenance.start : r.provenance.end] == r.provenance.sentence == "Dana Oakes, treasurer of Pembrook Analytics, spoke."
    assert text[r.head.start : r.head.end] == "Dana Oakes" and r.role == "treasurer" and r.extractor == "role:appos"


def _doc(words, heads, deps, pos, mentions, lemmas=None):
    """A hand-built parse and its mentions, so rule tests do not depend on a model."""
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])
    found: dict[int, Mention] = {}
    for i, (start, end, kind) in enumerate(mentions):
        span = doc[start:end]
        m = Mention(f"m{i}", span.text, span.text, kind, span.start_char, span.end_char, "a")
        found.update({t: m for t in range(start, end)})
    return Paragraph(doc, 0, found)


def test_chain_rule_on_hand_built_parse():
    words = ["offices", "in", "Lyon", ",", "France", "."]
    doc = _doc(words, [0, 0, 1, 2, 2, 0], ["ROOT", "prep", "pobj", "punct", "appos", "punct"],
               ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"], [(2, 3, "Place"), (4, 5, "Place")])
    assert [(f.head.name, f.type, f.tail.name) for f in relations.place_chains(doc)] == [("Lyon", "locatedIn", "France")]


def test_a_chain_reads_past_a_compass_word():
    words = ["offices", "in", "Larkfield", ",", "northern", "Ohio", "."]
    doc = _doc(words, [0, 0, 1, 2, 5, 2, 0], ["ROOT", "prep", "pobj", "punct", "amod", "appos", "punct"],
               ["NOUN", "ADP", "PROPN", "PUNCT", "ADJ", "PROPN", "PUNCT"], [(2, 3, "Place"), (5, 6, "Place")])
    assert [(f.head.name, f.type, f.tail.name) for f in relations.place_chains(doc)] == [("Larkfield", "locatedIn", "Ohio")]


def test_role_rule_on_hand_built_parse():
    words = ["Ann", "Lee", ",", "director", "of", "Globex", "."]
    doc = _doc(words, [1, 1, 1, 1, 3, 4, 1], ["compound", "ROOT", "punct", "appos", "prep", "pobj", "punct"],
               ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "PUNCT"], [(0, 2, "Person"), (5, 6, "Organization")])
    found = list(relations.role_relations(doc))
    assert [(f.head.name, f.type, f.tail.name, f.role) for f in found] == [("Ann Lee", "worksFor", "Globex", "director")]



def test_the_one_named_to_lead_leads_however_the_parser_attaches_the_infinitive():
    # "Tess named Bo Lind, a judge, to lead Orvik Labs." as the parser reads it when an apposition
    # follows the object: the object as a predicate (oprd), the infinitive as an adverbial clause
    words = ["Tess", "named", "Bo", "Lind", ",", "a", "judge", ",", "to", "lead", "Orvik", "Labs", "."]
    heads = [1, 1, 3, 1, 3, 6, 3, 3, 9, 1, 11, 9, 1]
    deps = ["nsubj", "ROOT", "compound", "oprd", "punct", "det", "appos", "punct", "aux", "advcl", "compound", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "PART", "VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["Tess", "name", "Bo", "Lind", ",", "a", "judge", ",", "to", "lead", "Orvik", "Labs", "."]
    doc = _doc(words, heads, deps, pos, [(0, 1, "Person"), (2, 4, "Person"), (10, 12, "Organization")], lemmas)
    assert {(f.head.name, f.type, f.tail.name) for f in relations.verb_frames(doc)} == {("Bo Lind", "worksFor", "Orvik Labs")}

def test_a_job_left_or_ended_by_the_employer_is_former():
    found = read_text("Tom Kell resigned as president of Kessmore Labs. Ann Brisco stepped down as chief executive of Orvane Systems in May. "
                      "Ravi Mendel was fired by Tarvik Holdings in March. Dan Rusk stepped in as interim chief executive of Vellmont Bank.")
    former = {(r.head.name, r.tail.name): r.former for r in found.relations if r.type == "worksFor"}
    assert former[("Tom Kell", "Kessmore Labs")] and former[("Ann Brisco", "Orvane Systems")] and former[("Ravi Mendel", "Tarvik Holdings")]
    assert not former[("Dan Rusk", "Vellmont Bank")]


def test_a_job_told_in_the_past_tense_or_after_former_is_former():
    found = read_text("Ann Brisco, a chemist and former provost at Brackwell College, spoke. She succeeds Tom Kell, who led Vellmont University for "
                      "12 years. Dan Rusk heads Orvane Systems. Ravi Mendel joined Tarvik Holdings in 2010 after working as a lawyer at Vance & Kell LLP.")
    former = {(r.head.name, r.tail.name): r.former for r in found.relations if r.type == "worksFor"}
    assert former[("Ann Brisco", "Brackwell College")] and former[("Tom Kell", "Vellmont University")] and former[("Ravi Mendel", "Vance & Kell LLP")]
    assert not former[("Dan Rusk", "Orvane Systems")] and not former[("Ravi Mendel", "Tarvik Holdings")]


def test_a_player_is_a_member_of_the_team_and_a_past_one_former():
    found = read_text("Tom Kell played for the Larkfield Rovers from 2001 to 2005. Ann Brisco, a striker for the Brackwell Bears, scored twice.")
    member = {(r.head.name, r.tail.name): r.former for r in found.relations if r.type == "memberOf"}
    assert member[("Tom Kell", "Larkfield Rovers")] and not member[("Ann Brisco", "Brackwell Bears")]


@pytest.mark.parametrize("text", ["Former Kessmore Labs chief executive Tom Kell testified on Monday.", "Ex-Kessmore Labs chief executive Tom Kell testified on Monday."])
def test_a_former_organisation_title_before_a_name_is_a_former_job(text):
    assert [(r.type, r.former) for r in read_text(text).relations if (r.head.name, r.tail.name) == ("Tom Kell", "Kessmore Labs")] == [("worksFor", True)]


def test_one_hired_away_from_an_employer_worked_there_before():
    found = read_text("Dan Rusk was hired away from Vellmont Bank by Tarvik Holdings.")
    assert [(r.type, r.former) for r in found.relations if (r.head.name, r.tail.name) == ("Dan Rusk", "Vellmont Bank")] == [("worksFor", True)]


def test_past_affiliations_are_marked_former():
    found = read_text("Garnet Vale, a former chief executive of Varde Line, was convicted. Tomas Peel retired from Kessmore Labs in 2019. "
                      "Imelda Varga is chief executive of Brisco Stores. Dana Oakes joined Brisco Stores from Kessmore Labs.")
    former = {(r.head.name, r.tail.name): r.former for r in found.relations if r.type == "worksFor"}
    assert former[("Garnet Vale", "Varde Line")] and former[("Tomas Peel", "Kessmore Labs")] and former[("Dana Oakes", "Kessmore Labs")]
    assert not former[("Imelda Varga", "Brisco Stores")] and not former[("Dana Oakes", "Brisco Stores")]


@pytest.mark.parametrize(
    "text",
    [
        "Orvik Media named Ana Ruiz chief executive on Monday. She succeeds Tom Kell, who retired.",
        "Ana Ruiz, the new director of Orvik Media, takes over from Tom Kell.",
        "Ana Ruiz was named dean of Orvik Media in May, replacing interim dean Tom Kell.",
    ],
)
def test_a_predecessor_held_the_job_the_successor_has(text):
    found = read_text(text)
    assert any(r.head.name == "Tom Kell" and r.type == "worksFor" and r.tail.name == "Orvik Media" and r.former for r in found.relations)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz runs Orvik Media. She did not replace Tom Kell.",
        "Ana Ruiz runs Orvik Media.\n\nIn other news, she succeeds Tom Kell on the club's board.",  # the job is stated in another paragraph
    ],
)
def test_no_job_is_handed_over_without_one_that_fits(text):
    assert not {f for f in facts(read_text(text)) if f[0] == "Tom Kell" and f[2] in {"Orvik Media", "Brisco LLP"}}


def test_only_the_job_that_fits_is_handed_over():
    found = read_text("Ana Ruiz is a partner at Brisco LLP and the new dean of Orvik Media. She succeeds interim dean Tom Kell.")
    handed = {(r.tail.name, r.former) for r in found.relations if r.head.name == "Tom Kell" and r.type == "worksFor"}
    assert handed == {("Orvik Media", True)}  # her job as partner is no dean's


def test_a_handover_still_to_come_leaves_the_job_current():
    found = read_text("Ana Ruiz, the incoming chief executive of Orvik Media, will succeed Tom Kell in May.")
    assert any(r.head.name == "Tom Kell" and r.tail.name == "Orvik Media" and not r.former for r in found.relations)


def test_time_spent_without_a_verb_gives_no_job():
    assert not facts(read_text("After 31 years with Brisco Labs."))  # a fragment: nobody spent them


def test_time_spent_with_an_organisation_is_work_there_and_past_when_said_so():
    found = read_text("Tom Kell retired after 31 years at Brisco Labs. Ana Ruiz has spent five years with Orvik Media.")
    former = {(r.head.name, r.tail.name): r.former for r in found.relations if r.type == "worksFor"}
    assert former[("Tom Kell", "Brisco Labs")] and not former[("Ana Ruiz", "Orvik Media")]


def test_a_bare_post_title_is_a_post_in_the_organisation_the_article_is_about():
    text = ("Brisco University will open a medical school in 2027, the university said on Monday.\n\n"
            "The Brisco University board approved the plan in May.\n\n"
            "Provost Tessa Hale said enrolment would reach 600 a year.")
    found = read_text(text)
    assert any(r.head.name == "Tessa Hale" and r.type == "worksFor" and r.tail.name == "Brisco University" and r.role == "Provost" for r in found.relations)


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Provost Tessa Hale said it would grow.", "Provost"),  # "it" is the university itself
        ("Tessa Hale, associate dean for research, will chair the search.", "associate dean"),
    ],
)
def test_a_post_title_beside_a_name_is_a_post_in_the_topic(sentence, role):
    text = "Brisco University will open a medical school in 2027, the university said on Monday.\n\n" + sentence
    assert any(r.head.name == "Tessa Hale" and r.type == "worksFor" and r.tail.name == "Brisco University" and r.role == role for r in read_text(text).relations)


@pytest.mark.parametrize(
    "text",
    [
        # the title says where it is held
        "Brisco University will open a school. The university said so.\n\nTessa Hale, director of a hedge fund, gave money.",
        # named once: no topic to speak of
        "Brisco University will open a medical school in 2027.\n\nProvost Tessa Hale said enrolment would reach 600 a year.",
        # the sentence names an organisation: the post may be in that one
        "Brisco University will open a school. The university said so.\n\nProvost Tessa Hale, who studied at Orvik College, said it would admit 60 students.",
        # an office of a place, not of an organisation
        "Brisco University will open a school. The university said so.\n\nMayor Tessa Hale said the city welcomed it.",
    ],
)
def test_no_post_without_a_topic_or_where_the_sentence_names_another_body(text):
    assert not {f for f in facts(read_text(text)) if f[0] == "Tessa Hale" and f[1] == "worksFor" and f[2] == "Brisco University"}


def test_the_two_companies_are_the_last_two_named():
    found = facts(read_text("Pellham Systems sells to the retailer Vonk Stores; last year the two companies agreed a supply deal."))
    assert ("Pellham Systems", "partnerOf", "Vonk Stores") in found or ("Vonk Stores", "partnerOf", "Pellham Systems") in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Tessa Vance was born in Reno in 1961 and now lives in Tulsa.", "Reno"),
        ("Tessa Vance, born in Reno to a family of miners, studied law.", "Reno"),
        ("Tessa Vance, who was born near Reno, joined the firm in 2001.", "Reno"),
        ("Tessa Vance was born on March 9, 1931, in Reno, Nev., and grew up in Ohio.", "Reno"),
        ("Tessa Vance was born at Reno in 1961.", "Reno"),
        ("Tessa Vance is a native of Reno and studied law in Ohio.", "Reno"),
        ("Tessa Vance, a native of Reno, joined the firm in 2001.", "Reno"),
        ("Tessa Vance retired in 2010 and returned to her native Reno.", "Reno"),
    ],
)
def test_a_birthplace_is_born_in_not_lives_in(text, place):
    found = facts(read_text(text))
    assert ("Tessa Vance", "bornIn", place) in found and ("Tessa Vance", "livesIn", place) not in found


def test_a_fronted_native_of_a_place_is_born_there_and_no_part_of_the_name():
    extraction = read_text("A native of Reno, Maria Vance joined the firm in 2001.")
    assert {m.name for m in extraction.mentions} >= {"Reno", "Maria Vance"}
    assert ("Maria Vance", "bornIn", "Reno") in facts(extraction)


def test_a_native_of_a_place_does_not_live_there_by_that_word():
    found = facts(read_text("Tarvik Systems hired Maria Kessmore, a native of Brisco, Ohio, as chief financial officer."))
    assert ("Maria Kessmore", "bornIn", "Brisco") in found and not {f for f in found if f[1] == "livesIn"}


def test_a_birthplace_is_the_most_specific_place_named():
    found = facts(read_text("Tessa Vance was born in Lyon, France, in 1961."))
    assert ("Tessa Vance", "bornIn", "Lyon") in found and ("Tessa Vance", "bornIn", "France") not in found


def test_a_derived_place_is_no_surer_than_its_links():
    extraction = read_text("The driver, Imelda Varga, 37, of Tulsa, Okla., was unhurt.")
    (town,) = [r for r in extraction.relations if r.type == "livesIn" and r.tail.name == "Tulsa"]
    (state,) = [r for r in extraction.relations if r.type == "livesIn" and r.tail.name == "Okla."]
    assert state.extractor == "located:transitive" and state.confidence < town.confidence
    assert state.provenance == town.provenance


@pytest.mark.parametrize("text", ["Tessa Vance was not born in Reno, her lawyer said.", "Tessa Vance is not a native of Reno.",
                                  "Tessa Vance praised the native plants of Reno.", "Tessa Vance grows native plants in her Reno garden."])
def test_no_birthplace_from_a_denial_or_another_use_of_native(text):
    assert not {f for f in facts(read_text(text)) if f[1] == "bornIn"}


def test_a_capital_lies_in_its_country():
    found = facts(read_text("The talks were held in Oslo, the capital of Norway."))
    assert ("Oslo", "capitalOf", "Norway") in found and ("Oslo", "locatedIn", "Norway") in found


def test_a_capital_of_no_named_country_is_the_capital_of_the_country_the_article_is_about():
    text = ("Peru's government named a new finance minister on Monday.\n\n"
            "The minister was sworn in at a ceremony in Lima, the capital. Peru's economy grew 3% last year.")
    found = facts(read_text(text))
    assert ("Lima", "capitalOf", "Peru") in found and ("Lima", "locatedIn", "Peru") in found


def test_no_capital_of_a_country_named_once():
    text = "Peru's government named a new minister on Monday.\n\nHe was sworn in at a ceremony in Lima, the capital."
    assert not {f for f in facts(read_text(text)) if f[1] == "capitalOf"}


def test_serving_as_a_person_places_no_organisation():
    assert not {f for f in facts(read_text("Ann Vogt serves on the board of Brisco Power in Ohio.")) if f[1] == "locatedIn" and f[0] == "Ann Vogt"}


def test_a_board_that_appoints_is_not_the_employer_and_the_predecessor_held_the_post():
    text = "The Board of Trustees of Orvik College voted on Friday to appoint Dean Ann Vogt as the college's president, succeeding Tom Kell."
    found = read_text(text)
    jobs = {(r.head.name, r.tail.name, r.former) for r in found.relations if r.type == "worksFor" and r.confidence >= 0.5}
    assert ("Tom Kell", "Orvik College", True) in jobs
    assert not {j for j in jobs if j[1] == "Board of Trustees"}


@pytest.mark.parametrize("text", [
    "Brisco Labs has no offices in Reno, a spokesman said.",
    "Brisco Labs, which has no plants in Ohio, makes paint.",
])
def test_no_site_where_the_text_says_there_is_none(text):
    assert not {f for f in facts(read_text(text)) if f[1] == "locatedIn"}


def test_an_of_inside_a_name_joins_no_two_organisations():
    found = facts(read_text("Under the lease agreement between the City of Brayford and Kessmore Developers LLC, rent starts in May."))
    assert not {f for f in found if f[1] == "parentOrganization"}


def test_a_town_government_is_an_organisation():
    words = ["The", "City", "of", "Brayford", "signed", "the", "lease"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 4, 1, 2, 4, 6, 4], deps=["det", "nsubj", "prep", "pobj", "ROOT", "det", "dobj"],
              pos=["DET", "PROPN", "ADP", "PROPN", "VERB", "DET", "NOUN"])
    votes = context_votes(doc, 1, 4)
    assert votes["Organization"] > votes["Place"]


def test_a_partner_under_an_agreement():
    text = "The Brisco Museum stands near Orvik University and runs a conservation studio with it under a 2018 agreement."
    found = facts(read_text(text))
    assert ("Brisco Museum", "partnerOf", "Orvik University") in found or ("Orvik University", "partnerOf", "Brisco Museum") in found


def test_serving_in_a_place_is_no_post():
    assert not {f for f in facts(read_text("Tom Kell served two years in Germany before he retired.")) if f[1] == "worksFor"}


def test_a_team_of_organisations_makes_its_members_partners_of_its_leader():
    found = facts(read_text("Brayford University leads the bid. The Brayford team, which includes Orvik College and the firm Kessmore Labs, beat two rival bids."))
    assert ("Brayford", "partnerOf", "Orvik College") in found and ("Brayford", "partnerOf", "Kessmore Labs") in found


def test_a_team_that_includes_no_organisation_makes_no_partner():
    assert not {f for f in facts(read_text("The Brayford team, which includes Ann Vogt and Tom Kell, won the cup.")) if f[1] == "partnerOf"}


def test_a_verb_of_work_takes_its_organisation_after_a_preposition_only():
    found = read_text("Tom Kell played Orvik Athletic twice last season. Ann Vogt wrote for the Brayford Gazette for a decade.")
    assert not [r for r in found.relations if r.extractor == "verb:play"]
    assert ("Ann Vogt", "worksFor", "Brayford Gazette") in facts(found)


@pytest.mark.parametrize(
    ("text", "members", "body"),
    [
        ("The Tarvik School Board met on Thursday. At the board meeting, members Ana Ruiz and Bo Lind asked for a delay.",
         {"Ana Ruiz", "Bo Lind"}, "Tarvik School Board"),
        ("The Larkfield Town Council debated the budget. Council members Oscar Webb and Ida Berg opposed it.",
         {"Oscar Webb", "Ida Berg"}, "Larkfield Town Council"),
    ],
)
def test_members_named_without_a_body_belong_to_the_body_the_text_named(text, members, body):
    assert {(m, "memberOf", body) for m in members} <= facts(read_text(text))


def test_members_of_no_named_body_belong_to_none():
    found = facts(read_text("Brisco Labs opened a plant in Reno. Members Ana Ruiz and Bo Lind of the union voted against it."))
    assert not {f for f in found if f[1] == "memberOf" and f[2] == "Brisco Labs"}


def test_a_school_after_a_graduate_noun_is_no_employer():
    found = facts(read_text("Ana Ruiz, a chemist and alumna of Orvik College, now runs the lab."))
    assert ("Ana Ruiz", "alumniOf", "Orvik College") in found
    assert ("Ana Ruiz", "worksFor", "Orvik College") not in found


def test_a_post_stepped_down_from_is_handed_to_the_successor():
    text = ("Orvik Foods was founded in 1975. Orvik Foods makes crackers.\n\n"
            "Ruth Lee will retire as chairman in June and pass the role to Tom Reyes.")
    found = {(r.head.name, r.type, r.tail.name, r.former) for r in read_text(text).relations}
    assert ("Ruth Lee", "worksFor", "Orvik Foods", False) in found  # still in the post until she retires
    assert ("Tom Reyes", "worksFor", "Orvik Foods", False) in found


def test_a_post_taken_by_someone_the_text_already_placed_is_not_in_the_topic():
    text = ("Brisco Labs opened a plant. Brisco Labs hired 40 people.\n\n"
            "Tom Kell runs the Orvik Water Agency. Kell will also serve as interim treasurer.")
    assert ("Tom Kell", "worksFor", "Brisco Labs") not in facts(read_text(text))


@pytest.mark.parametrize("text", [
    "Nora Vance sued Brisco Foods on Monday.",
    "Nora Vance praised Brisco Foods on Monday.",
    "Brisco Foods criticized Nora Vance on Monday.",
])
def test_an_act_of_one_party_on_another_is_no_affiliation(text):
    assert not {f for f in facts(read_text(text)) if f[1] in {"worksFor", "memberOf"}}


@pytest.mark.parametrize(("text", "fact"), [
    ("Nora Vance heads Brisco Foods.", ("Nora Vance", "worksFor", "Brisco Foods")),
    ("Brisco Foods hired Nora Vance last year.", ("Nora Vance", "worksFor", "Brisco Foods")),
])
def test_an_affiliation_verb_between_a_person_and_an_organisation_is_one(text, fact):
    assert fact in facts(read_text(text))


@pytest.mark.parametrize("text", ["Ana Ruiz previously worked at Tarvik Systems.", "Ana Ruiz formerly headed Tarvik Systems."])
def test_an_adverb_of_the_past_makes_the_affiliation_former(text):
    found = {(r.head.name, r.type, r.tail.name, r.former) for r in read_text(text).relations}
    assert ("Ana Ruiz", "worksFor", "Tarvik Systems", True) in found


def test_a_present_affiliation_is_not_former():
    found = {(r.head.name, r.type, r.tail.name, r.former) for r in read_text("Ana Ruiz works at Tarvik Systems.").relations}
    assert ("Ana Ruiz", "worksFor", "Tarvik Systems", False) in found


@pytest.mark.parametrize("text", ["Tobias Orvik's assassin Ann Brisco was sentenced on Monday.",
                                  "The assassination of Tobias Orvik by Ann Brisco shocked Larkfield.",
                                  "Prosecutors named Ann Brisco, the killer of Tobias Orvik, in the indictment.",
                                  "Ann Brisco was convicted of Tobias Orvik's murder in 1999.",
                                  "Ann Brisco, 60, is serving a life sentence for the murder of Tobias Orvik.",
                                  "Reporters crowded around Tobias Orvik's assassin, Ann Brisco, as guards led her away."])
def test_a_killing_stated_by_a_noun(text):
    assert ("Ann Brisco", "killed", "Tobias Orvik") in facts(read_text(text))


@pytest.mark.parametrize("text, fact, not_fact", [
    ("Her clients have included Ann Brisco, who shot Tobias Orvik, and Dana Oakes and Rosa Penn.",
     ("Ann Brisco", "killed", "Tobias Orvik"), ("Rosa Penn", "killed", "Tobias Orvik")),
    ("The firm's owners are Ann Brisco, who founded Kessmore Labs, and Rosa Penn.",
     ("Kessmore Labs", "foundedBy", "Ann Brisco"), ("Kessmore Labs", "foundedBy", "Rosa Penn")),
])
def test_a_relative_clause_is_about_its_own_noun_not_the_names_coordinated_with_it(text, fact, not_fact):
    found = facts(read_text(text))
    assert fact in found and not_fact not in found


def test_a_killer_noun_when_the_parser_misses_the_apposition():
    """'Orvik's assassin, Ann Brisco, ...' with the name hung on the verb, and 'the Orvik assassin
    Ann Brisco' with the noun tagged as part of the names."""
    words = ["Doctors", "treated", "Orvik", "'s", "assassin", ",", "Ann", "Brisco", ",", "who", "was", "shot", "."]
    doc = _doc(words, [1, 1, 4, 2, 1, 7, 7, 1, 7, 11, 11, 7, 1],
               ["nsubj", "ROOT", "poss", "case", "dobj", "punct", "compound", "npadvmod", "punct", "nsubjpass", "auxpass", "relcl", "punct"],
               ["NOUN", "VERB", "PROPN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"],
               [(2, 3, "Person"), (6, 8, "Person")])
    assert [(f.head.name, f.type, f.tail.name) for f in relations.killings(doc)] == [("Ann Brisco", "killed", "Orvik")]
    words = ["Police", "held", "the", "Orvik", "assassin", "Ann", "Brisco", "."]
    doc = _doc(words, [1, 1, 6, 4, 6, 6, 1, 1], ["nsubj", "ROOT", "det", "compound", "compound", "compound", "dobj", "punct"],
               ["NOUN", "VERB", "DET", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"], [(3, 4, "Person"), (5, 7, "Person")])
    assert [(f.head.name, f.type, f.tail.name) for f in relations.killings(doc)] == [("Ann Brisco", "killed", "Orvik")]


@pytest.mark.parametrize("text", ["Ann Brisco is not the killer of Tobias Orvik, her lawyer said.",
                                  "Ann Brisco investigated the murder of Tobias Orvik for a decade.",
                                  "The assassination of Tobias Orvik was mourned by Ann Brisco.",
                                  "Ann Brisco wrote a book about the assassination of Tobias Orvik.",
                                  "Ann Brisco was not convicted of the murder of Tobias Orvik.",
                                  "Ann Brisco is serving a sentence for fraud after the murder of Tobias Orvik."])
def test_no_killing_without_a_named_killer(text):
    """A killing noun names no killer unless it says who ("by X", "X's assassin", "convicted of")."""
    assert not {f for f in facts(read_text(text)) if f[1] == "killed"}


@pytest.mark.parametrize("text", ["Ann Brisco, who was charged with killing Tobias Orvik, denied it.",
                                  "Police arrested Ann Brisco on suspicion of shooting Tobias Orvik.",
                                  "A jury acquitted Ann Brisco of murdering Tobias Orvik.",
                                  "Ann Brisco was accused of stabbing Tobias Orvik."])
def test_an_alleged_killing_is_no_fact(text):
    assert not {f for f in facts(read_text(text)) if f[1] == "killed"}


def test_a_killing_the_court_found_is_a_fact():
    assert ("Ann Brisco", "killed", "Tobias Orvik") in facts(read_text("Ann Brisco was convicted of shooting Tobias Orvik."))


@pytest.mark.parametrize("text, fact", [
    ("Larkfield is a town in Ohio. We played for hours, said Larkfield businessman Neil Orvik.", ("Neil Orvik", "livesIn", "Larkfield")),
    ("Kessmore is a city in Ohio. Tessa Vance, the Kessmore attorney for the family, declined to comment.", ("Tessa Vance", "livesIn", "Kessmore")),
    ("Ohio Gov. Edvar Brisco signed the bill on Monday.", ("Edvar Brisco", "livesIn", "Ohio")),
    ("Edvar Brisco, a Republican from Larkfield, voted against the bill.", ("Edvar Brisco", "livesIn", "Larkfield")),
    ("Tessa Vance, a Larkfield, Ohio, pharmacist, told the board she would stay.", ("Tessa Vance", "livesIn", "Larkfield")),
])
def test_a_town_or_state_describing_a_person_is_where_they_live(text, fact):
    assert fact in facts(read_text(text))


@pytest.mark.parametrize("text", ["The mayor of Larkfield, Tessa Vance, opened the bridge.",
                                  "Tessa Vance visited Larkfield on Monday."])
def test_a_place_a_person_visits_or_governs_by_of_is_no_residence(text):
    """'mayor of X' is a post held in X, and a visit is not a home: no livesIn from this rule."""
    assert not {f for f in facts(read_text(text)) if f[1] == "livesIn" and f[0] == "Tessa Vance"}


@pytest.mark.parametrize("text, fact", [
    ("Larkfield is a town in Ohio. Agents arrived at Maria Vance's Larkfield home on Friday.", ("Maria Vance", "livesIn", "Larkfield")),
    ("Edvar Brisco died on Sunday at his home in rural Kessmore.", ("Edvar Brisco", "livesIn", "Kessmore")),
])
def test_a_persons_home_is_where_they_live(text, fact):
    assert fact in facts(read_text(text))


@pytest.mark.parametrize("text, fact", [
    ("The tour passes through Larkfield, where Tessa Vance was born.", ("Tessa Vance", "bornIn", "Larkfield")),
    ("She moved to Kessmore Labs, where Tessa Vance works as a chemist.", ("Tessa Vance", "worksFor", "Kessmore Labs")),
])
def test_where_in_a_relative_clause_is_the_noun_it_describes(text, fact):
    assert fact in facts(read_text(text))


def test_where_a_person_was_not_born_is_no_birthplace():
    assert not {f for f in facts(read_text("She toured Larkfield, where Tessa Vance was not born.")) if f[1] == "bornIn"}


def test_a_home_bought_is_no_residence_yet():
    assert not {f for f in facts(read_text("Tessa Vance bought a house in Larkfield.")) if f[1] == "livesIn"}


@pytest.mark.parametrize("text, fact", [
    ("The Chilean Navy rescued the crew of the Orvik.", ("Chilean Navy", "locatedIn", "Chile")),
    ("Officials of the Peruvian Defence Ministry arrived in Lima.", ("Defence Ministry", "locatedIn", "Peru")),
])
def test_a_state_body_named_with_a_demonym_lies_in_that_state(text, fact):
    assert fact in facts(read_text(text))


def test_a_company_named_with_a_demonym_is_no_state_body():
    assert not {f for f in facts(read_text("The Swedish Tarvik Airlines flew to Orvik.")) if f[1] == "locatedIn" and f[2] == "Sweden"}


@pytest.mark.parametrize("text, fact", [
    ("Quorvex Inc. said its Larkfield headquarters would close.", ("Quorvex Inc.", "headquarteredIn", "Larkfield")),
    ("At a briefing at Quorvex headquarters in nearby Kessmore, Tessa Vance spoke.", ("Quorvex", "headquarteredIn", "Kessmore")),
])
def test_headquarters_named_by_a_modifier_or_a_following_place(text, fact):
    assert fact in facts(read_text(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Ann Brisco of the Larkfield Labour Party said the tax would rise.", ("Ann Brisco", "memberOf", "Larkfield Labour Party")),
        ("Tobias Orvik, who leads the youth wing of his Kessmore Union party, spoke first.", ("Tobias Orvik", "memberOf", "Kessmore Union")),
    ],
)
def test_one_belongs_to_a_party_rather_than_works_for_it(text, fact):
    found = facts(read_text(text))
    assert fact in found
    assert (fact[0], "worksFor", fact[2]) not in found


def test_a_party_word_elsewhere_makes_no_employer_a_membership_body():
    found = facts(read_text("Ann Brisco, a lawyer at Kessmore Partners, said the party was over."))
    assert ("Ann Brisco", "worksFor", "Kessmore Partners") in found


def test_a_place_before_a_kind_of_organisation_is_no_employer():
    assert not {f for f in facts(read_text("Tessa Vance joined the Denver law firm in 2019.")) if f[1] == "worksFor"}


def test_a_credit_in_brackets_after_a_place_is_no_other_name_of_it():
    found = facts(read_text("TULSA, Oklahoma (AP) - Police arrested two men on Friday."))
    assert ("TULSA", "locatedIn", "Oklahoma") in found and not {f for f in found if f[1] == "alternateName"}
    assert ("United Arab Emirates", "alternateName", "UAE") in facts(read_text("The United Arab Emirates (UAE) will host the summit next year."))


@pytest.mark.parametrize(
    "name, short, expected",
    [("European Central Bank", "ECB", True), ("Coastal Fisheries Union", "CFU", True), ("Food and Agriculture Organization", "FAO", True),
     ("Thailand", "AP", False), ("Taipei", "CNA", False), ("Oklahoma", "OK", True), ("Larkfield", "", False)],
)
def test_an_abbreviation_takes_its_letters_in_order_from_the_name(name, short, expected):
    assert may_abbreviate(name, short) is expected


def test_a_comma_after_a_subject_sets_off_no_place_when_none_follows():
    assert not {f for f in facts(read_text("Brisco Labs, in a statement, said sales rose.")) if f[1] == "locatedIn"}


def test_a_time_clause_shares_its_verbs_subject():
    assert ("Tom Kell", "worksFor", "Brisco Labs") in facts(read_text("After leaving Brisco Labs in 2019, Tom Kell founded a pump maker."))
    assert not {f for f in facts(read_text("The board accused Tom Kell of joining Brisco Labs in secret.")) if f[1] == "worksFor"}


def test_a_given_name_after_a_comma_starts_a_new_name():
    assert ("Tessa Vance", "alumniOf", "Orvik College") in facts(read_text("A graduate of Orvik College, Tessa Vance clerked for a judge."))


def test_an_office_named_after_a_title_employs_those_with_the_title():
    text = "Prosecutor Ann Brisco said her staff was reviewing the records.\n\nThe Larkfield County Prosecutor's Office charged two men.\n"
    assert ("Ann Brisco", "worksFor", "Larkfield County Prosecutor's Office") in facts(read_text(text))
    two = "Sheriff Tom Kell said the road was closed. The Orvik County Sheriff's Office and the Larkfield County Sheriff's Office searched the area."
    assert not {f for f in facts(read_text(two)) if f[1] == "worksFor"}  # which of the two offices is his, the text does not say


def test_a_judge_works_for_the_one_court_an_article_names():
    text = "District Judge Tom Kell sentenced the banker to six years.\n\nA jury in the Larkfield District Court convicted him in May.\n"
    assert ("Tom Kell", "worksFor", "Larkfield District Court") in facts(read_text(text))
    two = "Judge Tom Kell dismissed the suit. The Larkfield District Court and the Orvik Supreme Court have both ruled on it."
    assert not {f for f in facts(read_text(two)) if f[1] == "worksFor"}


def test_a_former_post_of_a_place_says_nothing_of_where_one_lives_now():
    assert not facts(read_text("Tom Kell, a former Larkfield County health officer, will lead the agency."))
    assert ("Tom Kell", "livesIn", "Larkfield County") in facts(read_text("Tom Kell, a Larkfield County health officer, will lead the agency."))


@pytest.mark.parametrize("text, relation, former", [
    ("Tessa Vance lived in Reno for seven years.", "livesIn", True),
    ("Tessa Vance lives in Reno.", "livesIn", False),
    ("Tom Kell was a Tulsa lawyer and a poet.", "livesIn", True),
    ("Tom Kell is a Tulsa lawyer and a poet.", "livesIn", False),
    ("Tom Kell served as Brisco Labs' president from 2015 to 2022.", "worksFor", True),
    ("Tom Kell, president of Brisco Labs from 2015 until 2022, died.", "worksFor", True),
    ("Tom Kell has been president of Brisco Labs since 2015.", "worksFor", False),
])
def test_a_home_or_post_of_the_past_is_kept_as_a_former_one(text, relation, former):
    found = [r for r in read_text(text).relations if r.type == relation]
    assert found and all(r.former is former for r in found)


def test_who_gives_a_post_does_not_hold_it():
    found = facts(read_text("Ann Brisco appointed Tom Kell as director of the Larkfield Water Agency."))
    assert ("Tom Kell", "worksFor", "Larkfield Water Agency") in found and ("Ann Brisco", "worksFor", "Larkfield Water Agency") not in found


def test_a_retired_person_still_lives_where_the_text_places_them():
    assert ("Tom Kell", "livesIn", "Larkfield") in facts(read_text("Tom Kell, a retired teacher from Larkfield, lost his savings."))


@pytest.mark.parametrize("text, facts_wanted", [
    ("Tom Reel holds degrees from Orvik College and Kessmore Business School.",
     {("Tom Reel", "alumniOf", "Orvik College"), ("Tom Reel", "alumniOf", "Kessmore Business School")}),
    ("Tom Reel taught at Orvik College and Kessmore Art School for a decade.",
     {("Tom Reel", "worksFor", "Orvik College"), ("Tom Reel", "worksFor", "Kessmore Art School")}),
])
def test_two_institutions_listed_are_each_related(text, facts_wanted):
    assert facts_wanted <= facts(read_text(text))


def test_clergy_serve_their_church_by_rule():
    found = read_text("Tom Reel was a member of the Larkfield Rotary Club and a deacon at First Baptist Church of Larkfield.").relations
    assert any((r.head.name, r.type, r.tail.name) == ("Tom Reel", "worksFor", "First Baptist Church of Larkfield") and r.confidence >= 0.8 for r in found)


def test_one_named_to_lead_leads_though_the_parser_makes_the_namer_the_subject():
    # "Ruth Amsel on Monday named Omar Lind to lead Orvik Board", parsed with "named" a clause of Amsel and Amsel the subject of "lead"
    words = ["Ruth", "Amsel", "on", "Monday", "named", "Omar", "Lind", "to", "lead", "Orvik", "Board", "."]
    heads = [1, 8, 4, 2, 1, 6, 4, 8, 8, 10, 8, 8]
    deps = ["compound", "nsubj", "prep", "pobj", "relcl", "compound", "oprd", "aux", "ROOT", "compound", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PROPN", "PART", "VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["ruth", "amsel", "on", "monday", "name", "omar", "lind", "to", "lead", "orvik", "board", "."]
    p = _doc(words, heads, deps, pos, [(0, 2, "Person"), (5, 7, "Person"), (9, 11, "Organization")], lemmas)
    assert [t.text for t in relations.subjects(p.doc[8])[0]] == ["Lind"]


def test_years_at_an_organisations_office_are_years_at_the_organisation():
    found = read_text("Dana Orr previously spent a decade at the Orvik Agency's regional office in Seattle.").relations
    assert any((r.head.name, r.type, r.tail.name, r.former) == ("Dana Orr", "worksFor", "Orvik Agency", True) and r.confidence >= 0.8 for r in found)


@pytest.mark.parametrize("text, fact", [
    ("The striker thanked Ines Varga, a teammate from his three seasons at Larkfield Rovers.", ("Ines Varga", "worksFor", "Larkfield Rovers", True)),
    ("The motion was drafted by Omar Lind, an ally from the Green Union party.", ("Omar Lind", "memberOf", "Green Union", False)),
])
def test_one_known_from_an_organisation_belongs_to_it(text, fact):
    found = {(r.head.name, r.type, r.tail.name, r.former) for r in read_text(text).relations if r.confidence >= 0.5}
    assert fact in found


def test_an_ally_of_an_organisation_is_no_member():
    found = facts(read_text("The motion was drafted by Omar Lind, a close ally of Kessmore Labs."))
    assert not {f for f in found if f[0] == "Omar Lind" and f[1] in {"worksFor", "memberOf"}}


def test_a_post_in_a_unit_and_years_on_a_faculty_are_employment():
    text = ("Tom Reel will run Orvik University. He joined the university in 2011 as head of its School of Music. "
            "Earlier he spent nine years on the music faculty at Kessmore Conservatory.")
    found = {(r.head.name, r.type, r.tail.name, r.former) for r in read_text(text).relations if r.confidence >= 0.5}
    assert ("Tom Reel", "worksFor", "School of Music", False) in found
    assert ("Tom Reel", "worksFor", "Kessmore Conservatory", True) in found


def test_a_bare_post_belongs_to_the_organisation_named_most_with_its_short_forms():
    text = ("The Board of Regents of Orvik State University met on Monday.\n\n"
            "Orvik State plans a new campus. Orvik State will hire 200 staff. The board approved the plan.\n\n"
            "Vice Provost Ana Ruiz will lead the search.")
    assert ("Ana Ruiz", "worksFor", "Orvik State University") in facts(read_text(text))


def test_one_named_to_head_by_a_verb_the_parser_reads_as_a_modifier_heads():
    # "Ann Hale replaced two aides, naming lawyer Omar Lind to head Orvik Board", with "naming" an adjective of "lawyer"
    words = ["Ann", "Hale", "replaced", "two", "aides", ",", "naming", "lawyer", "Omar", "Lind", "to", "head", "Orvik", "Board", "."]
    heads = [1, 2, 2, 4, 2, 2, 7, 2, 9, 7, 11, 2, 13, 11, 2]
    deps = ["compound", "nsubj", "ROOT", "nummod", "dobj", "punct", "amod", "dobj", "compound", "appos", "aux", "advcl", "compound", "dobj", "punct"]
    tags = ["NNP", "NNP", "VBD", "CD", "NNS", ",", "VBG", "NN", "NNP", "NNP", "TO", "VB", "NNP", "NNP", "."]
    pos = ["PROPN", "PROPN", "VERB", "NUM", "NOUN", "PUNCT", "VERB", "NOUN", "PROPN", "PROPN", "PART", "VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["ann", "hale", "replace", "two", "aide", ",", "name", "lawyer", "omar", "lind", "to", "head", "orvik", "board", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    assert [t.text for t in relations.subjects(doc[11])[0]] == ["Lind"]


@pytest.mark.parametrize("text, fact", [
    ("Tom Reel went 40-12 at the school after arriving from Kessmore State College in 2015.", ("Tom Reel", "worksFor", "Kessmore State College", True)),
    ("Ana Ruiz came to the bank from Larch Partners in 2019.", ("Ana Ruiz", "worksFor", "Larch Partners", True)),
])
def test_one_who_arrived_from_an_organisation_worked_there(text, fact):
    assert fact in {(r.head.name, r.type, r.tail.name, r.former) for r in read_text(text).relations if r.confidence >= 0.5}


def test_one_arriving_from_a_place_works_for_nothing():
    assert not {f for f in facts(read_text("Ana Ruiz arrived from Paris on Monday.")) if f[1] == "worksFor"}


def test_a_player_named_by_position_plays_for_the_team_the_article_is_about():
    text = ("Orvik Rovers lost 3-1 at home on Saturday. Orvik Rovers have now lost four games in a row.\n\n"
            "Several players, including striker Tom Reel, apologised to the fans.")
    assert ("Tom Reel", "worksFor", "Orvik Rovers") in facts(read_text(text))


def test_taking_over_an_ailing_company_the_parser_makes_the_object_of_the_adjective_is_acquiring_it():
    found = facts(read_text("Orvik Health said on Friday it would take over financially struggling Kessmore Stores next year."))
    assert ("Orvik Health", "acquired", "Kessmore Stores") in found


def test_leaving_to_join_another_is_no_acquisition():
    found = facts(read_text("Orvik Health took over, replacing Kessmore Labs as the main supplier."))
    assert not {f for f in found if f[1] == "acquired"}


def test_which_hung_from_a_person_stands_for_the_organisation_named_before_it():
    text = "\"We are growing,\" said Dr. Ana Ruiz, president and chief executive of St. Orvan's, which already runs clinics in Larkfield, Kessmore and Tarvo."
    found = facts(read_text(text))
    assert {("St. Orvan's", "locatedIn", town) for town in ("Larkfield", "Kessmore", "Tarvo")} <= found
    assert not {f for f in found if f[0] == "Ana Ruiz" and f[1] == "locatedIn"}


def test_a_name_the_parser_hangs_beside_its_kind_noun_is_what_the_noun_names():
    # "Larch controls the dairy company Tarvena", parsed with "Tarvena" a clause of "controls" beside "company"
    words = ["Larch", "controls", "the", "dairy", "company", "Tarvena", "."]
    p = _doc(words, [1, 1, 4, 4, 1, 1, 1], ["nsubj", "ROOT", "det", "compound", "dobj", "ccomp", "punct"],
             ["PROPN", "VERB", "DET", "NOUN", "NOUN", "PROPN", "PUNCT"], [(0, 1, "Organization"), (5, 6, "Organization")],
             ["larch", "control", "the", "dairy", "company", "tarvena", "."])
    assert [m.name for m in relations.named(p, p.doc[4], "Organization")] == ["Tarvena"]


@pytest.mark.parametrize("text, partnered", [
    ("Larch Agency paid for the road under a supply agreement it signed with Orvik Foods in 2021.", True),
    ("Orvik Foods said the deal it discussed with Larch Agency never happened.", False),
])
def test_an_agreement_one_signed_with_another_makes_them_partners(text, partnered):
    found = facts(read_text(text))
    assert (("Larch Agency", "partnerOf", "Orvik Foods") in found or ("Orvik Foods", "partnerOf", "Larch Agency") in found) == partnered


def test_a_minister_of_a_portfolio_works_for_the_ministry_of_it_the_article_names():
    text = ("The Kessmore Ministry of Social Development runs the pension scheme.\n\n"
            "Premier Ana Ruiz named Tom Reel, a former mayor, as social development minister on Friday.")
    found = facts(read_text(text))
    assert ("Tom Reel", "worksFor", "Kessmore Ministry of Social Development") in found


@pytest.mark.parametrize("text, fact", [
    ("Ana Ruiz sold her firm in 1998. She stayed on at Orvik Chemie as chief scientist until 2004.", ("Ana Ruiz", "worksFor", "Orvik Chemie")),
    ("Ana Ruiz founded a lab in 1980. She was elected to the Kessmore Academy of Sciences in 1995.", ("Ana Ruiz", "memberOf", "Kessmore Academy of Sciences")),
])
def test_a_post_held_at_an_organisation_and_an_election_to_a_body(text, fact):
    assert fact in facts(read_text(text))


def test_a_street_the_parser_hangs_on_the_verb_is_where_the_site_after_it_is():
    found = facts(read_text("Donors helped pay for the Orvik Art Museum's new branch on Mill Lane, which opened last year."))
    assert ("Orvik Art Museum", "locatedIn", "Mill Lane") in found


@pytest.mark.parametrize("text", [
    "KESSMORE, Ghana (Reuters) - Ghanaian President Ana Ruiz on Friday named economist Tom Reel as governor of the Orvik Reserve Bank, replacing Sam Tarvo.",
    "LARKFIELD, Ghana (Reuters) - Ghana's President Ana Ruiz on Monday named banker Tom Reel as governor of the Orvik Reserve Bank, ending months of talks.",
])
def test_one_named_as_a_post_holds_it_though_the_parser_hangs_as_elsewhere(text):
    found = {(r.head.name, r.type, r.tail.name) for r in read_text(text).relations if r.confidence >= 0.8}
    assert ("Tom Reel", "worksFor", "Orvik Reserve Bank") in found and ("Ana Ruiz", "worksFor", "Orvik Reserve Bank") not in found


def test_a_shipping_line_is_called_by_its_first_word_and_the_company_reaches_the_one_company_named():
    text = ("Arne Vik, who built a single ferry into Tarvik Shipping, died on Sunday at his home. He was 88.\n\n"
            "His death was confirmed by his daughter, Lise Vik, who has led the company since 2009.\n\n"
            "Tarvik, which is based in Bergen, runs 14 vessels.")
    found = facts(read_text(text))
    assert ("Lise Vik", "worksFor", "Tarvik Shipping") in found
    assert ("Tarvik Shipping", "headquarteredIn", "Bergen") in found or ("Tarvik", "headquarteredIn", "Bergen") in found


def test_a_name_the_parser_hangs_on_a_titles_region_holds_the_title():
    text = "The plan was announced by Mayor Tom Hale and Streamwell's vice president for Europe, Sofia Lind, at an event."
    assert ("Sofia Lind", "worksFor", "Streamwell") in {(r.head.name, r.type, r.tail.name) for r in read_text(text).relations if r.confidence >= 0.8}


@pytest.mark.parametrize("text, fact", [
    ("Nexagen's chief executive, Dr. Amara Obi, will stay.\n\nNexagen was founded in 2014 by Obi and Harvard ophthalmologist Peter Gruen.", ("Nexagen", "foundedBy", "Obi")),
    ("Dr. Amara Osei leads Tarvix Labs. She will join Calveria Pharmaceuticals' leadership team after the deal.", ("Amara Osei", "worksFor", "Calveria Pharmaceuticals")),
])
def test_founders_folded_into_a_phrase_and_a_team_joined(text, fact):
    assert fact in facts(read_text(text))


def test_one_a_board_names_to_a_post_works_where_the_post_is_not_for_the_board():
    text = "The Larkfield School Board on Monday named Assistant Superintendent Tom Reel as interim head of Kessmore County School District 9."
    found = facts(read_text(text))
    assert ("Tom Reel", "worksFor", "Kessmore County School District 9") in found
    assert not {f for f in found if f[0] == "Tom Reel" and f[2] == "Larkfield School Board"}


def test_a_place_described_after_a_comma_lies_in_the_place_of_its_description():
    text = "Ivers was arrested at his home in Orvik, a suburb of Dunmore."
    assert ("Orvik", "locatedIn", "Dunmore") in facts(read_text(text))
