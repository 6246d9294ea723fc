"""Company names that say what they are: "Hoffman Inc", "Barnett, Melton and Sons", "Acme GmbH".

Without a language model only companies written with a legal or trading
suffix can be told from people named after their founders; the rest needs
`redaction.spacy_model`.
"""

from __future__ import annotations

import re

from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.results import OfflineRecognizer

COMPANY_SUFFIX = (
    r"(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PLC|plc|GmbH|AG|SA|S\.A|SAS|SARL|BV|B\.V|NV|N\.V|Oy|AB|"
    r"ASA|A/S|SpA|S\.p\.A|Srl|Pty|Corp|Corporation|Company|Co|Group|Holdings|Partners|LLP|LP|"
    r"and\s+Sons|&\s+Sons|and\s+Co|&\s+Co|Associates|Industries|Enterprises|Technologies|Solutions)\b\.?"
)
_CAP_WORD = r"[A-Z][\w'’\-]*"
# One to four capitalised words (or "A, B and C"), then the suffix.
_COMPANY = re.compile(
    rf"\b((?:{_CAP_WORD}(?:,?\s+(?:and\s+|&\s+)?)){{1,4}}?){COMPANY_SUFFIX}",
)
_SUFFIX_AHEAD = re.compile(
    rf"^,?\s+(?:and\s+|&\s+)?(?:{_CAP_WORD},?\s+(?:and\s+|&\s+)?){{0,3}}{COMPANY_SUFFIX}"
)
SCORE = 0.7


def followed_by_company_suffix(text: str, end: int) -> bool:
    """Whether the words after `end` finish a company name ("... Melton and Sons", "... Inc")."""
    return bool(_SUFFIX_AHEAD.match(text[end : end + 80]))


class CompanySuffixRecognizer(OfflineRecognizer):
    """ORGANIZATION for capitalised names that end in a company suffix."""

    ENTITY = "ORGANIZATION"

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        common = lexicon().common_words
        results = []
        for m in _COMPANY.finditer(text):
            start = m.start(1)
            # "Invoice Globex GmbH": a capitalised ordinary word before the name is not part of it
            for word in re.finditer(r"[A-Z][\w'’\-]*", m.group(1)):
                if word.group().lower() not in common:
                    break
                start = m.start(1) + word.end() + 1
            if start < m.end() and not re.match(COMPANY_SUFFIX, text[start:]):
                results.append(self.result(start, m.end(), SCORE, "company suffix"))
        return results
