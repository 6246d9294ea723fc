"""US Social Security numbers as people write them, including ones presidio sets aside.

presidio drops SSN-shaped values it knows as published samples (078-05-1120,
123-45-6789) and scores nine undashed digits too low to count even after
"SSN". A gateway cannot tell a sample from a real number typed by a rep, so
every SSN shape is redacted; nine digits in a row count when an SSN cue
stands just before them.
"""

from __future__ import annotations

import re

from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.results import OfflineRecognizer

# (an underscore too, as an identifier joins words: "536_22_1234" is no way around it)
_SEP = r"[ \-_\u2010-\u2015\u2212.]"
# The first digit is matched before what stands behind it is checked, so that
# `re` can skip in C from one digit to the next instead of trying every position.
_GROUPED = re.compile(rf"(\d(?<![\w\-.]\d)\d{{2}})({_SEP})(\d{{2}})\2(\d{{4}})(?![\w\-]|\.\d)")
_PLAIN = re.compile(r"\d(?<![\w\-.]\d)\d{8}(?![\w\-]|\.\d)")
# Letters may not touch the cue, underscores may: "customer_ssn: 536228745" is a cue.
_CUE = re.compile(
    r"(?i)(?<![a-z])(?:ssn|ss\s*#|ss\s*no|social[\s_]+security(?:[\s_]+(?:number|no|num|#))?|"
    r"itin|tax[\s_]*id|taxpayer[\s_]+id)(?![a-z])[^\n\d]{0,24}$"
)
# The last four digits, which identity checks ask for: "SSN ends in 4321", "last four of
# her social: 4321", "SSN (last 4): 4321".
_LAST_FOUR = re.compile(
    r"(?i)(?<![a-z])(?:ssn|social[\s_]+security(?:[\s_]+(?:number|no|#))?)(?![a-z])"
    r"[^\n\d]{0,12}?(?:ends?[\s_]+(?:in|with)|last[\s_]+(?:4|four)(?:[\s_]+digits)?)"
    r"[^\n\d]{0,8}?(\d{4})(?![\d\-])"
    r"|(?<![a-z])last[\s_]+(?:4|four)(?:[\s_]+digits)?[\s_]+of[\s_]+(?:the[\s_]+|her[\s_]+|his[\s_]+|their[\s_]+|my[\s_]+)?"
    r"(?:ssn|social(?:[\s_]+security)?(?:[\s_]+number)?)[^\n\d]{0,8}?(\d{4})(?![\d\-])"
)
# Spaced or dotted ones need a context word (+0.35); after an SSN cue the shape
# outranks a phone reading of the same digits.
DASHED, SPACED, CUED = 0.7, 0.45, 1.0


class SsnRecognizer(OfflineRecognizer):
    """Reports US_SSN for ddd-dd-dddd (any one separator) and for cued nine-digit runs."""

    ENTITY = "US_SSN"
    CONTEXT = ["ssn", "social", "security", "ss#", "itin", "taxpayer"]

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # every number it reads holds one
        results = []
        for match in _GROUPED.finditer(text):
            area, _, group, serial = match.groups()
            if "000" in (area,) or group == "00" or serial == "0000":
                continue  # never issued: part numbers and codes, not people
            cued = bool(_CUE.search(text[max(0, match.start() - 40) : match.start()]))
            score = (
                CUED
                if cued
                else DASHED
                if match.group(2) in "-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
                else SPACED
            )
            results.append(self.result(match.start(), match.end(), score, "SSN shape"))
        if "ssn" in (lowered := text.lower()) or "social" in lowered:
            results += [
                self.result(m.start(m.lastindex), m.end(m.lastindex), CUED, "an SSN's last four")
                for m in _LAST_FOUR.finditer(text)
            ]
        for match in _PLAIN.finditer(text):
            if _CUE.search(text[max(0, match.start() - 40) : match.start()]):
                results.append(
                    self.result(match.start(), match.end(), CUED, "nine digits after an SSN cue")
                )
        return results
