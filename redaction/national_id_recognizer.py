"""National identity numbers: the ones a sales team meets in its customers' records.

Each is found by its shape. One whose check digit decides it (a Spanish DNI
or NIE, an Italian codice fiscale, a Finnish HETU, a Swedish personnummer)
counts where the digit holds; presidio's own validators and python-stdnum's
do the arithmetic.
Shapes that other numbers share (ten digits are a phone number as often as an
NHS number, eleven a PESEL or an order number) count only after a word that
names them. After its name a number of the right shape counts whether its check
digit holds or not (a mistyped number is still that person's); without the name,
only where the check digit holds. A passport or
"ID number" or a driving licence has no shape of its own: after its name, the
token is the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from presidio_analyzer.predefined_recognizers import (
    DeTaxIdRecognizer,
    EsNieRecognizer,
    EsNifRecognizer,
    FiPersonalIdentityCodeRecognizer,
    InAadhaarRecognizer,
    ItFiscalCodeRecognizer,
    NhsRecognizer,
    PlPeselRecognizer,
    SePersonnummerRecognizer,
)
from stdnum.au import tfn
from stdnum.be import nn as belgian_nn
from stdnum.br import cpf
from stdnum.dk import cpr
from stdnum.fr import nir
from stdnum.iso7064 import mod_11_2
from stdnum.jp import in_ as my_number
from stdnum.kr import rrn
from stdnum.mx import curp, rfc
from stdnum.nl import bsn
from stdnum.no import fodselsnummer
from stdnum.pk import cnic
from stdnum.za import idnr

from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.text_cues import folded_like_re, folded_words

ENTITY = "NATIONAL_ID"
SHAPED, CUED = 0.7, 1.0

# The names of numbers with no shape of their own: after them, the token is the number.
_SHAPELESS_NAMES = (
    r"passport|pasaporte|passeport|reisepass|passaporto|pass[\s_]+(?:no|number)|"
    r"travel[\s_]+document|national[\s_]+id(?:entity)?(?:[\s_]+card)?|"
    r"id[\s_]*(?:no|number|card|nr|#)|identity[\s_]+(?:no|number|card)|"
    r"personal[\s_]+(?:id|number|identity[\s_]+number)|"
    r"driv(?:er'?s?|ing)[\s_]+licen[cs]e|dl[\s_]*(?:no|#)|führerschein|"
    # national schemes whose numbers are shaped like others: Singapore, Hong Kong, the
    # Emirates, Israel, Chile, Argentina, Turkey, Malaysia, Indonesia, Nigeria, Romania,
    # Switzerland, Ireland, and Canadian and Australian health cards
    r"nric|hkid|emirates[\s_]+id|teudat[\s_]+zehut|israeli[\s_]+id|rut|cuit|cuil|"
    r"tc[\s_]+kimlik(?:[\s_]+no)?|kimlik[\s_]+no|tckn|mykad|nik|ktp|nin|cnp|ahv|avs|ppsn?|"
    # identity cards in the customers' languages: Germany's, France's, Italy's, Spain's
    # and Latin America's (a cédula, Brazil's RG, El Salvador's DUI)
    r"personalausweis(?:nummer)?|ausweis(?:nummer)?|carte[\s_]+d['’]identit[ée]|cni|"
    # South Africa's identity number by its country's name, New Zealand's tax number
    r"(?:sa|rsa|south[\s_]+african)[\s_]+id|ird|"
    # India's GST number, which holds its holder's PAN
    r"gstin|gst[\s_]+(?:no|number|id)|"
    r"carta[\s_]+d['’]identit[àa]|documento[\s_]+(?:de[\s_]+)?identi(?:dad|dade|tà)|"
    r"c[ée]dula(?:[\s_]+de[\s_]+(?:identidad|ciudadan[íi]a))?|rg|dui|"
    r"health[\s_]+card|ohip|medicare(?:[\s_]+card)?|"
    # Nigeria's bank verification number, India's voter ID and ration card, Kenya's tax PIN
    r"bvn|voter'?s?[\s_]+id(?:[\s_]+card)?|epic[\s_]+(?:no|number)|ration[\s_]+card|"
    r"kra[\s_]+pin|nhi(?:[\s_]+(?:no|number))?|"  # (and New Zealand's health index number)
    # Pakistan's identity cards, Bangladesh's and Sri Lanka's national identity numbers
    r"cnic|nicop|nid(?:[\s_]+(?:no|number|card))?|nic(?:[\s_]+(?:no|number))?|"
    # the numbers a clinic or an insurer knows a person by: a medical record's, a patient's,
    # a member's of a health plan, an insurance policy's (Germany's, France's card too)
    r"mrn|medical[\s_]+record|(?:patient|member|subscriber)[\s_]+id|"
    r"(?:patient|member|subscriber|policy|insurance)(?=[\s_]*(?:no|number|num|nr|#))|"
    r"krankenversicherungsnummer|versichertennummer|carte[\s_]+vitale"
)
# What may stand between a number's name and the number: "no.", ":", "is".
_AFTER_NAME = (
    r"(?:[\s_]*(?:no|number|num|nr|#|n[°º]|nro|numéro|número|numero|nummer))?"
    r"\.?[^\w\n]{0,4}(?:(?:is|was)\s+)?"
)
# A number's name just before it: "NHS no. 943 476 5919", "passport: X1234567",
# "her DNI is 12345678Z". Letters may not touch it; underscores may ("customer_nino").
_CUE = re.compile(
    r"(?i)(?<![a-z])(?:national[\s_]+insurance(?:[\s_]+card)?|ni[\s_]+(?:no|number)|"
    r"nino|nhs|aadhaa?r|pan|pesel|cpf|curp|bsn|burgerservicenummer|my[\s_]+number|rrn|nir|insee|"
    r"s[ée]curit[ée][\s_]+sociale|cpr|f[øo]dselsnummer|resident[\s_]+registration|"
    r"personnummer|hetu|henkilötunnus|steuer[\s_\-]*(?:id|idnr|nummer)|"
    r"idnr|steueridentifikationsnummer|sin|social[\s_]+insurance|dni|nif|nie|codice[\s_]+fiscale|"
    r"tfn|tax[\s_]+file[\s_]+(?:no|number)|rfc|"
    rf"{_SHAPELESS_NAMES})(?![a-z]){_AFTER_NAME}$"
)
_CUE_REACH = 48

# Numbers are read in one pass: each run of digits (in groups joined by one space,
# dash or plus, with a letter after it) is a candidate, and only the shapes with its
# count of digits are tried on it.
# A Finnish HETU's century may be a letter (A to F from 2000, U to Y for the 1900s).
_DIGIT_RUN = re.compile(
    r"\d(?<![\w\-.+]\d)"
    r"(?:\d{5}[A-FU-Y]\d{3}[0-9A-Y](?![\w\-])|\d*(?:[ \-+.]\d+)*(?:-?[A-Z])?(?![\w\-]|\.\d))"
)
_DNI = re.compile(r"\d{8}-?[A-Z]")
_HETU = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]")
_PERSONNUMMER = re.compile(r"(?:\d{8}|\d{6})[-+]\d{4}")
_PLAIN_PERSONNUMMER = re.compile(r"\d{12}|\d{10}")
_TEN = re.compile(r"\d{3}([ \-]?)\d{3}\1\d{4}")  # NHS
_TWELVE = re.compile(r"\d{4}([ \-]?)\d{4}\1\d{4}")  # Aadhaar
_ELEVEN = re.compile(r"\d{11}|\d{2} \d{3} \d{3} \d{3}")  # PESEL, Steuer-ID ("86 095 742 719")
_NINE = re.compile(r"\d{3}([ \-]?)\d{3}\1\d{3}")  # SIN, BSN
_CPF = re.compile(r"\d{3}\.\d{3}\.\d{3}-\d{2}")
_BELGIAN = re.compile(r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}")
_NIR_SPACED = re.compile(r"[12] \d{2} \d{2} \d{2} \d{3} \d{3} \d{2}")
_FIFTEEN = re.compile(r"\d{15}")  # NIR
_RRN = re.compile(r"\d{6}-\d{7}")
_CNIC = re.compile(r"\d{5}-\d{7}-\d")  # Pakistan's computerised national identity card
_THIRTEEN = re.compile(r"\d{13}")  # South African ID
_CHINESE = re.compile(r"\d{17}[\dX]")
# Numbers that begin with letters, in one pass: a UK NINO, an Indian PAN, a Spanish
# NIE, an Italian codice fiscale, a Mexican CURP or RFC.
_LETTERED = re.compile(
    r"[A-Z](?<![\w\-.][A-Z])(?:"
    r"(?P<nino>[A-Z](?: ?\d{2}){3} ?[A-D])"
    r"|(?P<pan>[A-Z]{4}\d{4}[A-Z])"
    r"|(?<=[XYZ])(?P<nie>-?\d{7}-?[A-Z])"
    r"|(?P<fiscal>[A-Z]{5}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z])"
    r"|(?P<curp>[A-Z]{3}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d)"
    r"|(?P<rfc>[A-ZÑ&]{3}\d{6}[A-Z0-9]{3})"  # a Mexican person's RFC, after its first letter
    r")(?![\w\-])"
)
_PAN_HOLDER_TYPES = "ABCFGHJLPT"  # person, company, firm, trust...: an Indian PAN's fourth letter
_NEVER_ISSUED_NINO = ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")
# After "passport" or "ID number": the token, with a digit in it.
# (dots inside, as Chile writes a RUT, "12.345.678-5"; a check digit in brackets after
# it, as Hong Kong writes it, "A123456(7)")
_TOKEN = re.compile(
    r"[A-Z0-9](?:[A-Z0-9\-]|\.(?=\d)){4,17}(?:\([0-9A-Z]\))?(?![\w\-])", re.IGNORECASE
)


def _luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _sin(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    return len(digits) == 9 and digits[0] not in "08" and _luhn(digits)


def _chinese_id(value: str) -> bool:
    """ISO 7064 MOD 11-2 and a real birth date: stdnum's `cn.ric` also checks the birth
    place against a 5 MB table each worker would load for itself."""
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return bool(mod_11_2.is_valid(value))


def _checked_by(recognizer: type) -> Callable[[str], bool]:
    validate = recognizer(supported_language="en").validate_result
    return lambda value: bool(validate(value))


Check = Callable[[str], bool]


class NationalIdRecognizer(OfflineRecognizer):
    """NATIONAL_ID: UK NINO and NHS, Spanish DNI/NIE, Italian codice fiscale, Indian PAN and
    Aadhaar, Polish PESEL, German Steuer-ID, Australian TFN, Swedish personnummer, Danish CPR, Norwegian
    fødselsnummer, Finnish HETU, Dutch BSN, Belgian national number, French NIR, Canadian
    SIN, Brazilian CPF, Mexican CURP, Chinese resident ID, Korean RRN, Japanese My Number,
    South African ID, Pakistani CNIC, and any passport, driving licence or ID number after its name."""

    ENTITY = ENTITY
    CONTEXT = ["national", "insurance", "nhs", "passport", "identity", "id"]

    def __init__(self) -> None:
        super().__init__()
        personnummer = _checked_by(SePersonnummerRecognizer)
        # (shape, check, found without its name) by the count of digits in a run
        self._by_digits: dict[int, tuple[tuple[re.Pattern[str], Check, bool], ...]] = {
            8: ((_DNI, _checked_by(EsNifRecognizer), True),),
            9: (
                (_HETU, _checked_by(FiPersonalIdentityCodeRecognizer), True),
                (_NINE, _either(_sin, bsn.is_valid, tfn.is_valid), False),
            ),
            10: (
                (_PERSONNUMMER, _either(personnummer, cpr.is_valid), True),
                (_TEN, _checked_by(NhsRecognizer), False),
                (_PLAIN_PERSONNUMMER, personnummer, False),
            ),
            11: (
                (_CPF, cpf.is_valid, True),
                (_BELGIAN, belgian_nn.is_valid, True),
                (
                    _ELEVEN,
                    _either(
                        _checked_by(PlPeselRecognizer),
                        _checked_by(DeTaxIdRecognizer),
                        cpf.is_valid,
                        fodselsnummer.is_valid,
                        belgian_nn.is_valid,
                    ),
                    False,
                ),
            ),
            12: (
                (_PERSONNUMMER, personnummer, True),
                (_TWELVE, _either(_checked_by(InAadhaarRecognizer), my_number.is_valid), False),
                (_PLAIN_PERSONNUMMER, personnummer, False),
            ),
            13: (
                (_RRN, rrn.is_valid, True),
                (_CNIC, cnic.is_valid, True),
                (_THIRTEEN, _either(idnr.is_valid, cnic.is_valid), False),
            ),
            15: ((_NIR_SPACED, nir.is_valid, True), (_FIFTEEN, nir.is_valid, False)),
            17: ((_CHINESE, _chinese_id, True),),  # the check character is an X
            18: ((_CHINESE, _chinese_id, True),),
        }
        self._lettered: dict[str, Check] = {
            "nino": lambda value: value[:2] not in _NEVER_ISSUED_NINO,
            # alone, only with a holder's type in fourth place; after "PAN" any letter
            # there ("ABCDE1234F", the sample forms print)
            "pan": lambda value: value[3] in _PAN_HOLDER_TYPES,
            "nie": _checked_by(EsNieRecognizer),
            "fiscal": _checked_by(ItFiscalCodeRecognizer),
            "curp": curp.is_valid,
            "rfc": rfc.is_valid,  # its date of birth must be one
        }

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # every number it reads holds one
        results = []
        for run in _DIGIT_RUN.finditer(text):
            value = run.group()
            digits = sum(c.isdigit() for c in value)
            shapes = [s for s in self._by_digits.get(digits, ()) if s[0].fullmatch(value)]
            if not shapes:
                continue
            cued = self._cued(text, run.start())
            for _shape, check, alone in shapes:
                # after its name, a number of its shape is one, its check digit mistyped
                # or not: the name says whose number it is
                if cued or (alone and check(value)):
                    results.append(self._found(run.start(), run.end(), cued))
                    break
        for match in _LETTERED.finditer(text):
            cued = self._cued(text, match.start())
            if cued or self._lettered[match.lastgroup or ""](match.group()):
                results.append(self._found(match.start(), match.end(), cued))
        results += self._named_tokens(text)
        if "<<" in text:
            results += [
                self.result(m.start(), m.end(), CUED, "a machine-readable zone")
                for m in _MRZ_LINE.finditer(text)
                if sum(c.isalnum() for c in m.group()) >= 5
            ]
        return results

    def _found(self, start: int, end: int, cued: bool):  # type: ignore[no-untyped-def]
        return self.result(start, end, CUED if cued else SHAPED, "ID number")

    @staticmethod
    def _cued(text: str, start: int) -> bool:
        return bool(_CUE.search(text, max(0, start - _CUE_REACH), start))

    def _named_tokens(self, text: str) -> list:  # type: ignore[type-arg]
        """ "passport no. X1234567", "ID number: 4711-0815": the token after the name."""
        results = []
        lowered = folded_like_re(text)
        if _NAMED_WORDS.isdisjoint(folded_words(text)) and not _ID_OR_DL.search(lowered):
            return results  # the pattern would try every position for nothing
        for cue in _NAMED.finditer(text):
            token = _TOKEN.match(text, cue.end())
            if token and sum(c.isdigit() for c in token.group()) >= 4:
                results.append(self.result(token.start(), token.end(), CUED, "after its name"))
        return results


_NAMED = re.compile(rf"(?i)(?<![a-z])(?:{_SHAPELESS_NAMES})(?![a-z]){_AFTER_NAME}")
# A line of a passport's or an ID card's machine-readable zone, as a photo of one is
# transcribed: capitals, digits and "<" fillers, 30 (ID cards), 36 or 44 (passports)
# long, fillers in a row somewhere; it holds the name, the document's number, the
# nationality and the date of birth ("P<GBRSMITH<<JOHN<<<...", "1234567897GBR7905146M...").
_MRZ_LINE = re.compile(r"(?<![A-Za-z0-9<])(?=[A-Z0-9<]*<<)[A-Z0-9<]{30,44}(?![A-Za-z0-9<])")


# The first words of _NAMED's names, one of which a text holds where it can match: the
# pattern's alternation tried at every position of a text costs as much as the rest of
# the recognizer (words, not substrings: "rut" is in "truth", "nin" in "morning")
_NAMED_WORDS = frozenset(
    ["passport", "pasaporte", "passeport", "reisepass", "passaporto", "pass", "travel",
     "national", "identity", "personal", "driver", "drivers", "driving", "führerschein",
     "nric", "hkid", "emirates", "teudat", "israeli", "rut", "cuit", "cuil", "tc", "kimlik",
     "mykad", "nik", "ktp", "nin", "cnp", "ahv", "avs", "pps", "ppsn", "health", "ohip",
     "medicare", "bvn", "voter", "voters", "epic", "ration", "kra", "nhi", "cnic", "nicop",
     "nid", "nic", "tckn", "personalausweis", "personalausweisnummer", "ausweis",
     "ausweisnummer", "carte", "cni", "carta", "documento", "cédula", "cedula", "rg", "dui",
     "sa", "rsa", "south", "ird", "gstin", "gst", "mrn", "medical", "patient", "member",
     "subscriber", "policy", "insurance", "krankenversicherungsnummer", "versichertennummer"]
)  # fmt: skip
_ID_OR_DL = re.compile(r"(?:id|dl)[\s_]*(?:no|number|card|nr|#)")


def _either(*checks: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda value: any(check(value) for check in checks)
