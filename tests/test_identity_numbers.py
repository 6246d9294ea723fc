"""National identity numbers and dates of birth: found by shape, check digit and name."""

from __future__ import annotations

import pytest
from conftest import found

from tollgate.config.policy import Redaction
from tollgate.redaction import Detector
from tollgate.redaction.fingerprints import normal_forms


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(Redaction())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a shape and a check digit of its own: found without its name
        ("Cliente con DNI 12345678Z y NIE X1234567L.", "12345678Z"),
        ("NIE X1234567L on file.", "X1234567L"),
        ("Codice RSSMRA85T10A562S per la fattura.", "RSSMRA85T10A562S"),
        ("Asiakas 131052-308T soitti.", "131052-308T"),
        ("Asiakas 010105A123P soitti.", "010105A123P"),  # born in 2005
        ("HETU 240719B457S", "240719B457S"),
        ("henkilötunnus 150923U021J", "150923U021J"),  # the 1900s' newer letter
        ("Kund 811218-9876 har betalat.", "811218-9876"),
        ("NI number AB 12 34 56 C for payroll.", "AB 12 34 56 C"),
        ("Her NINO is AB123456C.", "AB123456C"),
        ("PAN ABCPE1234F for the invoice.", "ABCPE1234F"),
        ("Invoice for AAAPL1234C.", "AAAPL1234C"),  # a person's PAN alone
        ("Her PAN is ABCDE1234F.", "ABCDE1234F"),  # after its name, any holder's letter
        ("Cliente 390.533.447-05 pagou.", "390.533.447-05"),  # Brazilian CPF
        ("CURP BOXW310820HNERXN09", "BOXW310820HNERXN09"),
        ("Rijksregister 85.07.30-033.28", "85.07.30-033.28"),  # Belgian national number
        ("N° 2 95 10 99 126 111 93 au dossier", "2 95 10 99 126 111 93"),  # French NIR
        ("RRN 971013-9019902", "971013-9019902"),  # Korean resident registration number
        ("身份证 11010519491231002X", "11010519491231002X"),  # Chinese resident ID
        ("CPR 211062-5629", "211062-5629"),  # Danish CPR
        # shapes other numbers share, after their name, where the check digit holds
        ("NHS no. 943 476 5919", "943 476 5919"),
        ("Aadhaar: 2345 6789 0124", "2345 6789 0124"),
        ("PESEL 44051401359", "44051401359"),
        ("Steuer-ID 86095742719", "86095742719"),
        ("SIN 130 692 544", "130 692 544"),
        ("BSN 111222333", "111222333"),
        ("CPF: 39053344705", "39053344705"),
        ("fødselsnummer 15108695088", "15108695088"),
        ("My Number 6214 9832 0257", "6214 9832 0257"),
        ("SA ID number 7503305044089", "7503305044089"),
        ("n° sécurité sociale 295109912611193", "295109912611193"),
        ("customer_personnummer: 198112189876", "198112189876"),
        # after its name, a number of its shape whatever its check digit: mistyped,
        # never issued, or the example printed on the forms
        ("PESEL 85031212345", "85031212345"),
        ("TFN 123 456 782 for the Australian contractor", "123 456 782"),
        ("Steuer-ID 86 095 742 719", "86 095 742 719"),
        ("Personnummer 19850312-1234 for the Swedish lead.", "19850312-1234"),
        ("CURP GODE561231HDFRRN09", "GODE561231HDFRRN09"),
        ("SIN 046 454 286", "046 454 286"),
        ("NIE X1234567A", "X1234567A"),
        ("NI number GB 12 34 56 A", "GB 12 34 56 A"),
        # no shape of its own: the token after its name
        ("passport no. X1234567, expires 2031", "X1234567"),
        ("Passport: 912803456", "912803456"),
        ("National ID card 4711-0815-22 was scanned", "4711-0815-22"),
        ("My driver's license number is 6940579", "6940579"),
        ("DL# F162823540116", "F162823540116"),
        ("UK driving licence number MORGA657054SM9IJ", "MORGA657054SM9IJ"),
        ("travel document no. 123456789", "123456789"),
        # national schemes whose numbers other numbers' shapes share, after their names
        ("NRIC S1234567D", "S1234567D"),
        ("HKID A123456(7)", "A123456(7)"),
        ("My Emirates ID is 784-1985-1234567-1", "784-1985-1234567-1"),
        ("Israeli ID 123456782", "123456782"),
        ("RUT 12.345.678-5", "12.345.678-5"),
        ("CUIT 20-12345678-3", "20-12345678-3"),
        ("TC Kimlik No: 10000000146", "10000000146"),
        ("Her MyKad is 850312-14-5678.", "850312-14-5678"),
        ("BVN 22212345678 for the transfer", "22212345678"),  # Nigeria's bank verification
        ("ID proof: voter ID ABC1234567", "ABC1234567"),  # India's EPIC
        ("ration card 12-34-567890", "12-34-567890"),
        ("KRA PIN A123456789Z on the invoice", "A123456789Z"),  # Kenya's tax PIN
        ("Patient: Aroha Ngata, NHI ABC1234", "ABC1234"),  # New Zealand's health index
        ("her health card 1234-567-890-AB", "1234-567-890-AB"),
        ("Invoice for Jorge Núñez, RFC NUCJ850312AB1", "NUCJ850312AB1"),
        # Pakistan's CNIC (its shape alone), Sri Lanka's NIC, Bangladesh's NID
        ("for Mr. Ahmed Raza, 35202-1234567-1.", "35202-1234567-1"),
        ("CNIC: 3520212345671", "3520212345671"),
        ("Her NIC is 851234567V", "851234567V"),
        ("NID no. 1990123456789", "1990123456789"),
        # identity cards named in the customers' languages, and Turkey's abbreviation
        ("'tckn': '10000000146'", "10000000146"),
        ("Personalausweis: T22000129", "T22000129"),
        ("Ausweisnummer L01X00T47", "L01X00T47"),
        ("carte d'identité n° 880692310285", "880692310285"),
        ("carta d'identità CA00000AA", "CA00000AA"),
        ("documento de identidad 12345678Z", "12345678Z"),
        ("Cédula de ciudadanía 1.020.304.050", "1.020.304.050"),
        ("RG 12.345.678-9", "12.345.678-9"),
        ("DUI 01234567-8", "01234567-8"),
        ("pasaporte número X1234567", "X1234567"),
        ("Her SA ID is 8001015009087.", "8001015009087"),
        ("GSTIN 29ABCDE1234F1Z5", "29ABCDE1234F1Z5"),  # India's GST number holds a PAN
        ("IRD 123-456-789, 1 Queen St, Auckland 1010", "123-456-789"),  # New Zealand's tax number
        # the numbers a clinic or an insurer knows a person by
        ("Patient: Margaret Thompson, MRN 00482913", "00482913"),
        ("medical record number 4829113", "4829113"),
        ("patient ID 7730021", "7730021"),
        ("member ID: XJH123456789", "XJH123456789"),
        ("her member no. is 00018823", "00018823"),
        ("policy number POL-88231-A", "POL-88231-A"),
        ("health insurance no. 123456789A", "123456789A"),
        ("Versichertennummer A123456780", "A123456780"),
        # the lines of a passport's or an ID card's machine-readable zone, name and all
        (
            "Passport scan:\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        ),
        (
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ),
        ("ID card back: 7408122F1204159UTO<<<<<<<<<<<6", "7408122F1204159UTO<<<<<<<<<<<6"),
    ],
)
def test_national_identity_numbers_are_found(detector: Detector, text: str, value: str) -> None:
    assert ("NATIONAL_ID", value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "call 943 476 5919 tomorrow",  # an NHS number's shape and digit, but no NHS: a phone
        "order 44051401359 shipped",  # a PESEL's digits without its name
        "order 39053344705, ticket 111222333, ref 7503305044089",  # CPF, BSN, SA ID unnamed
        "IP 203.0.113.54, 12.03.1985, version 1.2.3.4, price 1.234.567",
        "Ref 12345678A is the ticket",  # a DNI's shape whose letter does not hold
        "Ref X1234567A",  # nor an NIE's
        "GB123456A is a VAT-style code",  # no NINO begins with GB
        "serial 046 454 286",  # no SIN begins with 0, and no name says it is one
        "ticket 123456789, version 1.2.3, 120 seats at 12%",
        "the passport office opens at 9",  # its name, but no number after it
        "the driver was late by 12345 seconds",
        "the truth is 12345 apps ran; this morning 2024 plans",  # the names inside words
        "RFC 2616 and RFC 7231; SKU ABCD123456XYZ; model WXYZ991399AB1",  # no birth date inside
        "the JDBC driver 42.7.3 and device drivers 1.20.30",
        "the voter turnout; an epic deal; a ration of 1234 units",
        "SKU ABCDE1234F",  # a PAN's shape, but no holder's letter and no name
        "the NIC team, nicotine and a NID-style tag; part 3520212345671",
        "The RG team met on 12 May 2024; the carta 2024 menu; the CNI 2025 plan",
        "the SA team met 8001015009087 times; ird is no word",
        "the member 2024 pricing; policy 2024-25 renewals; our insurance number of claims 12000",
        # fillers alone, code's shifts, a conflict marker: no zone
        "std::cout << x << std::endl; <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< merge; A1<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
    ],
)
def test_numbers_that_only_look_like_identity_numbers_are_left(
    detector: Detector, text: str
) -> None:
    assert [f for f in found(detector, text) if f[0] == "NATIONAL_ID"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Customer Aarav Sharma (DOB 12/03/1985) from Mumbai", "12/03/1985"),
        ("Date of birth: 1985-03-12", "1985-03-12"),
        ("He was born on March 12, 1985.", "March 12, 1985"),
        ("She was born 12th of March 1985.", "12th of March 1985"),
        ("D.O.B.: 07-04-1990", "07-04-1990"),
        ("birthday is 4 July 1990", "4 July 1990"),
        ("12/03/1985 (DOB)", "12/03/1985"),
        ("born in 1985, lives in Leeds", "1985"),
        ("DOB: 31/02/1985", "31/02/1985"),  # no real day, still the birth date written
        ("Geburtsdatum: 12.03.1985", "12.03.1985"),
        ("fecha de nacimiento: 12/03/1985", "12/03/1985"),
        ("née le 12/03/1985", "12/03/1985"),
        ("Date of Birth (MM/DD/YYYY): 05/03/1990", "05/03/1990"),  # a format's hint between
        ("Birthday: 3/5, likes golf", "3/5"),  # a birthday without its year
        ("born May 3 in Leeds", "May 3"),
        ("Her birthday is on the 5th of June.", "5th of June"),
        ("Her birthday falls on 3 May", "3 May"),
        ("DOB 12 Jun. 1985", "12 Jun. 1985"),
        ("DOB 1985 March 12", "1985 March 12"),
        # "b." in brackets or after a comma; a year alone or the digits run together
        # right after the name; a two-digit year; the name in camel case and in the
        # customers' languages
        ("The customer (b. 03/12/1985) asked for a discount.", "03/12/1985"),
        ("Maria Kowalski, b. 1985, signed.", "1985"),
        ("Age: 42 (DOB 1985)", "1985"),
        ("Born: 1985", "1985"),
        ("DOB 03121985", "03121985"),
        ("birth date 12 Mar '85", "12 Mar '85"),
        ("dateOfBirth=1985-03-12&name=x", "1985-03-12"),
        ("Geboortedatum: 12-03-1985", "12-03-1985"),
        ("Data urodzenia: 12.03.1985", "12.03.1985"),
        ("Födelsedatum 1985-03-12", "1985-03-12"),
        ("Fødselsdato: 12.03.1985", "12.03.1985"),
        ("Doğum tarihi: 12.03.1985", "12.03.1985"),
        # in words, as a call's transcript writes it
        (
            "Her date of birth is the twelfth of March nineteen eighty-five.",
            "twelfth of March nineteen eighty-five",
        ),
        ("born on March third, two thousand and one", "March third, two thousand and one"),
        ("She was born on the fourth of July, 1985.", "fourth of July, 1985"),
        ("DOB: fourth of june nineteen eighty two", "fourth of june nineteen eighty two"),
        # the answer on the line after the question, after its speaker
        (
            "Agent: And your date of birth?\nCaller: June fourth, nineteen eighty-two.",
            "June fourth, nineteen eighty-two",
        ),
        ("Agent: Date of birth?\nCaller: Fourth of June, 1982.", "Fourth of June, 1982"),
        ("Q: DOB?\nA: 04/06/1982", "04/06/1982"),
        # month names in the customers' languages, with their own words between
        ("né le 12 mars 1985 à Lyon", "12 mars 1985"),
        ("nacido el 12 de marzo de 1985", "12 de marzo de 1985"),
        ("geboren am 12. März 1985 in Köln", "12. März 1985"),
        ("data de nascimento: 12 de março de 1985", "12 de março de 1985"),
        ("CPF 390.533.447-05, nascido em 12/03/1985", "12/03/1985"),
        # whose it is between the name and its colon
        ("Birthday of the decision maker: 14 Feb 1979", "14 Feb 1979"),
        ("DOB for the primary contact - 02/14/1979", "02/14/1979"),
    ],
)
def test_dates_of_birth_are_found_beside_their_name(
    detector: Detector, text: str, value: str
) -> None:
    assert ("DATE_OF_BIRTH", value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Meeting on 12/03/2026 at 10:00",
        "Réunion le 12 mars 2026; born in Lyon; nacido en Madrid",
        "Renewal due March 12, 2027.",
        "The idea was born out of 2020 talks.",
        "Births and deaths: see the 1985 report.",
        "Plan b. 12/03/2026 is the launch; web. 2025-01-01; see p. 1985",
        "the birthday party is on the first of May; we were born ready, the third of June",
        "the birthday of my son was great, in 1985 we moved; born for the job: 1999 was the year",
        "birthday party for 20 people: 14 Feb 2025",
        # a question about a birth date, and a line after it that is no answer to it
        "Agent: was the date of birth checked?\nCaller: the renewal is due 12/03/2026 anyway",
    ],
)
def test_other_dates_are_no_birth_dates(detector: Detector, text: str) -> None:
    assert [f for f in found(detector, text) if f[0] == "DATE_OF_BIRTH"] == []


def test_an_identity_number_is_fingerprinted_however_it_is_spaced() -> None:
    assert normal_forms("NATIONAL_ID", "AB 12 34 56 C") == normal_forms("NATIONAL_ID", "ab123456c")


def test_both_types_are_redacted_by_default() -> None:
    defaults = Redaction()
    assert {"NATIONAL_ID", "DATE_OF_BIRTH"} <= set(defaults.scanned_entities)
    assert all(defaults.action_for(t).value == "redact" for t in ("NATIONAL_ID", "DATE_OF_BIRTH"))


def test_a_json_field_named_for_such_data_is_read_with_its_name(detector: Detector) -> None:
    import json

    from tollgate.redaction import redact_request

    arguments = json.dumps({"customer": {"dateOfBirth": "12/03/1985", "passport_no": "912803456"}})
    body = {
        "model": "gpt-4o",
        "metadata": {
            "dob": "1985-03-12",
            "nhs_number": "943 476 5919",
            "ticket": "943 476 5919",
            "customer_ssn": "536228745",
        },
        "messages": [
            {"role": "user", "content": "update the record"},
            {"role": "assistant", "tool_calls": [{"function": {"arguments": arguments}}]},
        ],
    }
    redacted = redact_request(json.dumps(body).encode(), None, detector.find, detector.settings)
    sent = json.loads(redacted.body)
    assert sent["metadata"]["dob"] == "<DATE_OF_BIRTH_1>"
    assert sent["metadata"]["nhs_number"].startswith("<NATIONAL_ID_")
    customer = json.loads(sent["messages"][1]["tool_calls"][0]["function"]["arguments"])["customer"]
    assert customer["dateOfBirth"].startswith("<DATE_OF_BIRTH_")
    assert customer["passport_no"].startswith("<NATIONAL_ID_")
    # the key tells, and the same digits under another name are that NHS number, not a phone
    assert sent["metadata"]["ticket"] == sent["metadata"]["nhs_number"]
    assert redacted.counts == {"DATE_OF_BIRTH": 2, "NATIONAL_ID": 3, "US_SSN": 1}


def test_a_value_found_beside_its_name_is_replaced_where_it_is_written_again(
    detector: Detector,
) -> None:
    import json

    from tollgate.redaction import redact_request

    body = {
        "model": "gpt-4o",
        "messages": [
            {"role": "user", "content": "Patient DOB 12/03/1985, NHS no. 943 476 5919."},
            {"role": "assistant", "content": "Noted."},
            {"role": "user", "content": "Confirm 12/03/1985 and 943 476 5919 in the letter."},
        ],
        "metadata": {"ssn": "536228745", "ref": "536228745"},
    }
    redacted = redact_request(json.dumps(body).encode(), None, detector.find, detector.settings)
    sent = redacted.body.decode()
    assert not any(value in sent for value in ("12/03/1985", "943 476 5919", "536228745"))
    last = json.loads(sent)["messages"][2]["content"]
    assert last == "Confirm <DATE_OF_BIRTH_1> and <NATIONAL_ID_1> in the letter."
    assert json.loads(sent)["metadata"]["ref"] == "<US_SSN_1>"
    # (names are carried over by the name recognizer, which knows "Mark" can be a word)
