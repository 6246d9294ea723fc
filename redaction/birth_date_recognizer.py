"""Dates of birth: a date is personal data where it says when someone was born.

A prompt is full of dates (meetings, renewals, deadlines) that are nobody's
personal data, so a date counts only after a word that says it is a birth
date ("DOB:", "born on", "date of birth", "Geburtsdatum", "fecha de
nacimiento", "b.") or right before one ("12/03/1985 (DOB)"), whether or not it is a
real day: a mistyped birth date is still someone's. "Born in 1985" gives the
year alone, which is one too.
"""

from __future__ import annotations

import re

from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.text_cues import folded_like_re

ENTITY = "DATE_OF_BIRTH"
SCORE = 0.95

# (a full stop after a shortened name only: "12 Jun. 1985", not the one ending "5th of June.")
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
    # and in the customers' languages, after their own words for a birth date ("né le 12
    # mars 1985", "nacido el 12 de marzo de 1985", "geboren am 12. März 1985")
    r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|"
    r"noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|"
    r"dicembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|dezembro|"
    r"januar|februar|m[äa]rz|juni|juli|oktober|dezember|januari|februari|maart|mei|augustus)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|\.(?=\s))?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_YEAR_OR_SHORT = rf"(?:{_YEAR}|['’]\d\d)(?!\d)"
# Right after its name only: a year alone ("DOB 1985"), or the date's digits run
# together ("DOB 03121985", "DOB 031285")
_YEAR_OR_RUN = rf"(?:{_YEAR}|\d{{8}}|\d{{6}})(?![./\-]?\d)"
_DATE = (
    rf"(?:\d{{1,2}}[./\-]\d{{1,2}}[./\-](?:\d{{4}}|\d{{2}})"  # 12/03/1985, 12.03.85
    rf"|{_YEAR}[./\-]\d{{1,2}}[./\-]\d{{1,2}}"  # 1985-03-12
    rf"|{_DAY}(?:\s+(?:of|de|di))?\s+{_MONTHS}(?:,|\s+de)?\s+{_YEAR_OR_SHORT}"  # 12 March 1985, 12th of Mar '85
    rf"|{_MONTHS}\s+{_DAY},?\s+{_YEAR_OR_SHORT}"  # March 12, 1985
    rf"|{_YEAR}\s+{_MONTHS}\s+{_DAY}(?!\d))"  # 1985 March 12
)
# Right after its name, a birthday without its year is one too: "Birthday: 3/5", "born May 3"
_DAY_AND_MONTH = (
    rf"(?:\d{{1,2}}[./\-]\d{{1,2}}(?![./\-]?\d)|{_DAY}(?:\s+of)?\s+{_MONTHS}(?!\w|\.\w|,?\s+\d)"
    rf"|{_MONTHS}\s+{_DAY}(?!\w|,?\s+\d))"
)
# What says the date after it is a birth date; then a colon, "is", "on", "am"...
# (and a format's hint: "Date of Birth (MM/DD/YYYY): 05/03/1990")
# Between the cue and the date: a colon or a dash, or the question's end and the
# answer on the next line, after its speaker ("date of birth?\nCaller: 4 June 1982").
_GAP = r"(?:[^\w\n]{0,4}|\?[ \t]*\n[ \t]*(?:[A-Z][\w.'’\- ]{0,30}:[ \t]*)?)"
_CUE_BEFORE = re.compile(
    r"(?i)(?<![a-z])(?:d\.?o\.?b|date[\s_]*of[\s_]*birth|birth[\s_]*date|birthday|born(?:\s+on)?|"
    r"geburtsdatum|geb\.|geboren(?:\s+am)?|fecha\s+de\s+nacimiento|nacid[oa](?:\s+el)?|nascid[oa](?:\s+em)?|"
    r"date\s+de\s+naissance|n[ée]e?\s+le|data\s+di\s+nascita|nat[oa]\s+il|"
    r"data\s+de\s+nascimento|geboortedatum|geboren\s+op|data\s+urodzenia|urodzon[ya](?:\s+dnia)?|"
    r"f[öo]delsedatum|f[öo]dd|f[øo]dselsdato|f[øo]dt|syntym[äa]aika|syntynyt|"
    r"do[ğg]um\s+tarihi)(?![a-z])"
    r"(?:\s*\([^()\n]{1,16}\))?"
    # whose it is, before a colon: "Birthday of the decision maker: 14 Feb 1979"
    # (a noun's: not after "born", "born for the job: 1999")
    r"(?:(?<!born)(?<! on)[ \t]+(?:of|for)[ \t]+[^\n:.;]{1,40}?(?=[ \t]*[:\-–]))?"
    # ("is on the 5th of June", "was on 3 May", "falls on")
    rf"{_GAP}(?:(?:is|was|falls)\s+)?(?:(?:on|am|el|le|il|em)\s+)?(?:the\s+)?"
    rf"(?P<date>{_DATE}|{_DAY_AND_MONTH}|{_YEAR_OR_RUN})(?![\w/.\-]\d)"
)
# "b." for born, as in a biography or a family tree, in brackets or after a comma:
# "Maria Kowalski (b. 1985)", "Maria Kowalski, b. 12/03/1985"; not "plan b. 12/03"
_B_DOT = re.compile(
    rf"(?:^|(?<=[(\[\n,;])|(?<=[(\[\n,;][ \t]))b\.[ \t]?(?P<date>{_DATE}|{_YEAR}(?![./\-]?\d))(?![\w/.\-]\d)"
)
_DATE_THEN_CUE = re.compile(
    rf"(?i)(?<![\w/.\-])(?P<date>{_DATE})[\s(\[,\-]{{1,4}}(?:d\.?o\.?b\.?|date\s+of\s+birth|born)(?![a-z])"
)
_BORN_IN = re.compile(rf"(?i)(?<![a-z])born\s+in\s+(?P<date>{_YEAR})(?!\d)")
# A birth date in words, as a call's transcript writes it: "date of birth is the twelfth
# of March nineteen eighty-five", "birthday: March the third, two thousand and one",
# "born on March third".
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TWO_DIGITS = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNITS}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|(?:oh|o)[- ](?:{_UNITS}))"
)
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)\s+(?:hundred(?:\s+and)?\s+)?{_TWO_DIGITS}"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{_TWO_DIGITS}|{_UNITS}))?|twenty\s+{_TWO_DIGITS})"
)
_ORDINAL = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth)"
)
_MONTH_WORDS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
# ("the fourth of July, 1985": the year in digits after a day in words is its year too)
_YEAR_IN_WORDS_OR_DIGITS = rf"(?:{_SPELLED_YEAR}|(?:19|20)\d\d(?!\d))"
_SPELLED_AFTER_CUE = re.compile(
    r"(?i)(?<![a-z])(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)(?![a-z])"
    rf"{_GAP}(?:(?:is|was|falls)\s+)?(?:on\s+)?(?:the\s+)?"
    rf"(?P<date>{_ORDINAL}\s+of\s+{_MONTH_WORDS}(?:,?\s+{_YEAR_IN_WORDS_OR_DIGITS})?"
    rf"|{_MONTH_WORDS}\s+(?:the\s+)?{_ORDINAL}(?:,?\s+{_YEAR_IN_WORDS_OR_DIGITS})?)(?![a-z])"
)


def _may_spell(lowered: str) -> bool:
    """Whether a text can hold a birth date in words after its cue."""
    return "birth" in lowered or "born" in lowered or "dob" in lowered or "d.o.b" in lowered


# Lower-case words one of which a text must hold for any cue to be in it.
_GATE = ("dob", "d.o.b", "birth", "born", "geb", "nacimiento", "naissance", "nascita",
         "nascimento", "nacid", "nascid", "nato", "nata", "urodz", "fod", "syntym", "dogum")  # fmt: skip
_GATE_BEYOND_ASCII = ("né", "föd", "fød", "doğum")  # looked for only in a text that can hold them


class BirthDateRecognizer(OfflineRecognizer):
    """DATE_OF_BIRTH for a date beside a word that says it is one."""

    ENTITY = ENTITY

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            # every number it reads holds one, but a transcript's date spelled in words
            return self._spelled(text) if _may_spell(folded_like_re(text)) else []
        lowered = folded_like_re(text)
        patterns = [_B_DOT] if "b." in text else []
        if any(word in lowered for word in _GATE) or (
            not lowered.isascii() and any(word in lowered for word in _GATE_BEYOND_ASCII)
        ):
            patterns += (_CUE_BEFORE, _DATE_THEN_CUE, _BORN_IN)
        results = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                # after its name, a date that is no real day (a typo) is still the birth date
                results.append(
                    self.result(match.start("date"), match.end("date"), SCORE, "birth date")
                )
        return results + (self._spelled(text) if _may_spell(lowered) else [])

    def _spelled(self, text: str):  # type: ignore[no-untyped-def]
        return [
            self.result(m.start("date"), m.end("date"), SCORE, "birth date in words")
            for m in _SPELLED_AFTER_CUE.finditer(text)
        ]
