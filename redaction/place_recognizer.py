"""Places without a language model: street addresses by their shape, cities and countries by name.

- Street addresses: a house number beside words that name a street in one of
  the common conventions ("221B Baker Street", "Rua Augusta 1500",
  "Koskikatu 25", "Calle Mayor 5"), with an optional apartment or suite.
- Known places: cities of 15,000 people or more, countries and US states
  (GeoNames), matched on capitalised words, longest name first; "Austin, TX".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import accumulate

from tollgate.redaction.address_blocks import (
    block_after,
    number_before,
    parts_before,
    street_above,
)
from tollgate.redaction.cjk_addresses import cjk_addresses
from tollgate.redaction.district_addresses import district_addresses
from tollgate.redaction.lexicon import lexicon, unaccented
from tollgate.redaction.lower_case_streets import streets_after_a_cue
from tollgate.redaction.national_postcodes import national_postcodes
from tollgate.redaction.organisation_rules import begins_an_institution
from tollgate.redaction.postcodes import address_before, postcodes_alone
from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.region_postcodes import towns_before_their_state
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.script_addresses import script_addresses
from tollgate.redaction.text_cues import (
    CALENDAR_WORDS,
    FOREIGN_CUES,
    LATIN_CAPITAL,
    TURKISH_ENDING,
    addressed,
    capitalised_words,
    folded_like_re,
    folded_words,
    greeted,
    mid_sentence,
    place_expected,
)

_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|"
    r"Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Row|Crescent|Cres|Close|Gardens|Mews|"
    r"Alley|Loop|Pike|Plaza|Expressway|Freeway|Walk|Grove|Heights|Ridge|View|Point|Park|Hill"
)
# The rest of the types the US Postal Service lists (and their plurals), and Britain's
# and Australia's, after a house number and the street's name: "278 Stephens Forges",
# "110 Brown Throughway", "82/341 Stokes Retreat"; with a name between (not "10 Beaches"),
# and not a list's title ("Top 10 National Parks")
_MORE_STREET_TYPES = (
    r"Annex|Arcade|Bayou|Beach|Bend|Bluffs?|Bottom|Branch|Bridge|Brooks?|Burgs?|Bypass|Canyon|"
    r"Cape|Causeway|Centers?|Centres?|Circles|Cliffs?|Commons?|Corners?|Courts|Coves?|Creek|"
    r"Crest|Crossing|Crossroads?|Curve|Dale|Dam|Divide|Drives|Estates?|Extensions?|Falls?|"
    r"Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort|Garden|Glens?|Greens?|"
    r"Groves|Harbou?rs?|Haven|Hills|Hollow|Inlet|Islands?|Isle|Junctions?|Knolls?|Lakes?|"
    r"Landing|Locks?|Lodge|Manors?|Meadows?|Mills?|Motorway|Mount|Mountains?|Neck|Orchard|"
    r"Oval|Overpass|Parks|Passage|Path|Pines?|Plains?|Points|Ports?|Prairie|Ramp|Ranch|"
    r"Rapids?|Ridges|River|Roads|Route|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares|"
    r"Stravenue|Stream|Streets|Summit|Throughway|Trace|Trafficway|Tunnel|Turnpike|Underpass|"
    r"Valleys?|Viaduct|Views|Villages?|Ville|Vista|Walks|Ways|Wells?|Approach|Brace|Circuit|"
    r"Concourse|Esplanade|Grange|Parade|Pathway|Promenade|Quay|Retreat|Rise|Wharf|Wynd|Copse|"
    r"Croft|Drove|Gate|Paddock|Vale|Elbow|Pocket|Rue|Chase"
)
# and in capitals, as shipping labels write them: "12 KILLINEY HILL RD"; but text in
# capitals also reads as streets where a time or a year comes before a type's word
# (nor a number right before the type alone: "DALLAS 3 ST LOUIS 4", a score)
_SHOUTED_NOT_A_STREET = re.compile(
    r"(?:(?:19|20)\d\d|\d{1,2}[ \t]+(?:AM|PM))[ \t]+[A-Z\d \t]+$|\d{1,6}[ \t]+[A-Z]+\.?$"
)


def _by_first_letter(kinds: str, *, shouted: bool = True) -> str:
    """The street types (and their capitals) as one alternation grouped by first letter
    ("S(?:treet|t|TREET|T|...)|A(?:venue|...)"): tried after every house number, a flat
    alternation of 270 words was tried word by word, 68 µs of the 2 KB prompt."""
    groups: dict[str, list[str]] = {}
    for kind in kinds.split("|"):
        for form in (kind, kind.upper()) if shouted else (kind,):
            groups.setdefault(form[0], []).append(form[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_STREET_AFTER = _by_first_letter(_STREET_TYPES)
_MORE_STREET_AFTER = _by_first_letter(_MORE_STREET_TYPES)
_STREET_BEFORE = (
    r"Rua|Calle|Avenida|Av|Via|Viale|Rue|Strada|Carrer|Paseo|Plaza|Praça|Travessa|Largo|Ulica|"
    r"ul|Avinguda|Jalan|Jln|Bulevardul|Aleea|Calea|Splaiul|Intrarea|Șoseaua|Soseaua|Drumul|"
    # (Indonesia's street and alley, written short: "Jl. Sudirman No. 5", "Gg. Mawar No. 16")
    r"Jl(?=\.)|Gg(?=\.)"
)
# Also names or words ("Ronda", "Piazza", "Corso"): a street only with its number.
_STREET_BEFORE_NUMBER = (
    r"Avda|Corso|Piazza|Piazzale|Vicolo|Quai|Chemin|Impasse|Camino|Ronda|Aleja|Al|Plac|C/|"
    # (Argentina's diagonal street, Chile's passage, written short: "Diag. Neuquén N° 62",
    # "Psje. José Manuel Balmaceda 8528")
    r"Diag(?=\.)|Psje(?=\.)|Pje(?=\.)|"
    # Italy's, Spain's and Mexico's, Portugal's and Brazil's, Romania's other kinds of street
    r"Borgo|Contrada|Rotonda|Incrocio|Canale|Stretto|Lungomare|Urbanización|Peatonal|"
    r"Callejón|Cerrada|Privada|Andador|Circuito|Prolongación|Ladeira|Alameda|Rodovia|Estrada|"
    r"Piața|Quadra|Vereda|Área|Periférico|Ampliación|Vial|Pasadizo|Glorieta|Núcleo|"
    r"Pátio|Chácara|Colônia|Praia|Distrito|Campo|Corredor|"
    r"Rambla|Acceso|Pasaje|Travesía|Cuesta|Carretera|Cañada|Bajada|Callejuela|"
    r"Conjunto|Estação|Lago|Lagoa|Morro|Setor|Sítio|Trecho|Fazenda|Vila|Condomínio|"
    r"Loteamento|Residencial|Jardim|Parque|Recanto|Viela|Esplanada|Passarela|Aeroporto|"
    r"Trevo|Vale|Viaduto|Favela|Feira|"
    # Spain's "C." for Calle, before its particle only ("C. de Eustaquio Villa 275")
    r"C(?=\.[ \t]+de[l]?[ \t])"
)
# A word of the street's name after its type: capitalised ("Rua Augusta",
# "Rue de l'Université"), or a particle inside it ("Calle de la Paz"), not
# any word: "Via the portal we get leads" is no street.
# (not the "N°" before the house's number: "Avenida G. Brown N° 9666")
_NAMED = r"(?:[ldLD]['’])?(?!N[°º])[A-ZÀ-Þ][\w'’.\-]*"
_STREET_PARTICLE = r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|les|los|las|y)"
_STREET_NAME = rf"(?:{_STREET_PARTICLE}[ \t]+){{0,2}}{_NAMED}(?:[ \t]+(?:{_STREET_PARTICLE}[ \t]+){{0,2}}{_NAMED}){{0,3}}"
# French, in lower case after the number: "12 rue de Rivoli", "5 bis avenue Foch"
_FRENCH_STREET = (
    r"rue|avenue|boulevard|bd|quai|chemin|allée|impasse|cours|place|montée|rang|côte|croissant"
)
_STREET_SUFFIX = (
    r"(?:stra(?:ss|ß)e|str\.?|gasse|weg|allee|platz|laan|straat|plein|gracht|kade|singel|dijk|"
    r"steeg|vej|gade|gatan|vägen|väg|katu|tie|kuja|polku|"
    r"kaari|rinne|utca|ut|tér|veien|gata|vænget|stien|gränd|backen|torget|stræde|vænge|plads|"
    r"torv|dreef|baan|markt|plantsoen|pad|hof|boulevard)"
)
# The same written as a word of its own after the street's name ("Villacher
# Strasse 89", "Kálmán Imre u. 12.").
_STREET_WORD = r"(?:[ \t](?:[A-ZÀ-Þ][^\W\d_]*[ \t])?(?:Strasse|Straße|Str\.|Gasse|Weg|Allee|Allé|Platz|Vej|Gade|Stræde|Plads|Torv|Gata|Katu|utca|tér|u\.|útja|náměstí|třída|nábřeží|ulice))"
_CAP = r"[^\W\d_][\w'’.\-]*"
_NUMBERED = r"\d{1,4}(?:st|nd|rd|th)"  # "300 E 57th St"
# The quarter of a city a street lies in, after its type: "Avenue NW", "King St W".
_DIRECTION = r"(?:[ \t]+(?:[NSEW]|[NS][EW]|North|South|East|West)\b\.?)?"
# (a flat after a slash, a flat's word and number, or a staircase's letter and a flat's
# number as Finland and Sweden write them: "Mannerheimintie 5 A 12")
_UNIT = (
    # (a flat, a floor, a door, a building, a block or a staircase, one after another, as
    # Italy, Spain, Mexico and Romania number them: "33 Piano 0", "838 Edif. 675 , Depto.
    # 650", "Nr. 24 Bl. 81 Sc. 42 Ap. 791")
    r"(?:/\d{1,4}[A-Za-z]?)?(?:[ \t]*,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Piano|Puerta|"
    # (and Argentina's "Dto." and Chile's office, "Of.", with their full stop)
    r"Piso|Edif|Depto|Dpto|Dto(?=\.)|Of(?=\.)|Oficina|Bl|Sc|Ap|Et|Appartamento|Interior|Int|#)(?!\w)\.?\s*[\w\-]+){0,4}"
    r"(?:[ \t][A-H][ \t]\d{1,3}(?![\w.]))?"
)
# The word some write before the house's number: "Strada Pușcașu Nr. 24"
_HOUSE_NO = r"(?:(?:Nr|No|N[°º])\.?[ \t]*)?"
# Every branch begins with a digit or one of these letters: the look-ahead turns most
# positions away with one test, before the branches each check for a word's start.
_ADDRESS = re.compile(
    r"(?=[\dA-ZÀ-Þu])"
    # (not a time before words: "at 9 AM Green Room")
    rf"(?:\b(?:\d{{1,5}}/)?\d{{1,6}}[A-Za-z]?\s+(?!(?:AM|PM|am|pm)\b)(?:(?:{_CAP}|{_NUMBERED})[ \t]+){{0,4}}(?:{_STREET_AFTER})\b\.?{_DIRECTION}{_UNIT}"
    # (or "S/N", no number, as Portugal and Spain write it: "Avenida das Rolas, S/N")
    rf"|\b(?:{_STREET_BEFORE})\.?\s+{_STREET_NAME}(?:,?\s+(?:{_HOUSE_NO}\d{{1,6}}[A-Za-z]?|S/N\b))?{_UNIT}"
    rf"|\b(?:{_by_first_letter(_STREET_BEFORE_NUMBER, shouted=False)})\.?\s+{_STREET_NAME},?\s+{_HOUSE_NO}\d{{1,6}}[A-Za-z]?\b{_UNIT}"
    rf"|\b\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:{_FRENCH_STREET})[ \t]+{_STREET_NAME}{_UNIT}"
    rf"|\b[A-ZÀ-Þ][^\W\d_]{{3,}}(?:{_STREET_SUFFIX}|{_STREET_WORD})\s+\d{{1,5}}[A-Za-z]?\.?{_UNIT}"
    # a post office box, in the customers' languages too
    r"|\b(?:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box|Postfach|Apartado|Casilla|"
    r"Caixa[ \t]+Postal|Bo[iî]te[ \t]+postale|Postbus|Skrytka[ \t]+pocztowa)[ \t]+\d{1,6}\b"
    # US military mail: PSC 0413, Box 8144 / APO AA 42323
    r"|\b(?:PSC|Unit|USNS|USS|USCGC)\s+\d{4},\s*Box\s+\d{4}(?:\s+(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5})?"
    # ... and a ship's: "USS Karadeniz, FPO AP 15802"
    rf"|\b(?:USNS|USS|USCGC)[ \t]+[{LATIN_CAPITAL}][^\W\d_]+(?:[ \t]+[{LATIN_CAPITAL}][^\W\d_]+)?,\s*(?:APO|FPO|DPO)\s+A[AEP]\s+\d{{5}}"
    r"|\b(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}"
    # Colombia's grid: a street's number, then the crossing street's and the distance
    # ("Calle 93 # 11-26", "Carrera 7 No. 71-21", "Cra. 15 #88-64")
    r"|\b(?:Calle|Carrera|Cra|Kra|Cl|Avenida|Av|Transversal|Tv|Tr|Diagonal|Dg)\.?\s+\d{1,3}[A-Za-z]?"
    r"(?:\s+(?:Bis|Sur|Norte|Este|Oeste))?\s*(?:#|No\.?|N[°º]\.?|Nro\.?)\s*\d{1,3}[A-Za-z]?\s*-\s*\d{1,3}\b"
    r"(?:[ \t]+(?:Sur|Norte|Este|Oeste)\b)?"
    # Argentina's street, named or numbered, and its "N°" before the house's number
    # ("Av. 1 N° 3654", "Diagonal Entre Ríos N° 3729", "Calle 7 N° 1020")
    rf"|\b(?:Avenida|Av|Avda|Calle|Diagonal|Diag|Pasaje|Psje|Pje)\.?\s+(?:\d{{1,3}}[A-Za-z]?|{_STREET_NAME})"
    rf"\s+N[°º]\.?\s*\d{{1,5}}\b{_UNIT}"
    # a rural address by its route and kilometre, as Chile writes it ("Ruta 5 Sur, km 739")
    r"|\bRuta\s+(?:[A-Z]-?\d{1,3}|\d{1,3})(?:\s+(?:Sur|Norte))?,?\s+km\.?\s*\d{1,4}\b"
    # a Spanish-speaking country's region by its name ("Región de Valparaíso", "Región del
    # Libertador General Bernardo O'Higgins", "Región Metropolitana")
    rf"|\bRegión\s+(?:(?:de|del)\s+(?:la\s+|los\s+)?)?[{LATIN_CAPITAL}][\w'’]+"
    rf"(?:\s+(?:(?:de|del|y)\s+)?[{LATIN_CAPITAL}][\w'’]+){{0,5}}"
    # a flat or suite on its own line or clause, in Spanish and Portuguese too
    r"|\b(?:Apt|Apartment|Suite|Ste|Unit|Apto|Depto|Dpto|Andar|Bloco)\.?\s*#?\d{1,5}[A-Za-z]?\b"
    # Britain's flats and studios ("Flat 7, Allen Lake", "Studio 60m"; not "Flat 5% off")
    r"|\b(?:Flat|Studio)[ \t]+\d{1,4}[A-Za-z]?\b(?![%.,]?\d|[ \t]*%)"
    # ... a flat's letter and a floor as Hong Kong writes them, before the next part's comma
    # ("Flat B, 12/F, Tower 2, 18 Harbour Road")
    r"|\b(?:Flat[ \t]+[A-H]|\d{1,2}/F)(?=[ \t]*,[ \t]*(?:\d{1,4}\b|\d{1,2}/F|Block|Blk|Tower|"
    r"(?:[A-Z][\w'’]*[ \t]+){1,3}(?:House|Building|Bldg|Centre|Center|Tower|Court|Mansion|Plaza)\b))"
    # a Brazilian postcode after its name ("CEP 80010-100")
    r"|\bCEP:?\s*\d{5}-?\d{3}\b)",
    re.UNICODE,
)
# The same in lower case, as Spanish and Portuguese write them mid-line ("apto 302"):
# looked for only where the word is (the pattern above turns lower case away at once).
_LOWER_CASE_UNIT = re.compile(r"\b(?:apto|depto|dpto)\.?[ \t]*#?\d{1,5}[A-Za-z]?\b")
_LOWER_CASE_UNIT_WORDS = ("apto", "depto", "dpto")
_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*\d{4,5}(?:-\d{4})?\b")
_US_STATE_CODE = re.compile(
    r"\s*,\s*(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\b"
)
# "Austin TX 78701": a state's code without the comma, where a ZIP code follows.
_US_STATE_ZIP = re.compile(
    r"[ \t]+(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])"
    r"(?=[ \t]+\d{5}\b)"
)
# After a city: "London NW1 6XE", "Edinburgh EH12 5JY", "Toronto, ON M5X 1A9".
_UK_OR_CANADIAN_POSTCODE = re.compile(
    r"[ \t]*,?[ \t]*(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
    r"|(?:[A-Z]{2}[ \t]+)?[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b"
)
# After an Irish town: an Eircode, and Dublin's postal district before it ("Dublin 6W, D06 X9P3").
_EIRCODE_AFTER = re.compile(
    r"(?:[ \t]+\d{1,2}W?)?[ \t]*,?[ \t]*[ACDEFHKNPRTVWXY]\d[\dW][ \t]?[\dACDEFHKNPRTVWXY]{4}\b"
)
_DUBLIN_DISTRICT = re.compile(r"[ \t]+\d{1,2}W?\b(?![ \t]*(?:am|pm|%|times|[/.:\-]\d))")
_TOWARDS = re.compile(r"\b(?:in|to|from|near|at|of)[ \t]+$")
# A postcode of digits beside a city, not a year ("London 2012"): "Pune 411019",
# "28014 Madrid" (before it only at a line's start or after a comma).
_DIGITS_POSTCODE = r"(?!(?:19|20)\d\d\b)\d{4,6}(?![\d\-])"
# (not a phone's first group: "Australia 0412 345 678")
_NUMBER_POSTCODE_AFTER = re.compile(
    rf"[ \t]*{_DIGITS_POSTCODE}(?![ \t]+\d{{3}})"
    # (after a comma, not a house's number before its street: "Robert Martin, 8632 Matthew
    # Spurs" is no town of Slovakia and its postcode)
    rf"|[ \t]*,[ \t]*{_DIGITS_POSTCODE}(?![ \t]+(?:\d{{3}}|[{LATIN_CAPITAL}]))"
    # a Brazilian city's state and postcode ("São Paulo - SP, 01304-001"), an Indonesian
    # city's part and postcode ("Jakarta Selatan 12190")
    r"|[ \t]*(?:-|,)[ \t]*[A-Z]{2}[ \t]*,?[ \t]*\d{5}-\d{3}\b"
    r"|[ \t]+(?:Selatan|Utara|Barat|Timur|Pusat|Tengah|Tenggara)[ \t]*,?[ \t]*\d{5}\b"
    # Japan's, three digits and four ("Chiyoda-ku, Tokyo 100-0005"), after a ward's,
    # a city's or a prefecture's ending only: a local phone number has the same shape
    r"|(?P<japan>[ \t]*,?[ \t]+\d{3}-\d{4}(?![\d\-]))"
)
# Before a city also a Dutch postcode ("1015 CJ Amsterdam"), a Polish one ("00-514 Warszawa")
# and a Swedish, Czech, Slovak or Greek one in its two groups ("114 51 Stockholm", "120 00 Praha").
_POSTCODE_BEFORE_CITY = (
    rf"{_DIGITS_POSTCODE}|\d{{4}}[ \t]?[A-Z]{{2}}|\d{{2}}-\d{{3}}(?![\d\-])|\d{{3}}[ \t]\d{{2}}"
)
_NUMBER_POSTCODE_BEFORE = re.compile(rf"(?:^|(?<=[,;:\n]))[ \t]*({_POSTCODE_BEFORE_CITY})[ \t]+$")
# An address outranks a name read into its street ("Rua Cyro Schmutzer Franco").
ADDRESS_SCORE, CITY_STATE_SCORE, MULTI_WORD_SCORE, ONE_WORD_SCORE = 0.9, 0.85, 0.7, 0.6
# The lines below a street are its address, whatever else their words could be.
BLOCK_SCORE = ADDRESS_SCORE
# "May", "Sunday", "Hola": towns too, but rarely meant
_NEVER_A_PLACE = CALENDAR_WORDS | {word.capitalize() for word in FOREIGN_CUES}
# Whole words (see the analyzer's context scoring); stop words such as "in" or
# "at" are never context, so they are not listed.
_CONTEXT_WORDS = [
    "address",
    "located",
    "live",
    "lives",
    "city",
    "country",
    "near",
    "office",
]


class OfflinePlaceRecognizer(OfflineRecognizer):
    """LOCATION for street addresses and known place names."""

    ENTITY = "LOCATION"
    CONTEXT = _CONTEXT_WORDS

    def load(self) -> None:
        lexicon()

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results = []
        streets = [
            m.span()
            for m in _ADDRESS.finditer(text)
            if not _SHOUTED_NOT_A_STREET.match(m.group())  # "MEET AT 10 AM ST PAULS"
        ] + _streets_of_more_types(text)
        endings = national_postcodes(text)
        results += [
            self.result(start, end, ADDRESS_SCORE, "an address's end as its country writes it")
            for start, end in endings
        ]
        streets += [span for span in endings if not text[span[0]].isdigit()]  # Poland's
        for street_start, street_end in streets:
            start = number_before(text, street_start)
            results.append(self.result(start, street_end, ADDRESS_SCORE, "street address"))
            if street := street_above(text, street_start):
                results.append(
                    self.result(*street, BLOCK_SCORE, "the street above a flat or suite")
                )
            results += [
                self.result(begin, end, BLOCK_SCORE, "the rest of a postal address")
                for begin, end in block_after(text, street_end, lexicon().common_words)
            ]
        if any(word in text for word in _LOWER_CASE_UNIT_WORDS):
            results += [
                self.result(m.start(), m.end(), ADDRESS_SCORE, "a flat")
                for m in _LOWER_CASE_UNIT.finditer(text)
            ]
        results += self._known_places(text)
        results += self._named_areas(text)
        results += [
            self.result(start, end, ADDRESS_SCORE, "an Eircode")
            for start, end in eircodes(text, streets)
        ]
        results += [
            self.result(start, end, ADDRESS_SCORE, "a street address in lower case")
            for start, end in streets_after_a_cue(text)
        ]
        results += [
            self.result(start, end, CITY_STATE_SCORE, "a town before its state and postcode")
            for start, end in towns_before_their_state(text)
        ]
        for start, end in postcodes_alone(text):
            results.append(self.result(start, end, CITY_STATE_SCORE, "a postcode"))
            if text[start].isdigit():
                continue  # a ZIP code, after its name: not at an address's end
            results += [
                self.result(begin, stop, BLOCK_SCORE, "the address before its postcode")
                for begin, stop in address_before(text, start)
            ]
        results += [
            self.result(start, end, ADDRESS_SCORE, "a Japanese, Chinese or Korean address")
            for start, end in cjk_addresses(text)
        ]
        results += [
            self.result(start, end, ADDRESS_SCORE, "an address by its street's word in its script")
            for start, end in script_addresses(text)
        ]
        results += [
            self.result(start, end, ADDRESS_SCORE, "a Turkish or Vietnamese address")
            for start, end in district_addresses(text)
        ]
        results += [
            self.result(start, end, ADDRESS_SCORE, "a street named in one word")
            for start, end in _one_word_streets(text)
        ]
        if "," in text and holds_digit(text):
            results += [
                self.result(start, end, ADDRESS_SCORE, "a street before its postcode and town")
                for start, end in _streets_before_their_postcode(text)
            ]
        if "on" in folded_words(text) and not _LIVES_ON_VERBS.isdisjoint(folded_words(text)):
            results += [
                self.result(m.start(1), m.end(1), ADDRESS_SCORE, "the street someone lives on")
                for m in _LIVES_ON.finditer(text)
            ]
        results += self._cued_places(text, results)
        results += [
            self.result(start, end, ADDRESS_SCORE, "a field that holds an address")
            for start, end in labelled_addresses(text)
        ]
        if not _TOWN_FIELD_WORDS.isdisjoint(folded_words(text)):
            results += [
                self.result(start, end, ADDRESS_SCORE, "a field that holds a town or postcode")
                for start, end in labelled_towns(text)
            ]
        return results + self._lines_before_places(text, results)

    def _lines_before_places(self, text: str, found):  # type: ignore[no-untyped-def]
        """The lines of an address before a place with its postcode that no finding
        covers whole ("No. 14", "3rd Cross", "Indiranagar" before "Bengaluru 560038")."""
        common = lexicon().common_words
        taken = _Spans((r.start, r.end) for r in found)
        results = []
        for r in found:
            for start, end in parts_before(text, r.start, r.end, common):
                if _a_persons_name(text[start:end]):
                    break  # the addressee, "JANE DOE, 14 MAPLE RD, ...": no line of it
                if not taken.covers(start, end):  # (one that overlaps grows with it)
                    results.append(
                        self.result(
                            start, end, BLOCK_SCORE, "the lines of an address before its place"
                        )
                    )
        return results

    def _named_areas(self, text: str):  # type: ignore[no-untyped-def]
        """ "Harris County", "San Joaquin Valley": the name's words, not "The" or "Our"."""
        if not any(kind in text for kind in _AREA_KINDS):
            return []  # the pattern would try every capitalised word for nothing
        common, results = lexicon().common_words, []
        for m in _NAMED_AREA.finditer(text):
            start = m.start()
            for word in m.group(1).split():
                if word.lower() not in common:
                    break
                start = text.index(word, start) + len(word) + 1
            if start < m.start(2):
                results.append(self.result(start, m.end(), MULTI_WORD_SCORE, "named area"))
        return results

    def _cued_places(self, text: str, known):  # type: ignore[no-untyped-def]
        """Places too small for the lists, where the words before can only mean a place:
        "flew to Loeches", "grew up in SUND", "based in Tujetsch"."""
        if _PLACE_VERBS.isdisjoint(folded_words(text)):
            return []  # most texts hold none; the cue pattern is slow to try at every word
        words, results = lexicon(), []
        taken = _Spans((r.start, r.end) for r in known)  # (asked once a word: not a list)
        tokens = capitalised_words(text)
        k = 0
        while k < len(tokens):
            token = tokens[k]
            key = _key(_without_possessive(token.group()))  # "Monday's": a day, not a place
            if (
                len(key) < 2  # "Q3": a letter is no place
                or (key.lower() in words.common_words and key not in words.word_places)
                or key in words.first_names
                or taken.overlaps(token.start(), token.end())
                or not _PLACE_CUE.search(text, max(0, token.start() - 48), token.start())
            ):
                k += 1
                continue
            last = k
            while (
                last + 1 < len(tokens)
                and text[tokens[last].end() : tokens[last + 1].start()] == " "
            ):
                last += 1
            results.append(
                self.result(token.start(), tokens[last].end(), ONE_WORD_SCORE, "after a place cue")
            )
            k = last + 1
        return results

    def _known_places(self, text: str):  # type: ignore[no-untyped-def]
        places, spelled, pairs = lexicon().places, lexicon().spelled_places, lexicon().place_pairs
        tokens = capitalised_words(text)
        keys = [_typed_key(_key(_without_possessive(t.group())), places) for t in tokens]
        results = []
        i = 0
        while i < len(tokens):
            candidates = places.get(keys[i])
            if candidates is None:  # most words; a place spelled with lower case is a place too
                if text.startswith(",", tokens[i].end()) and self._unlisted_before_its_region(
                    text, tokens[i], keys[i]
                ):
                    results.append(
                        self.result(tokens[i].start(), tokens[i].end(), ONE_WORD_SCORE, "a town")
                    )
                elif "-" in keys[i] and _a_district(keys[i]):
                    results.append(
                        self.result(
                            tokens[i].start(), tokens[i].end(), ONE_WORD_SCORE, "a city's district"
                        )
                    )
                i += 1
                continue
            # "University of Texas" is GeoNames' town, but the institution's name first
            if (
                keys[i] in spelled
                and (spelled_end := spelled_place_end(text, tokens[i].start(), keys[i]))
                and not begins_an_institution(text, tokens[i].start())
            ):
                results.append(
                    self.result(tokens[i].start(), spelled_end, MULTI_WORD_SCORE, "known place")
                )
                while i < len(tokens) and tokens[i].start() < spelled_end:
                    i += 1
                continue
            match_len = 0
            if (
                candidates
                and i + 1 < len(tokens)
                and (keys[i], keys[i + 1]) not in pairs
                and candidates[-1] == (keys[i],)
            ):
                candidates = candidates[-1:]  # the next word begins none of the longer ones
            for place in candidates:
                n = len(place)
                window = tokens[i : i + n]
                if len(window) == n and tuple(keys[i : i + n]) == place and _adjacent(text, window):
                    match_len = n
                    break
            if not match_len:
                i += 1
                continue
            start, end = tokens[i].start(), tokens[i + match_len - 1].end()
            score = MULTI_WORD_SCORE if match_len > 1 else ONE_WORD_SCORE
            if state := _US_STATE_CODE.match(text, end) or _US_STATE_ZIP.match(text, end):
                end, score = state.end(), CITY_STATE_SCORE
                if postcode := _POSTCODE_AFTER.match(text, end):
                    end = postcode.end()
            elif postcode := (
                _UK_OR_CANADIAN_POSTCODE.match(text, end)
                or _EIRCODE_AFTER.match(text, end)
                or _number_postcode_after(text, start, end)
                or (keys[i] == "Dublin" and match_len == 1 and _DUBLIN_DISTRICT.match(text, end))
            ):
                end, score = postcode.end(), CITY_STATE_SCORE  # "London NW1 6XE", "Pune 411019"
            elif match_len == 1 and (
                not self._plainly_a_place(text, tokens[i])
                or (i and _after_a_first_name(text, tokens[i - 1], tokens[i]))
            ):
                i += 1
                continue
            if before := _NUMBER_POSTCODE_BEFORE.search(text, max(0, start - 12), start):
                start, score = before.start(1), max(score, CITY_STATE_SCORE)  # "10115 Berlin"
            results.append(self.result(start, end, score, "known place"))
            i += match_len
        return results

    @staticmethod
    def _unlisted_before_its_region(text: str, token: re.Match[str], key: str) -> bool:
        """'moved to Cork, Ireland', 'in Nice, France': a town the list leaves out, as a
        common word, where a place is expected and its country or state follows (the
        caller has seen the comma)."""
        return (
            key not in lexicon().first_names
            and before_its_region(text, token.end())
            and _TOWARDS.search(text, max(0, token.start() - 10), token.start()) is not None
        )

    @staticmethod
    def _plainly_a_place(text: str, token: re.Match[str]) -> bool:
        word, words = token.group(), lexicon()
        if word in _NEVER_A_PLACE:
            return False
        if word in words.regions:
            return not greeted(text, token.start())  # "Georgia", but "Dear Georgia"
        if word in words.first_names or word in words.last_names:
            if place_expected(text, token.start()) or before_its_region(text, token.end()):
                return True
            # "Atlanta", but "Dear Sydney", "Sydney, the deck is in"
            return (
                word in words.major_cities
                and not greeted(text, token.start())
                and not addressed(text, token.start(), token.end())
            )
        return True


def _a_district(key: str) -> bool:
    """ "Hamburg-Altona", "Frankfurt-Höchst", "Berlin-Mitte": a known place and a district
    of it, written as one word; not two people's surnames joined ("Lyon-Smith",
    "Jordan-Hale"), nor a place and an ordinary word ("London-based" is no one word)."""
    words = lexicon()
    head, _, tail = key.partition("-")
    return (
        (head,) in words.places.get(head, ())
        and tail[:1].isupper()
        and "-" not in tail
        and all(
            part not in words.first_names and part not in words.last_names for part in (head, tail)
        )
        and (tail in words.places or tail.lower() not in words.common_words)
    )


def spelled_place_end(text: str, start: int, key: str) -> int:
    """Where a known place with a word in lower case ("Rio de Janeiro", "RIO DE JANEIRO")
    written at `start`, whose first word's lookup form is `key`, ends; 0 for none.

    Such a place cannot be matched word by capitalised word, as the others are.
    """
    by_second = lexicon().spelled_places.get(key)
    second = _SECOND_WORD.match(text, start + len(key)) if by_second else None
    if second is None:
        return 0
    for place in by_second.get(second.group(1).casefold(), ()):  # longest first
        position = start
        for n, word in enumerate(place):
            if n:
                gap = _SPACES.match(text, position)
                if gap is None:
                    break
                position = gap.end()
            if n and not (
                text.startswith(word, position) or text.startswith(word.upper(), position)
            ):
                break
            position += len(word)
        else:
            if not text[position : position + 1].isalnum():
                return position
    return 0


_SPACES = re.compile(r"[ \t]+")
_SECOND_WORD = re.compile(r"[ \t]+([^\s,;:!?()]+)")


def _after_a_first_name(text: str, before: re.Match[str], token: re.Match[str]) -> bool:
    """A surname that is also a place, right after a first name: "KEN AUSTIN", "Maria Lima";
    after one that is mostly a word, within a sentence only: "contact is Jack London"."""
    words, first = lexicon(), _key(before.group())
    if text[before.end() : token.start()] != " " or first not in words.first_names:
        return False
    return first.lower() not in words.common_words or (
        _key(token.group()) in words.last_names and mid_sentence(text, before.start())
    )


# Words after which a capitalised word can only be a place.
_PLACE_CUE = re.compile(
    r"(?i:\b(?:flew|fly|flying|moved|moving|relocated|travelled|traveled|travelling|traveling|"
    r"drove|headed|heading|returned)\s+(?:back\s+)?to"
    r"|\b(?:grew\s+up|born|based|located|living|lives|live|lived|resides?|resided|residing|"
    r"settled|stationed)\s+in|\boriginally\s+from|\bmoved\s+(?:here\s+)?from"
    r"|\barrived\s+(?:at|in)|\brelocating\s+to"
    # and where the move went: "moved from Reading to Bath"
    r"|\bmoved\s+from\s+[A-Z][^\W\d_]+(?:[ \t][A-Z][^\W\d_]+)?\s+to"
    r"|\bhome\s+city\s*:)"
    r"[ \t]+$"
)
# A word each of _PLACE_CUE's alternatives holds, in lower case.
_PLACE_VERBS = frozenset(
    ["flew", "fly", "flying", "moved", "moving", "relocated", "relocating", "travelled",
     "traveled", "travelling", "traveling", "drove", "headed", "heading", "returned", "grew",
     "born", "based", "located", "living", "lives", "lived", "live", "resides", "reside",
     "resided", "residing", "settled", "stationed", "originally", "home", "arrived"]
)  # fmt: skip


# A house number and a street named in one word: "88 Queensway", "10 Kingsway", "5 Moorgate".
# Found from the word's ending, by `str.find` in C ("way" is in "always" too, but a
# pattern for the two endings tried at every position cost 14 µs a 2 KB text).
_NUMBERED_STREET_HEAD = re.compile(r"(?<![\w.,])\d{1,5}[A-Za-z]?[ \t]+([A-Z][a-z]{2,})$")


def _one_word_streets(text: str) -> list[tuple[int, int]]:
    found = []
    for ending in ("way", "gate"):
        at = text.find(ending)
        while at >= 0:
            end = at + len(ending)
            space = text.rfind(" ", max(0, at - 20), at)  # the word's start, then its number's
            if (
                space > 0
                and text[space + 1].isupper()
                and text[space - 1].isalnum()
                and not text[end : end + 1].isalnum()
                and (head := _NUMBERED_STREET_HEAD.search(text, max(0, at - 16), at))
                and (head.group(1) + ending).lower() not in lexicon().common_words
            ):
                found.append((head.start(), end))  # not "5 Subway", "2 Gateway"
            at = text.find(ending, end)
    return found


def _streets_before_their_postcode(text: str) -> list[tuple[int, int]]:
    """ "Písnická 409, 572 98 Lanžhot", "Laurenz-Hölzenbecher-Weg 18-86, 66258 Brand",
    "Na Šubě 3, 616 68 Oloví": a street's name and number, a comma, then a postcode before
    its town, as most of Europe writes an address, whatever the street's or the town's
    words (read from each comma a postcode follows)."""
    found = []
    common = lexicon().common_words
    for town in _POSTCODE_AND_TOWN.finditer(text):
        street = _NAME_AND_NUMBER.search(
            text, max(0, town.start() - 60), town.start()
        ) or _FRENCH_STREET_ALONE.search(text, max(0, town.start() - 60), town.start())
        if street is None:
            continue
        street_words = _LETTER_RUNS.findall(street.group())
        town_words = _LETTER_RUNS.findall(town.group())
        if all(w.lower() in common for w in street_words) or (
            # "Acme 5, 1200 Users": a town of ordinary words only after a street built as
            # one ("Laurenz-Hölzenbecher-Weg 18-86, 66258 Brand")
            all(w.lower() in common for w in town_words) and "-" not in street.group()
        ):
            continue  # "Chapter 5, 1200 Words", "Version 3, 1500 Users"
        # (the street, and the postcode and town, as two lines of the address)
        found += [street.span(), (town.start("code"), town.end())]
    return found


_LETTER_RUNS = re.compile(r"[^\W\d_]+")


_TOWN_CAPITAL = f"{LATIN_CAPITAL}\u0386-\u038f\u0391-\u03a9\u0400-\u042f"  # and Greek's, Cyrillic's
_POSTCODE_AND_TOWN = re.compile(
    # (with a country's letter before it, or Greece's "ΤΚ": "H-5529", "ΤΚ 47445")
    # (the view reads Greek's "ΤΚ", letters that look Latin, as "TK")
    r",[ \t]*,?[ \t]*(?P<code>(?:[A-Z]{1,2}-|[ΤT]\.?[ΚK]\.?[ \t]+)?"
    # (a comma after the postcode too, as some forms write it: "Benpad 1, 5090, Ghoy")
    r"(?P<postcode>(?!(?:19|20)\d\d\b)\d{4,5}|\d{3}[ \t]\d{2}|\d{2}-\d{3}))(?:[ \t]*,)?[ \t]+"
    rf"[{_TOWN_CAPITAL}][^\W\d_]+(?:[ \t\-](?:[{_TOWN_CAPITAL}][^\W\d_]+|"
    r"(?:am|an|im|de|di|la|le|sur|upon|nad|pod|u|na|der|bei|ob|près|lès|les|sous)(?![^\W\d_])))*"
    r"(?:[ \t]+\d{1,2}\b)?"
    # (and Switzerland's canton in brackets after the town: "5871 Rappaz (FR)")
    r"(?:[ \t]+\([A-Z]{2}\))?"
)
_NAME_AND_NUMBER = re.compile(
    # (or a preposition and the words in lower case it names the street with, as Slovak
    # and Czech do: "Na piesku 520", "Pod hájom 3")
    rf"(?<![\w\-])(?:(?:Na|Pod|Nad|Za|Pri|Při|Ve|Ku)[ \t]+[^\W\d_]+|[{_TOWN_CAPITAL}][^\W\d_]*)"
    # capitalised words, joined by hyphens or spaces, or a name's particles in lower case
    rf"(?:(?:[\-'’]|\.?[ \t]+)(?:[{_TOWN_CAPITAL}][^\W\d_]*|(?:de|del|della|di|da|do|dos|das|du|la|le|"
    r"van|von|der|den|am|an|im|na|u|v"
    # (and a street's type in lower case after its name: "Ida Ekmanin tie 4", "Karl
    # Johans gate 1", "Fredensborg vej 5", "Drottning Kristinas väg 3")
    r"|tie|katu|kuja|polku|väylä|kaari|rinne|gate|vei|veien|vej|gade|gatan|vägen|väg|allé"
    # (Slovakia's, Slovenia's and Croatia's "cesta", "trieda", "ulica"; Croatia's and
    # Serbia's crescent, way, approach, shore and promenade: "Kozarčev vijenac 3b")
    r"|cesta|trieda|ulica|cesty|pot|trg|út|utca|tér"
    r"|vijenac|put|prilaz|obala|odvojak|šetalište|prolaz|naselje"
    # (and Slovakia's valley, embankment, square, avenue: "Fialkové údolie 10")
    r"|údolie|nábrežie|námestie|alej|sady)\b"
    r"|[a-zà-þ][^\W\d_]*(?<=-)[^\W\d_]*)){0,4}\.?"
    r"[ \t]+\d{1,5}[A-Za-z]?(?:[/\-]\d{1,5}[A-Za-z]?)?\.?\Z"
)


# France's street without its number, its type in lower case: "rue de Neveu, 63343 Morvan"
_FRENCH_STREET_ALONE = re.compile(
    r"(?<![\w\-])(?:rue|avenue|boulevard|bd|allée|chemin|impasse|place|quai|cours|route)[ \t]+"
    rf"(?:(?:de|du|des|la|le|les)[ \t]+|[dl]['’])*[{LATIN_CAPITAL}][^\W\d_]*"
    rf"(?:(?:[\-'’]|[ \t]+)(?:[{LATIN_CAPITAL}][^\W\d_]*|de|du|des|la|le|les)){{0,4}}\Z"
)


# The later types after a house number: the name's words capitalised, on the number's line
# (not a scorecard's "79\nInzamam c Thorpe b Croft", nor "31\nSlovakia beat the Faroe
# Islands"). A pattern of its own that opens on a digit, tried only where one of its
# types is among the text's words: as a branch of the address pattern it cost 40 µs of
# the 2 KB prompt, tried at each of its positions.
_MORE_STREETS = re.compile(
    rf"(?:\d{{1,5}}/)?\d{{1,6}}[A-Za-z]?[ \t]+(?!(?:AM|PM|am|pm)\b)(?:[A-ZÀ-Þ][\w'’.\-]*[ \t]+){{1,4}}"
    rf"(?:{_MORE_STREET_AFTER})\b\.?{_DIRECTION}{_UNIT}"
)


def _spelt(kind: str) -> list[str]:
    """The words a type's pattern spells: "Harbou?rs?" -> Harbor, Harbors, Harbour, Harbours."""
    if "?" not in kind:
        return [kind]
    at = kind.index("?")
    return _spelt(kind[: at - 1] + kind[at + 1 :]) + _spelt(kind[:at] + kind[at + 1 :])


_MORE_STREET_WORDS = frozenset(
    form.lower() for kind in _MORE_STREET_TYPES.split("|") for form in _spelt(kind)
)
_A_LIST_S_TITLE = re.compile(r"(?:[Tt]op|Best)[ \t]+\Z")


def _streets_of_more_types(text: str) -> list[tuple[int, int]]:
    """ "278 Stephens Forges", "82/341 Stokes Retreat"; not "Top 10 National Parks"."""
    if _MORE_STREET_WORDS.isdisjoint(folded_words(text)):
        return []
    return [
        m.span()
        for m in _MORE_STREETS.finditer(text)
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/_"))
        and not _A_LIST_S_TITLE.search(text, max(0, m.start() - 6), m.start())
    ]


_LIVES_ON_VERBS = frozenset(
    ["live", "lives", "lived", "living", "reside", "resides", "resided", "residing", "grew"]
)
# The street someone lives on, numbered or not: "The Smiths live on Elm Street".
_LIVES_ON = re.compile(
    r"\b(?i:live|lives|lived|living|resides?|resided|residing|grew[ \t]+up)[ \t]+on[ \t]+"
    r"((?:[A-Z][\w'’\-]*[ \t]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|"
    r"Blvd|Way|Court|Ct|Place|Pl|Terrace|Crescent|Close|Row|Grove|Gardens|Parkway))\b"
)


# "Harris County", "San Joaquin Valley", "Orleans Parish".
_AREA_KINDS = ("County", "Parish", "Township", "Valley")
_NAMED_AREA = re.compile(
    r"\b([A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+)?)[ \t]+(County|Parish|Township|Valleys?)\b"
)
_REGION_AFTER = re.compile(r"[ \t]*,[ \t]*([A-Z][^\W\d_]*(?:[ \t]+[A-Z][^\W\d_]*)?)")


def before_its_region(text: str, end: int) -> bool:
    """A city before its state or country: "Houston, Texas", "Lawrence , Kansas"."""
    region = _REGION_AFTER.match(text, end)
    return bool(region and region.group(1) in lexicon().regions)


def _without_possessive(word: str) -> str:
    """The place without an ending written onto it: "Victoria's", "İzmir'de"."""
    if word[-2:] in ("'s", "’s"):
        return word[:-2]
    if ("'" in word or "’" in word) and (ending := TURKISH_ENDING.search(word)):
        stem = word[: ending.start()]
        if _key(stem) in lexicon().places:
            return stem
    return word


def _a_persons_name(part: str) -> bool:
    """A listed first name and a listed surname, in any case: "JANE DOE", "Maria Kowalski"."""
    words = part.split()
    if not 2 <= len(words) <= 3:
        return False
    names = lexicon()
    return (
        names.first_names.get(words[0].capitalize()) is True
        and words[-1].capitalize() in names.last_names
    )


class _Spans:
    """Spans, asked whether any overlaps a range in a binary search: asked span by span,
    a long line of addresses was quadratic (100 KB of them, a second)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # the furthest end of the spans up to each one
        self._reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect.bisect_left(self._starts, end)  # the spans that begin before `end`
        return before_end > 0 and self._reach[before_end - 1] > start

    def covers(self, start: int, end: int) -> bool:
        from_start = bisect.bisect_right(self._starts, start)  # the spans that begin by `start`
        return from_start > 0 and self._reach[from_start - 1] >= end


_JAPANESE_DIVISION_BEFORE = re.compile(r"-(?:ku|shi|ken|machi|cho|chō|gun|mura)\b")


def _number_postcode_after(text: str, start: int, end: int) -> re.Match[str] | None:
    """A postcode after the place at [start, end), Japan's only after a ward or a city."""
    postcode = _NUMBER_POSTCODE_AFTER.match(text, end)
    if (
        postcode is not None
        and postcode.group("japan")
        and not _JAPANESE_DIVISION_BEFORE.search(text, max(0, start - 40), start)
    ):
        return None
    return postcode


def _typed_key(key: str, places: dict[str, tuple[tuple[str, ...], ...]]) -> str:
    """The key as the lists spell it: as typed where they hold it so ("Zürich"), without
    its accents where they do not ("Đà Nẵng" -> "Da Nang", "Łódź" -> "Lodz")."""
    return key if key.isascii() or key in places else unaccented(key)


def _key(word: str) -> str:
    """Lookup form: LAPPEENRANTA -> Lappeenranta, ST LOUIS -> St Louis (but US stays US),
    İstanbul -> Istanbul (Turkish writes a dotted capital I; the lists, GeoNames', none)."""
    if word[:1] == "İ":
        word = "I" + word[1:]
    return word.capitalize() if word.isupper() and (len(word) > 2 or word == "ST") else word


def _adjacent(text: str, tokens: list[re.Match[str]]) -> bool:
    """Words of one place name: separated by spaces only ("New York", not "New. York")."""
    return all(
        text[a.end() : b.start()].strip(" ") == "" for a, b in zip(tokens, tokens[1:], strict=False)
    )


# A record's field that holds a postal address, in the customers' languages too:
# "Address: Plot 12, Admiralty Way, Lekki Phase 1, Lagos", '"shipping_address": "..."'.
_ADDRESS_LABEL = re.compile(
    r"(?<![\w.\-])([\w\-]+[ \t_\-]+)?(?i:address|addr|adresse|anschrift|direcci[oó]n|"
    r"endere[cç]o|indirizzo|adres)(?i:[ \t_\-]*(?:line)?[ \t_\-]*[12])?[\"']?[ \t]*[:=][ \t]*[\"']?"
    r"([^\n;|\"<>{}]{4,160})"
)
# Addresses that are no one's place: "Email address:", "IP address:", "Wallet address:".
_NOT_POSTAL = frozenset(
    ["email", "e-mail", "mail", "ip", "mac", "web", "wallet", "server", "host", "memory",
     "return", "reply", "sender", "url", "bitcoin", "btc", "eth", "contract", "network", "ipv4",
     "ipv6", "proxy", "gateway", "base", "start", "end", "bind", "listen", "remote", "local"]
)  # fmt: skip
# the value ends with its sentence: "Address: Obchodná 12, 811 06 Bratislava. Phone ..."
# (after a word of four letters or more: not "St.", "ul.", "Apt." or a house number's dot)
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4})\.[ \t]+(?=[A-Z][a-z]+\b)")
_ADDRESS_WORDS = ("addr", "adres", "anschrift", "direcci", "endere", "indirizzo")


# An Eircode names one dwelling: a routing key ("T12", "D6W") and four characters of its
# own alphabet, a letter among them ("T12 X2R7"; not "T12 2025"). Looked for only in
# text about Ireland, where the shape is what it means.
_EIRCODE = re.compile(
    r"(?<![\w\-])(?:[ACDEFHKNPRTVWXY]\d{2}|D6W)[ \t]?"
    r"(?=[0-9]*[ACDEFHKNPRTVWXY])[0-9ACDEFHKNPRTVWXY]{4}(?![\w\-])"
)
_IRISH_WORDS = frozenset(
    ["eircode", "ireland", "éire", "eire", "dublin", "cork", "galway", "limerick", "waterford",
     "kilkenny", "wexford", "sligo", "kerry", "donegal", "mayo", "clare", "tipperary",
     "wicklow", "meath", "kildare", "louth", "offaly", "laois", "westmeath", "longford",
     "roscommon", "leitrim", "cavan", "monaghan", "carlow"]
)  # fmt: skip


def eircodes(text: str, streets: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each Eircode in a text that speaks of Ireland, or right after a
    street on its line ("41 Shevlin Street E60 96FR"), with the town written right
    before it ("Cork T12 X2R7": "cork" is a word, so no list has it)."""
    irish = not _IRISH_WORDS.isdisjoint(folded_words(text))
    ends = sorted(end for _, end in streets)
    if not irish and not ends:
        return []
    found = []
    for m in _EIRCODE.finditer(text):
        if not irish and not _street_ends_before(text, ends, m.start()):
            continue
        town = _TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        found.append((town.start(1) if town else m.start(), m.end()))
    return found


_STREET_TO_EIRCODE = 40  # the town and a comma or two between them at most


def _street_ends_before(text: str, ends: list[int], start: int) -> bool:
    """Whether a street ends a town's words at most before `start`, on its line."""
    k = bisect.bisect_right(ends, start)
    if not k:
        return False
    end = ends[k - 1]
    return start - end <= _STREET_TO_EIRCODE and _TOWN_GAP.fullmatch(text, end, start) is not None


# Between a street and its Eircode: commas, spaces, and a town's capitalised words.
_TOWN_GAP = re.compile(r"[ \t,]*(?:[A-Z][\w'’\-]*[ \t,]+){0,3}")


_TOWN_BEFORE = re.compile(
    r"(?<![\w\-])((?!Eircode\b)[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]*,?[ \t]*$"
)


# A record's field for the town or the postcode of an address, in the customers'
# languages too ("City: Đà Nẵng", "shipping_city=Kaustinen", '"zip": "94107"'); not a
# workflow's "State:" nor a sales team's "Region:".
_FIELD_PREFIXES = ("shipping", "billing", "home", "mailing", "delivery", "postal")
_TOWN_WORDS = ("city", "town", "village", "suburb", "municipality", "locality", "ciudad",
               "ville", "stadt", "cidade", "città", "miasto", "kaupunki", "ort")  # fmt: skip
_POSTCODE_WORDS = ("zip", "zipcode", "postalcode", "postcode", "plz")


def _with_code_apart(word: str) -> str:
    """ "postcode" -> "post[ _-]?code": a postcode's word also with its "code" apart."""
    return f"{word[:-4]}[ _\\-]?code" if word.endswith("code") else word


_TOWN_FIELD = re.compile(
    rf"(?i:(?<![\w])(?:(?:{'|'.join(_FIELD_PREFIXES)})[ _\-]?)?"
    rf"(?:({'|'.join(_TOWN_WORDS)})|({'|'.join(map(_with_code_apart, _POSTCODE_WORDS))}))"
    r"[\"']?[ \t]*[:=][ \t]*[\"']?)"
    r"([^\n,;|&\"'}<>]{1,40})"
)
# The folded words one of which a text holds where _TOWN_FIELD can match: each of its
# words (a postcode's word also without its "code": "post code"), also written onto a
# prefix ("billingcity", "deliveryzip"), so the pattern is tried only where one may be.
_TOWN_FIELD_FIRST_WORDS = (
    *_TOWN_WORDS,
    *_POSTCODE_WORDS,
    *(word[:-4] for word in _POSTCODE_WORDS if word.endswith("code")),
)
_TOWN_FIELD_WORDS = frozenset(
    [*_TOWN_FIELD_FIRST_WORDS]
    + [prefix + word for prefix in _FIELD_PREFIXES for word in _TOWN_FIELD_FIRST_WORDS]
)
_NO_TOWN = frozenset(["n/a", "na", "none", "tbd", "unknown", "-", "various", "remote", "null"])


def labelled_towns(text: str) -> list[tuple[int, int]]:
    """The value of each field named for an address's town or postcode: a town of up to
    four words whatever they are, a postcode holding a digit."""
    found = []
    for m in _TOWN_FIELD.finditer(text):
        value = m.group(3).rstrip(" \t.")
        if not value or value.lower() in _NO_TOWN:
            continue
        if m.group(1) and not (len(value.split()) <= 4 and value[0].isalpha()):
            continue  # "City: 12 of them", a sentence after the colon
        if m.group(2) and not (len(value) <= 10 and any(c.isdigit() for c in value)):
            continue
        found.append((m.start(3), m.start(3) + len(value)))
    return found


def labelled_addresses(text: str) -> list[tuple[int, int]]:
    """The value of each field named for a postal address, to its line's end, where it
    holds a number or a comma as an address does ("Address: see CRM" is no address)."""
    lowered = folded_like_re(text)
    if not any(word in lowered for word in _ADDRESS_WORDS):
        return []
    found = []
    for m in _ADDRESS_LABEL.finditer(text):
        qualifier = (m.group(1) or "").strip(" \t_-").lower()
        value = _SENTENCE_END.split(m.group(2), maxsplit=1)[0].rstrip(" \t.,")
        if (
            qualifier in _NOT_POSTAL
            or "@" in value
            or "://" in value
            or not any(ch.isdigit() or ch == "," for ch in value)
        ):
            continue
        start = m.start(2)
        if (addressee := _ADDRESSEE.match(value)) is not None or _a_persons_name(
            value.partition(",")[0]
        ):
            # the person the address is for opens it: theirs is a name, not a place
            skip = addressee.end() if addressee else len(value.partition(",")[0])
            rest = value[skip:].lstrip(" \t,")
            if not rest:
                continue
            start += len(value) - len(rest)
            value = rest
        found.append((start, start + len(value)))
    return found


# A title and a name opening an address's value, before its first comma ("Mr. Rajesh
# Kumar, Flat 302, ...", "Sig. Gianluca Esposito, Via Toledo 256, ...").
_ADDRESSEE = re.compile(
    r"(?:(?:Attn|Attention|c/o)\.?[ \t:]*)?"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sr|Sra|Srta|Sig|Sig\.ra|Sigra|Frau|Herr|Pan|Pani|Dhr|"
    r"Mevr|M|Mme|Mlle)\.?[ \t]+)+[A-Z][^,\n\d]{1,60}(?=,)"
)
