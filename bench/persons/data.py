"""Data tables for the synthetic Dutch person generator.

All tables are hand-written for this benchmark. Frequencies are rough approximations of the real
Dutch distributions (surname counts are in the order of magnitude of the Dutch surname
registry: de Jong about 0.5 % of the population, the top 300 together about a quarter); they are
meant to make the benchmark realistic, not to be exact statistics.
"""

from __future__ import annotations

import random

# ---------------------------------------------------------------------------------------------
# Surnames
# ---------------------------------------------------------------------------------------------

# Most common Dutch surnames, in rank order, with an approximate number of bearers.
_TOP_SURNAMES_COUNTED = """
de Jong:86500 Jansen:74300 de Vries:72200 van den Berg:58900 van Dijk:57600 Bakker:56800
Janssen:55400 Visser:50100 Smit:46900 Meijer:45300 de Boer:44300 Mulder:41100 de Groot:41100
Bos:39500 Vos:35800 Peters:35100 Hendriks:34100 van Leeuwen:33000 Dekker:32200 Brouwer:30900
de Wit:30600 Dijkstra:29700 Smits:29000 de Graaf:28700 van der Meer:27900 van der Linden:26900
Kok:26500 Jacobs:25900 de Haan:25800 Vermeulen:25600 van den Heuvel:25100 van der Veen:24700
van den Broek:24500 de Bruijn:23800 de Bruin:23600 van der Heijden:23300 Schouten:23000
van Beek:22800 Willems:22700 van Vliet:22600 van de Ven:22400 Hoekstra:22300 Maas:22200
Verhoeven:22100 Koster:21900 van Dam:21600 van der Wal:21400 Prins:20900 Blom:20700
Huisman:20600 Peeters:20400 de Jonge:20300 Kuipers:19900 van Veen:19900 Post:19800 Kuiper:19800
Veenstra:19600 Kramer:19400 van den Brink:19400 Scholten:19300 van Wijk:19200 Postma:19200
Martens:18900 Vink:18900 de Ruiter:18800 Timmermans:18600 Groen:18500 Gerritsen:18500
Jonker:18300 van Loon:18100 Boer:18000 van der Velde:17900 Willemsen:17900 Smeets:17700
de Lange:17700 de Vos:17500 Bosch:17300 van Dongen:17300 Schipper:17200 de Koning:17000
van der Laan:16900 Koning:16800 van der Velden:16700 Driessen:16600 van Doorn:16600
Hermans:16500 Evers:16400 van den Bosch:16300 van der Meulen:16200 Hofman:16100 Bosman:16100
Wolters:15900 Sanders:15800 van der Horst:15700 Mol:15600 Kuijpers:15500 Molenaar:15400
van de Pol:15300 de Leeuw:15200 Verbeek:15100
"""

# Further common surnames in rough rank order; their counts continue the curve (Zipf-like).
_TOP_SURNAMES_MORE = """
Kok|Kroon|Goossens|Claassen|Wouters|Bekker|Verschuren|Jongman|Dijkman|van Rijn|Hoogendoorn
Bouwman|Mertens|van Es|Koopman|van Os|van Rooij|van Gils|Bakkers|Brink|de Kok|Lammers|Aarts
van Hout|Verheijen|van Zanten|Bruins|Geerts|van Vugt|Baas|Meijers|de Heer|Ruiter|Hoogland
van Eijk|van der Pol|Kos|Huizinga|Bosma|Sluiter|van Kempen|van der Zee|de Wilde|Wijnands
Hoekman|van Schaik|van der Kolk|Boersma|Koch|Adriaanse|Vermeer|van der Ploeg|Hendriksen
Kuijper|Pronk|Roos|Hofstra|Teunissen|van Gelder|Stam|Wijnen|van Dalen|de Vet|Scholte|Bouma
van Wijngaarden|Groenewegen|van Dam|Klein|Berends|Sijbrandij|Verhagen|de Bie|Rutten|Franken
van de Water|Veldhuis|van der Steen|Leenders|de Ridder|van der Hoeven|Wiersma|Brands|Nijhuis
Dirksen|van der Berg|Schuurman|Bovermars|Bruijn|Kooistra|van Hoof|Vonk|Cornelissen|van Ginkel
Beekman|Heijnen|Kluijtmans|Arts|Verbruggen|Hoogeveen|Schoenmakers|Peek|Snijders|Damen|Pieters
Geurts|Mooij|Dam|de Boer|Zwart|Gerrits|Lubbers|van Ham|Kroes|Verkerk|Toonen|van der Werf
Meeuwissen|de Wolf|van Houten|Keizer|Ebben|Bennink|Janse|Hulshof|Veldman|van Ommen|Brinkman
Koenen|Michels|Dekkers|Sterk|van Beers|de Roo|Ouwehand|Kamphuis|Hulst|Wessels|van de Kamp
Hazelaar|Lambregts|de Jongh|Nieuwenhuis|van der Sluis|Oosterhuis|van Bommel|Schreurs|Pauwels
van Gool|Stoffels|Oosting|Hagen|Ververs|Rademaker|Boon|Winkel|van den Akker|Nijland|de Groen
Vroom|Engels|Wolff|Kuiken|Oomen|Derksen|van Wijnen|Hoving|Jongbloed|de Klerk|Oudshoorn
Biesheuvel|van den Hoek|Ramaker|van Soest|de Meijer|Boekhout|Wagenaar|Schot|van Rossum
Buijs|Heemskerk|Elzinga|Mulders|Koopmans|de Munck|van Vliet|Hoeksema|Brons|van Zuijlen|Tol
van der Burg|Kleijn|Verweij|Roelofs|Groot|Zijlstra|Kooiman|Mennen|Roest|van Velzen|Rijken
van de Wetering|Appel|de Kleijn|van Leeuwen|Hoebe|Loos|Kampen|van Daalen|Verstegen|Lindeman
van Beek|ter Horst|ten Have|te Brake|op de Beek|van 't Hof|in 't Veld|van der Kooij|Mostert
"""

# Prefixes (voorvoegsels / tussenvoegsels) recognised when splitting a name, longest first.
PREFIXES = (
    "van de",
    "van den",
    "van der",
    "van het",
    "van 't",
    "in 't",
    "in de",
    "in den",
    "in het",
    "op de",
    "op den",
    "op 't",
    "uit de",
    "uit den",
    "de la",
    "van",
    "de",
    "den",
    "der",
    "het",
    "'t",
    "te",
    "ten",
    "ter",
    "la",
    "le",
    "du",
)
_PREFIXES_LONGEST_FIRST = sorted(PREFIXES, key=len, reverse=True)


def split_prefix(name: str) -> tuple[str, str]:
    """Split "van den Berg" into ("van den", "Berg"); names without a prefix get ""."""
    for p in _PREFIXES_LONGEST_FIRST:
        if name.startswith(p + " ") and len(name) > len(p) + 1:
            return p, name[len(p) + 1 :]
    return "", name


def _parse_top() -> list[tuple[str, str, float]]:
    out: list[tuple[str, str, float]] = []
    seen: set[str] = set()
    # The counted block uses "name:count" items separated by whitespace, but names contain spaces,
    # so split on the count pattern instead.
    text = " ".join(_TOP_SURNAMES_COUNTED.split())
    item = ""
    for part in text.split(" "):
        if ":" in part:
            word, count = part.split(":")
            name = (item + " " + word).strip()
            item = ""
            if name not in seen:
                seen.add(name)
                p, b = split_prefix(name)
                out.append((p, b, float(count)))
        else:
            item = (item + " " + part).strip()
    last = out[-1][2]
    rank0 = len(out)
    more = [n.strip() for n in " ".join(_TOP_SURNAMES_MORE.split("\n")).split("|")]
    rank = rank0
    for name in more:
        name = " ".join(name.split())
        if not name or name in seen:
            continue
        seen.add(name)
        rank += 1
        count = last * (rank0 / rank) ** 0.9
        p, b = split_prefix(name)
        out.append((p, b, count))
    return out


TOP_SURNAMES: list[tuple[str, str, float]] = _parse_top()

# Material for the long tail of Dutch surnames (hundreds of thousands of rare names in reality).
_TAIL_ROOTS = (
    "Hoog Laag Groen Berg Veld Broek Bosch Dijk Kamp Hout Meer Water Zand Steen Brug Holt Horst Wout "
    "Laar Hof Dam Hoek Kerk Molen Akker Beek Heuvel Haar Heide Rijn Ven Weide Linde Eik Wijk Burg "
    "Loo Oord Zijl Sloot Brink Donk Hulst Esch Mark Vaart Venne Riet Boom Wilg Dorp Huis Koren Veen "
    "Duin Klooster Kapel Schut Bleek Mulde Kuip Kramp Rozen Appel Noten Elzen Haze Vogel Vinke Kraan "
    "Hage Meulen Vlier Ros Stal Schuur Kooi Dal Bult Rot Hamme Goor Leus Lind Sluis Wiel Plas Hel "
    "Dobbe Greft Hunne Kolk Wolde Bloem Rade Hees Ekel Tiel Ruim Gaas Lamme Heg Bree Tuin Spijk"
).split()
_TAIL_SUFFIXES = (
    "man mans stra sma ma inga enga ink er ers en s huis huizen kamp veld berg dijk broek hof horst "
    "beek meijer brink kate hout land wijk boom haar donk lo sloot werf stein gaard voort"
).split()
_TOPO_SUFFIXES = "beek dijk berg veld hof broek horst wijk kamp donk laar hout meer weide".split()
_ADJECTIVES = "Nieuwen Ouden Groenen Hoge Lange Korte Witte Zwarte Rode Oosten Westen Noorden Zuiden Groote Kleine Brede Diepen".split()
_NOUNS = "dijk huis veen berg boom kamp hoek burg dorp broek brink hoven akker veld bosch beek meer weg".split()
_PATRONYM_STEMS = (
    "Gerrit Pieter Dirk Jan Klaas Hendrik Willem Cornelis Jacob Adriaan Albert Arend Barend Bart "
    "Derk Evert Geert Harm Hein Herman Huib Jochem Joost Karel Lambert Maarten Marten Michiel Otto "
    "Reinier Roelof Rutger Sijmen Teunis Tijmen Wessel Wouter Abel Aldert Anne Auke Bouke Douwe Durk "
    "Eelke Folkert Gerben Hidde Jelle Jouke Lieuwe Oene Pier Rienk Sjoerd Siebe Tjerk Wiebe Ype"
).split()
_PATRONYM_ENDINGS = ("sen", "se", "zen", "s", "sz", "ma", "sma", "stra", "inga", "ink")
_OCCUPATIONS = (
    "Timmer Wever Schoenmaker Verver Slager Schilder Glazemaker Metselaar Kleermaker Zadelmaker "
    "Hoedemaker Touwslager Pottenbakker Ketelaar Kistemaker Voerman Schaper Herder Hovenier Tuinder "
    "Korver Mandemaker Spijker Steenhouwer Turfsteker Veerman Brugman Sluisman Tolman Boekhouder"
).split()
_TOWNS = (
    "Gestel Boxtel Gemert Haaren Lierop Kessel Oers Erp Hees Deurne Asten Bakel Mierlo Lith "
    "Dinther Heeswijk Geffen Nistelrode Uden Veghel Schijndel Rosmalen Berlicum Vught Helvoirt "
    "Alphen Baarle Rijen Gilze Hilvarenbeek Moergestel Oisterwijk Haaften Zuilen "
    "Maarssen Loenen Breukelen Vianen Beusichem Buren Ommeren Zoelen Tiel Druten Wamel Dreumel "
    "Alem Ammerzoden Hedel Heusden Drunen Nieuwkuijk Waalwijk Sprang Kaatsheuvel Loon Rijsbergen "
    "Zundert Etten Hoeven Oudenbosch Halsteren Wouw Axel Borssele Kapelle Goes Zierikzee"
).split()


def _build_tail() -> list[tuple[str, str]]:
    """A fixed (seed-independent) list of plausible rarer Dutch surnames, most frequent first."""
    seen = {(p, b) for p, b, _ in TOP_SURNAMES}
    names: list[tuple[str, str]] = []

    def add(prefix: str, base: str) -> None:
        if (prefix, base) not in seen:
            seen.add((prefix, base))
            names.append((prefix, base))

    topo_prefixes = ("van", "van de", "van den", "van der", "ter", "ten", "van", "")
    root_prefixes = ("van", "van de", "van den", "van der", "ter", "ten", "de", "te", "in 't", "op de")
    for i, root in enumerate(_TAIL_ROOTS):
        for suffix in _TAIL_SUFFIXES:
            if suffix == "s" and root.endswith("s"):
                continue
            add("", root + suffix)
        for j, suffix in enumerate(_TOPO_SUFFIXES):
            add(topo_prefixes[(i + j) % len(topo_prefixes)], root + suffix)
        for k in range(3):
            add(root_prefixes[(i * 3 + k) % len(root_prefixes)], root)
    for adj in _ADJECTIVES:
        for noun in _NOUNS:
            for prefix, end in (("", ""), ("", "s"), ("van", ""), ("van den", ""), ("", "er")):
                add(prefix, adj + noun + end)
    for stem in _PATRONYM_STEMS:
        for ending in _PATRONYM_ENDINGS:
            if ending.startswith("s") and stem.endswith("s"):
                ending = ending[1:] or "en"
            add("", stem + ending)
    for occupation in _OCCUPATIONS:
        for prefix, end in (("", ""), ("", "s"), ("de", ""), ("", "man")):
            add(prefix, occupation + end)
    for town in _TOWNS:
        for prefix in ("van", "van", "ten", "ter", "van den"):
            add(prefix, town)
    random.Random(20240611).shuffle(names)
    return names


TAIL_SURNAMES: list[tuple[str, str]] = _build_tail()

# Surnames of Dutch people with a migration background or EU citizens, per origin.
# (prefix is always "": these are never treated as Dutch voorvoegsels).
FOREIGN_SURNAMES: dict[str, list[str]] = {
    "PL": (
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak "
        "Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski "
        "Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński Król Majewski Olszewski "
        "Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień Górski Rutkowski Michalak Sikora "
        "Ostrowski Baran Duda Szewczyk Tomaszewski Pietrzak Marciniak Wróblewski Zalewski Jakubowski "
        "Jasiński Zawadzki Sadowski Bąk Chmielewski Włodarczyk Borkowski Czarnecki Sawicki Sokołowski "
        "Urbański Kubiak Maciejewski Szczepański Kucharski Wilk Kalinowski Lis Mazurek Wysocki "
        "Adamski Kaźmierczak Wasilewski Sobczak Czerwiński Andrzejewski Cieślak Głowacki Zakrzewski"
    ).split(),
    "RO": (
        "Popescu Ionescu Popa Pop Radu Dumitru Stoica Stan Gheorghe Matei Ciobanu Rusu Munteanu "
        "Constantin Florea Mihai Marin Dinu Tudor Șerban Barbu Nistor Lungu Moldovan Ștefan Preda "
        "Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Angelov Kolev Yordanov"
    ).split(),
    "EU": (
        "Müller Schmidt Schneider Fischer Weber Wagner Becker Schäfer Krüger Hoffmann Günther Schröder "
        "Gonçalves Ferreira Rodrigues Conceição Fernandes Araújo García Fernández González Núñez "
        "Martínez Sánchez Rossi Russo Esposito Bianchi Romano Nagy Kovács Tóth Szabó Horváth Varga "
        "Kazlauskas Jankauskas Petrauskas Bērziņš Kalniņš Ozoliņš Dvořák Novák Svoboda Novotný Černý "
        "Procházka Kučera Horváthová Papadopoulos Nielsen Hansen Søndergaard Andersson Lindström"
    ).split(),
    "TR": (
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
        "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karataş Erdoğan Güneş Bulut Keskin "
        "Ünal Tekin Aksoy Uçar Coşkun Kaplan Turan Akın Özer Gül Bozkurt Yavuz Taş Sarı Güler"
    ).split(),
    "MA": (
        "El Amrani|El Idrissi|Benali|Bouzid|Ait Ouali|El Khatib|Boukhari|Azzouzi|El Hamdaoui|Bouhaddou|"
        "El Ouardi|Ouali|Belhaj|Ben Said|El Bakkali|Zaoui|Amrani|Haddouchi|El Moussaoui|Akkouh|"
        "Boutaleb|Chaara|El Yassini|Essafi|Kaddouri|Lahlou|Mansouri|Ouahabi|Rahmouni|Tahiri|Ziani|"
        "Aboutaleb|Benhaddou|El Fassi|Bouchikhi|Achahbar|El Messaoudi|Abarkan|Bouali|Hamdi"
    ).split("|"),
    "SR": (
        "Ramdin Jagernath Mahabier Ramsaran Kalloe Soekhai Ramautar Bhagwandin Sewdien Ramkisoen "
        "Doelwijt Pinas Wijngaarde Kross Zaandam Vriesde Leeflang Tjon-A-Fat Sno Fernandes Lie "
        "Mungroo Jadnanansing Ramlal Sital Baldewsingh Chotkan Oedit Panday Kartosen Sarmo Karijo "
        "Soemita Amatdjais Pawirodikromo Sastrowidjojo Graanoogst Kasanmoentalib Emanuelson"
    ).split(),
}

# ---------------------------------------------------------------------------------------------
# Given names
# ---------------------------------------------------------------------------------------------

# Official (baptismal) names common before ~1975, with the roepnamen / nicknames they go with.
# Each entry: official -> [(roepnaam or nickname, weight), ...]; the official name itself may be
# the roepnaam too (listed explicitly when so).
NICKNAMES_M: dict[str, list[tuple[str, int]]] = {
    "Johannes": [("Jan", 40), ("Hans", 15), ("Johan", 15), ("Joop", 6), ("Jo", 4), ("Hannes", 3)],
    "Cornelis": [("Kees", 50), ("Cor", 30), ("Cees", 10), ("Corné", 5), ("Cornelis", 5)],
    "Hendrik": [("Henk", 60), ("Hendrik", 15), ("Harrie", 8), ("Hein", 6), ("Rik", 6), ("Hennie", 5)],
    "Hendrikus": [("Henk", 55), ("Harrie", 15), ("Hennie", 10), ("Rik", 10), ("Hein", 10)],
    "Pieter": [("Piet", 45), ("Peter", 35), ("Pieter", 20)],
    "Petrus": [("Peter", 45), ("Piet", 30), ("Pierre", 10), ("Peer", 5), ("Petrus", 2)],
    "Jacobus": [("Koos", 30), ("Jaap", 30), ("Jaco", 10), ("Sjaak", 10), ("Jack", 5), ("Jacques", 5)],
    "Jacob": [("Jaap", 50), ("Koos", 20), ("Jacob", 20), ("Jaco", 10)],
    "Theodorus": [("Theo", 60), ("Ruud", 12), ("Dorus", 8), ("Theodorus", 2)],
    "Gerardus": [("Gerard", 40), ("Ger", 15), ("Gert", 15), ("Geert", 10), ("Gerrit", 10)],
    "Gerrit": [("Gerrit", 60), ("Gert", 25), ("Gerard", 5)],
    "Adrianus": [("Arie", 30), ("Ad", 25), ("Adrie", 20), ("Janus", 5), ("Adriaan", 10)],
    "Antonius": [("Ton", 35), ("Toon", 25), ("Anton", 20), ("Tonnie", 5), ("Teun", 5)],
    "Franciscus": [("Frans", 60), ("Frank", 15), ("Cisco", 1)],
    "Wilhelmus": [("Wim", 40), ("Willem", 30), ("Wil", 10), ("Willy", 5), ("Pim", 5)],
    "Willem": [("Willem", 50), ("Wim", 40), ("Pim", 5)],
    "Josephus": [("Jos", 40), ("Sjef", 15), ("Joop", 10), ("Joep", 10), ("Jef", 5)],
    "Nicolaas": [("Klaas", 30), ("Niek", 20), ("Nico", 20), ("Nicolaas", 5)],
    "Martinus": [("Martin", 35), ("Tinus", 15), ("Rinus", 10), ("Mart", 10)],
    "Bernardus": [("Ben", 30), ("Bernard", 25), ("Bert", 20), ("Barend", 10)],
    "Hermanus": [("Herman", 60), ("Harm", 20), ("Manus", 10)],
    "Marinus": [("Rinus", 40), ("Rien", 30), ("Marinus", 10)],
    "Leonardus": [("Leo", 40), ("Leon", 20), ("Leen", 15)],
    "Lambertus": [("Bert", 40), ("Lambert", 20), ("Bertus", 15)],
    "Albertus": [("Albert", 40), ("Bert", 40)],
    "Dirk": [("Dirk", 70), ("Dick", 20)],
    "Jan": [("Jan", 100)],
    "Klaas": [("Klaas", 100)],
    "Arie": [("Arie", 100)],
    "Gijsbertus": [("Gijs", 50), ("Bert", 30)],
    "Everardus": [("Evert", 50), ("Eef", 20)],
    "Aloysius": [("Louis", 50), ("Wies", 20)],
    "Henricus": [("Henk", 35), ("Harrie", 25), ("Rick", 10), ("Henny", 10)],
    "Paulus": [("Paul", 70), ("Paulus", 5)],
    "Matthijs": [("Thijs", 60), ("Matthijs", 40)],
    "Christiaan": [("Chris", 60), ("Christiaan", 30)],
    "Alexander": [("Alex", 50), ("Sander", 40)],
    "Sebastiaan": [("Bas", 60), ("Sebastiaan", 30)],
    "Maximiliaan": [("Max", 90)],
    "Laurentius": [("Lau", 30), ("Laurens", 40), ("Rens", 10)],
    "Engelbertus": [("Bert", 60), ("Engel", 20)],
}

NICKNAMES_V: dict[str, list[tuple[str, int]]] = {
    "Wilhelmina": [("Willy", 25), ("Mien", 20), ("Wil", 20), ("Wilma", 20), ("Mina", 5), ("Helma", 5)],
    "Maria": [("Marie", 25), ("Ria", 25), ("Mies", 10), ("Marja", 10), ("Mia", 10), ("Maria", 15)],
    "Johanna": [("Joke", 20), ("Anneke", 15), ("Hanneke", 15), ("Jo", 10), ("Hanna", 10), ("Annie", 10), ("Janny", 10)],
    "Elisabeth": [("Els", 25), ("Lies", 20), ("Liesbeth", 20), ("Betty", 15), ("Bep", 15), ("Elly", 10)],
    "Margaretha": [("Greet", 25), ("Margriet", 20), ("Grietje", 10), ("Marga", 10), ("Gre", 10), ("Margo", 5)],
    "Catharina": [("Toos", 20), ("Karin", 15), ("Tineke", 15), ("Katrien", 10), ("Rina", 10), ("Cato", 5)],
    "Petronella": [("Nel", 35), ("Nelly", 20), ("Petra", 20), ("Pien", 10), ("Nellie", 10)],
    "Cornelia": [("Corrie", 40), ("Nel", 15), ("Cor", 10), ("Neeltje", 10), ("Cora", 10)],
    "Hendrika": [("Riek", 20), ("Henny", 20), ("Rika", 15), ("Hennie", 15), ("Rieky", 5)],
    "Geertruida": [("Truus", 40), ("Trudy", 20), ("Geertje", 15), ("Gerda", 15)],
    "Adriana": [("Ada", 20), ("Adrie", 20), ("Ans", 15), ("Jaantje", 5), ("Adriana", 10)],
    "Antonia": [("Toos", 25), ("Toni", 20), ("Tonny", 20), ("Teuntje", 5)],
    "Jacoba": [("Coby", 35), ("Koba", 15), ("Co", 10), ("Jacqueline", 10)],
    "Anna": [("Anna", 30), ("Anneke", 20), ("Annie", 20), ("Anja", 15), ("An", 10), ("Ans", 10)],
    "Alida": [("Alie", 30), ("Lida", 30), ("Aaltje", 10)],
    "Theodora": [("Thea", 40), ("Dora", 40)],
    "Francisca": [("Francien", 20), ("Cisca", 20), ("Sientje", 10), ("Fien", 10)],
    "Gerarda": [("Gerda", 40), ("Gerry", 20)],
    "Hermina": [("Mien", 30), ("Hermien", 20), ("Herma", 20), ("Mina", 20)],
    "Josephina": [("José", 30), ("Jos", 20), ("Fien", 20), ("Josje", 10)],
    "Helena": [("Lenie", 30), ("Heleen", 20), ("Lena", 20), ("Ellen", 10), ("Elly", 10)],
    "Christina": [("Stien", 20), ("Tineke", 20), ("Christien", 20), ("Tina", 20), ("Chris", 10)],
    "Aaltje": [("Aaltje", 60), ("Alie", 30)],
    "Grietje": [("Grietje", 60), ("Greet", 30)],
    "Neeltje": [("Neeltje", 60), ("Nel", 30)],
    "Jantje": [("Jantje", 50), ("Janny", 30)],
    "Elisabetha": [("Els", 30), ("Bep", 30), ("Betsy", 20)],
    "Magdalena": [("Lenie", 30), ("Magda", 40), ("Leny", 20)],
    "Wilhelmina Maria": [("Willemien", 50)],
    "Susanna": [("Suze", 20), ("Sanne", 20), ("Susan", 30), ("Sanna", 10)],
    "Catharina Maria": [("Karin", 40), ("Toos", 20)],
}

# Names used as given names (official name = roepnaam), by era.
MODERN_M_1955 = (
    "Peter Hans Marco Rob Ron Erik Ronald Edwin André Frank Paul René Richard Gerard John Harry "
    "Rene Martin Jos Wim Ruud Michel Marcel Arjan Patrick Dick Fred Bert Rob Jeroen Eric Leo Rinus"
).split()
MODERN_M_1975 = (
    "Dennis Mark Kevin Martijn Jeroen Bas Niels Sander Stefan Tim Maarten Jasper Thomas Mike Rick "
    "Joost Ruben Wouter Bart Robin Roy Jeffrey Remco Nick Vincent Erwin Danny Michiel Tom Sven "
    "Jurgen Bram Koen Rutger Frank Marc Arnoud Gijs Hugo"
).split()
MODERN_M_1995 = (
    "Daan Sem Lucas Milan Levi Luuk Thijs Jesse Bram Finn Ruben Thomas Lars Noah Liam Stijn Julian "
    "Max Tom Gijs Jayden Sven Tijn Mees Siem Teun Hugo Jens Jurre Niek Dex Ryan Floris Mats Olivier"
).split()
MODERN_V_1955 = (
    "Monique Ingrid Linda Petra Marian Anja Ellen Karin Annemarie Wilma Marjolein Yvonne Ria Ans "
    "Marja Els Gerda Carla Jolanda Helma Marianne Hanneke Ingrid Mieke Patricia Astrid Sonja Jacqueline"
).split()
MODERN_V_1975 = (
    "Sanne Kim Lisa Anouk Iris Marloes Esther Sandra Chantal Mandy Laura Femke Judith Linda Manon "
    "Nicole Debby Natasja Kelly Suzanne Marieke Inge Eline Danielle Daniëlle Wendy Angelique "
    "Jessica Melanie Renée Maartje Lotte Fleur Nadia Miranda"
).split()
MODERN_V_1995 = (
    "Emma Julia Sophie Tess Lotte Lieke Fleur Saar Zoë Noor Eva Sara Isa Anna Lynn Nina Roos Mila "
    "Evi Fenna Sanne Jasmijn Liv Yara Nova Elin Maud Femke Lisa Esmee Noa Chloë Amber Julie Britt"
).split()

# Official given names of foreign-origin people, per origin: (male, female).
FOREIGN_GIVEN: dict[str, tuple[list[str], list[str]]] = {
    "PL": (
        "Piotr Krzysztof Tomasz Paweł Michał Łukasz Marcin Grzegorz Jakub Adam Marek Wojciech Andrzej "
        "Mateusz Dariusz Kamil Sławomir Zbigniew Przemysław Rafał Bartłomiej Jarosław".split(),
        "Agnieszka Małgorzata Katarzyna Joanna Anna Magdalena Ewa Monika Aleksandra Barbara Dorota "
        "Justyna Beata Iwona Żaneta Urszula Grażyna Bożena Kinga Paulina".split(),
    ),
    "RO": (
        "Andrei Ionuț Mihai Alexandru Gheorghe Florin Cristian Ștefan Adrian Marius Georgi Ivan "
        "Dimitar Nikolay Stoyan".split(),
        "Elena Ioana Maria Andreea Mihaela Alina Cristina Ana Nicoleta Gabriela Desislava Petya "
        "Yordanka Mariya".split(),
    ),
    "EU": (
        "Jürgen Günter Thomas Stefan João José António Miguel Javier Jesús Giuseppe Marco László "
        "Zoltán Gábor Tomas Jonas Jiří Tomáš Nikolaos Søren Lars".split(),
        "Sabine Ute Birgit Ana Inês Conceição María Lucía Giulia Francesca Zsófia Katalin Éva "
        "Rūta Jurgita Jana Lenka Eleni Mette Åsa".split(),
    ),
    "TR": (
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan "
        "Halil Süleyman Abdullah Emre Burak Serkan Erdal".split(),
        "Fatma Ayşe Emine Hatice Zeynep Elif Özlem Meryem Şerife Zehra Sultan Hülya Gülsen Derya "
        "Esra Büşra Songül Nurcan".split(),
    ),
    "MA": (
        "Mohamed Ahmed Youssef Said Mustapha Abdelkader Rachid Hassan Khalid Driss Karim Nordin "
        "Abdel Jamal Bilal Hamza Ayoub Mimoun Hicham Samir".split(),
        "Fatima Khadija Naima Samira Malika Zohra Aicha Nadia Latifa Hanane Siham Loubna Ikram "
        "Sanae Hafsa Yasmina Souad Rachida".split(),
    ),
    "SR": (
        "Ravi Sunil Rajesh Anand Errol Ronald Marlon Glenn Orlando Roy Kenneth Dinesh Romano Iwan "
        "Ricardo Stanley Clifton Sergio".split(),
        "Anita Shanti Sharda Usha Gerda Ingrid Sheila Jennifer Natasha Priya Soenita Cynthia "
        "Gracia Marlies Rosita Ilse".split(),
    ),
}

# Spelling variants a reporter might use for a foreign (or Dutch) given name.
NAME_SPELLING_VARIANTS: dict[str, list[str]] = {
    "Mohamed": ["Mohammed", "Muhammad", "Mohammad", "Mohamad", "Muhammed"],
    "Youssef": ["Yousef", "Youssouf", "Yusuf", "Joesef"],
    "Said": ["Saïd", "Saeed", "Saaid"],
    "Mustapha": ["Mustafa", "Moustafa", "Mostafa"],
    "Mustafa": ["Mustapha", "Moestafa"],
    "Rachid": ["Rashid", "Rachied"],
    "Abdelkader": ["Abdelkadir", "Abdel Kader", "Kader"],
    "Hassan": ["Hasan"],
    "Hasan": ["Hassan"],
    "Hüseyin": ["Huseyin", "Hussein", "Husein"],
    "Khadija": ["Khadidja", "Kadija", "Hadija", "Khadidja"],
    "Aicha": ["Aïcha", "Aisha", "Aischa"],
    "Ayşe": ["Ayse", "Aysche", "Aise"],
    "Mehmet": ["Mehmed", "Memet"],
    "Ahmed": ["Achmed", "Ahmad"],
    "Ahmet": ["Ahmed", "Achmet"],
    "Łukasz": ["Lukas", "Lucas"],
    "Paweł": ["Pawel", "Paul"],
    "Piotr": ["Peter", "Piotrek"],
    "Tomasz": ["Tomek", "Tom"],
    "Krzysztof": ["Krzysiek", "Christof"],
    "Wojciech": ["Wojtek"],
    "Jakub": ["Kuba", "Jacob"],
    "Michał": ["Michal", "Michael"],
    "Katarzyna": ["Kasia", "Katharina"],
    "Małgorzata": ["Gosia", "Malgorzata"],
    "Agnieszka": ["Aga", "Agnes"],
    "Aleksandra": ["Ola", "Alexandra"],
    "Ionuț": ["Ionut"],
    "Gheorghe": ["George", "Gheorghi"],
    "Jürgen": ["Jurgen", "Juergen"],
    "Günter": ["Gunter", "Guenter", "Günther"],
    "Soenita": ["Sunita"],
    "Ravi": ["Rawie"],
    "Errol": ["Erol"],
    "Daniëlle": ["Danielle", "Daniella"],
    "André": ["Andre"],
    "René": ["Rene"],
    "Zoë": ["Zoe"],
    "Chloë": ["Chloe"],
    "Corné": ["Corne"],
    "José": ["Jose"],
}

# Dutch surname spelling confusions (applied to substrings).
SURNAME_SPELLING_SWAPS = (
    ("ij", "y"),
    ("ij", "ei"),
    ("ei", "ij"),
    ("y", "ij"),
    ("uy", "ui"),
    ("ui", "uy"),
    ("dt", "d"),
    ("d", "dt"),
    ("ck", "k"),
    ("ks", "x"),
    ("x", "ks"),
    ("c", "k"),
    ("k", "c"),
    ("ph", "f"),
    ("th", "t"),
    ("ae", "aa"),
    ("aa", "ae"),
    ("oe", "u"),
    ("u", "oe"),
    ("sch", "s"),
    ("ss", "s"),
    ("s", "ss"),
    ("z", "s"),
    ("v", "f"),
    ("ou", "au"),
    ("au", "ou"),
    ("g", "ch"),
)

# Characters without a Unicode decomposition, mapped to what a Dutch keyboard user types.
ASCII_FALLBACK = {
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "İ": "I",
    "ß": "ss",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "đ": "d",
}
# German-style transcriptions sometimes used for umlauts.
UMLAUT_TRANSCRIPTION = {"ö": "oe", "ü": "ue", "ä": "ae", "Ö": "Oe", "Ü": "Ue", "Ä": "Ae"}

# ---------------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------------

# (official name, colloquial name or "", postcode range low, high, population in thousands,
#  landline area code)
CITIES = (
    ("Amsterdam", "", 1011, 1109, 930, "020"),
    ("Rotterdam", "", 3011, 3089, 670, "010"),
    ("'s-Gravenhage", "Den Haag", 2491, 2599, 570, "070"),
    ("Utrecht", "", 3511, 3585, 375, "030"),
    ("Eindhoven", "", 5611, 5658, 245, "040"),
    ("Groningen", "", 9711, 9747, 240, "050"),
    ("Tilburg", "", 5011, 5049, 225, "013"),
    ("Almere", "", 1311, 1363, 225, "036"),
    ("Breda", "", 4811, 4841, 187, "076"),
    ("Nijmegen", "", 6511, 6546, 182, "024"),
    ("Apeldoorn", "", 7311, 7339, 168, "055"),
    ("Haarlem", "", 2011, 2037, 165, "023"),
    ("Arnhem", "", 6811, 6846, 167, "026"),
    ("Enschede", "", 7511, 7548, 161, "053"),
    ("Amersfoort", "", 3811, 3829, 160, "033"),
    ("Zaandam", "", 1501, 1509, 160, "075"),
    ("'s-Hertogenbosch", "Den Bosch", 5211, 5237, 158, "073"),
    ("Hoofddorp", "", 2131, 2135, 160, "023"),
    ("Zwolle", "", 8011, 8043, 132, "038"),
    ("Zoetermeer", "", 2711, 2729, 127, "079"),
    ("Leiden", "", 2311, 2334, 127, "071"),
    ("Maastricht", "", 6211, 6229, 122, "043"),
    ("Dordrecht", "", 3311, 3329, 121, "078"),
    ("Ede", "", 6711, 6718, 118, "0318"),
    ("Alphen aan den Rijn", "Alphen", 2401, 2408, 113, "0172"),
    ("Leeuwarden", "", 8911, 8939, 125, "058"),
    ("Alkmaar", "", 1811, 1827, 110, "072"),
    ("Emmen", "", 7811, 7833, 107, "0591"),
    ("Delft", "", 2611, 2629, 104, "015"),
    ("Venlo", "", 5911, 5928, 102, "077"),
    ("Deventer", "", 7411, 7429, 101, "0570"),
    ("Sittard", "", 6131, 6137, 92, "046"),
    ("Helmond", "", 5701, 5709, 93, "0492"),
    ("Oss", "", 5341, 5349, 93, "0412"),
    ("Amstelveen", "", 1181, 1189, 91, "020"),
    ("Hilversum", "", 1211, 1223, 90, "035"),
    ("Heerlen", "", 6411, 6422, 87, "045"),
    ("Purmerend", "", 1441, 1448, 93, "0299"),
    ("Schiedam", "", 3111, 3125, 79, "010"),
    ("Lelystad", "", 8211, 8245, 80, "0320"),
    ("Gouda", "", 2801, 2809, 74, "0182"),
    ("Vlaardingen", "", 3131, 3138, 74, "010"),
    ("Hoorn", "", 1621, 1628, 73, "0229"),
    ("Assen", "", 9401, 9409, 68, "0592"),
    ("Den Helder", "", 1781, 1789, 56, "0223"),
)

_STREET_THEMES = (
    # trees, flowers, birds
    "Eiken Beuken Linden Kastanje Berken Esdoorn Populier Wilgen Iepen Platanen Acacia Lariks "
    "Dennen Sparren Hazelaar Vlier Meidoorn Lijsterbes Rozen Tulpen Narcissen Hyacinten Anjer "
    "Lelie Goudsbloem Zonnebloem Klaproos Korenbloem Madelief Viooltjes Sering Jasmijn Lavendel "
    "Merel Lijster Spreeuw Mussen Kievit Grutto Reiger Zwaluw Specht Vink Meeuwen Ooievaar Uilen "
    # painters, writers, royals, provinces, rivers, professions
    "Rembrandt Vermeer Frans Hals Van Gogh Mondriaan Breitner Jan Steen Ruysdael Vondel Bilderdijk "
    "Multatuli Potgieter Da Costa Tollens Cats Hooft Huygens Erasmus Spinoza Thorbecke "
    "Juliana Beatrix Wilhelmina Emma Oranje Nassau Willem-Alexander Prins Bernhard Prinses Irene "
    "Prinses Margriet Prins Hendrik Groningen Friesland Drenthe Overijssel Gelderland Zeeland "
    "Brabant Limburg Utrecht Holland Rijn Maas Waal IJssel Lek Vecht Amstel Schelde Dommel "
    "Smeden Bakkers Kuipers Wevers Molenaars Brouwers Vissers Schippers Timmerlieden Kerk School "
    "Molen Station Dorps Nieuwe Hoofd Markt Haven Dijk Burg Slot Kloos Sport Park Veld Akker"
)
_STREET_TYPES = (
    ("straat", 40),
    ("laan", 18),
    ("weg", 14),
    ("plein", 4),
    ("hof", 4),
    ("gracht", 2),
    ("kade", 3),
    ("singel", 3),
    ("dreef", 2),
    ("pad", 2),
    ("steeg", 1),
    ("plantsoen", 2),
    ("park", 2),
    ("erf", 1),
)
_STREET_PERSONS = (
    "Burgemeester de Withstraat|Burgemeester Hoekstraweg|Dokter Schaepmanstraat|Pastoor van Arsstraat|"
    "Kapelaan Meijerstraat|Generaal Foulkesweg|Admiraal de Ruyterweg|Koningin Julianaplein|"
    "Prins Hendrikkade|Professor Lorentzlaan|Burgemeester Roëllstraat|Johan de Wittlaan|"
    "Van Heemstraweg|Jan Pieterszoon Coenstraat|Piet Heinstraat|Karel Doormanstraat|"
    "Anne Frankstraat|Martin Luther Kingpark|Dr. Ariënslaan|Wethouder van Essenstraat"
).split("|")


def build_streets() -> list[str]:
    """A fixed list of a few thousand Dutch-looking street names."""
    themes: list[str] = []
    words = _STREET_THEMES.split()
    # Multi-word themes: keep adjacent capitalised pairs that belong together.
    joined = {
        "Frans Hals",
        "Van Gogh",
        "Jan Steen",
        "Da Costa",
        "Prins Bernhard",
        "Prinses Irene",
        "Prinses Margriet",
        "Prins Hendrik",
    }
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in joined:
            themes.append(f"{words[i]} {words[i + 1]}")
            i += 2
        else:
            themes.append(words[i])
            i += 1
    streets: list[str] = []
    for theme in themes:
        for kind, _ in _STREET_TYPES:
            streets.append(f"{theme}{kind}")
    streets.extend(_STREET_PERSONS)
    return streets


STREETS: list[str] = build_streets()
STREET_TYPE_WEIGHTS = dict(_STREET_TYPES)

STREET_ABBREVIATIONS = (
    ("Burgemeester ", "Burg. "),
    ("Dokter ", "Dr. "),
    ("Professor ", "Prof. "),
    ("Koningin ", "Kon. "),
    ("Prinses ", "Pr. "),
    ("Prins ", "Pr. "),
    ("Generaal ", "Gen. "),
    ("Admiraal ", "Adm. "),
    ("Wethouder ", "Weth. "),
    ("Pastoor ", "Past. "),
    ("straat", "str."),
    ("straat", "str"),
    ("laan", "ln"),
    ("weg", "wg."),
    ("plein", "pln"),
)

SHELTER_STREETS = ("Opvangweg", "Daklozenopvang Leger des Heils", "Stationsplein", "Havenstraat")

PLACE_DESCRIPTIONS = (
    "slaapt bij het station",
    "slaapt in een portiek in het centrum",
    "zit vaak in het park bij de vijver",
    "bekend bij de nachtopvang",
    "verblijft in een tentje langs de snelweg",
    "loopt verward rond op de markt",
    "woont in een auto op de parkeerplaats bij de sporthal",
    "hangt rond bij de supermarkt",
    "slaapt onder het viaduct",
    "bedelt bij de ingang van het winkelcentrum",
    "overnacht in de fietsenstalling van het station",
    "zit overdag in de bibliotheek",
    "slaapt in een schuurtje bij de volkstuinen",
    "zwerft rond de haven",
)
