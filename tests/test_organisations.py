"""Offline ORGANIZATION without a legal suffix: known names, institutions, acronyms, cues."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import found, found_of, only

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction import Detector
from tollgate.redaction.organisation_rules import _CUED_COMPANY, _INSTITUTION


@pytest.fixture(scope="module")
def companies_and_people() -> Detector:
    return Detector(Redaction(entities=only("PERSON", "LOCATION", "ORGANIZATION")))


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        # listed companies and well-known bodies, as people write them
        ("We lost the deal to Accenture last week.", ["Accenture"]),
        ("Accenture's team pushed back on price.", ["Accenture"]),
        ("Their bank is Bank of America, not Wells Fargo.", ["Bank of America", "Wells Fargo"]),
        ("Both AT&T and NATO renewed.", ["AT&T", "NATO"]),
        ("The U.N. agency asked for a quote.", ["U.N."]),
        ("ACCENTURE signed on Friday.", ["ACCENTURE"]),
        # the same letters as a word, or inside a longer word
        ("Who signed it? The WHO did.", ["WHO"]),
        # a short name in capitals, though its letters are a word in lower case
        ("We migrate off SAP; ING is their bank.", ["SAP", "ING"]),
        # ... but not business shorthand, a bank code, a unit after a number, or emphasis
        ("Revenue is up 12% vs LY; send the BIC; 300 HP; call me NOW.", []),
        ("The August 2001 FERC order stands.", ["FERC"]),
        ("Business Intelligence is a growing market.", []),
        # listed companies named by an ordinary word, a first name or a place are left out
        ("Target the Lincoln office first.", []),
        # institutions: a public body's or an institution's word at the end, or before "of"
        ("The Commerce Department published the figures.", ["Commerce Department"]),
        ("She studied at the University of Texas.", ["University of Texas"]),
        ("A note from the Ministry of Defence arrived.", ["Ministry of Defence"]),
        ("Send it to the Department by Friday.", []),
        # acronyms: capitals that are no word, title, unit, format or place
        ("FERC approved the PSE&G tariff.", ["FERC", "PSE&G"]),
        ("The CEO sent the PDF at 9 EST; we need 5 MW in the USA.", []),
        # words around it that only a company has
        ("Our customer Initech wants 40 seats. Initech signs Friday.", ["Initech", "Initech"]),
        ("Send the Contoso account to legal; Contoso wants a discount.", ["Contoso", "Contoso"]),
        ("Fabrikam's procurement team asked for the RFP.", ["Fabrikam"]),
        ("She works at Northwind Traders now.", ["Northwind Traders"]),
        # ... unless the name is a person's, or an ordinary word
        ("Our customer Maria wants 40 seats.", []),
        ("Close the Enterprise deal first.", []),
    ],
)
def test_organisations_named_without_a_suffix(
    companies_and_people: Detector, text: str, organisations: list[str]
) -> None:
    assert found_of(companies_and_people, text, "ORGANIZATION") == organisations


@pytest.mark.parametrize(
    "text",
    [
        "SOCCER - NATO STRIKER WHO SCORED TWICE SIGNS FOR BOSTON\nThe match was played.",
        "MADRID 1996-08-22 The talks resumed.",
        "Forwarded by Kirk McDaniel/HOU/EES on 11/27/2001 10:04 AM",
        "Forwarded by Kirk McDaniel / HOU / EES on 11/27/2001 10:04 AM",
        "Write to sheri.a.righi@accenture.com today.",
    ],
)
def test_capitals_in_headlines_datelines_and_addresses_are_not_organisations(
    companies_and_people: Detector, text: str
) -> None:
    # (a headline's words may be anything; a dateline is a place; an office
    # code or a domain is part of an address)
    assert found_of(companies_and_people, text, "ORGANIZATION") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company's name that is also a surname: a cue makes it a person's
        ("Pearson renewed for a year.", [("ORGANIZATION", "Pearson")]),
        ("Dear Ms. Pearson, thanks for renewing.", [("PERSON", "Pearson")]),
        ("Ian Pearson renewed for a year.", [("PERSON", "Ian Pearson")]),
        # initials signing off are a person's, not an acronym
        ("Send me the numbers.\nThanks, JDF", [("PERSON", "JDF")]),
        # a company named with a suffix keeps its whole name
        ("Allianz Insurance sent the PO.", [("ORGANIZATION", "Allianz Insurance")]),
    ],
)
def test_a_person_and_a_suffixed_name_win_over_the_rules_without_a_suffix(
    companies_and_people: Detector, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(companies_and_people, text) == expected


def test_the_default_policy_does_not_look_for_organisations() -> None:
    # a company's name is not personal data: ORGANIZATION is scanned on request
    text = "Our customer Initech and Accenture met the FERC staff at the Commerce Department."
    assert found(Detector(Redaction()), text) == []


def test_sales_text_without_personal_data_or_companies_has_no_finding_of_any_type() -> None:
    # `make quality`'s 49 KB of pipeline figures, SKUs, invoice numbers, dates,
    # versions and the trade's acronyms ("ARR"), with every type scanned
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from quality import business_text

    every_type = Detector(Redaction()).supported_entities
    detector = Detector(Redaction(entities=dict.fromkeys(every_type, EntityAction.REDACT)))
    assert found(detector, business_text()) == []


@pytest.mark.parametrize(
    ("pattern", "text"),
    [(_INSTITUTION, "AAAA Department"), (_CUED_COMPANY, "AAAA's account")],
)
def test_the_organisation_patterns_begin_only_where_a_word_begins(
    pattern: re.Pattern[str], text: str
) -> None:
    # Tried inside one long word of capitals, each attempt read to the word's
    # end: 32 KB of "AAAA..." before a "Department" took 29 s.
    assert pattern.match(text, 0)
    assert pattern.match(text, 2) is None


def test_a_line_is_read_once_for_capitals_however_many_acronyms_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read again for each acronym in it, one long line of "AAAA " was quadratic.
    from tollgate.redaction import organisation_rules

    read: list[int] = []
    original = organisation_rules._ShoutedLines.__call__

    def counting(self, at: int) -> bool:  # type: ignore[no-untyped-def]
        before = len(self._lines)
        shouted = original(self, at)
        read.append(len(self._lines) - before)
        return shouted

    monkeypatch.setattr(organisation_rules._ShoutedLines, "__call__", counting)
    text = "Ask FERC. " * 2000 + "\n" + "AAAA " * 2000
    Detector(Redaction(entities=only("ORGANIZATION"))).find(text)
    assert len(read) >= 2000  # each acronym asks ...
    assert sum(read) == 2  # ... and each of the two lines is read once
