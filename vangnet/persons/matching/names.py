"""Dutch name normalisation for matching.

Everything here is a pure function of strings, so it is property-tested
(tests/persons/test_matching_names.py) and shared by import, search and dedup."""

import re
import unicodedata
from functools import lru_cache

# Tussenvoegsels in folded form (see ``fold``), longest first so "van der" wins over "van".
PREFIXES = sorted(
    {
        "van de",
        "van der",
        "van den",
        "van het",
        "van t",
        "van",
        "de",
        "der",
        "den",
        "het",
        "t",
        "te",
        "ten",
        "ter",
        "in t",
        "in de",
        "in het",
        "op de",
        "op den",
        "op t",
        "op ten",
        "uit de",
        "uit den",
        "uit het",
        "aan de",
        "aan den",
        "aan het",
        "bij de",
        "onder de",
        "over de",
        "voor de",
        "voor den",
        "la",
        "le",
        "du",
        "d",
        "von",
        "von der",
        "zu",
        "di",
        "da",
        "del",
        "della",
        "el",
        "al",
        "ben",
        "bin",
        "mac",
        "o",
    },
    key=len,
    reverse=True,
)
# Abbreviations people type for prefixes.
PREFIX_ABBREVIATIONS = {
    "vd": "van de",
    "vd.": "van de",
    "v d": "van de",
    "vdn": "van den",
    "vdr": "van der",
    "v": "van",
}
# Prefixes that get glued to the surname ("Vandenberg", "Vanderveen", "Degroot").
GLUED_PREFIXES = sorted(
    ["vanden", "vander", "vande", "vanhet", "van", "de", "ter", "ten", "te", "der", "den"], key=len, reverse=True
)


def strip_accents(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase ASCII letters only; ij/y/ei all become 'y' so spelling variants meet."""
    text = strip_accents(text or "").lower()
    text = re.sub(r"[^a-z]", "", text)
    return text.replace("ij", "y").replace("ei", "y")


def _words(text: str) -> list[str]:
    text = strip_accents(text or "").lower().replace("'", " ").replace("’", " ")
    text = re.sub(r"[.]", " ", text)
    return [w for w in re.split(r"[^a-z\-]+", text) if w]


@lru_cache(maxsize=200_000)
def surname_parts(surname: str, prefix: str = "") -> tuple[str, tuple[str, ...]]:
    """Split a surname into (folded prefix, folded core parts).

    Handles "van de Berg", "Berg, van de", "vd Berg", "v.d. Berg", and double
    names "Jansen-de Vries" (core parts: jansen, vries). The prefix itself is
    returned for display/weak evidence only: it never decides a match, since
    people write it in every possible way.
    """
    surname = surname or ""
    prefix_words = _words(prefix)
    if "," in surname:  # "Berg, van de"
        core_txt, _, after = surname.partition(",")
        prefix_words = prefix_words or _words(after)
        surname = core_txt
    words = _words(surname)
    joined_prefix = " ".join(prefix_words)
    joined_prefix = PREFIX_ABBREVIATIONS.get(joined_prefix, joined_prefix)
    # Leading prefix typed into the surname field.
    if not joined_prefix:
        i = 0
        text = " ".join(words)
        for abbr, full in PREFIX_ABBREVIATIONS.items():
            if text.startswith(abbr + " "):
                joined_prefix, text = full, text[len(abbr) + 1 :]
                break
        else:
            for p in PREFIXES:
                if text.startswith(p + " ") and len(text) > len(p) + 1:
                    joined_prefix, text = p, text[len(p) + 1 :]
                    break
        words = text.split()
        del i
    cores: list[str] = []
    for chunk in " ".join(words).split("-"):
        chunk_words = chunk.split()
        # Drop prefixes inside double names: "jansen-de vries" -> vries.
        while len(chunk_words) > 1 and " ".join(chunk_words[:1]) in PREFIXES:
            chunk_words = chunk_words[1:]
        core = fold("".join(chunk_words))
        if core:
            cores.append(core)
    return fold(joined_prefix.replace(" ", "")), tuple(cores)


@lru_cache(maxsize=200_000)
def surname_variants(surname: str, prefix: str = "") -> frozenset[str]:
    """All folded core forms a surname may be matched on, incl. unglued prefixes."""
    p, cores = surname_parts(surname, prefix)
    variants = set(cores)
    if cores:
        variants.add("".join(cores))
    for core in cores:
        for g in GLUED_PREFIXES:
            if core.startswith(g) and len(core) - len(g) >= 3:
                variants.add(core[len(g) :])
                break
    if p and len(cores) == 1:
        variants.add(p + cores[0])  # "Vandenberg" written glued on the other side
    return frozenset(variants)


# Dutch-aware phonetic key for blocking: collapses the spellings people (and
# police systems) produce for the same spoken name.
_PHONETIC_RULES = [
    (r"sch", "s"),
    (r"ch", "g"),
    (r"ph", "f"),
    (r"th", "t"),
    (r"dt\b", "t"),
    (r"d\b", "t"),
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"z", "s"),
    (r"v", "f"),
    (r"w", "v"),
    (r"ou", "au"),
    (r"oe", "u"),
    (r"ae", "a"),
    (r"uy", "y"),
    (r"ie", "i"),
    (r"ee", "e"),
    (r"aa", "a"),
    (r"oo", "o"),
    (r"uu", "u"),
    (r"h", ""),
]


@lru_cache(maxsize=200_000)
def phonetic(folded: str) -> str:
    s = folded
    for pattern, repl in _PHONETIC_RULES:
        s = re.sub(pattern, repl, s)
    s = re.sub(r"(.)\1+", r"\1", s)  # double letters
    return s


# Nicknames and roepnamen -> canonical official name. A name can belong to
# several groups (Jan: Johannes and Jan as official name).
_NICKNAME_GROUPS = {
    "johannes": ["jan", "hans", "johan", "joop", "jo", "hannes", "jean", "john", "sjaak"],
    "johanna": ["annie", "anneke", "jo", "joke", "hanna", "hanneke", "jopie", "anne", "jannie", "hannie"],
    "cornelis": ["kees", "cor", "corne", "niels", "cees"],
    "cornelia": ["corrie", "cor", "nel", "lia", "cora", "corry"],
    "wilhelmina": ["willy", "mien", "mina", "wil", "willemijn", "helma", "wilma", "miep", "willie"],
    "wilhelmus": ["wim", "willem", "pim", "wil", "willy", "willie"],
    "willem": ["wim", "pim", "wil"],
    "hendrik": ["henk", "henny", "hein", "rik", "henri", "harry", "hennie", "dirk"],
    "hendrika": ["rieky", "riekie", "rikie", "riek", "rika", "henny", "hennie", "ria", "dika"],
    "pieter": ["piet", "peter", "pier", "pit"],
    "petrus": ["piet", "peter", "petra", "peer"],
    "petronella": ["nel", "pien", "nelly", "ellie", "petra", "nella", "pietje"],
    "jacobus": ["koos", "jaap", "jacob", "co", "sjaak", "kobus", "cobus", "jack"],
    "jacoba": ["coby", "co", "koosje", "jacqueline", "bep"],
    "elisabeth": ["lies", "betty", "els", "elise", "liesbeth", "bep", "betje", "lisa", "elsbeth", "ellie"],
    "margaretha": ["greet", "margriet", "grietje", "gretha", "marga", "margot", "greetje", "riet", "maartje"],
    "theodorus": ["theo", "ruud", "dorus", "teun", "door", "dick"],
    "gerardus": ["gerard", "gert", "gerrit", "gerd", "geert", "ger", "sjra", "gerhard"],
    "gerrit": ["gert", "gerard", "ger"],
    "adrianus": ["arie", "adrie", "ad", "janus", "adriaan", "aart", "arjan", "aad", "joop"],
    "adriana": ["adrie", "jana", "janny", "ria", "annie", "sjaan"],
    "antonia": ["tonny", "toni", "tonnie", "ton", "toos", "tonia"],
    "gerarda": ["gerda", "gerrie", "gerry", "ger"],
    "antonius": ["toon", "ton", "anton", "tonnie", "teun", "antoon", "tony", "toni"],
    "franciscus": ["frans", "frank", "cis", "sjef", "francis", "frens"],
    "catharina": ["toos", "karin", "trijntje", "rina", "tiny", "ina", "katja", "cato", "kitty", "to"],
    "maria": [
        "marie",
        "ria",
        "mies",
        "mia",
        "marietje",
        "miep",
        "maaike",
        "mary",
        "mieke",
        "rie",
        "marja",
        "marian",
        "marije",
    ],
    "anna": ["anne", "annie", "anneke", "an", "ans", "anja", "ankie"],
    "josephus": ["joop", "jos", "sjef", "jozef", "joseph", "seppe", "jef"],
    "josephina": ["josje", "fien", "fientje", "jose", "josefien", "sjeng", "jo"],
    "martinus": ["martin", "tinus", "maarten", "tijn", "rinus", "mart", "martijn"],
    "nicolaas": ["klaas", "nico", "niek", "nick", "claas", "nicolas", "niko"],
    "abraham": ["bram", "braam"],
    "albertus": ["bert", "albert", "ab", "appie", "bertus"],
    "lambertus": ["bert", "lambert", "bertus", "bart"],
    "bartholomeus": ["bart", "bert", "mees", "bartel"],
    "dirk": ["dick", "dik", "diederik", "derk"],
    "jozef": ["joep", "joost", "jos", "sjef", "jef"],
    "gijsbertus": ["gijs", "bert", "gijsbert"],
    "everardus": ["evert", "eef", "eppo", "ward"],
    "aloysius": ["louis", "wies", "loek", "lou"],
    "ludovicus": ["louis", "lodewijk", "lou", "loek", "ludo"],
    "mattheus": ["matthijs", "thijs", "ties", "matt", "mathieu"],
    "matthias": ["matthijs", "thijs", "ties", "mathias"],
    "hermanus": ["herman", "manus", "harm", "hemmo"],
    "henricus": ["henk", "rik", "hein", "harry", "henry", "henri", "rico"],
    "leonardus": ["leo", "leon", "leen", "len", "nard", "leonard"],
    "michael": ["michiel", "mike", "mick", "michel", "chiel", "gijs"],
    "christiaan": ["chris", "kris", "christian", "stiaan"],
    "christina": ["stien", "tina", "chris", "christien", "kristien", "tineke"],
    "frederik": ["frits", "freek", "fred", "rik", "frederick", "fré"],
    "jacobus johannes": ["koos", "jaap"],
    "geertruida": ["truus", "geert", "trudy", "truida", "gerda", "trui", "geertje"],
    "aaltje": ["aalt", "aly", "alie"],
    "alida": ["alie", "lida", "ali", "aly"],
    "hillegonda": ["hilly", "gonda", "hil"],
    "klaasje": ["klazien", "klazina", "kla"],
    "klazina": ["klaasje", "zina", "ina", "klazien"],
    "dirkje": ["dieke", "dirkie"],
    "engelbertus": ["engel", "bert"],
    "arnoldus": ["arnold", "noud", "nol", "arno", "arnout"],
    "reinier": ["rein", "reinder", "rene"],
    "wouter": ["wout", "walter"],
    "robertus": ["rob", "robert", "bob", "robbie", "bert"],
    "richardus": ["richard", "rick", "rik", "ricardo"],
    "stephanus": ["stef", "stefan", "steven", "fanus"],
    "susanna": ["suus", "sanne", "sanna", "suze", "susan", "zus"],
    "helena": ["lena", "leen", "lenie", "helen", "heleen", "nel", "ellen", "elly"],
    "magdalena": ["lena", "leny", "magda", "madelon", "marleen", "lenie"],
    "jacqueline": ["jacky", "jacqueline", "jaqueline"],
    "alexander": ["alex", "sander", "xander", "lex"],
    "bernardus": ["ben", "bernard", "bernd", "benno", "nardus", "bennie"],
    "lukasz": ["lucas", "luk"],
    "aleksander": ["olek", "alek", "alex"],
    "katarzyna": ["kasia", "kasha"],
    "malgorzata": ["gosia", "malgosia"],
    "wojciech": ["wojtek"],
    "mohammed": ["mohamed", "muhammed", "mohammad", "mo", "momo", "muhammad", "mehmet"],
    "mustafa": ["mustapha", "mus"],
    "fatima": ["fatma", "fati"],
}


def _build_nickname_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for canonical, nicks in _NICKNAME_GROUPS.items():
        group = {fold(canonical.split()[0])} | {fold(n) for n in nicks}
        for name in group:
            index.setdefault(name, set()).update(group)
    return {k: frozenset(v) for k, v in index.items()}


NICKNAMES = _build_nickname_index()


def name_group(folded_given: str) -> frozenset[str]:
    """The folded name plus every official name or nickname it may stand for."""
    return NICKNAMES.get(folded_given, frozenset()) | {folded_given}


def canonical_given(folded_given: str) -> str:
    """A stable representative of the nickname group, for blocking keys."""
    group = NICKNAMES.get(folded_given)
    return min(group) if group else folded_given


@lru_cache(maxsize=200_000)
def given_tokens(given_names: str) -> tuple[str, ...]:
    """Folded given names; single letters (initials) are kept as 1-char tokens."""
    return tuple(fold(w) for w in _words((given_names or "").replace("-", " ")) if fold(w))


# --- stored exact-lookup keys ------------------------------------------------------
# Person.surname_key / given_key, used where only an exact (normalised) hit may count:
# the triage safety net, break-the-glass search and the partners' "in beeld?" check.


def surname_key(surname: str, tussenvoegsel: str = "") -> str:
    """The folded core of a surname, however the tussenvoegsel was written:
    "van de Berg", "Berg, van de" and "vd Berg" all give "berg"."""
    _prefix, cores = surname_parts(surname or "", tussenvoegsel or "")
    return "".join(cores)


def given_key(given_names: str) -> str:
    """The folded first given name (the roepnaam when that is what was given)."""
    tokens = given_tokens(given_names or "")
    return tokens[0] if tokens else ""
