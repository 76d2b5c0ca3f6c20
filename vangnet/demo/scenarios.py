"""The demo story: organisations, users and ~50 meldingen with their follow-up.

Plain data only; ``builders.py`` turns it into records through the real
services. Everything is fictional: the places (Rivierstad, Polderveen), the
organisations and the people. Day numbers are "days ago" for a melding and
"days after the melding" for what happens next.

Event tuples in ``events``:
- ("poging", day, type, result, note, [worker keys], with_police)
- ("notitie", day, author key, text)
- ("fase", day, to_phase, reason, by key)
- ("consultant", day, user key)   # the psychiatrist joins the casus
"""

from vangnet.accounts.models import Role

DEMO_PASSWORD = "vangnet-demo-wachtwoord"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
DEMO_SEED = 20260501

GEMEENTEN = ["Gemeente Rivierstad", "Gemeente Polderveen"]
CITY_GEMEENTE = {"Rivierstad": "Gemeente Rivierstad", "Polderveen": "Gemeente Polderveen"}

# key: (name, kind, runs_meldpunt, does_bemoeizorg, gemeenten)
ORGANISATIONS = {
    "ggd": ("GGD Rivierstad-Polderveen", "ggd", True, True, GEMEENTEN),
    "fact": ("GGZ Polderveen", "ggz", False, False, GEMEENTEN),
    "politie": ("Politie basisteam Rivierstad-Polderveen", "politie", False, False, GEMEENTEN),
    "corporatie": ("Woonstichting Polderhof", "woningcorporatie", False, False, ["Gemeente Polderveen"]),
}
GGD_KEY = "ggd"

# key: (organisation key, name, is_bemoeizorgteam)
TEAMS = {
    "bz": ("ggd", "Bemoeizorgteam", True),
    "meldpunt": ("ggd", "Meldpunt Zorgwekkend Gedrag", False),
    "fact": ("fact", "FACT-team Polderveen", False),
}

# username: (first name, last name, role, organisation key, team keys, beheerder?)
USERS = {
    "fatima": ("Fatima", "El Amrani", Role.MELDPUNT, "ggd", ["meldpunt"]),
    "joost": ("Joost", "Verhoeven", Role.MELDPUNT, "ggd", ["meldpunt"]),
    "sanne": ("Sanne", "de Vries", Role.BEMOEIZORGER, "ggd", ["bz"]),
    "kees": ("Kees", "Bakker", Role.BEMOEIZORGER, "ggd", ["bz"]),
    "ayse": ("Ayşe", "Yılmaz", Role.BEMOEIZORGER, "fact", ["fact"]),
    "marieke": ("Marieke", "Jansen", Role.TEAMLEIDER, "ggd", ["bz", "meldpunt"]),
    "ruben": ("Ruben", "Peters", Role.CONSULTANT, "ggd", ["bz"]),
    "henk": ("Henk", "Mulder", Role.PARTNER, "politie", []),
    "linda": ("Linda", "Smit", Role.PARTNER, "corporatie", []),
    "thomas": ("Thomas", "Visser", Role.BEHEERDER, "ggd", []),
    # A second beheerder, so the four-eyes approvals can be tried in the demo.
    "els": ("Els", "de Boer", Role.BEHEERDER, "ggd", []),
}

ROLE_ENGLISH = {
    Role.MELDPUNT: "reporting desk worker",
    Role.BEMOEIZORGER: "outreach worker",
    Role.TEAMLEIDER: "team lead",
    Role.CONSULTANT: "psychiatrist / consultant",
    Role.PARTNER: "network partner",
    Role.BEHEERDER: "application manager (admin)",
}

STREETS = {
    "Rivierstad": ["Havenkade", "Dijkstraat", "Molenweg", "Kerkplein", "Bloemenlaan", "Stationsstraat", "Wilgenhof"],
    "Polderveen": ["Slotenweg", "Gemaalstraat", "Kievitlaan", "Veenkade", "Boerderijpad", "Rietlanden"],
}

NOTE = "notitie"
TRY = "poging"
PHASE = "fase"
CONSULT = "consultant"

# Betrokkene: given/tv/surname/sex/age/dob (exact date known?)/bsn (known?)/city/place.
# Melder: type, name, relation, anonymous, feedback.

SCENARIOS = [
    # ------------------------------------------------------------------ nog te triëren
    dict(
        key="u-postbus", days_ago=0, by="fatima", channel="telefoon",
        melder=dict(type="buurtbewoner", name="mevrouw Lammers", relation="buurvrouw", feedback=True),
        person=dict(given="Gerrit", surname="Hoogland", sex="M", age=71, city="Polderveen"),
        categories=["verwaarlozing-woning", "sociaal-isolement"],
        description="Buurvrouw belt: meneer Hoogland laat zich al weken niet meer zien. De brievenbus puilt uit, "
        "er hangt een vieze lucht in het portiek en de vuilniszakken staan op het balkon. Hij is sinds de dood "
        "van zijn vrouw vorig jaar erg op zichzelf.",
    ),
    dict(
        key="u-dochter", days_ago=0, by="joost", channel="web",
        melder=dict(type="naaste", name="Ilse Brandsma", relation="dochter", feedback=True),
        person=dict(given="Trijntje", surname="Brandsma", sex="V", age=83, dob=True, bsn=True, city="Rivierstad"),
        categories=["dementie", "verwaarlozing-zelf"],
        urgency=["geen_voedsel"],
        description="Mijn moeder vergeet te eten en laat het gas aan staan. Ze wil geen thuiszorg, zegt dat alles "
        "goed gaat. Ik woon zelf in Groningen en kan niet vaker dan eens per twee weken komen. De huisarts "
        "kent haar nauwelijks.",
    ),
    dict(
        key="u-politie-verward", days_ago=1, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Sem", surname="Koopmans", sex="M", age=24, city="Rivierstad"),
        categories=["psychisch", "overlast"],
        description="E33-melding: jongeman liep om 02:10 uur schreeuwend over de Havenkade, zei dat hij "
        "gevolgd werd door de buren. Rustig geworden na gesprek, thuisgebracht. Geen strafbare feiten. "
        "Ouders maken zich ernstig zorgen; hij slaapt nauwelijks.",
    ),
    dict(
        key="u-vrouw-nacht", days_ago=2, by="henk", channel="politie",
        melder=dict(type="politie", relation="surveillance nachtdienst"),
        person=dict(sex="V", estimated_age=70, city="Polderveen",
                    place="Vrouw, ongeveer 70 jaar, grijze jas, loopt 's nachts verward rond bij winkelcentrum De Polder"),
        categories=["dementie", "psychisch"],
        description="Derde keer deze maand aangetroffen rond 03:00 uur bij winkelcentrum De Polder. Noemt geen "
        "naam en geen adres, zegt dat ze 'naar huis gaat'. Loopt daarna richting de Veenkade. Niet koud of "
        "gewond, wel verward.",
    ),
    dict(
        key="u-huisarts", days_ago=5, by="fatima", channel="email",
        melder=dict(type="huisarts", name="POH-GGZ praktijk Molenweg", relation="POH-GGZ", feedback=True),
        person=dict(given="Yvonne", surname="Scholten", sex="V", age=39, dob=True, bsn=True, city="Rivierstad"),
        categories=["psychisch", "sociaal-isolement"],
        description="Patiënte zegt al drie afspraken af, neemt de telefoon niet meer op. Bij het laatste contact "
        "somber, sprak over 'het niet meer zien zitten' maar geen concreet plan. Verzoek om outreachend "
        "contact; wij kunnen niet op huisbezoek.",
    ),
    dict(
        key="u-corporatie-overlast", days_ago=6, by="linda", channel="partner",
        melder=dict(type="woningcorporatie", relation="woonconsulent"),
        person=dict(given="Ferdinand", tussenvoegsel="van", surname="Leeuwen", sex="M", age=56, bsn=True,
                    city="Polderveen"),
        categories=["overlast", "huisuitzetting", "vervuiling-hoarding"],
        urgency=["huisuitzetting"],
        description="Veel klachten van buren over stank en ongedierte. Bij de laatste woningschouw zagen we "
        "dat de woning vol staat met spullen; meneer werkt niet mee. Huurachterstand van vier maanden. "
        "We willen ontruiming voorkomen en zoeken samenwerking.",
    ),
    dict(
        key="u-portiek", days_ago=9, by="joost", channel="telefoon",
        melder=dict(type="buurtbewoner", anonymous=True),
        person=dict(sex="M", estimated_age=50, city="Rivierstad",
                    place="Man, ongeveer 50 jaar, slaapt in het portiek van de Stationsstraat 40-52, heeft een rode tas"),
        categories=["dakloosheid", "verslaving"],
        description="Anonieme beller: al twee weken slaapt er een man in ons portiek. Hij drinkt veel en "
        "plast in het trappenhuis. Niet agressief, wel zielig. Beller wil niet dat de man weet wie gebeld heeft.",
    ),
    dict(
        key="u-zus", days_ago=3, by="fatima", channel="telefoon",
        melder=dict(type="naaste", name="Petra Zwart", relation="zus", feedback=True),
        person=dict(given="Harm", surname="Zwart", sex="M", age=47, city="Polderveen"),
        categories=["verslaving", "schulden"],
        description="Zus belt: haar broer is na zijn scheiding gaan drinken, heeft zijn baan verloren en opent "
        "geen post meer. Ze heeft een brief van de deurwaarder op de mat zien liggen. Hij wil niet met haar "
        "praten over hulp.",
    ),
    # ------------------------------------------------------------------ getrieerd zonder casus
    dict(
        key="g-burenruzie", days_ago=62, by="joost", channel="telefoon",
        melder=dict(type="buurtbewoner", name="dhr. Evers", relation="buurman"),
        person=dict(given="Karin", surname="Lubbers", sex="V", age=52, city="Rivierstad"),
        categories=["overlast"],
        description="Buurman klaagt dat de buurvrouw haar heg niet snoeit en 's avonds hard muziek draait.",
        triage=dict(outcome="geen_actie", by="joost",
                    reason="Burenconflict zonder signalen van zorgwekkend gedrag. Melder gewezen op buurtbemiddeling."),
    ),
    dict(
        key="g-ingetrokken", days_ago=44, by="fatima", channel="telefoon",
        melder=dict(type="naaste", name="Mirjam Prins", relation="schoonzus"),
        person=dict(given="Ronald", surname="Prins", sex="M", age=58, city="Polderveen"),
        categories=["psychisch"],
        description="Schoonzus maakt zich zorgen: zwager is somber sinds zijn ontslag en zit de hele dag binnen.",
        triage=dict(outcome="geen_actie", by="fatima", care="ja", care_detail="Huisarts en POH-GGZ",
                    reason="Melder belde terug: betrokkene heeft zelf hulp gezocht bij de huisarts en is in "
                    "behandeling bij de POH-GGZ. Geen rol voor het meldpunt."),
    ),
    dict(
        key="g-al-fact", days_ago=27, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Dirk", surname="Veenstra", sex="M", age=44, bsn=True, city="Polderveen"),
        categories=["psychisch", "overlast"],
        description="Meneer stond te roepen bij de bushalte dat de overheid zijn gedachten leest. Bekend "
        "bij ons van eerdere E33-meldingen.",
        triage=dict(outcome="geen_actie", by="joost", care="ja", care_detail="FACT-team Polderveen",
                    partners="ja", partners_detail="GGZ Polderveen (FACT)",
                    reason="Betrokkene is in zorg bij het FACT-team; het team is direct geïnformeerd en "
                    "intensiveert het contact. Geen actie meldpunt."),
    ),
    dict(
        key="g-dubbel", days_ago=15, by="joost", channel="web",
        melder=dict(type="buurtbewoner", name="familie Kroon", relation="overburen"),
        person=dict(given="Ans", surname="Wolters", sex="V", age=79, city="Rivierstad"),
        categories=["sociaal-isolement"],
        description="Wij zien mevrouw Wolters nooit meer buiten. Vroeger deed ze altijd boodschappen.",
        triage=dict(outcome="geen_actie", by="joost", care="ja", care_detail="Wijkverpleging (dagelijks)",
                    reason="Navraag bij de wijkverpleging: mevrouw krijgt dagelijks zorg en maaltijden aan huis; "
                    "zij wil zelf niet meer naar buiten. Geen zorgwekkende situatie."),
    ),
    dict(
        key="a-vader", days_ago=101, by="fatima", channel="telefoon",
        melder=dict(type="naaste", name="Hans Timmer", relation="zoon", feedback=True),
        person=dict(given="Jan", surname="Timmer", sex="M", age=80, city="Polderveen"),
        categories=["dementie"],
        description="Vader wordt steeds vergeetachtiger, betaalt rekeningen dubbel of niet.",
        triage=dict(outcome="advies", by="fatima",
                    reason="Advies aan zoon: samen met vader naar de huisarts voor geheugenonderzoek; informatie "
                    "gegeven over casemanager dementie en bewindvoering."),
    ),
    dict(
        key="a-tuin", days_ago=77, by="joost", channel="email",
        melder=dict(type="buurtbewoner", name="W. Groen", relation="buurman"),
        person=dict(given="Bert", surname="Kramer", sex="M", age=63, city="Rivierstad"),
        categories=["verwaarlozing-woning"],
        description="De tuin van de buurman is een vuilnisbelt geworden; er lopen ratten.",
        triage=dict(outcome="advies", by="joost",
                    reason="Geen aanwijzingen voor zelfverwaarlozing of psychische problemen. Advies: melding "
                    "bij de gemeente (openbare ruimte) en eerst zelf het gesprek aangaan."),
    ),
    dict(
        key="a-collega", days_ago=36, by="fatima", channel="telefoon",
        melder=dict(type="anders", name="Sandra Post", relation="collega"),
        person=dict(given="Michiel", surname="Dekker", sex="M", age=41, city="Rivierstad"),
        categories=["verslaving"],
        description="Collega ruikt 's ochtends naar drank en valt soms in slaap op het werk.",
        triage=dict(outcome="advies", by="fatima",
                    reason="Advies aan melder: bespreek het met de leidinggevende en de bedrijfsarts; verwezen "
                    "naar de anonieme informatielijn verslavingszorg."),
    ),
    dict(
        key="a-eenzaam", days_ago=8, by="joost", channel="web",
        melder=dict(type="wijkteam", name="Wijkteam Rivierstad-Oost", relation="wijkcoach"),
        person=dict(given="Truus", surname="Bosman", sex="V", age=86, city="Rivierstad"),
        categories=["sociaal-isolement"],
        description="Mevrouw belt vaak naar het wijkteam omdat ze eenzaam is; wil graag aanspraak.",
        triage=dict(outcome="advies", by="joost",
                    reason="Advies aan wijkteam: maatjesproject en dagbesteding voor ouderen; geen bemoeizorg nodig."),
    ),
    dict(
        key="d-schulden", days_ago=92, by="linda", channel="partner",
        melder=dict(type="woningcorporatie", relation="incassomedewerker"),
        person=dict(given="Nadia", surname="Bouzid", sex="V", age=34, bsn=True, city="Polderveen"),
        categories=["schulden", "huisuitzetting"],
        urgency=["huisuitzetting", "kinderen"],
        description="Huurster met twee kinderen heeft drie maanden huurachterstand en reageert niet op brieven.",
        triage=dict(outcome="doorverwijzen", by="fatima", referred_to="Schuldhulpverlening gemeente Polderveen",
                    partners="ja", partners_detail="Woonstichting Polderhof",
                    reason="Mevrouw was telefonisch bereikbaar en staat open voor hulp; warm doorverwezen."),
    ),
    dict(
        key="d-ouder", days_ago=68, by="fatima", channel="telefoon",
        melder=dict(type="buurtbewoner", name="mevrouw Smeets", relation="buurvrouw"),
        person=dict(given="Hendrik", surname="Bosch", sex="M", age=88, city="Polderveen"),
        categories=["sociaal-isolement", "lichamelijk"],
        description="Meneer valt vaak, ligt soms uren op de grond voor iemand hem vindt.",
        triage=dict(outcome="doorverwijzen", by="fatima", referred_to="Wijkteam Polderveen (ouderenadviseur)",
                    reason="Geen zorgmijding: meneer wil graag hulp maar weet de weg niet. Doorverwezen."),
    ),
    dict(
        key="d-verslaving", days_ago=49, by="joost", channel="email",
        melder=dict(type="zorgaanbieder", name="Thuiszorg Rivierstad", relation="wijkverpleegkundige"),
        person=dict(given="Ellen", surname="Hofman", sex="V", age=57, bsn=True, city="Rivierstad"),
        categories=["verslaving"],
        description="Cliënte drinkt fors, valt en heeft blauwe plekken. Zij wil wel praten over minderen.",
        triage=dict(outcome="doorverwijzen", by="joost", referred_to="Verslavingszorg, via de huisarts",
                    care="ja", care_detail="Thuiszorg Rivierstad",
                    reason="Betrokkene is gemotiveerd; reguliere verslavingszorg past."),
    ),
    dict(
        key="d-veilig-thuis", days_ago=22, by="fatima", channel="telefoon",
        melder=dict(type="buurtbewoner", anonymous=True),
        person=dict(given="Lotte", surname="Vermeulen", sex="V", age=29, city="Polderveen"),
        categories=["psychisch", "agressie-gevaar"],
        urgency=["kinderen"],
        description="Veel geschreeuw in huis, kinderen huilen 's avonds lang. Moeder lijkt overbelast.",
        triage=dict(outcome="doorverwijzen", by="fatima", referred_to="Veilig Thuis",
                    reason="Zorgen over de veiligheid van de kinderen: hoort bij Veilig Thuis. Melding overgedragen."),
    ),
    dict(
        key="d-lvb", days_ago=13, by="joost", channel="web",
        melder=dict(type="wijkteam", name="Wijkteam Polderveen", relation="wijkcoach"),
        person=dict(given="Rick", surname="Mol", sex="M", age=22, city="Polderveen"),
        categories=["lvb", "schulden"],
        description="Jongeman wordt financieel uitgebuit door 'vrienden' die bij hem inwonen.",
        triage=dict(outcome="doorverwijzen", by="joost", referred_to="VG-zorg (ambulante begeleiding) en bewindvoering",
                    partners="ja", partners_detail="Wijkteam Polderveen",
                    reason="Wijkteam heeft contact; specialistische begeleiding nodig, geen bemoeizorg."),
    ),
    dict(
        key="d-jonge-vrouw", days_ago=31, by="fatima", channel="telefoon",
        melder=dict(type="naaste", name="Marja Kok", relation="moeder"),
        person=dict(given="Fleur", surname="Kok", sex="V", age=19, city="Rivierstad"),
        categories=["psychisch"],
        description="Dochter eet slecht en sluit zich op; wil wel naar de huisarts als ik meega.",
        triage=dict(outcome="doorverwijzen", by="fatima", referred_to="Huisarts",
                    reason="Dochter staat open voor hulp; huisarts is de juiste eerste stap."),
    ),
    dict(
        key="w-camera", days_ago=26, by="joost", channel="telefoon",
        melder=dict(type="buurtbewoner", name="mevrouw Aksoy", relation="buurvrouw", feedback=True),
        person=dict(given="Wouter", surname="Schouten", sex="M", age=50, dob=True, bsn=True, city="Rivierstad"),
        categories=["psychisch", "agressie-gevaar"],
        urgency=["gevaar_anderen"],
        description="Buurman denkt dat er camera's in zijn muren zitten en dat wij hem afluisteren. Hij heeft "
        "met een hamer op onze deur geslagen. Hij weigert elke hulp en zijn familie durft niet meer langs.",
        triage=dict(outcome="wvggz", by="joost", partners="ja", partners_detail="Politie (meerdere E33-meldingen)",
                    reason="Signalen van ernstig nadeel en een mogelijke psychiatrische stoornis; vrijwillige zorg "
                    "is geweigerd. Verkennend onderzoek Wvggz gestart (binnen 14 dagen)."),
    ),
    dict(
        key="w-recent", days_ago=6, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Lisa", tussenvoegsel="de", surname="Graaf", sex="V", age=33, bsn=True, city="Polderveen"),
        categories=["psychisch", "verwaarlozing-zelf"],
        urgency=["gevaar_zelf", "geen_voedsel"],
        description="Mevrouw eet al dagen niet, zegt dat het eten vergiftigd is. Woning zonder stroom. "
        "Eerdere opname in de kliniek volgens de moeder.",
        triage=dict(outcome="wvggz", by="fatima", acute="onbekend", care="onbekend",
                    reason="Wvggz verkennend onderzoek gestart; psychiater van het team kijkt mee. Moeder geïnformeerd."),
    ),
    dict(
        key="k-suicidaal", days_ago=58, by="fatima", channel="telefoon",
        melder=dict(type="betrokkene", name="(betrokkene zelf)"),
        person=dict(given="Iris", surname="Willemsen", sex="V", age=27, city="Rivierstad"),
        categories=["psychisch"],
        urgency=["gevaar_zelf"],
        description="Mevrouw belt zelf en zegt dat ze er vanavond een eind aan wil maken.",
        triage=dict(outcome="crisisdienst", by="fatima", acute="ja", delay_minutes=5,
                    reason="Acuut gevaar: direct doorgezet naar de GGZ-crisisdienst; crisisdienst heeft "
                    "binnen het uur contact gehad."),
    ),
    dict(
        key="k-mes", days_ago=17, by="henk", channel="politie",
        melder=dict(type="politie", relation="noodhulp"),
        person=dict(given="Thijs", surname="Baars", sex="M", age=36, bsn=True, city="Polderveen"),
        categories=["agressie-gevaar", "psychisch"],
        urgency=["gevaar_anderen"],
        description="Man liep met een mes over straat en riep dat iedereen tegen hem was. Aangehouden, "
        "crisisdienst ter plaatse gevraagd.",
        triage=dict(outcome="crisisdienst", by="joost", acute="ja", delay_minutes=20,
                    reason="Acute situatie is door politie en crisisdienst opgepakt; IBS-traject loopt daar."),
    ),
    # ------------------------------------------------------------------ casussen
    dict(
        key="c-postma", days_ago=24, by="fatima", channel="telefoon",
        melder=dict(type="buurtbewoner", name="mevrouw Hiemstra", relation="buurvrouw", feedback=True),
        person=dict(given="Hendrika", roepnaam="Riek", surname="Postma", sex="V", age=78, dob=True, bsn=True,
                    city="Polderveen"),
        categories=["vervuiling-hoarding", "verwaarlozing-zelf", "dementie"],
        description="Mevrouw Postma doet de deur niet meer open. Door het raam zie je stapels kranten en zakken. "
        "Ze loopt in dezelfde kleren en lijkt vermagerd. Haar kat is een maand geleden doodgegaan.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="sanne", duo=["kees"],
                    reason="Zorgmijdende oudere met zelfverwaarlozing; niet bekend bij zorg."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Gordijnen dicht, brievenbus vol. Geen reactie op aanbellen.", ["sanne", "kees"], False),
            (TRY, 1, "briefje", "geen_gehoor", "Kaartje met naam, foto en telefoonnummer door de brievenbus.", ["sanne"], False),
            (TRY, 3, "telefoon", "geen_gehoor", "Vast nummer via buurvrouw: gaat over, niet opgenomen.", ["kees"], False),
            (TRY, 6, "huisbezoek", "geweigerd", "Mevrouw praat door de brievenbus: 'Ik heb niks nodig, ga weg.'", ["sanne", "kees"], False),
            (NOTE, 6, "sanne", "Besproken met Marieke: blijven komen, vast moment op dinsdagochtend, elke keer een kaartje."),
            (TRY, 9, "netwerk", "geen_gehoor", "Huisarts gebeld: mevrouw is al twee jaar niet op het spreekuur geweest.", ["sanne"], False),
            (TRY, 13, "huisbezoek", "geen_gehoor", "Dinsdagochtend, niemand doet open. Licht brandt in de keuken.", ["sanne", "kees"], False),
            (TRY, 16, "briefje", "geen_gehoor", "Tweede kaartje, met een bloemetje bij de deur gezet.", ["kees"], False),
            (TRY, 20, "huisbezoek", "geweigerd", "Bloemetje was binnengehaald. Deur bleef dicht, maar mevrouw zei 'dank je wel'.", ["sanne", "kees"], False),
        ],
    ),
    dict(
        key="c-postma-2", days_ago=11, by="linda", channel="partner", same_person="c-postma",
        melder=dict(type="woningcorporatie", relation="woonconsulent"),
        categories=["vervuiling-hoarding"],
        description="Ook bij ons komen klachten binnen over stank uit de woning van mevrouw Postma. De cv-ketel "
        "moet worden gekeurd maar we komen er niet in.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"], partners="ja",
                    partners_detail="Bemoeizorgteam (casus loopt)",
                    reason="Loopt al in bemoeizorg; melding toegevoegd aan de casus."),
    ),
    dict(
        key="c-kuipers", days_ago=3, by="joost", channel="telefoon",
        melder=dict(type="buurtbewoner", anonymous=True),
        person=dict(given="Dennis", surname="Kuipers", sex="M", estimated_age=35, city="Rivierstad"),
        categories=["overlast", "verslaving"],
        description="Buurman op de tweede verdieping schreeuwt 's nachts, er komen steeds vreemde mensen over "
        "de vloer en hij ziet er slecht uit. Beller wil anoniem blijven.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="kees", duo=["sanne"], delay_minutes=90,
                    reason="Overlast met signalen van verslaving; niet in zorg bekend."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Aangebeld om 10:30, niet open gedaan. Muziek hoorbaar.", ["kees", "sanne"], False),
        ],
    ),
    dict(
        key="c-fietsenstalling", days_ago=2, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(sex="M", estimated_age=45, city="Rivierstad",
                    place="Man, ongeveer 45 jaar, baard, slaapt in de fietsenstalling bij station Rivierstad"),
        categories=["dakloosheid", "psychisch"],
        description="Man slaapt al een week in de fietsenstalling. Praat in zichzelf, wil geen naam noemen. "
        "Weigert de nachtopvang.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], delay_minutes=1500,
                    partners="ja", partners_detail="Politie",
                    reason="Dakloze man met mogelijk psychische problematiek; eerst contact leggen op de vindplek."),
    ),
    dict(
        key="c-dewit", days_ago=55, by="fatima", channel="email",
        melder=dict(type="huisarts", name="Huisartsenpraktijk De Dijk", relation="huisarts", feedback=True),
        person=dict(given="Marco", tussenvoegsel="de", surname="Wit", sex="M", age=42, dob=True, bsn=True,
                    city="Rivierstad"),
        categories=["psychisch", "verslaving"],
        description="Meneer gebruikt cocaïne en alcohol, heeft psychotische episodes gehad. Komt afspraken niet na; "
        "wij maken ons zorgen over zijn gewichtsverlies en de schulden.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], partners="ja",
                    partners_detail="Huisarts", reason="Dubbele problematiek, zorgmijdend."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Niet thuis of doet niet open.", ["kees", "sanne"], False),
            (TRY, 3, "telefoon", "geen_gehoor", "Voicemail ingesproken.", ["kees"], False),
            (TRY, 5, "briefje", "geen_gehoor", "Kaartje in de bus.", ["kees"], False),
            (TRY, 8, "huisbezoek", "kort_contact", "Deur ging op een kier. Kort gesproken, kaartje aangenomen.", ["kees", "sanne"], False),
            (TRY, 12, "huisbezoek", "gesprek", "Binnen gelaten. Koffie gedronken; hij vertelt over zijn schulden en slapeloosheid.", ["kees", "sanne"], False),
            (PHASE, 12, "verkennen", "", "kees"),
            (CONSULT, 14, "ruben"),
            (NOTE, 14, "ruben", "Meegelezen: geen aanwijzingen voor acute psychose. Advies: slaap en middelengebruik als ingang."),
            (TRY, 25, "telefoon", "gesprek", "Belt zelf terug; wil hulp bij de post.", ["kees"], False),
            (TRY, 40, "huisbezoek", "gesprek", "Samen de post doorgenomen, drie aanmaningen.", ["kees"], False),
            (NOTE, 40, "kees", "Leefgebieden: wonen onzeker (huurachterstand), financiën slecht, geen dagbesteding, contact met broer."),
        ],
    ),
    dict(
        key="c-dewit-politie", days_ago=20, by="henk", channel="politie", same_person="c-dewit",
        person_override=dict(bsn=False, dob=False),
        melder=dict(type="politie", relation="wijkagent"),
        categories=["overlast"],
        description="Melding van geluidsoverlast en geschreeuw 's nachts bij meneer de Wit. Ter plaatse rustig.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="kees", duo=["sanne"], partners="ja",
                    partners_detail="Bemoeizorgteam", reason="Casus loopt; informatie gedeeld met casusregisseur."),
    ),
    dict(
        key="c-kowalczyk", days_ago=35, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Tomasz", surname="Kowalczyk", sex="M", estimated_age=38, city="Polderveen",
                    place="Slaapt in een grijze Opel op het parkeerterrein van industrieterrein De Veenkade"),
        categories=["dakloosheid", "verslaving", "schulden"],
        description="Poolse man, verloor zijn werk via het uitzendbureau en daarmee zijn huisvesting. Slaapt in "
        "zijn auto. Geen BSN: niet ingeschreven in de BRP. Spreekt weinig Nederlands, wel wat Engels.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="sanne", duo=["kees"],
                    reason="EU-burger zonder inschrijving en zonder dak; bemoeizorg voor contact en perspectief."),
        events=[
            (TRY, 1, "straat", "geen_gehoor", "Auto aangetroffen, niemand in de buurt.", ["sanne", "kees"], False),
            (TRY, 2, "straat", "kort_contact", "'s Avonds bij de auto, kort in het Engels gesproken. Wantrouwig.", ["sanne", "kees"], True),
            (TRY, 6, "straat", "gesprek", "Met vertaalapp gesproken over werk, schulden bij het uitzendbureau en terugkeer.", ["sanne"], False),
            (PHASE, 6, "verkennen", "", "sanne"),
            (NOTE, 7, "sanne", "Geen BSN. Uitgezocht: inschrijving BRP mogelijk met briefadres; anders terugkeerbegeleiding."),
            (TRY, 20, "straat", "gesprek", "Wil terug naar Polen als hij zijn loon krijgt. Samen naar het uitzendbureau.", ["sanne"], False),
        ],
    ),
    dict(
        key="c-brouwer", days_ago=40, by="joost", channel="telefoon",
        melder=dict(type="naaste", name="Anja Brouwer", relation="moeder", feedback=True),
        person=dict(given="Jeroen", surname="Brouwer", sex="M", age=29, dob=True, bsn=True, city="Polderveen"),
        categories=["psychisch", "sociaal-isolement"],
        description="Mijn zoon zit al maanden op zijn kamer, heeft de ramen afgeplakt en zegt dat de buren "
        "stralen op hem richten. Hij wil niet naar de dokter.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"],
                    reason="Mogelijke psychose, zorgmijdend; FACT-team Polderveen denkt mee."),
        events=[
            (TRY, 1, "huisbezoek", "geweigerd", "Moeder liet ons binnen, Jeroen bleef op zijn kamer.", ["sanne", "kees"], False),
            (TRY, 4, "huisbezoek", "kort_contact", "Door de deur gepraat; hij vroeg of wij van de overheid zijn.", ["sanne", "kees"], False),
            (TRY, 8, "huisbezoek", "gesprek", "Samen een stukje gewandeld. Slaapt slecht, hoort stemmen.", ["sanne"], False),
            (PHASE, 8, "verkennen", "", "sanne"),
            (CONSULT, 10, "ruben"),
            (NOTE, 11, "ruben", "Signalen van psychose, geen acuut gevaar. Wvggz nu niet aan de orde; vertrouwen opbouwen."),
            (TRY, 22, "huisbezoek", "gesprek", "Wil misschien wel 'iets voor de slaap'.", ["sanne", "kees"], False),
        ],
    ),
    dict(
        key="c-vandenberg", days_ago=70, by="linda", channel="partner",
        melder=dict(type="woningcorporatie", relation="woonconsulent"),
        person=dict(given="Wilma", tussenvoegsel="van den", surname="Berg", sex="V", age=61, dob=True, bsn=True,
                    city="Polderveen"),
        categories=["schulden", "huisuitzetting", "sociaal-isolement"],
        urgency=["huisuitzetting"],
        description="Mevrouw heeft vijf maanden huurachterstand en reageert nergens op. We willen een "
        "ontruiming voorkomen.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], partners="ja",
                    partners_detail="Woonstichting Polderhof", reason="Dreigende huisuitzetting, zorgmijdend."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Niet thuis.", ["kees", "sanne"], False),
            (TRY, 2, "briefje", "geen_gehoor", "Briefje: wij komen donderdag terug.", ["kees"], False),
            (TRY, 5, "huisbezoek", "gesprek", "Mevrouw was thuis en schaamt zich. Stapel ongeopende post.", ["kees", "sanne"], False),
            (PHASE, 10, "verkennen", "", "kees"),
            (TRY, 20, "huisbezoek", "gesprek", "Inkomen en vaste lasten op een rij gezet.", ["kees"], False),
            (PHASE, 35, "toeleiding", "", "kees"),
            (NOTE, 35, "kees", "Aanmelding schuldhulpverlening gedaan; met corporatie een betalingsregeling afgesproken."),
            (TRY, 50, "telefoon", "gesprek", "Intake schuldhulp was goed; volgende week samen naar budgetbeheer.", ["kees"], False),
        ],
    ),
    dict(
        key="c-vandenberg-deurwaarder", days_ago=45, by="fatima", channel="telefoon", same_person="c-vandenberg",
        melder=dict(type="anders", name="Gerechtsdeurwaarder Van Dam", relation="deurwaarder"),
        categories=["schulden"],
        description="Deurwaarder meldt dat er beslag ligt op de uitkering; mevrouw lijkt niet te begrijpen wat er gebeurt.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"],
                    reason="Casus loopt; informatie toegevoegd."),
    ),
    dict(
        key="c-benali", days_ago=80, by="fatima", channel="email",
        melder=dict(type="wijkteam", name="Wijkteam Rivierstad-West", relation="wijkcoach"),
        person=dict(given="Ahmed", surname="Benali", sex="M", age=52, bsn=True, city="Rivierstad"),
        categories=["verslaving", "sociaal-isolement"],
        description="Meneer drinkt de hele dag, is gevallen en heeft een wond aan zijn been die niet geneest.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="sanne", duo=["kees"],
                    reason="Zorgmijdend, lichamelijke risico's."),
        events=[
            (TRY, 1, "huisbezoek", "kort_contact", "Kort aan de deur, wond ziet er slecht uit.", ["sanne", "kees"], False),
            (TRY, 3, "huisbezoek", "gesprek", "Binnen gesproken; wil de huisarts niet zien maar wel de wijkverpleging.", ["sanne"], False),
            (PHASE, 3, "verkennen", "", "sanne"),
            (TRY, 30, "huisbezoek", "gesprek", "Wond geneest. Praat over zijn broer in Utrecht.", ["sanne"], False),
            (PHASE, 50, "toeleiding", "", "sanne"),
            (NOTE, 50, "sanne", "Intake verslavingszorg gepland; ik ga mee als vertrouwd gezicht."),
        ],
    ),
    dict(
        key="c-bos", days_ago=60, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Kevin", surname="Bos", sex="M", age=31, city="Rivierstad",
                    place="Overdag vaak bij de bankjes op het Kerkplein"),
        categories=["dakloosheid", "verslaving"],
        description="Jonge man zonder vaste woonplek, gebruikt, steelt af en toe eten. Wil geen opvang.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="kees", duo=["sanne"],
                    reason="Dakloos en zorgmijdend."),
        events=[
            (TRY, 1, "straat", "kort_contact", "Op het Kerkplein aangesproken; nam een broodje aan.", ["kees"], False),
            (TRY, 4, "straat", "gesprek", "Vertelt over uithuisplaatsing als kind en zijn moeder.", ["kees", "sanne"], False),
            (PHASE, 4, "verkennen", "", "kees"),
            (PHASE, 38, "toeleiding", "", "kees"),
            (NOTE, 38, "kees", "Aangemeld voor een plek bij de maatschappelijke opvang; wachtlijst van circa 6 weken."),
            (TRY, 52, "straat", "gesprek", "Nog geen plek. Slaapt bij een vriend.", ["kees"], False),
        ],
    ),
    dict(
        key="c-hulst", days_ago=95, by="joost", channel="web",
        melder=dict(type="naaste", name="Rob Meijer", relation="neef", feedback=True),
        person=dict(given="Gerda", surname="Hulst", sex="V", age=74, dob=True, bsn=True, city="Rivierstad"),
        categories=["dementie", "verwaarlozing-zelf"],
        description="Mijn tante woont alleen, vergeet te eten en de post. Laatst stond ze 's nachts op straat in "
        "haar nachthemd.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"],
                    reason="Vermoeden dementie, geen zorg in huis."),
        events=[
            (TRY, 1, "huisbezoek", "gesprek", "Vriendelijke ontvangst; mevrouw weet niet welke dag het is.", ["sanne", "kees"], False),
            (PHASE, 1, "verkennen", "", "sanne"),
            (TRY, 10, "huisbezoek", "gesprek", "Samen met neef; koelkast leeg, pillen door elkaar.", ["sanne"], False),
            (PHASE, 20, "toeleiding", "", "sanne"),
            (TRY, 45, "netwerk", "gesprek", "Huisarts bereid tot huisbezoek; indicatie wijkverpleging aangevraagd.", ["sanne"], False),
            (PHASE, 70, "overdracht", "", "sanne"),
            (NOTE, 70, "sanne", "Warme overdracht aan wijkverpleging en casemanager dementie; eerste gezamenlijke huisbezoek gepland."),
        ],
    ),
    dict(
        key="c-martina", days_ago=85, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Ricardo", surname="Martina", sex="M", age=33, bsn=True, city="Polderveen"),
        categories=["psychisch", "overlast"],
        description="Meneer bonkt 's nachts op muren en scheldt buren uit. Vorig jaar opgenomen geweest.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], partners="ja",
                    partners_detail="Politie", reason="Psychiatrische voorgeschiedenis, geen behandeling meer."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Niet open gedaan.", ["kees", "sanne"], False),
            (TRY, 2, "huisbezoek", "geweigerd", "'Ik heb geen zorg nodig.' Deur dicht.", ["kees", "sanne"], True),
            (TRY, 7, "straat", "kort_contact", "Bij de supermarkt tegengekomen, wilde wel even praten.", ["kees"], False),
            (TRY, 10, "huisbezoek", "gesprek", "Praat over zijn medicatie die hij zelf stopte.", ["sanne", "kees"], False),
            (PHASE, 10, "verkennen", "", "kees"),
            (PHASE, 30, "toeleiding", "", "kees"),
            (PHASE, 60, "overdracht", "", "kees"),
            (NOTE, 60, "kees", "Aangemeld bij FACT-team Polderveen (Ayşe Yılmaz); na drie gezamenlijke bezoeken neemt FACT de behandeling over."),
            (TRY, 70, "huisbezoek", "gesprek", "Gezamenlijk bezoek met FACT-team. Neemt weer medicatie.", ["kees"], False),
        ],
    ),
    dict(
        key="c-martina-buren", days_ago=50, by="joost", channel="telefoon", same_person="c-martina",
        person_override=dict(bsn=False),
        melder=dict(type="buurtbewoner", name="mevrouw Doornbos", relation="bovenbuurvrouw"),
        categories=["overlast"],
        description="Het is weer onrustig bij de benedenbuurman; hij heeft een ruit ingegooid.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="kees", duo=["sanne"],
                    reason="Casus loopt; regisseur geïnformeerd."),
    ),
    dict(
        key="c-hoekstra", days_ago=115, by="linda", channel="partner",
        melder=dict(type="woningcorporatie", relation="woonconsulent"),
        person=dict(given="Peter", surname="Hoekstra", sex="M", age=58, bsn=True, city="Polderveen"),
        categories=["vervuiling-hoarding", "overlast"],
        description="Woning staat tot het plafond vol met spullen; brandgevaar volgens de brandweer.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"],
                    reason="Hoarding met brandgevaar; zorgmijdend."),
        events=[
            (TRY, 1, "huisbezoek", "geweigerd", "Meneer staat in de deuropening, wil niet dat we binnenkomen.", ["sanne", "kees"], False),
            (TRY, 5, "huisbezoek", "kort_contact", "Praten over zijn verzameling oude radio's.", ["sanne"], False),
            (TRY, 9, "huisbezoek", "gesprek", "Binnen geweest. Looppaden vrijgemaakt afgesproken.", ["sanne", "kees"], False),
            (PHASE, 9, "verkennen", "", "sanne"),
            (PHASE, 40, "toeleiding", "", "sanne"),
            (PHASE, 70, "overdracht", "", "sanne"),
            (NOTE, 70, "sanne", "Overdracht aan ambulante woonbegeleiding; corporatie stemt in met een opruimplan."),
            (PHASE, 90, "nazorg", "", "sanne"),
            (NOTE, 90, "sanne", "Vinger aan de pols: maandelijks even langs, samen met de woonbegeleider."),
            (TRY, 105, "huisbezoek", "gesprek", "Looppaden vrij, rookmelders hangen.", ["sanne"], False),
        ],
    ),
    dict(
        key="c-koster", days_ago=110, by="fatima", channel="email",
        melder=dict(type="huisarts", name="Huisartsenpraktijk Polderveen", relation="huisarts", feedback=True),
        person=dict(given="Sandra", surname="Koster", sex="V", age=45, dob=True, bsn=True, city="Polderveen"),
        categories=["psychisch", "sociaal-isolement"],
        description="Patiënte komt al maanden de deur niet uit, angstklachten, laat boodschappen bezorgen.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"],
                    reason="Ernstige angst, geen behandeling."),
        events=[
            (TRY, 2, "telefoon", "kort_contact", "Neemt op; wil geen bezoek.", ["kees"], False),
            (TRY, 6, "huisbezoek", "gesprek", "Toch binnen gelaten. Spreken over haar angst om naar buiten te gaan.", ["kees"], False),
            (PHASE, 6, "verkennen", "", "kees"),
            (PHASE, 35, "toeleiding", "", "kees"),
            (PHASE, 60, "overdracht", "", "kees"),
            (NOTE, 60, "kees", "Warme overdracht aan de basis-GGZ; eerste twee afspraken samen gegaan."),
            (PHASE, 80, "nazorg", "", "kees"),
            (TRY, 100, "telefoon", "gesprek", "Gaat zelfstandig naar de behandeling. Loopt dagelijks een rondje.", ["kees"], False),
        ],
    ),
    dict(
        key="c-vos", days_ago=118, by="joost", channel="web",
        melder=dict(type="wijkteam", name="Wijkteam Rivierstad-Oost", relation="wijkcoach"),
        person=dict(given="Bram", surname="Vos", sex="M", age=27, dob=True, bsn=True, city="Rivierstad"),
        categories=["lvb", "schulden"],
        description="Jongeman met licht verstandelijke beperking, raakt steeds verder in de schulden en "
        "heeft geen begeleiding meer sinds zijn 18e.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"],
                    reason="Wijkteam komt er niet binnen; bemoeizorg voor contact en toeleiding."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Niet thuis.", ["sanne"], False),
            (TRY, 3, "huisbezoek", "gesprek", "Vriendelijk; begrijpt de brieven niet.", ["sanne", "kees"], False),
            (PHASE, 3, "verkennen", "", "sanne"),
            (PHASE, 25, "toeleiding", "", "sanne"),
            (PHASE, 55, "overdracht", "", "sanne"),
            (PHASE, 75, "nazorg", "", "sanne"),
            (PHASE, 100, "afgesloten",
             "Warme overdracht geslaagd: begeleiding vanuit VG-zorg en bewindvoering lopen stabiel; "
             "vinger aan de pols afgerond.", "sanne"),
        ],
    ),
    dict(
        key="c-meijer", days_ago=100, by="fatima", channel="telefoon",
        melder=dict(type="naaste", name="Tim Meijer", relation="broer"),
        person=dict(given="Anouk", surname="Meijer", sex="V", age=36, bsn=True, city="Polderveen"),
        categories=["psychisch", "verwaarlozing-zelf"],
        description="Zus is na een burn-out helemaal teruggetrokken, eet slecht en opent de deur niet.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], reason="Zorgmijdend, somber."),
        events=[
            (TRY, 2, "huisbezoek", "gesprek", "Open gesprek; wil verhuizen naar haar ouders in Zeeland.", ["kees"], False),
            (PHASE, 2, "verkennen", "", "kees"),
            (PHASE, 30, "afgesloten",
             "Mevrouw is verhuisd naar Zeeland; met haar toestemming overgedragen aan het meldpunt daar.", "kees"),
        ],
    ),
    dict(
        key="c-rivierpark", days_ago=75, by="joost", channel="telefoon",
        melder=dict(type="buurtbewoner", name="Kees Brink", relation="wandelaar"),
        person=dict(sex="M", estimated_age=25, city="Rivierstad",
                    place="Jonge man met hond, bivakkeert in een tentje in het Rivierpark bij de vijver"),
        categories=["dakloosheid", "psychisch"],
        description="Er woont een jongen met een hond in een tentje in het park. Hij praat tegen de bomen.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"], reason="Dakloos, verward."),
        events=[
            (TRY, 1, "straat", "kort_contact", "Bij de tent; hond eten gegeven. Noemt zich 'Jay'.", ["sanne", "kees"], False),
            (TRY, 3, "straat", "gesprek", "Praat over zijn hond en dat hij niet naar de opvang wil zonder hond.", ["sanne"], False),
            (PHASE, 3, "verkennen", "", "sanne"),
            (TRY, 10, "straat", "geen_gehoor", "Tent weg.", ["sanne"], False),
            (TRY, 14, "netwerk", "geen_gehoor", "Politie en dierenambulance gevraagd uit te kijken.", ["sanne"], False),
            (TRY, 25, "straat", "geen_gehoor", "Vindplekken langs de rivier: niet aangetroffen.", ["sanne", "kees"], False),
            (PHASE, 40, "uit_beeld",
             "Niet meer aangetroffen op vindplekken; netwerk (opvang, politie) gevraagd te melden bij een nieuw signaal.", "sanne"),
        ],
    ),
    dict(
        key="c-dijkstra", days_ago=105, by="henk", channel="politie",
        melder=dict(type="politie", relation="wijkagent"),
        person=dict(given="Cornelis", roepnaam="Cor", surname="Dijkstra", sex="M", age=66, dob=True, bsn=True,
                    city="Rivierstad"),
        categories=["psychisch", "vervuiling-hoarding"],
        description="Bekende zorgmijder, al jaren achterdochtig, woning vervuild. Buren klagen weer.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="sanne", duo=["kees"], partners="ja",
                    partners_detail="Politie, woningcorporatie", reason="Langdurig bekend, geen zorg."),
        events=[
            (TRY, 1, "huisbezoek", "kort_contact", "Meneer herkent Sanne van vroeger. Kort aan de deur.", ["sanne"], False),
            (TRY, 5, "huisbezoek", "gesprek", "Binnen; praat over zijn vader en de oorlog.", ["sanne", "kees"], False),
            (PHASE, 5, "verkennen", "", "sanne"),
            (CONSULT, 10, "ruben"),
            (NOTE, 12, "ruben", "Chronische psychotische stoornis, geen acuut gevaar; behandeling wordt niet geaccepteerd."),
            (PHASE, 45, "langdurig",
             "Meneer accepteert geen reguliere zorg. Met team besloten: langdurige bemoeizorg, wekelijks bezoek, "
             "psychiater op afroep.", "sanne"),
            (TRY, 60, "huisbezoek", "gesprek", "Wekelijks bezoek; koffie, post.", ["sanne"], False),
            (TRY, 74, "huisbezoek", "kort_contact", "Had geen zin, wel even aan de deur.", ["kees"], False),
            (TRY, 88, "huisbezoek", "gesprek", "Samen boodschappen gedaan.", ["sanne"], False),
            (TRY, 102, "huisbezoek", "gesprek", "Stabiel. Keuken schoongemaakt met hulp.", ["sanne"], False),
        ],
    ),
    dict(
        key="c-dijkstra-2", days_ago=64, by="henk", channel="politie", same_person="c-dijkstra",
        person_override=dict(bsn=False, dob=False),
        melder=dict(type="politie", relation="wijkagent"),
        categories=["overlast"],
        description="Buren melden geschreeuw. Meneer Dijkstra zegt dat de buren gif in zijn brievenbus doen.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="sanne", duo=["kees"],
                    reason="Casus loopt; toegevoegd."),
    ),
    dict(
        key="c-dijkstra-3", days_ago=19, by="henk", channel="politie", same_person="c-dijkstra",
        person_override=dict(bsn=False, dob=False),
        melder=dict(type="politie", relation="wijkagent"),
        categories=["overlast"],
        description="Opnieuw onrust in de flat; meneer rustig na gesprek met wijkagent.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="sanne", duo=["kees"],
                    reason="Casus loopt (langdurige bemoeizorg); toegevoegd."),
    ),
    dict(
        key="c-willems", days_ago=119, by="fatima", channel="telefoon",
        melder=dict(type="buurtbewoner", name="mevrouw Jacobs", relation="buurvrouw"),
        person=dict(given="Esther", surname="Willems", sex="V", age=49, dob=True, bsn=True, city="Rivierstad"),
        categories=["verwaarlozing-zelf", "psychisch"],
        description="Buurvrouw ziet er verwaarloosd uit, de rolluiken zijn al weken dicht.",
        triage=dict(outcome="bemoeizorg", by="fatima", regisseur="kees", duo=["sanne"], reason="Zorgmijdend."),
        events=[
            (TRY, 1, "huisbezoek", "geen_gehoor", "Rolluiken dicht.", ["kees"], False),
            (TRY, 2, "huisbezoek", "gesprek", "Mevrouw somber na overlijden moeder.", ["kees", "sanne"], False),
            (PHASE, 2, "verkennen", "", "kees"),
            (PHASE, 20, "toeleiding", "", "kees"),
            (PHASE, 40, "overdracht", "", "kees"),
            (PHASE, 50, "nazorg", "", "kees"),
            (PHASE, 75, "afgesloten", "Rouwbegeleiding en huisarts lopen; mevrouw werkt weer. Warme overdracht geslaagd.", "kees"),
        ],
    ),
    dict(
        key="c-willems-2", days_ago=9, by="joost", channel="telefoon", same_person="c-willems",
        person_override=dict(bsn=False),
        melder=dict(type="naaste", name="Marloes Willems", relation="zus", feedback=True),
        categories=["psychisch", "verslaving"],
        description="Mijn zus is teruggevallen: ze drinkt weer en is gestopt met werken. Ze had zo'n goed "
        "contact met jullie.",
        triage=dict(outcome="bemoeizorg", by="joost", regisseur="kees", duo=["sanne"], partners="ja",
                    partners_detail="Bemoeizorgteam (eerdere casus)",
                    reason="Eerder bekend; casus heropend met dezelfde casusregisseur (draaideur)."),
        events=[
            (TRY, 1, "telefoon", "gesprek", "Mevrouw herkent Kees; afspraak voor morgen.", ["kees"], False),
            (TRY, 2, "huisbezoek", "gesprek", "Open gesprek over de terugval.", ["kees", "sanne"], False),
            (PHASE, 3, "verkennen", "", "kees"),
        ],
    ),
]
