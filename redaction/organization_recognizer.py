"""Company and organisation names without a language model.

Readings an offline detector can trust:

- a name written with a legal or trading suffix ("Hoffman Inc", "Barnett,
  Melton and Sons", "Acme GmbH");
- the same company named again without it ("... Hoffman Inc. ... Hoffman
  renewed");
- a company named by its own domain in the same text (`joe@contoso.com` ...
  "Contoso signs Friday"), except mailbox providers;
- the rules of `organisation_rules`: a listed company or well-known body
  ("Accenture", "NATO"), an institution ("Commerce Department"), an acronym
  ("FERC"), and a name the words around it make a company's ("the Contoso
  account"), which is then found again elsewhere in the text too.

Other companies named only by a bare word ("Peerless") cannot be told from
people, places and products without a model: that needs `redaction.spacy_model`.
"""

from __future__ import annotations

import bisect
import re

from presidio_analyzer import RecognizerResult

from tollgate.redaction.domains import organisation_label
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.organisation_rules import (
    CUED,
    acronyms,
    cued_companies,
    institutions,
    known_organisations,
)
from tollgate.redaction.prefilter import once_per_run
from tollgate.redaction.results import OfflineRecognizer

COMPANY_SUFFIX = (
    r"(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PLC|plc|GmbH|AG|SA|S\.A|SAS|SARL|BV|B\.V|NV|N\.V|Oy|AB|"
    r"ASA|A/S|SpA|S\.p\.A|Srl|Pty|Corp|Corporation|Company|Co|Group|Holdings|Partners|LLP|LP|"
    r"and\s+Sons|&\s+Sons|and\s+Co|&\s+Co|Associates|Industries|Enterprises|Technologies|Solutions|"
    r"Investments|Capital|Bank|Bancorp|Insurance|Consulting|Systems|Labs|Laboratories|Ventures|"
    r"Software|Networks|Pharmaceuticals|Logistics|Motors|Airlines)\b\.?"
)
_CAP_WORD = r"[A-Z][\w'’\-]*"
# One to four capitalised words (or "A, B and C"), then the suffix.
_COMPANY = re.compile(
    rf"\b((?:{_CAP_WORD}(?:,?\s+(?:and\s+|&\s+)?)){{1,4}}?){COMPANY_SUFFIX}",
)
# Where a company name can begin, and the run its first word takes: every
# capital inside that run begins the same name (see `once_per_run`).
_COMPANY_START = re.compile(r"\b[A-Z]")
_WORD_RUN = re.compile(r"[\w'’\-]*")
# Such a run with sixteen apostrophes or hyphens or more: only there is it read once per capital.
_CROWDED_RUN = re.compile(r"['’\-](?:\w*+['’\-]){15}")
_SUFFIX_AHEAD = re.compile(
    rf"^,?\s+(?:and\s+|&\s+)?(?:{_CAP_WORD},?\s+(?:and\s+|&\s+)?){{0,3}}{COMPANY_SUFFIX}"
)
_JOINER_AT_END = re.compile(r",?\s+(?:(?:and|&)\s+)?$")
# The host of an email address or a web address.
_HOST = re.compile(r"@([\w-]+(?:\.[\w-]+)+)|(?:://|\bwww\.)([\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
SCORE = 0.7
NAMED_AGAIN_SCORE = 0.6  # below a cued name's, so "Mr. Hoffman" stays a person


def followed_by_company_suffix(text: str, end: int) -> bool:
    """Whether the words after `end` finish a company name ("... Melton and Sons", "... Inc")."""
    return bool(_SUFFIX_AHEAD.match(text[end : end + 80]))


class CompanyRecognizer(OfflineRecognizer):
    """ORGANIZATION by company suffix, by the same name again, and by a company's own domain."""

    ENTITY = "ORGANIZATION"

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results, names = self._with_suffix(text)
        without_suffix = self._without_suffix(text)
        # a company the words around it named is the same company elsewhere in the text
        names.extend(re.escape(text[r.start : r.end]) for r in without_suffix if r.score == CUED)
        names.extend(re.escape(label).replace(r"\-", r"[\s\-]?") for label in _domains(text))
        if names:
            # disjoint and in order (one pass of _COMPANY): an overlap is found by bisection
            starts, ends = [r.start for r in results], [r.end for r in results]
            again = re.compile(
                rf"(?<![\w@./\-])(?:{'|'.join(sorted(set(names), key=len, reverse=True))})"
                rf"(?![\w@/\-]|\.\w)",
                re.IGNORECASE,
            )
            for m in again.finditer(text):
                before = bisect.bisect_left(starts, m.end()) - 1
                if m.group()[0].isupper() and not (before >= 0 and ends[before] > m.start()):
                    results.append(
                        self.result(m.start(), m.end(), NAMED_AGAIN_SCORE, "named again")
                    )
        return results + without_suffix

    def _without_suffix(self, text: str) -> list[RecognizerResult]:
        return [
            self.result(start, end, score, why)
            for rule in (known_organisations, institutions, acronyms, cued_companies)
            for start, end, score, why in rule(text)
        ]

    def _with_suffix(self, text: str) -> tuple[list[RecognizerResult], list[str]]:
        """Companies written with a suffix, and their names without it as patterns."""
        common = lexicon().common_words
        results: list[RecognizerResult] = []
        names: list[str] = []
        for m in once_per_run(_COMPANY, _COMPANY_START, _WORD_RUN, text, crowded=_CROWDED_RUN):
            start = m.start(1)
            # "Invoice Globex GmbH": a capitalised ordinary word before the name is not part of it
            for word in re.finditer(r"[A-Z][\w'’\-]*", m.group(1)):
                if word.group().lower() not in common:
                    break
                start = m.start(1) + word.end() + 1
            if start < m.end() and not re.match(COMPANY_SUFFIX, text[start:]):
                results.append(self.result(start, m.end(), SCORE, "company suffix"))
                name = _JOINER_AT_END.sub("", text[start : m.end(1)])
                if len(name) > 2 and name.lower() not in common:
                    names.append(re.escape(name))
        return results, names


def _domains(text: str) -> set[str]:
    """The company names the text's own email and web addresses give."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return set()
    common = lexicon().common_words
    labels = set()
    for m in _HOST.finditer(text):
        label = organisation_label(m.group(1) or m.group(2))
        if label and len(label) > 2 and label not in common:
            labels.add(label)
    return labels
