"""Phone numbers: one regex pass for candidates, then libphonenumber or their shape.

presidio's PhoneRecognizer runs libphonenumber's matcher over the whole text once
per region (~10 ms per 2 KB for three regions) and scores plain US numbers below
the usual threshold. Here one compiled regex finds digit runs shaped like phone
numbers and only those few candidates are examined:

- valid for one of the policy's regions (or in international form): strong;
- written the way phone numbers are written (a leading + or 0, an area code in
  parentheses, an extension, three or more digit groups) but not valid, as in
  made-up or foreign local numbers: weaker, raised by context words nearby.

Shapes that are something else (dates and times, IP addresses, US SSNs) are
never phones.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import RecognizerResult

from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.results import OfflineRecognizer

# Letters or digits right beside a candidate end it, so order numbers and SKUs
# such as INV-2024-000123 are not read as phones. (The first character, "+", "("
# or a digit, is matched before what stands behind it is checked, so that `re`
# can skip in C from one such character to the next; then "+(", "+", "(" or
# nothing before the first digit, as `\+?\(?\d` reads it.)
# (Chinese, Japanese, Korean and Thai letters may touch it: those scripts write no
# space before a number, "電話番号は090-1234-5678です", "电话13812345678".)
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CANDIDATE = re.compile(
    # (a country's code in brackets too: "(+358) 777412154")
    rf"([+(\d](?<!(?![{_UNSPACED}])[\w+\-/.].)(?:(?<=\+)\(?\d|(?<=\()\+?\d|(?<=\d))"
    r"[\d \t().\-/_]{5,22}\d(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?)"
    rf"(?!(?![{_UNSPACED}])[\w/]|-\d|\.\d)",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5}$", re.IGNORECASE)
_NOT_A_PHONE = (
    re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\D|$)"),  # 2024-03-05, 2024-03-05 11
    re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})$"),  # 03/05/2024, 5.3.24
    re.compile(r"^\d{1,2}/\d{1,2}[ \t]*[-–—][ \t]*\d{1,2}/\d{1,2}$"),  # 12/24-12/31, a span of days
    re.compile(r"^\d{1,3}(\.\d{1,3}){3}$"),  # 10.1.2.3
    re.compile(r"^\d{3}-\d{2}-\d{4}$"),  # a US SSN's shape
    # (an underscore joins a phone's groups as an identifier does, "415_867_5309", not a
    # number's thousands as code writes them, "100_000_000", nor an SSN's shape)
    re.compile(r"^\d{1,3}(?:_\d{3})+$|^\d{3}_\d{2}_\d{4}$"),
)
# Greek, Cyrillic, Arabic, Persian, Urdu, Hebrew, Hindi, Bengali, Chinese, Japanese,
# Korean, Thai and Vietnamese words for a phone ("τηλ.", "телефон", "هاتف", "تلفن",
# "טלפון", "मोबाइल", "ফোন", "电话", "携帯", "전화", "โทร", "SĐT").
# Written onto the words around them, as those scripts do ("電話番号は090-...",
# "电话13812345678", "전화번호는", "هاتفي", "телефону"), so they need no word's end.
_PHONE_WORDS_BEYOND_LATIN = (
    "τηλ", "τηλέφωνο", "κινητό", "телефон", "тел", "моб", "мобильный", "هاتف", "جوال",
    "الهاتف", "موبايل", "تلفن", "موبایل", "موبائل", "فون", "טלפון", "נייד", "מספר טלפון",
    "मोबाइल", "फ़ोन", "फोन", "दूरभाष", "মোবাইল", "ফোন", "电话", "電話", "手机", "手機", "携帯",
    "전화", "휴대폰", "핸드폰", "โทร", "เบอร์",
)  # fmt: skip
_BEYOND_LATIN = "|".join(_PHONE_WORDS_BEYOND_LATIN)
# A cue word may also be part of a field's name: "customer_phone=", "customerPhone:",
# "phoneNumber", "mobile_no" (an underscore or a capital joins it, not a letter:
# "microphone", "telecall").
_WORD_STARTS = r"(?:(?<![^\W_])|(?<=[a-z])(?=(?-i:[A-Z])))"
_WORD_ENDS = r"(?:(?![^\W_])|(?=(?-i:[A-Z])))"
# Words that announce a phone number a few words ahead: "call me at", "text",
# "WhatsApp". presidio's context scoring would not do for these: it drops stop
# words such as "call", and matches whole words only ("calling" is not "call").
_CUE_BEFORE = re.compile(
    rf"{_WORD_STARTS}(?:call(?:s|ed|ing)?|ring|text|sms|whats\s?app|signal|phone[sd]?|cell(?:phone)?|"
    r"mobile|tel|telephone|fax|ph|numbers?|reach|dial|contact|extension|ext|"
    # and in the customers' languages: Telefon, teléfono, téléphone, Handy, móvil...
    r"telefon|telefono|teléfono|téléphone|telefone|telefoon|tél|tlf|handy|mobil|móvil|"
    # (and "HP", a handphone, as Singapore, Malaysia and Indonesia write it)
    rf"movil|celular|portable|cellulare|rufnummer|sđt|điện[ \t]+thoại|đt|(?-i:HP|hp)){_WORD_ENDS}"
    rf"[^\n\d]{{0,24}}$|(?:{_BEYOND_LATIN})[^\n\d]{{0,24}}$",
    re.IGNORECASE,
)
# Only the words that name a phone: after them a number of seven digits or more in one
# or two runs is one too ("电话 13812345678", "τηλ. 210 1234567"); not after "number".
_PHONE_NAMED_BEFORE = re.compile(
    rf"{_WORD_STARTS}(?:(?:reach|call|text|ring|whats\s?app)\s+(?:me|him|her|us|them)\s+(?:on|at)|"
    r"(?:my|his|her|their|your)\s+(?:number|no\.?)\s+is|"
    # "called from 3100251678", "calls on ...", "calling at ..."
    r"call(?:ed|s|ing)\s+(?:from|on|at)|"
    r"call|text|sms|whats\s?app|phone|cell(?:phone)?|mobile|tel|telephone|ph|fax|"
    r"telefon|telefono|teléfono|téléphone|telefone|telefoon|tél|tlf|handy|mobil|móvil|movil|"
    r"celular|portable|cellulare|sđt|điện[ \t]+thoại|đt)"
    # ... and its number: "phone number:", "phoneNumber", "mobile_no", "Tel.-Nr."
    rf"(?:(?:[^\n\w]{{0,2}}|_)(?:number|no|num|nr|nummer|número|numero|numéro))?{_WORD_ENDS}"
    r"[^\n\w]{0,6}$"
    # ... and the words of other scripts, with their particles and endings ("電話番号は",
    # "전화번호는", "هاتفي"); Hindi's "my number" ("मेरा नंबर")
    rf"|(?:{_BEYOND_LATIN}|मेरा[ \t]+नंबर)[^\n\d]{{0,8}}$",
    re.IGNORECASE,
)
# The label of a record's number right before it: an order, invoice, ticket, parcel or
# meeting is no one's phone, though its number may be written as one. (Not "account":
# an account's number is a bank's, which the bank rules read after their own words.)
_RECORD_LABEL_BEFORE = re.compile(
    # ("case" only with its mark: "in case 415 555 0199 is busy" is a phone)
    r"\b(?i:order|invoice|inv|po|sku|ticket|case(?=[ \t]*(?:#|:|no\b|number|id\b))|ref|"
    r"reference|tracking|shipment|parcel|"
    r"meeting[ \t]+id|conference[ \t]+id|webinar[ \t]+id|booking|reservation|confirmation|"
    r"serial|part|model|build|version|batch|lot)"
    r"[ \t_]*(?i:no\.?|number|nr\.?|id)?[ \t]*[:#=]?[ \t]*$"
)
# The number a WhatsApp link opens a chat with: "wa.me/447911123456",
# "api.whatsapp.com/send?phone=447911123456" (the link's own digits, no + or spaces).
_IN_A_CHAT_LINK = re.compile(r"(?i:wa\.me/|whatsapp\.com/send/?\?phone=)(\+?\d{7,15})(?!\d)")
_MIN_DIGITS, _MAX_DIGITS = 7, 15
VALID_SCORE = 0.75
SHAPE_SCORE = 0.55
LOCAL_SHAPE_SCORE = 0.4  # two digit groups (867 5309) are often not phones: needs context
_CONTEXT_WORDS = [
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "fax",
    "ph",
    "number",
    "contact",
    "reach",
    "dial",
    "telefon",
    "telefono",
    "teléfono",
    "téléphone",
    "telefone",
    "telefoon",
    "handy",
    "mobil",
    "móvil",
    "celular",
    "portable",
    "cellulare",
]


def _digit_groups(candidate: str) -> list[str]:
    return re.findall(r"\d+", candidate)


def _looks_like_a_phone(candidate: str, digits: int) -> bool:
    groups = _digit_groups(_EXTENSION.sub("", candidate))
    if candidate.startswith("+") or candidate.startswith("(") or _EXTENSION.search(candidate):
        return digits >= 8
    if len(groups) >= 3 and all(len(g) <= 5 for g in groups) and digits >= 8:
        return True
    if candidate.startswith("0") and len(groups) >= 2 and digits >= 9:
        return True
    # local numbers written in two groups: 867 5309, 9472 7916, 99 668472; and India's
    # mobiles, five and five from a 6 to a 9: 98765 43210
    return len(groups) == 2 and (
        digits in (7, 8) or (len(groups[0]) == len(groups[1]) == 5 and groups[0][0] in "6789")
    )


class FastPhoneRecognizer(OfflineRecognizer):
    """Finds phone numbers by validity in the policy's regions or by how they are written."""

    ENTITY = "PHONE_NUMBER"
    CONTEXT = _CONTEXT_WORDS

    def __init__(self, regions: tuple[str, ...]) -> None:
        self.regions = regions
        super().__init__()

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # every number it reads holds one
        results: list[RecognizerResult] = []
        if "wa.me/" in text or "phone=" in text:
            results += [
                self.result(m.start(1), m.end(1), VALID_SCORE, "a phone in a chat link")
                for m in _IN_A_CHAT_LINK.finditer(text)
            ]
        for match in _CANDIDATE.finditer(text):
            candidate = match.group(1).rstrip(" \t.-/(")
            number = _EXTENSION.sub("", candidate)
            digits = sum(ch.isdigit() for ch in number)
            if not _MIN_DIGITS <= digits <= _MAX_DIGITS or any(
                p.search(number) for p in _NOT_A_PHONE
            ):
                continue
            if (
                not number.startswith(("+", "("))
                and _RECORD_LABEL_BEFORE.search(text, max(0, match.start(1) - 24), match.start(1))
                and not _CUE_BEFORE.search(text, max(0, match.start(1) - 60), match.start(1))
            ):
                continue  # "Order 1234567890", "Meeting ID 812 3456 7890": a record's number
            if self._is_valid(number):
                score = VALID_SCORE
            elif (
                len(_digit_groups(number)) <= 2
                and _MIN_DIGITS <= digits <= 13
                and _PHONE_NAMED_BEFORE.search(text, max(0, match.start(1) - 40), match.start(1))
            ):
                # "电话 13812345678", "τηλ. 210 1234567", Denmark's eight digits unbroken
                # after the field that names them ("Phone: 24083390", "call 86264851")
                score = SHAPE_SCORE
            elif _looks_like_a_phone(candidate, digits):
                # "867 5309" needs a cue; "07700 900123", a trunk prefix and ten digits
                # or more, is written as only a phone number is
                two_groups = (
                    len(_digit_groups(number)) == 2
                    and not number.startswith(("+", "("))
                    and not (number.startswith("0") and digits >= 10)
                )
                cued = _CUE_BEFORE.search(text, max(0, match.start(1) - 60), match.start(1))
                score = LOCAL_SHAPE_SCORE if two_groups and not cued else SHAPE_SCORE
            else:
                continue
            start = match.start(1)
            why = "valid phone number" if score == VALID_SCORE else "written like a phone number"
            results.append(self.result(start, start + len(candidate), score, why))
        return results

    def _is_valid(self, candidate: str) -> bool:
        regions = (None,) if candidate.startswith("+") else self.regions
        for region in regions:
            try:
                number = phonenumbers.parse(candidate, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return True
        return False
