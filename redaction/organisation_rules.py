"""Organisations named without a legal suffix: known names, institutions, acronyms.

Each rule gives (start, end, score, why) spans; `CompanyRecognizer` turns them
into results. Their scores sit below a person's cued or full name, so where
a word reads as both ("Hawkins", "Fox"), the person wins.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.text_cues import capitalised_words

Span = tuple[int, int, float, str]

KNOWN = 0.7  # a listed company or a well-known body
KNOWN_SURNAME = 0.55  # ... whose name is also a surname: a person's name wins it
INSTITUTION = 0.7  # "Commerce Department", "University of Texas"
ACRONYM = 0.5  # "FERC", "TW": the least certain; initials signing off are a person's

# A word may end on the possessive ("Accenture's").
_POSSESSIVE = ("'s", "’s")


def known_organisations(text: str) -> Iterator[Span]:
    """Listed companies and well-known bodies, as written: "Accenture", "Bank of America",
    "AT&T". A name in capitals ("WHO", "SEC") counts only in capitals and in a line
    that is not all capitals, where it could be the word ("Who", "WHO WON")."""
    organisations = lexicon().organisations
    shouted_line = _shouted_lines(text)
    taken_until = -1
    for token in capitalised_words(text):
        start = token.start()
        if start < taken_until:
            continue
        word = token.group()
        if word[-2:] in _POSSESSIVE:
            word = word[:-2]
        for name, surname in organisations.get(word.casefold(), ()):
            end = start + len(name)
            written = text[start:end]
            if name.isupper():
                if (
                    written != name
                    or shouted_line(start)
                    or name in _NOT_ORGANISATIONS  # "BIC" is a bank's code more often
                    or (  # "300 HP", "50 BP": a unit; but "2001 FERC"
                        len(name) <= 2 and _NUMBER_BEFORE.search(text, max(0, start - 3), start)
                    )
                ):
                    continue
            elif written.casefold() != name.casefold():
                continue
            if _word_goes_on(text, end) or _in_address(text, start, end):
                continue
            yield start, end, KNOWN_SURNAME if surname else KNOWN, "known organisation"
            taken_until = end
            break


def _word_goes_on(text: str, end: int) -> bool:
    """Whether the word at `end` continues past it ("Intel" in "Intelligence")."""
    after = text[end : end + 1]
    return bool(after) and (
        after.isalnum() or (after in "&-" and text[end + 1 : end + 2].isalnum())
    )


_ADDRESS_BEFORE = re.compile(r"[@/][ \t]*$")
_ADDRESS_AFTER = re.compile(r"[ \t]*[@/]")


def _in_address(text: str, start: int, end: int) -> bool:
    """A word in an email address or a mail system's office path: "@Accenture.com",
    "Kirk McDaniel/HOU/EES@EES" (written with spaces around the slashes, too)."""
    return bool(
        _ADDRESS_BEFORE.search(text, max(0, start - 3), start) or _ADDRESS_AFTER.match(text, end)
    )


_NEWLINE = re.compile("\n")


class _ShoutedLines:
    """Which lines of a text are written in capitals (a headline, a shouted line),
    each line read once however many words in it ask."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._lines: dict[int, bool] = {}

    def __call__(self, at: int) -> bool:
        text = self._text
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        begin = self._starts[bisect.bisect_right(self._starts, at) - 1]
        if (shouted := self._lines.get(begin)) is None:
            end = text.find("\n", at)
            line = text[begin : end if end >= 0 else len(text)]
            shouted = sum(c.islower() for c in line) * 2 < sum(c.isupper() for c in line)
            self._lines[begin] = shouted
        return shouted


@lru_cache(maxsize=4)
def _shouted_lines(text: str) -> _ShoutedLines:
    # one per text, shared by the rules that ask (as `capitalised_words` is)
    return _ShoutedLines(text)


# What an institution's name ends or begins with.
_HEADS = (
    "University|Institute|Ministry|Department|Dept|Commission|Council|Agency|Association|"
    "Foundation|Hospital|Federation|Bureau|Authority|Committee|Coalition|Society|College|"
    "Academy|Court|Tribunal|Parliament|Senate|Congress|Assembly|Secretariat|Administration|"
    "Directorate|Inspectorate|Regulator|Exchange"
)
_CAP = r"[A-Z][\w&'’\-]*"
# Each begins at a word's start: tried inside a long word, reading to its end each time
# was quadratic.
_WORD_START = r"(?<![\w&'’\-])"
_INSTITUTION = re.compile(
    rf"{_WORD_START}(?P<before>(?:{_CAP}[ \t]+){{0,4}})(?P<head>{_HEADS})\b"
    rf"(?P<of>[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_CAP}(?:[ \t]+(?:and[ \t]+|&[ \t]+)?{_CAP}){{0,3}})?"
)


def institutions(text: str) -> Iterator[Span]:
    """ "Commerce Department", "Power Pool Authority", "University of Texas": a name
    that a public body's or an institution's word ends, or begins before "of"."""
    if not _HEAD_WORDS.search(text):
        return  # most texts hold none, and the pattern is slow to try at every word
    for m in _INSTITUTION.finditer(text):
        start = m.start("before")
        # "The", "Our", "In": words before the name that are not part of it
        for word in re.finditer(_CAP, m.group("before")):
            if word.group().lower() not in STOP_WORDS:
                break
            start = m.start("before") + word.end()
            start += len(text[start:]) - len(text[start:].lstrip(" \t"))
        if start == m.start("head") and not m.group("of"):
            continue  # a lone "Department", "Council"
        yield start, m.end(), INSTITUTION, "institution"


_HEAD_WORDS = re.compile(rf"\b(?:{_HEADS})\b")


def begins_an_institution(text: str, start: int) -> bool:
    """Whether the word at `start` is one an institution's name begins with ("University")."""
    return _HEAD_WORDS.match(text, start) is not None


# Capitals that are not organisations: titles, units, formats, time zones,
# currencies, countries and US states, military post, and the shorthand of business mail.
_NOT_ORGANISATION_WORDS = """
    CEO CFO COO CTO CIO CMO CRO CISO CPO VP SVP EVP AVP GM MD HR PR IT QA QC RD PM AM
    FAQ FYI ASAP PDF CSV XLS XLSX PPT DOC DOCX TXT JPG PNG GIF ZIP HTML XML JSON URL API SDK
    SQL CRM ERP SAAS AI ML LLM GPU CPU RAM SSD USB LCD TV DVD CD PC GPS SMS MMS OS IOS
    EST EDT CST CDT MST MDT PST PDT GMT UTC BST CET CEST AEST IST JST
    ID TBD TBA TBC NA RE FW FWD CC BCC PS NB OK OOO EOD EOW COB ETA ETD YTD QTD MTD YOY QOQ
    ROI KPI OKR SLA NDA RFP RFQ RFI SOW PO MSA SOP SKU B2B B2C P&L M&A IPO LOI MOU DOB SSN
    PII GDPR CCPA HIPAA VAT GST EIN TIN IBAN BIC SWIFT ACH ATM PIN OTP MFA SSO VPN LAN WAN
    MW MWH KW KWH GW GWH BTU MMBTU BCF MCF MMCF KM KG LB LBS OZ FT MPH KPH
    USD EUR GBP JPY CAD AUD CHF CNY INR MXN BRL SEK NOK DKK PLN ZAR HKD SGD NZD
    USA US UK GB UAE EU USSR UN
    AL AK AZ AR CA CO CT DE FL GA HI IA ID IL IN KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
    I II III IV V VI VII VIII IX X XI XII XX
    AM PM AD BC BA BS BSC MA MBA MSC PHD JD MD DDS RN CPA ESQ JR SR
    Q1 Q2 Q3 Q4 H1 H2 FY
    APO FPO DPO USS USNS USNV USCGC PSC
    LOL BTW IMO IMHO TBH FAQ DIY AKA ASAP RSVP PTO WFH
    LY TY ARR MRR CAC LTV NPS ARPU EBIT EBITDA CAGR NPV IRR EPS COGS OPEX CAPEX SMB SME GTM POC
    QBR MQL SQL SDR BDR AE CSM ICP TAM SAM SOM OEM ODM RMA SLA SLO MVP UX UI CX
    NEW THE AND FOR NOT ALL YOU ARE
"""
_NOT_ORGANISATIONS = frozenset(_NOT_ORGANISATION_WORDS.split())
# Two to six capitals (an ampersand may join them: "PSE&G"), as a word of its own.
_ACRONYM = re.compile(r"(?<![\w&'’\-/@.])[A-Z](?:[A-Z]|&(?=[A-Z])){1,5}(?![\w&'’\-/@]|\.\w)")
_NUMBER_BEFORE = re.compile(r"\d[ \t]*$")


def acronyms(text: str) -> Iterator[Span]:
    """ "FERC", "TW", "PSE&G": capitals that are neither a word nor a listed title, unit,
    format, time zone, currency or place, in a line not written in capitals."""
    words = lexicon()
    common = words.common_words
    shouted_line = _shouted_lines(text)
    for m in _ACRONYM.finditer(text):
        letters = m.group()
        if (
            letters in _NOT_ORGANISATIONS
            or letters.lower() in common
            or letters.capitalize() in words.places  # "BOGOTA 1996-08-22"
            or _NUMBER_BEFORE.search(text, max(0, m.start() - 3), m.start())  # "5 MW"
            or shouted_line(m.start())
            or _in_address(text, m.start(), m.end())
        ):
            continue
        yield m.start(), m.end(), ACRONYM, "acronym"


# The words around a company in sales and business writing.
_CUE_WORDS_BEFORE = (
    r"customer|client|vendor|supplier|partner|competitor|prospect|reseller|distributor|"
    r"subsidiary|acquired|acquire|acquisition\s+of|merger\s+with|merged\s+with|shares\s+of|"
    r"(?:works?|worked|working|employed|job|role)\s+(?:at|for)|employed\s+by|joined|"
    r"(?:CEO|CFO|CTO|COO|founder|co-founder|president|chairman|owner)\s+of"
)
_CUE_WORDS_AFTER = (
    r"board|CEO|CFO|CTO|COO|shares|stock|revenue|headquarters|HQ|procurement|legal\s+team|"
    r"IT\s+team|finance\s+team|buying\s+team|account|contract|renewal|deal|subscription|"
    r"licen[cs]es?|rollout|pilot|RFP|purchase\s+order"
)
_NAME = rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
_CUED_COMPANY = re.compile(
    rf"\b(?i:{_CUE_WORDS_BEFORE})[ \t]+(?P<before>{_NAME})"
    rf"|\b(?i:the)[ \t]+(?P<the>{_NAME})[ \t]+(?i:{_CUE_WORDS_AFTER})\b"
    rf"|{_WORD_START}(?P<own>{_NAME})['’]s[ \t]+(?i:{_CUE_WORDS_AFTER})\b"
)
CUED = 0.6  # above two unlisted capitalised words read as a person's name (0.5)


def cued_companies(text: str) -> Iterator[Span]:
    """ "customer Initech", "the Contoso account", "Fabrikam's procurement team": a name
    that business words around it make a company's, unless it is a person's or a word."""
    words = lexicon()
    for m in _CUED_COMPANY.finditer(text):
        group = next(g for g in ("before", "the", "own") if m.group(g))
        name = m.group(group)
        first, *rest = name.split()
        if (
            first.lower() in words.common_words
            or first.lower() in STOP_WORDS
            or any(part in words.first_names or part in words.last_names for part in (first, *rest))
        ):
            continue  # "customer Maria", "the Hoffman account", "the Enterprise deal"
        yield m.start(group), m.end(group), CUED, "named as a company"
